"""XF-74: confiscated goods are sold at public auction or disposed of as the State provides
(destruction with witnesses), recorded against the decision (``POST .../disposals``)."""

from __future__ import annotations

from typing import Any

import pytest

from chengguan.penalties import actions
from chengguan.penalties.models import PenaltyCase
from tests.conftest import error_code
from tests.penalties.helpers import T0, at, notified, proposal, served, snapshot
from tests.penalties.test_rules import refused

pytestmark = pytest.mark.django_db

CONFISCATE = {
    "penalty_types": ["fine", "confiscate_property"],
    "fine_amount": "1000",
    "confiscation_amount": "300",
    "level": "lighter",
    "grounds": [],
    "correction": "责令立即停止露天烧烤",
}


def confiscated(demo: Any) -> PenaltyCase:
    """HB002 (露天烧烤): a fine and the confiscation of the grill, decided and served on T0."""
    with at(T0):
        case = notified(
            demo, proposal(**{"fine": "1000", "level": "lighter"}) | CONFISCATE, item="HB002"
        )
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
        actions.decide(case.pk, actor=demo.user("head"), decision=CONFISCATE)
        return actions.serve(case.pk, actor=demo.user("officer1"), served_on=T0, method="direct")


def post(api: Any, case: PenaltyCase, user: str = "officer1", **body: Any) -> Any:
    data = {"items": "烧烤炉1台、木炭2袋", "disposed_on": T0.isoformat(), **body}
    return api(user).post(f"penalty-cases/{case.pk}/disposals", data)


def test_destruction_needs_two_witnesses_and_is_recorded_against_the_decision(
    api: Any, demo: Any
) -> None:
    case = confiscated(demo)
    before = snapshot(case)
    with at(T0):
        refused(post(api, case, method="destruction", witnesses=["村委会张某"]), "XF-74")
        assert snapshot(case) == before
        r = post(api, case, method="destruction", witnesses=["村委会张某", "社区李某"])
    assert r.status_code == 200, r.content
    row = r.json()["disposals"][0]
    assert row["method"] == "destruction" and row["witnesses"] == ["村委会张某", "社区李某"]
    assert snapshot(case)["ledger"] == before["ledger"] + 1


def test_an_auction_names_the_auctioneer_and_pays_the_treasury(api: Any, demo: Any) -> None:
    case = confiscated(demo)
    before = snapshot(case)
    with at(T0):
        refused(
            post(api, case, method="auction", auctioneer="示范县拍卖行", proceeds="200"), "XF-74"
        )
        assert snapshot(case) == before
        ok = post(
            api,
            case,
            method="auction",
            auctioneer="示范县拍卖行",
            proceeds="200",
            treasury_voucher="国库缴款书2025-0001",
        )
    assert ok.status_code == 200, ok.content
    assert ok.json()["disposals"][0]["proceeds"] == "200.00"


def test_other_handling_names_the_provision(api: Any, demo: Any) -> None:
    case = confiscated(demo)
    with at(T0):
        refused(post(api, case, method="state_rules"), "XF-74")
        ok = post(
            api,
            case,
            method="state_rules",
            basis="《罚没财物管理办法》第二十条（移交再生资源企业）",
        )
    assert ok.status_code == 200, ok.content


def test_nothing_is_disposed_of_that_the_decision_did_not_confiscate(api: Any, demo: Any) -> None:
    case = served(demo)  # a fine only
    before = snapshot(case)
    with at(T0):
        refused(post(api, case, method="destruction", witnesses=["甲", "乙"]), "XF-74")
    assert snapshot(case) == before


def test_disposal_waits_for_a_pending_remedy(api: Any, demo: Any) -> None:
    case = confiscated(demo)
    with at(T0):
        r = api("reviewer").post(
            f"penalty-cases/{case.pk}/remedies",
            {
                "kind": "reconsideration",
                "filed_on": T0.isoformat(),
                "body": "示范县人民政府",
                "proof_number": "示政复受〔2025〕3号",
                "proof_date": T0.isoformat(),
            },
        )
        assert r.status_code == 200, r.content
        before = snapshot(case)
        refused(post(api, case, method="destruction", witnesses=["甲", "乙"]), "XF-74")
    assert snapshot(case) == before


def test_bad_disposal_input_is_400_and_the_state_is_checked(api: Any, demo: Any) -> None:
    with at(T0):
        open_case = notified(demo)
        before = snapshot(open_case)
        r = post(api, open_case, method="burn")
        assert r.status_code == 400 and "method" in r.json()["error"]["details"]
        r = post(api, open_case, method="destruction", witnesses=["甲", "乙"])
        assert r.status_code == 409 and error_code(r) == "state"
    assert snapshot(open_case) == before


@pytest.mark.parametrize(
    "user, codes", [("reviewer", {403}), ("town_officer1", {403, 404}), ("outsider", {404})]
)
def test_wrong_role_department_or_bureau_cannot_dispose(
    api: Any, demo: Any, user: str, codes: set[int]
) -> None:
    case = confiscated(demo)
    before = snapshot(case)
    with at(T0):
        r = post(api, case, user=user, method="destruction", witnesses=["甲", "乙"])
    assert r.status_code in codes, r.content
    assert snapshot(case) == before
