"""``chengguan penalties overdue [--bureau CODE] [--on DATE]``: open cases past a legal deadline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chengguan.org.models import OrgUnit
from chengguan.penalties import queries


class Command(BaseCommand):
    help = "行政处罚案件：列出超过法定期限的案件"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        overdue = sub.add_parser(
            "overdue",
            help="列出超期案件（立案、办案、先行登记保存、送达、缴款、罚款上缴、备案、催告、申请强制执行）",
        )
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
        rows = queries.overdue(bureau_id, on)
        for case, v in rows:
            due = v["details"].get("due", "")
            self.stdout.write(
                f"{case.number}\t{v['code']}\t{due}\t{case.party.name}\t{v['message']}"
            )
        self.stdout.write(f"共 {len(rows)} 项超期")
