"""Every action from every status: allowed where the table says, otherwise 409 ``state``."""

from __future__ import annotations

import pytest

from chengguan.citycases.states import TRANSITIONS, Status
from tests.conftest import error_code

# action → (who may do it, a valid body)
ACTIONS = {
    "file": ("center", {}),
    "reject": ("center", {"reason": "非城管职责"}),
    "dispatch": ("center", {"unit": "sanitation"}),
    "return": ("handler_sanitation", {"reason": "非本部门职责"}),
    "handle": ("handler_sanitation", {"result": "已处置"}),
    "verify": ("inspector", {"passed": True, "note": "合格"}),
    "close": ("center", {}),
    "callback": ("hotline", {"satisfaction": "satisfied"}),
    "reopen": ("center", {"reason": "问题复发"}),
    "extend": ("handler_sanitation", {"hours": 4, "reason": "需采购配件"}),
    "suspend": ("center", {"reason": "涉及产权纠纷，暂无法处置"}),
}
STATUSES = [s for s in Status.values]

CASES = [(action, status) for action in ACTIONS for status in STATUSES]


@pytest.mark.parametrize(("action", "status"), CASES)
def test_each_action_from_each_status(api, make_case, action, status):
    case = make_case(status)
    who, body = ACTIONS[action]
    r = api(who).post(f"city-cases/{case.pk}/{action}", body)
    allowed, _ = TRANSITIONS[action]
    if status in allowed:
        assert r.status_code == 200, (action, status, r.content)
    else:
        assert r.status_code in (404, 409), (action, status, r.content)
        if r.status_code == 404:
            # a handler sees only what is dispatched to its unit (ORG-5): not a leak of state
            assert who.startswith("handler") and status not in {
                "dispatched",
                "handled",
                "verified",
                "closed",
            }
        else:
            assert error_code(r) == "state"
        case.refresh_from_db()
        assert case.status == status


def test_merge_only_from_reported_or_filed(api, make_case):
    target = make_case("reported")
    for status in STATUSES:
        case = make_case(status)
        r = api("center").post(f"city-cases/{case.pk}/merge", {"into": target.pk})
        if status in {"reported", "filed"}:
            assert r.status_code == 200 and r.json()["status"] == "merged"
            assert r.json()["merged_into"] == target.pk
        else:
            assert r.status_code == 409 and error_code(r) == "state", status


def test_merge_into_a_finished_case_is_refused(api, make_case):
    closed = make_case("closed")
    case = make_case("reported")
    r = api("center").post(f"city-cases/{case.pk}/merge", {"into": closed.pk})
    assert r.status_code == 409 and error_code(r) == "state"
    r = api("center").post(f"city-cases/{case.pk}/merge", {"into": case.pk})
    assert r.status_code == 400


def test_verify_fail_returns_to_the_same_unit_for_rework(api, make_case):
    case = make_case("handled", unit="greening", category="E0105")
    r = api("center").post(f"city-cases/{case.pk}/verify", {"passed": False, "note": "仍有落叶"})
    assert r.json()["status"] == "dispatched" and r.json()["unit"] == "greening"
    assert r.json()["on_time"]["handle"] is None
    r = api("handler_greening").post(f"city-cases/{case.pk}/handle", {"result": "清扫完毕"})
    assert r.status_code == 200


def test_handle_needs_a_result(api, make_case):
    case = make_case("dispatched")
    r = api("handler_sanitation").post(f"city-cases/{case.pk}/handle", {"result": ""})
    assert r.status_code == 400 and "result" in r.json()["error"]["details"]
