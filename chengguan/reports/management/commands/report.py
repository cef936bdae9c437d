"""``chengguan report annual --year Y --format md|docx|pdf [--out FILE] [--bureau CODE]``."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count

from chengguan.org.models import OrgUnit, Staff
from chengguan.reports.builder import build
from chengguan.reports.service import FORMATS, filename, render


class Command(BaseCommand):
    help = "生成法治政府建设年度报告"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["annual"])
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=sorted(FORMATS), default="pdf")
        parser.add_argument("--out", help="输出文件（默认为当前目录下的报告文件名）")
        parser.add_argument("--bureau", help="机关代码（只有一个机关时可省略）")

    def _bureau(self, code: str | None) -> OrgUnit:
        bureaus = OrgUnit.objects.filter(kind=OrgUnit.Kind.BUREAU)
        if code:
            found = bureaus.filter(code=code).first()
            if found is None:
                raise CommandError(f"没有代码为 {code} 的机关")
            return found
        # Without --bureau: the bureau with the most staff (a deployment normally has one).
        top = (
            Staff.objects.exclude(bureau=None)
            .values("bureau_id")
            .annotate(n=Count("id"))
            .order_by("-n", "bureau_id")
            .first()
        )
        found = bureaus.filter(pk=top["bureau_id"]).first() if top else None
        if found is None:
            raise CommandError("数据库中还没有机关，请先运行 chengguan demo 或录入机关")
        if bureaus.count() > 1:
            self.stderr.write(f"未指定 --bureau，使用人员最多的机关：{found.name}（{found.code}）")
        return found

    def handle(self, *args: Any, **opts: Any) -> None:
        started = time.perf_counter()
        bureau = self._bureau(opts["bureau"])
        fmt, year = opts["format"], opts["year"]
        out = Path(opts["out"] or filename(bureau, year, fmt))

        def say(message: str) -> None:
            self.stderr.write(f"{time.perf_counter() - started:6.1f}s  {message}")

        report = build(bureau, year, progress=say)
        say(f"排版：{fmt}")
        asset_dir = out.parent / f"{out.stem}_图表" if fmt == "md" else None
        data = render(
            report, fmt, asset_dir=asset_dir, asset_prefix=f"{out.stem}_图表/" if asset_dir else ""
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        say(f"完成：{out}（{len(data) // 1024} KB，{len(list(report.figures))} 项数字）")
        self.stdout.write(str(out))
