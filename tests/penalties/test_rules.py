"""Every rule the penalty procedure enforces: break it, see 409 with its id, and nothing changed."""

from __future__ import annotations

from typing import Any

import pytest

from chengguan.law import actions as law_actions
from chengguan.ledger.models import Entry
from chengguan.org import actions as org_actions
from chengguan.org.roles import Role
from chengguan.penalties import actions
from chengguan.penalties.models import Party, PenaltyCase
from tests.conftest import error_code
from tests.penalties.helpers import (
    COMPANY,
    PERSON,
    T0,
    D,
    at,
    investigated,
    notified,
    open_general,
    person_id,
    proposal,
    snapshot,
)


def refused(response: Any, code: str) -> dict[str, Any]:
    assert response.status_code == 409, response.content
    assert error_code(response) == code, response.json()
    body = response.json()["error"]
    assert body["article"], body
    assert body["message"]
    return body


def nothing_created(before: tuple[int, int, int]) -> None:
    assert (PenaltyCase.objects.count(), Party.objects.count(), Entry.objects.count()) == before


def counts() -> tuple[int, int, int]:
    return PenaltyCase.objects.count(), Party.objects.count(), Entry.objects.count()


def simple_body(
    decision: dict[str, Any],
    party: dict[str, Any] | None = None,
    item: str = "SZ001",
    officers: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "procedure": "simple",
        "power_item": item,
        "party": party or PERSON,
        "facts": "当事人在人民路店外摆放商品占用人行道",
        "act_date": "2025-06-03",
        "discovered_date": "2025-06-03",
        "officers": officers or ["officer1", "officer2"],
        "decision": decision,
    }


def fine(amount: str = "100", level: str = "lighter", **extra: Any) -> dict[str, Any]:
    return {
        "penalty_types": ["fine"],
        "fine_amount": amount,
        "level": level,
        "grounds": [],
        "correction": "责令立即改正",
        **extra,
    }


# Opening: who, when, which power ------------------------------------------------------------------


@pytest.mark.parametrize("types, code", [(["detention"], "XF-9"), (["revoke_permit"], "XF-9")])
def test_penalty_type_outside_the_closed_list_or_the_basis_is_refused(api, types, code):
    before = counts()
    with at(T0):
        r = api("officer1").post("penalty-cases", simple_body({**fine(), "penalty_types": types}))
    body = refused(r, code)
    assert "第九条" in body["article"]
    nothing_created(before)


def test_decision_without_correction_order_is_refused(api):
    before = counts()
    with at(T0):
        r = api("officer1").post("penalty-cases", simple_body(fine(correction="")))
    refused(r, "XF-28")
    nothing_created(before)


def test_second_fine_for_the_same_act_is_refused(api):
    with at(T0):
        first = api("officer1").post("penalty-cases", simple_body(fine("100")))
        assert first.status_code == 201, first.content
        before = counts()
        r = api("officer1").post("penalty-cases", simple_body(fine("50")))
    refused(r, "XF-29")
    nothing_created(before)


def test_party_under_fourteen_is_not_penalised(api):
    child = {**PERSON, "name": "小明", "id_number": person_id("20120307", "456")}
    before = counts()
    with at(T0):
        r = api("officer1").post("penalty-cases", simple_body(fine(), party=child))
    refused(r, "XF-30")
    nothing_created(before)


def test_party_between_fourteen_and_eighteen_gets_lighter_or_mitigated(api):
    teen = {**PERSON, "name": "小强", "id_number": person_id("20090307", "789")}
    before = counts()
    with at(T0):
        r = api("officer1").post("penalty-cases", simple_body(fine("100", "general"), party=teen))
        refused(r, "XF-30")
        nothing_created(before)
        ok = api("officer1").post("penalty-cases", simple_body(fine("100", "lighter"), party=teen))
    assert ok.status_code == 201, ok.content


def test_mandatory_mitigation_ground_forces_lighter(api):
    before = counts()
    with at(T0):
        r = api("officer1").post(
            "penalty-cases", simple_body(fine("100", "general", grounds=["confessed"]))
        )
    refused(r, "XF-32")
    nothing_created(before)


