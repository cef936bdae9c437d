"""Execution of a fine: 暂缓/分期缴纳 (XF-66), 催告 (QZ-54) and the court application (QZ-53).

Every fine here is 5,000 yuan decided and served on 2025-06-03, so it is due on 2025-06-18 (15 days,
XF-67); the remedy periods end on 2025-12-03 (6 months) and the court must be applied to by
2026-03-03 (3 months more).
"""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command

from chengguan.ledger.models import Entry
from chengguan.penalties import actions
from chengguan.penalties.models import Instalment, PaymentArrangement, PenaltyCase
from tests.conftest import error_code
from tests.penalties.helpers import D, at, served, snapshot
from tests.penalties.test_rules import refused

PLAN = [
    {"amount": "2000", "due_on": "2025-06-30"},
    {"amount": "2000", "due_on": "2025-07-31"},
    {"amount": "1000", "due_on": "2025-08-29"},
]


def path(case: PenaltyCase, action: str = "") -> str:
    return f"penalty-cases/{case.pk}" + (f"/{action}" if action else "")


def apply(api: Any, case: PenaltyCase, kind: str = "instalments") -> dict[str, Any]:
    r = api("officer1").post(
        path(case, "arrangements"),
        {"kind": kind, "applied_on": "2025-06-05", "reason": "个体经营困难，无力一次缴清"},
    )
    assert r.status_code == 200, r.content
    return r.json()


def approve(api: Any, case: PenaltyCase, **body: Any) -> Any:
    aid = PaymentArrangement.objects.get(case=case, status="pending").pk
    return api("head").post(
        path(case, f"arrangements/{aid}/decide"), {"approved": True, "opinion": "同意", **body}
    )


def with_plan(api: Any, demo: Any) -> PenaltyCase:
    case = served(demo)
    with at(D(2025, 6, 5)):
        apply(api, case)
        r = approve(api, case, instalments=PLAN)
    assert r.status_code == 200, r.content
    return case


def pay(api: Any, case: PenaltyCase, amount: str, on: str) -> Any:
    return api("officer1").post(
        path(case, "pay"),
        {"amount": amount, "paid_on": on, "channel": "bank", "voucher_no": "YH20250001"},
    )


JULY_1 = D(2025, 7, 1)


def demanded(api: Any, demo: Any, on: Any = JULY_1) -> PenaltyCase:
    case = served(demo)
    with at(on):
        r = api("officer1").post(
            path(case, "demand"), {"served_on": on.isoformat(), "method": "direct"}
        )
    assert r.status_code == 200, r.content
    return case


def court(api: Any, case: PenaltyCase, on: str) -> Any:
    return api("head").post(
        path(case, "enforcement"),
        {"court": "示范县人民法院", "applied_on": on, "document_number": "示城管强申字〔2025〕1号"},
    )


# Happy paths ------------------------------------------------------------------------------------


