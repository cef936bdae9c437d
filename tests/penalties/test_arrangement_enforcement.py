"""XF-72.2: after an approved deferral or instalment plan, the period for applying to the court runs
from the end of that period (《行政处罚法》第七十二条第二款; decision 076)."""

from __future__ import annotations

from typing import Any

import pytest

from chengguan.penalties.models import PaymentArrangement, PenaltyCase
from tests.penalties.helpers import D, at, served, snapshot
from tests.penalties.test_rules import refused

pytestmark = pytest.mark.django_db

DEFERRED_TO = "2026-01-30"  # after the remedy periods (they end 2025-12-03 for service on T0)


def path(case: PenaltyCase, action: str = "") -> str:
    return f"penalty-cases/{case.pk}" + (f"/{action}" if action else "")


def deferred(api: Any, demo: Any) -> PenaltyCase:
    case = served(demo)
    with at(D(2025, 6, 5)):
        r = api("officer1").post(
            path(case, "arrangements"),
            {"kind": "deferral", "applied_on": "2025-06-05", "reason": "个体经营困难，无力缴纳"},
        )
        assert r.status_code == 200, r.content
        aid = PaymentArrangement.objects.get(case=case, status="pending").pk
        r = api("head").post(
            path(case, f"arrangements/{aid}/decide"),
            {"approved": True, "opinion": "同意暂缓", "due_on": DEFERRED_TO},
        )
    assert r.status_code == 200, r.content
    return case


def court(api: Any, case: PenaltyCase, on: str) -> Any:
    return api("head").post(
        path(case, "enforcement"),
        {"court": "示范县人民法院", "applied_on": on, "document_number": "示城管强申字〔2026〕1号"},
    )


def demand(api: Any, case: PenaltyCase, on: str) -> None:
    r = api("officer1").post(path(case, "demand"), {"served_on": on, "method": "direct"})
    assert r.status_code == 200, r.content


def instalments(api: Any, demo: Any) -> PenaltyCase:
    case = served(demo)
    with at(D(2025, 6, 5)):
        r = api("officer1").post(
            path(case, "arrangements"),
            {"kind": "instalments", "applied_on": "2025-06-05", "reason": "个体经营困难"},
        )
        assert r.status_code == 200, r.content
        aid = PaymentArrangement.objects.get(case=case, status="pending").pk
        plan = [
            {"amount": "2500", "due_on": "2025-06-30"},
            {"amount": "2500", "due_on": DEFERRED_TO},
        ]
        r = api("head").post(
            path(case, f"arrangements/{aid}/decide"),
            {"approved": True, "opinion": "同意分期", "instalments": plan},
        )
    assert r.status_code == 200, r.content
    return case


def test_no_court_application_before_the_instalment_period_ends(api: Any, demo: Any) -> None:
    # The first instalment is missed, so the demand (QZ-54) may be served; the plan runs until
    # DEFERRED_TO, and only from then does the period for the court run (XF-72.2).
    case = instalments(api, demo)
    with at(D(2025, 12, 10)):
        demand(api, case, "2025-12-10")
    with at(D(2026, 1, 15)):
        before = snapshot(case)
        body = refused(court(api, case, "2026-01-15"), "XF-72.2")
        assert DEFERRED_TO in body["message"]
        assert snapshot(case) == before


def test_the_three_months_run_from_the_end_of_the_deferral(api: Any, demo: Any) -> None:
    case = deferred(api, demo)
    with at(D(2026, 2, 2)):
        demand(api, case, "2026-02-02")
        shown = api("head").get(path(case, "compliance")).json()
        step = next(n for n in shown["next"] if n["action"] == "apply_enforcement")
        # Without the deferral the three months would end 2026-03-03 (service on 2025-06-03).
        assert step["due"] == "2026-04-30"
    # After 2026-03-03, within three months of the deferral's end: still in time (QZ-53).
    with at(D(2026, 3, 20)):
        r = court(api, case, "2026-03-20")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "enforcement"
