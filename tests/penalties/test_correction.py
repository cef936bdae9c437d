"""ZL-1: a correction order carries a concrete deadline within the set period, and the 复查 that
finds it not performed comes after the deadline; refusals change nothing."""

from __future__ import annotations

from chengguan.ledger.models import Entry
from chengguan.penalties.models import CorrectionOrder
from tests.conftest import error_code
from tests.penalties.helpers import T0, D, at, open_general, snapshot


def _counts(case):
    return snapshot(case), CorrectionOrder.objects.count(), Entry.objects.count()


def test_an_order_gets_the_default_seven_day_deadline_and_is_rechecked_after_it(api, demo):
    with at(T0):
        case = open_general(demo)
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/corrections", {"content": "责令立即恢复道路原状"}
        )
        assert r.status_code == 200, r.content
        order = r.json()["corrections"][0]
        assert order["deadline"] == "2025-06-10"  # 7 days, CAL-1
    with at(D(2025, 6, 11)):
        r = api("officer2").post(
            f"penalty-cases/{case.pk}/corrections/{order['id']}/recheck",
            {"performed": False, "note": "复查时占道摊位仍未撤除"},
        )
        assert r.status_code == 200, r.content
        assert r.json()["corrections"][0]["performed"] is False
        assert r.json()["unperformed"] == [order["id"]]


def test_ZL_1_a_deadline_beyond_the_set_period_is_refused_and_nothing_changes(api, demo):
    with at(T0):
        case = open_general(demo)
        before = _counts(case)
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/corrections",
            {"content": "责令恢复原状", "deadline": "2025-06-30"},
        )
        assert r.status_code == 409
        assert error_code(r) == "ZL-1"
        assert _counts(case) == before


def test_ZL_1_not_performed_cannot_be_found_before_the_deadline(api, demo):
    with at(T0):
        case = open_general(demo)
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/corrections",
            {"content": "责令恢复原状", "deadline": "2025-06-06"},
        )
        oid = r.json()["corrections"][0]["id"]
    with at(D(2025, 6, 5)):
        before = _counts(case)
        path = f"penalty-cases/{case.pk}/corrections/{oid}/recheck"
        r = api("officer1").post(path, {"performed": False, "note": "尚未改正"})
        assert r.status_code == 409
        assert error_code(r) == "ZL-1"
        assert _counts(case) == before
        # Found performed early is lawful: the party may correct before the deadline.
        r = api("officer1").post(path, {"performed": True, "note": "已恢复原状"})
        assert r.status_code == 200, r.content
        assert r.json()["unperformed"] == []


def test_wrong_people_are_refused_orders_and_rechecks(api, demo):
    with at(T0):
        case = open_general(demo)
        path = f"penalty-cases/{case.pk}/corrections"
        body = {"content": "责令恢复原状"}
        before = _counts(case)
        assert api("outsider").post(path, body).status_code == 404
        assert api("outsider").get(path).status_code == 404
        assert api("head").post(path, body).status_code == 403  # not an officer
        assert api("town_officer1").post(path, body).status_code in {403, 404}
        assert _counts(case) == before
        oid = api("officer1").post(path, body).json()["corrections"][0]["id"]
    with at(D(2025, 6, 12)):
        r = api("reviewer").post(f"{path}/{oid}/recheck", {"performed": True, "note": "已改正"})
        assert r.status_code == 403
        assert (
            api("officer1")
            .post(f"{path}/{oid}/recheck", {"performed": True, "note": "已改正"})
            .status_code
            == 200
        )
        # A second check of the same order is refused.
        r = api("officer1").post(f"{path}/{oid}/recheck", {"performed": True, "note": "已改正"})
        assert r.status_code == 409
