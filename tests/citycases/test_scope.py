"""Roles (API.md table) and scope (ORG-5): who may do what, and who sees what."""

from __future__ import annotations

import pytest

from chengguan.citycases.models import CityCase
from tests.citycases.conftest import TOWN, report_body
from tests.conftest import error_code

# action, status the case must be in, a body, roles that may NOT do it (→ 403)
WRONG_ROLE = [
    ("file", "reported", {}, ["inspector", "head", "supervisor"]),
    ("reject", "reported", {"reason": "x"}, ["inspector", "officer1"]),
    ("dispatch", "filed", {"unit": "sanitation"}, ["hotline", "inspector", "head"]),
    ("handle", "dispatched", {"result": "x"}, ["center", "inspector", "hotline"]),
    ("return", "dispatched", {"reason": "x"}, ["center", "hotline"]),
    ("verify", "handled", {"passed": True}, ["hotline", "head"]),
    ("close", "verified", {}, ["inspector", "head"]),
    ("callback", "closed", {"satisfaction": "satisfied"}, ["center", "inspector"]),
    ("reopen", "closed", {"reason": "x"}, ["inspector", "supervisor"]),
    ("suspend", "dispatched", {"reason": "x"}, ["hotline", "inspector"]),
]


@pytest.mark.parametrize(
    ("action", "status", "body", "who"), [(a, s, b, w) for a, s, b, ws in WRONG_ROLE for w in ws]
)
def test_a_wrong_role_gets_403_and_nothing_changes(api, make_case, action, status, body, who):
    case = make_case(status)
    r = api(who).post(f"city-cases/{case.pk}/{action}", body)
    assert r.status_code == 403, r.content
    assert error_code(r) == "forbidden"
    case.refresh_from_db()
    assert case.status == status


def test_reporting_is_for_inspector_center_and_hotline(api, demo):
    for who in ("inspector", "center", "hotline"):
        assert api(who).post("city-cases", report_body()).status_code == 201, who
    for who in ("handler_sanitation", "head", "officer1"):
        assert api(who).post("city-cases", report_body()).status_code == 403, who


@pytest.mark.parametrize(
    "action,body",
    [
        ("handle", {"result": "x"}),
        ("return", {"reason": "x"}),
        ("extend", {"hours": 2, "reason": "x"}),
    ],
)
def test_a_handler_of_another_unit_gets_404(api, make_case, action, body):
    case = make_case("dispatched", unit="sanitation")
    r = api("handler_greening").post(f"city-cases/{case.pk}/{action}", body)
    assert r.status_code == 404
    assert api("handler_greening").get(f"city-cases/{case.pk}").status_code == 404
    case.refresh_from_db()
    assert case.status == "dispatched"


def test_handlers_list_only_their_units_cases(api, make_case):
    mine = make_case("dispatched", unit="sanitation")
    theirs = make_case("dispatched", unit="greening", category="E0105")
    waiting = make_case("filed")
    ids = {c["id"] for c in api("handler_sanitation").get("city-cases").json()["items"]}
    assert mine.pk in ids and theirs.pk not in ids and waiting.pk not in ids
    assert api("handler_sanitation").get(f"city-cases/{mine.pk}").status_code == 200


def test_outsider_sees_and_does_nothing(api, make_case):
    case = make_case("dispatched")
    out = api("outsider")
    assert out.get(f"city-cases/{case.pk}").status_code == 404
    assert out.get("city-cases").json()["count"] == 0
    for action, body in [
        ("file", {}),
        ("reject", {"reason": "x"}),
        ("merge", {"into": case.pk}),
        ("dispatch", {"unit": "sanitation"}),
        ("return", {"reason": "x"}),
        ("handle", {"result": "x"}),
        ("verify", {"passed": True}),
        ("close", {}),
        ("callback", {"satisfaction": "satisfied"}),
        ("reopen", {"reason": "x"}),
        ("extend", {"hours": 2, "reason": "x"}),
        ("decide_extension", {"approved": True}),
        ("suspend", {"reason": "x"}),
        ("resume", {}),
    ]:
        r = out.post(f"city-cases/{case.pk}/{action}", body)
        assert r.status_code == 404, action
    assert out.get("grids").json()["features"] == []
    assert out.get("categories").json()["count"] == 0
    assert out.get("stats/city-cases").json()["reported"] == 0
    assert out.get("grids/locate", lon=111.4612, lat=33.2712).status_code == 400
    assert out.post("city-cases", report_body()).status_code in (400, 403)
    case.refresh_from_db()
    assert case.status == "dispatched"


def test_anonymous_gets_401(api, make_case):
    case = make_case("reported")
    anon = api(None)
    for path in (
        "categories",
        "grids",
        "city-cases",
        f"city-cases/{case.pk}",
        "stats/city-cases",
        "grids/locate?lon=111.47&lat=33.28",
    ):
        assert anon.get(path).status_code == 401, path


def test_town_team_sees_only_its_area(api, make_case):
    in_town = make_case("filed", where=TOWN)
    in_city = make_case("filed")
    town = api("town_officer1")
    assert town.get(f"city-cases/{in_town.pk}").status_code == 200
    assert town.get(f"city-cases/{in_city.pk}").status_code == 404
    ids = {c["id"] for c in town.get("city-cases").json()["items"]}
    assert in_town.pk in ids and in_city.pk not in ids


def test_dispatch_to_a_town_team_outside_its_area_is_refused_org5(api, make_case):
    case = make_case("filed")
    r = api("center").post(f"city-cases/{case.pk}/dispatch", {"unit": "town1"})
    assert r.status_code == 409 and error_code(r) == "ORG-5"
    case.refresh_from_db()
    assert case.status == "filed" and case.unit_id is None


def test_a_town_team_cannot_handle_a_case_of_its_area_sent_elsewhere_org5(api, make_case):
    case = make_case("dispatched", where=TOWN, unit="sanitation")
    r = api("town_officer1").post(f"city-cases/{case.pk}/handle", {"result": "x"})
    assert r.status_code == 409 and error_code(r) == "ORG-5"
    case.refresh_from_db()
    assert case.status == "dispatched"


def test_a_town_team_handles_what_is_dispatched_to_it(api, make_case):
    case = make_case("dispatched", where=TOWN, category="E0501", unit="town1")
    r = api("town_officer1").post(f"city-cases/{case.pk}/handle", {"result": "摊点已清理"})
    assert r.status_code == 200 and r.json()["status"] == "handled"
    assert CityCase.objects.get(pk=case.pk).handled_at is not None
