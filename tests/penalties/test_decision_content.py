"""The content of a decision (LEGAL-RULES §10.3): party identity (PA-1), birth date (XF-30), capacity
(XF-31), what a penalty imposes (XF-9), illegal income (XF-28.2), several norms (XF-29.2), the
statute's shape of the fine (XF-38/CL-4). Each rule: broken, refused with its id, nothing changed."""

from __future__ import annotations

from typing import Any

from chengguan.law import actions as law_actions
from chengguan.penalties import actions
from chengguan.penalties.models import Party, PenaltyCase
from tests.penalties.helpers import (
    COMPANY,
    PERSON,
    T0,
    D,
    at,
    notified,
    open_general,
    proposal,
    snapshot,
)
from tests.penalties.test_rules import counts, fine, nothing_created, refused, simple_body

STATEMENT_OVER = D(2025, 6, 9)


def _open_simple(api: Any, decision: dict[str, Any], **kw: Any) -> Any:
    with at(T0):
        return api("officer1").post("penalty-cases", simple_body(decision, **kw))


# PA-1 -------------------------------------------------------------------------------------------


def test_organisation_without_credit_code_does_not_take_the_organisation_limit(api):
    nameless = {k: v for k, v in COMPANY.items() if k != "credit_code"}
    before = counts()
    r = _open_simple(api, fine("2000"), party=nameless)
    refused(r, "PA-1")
    nothing_created(before)
    ok = _open_simple(api, fine("2000"), party=COMPANY)
    assert ok.status_code == 201, ok.content


def test_person_without_any_identity_document_is_refused(api):
    anonymous = {"kind": "person", "name": "某某", "birth_date": "1990-01-01"}
    anonymous["birth_date_source"] = "当事人陈述"
    before = counts()
    r = _open_simple(api, fine(), party=anonymous)
    refused(r, "PA-1")
    nothing_created(before)


def test_person_with_another_document_and_its_birth_date_is_accepted(api):
    visitor = {
        "kind": "person",
        "name": "John Smith",
        "document_type": "passport",
        "document_number": "E12345678",
        "birth_date": "1985-04-02",
        "birth_date_source": "护照记载",
    }
    ok = _open_simple(api, fine(), party=visitor)
    assert ok.status_code == 201, ok.content
    party = Party.objects.get(name="John Smith")
    assert party.document_number == "E12345678" and party.document_number_index


def test_wrong_check_character_or_half_document_is_400_naming_the_field(api):
    before = counts()
    for party, field in [
        ({**PERSON, "id_number": PERSON["id_number"][:17] + "Z"}, "party.id_number"),
        ({**COMPANY, "credit_code": COMPANY["credit_code"][:17] + "I"}, "party.credit_code"),
        ({"kind": "person", "name": "某", "document_type": "passport"}, "party.document_number"),
        ({"kind": "person", "name": "某", "birth_date": "1990-01-01"}, "party.birth_date_source"),
    ]:
        r = _open_simple(api, fine(), party=party)
        assert r.status_code == 400, r.content
        assert field in r.json()["error"]["details"], r.json()
    nothing_created(before)


def test_a_real_number_with_a_place_code_unknown_to_libraries_is_accepted(api):
    # 110105 19491231 002X is a textbook number; 999999 is no place code any table knows.
    from chengguan.core.pii import id_check_char

    base = "99999919900307123"
    ok = _open_simple(api, fine(), party={**PERSON, "id_number": base + id_check_char(base)})
    assert ok.status_code == 201, ok.content


# XF-30 ------------------------------------------------------------------------------------------


def _registered(demo: Any, **kw: Any) -> PenaltyCase:
    case = open_general(demo, **kw)
    actions.register(case.pk, actor=demo.user("head"))
    actions.add_evidence(
        case.pk,
        actor=demo.user("officer1"),
        kind="inspection_record",
        description="现场检查笔录及照片6张",
        certificates_shown=[o.username for o in case.officers.all()],
    )
    return case


