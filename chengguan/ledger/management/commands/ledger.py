"""``chengguan ledger verify``: recompute every chain; exit 1 naming the first broken entry."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from chengguan.ledger.queries import verify


class Command(BaseCommand):
    help = "全过程记录：校验哈希链"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("verb", choices=["verify"])

    def handle(self, *args: Any, **opts: Any) -> None:
        started = time.perf_counter()
        result = verify(progress=lambda n: self.stderr.write(f"已校验 {n} 条…"))
        elapsed = time.perf_counter() - started
        if result.ok:
            self.stdout.write(
                f"校验通过：{result.chains} 条链，{result.checked} 条记录，用时 {elapsed:.2f} 秒"
            )
            return
        entry = result.broken
        where = (
            f"机关 {entry.bureau_id} 第 {entry.seq} 条（id={entry.pk}，动作 {entry.action}）"
            if entry is not None
            else ""
        )
        self.stderr.write(f"校验失败：{where} {result.reason}")
        sys.exit(1)
