from __future__ import annotations

import datetime as dt

from django.test import Client

from chengguan.core import clock, workdays
from chengguan.core.calendar_admin import draft_year, notice
from chengguan.core.models import CalendarDay
from tests.conftest import PASSWORD


def test_a_missing_next_year_is_an_error_notice(db):
    found = notice(dt.date(2026, 11, 26))
    assert found is not None and found.level == "error"
    assert found.years == [2027]
    assert "CAL-2" in found.message


def test_no_notice_when_the_needed_years_are_covered(db):
    assert notice(dt.date(2024, 3, 1)) is None


def test_a_drafted_year_is_usable_but_warned(db):
    try:
        added = draft_year(2027)
        assert added == 365
        assert draft_year(2027) == 0  # only missing days are filled
        assert workdays.add_workdays(dt.date(2026, 12, 31), 1) == dt.date(2027, 1, 1)
        found = notice(dt.date(2026, 11, 26))
        assert found is not None and found.level == "warning"
        assert "暂定" in found.message
        assert CalendarDay.objects.filter(date__year=2027, source="draft").count() == 365
    finally:
        workdays.invalidate()


def test_staff_pages_and_admin_show_the_banner(demo):
    client = Client()
    assert client.login(username="admin", password=PASSWORD)
    with clock.frozen_at(dt.datetime(2026, 11, 26, 9, 0)):
        for path in ("/", "/admin/"):
            page = client.get(path).content.decode()
            assert 'data-calendar-notice="error"' in page or "2027年的工作日历尚未维护" in page, (
                path
            )
    with clock.frozen_at(dt.datetime(2024, 3, 1, 9, 0)):
        assert "工作日历尚未维护" not in client.get("/").content.decode()


def test_the_banner_is_for_whoever_can_fix_the_calendar(demo):
    """Issue #15 item 9: inspectors and handlers cannot act on it, so they do not see it."""
    with clock.frozen_at(dt.datetime(2026, 11, 26, 9, 0)):
        for username in ("inspector", "handler_sanitation", "officer1", "head"):
            client = Client()
            assert client.login(username=username, password=PASSWORD)
            assert "data-calendar-notice" not in client.get("/").content.decode(), username
