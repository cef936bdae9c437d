"""``chengguan demo --password PW [--year 2024] [--scale minimal|county]`` (idempotent).

Without ``--year`` the demo is built for the current year (decision 089): its open work is dated
back from today. ``--year 2024`` builds the seed year at its fixed dates (the report's year)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from chengguan.core import clock
from chengguan.core.calendar_admin import draft_year, notice
from chengguan.core.workdays import CalendarMissing  # --- helper:demo ---
from chengguan.demo import (
    citycases,
    county,
    law,
    org,
    penalties,
    round2,  # --- helper:demo ---
)
from chengguan.demo import inspections as inspections_demo  # --- helper:inspections2 ---
from chengguan.demo import permits as permit_kinds  # --- helper:permits ---
from chengguan.demo import province as province_demo  # --- helper:province ---
from chengguan.demo.context import DemoContext

SEED_YEAR = 2024  # --- helper:demo --- the year of the seed report (county and province scales)

# Order matters: each builder may use what the ones before it made.
BUILDERS = [
    ("组织与人员", org.build),
    ("权责清单与裁量基准", law.build),
    ("数字城管", citycases.build),
    ("行政处罚", penalties.build),
    ("行政许可事项", permit_kinds.build),  # --- helper:permits ---
    ("便民临时摊点", permit_kinds.build_stalls),  # --- helper:stalls ---
    ("行政检查", inspections_demo.build),  # --- helper:inspections2 ---
    # --- helper:demo --- decision 089: the round-2 domains, in the current-year demo only
    ("行政许可申请（各环节）", round2.build_permits),
    ("便民临时摊点许可决定", round2.build_stall_decisions),
    ("人大建议、政协提案", round2.build_suggestions),
    ("服务型执法（联系点、行政指导）", round2.build_guidance),
    ("强制执行", round2.execution_note),
    # --- /helper:demo ---
]


class Command(BaseCommand):
    help = "创建演示机关、用户和基础数据（可重复执行）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", required=True, help="所有演示用户的密码")
        parser.add_argument(
            "--year",
            type=int,
            default=None,
            help="演示年度；默认为当年（待办按今天往前排；县级、省级规模默认 2024），"
            "--year 2024 为种子年度的固定日期",
        )
        parser.add_argument(
            "--scale",
            choices=["minimal", "county", "province"],  # --- helper:province ---
            default="minimal",
        )
        # --- helper:province ---
        parser.add_argument(
            "--bureaus", type=int, default=4, help="省级规模：另建的县级机关数（默认 4）"
        )
        parser.add_argument(
            "--cases-per-bureau",
            type=int,
            default=2000,
            help="省级规模：每个另建机关的全年数字城管案件数（县级全量为 55401）",
        )
        # --- /helper:province ---
        parser.add_argument(
            "--draft-calendar",
            action="store_true",
            help="为尚未维护的年份生成暂定工作日历（周一至周五），页面会持续提示其为暂定",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if len(opts["password"]) < 4:
            raise CommandError("密码至少 4 个字符")
        # --- helper:demo --- decision 089: the current year by default, dated back from today.
        today = clock.today()
        year = opts["year"]
        if year is None:
            # The county and province years are shaped on the seed report (2024): a whole year.
            year = today.year if opts["scale"] == "minimal" else SEED_YEAR
        ctx = DemoContext(
            password=opts["password"],
            year=year,
            scale=opts["scale"],
            say=lambda s: self.stdout.write(s),
            today=today if year == today.year else None,
        )
        self.stdout.write(
            f"演示年度：{year}年（{'当年，待办按今天往前排' if ctx.current else '固定日期'}）"
        )
        # --- /helper:demo ---
        current = notice()
        if opts["draft_calendar"]:
            # --- helper:demo --- this year and the next always (decision 089), and any other
            # year the deadlines ahead need; only days not in the calendar are drafted.
            wanted = {today.year, today.year + 1}
            if current is not None and current.level == "error":
                wanted |= set(current.years)
            for missing in sorted(wanted):
                if draft_year(missing):
                    self.stdout.write(f"  已为{missing}年生成暂定工作日历（周一至周五）")
            # --- /helper:demo ---
        started = time.monotonic()  # --- helper:demo ---
        for label, build in BUILDERS:
            self.stdout.write(f"· {label}")
            # --- helper:demo --- each builder all or nothing; without next year's calendar (no
            # --draft-calendar) a builder whose deadlines run into it is skipped, never guessed.
            try:
                with transaction.atomic():
                    build(ctx)
            except CalendarMissing as exc:
                self.stdout.write(self.style.WARNING(f"  未创建：{exc.message}"))
            # --- /helper:demo ---
            self.stdout.write(
                f"  （累计 {time.monotonic() - started:.1f} 秒）"
            )  # --- helper:demo ---
        if ctx.scale == "county":
            self.stdout.write("· 全年业务数据（县级规模）")
            county.build(ctx)
        # --- helper:province ---
        if ctx.scale == "province":
            if opts["bureaus"] < 0 or opts["cases_per_bureau"] < 0:
                raise CommandError("机关数和案件数不能为负数")
            self.stdout.write("· 省、市主管部门及所辖县级机关（省级规模）")
            province_demo.build(
                ctx, bureaus=opts["bureaus"], cases_per_bureau=opts["cases_per_bureau"]
            )
        # --- /helper:province ---
        current = notice()
        if current is not None:
            self.stdout.write(self.style.WARNING(current.message))
        self.stdout.write(self.style.SUCCESS("演示数据已就绪"))
