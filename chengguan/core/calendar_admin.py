"""Keeping the working calendar ahead of the deadlines that need it (CAL-2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q

from chengguan.core import clock, workdays
from chengguan.core.models import CalendarDay

# The longest period computed ahead of today: XF-60's 90 days to decide, plus service and payment.
LOOKAHEAD_DAYS = 150


@dataclass(frozen=True)
class CalendarNotice:
    level: str  # "error" | "warning"
    years: list[int]
    message: str


def notice(today: dt.date | None = None) -> CalendarNotice | None:
    """What an administrator must know: a needed year is missing, or only provisionally drafted."""
    today = today or clock.today()
    needed = sorted({today.year, (today + dt.timedelta(days=LOOKAHEAD_DAYS)).year})
    # Every staff page asks: one aggregate over the needed years' date range (the primary key), not
    # a count of the whole table by year, which cost ~20 ms a page on SQLite.
    spans = {y: (dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in needed}
    counts = CalendarDay.objects.filter(
        date__gte=spans[needed[0]][0], date__lte=spans[needed[-1]][1]
    )
    found = counts.aggregate(
        **{f"all{y}": Count("pk", filter=Q(date__range=span)) for y, span in spans.items()},
        **{
            f"draft{y}": Count("pk", filter=Q(date__range=span, source=CalendarDay.Source.DRAFT))
            for y, span in spans.items()
        },
    )
    missing = [y for y, (a, b) in spans.items() if found[f"all{y}"] < (b - a).days + 1]
    if missing:
        years = "、".join(f"{y}年" for y in missing)
        return CalendarNotice(
            "error",
            missing,
            f"{years}的工作日历尚未维护：跨入该年的法定期限无法计算，相关操作将被拒绝（CAL-2）。"
            f"请系统管理员按国务院节假日安排通知录入，或先运行 chengguan calendar draft --year "
            f"{missing[0]} 生成暂定日历再逐日更正。",
        )
    drafts = [y for y in needed if found[f"draft{y}"]]
    if drafts:
        years = "、".join(f"{y}年" for y in drafts)
        return CalendarNotice(
            "warning",
            drafts,
            f"{years}的工作日历为暂定（周一至周五），尚未按国务院节假日安排核对；"
            "据此计算的期限可能不准确，请尽快在“工作日历”中更正。",
        )
    return None


def draft_year(year: int) -> int:
    """Fill the days of ``year`` that are missing with Monday–Friday placeholders (source=draft)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    with transaction.atomic():
        existing = set(CalendarDay.objects.filter(date__year=year).values_list("date", flat=True))
        days = []
        day = first
        while day <= last:
            if day not in existing:
                days.append(
                    CalendarDay(
                        date=day,
                        is_workday=day.weekday() < 5,
                        name="暂定",
                        source=CalendarDay.Source.DRAFT,
                    )
                )
            day += dt.timedelta(days=1)
        CalendarDay.objects.bulk_create(days)
    workdays.invalidate()
    return len(days)
