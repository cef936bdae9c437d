"""XF-27 (a suspected crime to the judiciary) and XF-22 (a matter outside the bureau's powers to the
competent body): ``POST /penalty-cases/{id}/transfer``; the case is then suspended (decision 076).

Cases are discovered on T0 = 2025-06-03 unless said otherwise.
"""

from __future__ import annotations

from typing import Any

import pytest

from chengguan.penalties.models import PenaltyCase, Transfer
from tests.conftest import error_code
from tests.penalties.helpers import T0, D, at, fine_decision, investigated, served, snapshot
from tests.penalties.test_rules import refused

pytestmark = pytest.mark.django_db


def body(**kw: Any) -> dict[str, Any]:
    return {
        "kind": "judicial",
        "to": "示范县公安局",
        "reason": "当事人涉嫌非法经营罪，违法经营数额已达立案追诉标准",
        "decided_on": T0.isoformat(),
        "handed_over_on": T0.isoformat(),
        "receipt": "示公（经）受字〔2025〕17号 接收回执",
        "approved_by": "head",
        **kw,
    }


def _post(api: Any, user: str, case: PenaltyCase, data: dict[str, Any]) -> Any:
    return api(user).post(f"penalty-cases/{case.pk}/transfer", data)


def test_a_suspected_crime_is_transferred_and_the_case_is_suspended(api: Any, demo: Any) -> None:
    with at(T0):
        case = investigated(demo)
        before = snapshot(case)
        r = _post(api, "officer1", case, body())
        assert r.status_code == 200, r.content
        out = r.json()
        assert out["status"] == "transferred"
        assert out["transfers"][0]["approved_by"] == "head"
        assert out["transfers"][0]["reported_on"] == T0.isoformat()
        assert snapshot(case)["ledger"] == before["ledger"] + 1
        suspended = snapshot(case)
        # No decision, no other step of the procedure: XF-27, and nothing changes.
        d = refused(api("head").post(f"penalty-cases/{case.pk}/decide", fine_decision()), "XF-27")
        assert "移送" in d["message"]
        refused(
            api("officer1").post(f"penalty-cases/{case.pk}/notify", {"served_on": "2025-06-03"}),
            "XF-27",
        )
        assert snapshot(case) == suspended
        # Closing the transferred case is what follows.
        assert api("head").post(f"penalty-cases/{case.pk}/close", {}).status_code == 200


def test_a_judicial_transfer_needs_the_heads_approval(api: Any, demo: Any) -> None:
    with at(T0):
        case = investigated(demo)
        before = snapshot(case)
        refused(_post(api, "officer1", case, body(approved_by="")), "XF-27")
        refused(_post(api, "officer1", case, body(approved_by="reviewer")), "XF-27")
        assert snapshot(case) == before
        # The head recording it himself is the approval.
        ok = _post(api, "head", case, body(approved_by=""))
    assert ok.status_code == 200, ok.content
    assert ok.json()["transfers"][0]["approved_by"] == "head"


def test_the_transfer_decision_comes_within_three_days_of_the_report(api: Any, demo: Any) -> None:
    with at(T0):
        case = investigated(demo, discovered=D(2025, 5, 26))
        before = snapshot(case)
        body_ = refused(_post(api, "officer1", case, body()), "XF-27")
        assert "3日内" in body_["message"]
        assert snapshot(case) == before
        # The suspicion arose later in the investigation: the 3 days run from its report.
        ok = _post(api, "officer1", case, body(suspected_crime_on="2025-05-31"))
    assert ok.status_code == 200, ok.content
    assert ok.json()["transfers"][0]["reported_on"] == "2025-05-31"


def test_a_late_transfer_records_its_reason(api: Any, demo: Any) -> None:
    with at(T0):
        case = investigated(demo, discovered=D(2025, 5, 26))
        ok = _post(
            api, "officer1", case, body(late_reason="涉案金额经审计方能确定，审计报告6月2日出具")
        )
    assert ok.status_code == 200, ok.content
    assert Transfer.objects.get(case=case).late_reason


def test_the_file_is_handed_over_within_24_hours_of_the_decision(api: Any, demo: Any) -> None:
    with at(D(2025, 6, 6)):
        case = investigated(demo)
        before = snapshot(case)
        r = _post(api, "officer1", case, body(decided_on="2025-06-03", handed_over_on="2025-06-05"))
        refused(r, "XF-27")
        assert snapshot(case) == before
        ok = _post(
            api, "officer1", case, body(decided_on="2025-06-03", handed_over_on="2025-06-04")
        )
    assert ok.status_code == 200, ok.content


def test_a_matter_outside_the_bureaus_powers_goes_with_the_receipt(api: Any, demo: Any) -> None:
    other = body(kind="competent_body", to="示范县市场监督管理局", approved_by="", receipt="")
    other["reason"] = "销售过期食品，属市场监管部门职权（《食品安全法》第一百二十四条）"
    with at(T0):
        case = investigated(demo)
        before = snapshot(case)
        refused(_post(api, "officer1", case, other), "XF-22")
        assert snapshot(case) == before
        ok = _post(api, "officer1", case, {**other, "receipt": "市监局签收回执（王某某，6月3日）"})
        assert ok.status_code == 200, ok.content
        suspended = snapshot(case)
        refused(api("head").post(f"penalty-cases/{case.pk}/decide", fine_decision()), "XF-22")
    assert snapshot(case) == suspended


def test_transfer_dates_are_neither_future_nor_out_of_order(api: Any, demo: Any) -> None:
    with at(T0):
        case = investigated(demo)
        before = snapshot(case)
        refused(_post(api, "officer1", case, body(decided_on="2025-06-04")), "TM-1")
        refused(
            _post(
                api, "officer1", case, body(decided_on="2025-06-03", handed_over_on="2025-06-02")
            ),
            "TM-1",
        )
        refused(_post(api, "officer1", case, body(suspected_crime_on="2025-06-01")), "TM-1")
    assert snapshot(case) == before


@pytest.mark.parametrize(
    "change, field",
    [({"kind": "police"}, "kind"), ({"reason": " "}, "reason"), ({"to": ""}, "to")],
)
def test_bad_transfer_input_is_a_400_naming_the_field(
    api: Any, demo: Any, change: dict[str, Any], field: str
) -> None:
    with at(T0):
        case = investigated(demo)
        before = snapshot(case)
        r = _post(api, "officer1", case, body(**change))
    assert r.status_code == 400, r.content
    assert field in r.json()["error"]["details"]
    assert snapshot(case) == before


@pytest.mark.parametrize(
    "user, status", [("reviewer", 403), ("town_officer1", None), ("outsider", 404)]
)
def test_wrong_role_department_or_bureau_cannot_transfer(
    api: Any, demo: Any, user: str, status: int | None
) -> None:
    with at(T0):
        case = investigated(demo)
        before = snapshot(case)
        r = _post(api, user, case, body())
    if status is None:
        assert r.status_code in (403, 404), r.content
    else:
        assert r.status_code == status, r.content
    assert error_code(r) in ("forbidden", "not_found")
    assert snapshot(case) == before


def test_a_decided_case_is_not_transferred(api: Any, demo: Any) -> None:
    case = served(demo)
    before = snapshot(case)
    with at(T0):
        r = _post(api, "officer1", case, body())
    assert r.status_code == 409 and error_code(r) == "state", r.content
    assert snapshot(case) == before
