"""节假日安排批量录入 (issue #15 item 9, decision 089): the parser, and the admin page's preview,
apply and refusals. A preview and a refusal change nothing; an apply changes exactly the listed
days, with one ledger entry in the administrator's bureau."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from chengguan.core import workdays
from chengguan.core.errors import Invalid
from chengguan.core.holiday_notice import parse
from chengguan.core.models import CalendarDay
from chengguan.ledger.models import Entry

NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
经国务院批准，现将2027年元旦、春节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（农历腊月三十、周六）至14日（周日）放假调休，共9天。1月31日（周日）、2月20日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。"""

LINES_2024 = """2024-01-08至2024-01-09 放假
2024-01-13 上班"""


def _rows(days: list[dt.date]) -> dict[dt.date, tuple[bool, str, str]]:
    return {
        r.date: (r.is_workday, r.name, r.source) for r in CalendarDay.objects.filter(date__in=days)
    }


def test_the_notices_own_wording_is_read():
    days = {d.date: d for d in parse(NOTICE_2027)}
    off = [dt.date(2027, 1, n) for n in (1, 2, 3)] + [dt.date(2027, 2, n) for n in range(6, 15)]
    on = [dt.date(2027, 1, 31), dt.date(2027, 2, 20)]
    assert sorted(days) == sorted(off + on)
    assert all(not days[d].is_workday for d in off)
    assert all(days[d].is_workday for d in on)
    assert days[dt.date(2027, 1, 2)].name == "元旦"
    assert days[dt.date(2027, 2, 20)].name == "春节调休上班"
    assert days[dt.date(2027, 2, 10)].line == 4


def test_iso_lines_and_a_name_before_them():
    days = parse("国庆节：2027-10-01至2027-10-07 放假\n2027-09-26 上班\n2027-10-09 上班")
    assert [d.date.day for d in days if not d.is_workday] == list(range(1, 8))
    assert {d.date for d in days if d.is_workday} == {dt.date(2027, 9, 26), dt.date(2027, 10, 9)}
    assert days[0].name == "调休上班" and days[1].name == "国庆节"


@pytest.mark.parametrize(
    ("text", "line", "why"),
    [
        ("2027-01-01 放假\n2027-02-30 放假", 2, "不存在"),
        ("说明\n\n2027-01-05 休息", 3, "放假"),
        ("2027-01-03至2027-01-01 放假", 1, "早于"),
        ("2027-01-01 放假\n2027-01-01 上班", 2, "矛盾"),
        ("2027-01-01至2027-03-01 放假", 1, "超过"),
        ("元旦：1月1日至3日放假", 1, "年度"),
    ],
)
def test_a_bad_line_is_refused_by_its_number(text: str, line: int, why: str):
    with pytest.raises(Invalid) as exc:
        parse(text)
    assert exc.value.details["line"] == line
    assert f"第 {line} 行" in exc.value.message and why in exc.value.message


def test_the_briefs_short_form_with_semicolons_and_weekday_notes():
    days = parse("1月1日至3日放假…; 2月4日（星期日）上班", year=2029)
    assert [(d.date, d.is_workday) for d in days] == [
        (dt.date(2029, 1, 1), False),
        (dt.date(2029, 1, 2), False),
        (dt.date(2029, 1, 3), False),
        (dt.date(2029, 2, 4), True),
    ]


def test_the_year_can_be_given_for_month_day_wording():
    assert [d.date for d in parse("元旦：1月1日至2日放假", year=2028)] == [
        dt.date(2028, 1, 1),
        dt.date(2028, 1, 2),
    ]


def _post(client: Client, **data: Any) -> Any:
    return client.post("/calendar/notice/", data)


LISTED = [dt.date(2024, 1, 8), dt.date(2024, 1, 9), dt.date(2024, 1, 13)]


def test_preview_lists_the_changes_and_writes_nothing(web: Callable[[str], Client], demo):
    before_rows = _rows([*LISTED, dt.date(2024, 1, 10)])
    before_entries = Entry.objects.count()
    r = _post(web("admin"), text=LINES_2024, op="preview")
    assert r.status_code == 200
    body = r.content.decode()
    assert "将更改 3 天" in body
    for day in LISTED:
        assert f'data-date="{day:%Y-%m-%d}"' in body
    assert 'data-date="2024-01-10"' not in body
    assert _rows([*LISTED, dt.date(2024, 1, 10)]) == before_rows
    assert Entry.objects.count() == before_entries