def test_instalments_are_approved_paid_one_by_one_and_the_case_closes(api, demo):
    case = served(demo)
    with at(D(2025, 6, 5)):
        body = apply(api, case)
        assert body["arrangements"][0]["status"] == "pending"
        nxt = [n["action"] for n in api("head").get(path(case, "compliance")).json()["next"]]
        assert "decide_arrangement" in nxt
        r = approve(api, case, instalments=PLAN)
        assert r.status_code == 200, r.content
        plan = r.json()["arrangements"][0]
        assert plan["status"] == "approved" and plan["decided_by"] == "head"
        assert [(i["seq"], i["amount"], i["due_on"]) for i in plan["instalments"]] == [
            (1, "2000.00", "2025-06-30"),
            (2, "2000.00", "2025-07-31"),
            (3, "1000.00", "2025-08-29"),
        ]
        assert r.json()["deadlines"]["pay_by"] == "2025-06-30"  # the first instalment now
    with at(D(2025, 6, 25)):
        r = pay(api, case, "2000", "2025-06-25")
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "served" and r.json()["outstanding"] == "3000.00"
        assert r.json()["deadlines"]["pay_by"] == "2025-07-31"
    with at(D(2025, 8, 4)):
        # Instalment 2 is 4 days late (08-01..08-04): 2,000 × 3 % × 4 = 240.00 on it alone;
        # instalment 3 (due 08-29) owes nothing yet.
        shown = api("officer1").get(path(case)).json()
        assert shown["surcharge"] == {"late_days": 4, "amount": "240.00"}
        r = pay(api, case, "2240", "2025-08-04")
        assert r.status_code == 200, r.content
    with at(D(2025, 8, 29)):
        r = pay(api, case, "1000", "2025-08-29")
        assert r.status_code == 200, r.content
        body = r.json()
        assert body["status"] == "paid" and body["paid_on"] == "2025-08-29"
        assert [
            (p["instalment"], p["amount"], p["surcharge"], p["late_days"]) for p in body["payments"]
        ] == [(1, "2000.00", "0.00", 0), (2, "2240.00", "240.00", 4), (3, "1000.00", "0.00", 0)]
        assert body["paid_amount"] == "5240.00" and body["surcharge_paid"] == "240.00"
        assert body["surcharge"] == {"late_days": 4, "amount": "240.00"}
        r = api("head").post(path(case, "close"), {})
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "closed"
    logged = set(
        Entry.objects.filter(
            subject_id=str(case.pk), subject_type="penalties.penaltycase"
        ).values_list("action", flat=True)
    )
    assert {"penalty.apply_arrangement", "penalty.decide_arrangement", "penalty.pay"} <= logged


def test_a_deferral_moves_the_due_date_so_no_surcharge_runs_before_it(api, demo):
    case = served(demo)
    with at(D(2025, 6, 5)):
        apply(api, case, "deferral")
        r = approve(api, case, due_on="2025-07-31")
        assert r.status_code == 200, r.content
        assert r.json()["arrangements"][0]["instalments"] == [
            {"seq": 1, "amount": "5000.00", "due_on": "2025-07-31", "paid_on": None}
        ]
    with at(D(2025, 7, 20)):  # 32 days after the original 06-18, but before the deferral date
        r = pay(api, case, "5000", "2025-07-20")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "paid" and r.json()["payments"][0]["surcharge"] == "0.00"


def test_several_instalments_may_be_paid_at_once_each_as_its_own_payment(api, demo):
    case = with_plan(api, demo)
    with at(D(2025, 6, 20)):
        r = pay(api, case, "4000", "2025-06-20")
    assert r.status_code == 200, r.content
    assert [p["instalment"] for p in r.json()["payments"]] == [1, 2]
    assert r.json()["outstanding"] == "1000.00"


def test_surcharge_per_instalment_is_capped_at_its_amount(api, demo):
    case = with_plan(api, demo)
    with at(D(2025, 8, 15)):
        shown = api("officer1").get(path(case)).json()
    # Instalment 1: 06-30 → 08-15 is 46 days; 2,000 × 3 % × 46 = 2,760 → capped at 2,000.
    # Instalment 2: 07-31 → 08-15 is 15 days; 2,000 × 3 % × 15 = 900. Instalment 3: not yet due.
    assert shown["surcharge"] == {"late_days": 46, "amount": "2900.00"}
    assert shown["outstanding"] == "5000.00"


def test_a_pending_reconsideration_pauses_the_surcharge_of_an_instalment(api, demo):
    case = with_plan(api, demo)
    with at(D(2025, 7, 10)):
        r = api("reviewer").post(
            path(case, "remedies"),
            {
                "kind": "reconsideration",
                "filed_on": "2025-07-02",
                "body": "示范县人民政府",
                "proof_number": "示政复受字〔2025〕3号",
                "proof_date": "2025-07-02",
                # TM-2: six working days before its entry, so a 补记 the head approved.
                "backdate_reason": "受理通知书7月9日方送达本机关",
                "backdate_approved_by": "head",
            },
        )
        rid = r.json()["remedies"][0]["id"]
        api("reviewer").post(
            path(case, f"remedies/{rid}/conclude"),
            {
                "concluded_on": "2025-07-05",
                "outcome": "upheld",
                "backdate_reason": "复议决定书7月9日方送达本机关",
                "backdate_approved_by": "head",
            },
        )
        # Instalment 1 due 06-30: 07-01..07-10 is 10 days, 07-02..07-05 paused → 6 days;
        # 2,000 × 3 % × 6 = 360.00.
        r = pay(api, case, "2360", "2025-07-10")
    assert r.status_code == 200, r.content
    assert r.json()["payments"][0]["surcharge"] == "360.00"
    assert r.json()["payments"][0]["late_days"] == 6


