from __future__ import annotations

import datetime as dt

import pytest

from chengguan.core import workdays
from chengguan.core.clock import SHANGHAI
from chengguan.core.errors import ProcedureError
from chengguan.core.models import CalendarDay

D = dt.date


def at(y: int, m: int, d: int, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


def test_a_make_up_sunday_is_a_working_day(db):
    assert D(2024, 2, 4).weekday() == 6
    assert workdays.is_workday(D(2024, 2, 4))


def test_national_day_week_is_not_working(db):
    for day in range(1, 8):
        assert not workdays.is_workday(D(2024, 10, day)), day
    assert workdays.is_workday(D(2024, 10, 8))
    assert workdays.is_workday(D(2024, 10, 12))  # Saturday 调休


def test_add_workdays_across_national_day(db):
    assert workdays.add_workdays(D(2024, 9, 30), 1) == D(2024, 10, 8)
    # 9-29 is a make-up Sunday: 9-29 (start, not counted) → 9-30, 10-8, 10-9, 10-10, 10-11
    assert workdays.add_workdays(D(2024, 9, 29), 5) == D(2024, 10, 11)
    assert workdays.add_workdays(D(2024, 9, 30), 0) == D(2024, 9, 30)


def test_workdays_between_is_the_inverse(db):
    start = D(2024, 9, 25)
    for n in range(0, 15):
        assert workdays.workdays_between(start, workdays.add_workdays(start, n)) == n


def test_a_year_without_calendar_fails_closed(db):
    with pytest.raises(ProcedureError) as info:
        workdays.add_workdays(D(2026, 12, 28), 7)
    assert info.value.code == "CAL-2"
    assert "2027" in info.value.message


def test_an_admin_entered_year_is_used(db):
    day = D(2027, 1, 1)
    CalendarDay.objects.bulk_create(
        [
            CalendarDay(
                date=day + dt.timedelta(days=i),
                is_workday=(day + dt.timedelta(days=i)).weekday() < 5 and i > 2,
            )
            for i in range(365)
        ]
    )
    workdays.invalidate()
    try:
        assert workdays.add_workdays(D(2026, 12, 31), 1) == D(2027, 1, 4)
    finally:
        workdays.invalidate()


def test_calendar_period_moves_off_a_holiday(db):
    # CAL-1: 15 days from 2024-09-16 ends 10-01 (National Day) → next working day 10-08.
    assert workdays.add_days(D(2024, 9, 16), 15) == D(2024, 10, 8)
    assert workdays.add_days(D(2024, 3, 1), 15) == D(2024, 3, 18)  # 03-16 is a Saturday
    assert workdays.add_days(D(2024, 3, 4), 15) == D(2024, 3, 19)


def test_add_months_clamps_to_month_end(db):
    assert workdays.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert workdays.add_months(D(2024, 8, 30), 6) == D(2025, 2, 28)


def test_work_hours_cross_the_end_of_the_day(db, settings):
    settings.LOCAL_RULES = {
        **settings.LOCAL_RULES,
        "work_hours": [("08:30", "12:00"), ("14:30", "18:00")],
    }
    # Tuesday 17:00 + 2 h: 1 h left today, then 1 h from 08:30 on Wednesday.
    assert workdays.add_work_hours(at(2024, 3, 5, 17), 2) == at(2024, 3, 6, 9, 30)
    # Lunch break is skipped: 11:00 + 2 h → 12:00, then 14:30 + 1 h.
    assert workdays.add_work_hours(at(2024, 3, 5, 11), 2) == at(2024, 3, 5, 15, 30)
    # Reported at night: the clock starts next working morning.
    assert workdays.add_work_hours(at(2024, 3, 5, 21), 1) == at(2024, 3, 6, 9, 30)


def test_work_hours_cross_a_holiday(db):
    # Monday 2024-09-30 17:00 + 2 h → 1 h on 09-30, then 10-08 08:30 + 1 h.
    assert workdays.add_work_hours(at(2024, 9, 30, 17), 2) == at(2024, 10, 8, 9, 30)
    assert workdays.work_hours_between(at(2024, 9, 30, 17), at(2024, 10, 8, 9, 30)) == 2.0


def test_working_hours_are_a_setting(db, settings):
    settings.LOCAL_RULES = {**settings.LOCAL_RULES, "work_hours": [("09:00", "17:00")]}
    assert workdays.add_work_hours(at(2024, 3, 5, 16), 2) == at(2024, 3, 6, 10)