def test_no_fault_ground_means_no_penalty(api):
    before = counts()
    with at(T0):
        r = api("officer1").post(
            "penalty-cases", simple_body(fine("100", "lighter", grounds=["no_fault"]))
        )
    refused(r, "XF-33")
    nothing_created(before)


def test_waived_case_needs_an_education_record(api, demo):
    with at(T0):
        case = open_general(demo)
        actions.register(case.pk, actor=demo.user("head"))
        actions.add_evidence(
            case.pk,
            actor=demo.user("officer1"),
            kind="inspection_record",
            description="现场笔录",
            certificates_shown=["officer1", "officer2"],
        )
        actions.conclude(case.pk, actor=demo.user("officer1"), outcome="no_penalty_minor")
        before = snapshot(case)
        r = api("head").post(
            f"penalty-cases/{case.pk}/decide",
            {"level": "none", "exemption": "MF007", "education": ""},
        )
        refused(r, "XF-33")
        assert snapshot(case) == before
        r = api("head").post(
            f"penalty-cases/{case.pk}/decide",
            {"level": "none", "exemption": "MF001", "education": "已当场教育"},
        )
        refused(r, "XF-33")  # MF001 is for another power item
        r = api("head").post(
            f"penalty-cases/{case.pk}/decide",
            {
                "level": "none",
                "exemption": "MF007",
                "education": "当场对当事人进行了教育，当事人已撤摊",
            },
        )
    assert r.status_code == 200, r.content
    assert r.json()["decision"]["kind"] == "no_penalty_minor"
    assert r.json()["decision_number"].startswith("示城管不罚字")


def test_act_beyond_the_limitation_period_is_refused(api):
    before = counts()
    with at(T0):
        r = api("officer1").post(
            "penalty-cases",
            {
                **simple_body(fine()),
                "procedure": "general",
                "decision": None,
                "act_date": "2023-05-01",
                "discovered_date": "2025-06-03",
            },
        )
    refused(r, "XF-36")
    nothing_created(before)


@pytest.mark.parametrize(
    "officers, code",
    [
        (["officer1"], "XF-42"),
        (["officer1", "officer_nocert"], "ORG-1"),
    ],
)
def test_officers_must_be_two_and_qualified(api, officers, code):
    before = counts()
    with at(T0):
        r = api("officer1").post("penalty-cases", simple_body(fine(), officers=officers))
    refused(r, code)
    nothing_created(before)


def test_auxiliary_staff_cannot_be_an_enforcing_officer(api, demo):
    org_actions.create_staff(
        actor=None,
        unit=demo.unit("squad1"),
        username="aux1",
        password="x-pass-1",
        full_name="协管员甲",
        roles=[Role.OFFICER],
        is_auxiliary=True,
    )
    before = counts()
    with at(T0):
        r = api("officer1").post(
            "penalty-cases", simple_body(fine(), officers=["officer1", "aux1"])
        )
    refused(r, "ORG-2")
    nothing_created(before)


def test_town_team_acts_only_on_delegated_powers(api):
    before = counts()
    with at(T0):
        r = api("town_officer1").post(
            "penalty-cases",
            {
                **simple_body(fine(), officers=["town_officer1", "town_officer2"]),
                "procedure": "general",
                "decision": None,
                "power_item": "GH001",
            },
        )
        refused(r, "ORG-3")
        nothing_created(before)
        ok = api("town_officer1").post(
            "penalty-cases",
            {
                **simple_body(fine(), officers=["town_officer1", "town_officer2"]),
                "procedure": "general",
                "decision": None,
                "power_item": "SZ001",
            },
        )
    assert ok.status_code == 201, ok.content
    assert ok.json()["unit"] == "town1"


def test_onsite_penalty_above_the_simple_limit_is_refused(api):
    before = counts()
    with at(T0):
        r = api("officer1").post("penalty-cases", simple_body(fine("500")))
        refused(r, "XF-51")
        nothing_created(before)
        ok = api("officer1").post("penalty-cases", simple_body(fine("2000"), party=COMPANY))
    assert ok.status_code == 201, ok.content  # ≤ 3,000 for an organisation