def test_unpaid_fine_goes_from_demand_to_court_to_closing(api, demo):
    case = demanded(api, demo)  # demand served 2025-07-01
    body = api("officer1").get(path(case)).json()
    assert body["demands"][0]["perform_by"] == "2025-07-15"  # 10 working days (QZ-54, QZ-69)
    # 2025-06-19..07-01 is 13 days late: 5,000 × 3 % × 13 = 1,950.00.
    assert body["demands"][0]["surcharge_due"] == "1950.00"
    with at(D(2025, 7, 20)):
        check = api("head").get(path(case, "compliance")).json()
        step = next(n for n in check["next"] if n["action"] == "apply_enforcement")
        assert step == {
            "action": "apply_enforcement",
            "due": "2026-03-03",
            "earliest": "2025-12-04",
        }
        assert body["deadlines"]["remedy_periods_end"] == "2025-12-03"
    with at(D(2025, 12, 4)):
        r = court(api, case, "2025-12-04")
        assert r.status_code == 200, r.content
        body = r.json()
        assert body["status"] == "enforcement"
        assert body["enforcement"]["fine_due"] == "5000.00"
        assert body["enforcement"]["surcharge_due"] == "5000.00"  # capped at the fine (XF-72)
        closing = api("head").post(path(case, "close"), {})
        assert closing.status_code == 409 and error_code(closing) == "state"
        r = api("head").post(
            path(case, "enforcement/outcome"),
            {
                "outcome": "granted",
                "outcome_on": "2025-12-04",
                "ruling_number": "（2025）示行审1号",
            },
        )
        assert r.status_code == 200, r.content
    with at(D(2026, 1, 12)):
        r = api("reviewer").post(
            path(case, "enforcement/outcome"), {"outcome": "completed", "outcome_on": "2026-01-12"}
        )
        assert r.status_code == 200, r.content
        assert r.json()["enforcement"]["concluded"] is True
        again = api("reviewer").post(
            path(case, "enforcement/outcome"), {"outcome": "terminated", "outcome_on": "2026-01-12"}
        )
        assert again.status_code == 409 and error_code(again) == "state"
        r = api("head").post(path(case, "close"), {})
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "closed"
        assert api("reviewer").post(path(case, "archive"), {}).json()["status"] == "archived"
    logged = list(
        Entry.objects.filter(
            subject_id=str(case.pk), subject_type="penalties.penaltycase"
        ).values_list("action", flat=True)
    )
    for step_name in ("penalty.demand", "penalty.apply_enforcement", "penalty.enforcement_outcome"):
        assert step_name in logged


# Refusals: 409 with the rule id, and nothing written -------------------------------------------


def test_partial_payment_without_an_approved_plan_is_refused(api, demo):
    case = served(demo)
    with at(D(2025, 6, 10)):
        before = snapshot(case)
        r = pay(api, case, "2000", "2025-06-10")
        refused(r, "XF-66")
        assert snapshot(case) == before


def test_a_second_application_while_one_is_pending_is_refused(api, demo):
    case = served(demo)
    with at(D(2025, 6, 5)):
        apply(api, case)
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "arrangements"),
            {"kind": "deferral", "applied_on": "2025-06-05", "reason": "再次申请"},
        )
        refused(r, "XF-66")
        assert snapshot(case) == before


