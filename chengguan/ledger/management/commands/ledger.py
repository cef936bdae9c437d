"""``chengguan ledger verify|checkpoint``.

``verify`` recomputes every chain (keyed), checks it against the signed checkpoints outside the
database (``--against FILE``, else the default checkpoint file), re-hashes every evidence file and
kept 文书, and reconciles business rows with their last ledger entry; exit 1 naming the first
problem. ``--since-checkpoint`` walks each chain only from its last signed checkpoint (the
hourly run: its cost is the new entries', not the ledger's). ``checkpoint`` verifies the chains, then appends a signed checkpoint of every chain head.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from chengguan.ledger import checkpoints
from chengguan.ledger.checkpoints import CheckpointError
from chengguan.ledger.queries import VerifyResult, verify


class Command(BaseCommand):
    help = "全过程记录：校验哈希链、证据文件与业务数据；写签名检查点"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("verb", choices=["verify", "checkpoint"])
        parser.add_argument(
            "--against", type=Path, default=None, help="对照的检查点文件（默认为本机检查点文件）"
        )
        parser.add_argument("--out", type=Path, default=None, help="checkpoint：写入的检查点文件")
        parser.add_argument("--chain-only", action="store_true", help="verify：只校验哈希链")
        parser.add_argument(
            "--since-checkpoint",
            action="store_true",
            help="verify：只校验最后一个签名检查点之后的记录（每小时运行；全量校验每夜运行）",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["verb"] == "checkpoint":
            self._checkpoint(opts["out"])
            return
        started = time.perf_counter()
        full = not opts["chain_only"]
        result = verify(
            progress=lambda n: self.stderr.write(f"已校验 {n} 条…"),
            against=opts["against"],
            files=full,
            state=full,
            since_checkpoint=opts["since_checkpoint"],
        )
        elapsed = time.perf_counter() - started
        if result.ok:
            self.stdout.write(
                f"校验通过：{result.chains} 条链，{result.checked} 条记录，"
                f"{result.checkpoints} 个检查点，用时 {elapsed:.2f} 秒"
            )
            return
        self._fail(result)

    def _fail(self, result: VerifyResult) -> None:
        entry = result.broken
        where = (
            f"机关 {entry.bureau_id} 第 {entry.seq} 条（id={entry.pk}，动作 {entry.action}）"
            if entry is not None
            else ""
        )
        self.stderr.write(f"校验失败：{where} {result.reason}")
        for finding in result.findings[1:20]:
            self.stderr.write(f"  另：{finding.reason}")
        if len(result.findings) > 20:
            self.stderr.write(f"  共 {len(result.findings)} 处不符")
        sys.exit(1)

    def _checkpoint(self, out: Path | None) -> None:
        result = verify(against=out if out is not None and out.exists() else None)
        if not result.ok:
            self.stderr.write("链未通过校验，不写检查点：")
            self._fail(result)
        try:
            written = checkpoints.write(out)
        except CheckpointError as exc:
            self.stderr.write(f"检查点文件未通过校验，不写检查点：{exc}")
            sys.exit(1)
        path = out or checkpoints.default_path()
        self.stdout.write(f"已写检查点：{len(written)} 条链 → {path}")