def test_unpublished_benchmark_blocks_the_decision(api, demo):
    reviewer = demo.user("reviewer")
    item = law_actions.create_power_item(
        actor=reviewer,
        code="TEST01",
        name="测试事项",
        domain="sanitation",
        legal_basis="《城市市容和环境卫生管理条例》第三十四条",
        penalty_types=["warning", "fine"],
        fine_min=10,
        fine_max=100,
    )
    law_actions.create_benchmark(
        actor=reviewer,
        power_item=item,
        title="草案",
        levels=[{"level": "lighter", "conditions": "从轻", "fine_min": 10, "fine_max": 50}],
    )
    before = counts()
    with at(T0):
        r = api("officer1").post("penalty-cases", simple_body(fine("20"), item="TEST01"))
    refused(r, "XF-34")
    nothing_created(before)


# Separation of duties and recusal -----------------------------------------------------------------


def test_investigating_officer_may_not_approve_registration(api, demo):
    with at(T0):
        case = open_general(demo, officers=("officer1", "head"))
        before = snapshot(case)
        r = api("head").post(f"penalty-cases/{case.pk}/register", {})
    refused(r, "ORG-4")
    assert snapshot(case) == before


def test_investigating_officer_may_not_review(api, demo):
    with at(T0):
        case = investigated(demo, officers=("officer1", "reviewer"))
        before = snapshot(case)
        r = api("reviewer").post(
            f"penalty-cases/{case.pk}/review", {"approved": True, "opinion": "同意"}
        )
    refused(r, "ORG-4")
    assert snapshot(case) == before


def test_recused_officer_may_not_act_again(api, demo):
    with at(T0):
        case = open_general(demo)
        actions.register(case.pk, actor=demo.user("head"))
        r = api("head").post(
            f"penalty-cases/{case.pk}/recuse",
            {
                "officer": "officer2",
                "reason": "当事人系其近亲属",
                "granted": True,
                "replacement": "town_officer1",
            },
        )
        assert r.status_code == 200, r.content
        assert r.json()["officers"] == ["officer1", "town_officer1"]
        before = snapshot(case)
        r = api("officer2").post(
            f"penalty-cases/{case.pk}/evidence",
            {"kind": "documentary", "description": "营业执照复印件"},
        )
    refused(r, "XF-43")
    assert snapshot(case) == before


# Before the decision ------------------------------------------------------------------------------


def test_decision_without_prior_notice_is_refused(api, demo):
    with at(T0):
        case = investigated(demo, proposal("5000", "lighter"))
        before = snapshot(case)
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("5000"))
    refused(r, "XF-44")
    assert snapshot(case) == before


def test_decision_before_the_statement_period_ends_is_refused(api, demo):
    with at(T0):
        case = notified(demo, proposal("5000", "lighter"))
        before = snapshot(case)
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("5000"))
    refused(r, "XF-62")
    assert snapshot(case) == before
    with at(D(2025, 6, 9)):  # statement period (3 working days) over
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("5000"))
    assert r.status_code == 200, r.content


def test_decision_may_not_be_heavier_than_notified(api, demo):
    with at(T0):
        case = notified(demo, proposal("8000", "general"))
        actions.statement(
            case.pk,
            actor=demo.user("officer1"),
            content="申辩",
            accepted=False,
            review_opinion="理由不成立",
        )
        before = snapshot(case)
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("9000", "general"))
    refused(r, "XF-45")
    assert snapshot(case) == before


def test_requested_hearing_must_be_held_before_deciding(api, demo):
    with at(T0):
        case = notified(demo)
        actions.request_hearing(case.pk, actor=demo.user("officer1"), requested_on=T0)
        before = snapshot(case)
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("12000", "general"))
    refused(r, "XF-63")
    assert snapshot(case) == before


def test_hearing_request_without_a_hearing_right_is_refused(api, demo):
    with at(T0):
        case = notified(demo, proposal("5000", "lighter"))
        before = snapshot(case)
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/request_hearing", {"requested_on": "2025-06-03"}
        )
    refused(r, "XF-63")
    assert snapshot(case) == before


def test_hearing_request_after_five_working_days_is_refused(api, demo):
    with at(T0):
        case = notified(demo)
    with at(D(2025, 6, 11)):
        before = snapshot(case)
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/request_hearing", {"requested_on": "2025-06-11"}
        )
    refused(r, "XF-64")
    assert snapshot(case) == before