def test_an_instalment_paid_short_is_refused(api, demo):
    case = with_plan(api, demo)
    with at(D(2025, 6, 20)):
        before = snapshot(case)
        refused(pay(api, case, "1500", "2025-06-20"), "XF-66")
        assert snapshot(case) == before
        bad = pay(api, case, "2500", "2025-06-20")  # more than one instalment, less than two
        assert bad.status_code == 400 and error_code(bad) == "invalid"
        assert "amount" in bad.json()["error"]["details"]
        assert snapshot(case) == before


def test_a_late_instalment_without_its_surcharge_is_refused(api, demo):
    case = with_plan(api, demo)
    with at(D(2025, 7, 4)):  # instalment 1 due 06-30: 4 days → 240.00
        before = snapshot(case)
        body = refused(pay(api, case, "2000", "2025-07-04"), "XF-72")
        assert body["details"]["surcharge"] == "240.00"
        assert snapshot(case) == before


def test_a_plan_that_does_not_add_up_to_the_fine_is_invalid(api, demo):
    case = served(demo)
    with at(D(2025, 6, 5)):
        apply(api, case)
        before = snapshot(case)
        r = approve(api, case, instalments=PLAN[:2])
        assert r.status_code == 400 and error_code(r) == "invalid"
        assert "4000.00" in r.json()["error"]["details"]["instalments"]
        assert "合计" in r.json()["error"]["message"]
        one = approve(api, case, instalments=PLAN[:1])
        assert one.status_code == 400 and "instalments" in one.json()["error"]["details"]
        assert snapshot(case) == before
    assert PaymentArrangement.objects.get(case=case).status == "pending"
    assert not Instalment.objects.filter(case=case).exists()


def test_the_investigating_officer_cannot_approve_and_an_officer_may_not_at_all(api, demo):
    case = served(demo)
    with at(D(2025, 6, 5)):
        apply(api, case)
        aid = PaymentArrangement.objects.get(case=case).pk
        before = snapshot(case)
        r = api("officer1").post(
            path(case, f"arrangements/{aid}/decide"), {"approved": False, "opinion": "不同意"}
        )
        assert r.status_code == 403
        assert snapshot(case) == before


def test_applying_after_full_payment_is_a_state_error(api, demo):
    case = served(demo)
    with at(D(2025, 6, 10)):
        assert pay(api, case, "5000", "2025-06-10").status_code == 200
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "arrangements"),
            {"kind": "deferral", "applied_on": "2025-06-10", "reason": "困难"},
        )
        assert r.status_code == 409 and error_code(r) == "state"
        assert snapshot(case) == before


def test_a_refused_application_leaves_the_original_due_date(api, demo):
    case = served(demo)
    with at(D(2025, 6, 5)):
        apply(api, case)
        aid = PaymentArrangement.objects.get(case=case).pk
        r = api("head").post(
            path(case, f"arrangements/{aid}/decide"),
            {"approved": False, "opinion": "当事人经营正常，不属于确有经济困难"},
        )
    assert r.status_code == 200, r.content
    assert r.json()["arrangements"][0]["status"] == "refused"
    assert r.json()["deadlines"]["pay_by"] == "2025-06-18"


def test_a_demand_before_payment_is_overdue_is_refused(api, demo):
    case = served(demo)
    with at(D(2025, 6, 18)):  # the last day to pay
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "demand"), {"served_on": "2025-06-18", "method": "direct"}
        )
        refused(r, "QZ-54")
        assert snapshot(case) == before


def test_a_demand_follows_the_approved_schedule(api, demo):
    case = with_plan(api, demo)
    with at(D(2025, 6, 30)):
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "demand"), {"served_on": "2025-06-30", "method": "post"}
        )
        refused(r, "QZ-54")
        assert snapshot(case) == before
    with at(D(2025, 7, 1)):
        r = api("officer1").post(
            path(case, "demand"), {"served_on": "2025-07-01", "method": "post"}
        )
    assert r.status_code == 200, r.content
    assert r.json()["demands"][0]["fine_due"] == "5000.00"
    assert r.json()["demands"][0]["surcharge_due"] == "60.00"  # 2,000 × 3 % × 1 day


