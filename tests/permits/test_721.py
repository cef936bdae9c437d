"""The "721" figures: closed city cases and recorded inspection outcomes tagged 服务/管理/执法 from
what the workflow tells (a penalty case opened → 执法; a correction order → 管理; else 服务), with
the shares per unit and year at ``GET /api/v1/stats/721?year=``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from chengguan.citycases.models import CityCase
from chengguan.core.clock import SHANGHAI
from chengguan.inspections.models import Inspection
from chengguan.penalties.models import PenaltyCase
from chengguan.reports import method721


@given(penalty=st.booleans(), correction=st.booleans())
def test_the_tag_follows_the_workflow(penalty: bool, correction: bool) -> None:
    got = method721.tag(penalty_opened=penalty, correction_ordered=correction)
    if penalty:
        assert got == "enforcement"  # a penalty case is 执法 whatever else happened
    elif correction:
        assert got == "management"
    else:
        assert got == "service"


def test_the_years_figures_per_unit(api: Any, demo: Any) -> None:
    r = api("head").get("stats/721", year=2024)
    assert r.status_code == 200, r.content
    body = r.json()
    closed = CityCase.objects.filter(bureau=demo.bureau, status="closed", closed_at__year=2024)
    inspected = Inspection.objects.filter(bureau=demo.bureau, recorded_on__year=2024)
    assert body["city_cases"]["total"] == closed.count()
    assert body["inspections"]["total"] == inspected.count()
    assert body["total"]["total"] == closed.count() + inspected.count()
    enforced = PenaltyCase.objects.filter(
        bureau=demo.bureau, city_case_id__in=closed.values("id")
    ).count()
    assert body["city_cases"]["enforcement"] == enforced
    assert body["inspections"]["enforcement"] == inspected.filter(case_id__isnull=False).count()
    assert sum(u["total"] for u in body["units"]) == body["total"]["total"]
    for line in [body["total"], *body["units"]]:
        assert line["service"] + line["management"] + line["enforcement"] == line["total"]
    assert body["labels"] == {"service": "服务", "management": "管理", "enforcement": "执法"}
    assert "721" in body["method"]
    # A year with nothing: zeros, not a division by zero.
    empty = api("head").get("stats/721", year=2001).json()
    assert empty["total"]["total"] == 0 and empty["total"]["percent"]["service"] == "0.0"


def test_721_refuses_the_wrong_role_bad_input_and_other_bureaus(api: Any, demo: Any) -> None:
    assert api("officer1").get("stats/721", year=2024).status_code == 403
    assert api("handler_sanitation").get("stats/721", year=2024).status_code == 403
    r = api("head").get("stats/721", year=1900)
    assert r.status_code == 400 and "year" in r.json()["error"]["details"]
    r = api("head").get("stats/721")
    assert r.status_code == 400 and "year" in r.json()["error"]["details"]
    # Another bureau's head sees only its own bureau's figures.
    mine = api("head").get("stats/721", year=2024).json()
    theirs = api("outsider").get("stats/721", year=2024).json()
    assert theirs["bureau"] != mine["bureau"] and theirs["bureau"] == demo.other_bureau.code


def test_a_city_case_that_led_to_a_penalty_case_counts_as_enforcement(api: Any, demo: Any) -> None:
    # Arranged with the ORM: the selector only reads, and the workflows that close a city case
    # and open a penalty case from it are tested in their own domains.
    before = api("head").get("stats/721", year=2024).json()
    cases = list(CityCase.objects.filter(bureau=demo.bureau).exclude(status="closed")[:2])
    penalty = PenaltyCase.objects.filter(bureau=demo.bureau).first()
    assert len(cases) == 2 and penalty is not None
    closed_at = dt.datetime(2024, 11, 5, 10, tzinfo=SHANGHAI)
    CityCase.objects.filter(pk__in=[c.pk for c in cases]).update(
        status="closed", closed_at=closed_at
    )
    PenaltyCase.objects.filter(pk=penalty.pk).update(city_case_id=cases[0].pk)
    after = api("head").get("stats/721", year=2024).json()
    assert after["city_cases"]["enforcement"] == before["city_cases"]["enforcement"] + 1
    assert after["city_cases"]["service"] == before["city_cases"]["service"] + 1
    assert after["total"]["total"] == before["total"]["total"] + 2
    # Closed in 2025 (Shanghai time): not the 2024 figures.
    CityCase.objects.filter(pk=cases[1].pk).update(
        closed_at=dt.datetime(2025, 1, 1, 0, 30, tzinfo=SHANGHAI)
    )
    assert api("head").get("stats/721", year=2024).json()["total"]["total"] == (
        before["total"]["total"] + 1
    )