@pytest.mark.parametrize("chair, held_on", [("officer2", "2025-06-16"), ("reviewer", "2025-06-12")])
def test_hearing_chair_and_notice_period(api, demo, chair, held_on):
    with at(T0):
        case = notified(demo)
        actions.request_hearing(case.pk, actor=demo.user("officer1"), requested_on=T0)
    with at(D(2025, 6, 16)):
        before = snapshot(case)
        # XF-64: the head names the chair; an investigator of the case is refused.
        r = api("head").post(f"penalty-cases/{case.pk}/name_chair", {"chair": chair})
        if chair == "officer2":
            refused(r, "XF-64")
            assert snapshot(case) == before
            return
        assert r.status_code == 200, r.content
        before = snapshot(case)
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/hearing",
            {
                "held_on": held_on,
                "notified_on": "2025-06-04",
                "record": "听证笔录",
                "transcript_signed": True,
            },
        )
    refused(r, "XF-64")
    assert snapshot(case) == before


def _heard(demo: Any) -> PenaltyCase:
    with at(T0):
        case = notified(demo)
        actions.request_hearing(case.pk, actor=demo.user("officer1"), requested_on=T0)
        actions.name_chair(case.pk, actor=demo.user("head"), chair="supervisor")
    with at(D(2025, 6, 13)):
        actions.hold_hearing(
            case.pk,
            actor=demo.user("officer1"),
            held_on=D(2025, 6, 13),
            record_text="听证笔录",
            notified_on=T0,
            transcript_signed=True,
        )
    return case


def test_decision_after_a_hearing_needs_legal_review(api, demo):
    case = _heard(demo)
    with at(D(2025, 6, 13)):
        actions.discuss(
            case.pk,
            actor=demo.user("head"),
            participants=["head", "deputy1", "deputy2"],
            minutes="讨论",
            conclusion="罚款12000元",
        )
        before = snapshot(case)
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("12000", "general"))
        body = refused(r, "XF-58")
        assert "听证" in body["message"]
        assert snapshot(case) == before
        actions.review(case.pk, actor=demo.user("reviewer"), approved=False, opinion="证据不足")
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("12000", "general"))
        refused(r, "XF-58")


def test_catalogue_listed_matter_needs_legal_review(api, demo):
    with at(T0):
        # GH001 is 5 %–10 % of the construction cost (城乡规划法 Art. 64): the base is recorded.
        case = notified(
            demo, proposal("50000", "lighter", fine_base="1000000"), item="GH001", party=COMPANY
        )
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
        before = snapshot(case)
        r = api("head").post(
            f"penalty-cases/{case.pk}/decide", fine("50000", "lighter", fine_base="1000000")
        )
    body = refused(r, "XF-58")
    assert "SH003" in body["message"]
    assert snapshot(case) == before


def test_first_time_reviewer_needs_legal_qualification(api, demo):
    org_actions.create_staff(
        actor=None,
        unit=demo.unit("legal"),
        username="reviewer2",
        password="x-pass-1",
        full_name="新审核员",
        roles=[Role.REVIEWER],
    )
    from tests.conftest import ApiClient

    with at(T0):
        case = investigated(demo)
        before = snapshot(case)
        r = ApiClient("reviewer2", "x-pass-1").post(
            f"penalty-cases/{case.pk}/review", {"approved": True, "opinion": "同意"}
        )
    refused(r, "XF-58")
    assert snapshot(case) == before


def test_grave_case_needs_collective_discussion(api, demo):
    case = _heard(demo)
    with at(D(2025, 6, 13)):
        actions.review(case.pk, actor=demo.user("reviewer"), approved=True, opinion="同意")
        before = snapshot(case)
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("12000", "general"))
    refused(r, "XF-57")
    assert snapshot(case) == before


def test_decision_must_match_the_investigation_outcome(api, demo):
    with at(T0):
        case = open_general(demo)
        actions.register(case.pk, actor=demo.user("head"))
        actions.add_evidence(
            case.pk,
            actor=demo.user("officer1"),
            kind="witness",
            description="证人证言",
            certificates_shown=["officer1", "officer2"],
        )
        actions.conclude(case.pk, actor=demo.user("officer1"), outcome="no_penalty_unfounded")
        before = snapshot(case)
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("5000"))
    refused(r, "XF-57")
    assert snapshot(case) == before


