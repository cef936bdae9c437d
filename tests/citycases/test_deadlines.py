"""Due times in working hours and working days (SC-6), across holidays and the end of a day."""

from __future__ import annotations

import datetime as dt

from chengguan.citycases import actions
from chengguan.core.clock import SHANGHAI, frozen_at
from tests.citycases.conftest import CITY


def at(m: int, d: int, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(2024, m, d, hh, mm, tzinfo=SHANGHAI)


def _dispatched(demo, moment: dt.datetime, category: str, urgent: bool = False):
    with frozen_at(moment):
        case = actions.report(
            actor=demo.user("inspector"),
            source="inspection",
            category=category,
            description="测试",
            urgent=urgent,
            **CITY,
        )
        actions.file(actor=demo.user("center"), case_id=case.pk)
        actions.dispatch(
            actor=demo.user("center"),
            case_id=case.pk,
            unit="municipal" if category.startswith("C02") else "sanitation",
        )
    case.refresh_from_db()
    return case


def test_working_hours_skip_the_lunch_break(demo):
    # E0101 暴露垃圾: 2 working hours. 11:30 + 0.5 h to 12:00, then 14:30 + 1.5 h.
    case = _dispatched(demo, at(5, 6, 11, 30), "E0101")
    assert case.handle_due == at(5, 6, 16, 0)


def test_working_hours_run_over_the_end_of_the_day(demo):
    # 17:30 + 2 h: 0.5 h today, 1.5 h from 08:30 next working day (Tuesday).
    case = _dispatched(demo, at(5, 6, 17, 30), "E0101")
    assert case.handle_due == at(5, 7, 10, 0)


def test_working_hours_skip_the_national_day_holiday(demo):
    # Monday 30 September 17:00 + 2 h: 1 h that day, then 1–7 October are holidays.
    case = _dispatched(demo, at(9, 30, 17, 0), "E0101")
    assert case.handle_due == at(10, 8, 9, 30)


def test_urgent_cases_get_the_urgent_limit(demo):
    case = _dispatched(demo, at(5, 6, 9, 0), "E0101", urgent=True)
    assert case.handle_due == at(5, 6, 10, 0)


def test_working_day_limits_count_a_make_up_sunday_and_skip_the_holiday(demo):
    # C0201 路灯: 3 working days from Friday 27 September: Sun 29 (调休 working day), Mon 30,
    # then Tue 8 October; due at the end of that day.
    case = _dispatched(demo, at(9, 27, 10, 0), "C0201")
    assert case.handle_due == at(10, 8, 18, 0)


def test_hotline_reply_deadline_is_in_working_days(demo, settings):
    assert settings.LOCAL_RULES["hotline_reply_workdays"]["hotline"] == 5
    with frozen_at(at(9, 27, 10, 0)):
        case = actions.report(
            actor=demo.user("hotline"),
            source="hotline",
            category="E0101",
            description="投诉",
            requester_name="张三",
            requester_phone="13800000000",
            **CITY,
        )
    # 29 Sep, 30 Sep, 8, 9, 10 October
    assert case.close_due == at(10, 10, 18, 0)


def test_on_time_flags_are_stored_per_step(demo):
    case = _dispatched(demo, at(5, 6, 9, 0), "E0101")
    assert case.file_on_time is True and case.dispatch_on_time is True
    with frozen_at(at(5, 6, 17, 0)):  # due 11:00
        actions.handle(actor=demo.user("handler_sanitation"), case_id=case.pk, result="已清理")
    case.refresh_from_db()
    assert case.handle_on_time is False
    assert case.handle_work_hours == 5.5  # 09:00–12:00 (3 h) and 14:30–17:00 (2.5 h)
    assert case.steps.get(action="handle").on_time is False


def test_late_filing_is_flagged(demo):
    with frozen_at(at(5, 6, 9, 0)):
        case = actions.report(
            actor=demo.user("inspector"),
            source="inspection",
            category="E0101",
            description="测试",
            **CITY,
        )
    with frozen_at(at(5, 6, 11, 0)):  # 1 working hour allowed
        actions.file(actor=demo.user("center"), case_id=case.pk)
    case.refresh_from_db()
    assert case.file_on_time is False
