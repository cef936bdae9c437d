"""Issue #15 item 8 "Finding things": date range, unit, category (city cases) and procedure, unit,
date range (penalty cases) on the list pages, carried into the exports; bad dates are 400s."""

from __future__ import annotations

import csv
import datetime as dt
import io

from chengguan.citycases.models import CityCase
from chengguan.core import clock
from chengguan.penalties.models import PenaltyCase


def _numbers(response) -> set[str]:
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return {r[0] for r in rows[1:]}


def test_city_cases_by_unit_category_and_report_date(demo, web):
    cases = CityCase.objects.filter(bureau=demo.bureau)
    sample = cases.exclude(unit=None).exclude(category=None).first()
    assert sample is not None
    day = clock.local(sample.reported_at).date()
    params = {
        "unit": sample.unit.code,
        "category": sample.category.code,
        "from": day.isoformat(),
        "to": day.isoformat(),
        "format": "csv",
    }
    got = _numbers(web("center").get("/cases/", params))
    start = dt.datetime.combine(day, dt.time.min, tzinfo=clock.SHANGHAI)
    expected = set(
        cases.filter(
            unit=sample.unit,
            category=sample.category,
            reported_at__gte=start,
            reported_at__lt=start + dt.timedelta(days=1),
        ).values_list("number", flat=True)
    )
    assert sample.number in got and got == expected
    page = web("center").get("/cases/", {k: v for k, v in params.items() if k != "format"})
    html = page.content.decode()
    assert f'value="{sample.unit.code}" selected' in html and "format=xlsx" in html


def test_an_unknown_unit_or_category_is_ignored_not_an_error(demo, web):
    response = web("center").get("/cases/", {"unit": "nope", "category": "<script>"})
    assert response.status_code == 200
    assert "&lt;script&gt;" not in response.content.decode()


def test_bad_dates_are_400(demo, web):
    assert web("center").get("/cases/", {"from": "2024-13-01"}).status_code == 400
    assert (
        web("center").get("/cases/", {"from": "2024-02-01", "to": "2024-01-01"}).status_code == 400
    )
    assert web("officer1").get("/penalties/", {"to": "0001-01-01"}).status_code == 400


def test_penalty_cases_by_procedure_and_date(demo, web):
    rows = PenaltyCase.objects.filter(bureau=demo.bureau)
    simple = rows.filter(procedure="simple").exclude(decided_on=None).first()
    assert simple is not None
    got = _numbers(
        web("officer1").get(
            "/penalties/",
            {
                "procedure": "simple",
                "from": simple.decided_on.isoformat(),
                "to": simple.decided_on.isoformat(),
                "format": "csv",
            },
        )
    )
    assert simple.number in got
    assert all(
        PenaltyCase.objects.get(number=n, bureau=demo.bureau).procedure == "simple" for n in got
    )
    general = _numbers(
        web("officer1").get("/penalties/", {"procedure": "general", "format": "csv"})
    )
    assert simple.number not in general


def test_search_by_the_requesters_phone_through_the_blind_index(demo, web):
    from chengguan.core.models import SecurityEvent

    case = CityCase.objects.filter(bureau=demo.bureau).exclude(requester_phone="").first()
    assert case is not None and case.requester_phone_index
    spaced = f"{case.requester_phone[:3]} {case.requester_phone[3:7]}-{case.requester_phone[7:]}"
    got = _numbers(web("hotline").get("/cases/", {"phone": spaced, "format": "csv"}))
    assert case.number in got
    assert all(CityCase.objects.get(number=n).requester_phone == case.requester_phone for n in got)
    event = SecurityEvent.objects.filter(kind="pii.search").latest("id")
    assert event.username == "hotline" and case.requester_phone not in event.detail
    # the clear number is nowhere in the row but its encrypted column and the keyed index
    assert case.requester_phone not in case.requester_phone_index


def test_roles_that_may_not_see_requesters_cannot_search_by_phone(demo, web):
    case = CityCase.objects.filter(bureau=demo.bureau).exclude(requester_phone="").first()
    page = web("supervisor").get("/cases/", {"phone": case.requester_phone})
    assert page.status_code in (200, 403)
    if page.status_code == 200:
        assert 'name="phone"' not in page.content.decode()