def test_amount_outside_the_band_is_refused_without_reason_and_discussion(api, demo):
    with at(T0):
        case = notified(demo, proposal("5000", "general", deviation_reason="x"))
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
        before = snapshot(case)
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("5000", "general"))
        refused(r, "CL-4")  # the general band is 6,000–14,000
        assert snapshot(case) == before
        r = api("head").post(
            f"penalty-cases/{case.pk}/decide",
            fine("5000", "general", deviation_reason="当事人经济困难，已当场改正"),
        )
        refused(r, "CL-6")
        assert snapshot(case) == before
        actions.discuss(
            case.pk,
            actor=demo.user("head"),
            participants=["head", "deputy1", "deputy2"],
            minutes="讨论偏离基准",
            conclusion="同意按5000元处罚",
            about_level="general",
            about_fine="5000",
            approves_deviation=True,
        )
        r = api("head").post(
            f"penalty-cases/{case.pk}/decide",
            fine("5000", "general", deviation_reason="当事人经济困难，已当场改正"),
        )
    assert r.status_code == 200, r.content


def test_proposal_outside_the_statutory_range_is_refused(api, demo):
    with at(T0):
        case = open_general(demo)
        actions.register(case.pk, actor=demo.user("head"))
        actions.add_evidence(
            case.pk, actor=demo.user("officer1"), kind="documentary", description="书证"
        )
        before = snapshot(case)
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/conclude",
            {"outcome": "penalty", "proposal": proposal("25000")},
        )
    refused(r, "CL-4")  # above the statutory 20,000 of 城市道路管理条例 Art. 42
    assert snapshot(case) == before


def test_decision_after_ninety_days_needs_an_extension(api, demo):
    with at(T0):
        case = notified(demo, proposal("5000", "lighter"))
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
    with at(D(2025, 9, 2)):
        before = snapshot(case)
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("5000"))
        refused(r, "XF-60")
        assert snapshot(case) == before
    # XF-60: the extension is approved before the 90 days pass, by at most 30 days.
    with at(D(2025, 8, 29)):
        ext = api("head").post(
            f"penalty-cases/{case.pk}/extend",
            {"until": "2025-10-01", "reason": "案情复杂，经负责人批准延长"},
        )
        assert ext.status_code == 200, ext.content
    with at(D(2025, 9, 2)):
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("5000"))
    assert r.status_code == 200, r.content


# Service and payment ------------------------------------------------------------------------------


def decided(demo: Any, amount: str = "5000") -> PenaltyCase:
    with at(T0):
        case = notified(demo, proposal(amount, "lighter"))
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
        return actions.decide(case.pk, actor=demo.user("head"), decision=fine(amount))


def test_electronic_service_needs_consent(api, demo):
    case = decided(demo)
    with at(T0):
        before = snapshot(case)
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/serve", {"served_on": "2025-06-03", "method": "electronic"}
        )
        refused(r, "XF-61")
        assert snapshot(case) == before
        ok = api("officer1").post(
            f"penalty-cases/{case.pk}/serve",
            {"served_on": "2025-06-03", "method": "electronic", "consent": True},
        )
    assert ok.status_code == 200, ok.content


def test_late_service_needs_a_reason(api, demo):
    case = decided(demo)
    with at(D(2025, 6, 20)):
        before = snapshot(case)
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/serve",
            {"served_on": "2025-06-20", "method": "post", "receipt_signed_on": "2025-06-20"},
        )
    refused(r, "XF-61")
    assert snapshot(case) == before


def test_bureau_does_not_collect_general_procedure_fines(api, demo):
    case = decided(demo)
    with at(T0):
        actions.serve(case.pk, actor=demo.user("officer1"), served_on=T0, method="direct")
        before = snapshot(case)
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/pay",
            {"amount": "5000", "paid_on": "2025-06-03", "channel": "on_spot", "receipt_no": "1"},
        )
    refused(r, "XF-67")
    assert snapshot(case) == before