def test_apply_changes_exactly_the_listed_days_with_one_ledger_entry(
    web: Callable[[str], Client], demo
):
    around = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(31)]
    before = _rows(around)
    entries = Entry.objects.filter(bureau_id=demo.bureau.pk).count()
    try:
        r = _post(web("admin"), text=LINES_2024, op="apply")
        assert r.status_code == 302
        after = _rows(around)
        changed = {d for d in around if after[d] != before[d]}
        assert changed == set(LISTED)
        assert after[dt.date(2024, 1, 8)] == (False, "放假", "admin")
        assert after[dt.date(2024, 1, 13)] == (True, "调休上班", "admin")
        assert workdays.is_workday(dt.date(2024, 1, 13))
        assert not workdays.is_workday(dt.date(2024, 1, 8))
        new = Entry.objects.filter(bureau_id=demo.bureau.pk).order_by("-seq")
        assert new.count() == entries + 1
        assert new.first().action == "org.calendar.notice"
        # The same notice again changes nothing, and is refused as such (no empty entry).
        again = _post(web("admin"), text=LINES_2024, op="apply")
        assert again.status_code == 400 and "无需更改" in again.content.decode()
        assert Entry.objects.filter(bureau_id=demo.bureau.pk).count() == entries + 1
    finally:
        workdays.invalidate()


def test_a_bad_line_is_a_400_naming_it_and_nothing_changes(web: Callable[[str], Client], demo):
    before = _rows(LISTED)
    entries = Entry.objects.count()
    for op in ("preview", "apply"):
        r = _post(web("admin"), text=LINES_2024 + "\n2024-02-31 放假", op=op)
        assert r.status_code == 400
        assert "第 3 行" in r.content.decode()
    assert _rows(LISTED) == before
    assert Entry.objects.count() == entries


@pytest.mark.parametrize(
    "username", ["inspector", "handler_sanitation", "officer1", "head", "outsider"]
)
def test_other_roles_are_refused_and_nothing_changes(
    web: Callable[[str], Client], demo, username: str
):
    before = _rows(LISTED)
    entries = Entry.objects.count()
    client = web(username)
    assert client.get("/calendar/notice/").status_code == 403
    assert _post(client, text=LINES_2024, op="apply").status_code == 403
    assert _rows(LISTED) == before
    assert Entry.objects.count() == entries
    assert "/calendar/notice/" not in client.get("/").content.decode()


def test_another_bureaus_admin_is_recorded_in_its_own_bureau(demo):
    """One calendar for the deployment (decision 071): another bureau's administrator may enter
    the notice, and the entry is in that bureau's ledger, never in the demo bureau's."""
    from chengguan.org.models import Staff

    other_admin = Staff.objects.get(username="other_admin")
    client = Client()
    client.force_login(other_admin)
    mine = Entry.objects.filter(bureau_id=demo.bureau.pk).count()
    theirs = Entry.objects.filter(bureau_id=demo.other_bureau.pk).count()
    try:
        assert _post(client, text=LINES_2024, op="apply").status_code == 302
    finally:
        workdays.invalidate()
    assert Entry.objects.filter(bureau_id=demo.bureau.pk).count() == mine
    assert Entry.objects.filter(bureau_id=demo.other_bureau.pk).count() == theirs + 1


def test_confirming_the_year_clears_the_draft_banner(web: Callable[[str], Client], demo):
    from chengguan.core.calendar_admin import draft_year, notice

    try:
        draft_year(2027)
        today = dt.date(2026, 11, 26)
        assert notice(today) is not None and notice(today).level == "warning"
        r = _post(web("admin"), text=NOTICE_2027, op="preview", confirm_year="1")
        assert "另确认" in r.content.decode()
        assert CalendarDay.objects.filter(date__year=2027, source="draft").count() == 365
        r = _post(web("admin"), text=NOTICE_2027, op="apply", confirm_year="1")
        assert r.status_code == 302
        assert not CalendarDay.objects.filter(date__year=2027, source="draft").exists()
        assert notice(today) is None
        assert not workdays.is_workday(dt.date(2027, 2, 8))  # a Monday of 春节
        assert workdays.is_workday(dt.date(2027, 2, 20))  # a Saturday worked
        assert workdays.is_workday(dt.date(2027, 3, 1))  # an ordinary Monday, confirmed
    finally:
        workdays.invalidate()
