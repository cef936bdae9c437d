"""Working days and working hours (XF-85, QZ-69, CAL-1, CAL-2, SC-6).

The calendar is the CalendarDay table. A date in a year the table does not cover fails closed with
CalendarMissing: no legal deadline is ever guessed.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

from django.db.models import Count
from django.db.models.functions import ExtractYear

from chengguan.core.clock import SHANGHAI
from chengguan.core.errors import ProcedureError
from chengguan.core.models import CalendarDay
from chengguan.core.rules import local

# Per-process cache of the calendar; refreshed after this many seconds so an administrator's edit in
# one worker reaches the others without a restart.
CACHE_SECONDS = 60
_lock = threading.Lock()
_cache: dict[int, dict[dt.date, bool]] = {}
_loaded_at = 0.0


class CalendarMissing(ProcedureError):
    def __init__(self, year: int) -> None:
        super().__init__(
            "CAL-2",
            f"{year}年的工作日历尚未维护，无法计算法定期限。请系统管理员在“工作日历”中按国务院"
            f"节假日安排录入{year}年的节假日和调休工作日。",
            article="国务院办公厅年度节假日安排通知",
            details={"year": year},
        )


def invalidate() -> None:
    global _loaded_at
    with _lock:
        _cache.clear()
        _loaded_at = 0.0


def _year(year: int) -> dict[dt.date, bool]:
    global _loaded_at
    if time.monotonic() - _loaded_at > CACHE_SECONDS:
        invalidate()
        _loaded_at = time.monotonic()
    days = _cache.get(year)
    if days is None:
        days = dict(CalendarDay.objects.filter(date__year=year).values_list("date", "is_workday"))
        # A year counts as known only when every one of its days is in the table.
        expected = (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days
        if len(days) < expected:
            raise CalendarMissing(year)
        with _lock:
            _cache[year] = days
    return days


def is_workday(day: dt.date) -> bool:
    return _year(day.year)[day]


def covered_years() -> list[int]:
    rows = CalendarDay.objects.annotate(y=ExtractYear("date")).values("y").annotate(n=Count("date"))
    return sorted(
        r["y"] for r in rows if r["n"] >= (dt.date(r["y"] + 1, 1, 1) - dt.date(r["y"], 1, 1)).days
    )


def add_workdays(start: dt.date, n: int) -> dt.date:
    """The n-th working day after ``start`` (the start day itself is not counted)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    day = start
    counted = 0
    while counted < n:
        day += dt.timedelta(days=1)
        if is_workday(day):
            counted += 1
    return day


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; negative when end is before start."""
    if end < start:
        return -workdays_between(end, start)
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_workday(day):
            count += 1
    return count


def add_days(start: dt.date, n: int) -> dt.date:
    """CAL-1: a calendar period of n days from ``start`` (not counted); a last day that is not a
    working day moves to the next working day."""
    end = start + dt.timedelta(days=n)
    while not is_workday(end):
        end += dt.timedelta(days=1)
    return end


def add_months(start: dt.date, months: int) -> dt.date:
    """CAL-1 for periods in months (e.g. 3 months, 6 months): same day number, clamped, then moved
    off a non-working last day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    next_first = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_first - dt.timedelta(days=1)).day
    end = dt.date(year, month, min(start.day, last_day))
    while not is_workday(end):
        end += dt.timedelta(days=1)
    return end


def _work_periods() -> list[tuple[dt.time, dt.time]]:
    periods = []
    for begin, finish in local("work_hours"):
        periods.append((dt.time.fromisoformat(begin), dt.time.fromisoformat(finish)))
    return periods


def add_work_hours(start: dt.datetime, hours: float) -> dt.datetime:
    """SC-6: the moment ``hours`` working hours after ``start`` (aware), in Asia/Shanghai."""
    remaining = dt.timedelta(hours=hours)
    moment = start.astimezone(SHANGHAI)
    periods = _work_periods()
    day = moment.date()
    while True:
        if is_workday(day):
            for begin, finish in periods:
                p_start = dt.datetime.combine(day, begin, SHANGHAI)
                p_end = dt.datetime.combine(day, finish, SHANGHAI)
                if p_end <= moment:
                    continue
                cursor = max(moment, p_start)
                available = p_end - cursor
                if remaining <= available:
                    return cursor + remaining
                remaining -= available
                moment = p_end
        day += dt.timedelta(days=1)
        moment = dt.datetime.combine(day, dt.time(0), SHANGHAI)


def work_hours_between(start: dt.datetime, end: dt.datetime) -> float:
    """Working hours elapsed from ``start`` to ``end`` (0 when end <= start)."""
    if end <= start:
        return 0.0
    total = dt.timedelta()
    a, b = start.astimezone(SHANGHAI), end.astimezone(SHANGHAI)
    periods = _work_periods()
    day = a.date()
    while day <= b.date():
        if is_workday(day):
            for begin, finish in periods:
                p_start = max(dt.datetime.combine(day, begin, SHANGHAI), a)
                p_end = min(dt.datetime.combine(day, finish, SHANGHAI), b)
                if p_end > p_start:
                    total += p_end - p_start
        day += dt.timedelta(days=1)
    return total.total_seconds() / 3600
