"""Issue #11, decision 064: the due-process rules of extension (XF-60) and the hearing window (XF-63).

Each rule is broken over the API and refused with its id; the refusal changes nothing (the case, its
related rows, the ledger)."""

from __future__ import annotations

from typing import Any

from chengguan.penalties import actions
from tests.penalties.helpers import (
    T0,
    D,
    at,
    fine_decision,
    notified,
    open_general,
    proposal,
    snapshot,
)
from tests.penalties.test_rules import refused

# T0 = 2025-06-03: a case registered then must be decided by 2025-09-01 (XF-60, 90 days).
DEADLINE = D(2025, 9, 1)
REASON = "案情复杂，需进一步调查取证"


def registered(demo: Any) -> Any:
    with at(T0):
        case = open_general(demo)
        return actions.register(case.pk, actor=demo.user("head"))


def extend(api: Any, case: Any, until: str, user: str = "head") -> Any:
    return api(user).post(f"penalty-cases/{case.pk}/extend", {"until": until, "reason": REASON})


# XF-60 --------------------------------------------------------------------------------------------


def test_extension_within_the_period_by_at_most_thirty_days(api, demo):
    case = registered(demo)
    with at(D(2025, 8, 20)):
        r = extend(api, case, "2025-10-01")
    assert r.status_code == 200, r.content
    assert r.json()["extension"]["until"] == "2025-10-01"


def test_extension_after_the_period_has_passed_is_refused(api, demo):
    case = registered(demo)
    with at(D(2025, 9, 2)):
        before = snapshot(case)
        body = refused(extend(api, case, "2025-09-20"), "XF-60")
        assert "届满前" in body["message"]
        assert snapshot(case) == before


def test_extension_longer_than_the_local_maximum_is_refused(api, demo):
    case = registered(demo)
    with at(D(2025, 8, 20)):
        before = snapshot(case)
        body = refused(extend(api, case, "2025-10-02"), "XF-60")
        assert "30日" in body["message"]
        assert snapshot(case) == before


def test_extension_needs_the_head_and_a_reason(api, demo):
    case = registered(demo)
    with at(D(2025, 8, 20)):
        before = snapshot(case)
        assert extend(api, case, "2025-09-20", user="officer1").status_code == 403
        r = api("head").post(
            f"penalty-cases/{case.pk}/extend", {"until": "2025-09-20", "reason": " "}
        )
        assert r.status_code == 400, r.content
        assert snapshot(case) == before


def test_second_extension_needs_a_collective_discussion(api, demo):
    with at(T0):
        case = notified(demo, proposal("5000", "lighter"))
    with at(D(2025, 8, 20)):
        assert extend(api, case, "2025-09-30").status_code == 200
    with at(D(2025, 9, 25)):
        before = snapshot(case)
        body = refused(extend(api, case, "2025-10-20"), "XF-60")
        assert "集体讨论" in body["message"]
        assert snapshot(case) == before
        # A discussion that does not approve an extension does not count.
        actions.discuss(
            case.pk,
            actor=demo.user("head"),
            participants=["张建华", "副局长甲", "副局长乙"],
            minutes="讨论案情",
            conclusion="继续调查",
        )
        refused(extend(api, case, "2025-10-20"), "XF-60")
        r = api("head").post(
            f"penalty-cases/{case.pk}/discuss",
            {
                "participants": ["张建华", "副局长甲", "副局长乙"],
                "minutes": "讨论再次延长办案期限",
                "conclusion": "同意再次延长办案期限",
                "approves_extension": True,
            },
        )
        assert r.status_code == 200, r.content
        r = extend(api, case, "2025-10-20")
        assert r.status_code == 200, r.content
        # The discussion approved one further extension, not every later one.
        before = snapshot(case)
    with at(D(2025, 10, 10)):
        refused(extend(api, case, "2025-10-30"), "XF-60")
        assert snapshot(case) == before


def test_decision_within_the_extension(api, demo):
    with at(T0):
        case = notified(demo, proposal("5000", "lighter"))
        actions.waive(case.pk, actor=demo.user("officer1"))
    with at(D(2025, 8, 29)):
        assert extend(api, case, "2025-09-30").status_code == 200
    with at(D(2025, 9, 29)):
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine_decision("5000"))
    assert r.status_code == 200, r.content
