"""The year's figures of 行政检查 (``inspections.queries.figures`` and GET
/api/v1/inspections/figures): by reason, item, town; per-enterprise frequency; share with
findings; correction orders met on 复查. Head, supervisor and reviewer only; own bureau only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from chengguan.inspections import queries
from tests.inspections.helpers import T0, at, entity, items
from tests.inspections.test_recheck import DEADLINE, flow_to_order


def _visit(api: Any, ent: int, day: dt.date, **kw: Any) -> int:
    body = {
        "entity": ent,
        "officers": ["officer1", "officer2"],
        "reason": "referral",
        "planned_on": day.isoformat(),
        **kw,
    }
    r = api("officer1").post("inspections", body)
    assert r.status_code == 201, r.content
    return int(r.json()["id"])


def test_figures_of_the_year(api, demo):
    with at(T0):
        items(demo)
        a, b = entity(demo, 1), entity(demo, 2)
        site = entity(demo, 3, kind="site")
        met = flow_to_order(api, a.pk)  # complaint, findings, ordered
        unmet = flow_to_order(api, a.pk)
        clean = flow_to_order(api, b.pk, ok=True)
        _visit(api, b.pk, T0 + dt.timedelta(days=40), items=["JC-R1", "JC-X1"])  # joint
        _visit(api, site.pk, T0, item="JC-X1", reason="risk")
        _visit(api, a.pk, dt.date(2026, 1, 10), item="JC-R1")  # next year: not counted
        assert clean
    with at(DEADLINE + dt.timedelta(days=1)):
        for iid, result in ((met, "met"), (unmet, "unmet")):
            r = api("officer1").post(
                f"inspections/{iid}/recheck", {"result": result, "record": "复查"}
            )
            assert r.status_code == 200
        r = api("head").get("inspections/figures", year=2025)
        assert r.status_code == 200, r.content
        f = r.json()
    assert f["total"] == 5 and f["joint"] == 1
    assert f["by_reason"] == {"plan": 0, "complaint": 3, "referral": 1, "risk": 1}
    assert f["by_item"] == {"JC-R1": 4, "JC-X1": 2}
    assert f["by_town"] == {"白羽街道": 5}
    # Enterprises only (a site is none): a 2 visits, b 2 visits.
    assert f["frequency"] == {"enterprises": 2, "max": 2, "mean": "2.00"}
    assert f["findings"] == {"recorded": 3, "with_findings": 2, "share": "66.67"}
    assert f["corrections"] == {
        "ordered": 2,
        "rechecked": 2,
        "met": 1,
        "unmet": 1,
        "met_share": "50.00",
    }
    assert f["method"]
    assert queries.figures(demo.bureau, 2025) == f
    assert queries.figures(demo.other_bureau, 2025)["total"] == 0


def test_figures_roles_and_bad_year(api, demo):
    with at(T0):
        for who in ("head", "supervisor", "reviewer"):
            r = api(who).get("inspections/figures", year=2025)
            assert r.status_code == 200 and r.json()["total"] == 0, who
        for who in ("officer1", "handler_sanitation", "town_officer1", "inspector"):
            assert api(who).get("inspections/figures", year=2025).status_code == 403, who
        # Another bureau's head sees its own bureau's figures only.
        items(demo)
        e = entity(demo, 1)
        _visit(api, e.pk, T0, item="JC-R1")
        assert api("outsider").get("inspections/figures", year=2025).json()["total"] == 0
        assert api("head").get("inspections/figures", year=2025).json()["total"] == 1
        for bad in ({"year": 1900}, {}):
            r = api("head").get("inspections/figures", **bad)
            assert r.status_code == 400 and "year" in r.json()["error"]["details"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10), max_size=20))
def test_ratio_is_a_bounded_share(values: list[int]) -> None:
    total = sum(values)
    if total == 0:
        assert all(queries._ratio(v, total) is None for v in values)
        return
    for v in values:
        share = queries._ratio(v, total)
        assert share is not None
        assert 0 <= float(share) <= 100
    shares = sum(float(queries._ratio(v, total) or 0) for v in values)
    assert abs(shares - 100) <= 0.005 * len(values)


def test_the_annual_report_carries_the_inspection_figures(api, demo):
    from chengguan.reports.figures import compute

    with at(T0):
        items(demo)
        e = entity(demo, 1)
        _visit(api, e.pk, T0, items=["JC-R1", "JC-X1"])
        f = compute(demo.bureau, 2025)
    assert f.value("inspections_total") == 1 and f.value("inspections_joint") == 1
    assert f.value("inspections_referral") == 1
    assert f["inspections_findings_rate"].text == "—"  # nothing recorded yet
    assert f["inspections_total"].section == "行政检查" and f["inspections_total"].method
