"""``chengguan measures overdue [--bureau CODE] [--on DATE]``: 查封/扣押 past their period (QZ-28)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chengguan.core import clock
from chengguan.measures import queries
from chengguan.org.models import OrgUnit


class Command(BaseCommand):
    help = "行政强制措施：列出期限届满仍未解除的查封、扣押"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        overdue = sub.add_parser("overdue", help="列出期限届满仍未解除的查封、扣押（应当立即解除）")
        overdue.add_argument("--bureau", help="机关代码（默认全部）")
        overdue.add_argument("--on", help="以该日期计算（YYYY-MM-DD，默认今天）")

    def handle(self, *args: Any, **opts: Any) -> None:
        bureau_id = None
        if opts.get("bureau"):
            bureau = OrgUnit.objects.filter(code=opts["bureau"], kind=OrgUnit.Kind.BUREAU).first()
            if bureau is None:
                raise CommandError(f"未找到机关 {opts['bureau']}")
            bureau_id = bureau.pk
        on = None
        if opts.get("on"):
            try:
                on = dt.date.fromisoformat(opts["on"])
            except ValueError as exc:
                raise CommandError("日期格式应为 YYYY-MM-DD") from exc
        rows = list(queries.overdue(bureau_id, on))
        for s in rows:
            # An emergency measure never approved within 24 hours (QZ-19) before its 30 days run out.
            if s.decide_by >= (on or clock.today()):
                rule, why = "QZ-19", "当场实施后二十四小时内未获批准，应当立即解除并退还财物"
            else:
                rule, why = "QZ-28", "期限届满，应当立即解除并退还财物"
            self.stdout.write(
                f"{s.case.number}\t{rule}\t{s.decide_by.isoformat()}\t{s.get_kind_display()}"
                f"\t{s.place}\t{why}"
            )
        self.stdout.write(f"共 {len(rows)} 项查封扣押期限届满未解除")