def test_late_payment_without_the_surcharge_is_refused(api, demo):
    case = decided(demo)
    with at(T0):
        actions.serve(case.pk, actor=demo.user("officer1"), served_on=T0, method="direct")
    with at(D(2025, 6, 23)):  # pay_by 2025-06-18; 5 days late → 5 × 3 % × 5000 = 750
        shown = api("officer1").get(f"penalty-cases/{case.pk}").json()
        assert shown["surcharge"] == {"late_days": 5, "amount": "750.00"}
        before = snapshot(case)
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/pay",
            {
                "amount": "5000",
                "paid_on": "2025-06-23",
                "channel": "bank",
                "voucher_no": "YH20250001",
            },
        )
        body = refused(r, "XF-72")
        assert body["details"]["surcharge"] == "750.00"
        assert snapshot(case) == before
        ok = api("officer1").post(
            f"penalty-cases/{case.pk}/pay",
            {
                "amount": "5750",
                "paid_on": "2025-06-23",
                "channel": "bank",
                "voucher_no": "YH20250001",
            },
        )
    assert ok.status_code == 200, ok.content
    assert ok.json()["payments"][0]["surcharge"] == "750.00"
    assert ok.json()["surcharge"] == {"late_days": 5, "amount": "750.00"}


def test_remedy_cannot_predate_service(api, demo):
    case = decided(demo)
    with at(D(2025, 6, 5)):
        actions.serve(
            case.pk, actor=demo.user("officer1"), served_on=D(2025, 6, 5), method="direct"
        )
        before = snapshot(case)
        r = api("reviewer").post(
            f"penalty-cases/{case.pk}/remedies",
            {
                "kind": "reconsideration",
                "filed_on": "2025-06-04",
                "body": "示范县人民政府",
                "proof_number": "示政复受字〔2025〕8号",
                "proof_date": "2025-06-05",
            },
        )
    refused(r, "XF-73")
    assert snapshot(case) == before


def test_pending_reconsideration_pauses_the_surcharge(api, demo):
    case = decided(demo)
    with at(T0):
        actions.serve(case.pk, actor=demo.user("officer1"), served_on=T0, method="direct")
    with at(D(2025, 6, 20)):
        r = api("reviewer").post(
            f"penalty-cases/{case.pk}/remedies",
            {
                "kind": "reconsideration",
                "filed_on": "2025-06-10",
                "body": "示范县人民政府",
                "proof_number": "示政复受字〔2025〕7号",
                "proof_date": "2025-06-12",
                "backdate_reason": "受理通知书6月19日方送达本机关",
                "backdate_approved_by": "head",
            },
        )
        assert r.status_code == 200, r.content
        rid = r.json()["remedies"][0]["id"]
    with at(D(2025, 7, 1)):
        r = api("reviewer").post(
            f"penalty-cases/{case.pk}/remedies/{rid}/conclude",
            {
                "concluded_on": "2025-06-25",
                "outcome": "upheld",
                "backdate_reason": "复议决定书6月30日方送达本机关",
                "backdate_approved_by": "head",
            },
        )
        assert r.status_code == 200, r.content
        # pay_by 06-18; late days 06-26..07-01 = 6 (06-19..06-25 paused) → 900
        shown = api("officer1").get(f"penalty-cases/{case.pk}").json()
    assert shown["surcharge"] == {"late_days": 6, "amount": "900.00"}


def test_revoking_outcome_marks_the_decision_revoked(api, demo):
    case = decided(demo)
    with at(T0):
        actions.serve(case.pk, actor=demo.user("officer1"), served_on=T0, method="direct")
        r = api("head").post(
            f"penalty-cases/{case.pk}/remedies",
            {
                "kind": "litigation",
                "filed_on": "2025-06-03",
                "body": "示范县人民法院",
                "proof_number": "（2025）豫1323行初9号",
                "proof_date": "2025-06-03",
            },
        )
        rid = r.json()["remedies"][0]["id"]
        r = api("head").post(
            f"penalty-cases/{case.pk}/remedies/{rid}/conclude",
            {"concluded_on": "2025-06-03", "outcome": "revoked", "head_appeared": True},
        )
    assert r.status_code == 200, r.content
    assert r.json()["decision_revoked_on"] == "2025-06-03"
    assert r.json()["remedies"][0]["head_appeared"] is True


# Simple procedure ---------------------------------------------------------------------------------


