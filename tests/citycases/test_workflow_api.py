from __future__ import annotations

import pytest

from chengguan.citycases.models import CaseStep, CityCase
from chengguan.ledger.models import Entry
from tests.citycases.conftest import CITY, OUTSIDE, TOWN, report_body
from tests.conftest import error_code


def _entries(case_id: int) -> list[str]:
    return list(
        Entry.objects.filter(subject_type="citycases.citycase", subject_id=str(case_id))
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_a_case_goes_round_the_whole_loop_with_every_step_in_the_ledger(api, demo):
    r = api("inspector").post("city-cases", report_body())
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "reported"
    assert body["number"].startswith(body["reported_at"][:4])
    assert body["grid"].startswith("411323001")
    assert body["area_unit"] == "street1"
    case_id = body["id"]

    r = api("center").post(f"city-cases/{case_id}/file", {})
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "filed"
    assert r.json()["proposed_unit"] == "sanitation"

    r = api("center").post(f"city-cases/{case_id}/dispatch", {"unit": "sanitation"})
    assert r.json()["status"] == "dispatched" and r.json()["unit"] == "sanitation"
    assert r.json()["due"]["handle"] is not None

    r = api("handler_sanitation").post(f"city-cases/{case_id}/handle", {"result": "已清运"})
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "handled"

    r = api("inspector").post(
        f"city-cases/{case_id}/verify", {"passed": False, "note": "墙角仍有垃圾"}
    )
    assert r.json()["status"] == "dispatched"
    assert r.json()["rework_count"] == 1

    api("handler_sanitation").post(f"city-cases/{case_id}/handle", {"result": "墙角已清理"})
    r = api("inspector").post(f"city-cases/{case_id}/verify", {"passed": True, "note": "合格"})
    assert r.json()["status"] == "verified"

    r = api("center").post(f"city-cases/{case_id}/close", {})
    assert r.status_code == 200, r.content
    closed = r.json()
    assert closed["status"] == "closed"
    assert closed == api("center").get(f"city-cases/{case_id}").json()
    assert [s["action"] for s in closed["steps"]] == [
        "report",
        "file",
        "dispatch",
        "handle",
        "rework",
        "handle",
        "verify",
        "close",
    ]
    assert [s["to"] for s in closed["steps"]][-1] == "closed"
    assert all(s["who"] for s in closed["steps"])
    assert set(closed["on_time"]) == {"file", "dispatch", "handle", "verify", "close"}
    assert _entries(case_id) == [
        "citycase.report",
        "citycase.file",
        "citycase.dispatch",
        "citycase.handle",
        "citycase.rework",
        "citycase.handle",
        "citycase.verify",
        "citycase.close",
    ]


def test_unknown_category_is_refused_and_writes_nothing(api, demo):
    before, ledger = CityCase.objects.count(), Entry.objects.count()
    r = api("inspector").post("city-cases", report_body(category="X9999"))
    assert r.status_code == 400
    assert "category" in r.json()["error"]["details"]
    assert (CityCase.objects.count(), Entry.objects.count()) == (before, ledger)


def test_a_point_outside_every_grid_is_refused_naming_location(api, demo):
    before, ledger = CityCase.objects.count(), Entry.objects.count()
    r = api("inspector").post("city-cases", report_body(where=OUTSIDE))
    assert r.status_code == 400
    details = r.json()["error"]["details"]
    assert "location" in details and "网格" in details["location"]
    assert (CityCase.objects.count(), Entry.objects.count()) == (before, ledger)


@pytest.mark.parametrize(
    "change",
    [
        {"description": "  "},
        {"source": "twitter"},
        {"location": None},
        {"location": {"lon": "east", "lat": 1}},
        {"location": {"lon": 500, "lat": 33}},
    ],
)
def test_malformed_reports_get_400(api, demo, change):
    before = CityCase.objects.count()
    body = {**report_body(), **change}
    r = api("inspector").post("city-cases", body)
    assert r.status_code == 400, r.content
    assert error_code(r) == "invalid"
    assert CityCase.objects.count() == before


def test_reject_needs_a_reason_sc5(api, make_case):
    case = make_case("reported")
    entries = len(_entries(case.pk))
    r = api("center").post(f"city-cases/{case.pk}/reject", {})
    assert r.status_code == 409
    assert error_code(r) == "SC-5"
    assert r.json()["error"]["article"]
    case.refresh_from_db()
    assert case.status == "reported" and len(_entries(case.pk)) == entries
    r = api("center").post(f"city-cases/{case.pk}/reject", {"reason": "非城管职责，已告知"})
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    assert r.json()["reject_reason"] == "非城管职责，已告知"


def test_return_needs_a_reason_and_is_counted(api, make_case):
    case = make_case("dispatched")
    r = api("handler_sanitation").post(f"city-cases/{case.pk}/return", {"reason": " "})
    assert r.status_code == 409 and error_code(r) == "SC-5"
    case.refresh_from_db()
    assert case.status == "dispatched" and case.return_count == 0
    r = api("handler_sanitation").post(
        f"city-cases/{case.pk}/return", {"reason": "属于园林绿化部门职责"}
    )
    assert r.status_code == 200
    assert r.json()["status"] == "filed" and r.json()["return_count"] == 1
    assert r.json()["unit"] is None


def test_rework_needs_a_reason(api, make_case):
    case = make_case("handled")
    r = api("inspector").post(f"city-cases/{case.pk}/verify", {"passed": False})
    assert r.status_code == 409 and error_code(r) == "SC-5"
    case.refresh_from_db()
    assert case.status == "handled" and case.rework_count == 0


def test_reopen_needs_a_reason_then_goes_back_to_filed(api, make_case):
    case = make_case("closed")
    r = api("center").post(f"city-cases/{case.pk}/reopen", {"reason": ""})
    assert r.status_code == 409 and error_code(r) == "SC-5"
    case.refresh_from_db()
    assert case.status == "closed"
    r = api("center").post(f"city-cases/{case.pk}/reopen", {"reason": "群众反映问题复发"})
    assert r.status_code == 200
    assert r.json()["status"] == "filed" and r.json()["reopen_count"] == 1
    assert r.json()["due"]["dispatch"] is not None


def test_dispatch_to_an_unknown_unit_is_400(api, make_case):
    case = make_case("filed")
    r = api("center").post(f"city-cases/{case.pk}/dispatch", {"unit": "nosuch"})
    assert r.status_code == 400 and "unit" in r.json()["error"]["details"]
    case.refresh_from_db()
    assert case.status == "filed"


def test_dispatch_without_unit_takes_the_routing_proposal(api, make_case):
    case = make_case("filed", category="E0501", where=TOWN)
    r = api("center").post(f"city-cases/{case.pk}/dispatch", {})
    assert r.status_code == 200, r.content
    assert r.json()["unit"] == "town1"


def test_callback_records_satisfaction_of_a_closed_order(api, make_case):
    case = make_case("closed", source="hotline")
    r = api("hotline").post(f"city-cases/{case.pk}/callback", {"satisfaction": "very"})
    assert r.status_code == 400
    r = api("hotline").post(
        f"city-cases/{case.pk}/callback", {"satisfaction": "basically_satisfied"}
    )
    assert r.status_code == 200
    assert r.json()["satisfaction"] == "basically_satisfied"
    assert r.json()["steps"][-1]["action"] == "callback"


def test_case_list_filters(api, make_case):
    a = make_case("dispatched")
    b = make_case("filed", source="hotline")
    center = api("center")
    ids = {c["id"] for c in center.get("city-cases", status="dispatched").json()["items"]}
    assert a.pk in ids and b.pk not in ids
    ids = {c["id"] for c in center.get("city-cases", source="hotline").json()["items"]}
    assert b.pk in ids and a.pk not in ids
    ids = {c["id"] for c in center.get("city-cases", unit="sanitation").json()["items"]}
    assert a.pk in ids
    assert center.get("city-cases", status="bogus").status_code == 400
    assert center.get("city-cases", overdue="maybe").status_code == 400


def test_steps_are_rows_of_history(make_case):
    case = make_case("verified")
    assert list(CaseStep.objects.filter(case=case).values_list("action", flat=True)) == [
        "report",
        "file",
        "dispatch",
        "handle",
        "verify",
    ]


def test_hotline_report_keeps_its_reply_deadline(api, demo):
    body = report_body(source="hotline", requester={"name": "李四", "phone": "13900001111"})
    body["location"] = CITY
    r = api("hotline").post("city-cases", body)
    assert r.status_code == 201
    assert r.json()["due"]["close"] is not None
    assert r.json()["hotline"] is True


def test_openapi_lists_every_city_case_endpoint(api, demo):
    paths = api(None).get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/categories",
        "/api/v1/grids",
        "/api/v1/grids/locate",
        "/api/v1/city-cases",
        "/api/v1/city-cases/{case_id}",
        "/api/v1/stats/city-cases",
    ):
        assert path in paths, path
    for action in (
        "file",
        "reject",
        "dispatch",
        "return",
        "handle",
        "verify",
        "close",
        "callback",
        "merge",
        "reopen",
        "extend",
        "decide_extension",
        "suspend",
        "resume",
    ):
        post = paths[f"/api/v1/city-cases/{{case_id}}/{action}"]["post"]
        assert {"200", "400", "404", "409"} <= set(post["responses"]), action
