"""``chengguan backup --out FILE``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from chengguan.core.backup import backup


class Command(BaseCommand):
    help = "备份数据库和证据文件（一致性副本）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args: Any, **opts: Any) -> None:
        manifest = backup(opts["out"])
        self.stdout.write(
            f"已备份到 {opts['out']}：数据库（{manifest['vendor']}），"
            f"证据文件 {manifest['blobs']} 个"
        )