def test_onsite_collection_above_one_hundred_yuan_is_refused(api):
    with at(T0):
        case = api("officer1").post("penalty-cases", simple_body(fine("150"))).json()
        path = f"penalty-cases/{case['id']}"
        api("officer1").post(
            f"{path}/serve",
            {
                "served_on": "2025-06-03",
                "method": "direct",
                "certificates_shown": ["officer1", "officer2"],
            },
        )
        before = snapshot(PenaltyCase.objects.get(pk=case["id"]))
        r = api("officer1").post(
            f"{path}/pay",
            {
                "amount": "150",
                "paid_on": "2025-06-03",
                "channel": "on_spot",
                "receipt_no": "豫财001",
            },
        )
    refused(r, "XF-68")
    assert snapshot(PenaltyCase.objects.get(pk=case["id"])) == before


def test_onsite_decision_must_be_filed_before_closing(api):
    with at(T0):
        case = api("officer1").post("penalty-cases", simple_body(fine("50"))).json()
        path = f"penalty-cases/{case['id']}"
        assert case["filing_due"] == "2025-06-05"
        api("officer1").post(
            f"{path}/serve",
            {
                "served_on": "2025-06-03",
                "method": "direct",
                "certificates_shown": ["officer1", "officer2"],
            },
        )
        r = api("officer1").post(
            f"{path}/pay",
            {
                "amount": "50",
                "paid_on": "2025-06-03",
                "channel": "on_spot",
                "receipt_no": "豫财002",
            },
        )
        assert r.status_code == 200, r.content
        obj = PenaltyCase.objects.get(pk=case["id"])
        before = snapshot(obj)
        r = api("head").post(f"{path}/close", {})
        refused(r, "XF-52")
        assert snapshot(obj) == before
        assert api("reviewer").post(f"{path}/file", {}).status_code == 200
        api("officer1").post(f"{path}/hand_in", {"handed_in_on": "2025-06-03", "receiver": "财务"})
        api("head").post(f"{path}/deposit", {"deposited_on": "2025-06-03", "bank_slip": "B2"})
        assert api("head").post(f"{path}/close", {}).json()["status"] == "closed"


def test_wrong_status_is_a_state_error(api, demo):
    with at(T0):
        case = open_general(demo)
        r = api("officer1").post(f"penalty-cases/{case.pk}/notify", {"served_on": "2025-06-03"})
    assert r.status_code == 409 and error_code(r) == "state"


def test_bad_input_is_400_and_writes_nothing(api):
    before = counts()
    with at(T0):
        r = api("officer1").post("penalty-cases", {**simple_body(fine()), "procedure": "x"})
        assert r.status_code == 400
        r = api("officer1").post(
            "penalty-cases",
            simple_body(fine(), party={**PERSON, "id_number": "411323199003071231"}),
        )
        assert r.status_code == 400
        assert "party.id_number" in r.json()["error"]["details"]
        r = api("officer1").post("penalty-cases", {**simple_body(fine()), "power_item": "NOPE"})
        assert r.status_code == 404
    nothing_created(before)


@pytest.mark.parametrize("flag, code", [("public_interest", "XF-58"), ("complex_case", "XF-58")])
def test_statutory_review_triggers(api, demo, flag, code):
    with at(T0):
        case = notified(demo, proposal("5000", "lighter"), **{flag: True})
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
        before = snapshot(case)
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("5000"))
    refused(r, code)
    assert snapshot(case) == before


def test_complex_case_needs_discussion_after_review(api, demo):
    with at(T0):
        case = notified(demo, proposal("5000", "lighter"), complex_case=True)
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
        actions.review(case.pk, actor=demo.user("reviewer"), approved=True, opinion="同意")
        before = snapshot(case)
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("5000"))
        refused(r, "XF-57")
        assert snapshot(case) == before
        compliance = api("officer1").get(f"penalty-cases/{case.pk}/compliance").json()
    assert "discuss" in [n["action"] for n in compliance["next"]]


def test_decision_is_refused_when_an_officer_lost_the_certificate(api, demo):
    with at(T0):
        case = notified(demo, proposal("5000", "lighter"))
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
        cert = demo.user("officer2").certificates.get()
        org_actions.cancel_certificate(
            actor=demo.user("admin"), certificate_id=cert.pk, reason="transferred"
        )
        before = snapshot(case)
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("5000"))
    refused(r, "ORG-1")
    assert snapshot(case) == before
