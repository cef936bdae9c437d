"""The 查封/扣押 endpoints: created 201, refusals 409 with the rule id (nothing changed), wrong role /
town team / other bureau refused on every endpoint."""

from __future__ import annotations

from chengguan.ledger.models import Entry
from chengguan.measures.models import Seizure
from tests.conftest import error_code
from tests.penalties.helpers import T0, D, at, open_general, snapshot

BODY = {
    "kind": "seize",
    "items": [{"name": "三轮车（蓝色）", "quantity": 1, "unit": "辆", "note": "车斗内水果两筐"}],
    "place": "局暂扣物品库",
    "condition": "车况完好",
    "certificates_shown": ["officer1", "officer2"],
}


def _state(case):
    return snapshot(case), list(Seizure.objects.order_by("id").values()), Entry.objects.count()


def test_seize_extend_release_over_http_and_refusals_change_nothing(api, demo):
    with at(T0):
        case = open_general(demo)
        path = f"penalty-cases/{case.pk}/seizures"
        before = _state(case)
        r = api("officer1").post(path, BODY)
        assert r.status_code == 409 and error_code(r) == "QZ-18"
        r = api("officer1").post(path, {**BODY, "items": []})
        assert r.status_code == 400
        assert _state(case) == before
        r = api("officer1").post(path, {**BODY, "approved_by": "head"})
        assert r.status_code == 201, r.content
        sid = r.json()["id"]
        assert r.json()["decide_by"] == "2025-07-03" and r.json()["status"] == "held"
        # Wrong role, town team, other bureau on every endpoint.
        before = _state(case)
        assert api("head").post(path, {**BODY, "approved_by": "head"}).status_code == 403
        assert api("town_officer1").post(path, BODY).status_code == 404
        assert api("outsider").post(path, BODY).status_code == 404
        for action, body in (
            ("approve", {}),
            ("extend", {"days": 10, "reason": "案情复杂"}),
            ("release", {"reason": "other", "returned_on": "2025-06-03"}),
            ("dispose", {"handling": "confiscate", "note": "没收"}),
        ):
            for who in ("town_officer1", "outsider"):
                assert api(who).post(f"seizures/{sid}/{action}", body).status_code == 404
        assert (
            api("officer1").post(f"seizures/{sid}/extend", {"days": 5, "reason": "x"}).status_code
            == 403
        )
        assert (
            api("reviewer")
            .post(f"seizures/{sid}/release", {"reason": "other", "returned_on": "2025-06-03"})
            .status_code
            == 403
        )
        assert (
            api("officer1")
            .post(f"seizures/{sid}/dispose", {"handling": "confiscate", "note": "没收"})
            .status_code
            == 403
        )
        assert api("head").post(f"seizures/{sid}/approve", {}).status_code == 409  # not pending
        assert _state(case) == before
        r = api("head").post(f"seizures/{sid}/extend", {"days": 31, "reason": "案情复杂"})
        assert r.status_code == 409 and error_code(r) == "QZ-25"
        assert _state(case) == before
    with at(D(2025, 7, 4)):
        r = api("head").post(f"seizures/{sid}/extend", {"days": 10, "reason": "案情复杂"})
        assert r.status_code == 409 and error_code(r) == "QZ-28"
        r = api("officer2").post(
            f"seizures/{sid}/release", {"reason": "expired", "returned_on": "2025-07-04"}
        )
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "released"


def test_QZ_19_emergency_then_approved_within_24_hours(api, demo):
    with at(T0, hour=9):
        case = open_general(demo)
        r = api("officer1").post(f"penalty-cases/{case.pk}/seizures", {**BODY, "emergency": True})
        assert r.status_code == 201 and r.json()["status"] == "pending"
        sid = r.json()["id"]
    with at(D(2025, 6, 4), hour=8):
        r = api("head").post(f"seizures/{sid}/approve", {})
        assert r.status_code == 200 and r.json()["status"] == "held"