def test_court_application_before_the_remedy_periods_expire_is_refused(api, demo):
    case = demanded(api, demo)
    with at(D(2025, 12, 3)):  # 6 months from service: the last day the party may still sue
        before = snapshot(case)
        body = refused(court(api, case, "2025-12-03"), "QZ-53")
        assert body["details"]["periods_end"] == "2025-12-03"
        assert snapshot(case) == before


def test_court_application_while_a_remedy_is_pending_is_refused(api, demo):
    case = demanded(api, demo)
    with at(D(2025, 7, 2)):
        api("reviewer").post(
            path(case, "remedies"),
            {
                "kind": "litigation",
                "filed_on": "2025-07-02",
                "body": "示范县人民法院",
                "proof_number": "（2025）豫1323行初5号",
                "proof_date": "2025-07-02",
            },
        )
    with at(D(2025, 12, 10)):
        before = snapshot(case)
        body = refused(court(api, case, "2025-12-10"), "QZ-53")
        assert "尚未审结" in body["message"]
        assert snapshot(case) == before


def test_court_application_without_a_demand_is_refused(api, demo):
    case = served(demo)
    with at(D(2025, 12, 10)):
        before = snapshot(case)
        refused(court(api, case, "2025-12-10"), "QZ-54")
        assert snapshot(case) == before


def test_court_application_within_ten_working_days_of_the_demand_is_refused(api, demo):
    case = demanded(api, demo, D(2025, 12, 1))  # perform by 2025-12-15
    with at(D(2025, 12, 15)):
        before = snapshot(case)
        body = refused(court(api, case, "2025-12-15"), "QZ-54")
        assert body["details"]["perform_by"] == "2025-12-15"
        assert snapshot(case) == before
    with at(D(2025, 12, 16)):
        assert court(api, case, "2025-12-16").status_code == 200


def test_court_application_after_three_months_is_refused_naming_the_deadline(api, demo):
    case = demanded(api, demo)
    with at(D(2026, 3, 10)):
        before = snapshot(case)
        body = refused(court(api, case, "2026-03-10"), "QZ-53")
        assert body["details"]["apply_by"] == "2026-03-03"
        assert "2026-03-03" in body["message"]
        assert snapshot(case) == before
        check = api("head").get(path(case, "compliance")).json()
    assert "QZ-53" in [v["code"] for v in check["violations"]]


def test_only_the_head_or_the_legal_section_applies_to_the_court(api, demo):
    case = demanded(api, demo)
    with at(D(2025, 12, 10)):
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "enforcement"),
            {"court": "示范县人民法院", "applied_on": "2025-12-10", "document_number": "1"},
        )
        assert r.status_code == 403
        blank = api("head").post(
            path(case, "enforcement"),
            {"court": " ", "applied_on": "2025-12-10", "document_number": " "},
        )
        assert blank.status_code == 400
        assert {"court", "document_number"} <= set(blank.json()["error"]["details"])
        assert snapshot(case) == before


# What the law requires next, and the overdue list -------------------------------------------------


def test_compliance_and_the_overdue_command_name_the_demand_and_the_court_deadline(api, demo):
    case = served(demo)
    with at(D(2025, 6, 25)):
        check = api("officer1").get(path(case, "compliance")).json()
        assert [v["code"] for v in check["violations"]] == ["XF-72"]
        assert [v["code"] for v in check["reminders"]] == ["QZ-54"]
        assert {"action": "demand", "due": None} in check["next"]
        out = StringIO()
        call_command("penalties", "overdue", stdout=out)
        assert f"{case.number}\tQZ-54" in out.getvalue()
        actions.demand(
            case.pk, actor=demo.user("officer1"), served_on=D(2025, 6, 25), method="direct"
        )
    with at(D(2026, 2, 10)):  # 21 days before the QZ-53 deadline of 2026-03-03
        check = api("officer1").get(path(case, "compliance")).json()
        assert [v["code"] for v in check["reminders"]] == ["QZ-53"]
        assert check["reminders"][0]["details"]["due"] == "2026-03-03"
        out = StringIO()
        call_command("penalties", "overdue", "--on", "2026-02-10", stdout=out)
    assert f"{case.number}\tQZ-53\t2026-03-03" in out.getvalue()
