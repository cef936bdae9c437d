"""The "721" outcome: recorded at the close of a city case and of an inspection where the workflow
cannot tell, never contradicting what it tells; 行政指导 counted as 服务; the API's and the annual
report's figures equal a recount of the records."""

from __future__ import annotations

from typing import Any

from chengguan.citycases.models import CityCase
from chengguan.core.clock import SHANGHAI
from chengguan.guidance.models import GuidanceRecord
from chengguan.inspections.models import Inspection
from chengguan.penalties.models import PenaltyCase
from chengguan.reports import method721
from chengguan.reports.builder import method721_rows
from chengguan.reports.figures import compute
from tests.conftest import error_code
from tests.guidance.helpers import T0, issue
from tests.inspections.helpers import entity, items
from tests.inspections.helpers import snapshot as inspection_snapshot
from tests.penalties.helpers import at


def recount(bureau: Any, year: int) -> dict[str, int]:
    """The shares counted again straight from the tables, independently of method721.tagged."""
    out = {"service": 0, "management": 0, "enforcement": 0}
    for c in CityCase.objects.filter(bureau=bureau, status="closed"):
        if c.closed_at is None or c.closed_at.astimezone(SHANGHAI).year != year:
            continue
        if PenaltyCase.objects.filter(city_case_id=c.pk).exists():
            out["enforcement"] += 1
        else:
            out[c.outcome_721 or "service"] += 1
    for i in Inspection.objects.filter(bureau=bureau, recorded_on__year=year):
        if i.case_id:
            out["enforcement"] += 1
        elif i.correction_ordered_on:
            out["management"] += 1
        else:
            out[i.outcome_721 or "service"] += 1
    out["service"] += GuidanceRecord.objects.filter(bureau=bureau, issued_on__year=year).count()
    return out


def test_a_city_case_closed_with_its_outcome(api: Any, demo: Any) -> None:
    case = CityCase.objects.filter(bureau=demo.bureau, status="verified").first()
    assert case is not None
    with at(T0):
        before = api("head").get("stats/721", year=2025).json()
        r = api("center").post(f"city-cases/{case.pk}/close", {"outcome_721": "sometimes"})
        assert r.status_code == 400 and "outcome_721" in r.json()["error"]["details"]
        case.refresh_from_db()
        assert case.status == "verified" and case.outcome_721 == ""
        r = api("center").post(
            f"city-cases/{case.pk}/close", {"reply": "已约谈整改", "outcome_721": "management"}
        )
        assert r.status_code == 200, r.content
        assert r.json()["outcome_721"] == "management"
        after = api("head").get("stats/721", year=2025).json()
        assert after["city_cases"]["management"] == before["city_cases"]["management"] + 1
        got = recount(demo.bureau, 2025)
        assert {k: after["total"][k] for k in got} == got


def test_an_inspection_records_its_outcome_but_not_against_the_workflow(
    api: Any, demo: Any
) -> None:
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        body = {
            "item": "JC-R1",
            "entity": e.pk,
            "reason": "complaint",
            "officers": ["officer1", "officer2"],
            "planned_on": T0.isoformat(),
        }
        got = api("officer1").post("inspections", body).json()
        iid = got["id"]
        api("officer1").post(f"inspections/{iid}/check_in", {"code": got["code"]})
        api("officer1").post(
            f"inspections/{iid}/record",
            {
                "findings": "门前堆放杂物",
                "ok": False,
                "certificates_shown": ["officer1", "officer2"],
            },
        )
        api("officer1").post(f"inspections/{iid}/notify_result", {"result": "责令改正"})
        api("officer1").post(
            f"inspections/{iid}/order_correction", {"deadline": "2025-06-10", "content": "清理"}
        )
        assert api("head").post(f"inspections/{iid}/approve", {}).status_code == 200
        before = inspection_snapshot()
        # A correction order is 管理: the close may not call it 服务.
        r = api("officer1").post(f"inspections/{iid}/close", {"outcome_721": "service"})
        assert r.status_code == 400 and "outcome_721" in r.json()["error"]["details"]
        r = api("officer1").post(f"inspections/{iid}/close", {"outcome_721": "bad"})
        assert r.status_code == 400 and inspection_snapshot() == before
        r = api("officer1").post(f"inspections/{iid}/close", {"outcome_721": "management"})
        assert r.status_code == 200 and r.json()["outcome_721"] == "management"
        before = inspection_snapshot()
        r = api("officer1").post(f"inspections/{iid}/close", {})
        assert r.status_code == 409 and error_code(r) == "state"


def test_guidance_counts_as_service_and_the_report_equals_a_recount(api: Any, demo: Any) -> None:
    with at(T0):
        before = api("head").get("stats/721", year=2025).json()
        issue(api)
        issue(api, kind="advice", correct_by=None)
        after = api("head").get("stats/721", year=2025).json()
        assert after["guidance"]["service"] == before["guidance"]["service"] + 2
        assert after["guidance"]["total"] == after["guidance"]["service"]
        assert after["total"]["service"] == before["total"]["service"] + 2
        got = recount(demo.bureau, 2025)
        assert {k: after["total"][k] for k in got} == got
        squad = next(u for u in after["units"] if u["unit"] == "squad1")
        assert squad["service"] >= 2
        assert "行政指导" in after["method"]
        f = compute(demo.bureau, 2025)
        assert f.value("m721_total") == sum(got.values())
        assert f.value("m721_service") == got["service"]
        assert (
            f.value("guidance_records")
            == GuidanceRecord.objects.filter(bureau=demo.bureau, issued_on__year=2025).count()
        )
        rows = method721_rows(demo.bureau, 2025)
        assert rows[-1][0] == "全局合计" and rows[-1][4] == str(sum(got.values()))
        assert int(rows[-1][1]) == got["service"]
        m = method721.figures(demo.bureau, 2025)
        assert len(rows) == len(m["units"]) + 2