def _conclude(api: Any, case: PenaltyCase, prop: dict[str, Any]) -> Any:
    return api("officer1").post(
        f"penalty-cases/{case.pk}/conclude", {"outcome": "penalty", "proposal": prop}
    )


def test_proposal_on_a_person_with_unknown_birth_date_is_refused(api, demo):
    unknown = {
        "kind": "person",
        "name": "无名氏",
        "document_type": "passport",
        "document_number": "E7654321",
    }
    with at(T0):
        case = _registered(demo, party=unknown)
        before = snapshot(case)
        r = _conclude(api, case, proposal("5000", "lighter"))
    refused(r, "XF-30")
    assert snapshot(case) == before


# XF-31 ------------------------------------------------------------------------------------------


def test_party_unable_to_control_conduct_is_not_penalised(api):
    before = counts()
    r = _open_simple(api, fine(grounds=["mental_incapable"]))
    refused(r, "XF-31")
    nothing_created(before)


def test_partly_incapable_party_gets_lighter_or_mitigated(api):
    before = counts()
    r = _open_simple(api, fine("100", "general", grounds=["mental_partial"]))
    refused(r, "XF-31")
    nothing_created(before)
    ok = _open_simple(api, fine("100", "lighter", grounds=["mental_partial"]))
    assert ok.status_code == 201, ok.content


# XF-9 -------------------------------------------------------------------------------------------


def test_penalty_decision_without_penalty_type_is_refused(api, demo):
    with at(T0):
        case = notified(demo, proposal("5000", "lighter"))
    before = snapshot(case)
    empty = {"penalty_types": [], "level": "lighter", "grounds": [], "correction": "责令改正"}
    with at(STATEMENT_OVER):
        r = api("head").post(f"penalty-cases/{case.pk}/decide", empty)
    refused(r, "XF-9")
    assert snapshot(case) == before


def test_a_zero_fine_is_refused(api):
    before = counts()
    r = _open_simple(api, fine("0"))
    refused(r, "XF-9")
    nothing_created(before)


# XF-28.2 ----------------------------------------------------------------------------------------


def test_recorded_illegal_income_is_confiscated_unless_refunded(api, demo):
    reviewer = demo.user("reviewer")
    item = law_actions.create_power_item(
        actor=reviewer,
        code="TEST28",
        name="测试事项（违法所得）",
        domain="commerce",
        legal_basis="测试依据",
        penalty_types=["warning", "fine", "confiscate_income"],
        fine_min=10,
        fine_max=100,
    )
    law_actions.create_benchmark(
        actor=reviewer,
        power_item=item,
        title="基准",
        levels=[{"level": "lighter", "conditions": "从轻", "fine_min": 10, "fine_max": 100}],
        published_on=D(2025, 1, 1),
    )
    with at(T0):
        case = _registered(demo, item="TEST28")
        before = snapshot(case)
        r = _conclude(api, case, fine("50", illegal_income="80"))
        refused(r, "XF-28.2")
        assert snapshot(case) == before
        short = {**fine("50", illegal_income="80"), "penalty_types": ["fine", "confiscate_income"]}
        r = _conclude(api, case, {**short, "confiscation_amount": "30"})
        refused(r, "XF-28.2")
        assert snapshot(case) == before
        refunded = fine("50", illegal_income="80", refund="已全额退还消费者，有收条")
        ok = _conclude(api, case, refunded)
    assert ok.status_code == 200, ok.content


# XF-29.2 (several norms) ------------------------------------------------------------------------


def test_one_act_breaching_several_norms_is_fined_under_the_higher(api):
    before = counts()
    # The act under SR001 also breaches SZ001, whose fine is higher: SZ001 is the norm to apply.
    r = _open_simple(api, fine("20", also_breaches=["SZ001"]), item="SR001")
    refused(r, "XF-29.2")
    nothing_created(before)
    r = _open_simple(api, fine("100", also_breaches=["NOPE"]))
    assert r.status_code == 400 and "decision.also_breaches" in r.json()["error"]["details"]
    nothing_created(before)
