"""``chengguan restore FILE`` (stop the server first), then verifies the ledger."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from chengguan.core.backup import restore


class Command(BaseCommand):
    help = "从备份恢复数据库和证据文件（请先停止服务）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--allow-unsigned", action="store_true", help="恢复未签名的旧格式备份（确认来源后）"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if not opts["archive"].exists():
            raise CommandError(f"找不到备份文件 {opts['archive']}")
        try:
            manifest = restore(opts["archive"], allow_unsigned=opts["allow_unsigned"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已恢复：{manifest['created_at']} 的备份")
        call_command("ledger", "verify", stdout=self.stdout, stderr=self.stderr)
