"""``outsider`` (another bureau, officer + head) sees and changes nothing of bureau ``demo``."""

from __future__ import annotations

import pytest

from chengguan.penalties import actions
from tests.conftest import error_code
from tests.penalties.helpers import T0, at, notified, proposal, snapshot

ACTIONS = [
    ("register", {}),
    ("evidence", {"kind": "documentary", "description": "x"}),
    ("conclude", {"outcome": "penalty", "proposal": proposal()}),
    ("review", {"approved": True, "opinion": "x"}),
    ("discuss", {"participants": ["a", "b", "c"], "minutes": "x", "conclusion": "x"}),
    ("notify", {"served_on": "2025-06-03"}),
    ("statement", {"content": "x", "accepted": True}),
    ("waive", {}),
    ("request_hearing", {"requested_on": "2025-06-03"}),
    ("hearing", {"held_on": "2025-06-03", "chair": "outsider", "record": "x"}),
    ("name_chair", {"chair": "outsider"}),  # helper:hearing2
    ("challenge_chair", {"reason": "x", "upheld": True}),  # helper:hearing2
    ("decide", proposal("5000", "lighter")),
    ("serve", {"served_on": "2025-06-03", "method": "direct"}),
    (
        "pay",
        {"amount": "5000", "paid_on": "2025-06-03", "channel": "bank", "voucher_no": "YH20250001"},
    ),
    ("file", {}),
    ("close", {}),
    ("archive", {}),
    ("recuse", {"officer": "officer1", "reason": "x", "granted": True}),
    ("extend", {"until": "2025-12-31", "reason": "x"}),
    (
        "remedies",
        {
            "kind": "litigation",
            "filed_on": "2025-06-03",
            "body": "示范县人民法院",
            "proof_number": "（2025）豫1323行初1号",
            "proof_date": "2025-06-03",
        },
    ),
    ("remedies/1/conclude", {"concluded_on": "2025-06-03", "outcome": "won"}),
    ("arrangements", {"kind": "deferral", "applied_on": "2025-06-03", "reason": "x"}),
    ("arrangements/1/decide", {"approved": True, "opinion": "x", "due_on": "2025-07-31"}),
    ("demand", {"served_on": "2025-06-03", "method": "direct"}),
    ("enforcement", {"court": "x", "applied_on": "2025-06-03", "document_number": "x"}),
    ("enforcement/outcome", {"outcome": "granted", "outcome_on": "2025-06-03"}),
    ("preservations/approve", {"reason": "x"}),
    ("preservations", {"items": [{"description": "x", "quantity": "1", "location": "x"}]}),
    ("preservations/1/decide", {"handling": "return", "note": "x"}),
    ("hand_in", {"handed_in_on": "2025-06-03", "receiver": "x"}),
    ("deposit", {"deposited_on": "2025-06-03", "bank_slip": "x"}),
    (  # helper:due3
        "disposals",
        {
            "method": "destruction",
            "items": "x",
            "disposed_on": "2025-06-03",
            "witnesses": ["a", "b"],
        },
    ),
    (  # helper:due3
        "transfer",
        {
            "kind": "judicial",
            "to": "示范县公安局",
            "reason": "x",
            "decided_on": "2025-06-03",
            "handed_over_on": "2025-06-03",
            "receipt": "x",
            "approved_by": "outsider",
        },
    ),
]


@pytest.mark.parametrize("action, body", ACTIONS, ids=[a for a, _ in ACTIONS])
def test_outsider_gets_404_on_every_action(api, demo, action, body):
    with at(T0):
        case = notified(demo, proposal("5000", "lighter"))
        before = snapshot(case)
        r = api("outsider").post(f"penalty-cases/{case.pk}/{action}", body)
    assert r.status_code == 404, (action, r.content)
    assert error_code(r) == "not_found"
    assert snapshot(case) == before


def test_outsider_cannot_read_the_case_or_its_compliance(api, demo):
    with at(T0):
        case = notified(demo)
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
    out = api("outsider")
    assert out.get(f"penalty-cases/{case.pk}").status_code == 404
    assert out.get(f"penalty-cases/{case.pk}/compliance").status_code == 404
    listed = out.get("penalty-cases").json()
    assert case.number not in {c["number"] for c in listed["items"]}
    stats = out.get("stats/penalties").json()
    assert stats["total"] == 0 and stats["legal_reviews"] == 0
    codes = {i["code"] for i in out.get("law/power-items").json()["items"]}
    assert "SZ001" not in codes


def test_an_officer_not_on_the_case_is_forbidden(api, demo):
    with at(T0):
        case = notified(demo)
        before = snapshot(case)
        r = api("town_officer1").post(f"penalty-cases/{case.pk}/waive", {})
    assert r.status_code in (403, 404)
    assert snapshot(case) == before
