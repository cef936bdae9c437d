"""``chengguan calendar status`` / ``chengguan calendar draft --year Y``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chengguan.core import workdays
from chengguan.core.calendar_admin import draft_year, notice


class Command(BaseCommand):
    help = "工作日历：查看覆盖年份；为尚无国务院通知的年份生成暂定日历（周一至周五）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("verb", choices=["status", "draft"])
        parser.add_argument("--year", type=int)

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["verb"] == "draft":
            if not opts["year"]:
                raise CommandError("请用 --year 指定年份")
            n = draft_year(opts["year"])
            self.stdout.write(f"已为 {opts['year']} 年补充暂定日历 {n} 天；请按国务院通知逐日更正")
            return
        years = workdays.covered_years()
        self.stdout.write(f"已覆盖年份：{years[0]}–{years[-1]}" if years else "工作日历为空")
        current = notice()
        self.stdout.write(current.message if current else "日历状态正常")
