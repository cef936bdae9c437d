"""Recorded dates (TM-1, TM-2), payment proof (XF-70), remedies with proof (XF-73) and service
methods with their legal effect (SD-1, SD-2) — LEGAL-RULES §10.1, §10.4, §10.5.

Every refusal is 409 with the rule id and its article (XF-73's role refusal is 403 naming the rule),
and leaves the case, its related rows and the ledger as they were.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chengguan.core.errors import ChengguanError
from chengguan.ledger.models import Entry
from chengguan.penalties import actions, money
from chengguan.penalties.models import Payment, PenaltyCase, RemedyProceeding, Service
from tests.penalties.helpers import T0, D, at, notified, snapshot
from tests.penalties.test_rules import decided, refused, simple_body

JUNE_5 = D(2025, 6, 5)
PROOF = {
    "body": "示范县人民政府",
    "proof_number": "示政复受字〔2025〕15号",
    "proof_date": "2025-06-05",
}


def path(case: PenaltyCase, action: str = "") -> str:
    return f"penalty-cases/{case.pk}" + (f"/{action}" if action else "")


def served(demo: Any, on: dt.date = T0) -> PenaltyCase:
    """A 5,000 yuan fine decided on T0 (2025-06-03) and served directly on ``on``."""
    case = decided(demo)
    with at(on):
        return actions.serve(case.pk, actor=demo.user("officer1"), served_on=on)


def last_entry(action: str) -> Entry:
    entry = Entry.objects.filter(action=action).order_by("-id").first()
    assert entry is not None
    return entry


def entry_data(entry: Entry) -> dict[str, Any]:
    data = json.loads(entry.payload)
    return data if isinstance(data, dict) else {}


# TM-1: not in the future, not before the event it follows -------------------------------------------


def test_a_payment_dated_tomorrow_is_refused(api, demo):
    case = served(demo)
    with at(JUNE_5):
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "pay"),
            {"amount": "5000", "paid_on": "2025-06-06", "channel": "bank", "voucher_no": "YH1"},
        )
        body = refused(r, "TM-1")
        assert body["details"]["field"] == "paid_on"
    assert snapshot(case) == before


def test_a_payment_before_the_service_is_refused(api, demo):
    case = served(demo, JUNE_5)
    with at(JUNE_5):
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "pay"),
            {"amount": "5000", "paid_on": "2025-06-04", "channel": "bank", "voucher_no": "YH1"},
        )
        body = refused(r, "TM-1")
        assert body["details"]["earliest"] == "2025-06-05"
    assert snapshot(case) == before


def test_a_service_before_the_decision_is_refused(api, demo):
    case = decided(demo)
    with at(T0):
        before = snapshot(case)
        r = api("officer1").post(path(case, "serve"), {"served_on": "2025-06-02"})
        refused(r, "TM-1")
    assert snapshot(case) == before


def test_a_statement_before_its_notice_is_refused(api, demo):
    with at(T0):
        case = notified(demo)
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "statement"),
            {"content": "当事人称系初次违法", "accepted": False, "received_on": "2025-06-02"},
        )
        refused(r, "TM-1")
    assert snapshot(case) == before


def test_an_inspection_record_before_the_discovery_is_refused_but_a_document_is_not(api, demo):
    from tests.penalties.helpers import open_general

    with at(T0):
        case = open_general(demo)
        actions.register(case.pk, actor=demo.user("head"))
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "evidence"),
            {
                "kind": "inspection_record",
                "description": "现场检查笔录",
                "collected_on": "2025-06-01",
                "certificates_shown": ["officer1", "officer2"],
            },
        )
        refused(r, "TM-1")
        assert snapshot(case) == before
        ok = api("officer1").post(
            path(case, "evidence"),
            {"kind": "documentary", "description": "营业执照复印件", "collected_on": "2025-06-01"},
        )
    assert ok.status_code == 200, ok.content


def test_a_remedy_concluded_before_it_was_accepted_is_refused(api, demo):
    case = served(demo)
    with at(JUNE_5):
        r = api("reviewer").post(
            path(case, "remedies"), {"kind": "reconsideration", "filed_on": "2025-06-04", **PROOF}
        )
        assert r.status_code == 200, r.content
        rid = r.json()["remedies"][0]["id"]
        before = snapshot(case)
        r = api("reviewer").post(
            path(case, f"remedies/{rid}/conclude"),
            {"concluded_on": "2025-06-04", "outcome": "upheld"},
        )
        refused(r, "TM-1")
    assert snapshot(case) == before


def test_a_post_receipt_signed_before_posting_is_refused(api, demo):
    case = decided(demo)
    with at(JUNE_5):
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "serve"),
            {"served_on": "2025-06-04", "method": "post", "receipt_signed_on": "2025-06-03"},
        )
        refused(r, "TM-1")
    assert snapshot(case) == before


# Property: no accepted date lies in the future or before the service it follows (TM-1, TM-2) -------


@pytest.mark.django_db
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    served_offset=st.integers(0, 6),
    paid_offset=st.integers(-4, 14),
    today_offset=st.integers(0, 12),
    approved=st.booleans(),
)
def test_no_accepted_payment_is_in_the_future_or_before_its_service(
    demo: Any, served_offset: int, paid_offset: int, today_offset: int, approved: bool
) -> None:
    with transaction.atomic():
        case = decided(demo)
        served_on = T0 + dt.timedelta(days=served_offset)
        today = served_on + dt.timedelta(days=today_offset)
        paid_on = served_on + dt.timedelta(days=paid_offset)
        with at(served_on):
            actions.serve(case.pk, actor=demo.user("officer1"), served_on=served_on)
        case.refresh_from_db()
        with at(today):
            _, due = money.surcharge_due(case, paid_on)
            before = snapshot(case)
            extra = (
                {"backdate_reason": "缴款凭证迟到", "backdate_approved_by": "head"}
                if approved
                else {}
            )
            try:
                actions.pay(
                    case.pk,
                    actor=demo.user("officer1"),
                    amount=str(5000 + due),
                    paid_on=paid_on,
                    channel="bank",
                    voucher_no="YH20250601",
                    **extra,
                )
            except ChengguanError as exc:
                assert exc.status == 409 and exc.code in {"TM-1", "TM-2"}, exc
                assert snapshot(case) == before
                if exc.code == "TM-2":
                    assert not approved and served_on <= paid_on <= today
            else:
                # Accepted: inside [service, today]; the payment row is what was asked for.
                assert served_on <= paid_on <= today
                p = Payment.objects.get(case=case)
                assert p.paid_on == paid_on and p.surcharge == due
        transaction.set_rollback(True)


@pytest.mark.django_db
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    served_offset=st.integers(-2, 5),
    receipt_offset=st.one_of(st.none(), st.integers(-2, 5)),
    today_offset=st.integers(0, 5),
)
def test_no_accepted_service_is_in_the_future_or_before_the_decision(
    demo: Any, served_offset: int, receipt_offset: int | None, today_offset: int
) -> None:
    with transaction.atomic():
        case = decided(demo)  # decided on T0
        served_on = T0 + dt.timedelta(days=served_offset)
        receipt = None if receipt_offset is None else served_on + dt.timedelta(days=receipt_offset)
        today = T0 + dt.timedelta(days=today_offset)
        with at(today):
            before = snapshot(case)
            try:
                actions.serve(
                    case.pk,
                    actor=demo.user("officer1"),
                    served_on=served_on,
                    method="post" if receipt is not None else "direct",
                    receipt_signed_on=receipt,
                    late_reason="当事人外出",
                )
            except ChengguanError as exc:
                assert exc.status == 409 and exc.code in {"TM-1", "XF-61"}, exc
                assert snapshot(case) == before
            else:
                assert T0 <= served_on <= today
                effective = receipt or served_on
                assert served_on <= effective <= today
                case.refresh_from_db()
                assert case.served_on == effective
        transaction.set_rollback(True)


# TM-2: a back-dated entry needs its reason and the head's approval ---------------------------------


def test_a_payment_entered_six_working_days_late_needs_the_heads_approval(api, demo):
    case = served(demo)
    body = {"amount": "5000", "paid_on": "2025-06-04", "channel": "bank", "voucher_no": "YH77"}
    with at(D(2025, 6, 12)):  # 06-05, 06, 09, 10, 11, 12: six working days later
        before = snapshot(case)
        r = api("officer1").post(path(case, "pay"), body)
        assert refused(r, "TM-2")["details"]["workdays_before"] == 6
        assert snapshot(case) == before
        # A reason approved by someone who is not a head is no approval.
        r = api("officer1").post(
            path(case, "pay"),
            {**body, "backdate_reason": "银行凭证迟到", "backdate_approved_by": "officer2"},
        )
        refused(r, "TM-2")
        assert snapshot(case) == before
        r = api("officer1").post(
            path(case, "pay"),
            {**body, "backdate_reason": "银行凭证迟到", "backdate_approved_by": "head"},
        )
    assert r.status_code == 200, r.content
    assert r.json()["payments"][0]["backdate_approved_by"] == "head"
    data = entry_data(last_entry("penalty.pay"))
    assert data["backdate"]["approved_by"] == "head"
    assert data["backdate"]["reason"] == "银行凭证迟到"
    p = Payment.objects.get(case=case)
    assert p.backdate_approved_by == demo.user("head") and p.voucher_no == "YH77"


def test_a_service_entered_late_without_approval_is_refused(api, demo):
    case = decided(demo)
    with at(D(2025, 6, 12)):
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "serve"), {"served_on": "2025-06-03", "method": "direct"}
        )
        refused(r, "TM-2")
    assert snapshot(case) == before


def test_three_working_days_back_need_no_approval(api, demo):
    case = served(demo)
    with at(D(2025, 6, 9)):  # 06-04 → 06-09: 06-05, 06, 09 = three working days
        r = api("officer1").post(
            path(case, "pay"),
            {"amount": "5000", "paid_on": "2025-06-04", "channel": "bank", "voucher_no": "YH8"},
        )
    assert r.status_code == 200, r.content
    assert "backdate" not in entry_data(last_entry("penalty.pay"))


# XF-70: every payment carries its proof --------------------------------------------------------------


@pytest.mark.parametrize("channel", ["bank", "epay"])
def test_a_bank_or_e_payment_without_its_voucher_is_refused(api, demo, channel):
    case = served(demo)
    with at(JUNE_5):
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "pay"), {"amount": "5000", "paid_on": "2025-06-05", "channel": channel}
        )
        assert refused(r, "XF-70")["details"]["field"] == "voucher_no"
        assert snapshot(case) == before
        ok = api("officer1").post(
            path(case, "pay"),
            {
                "amount": "5000",
                "paid_on": "2025-06-05",
                "channel": channel,
                "voucher_no": "NT2025060500012",
            },
        )
    assert ok.status_code == 200, ok.content
    assert ok.json()["status"] == "paid"
    assert ok.json()["payments"][0]["voucher_no"] == "NT2025060500012"
    assert entry_data(last_entry("penalty.pay"))["voucher_no"] == "NT2025060500012"


def test_cash_on_the_spot_without_the_finance_receipt_is_refused(api):
    from tests.penalties.test_rules import fine

    with at(T0):
        case = api("officer1").post("penalty-cases", simple_body(fine("50"))).json()
        obj = PenaltyCase.objects.get(pk=case["id"])
        r = api("officer1").post(
            path(obj, "serve"),
            {"served_on": "2025-06-03", "certificates_shown": ["officer1", "officer2"]},
        )
        assert r.status_code == 200, r.content
        before = snapshot(obj)
        r = api("officer1").post(
            path(obj, "pay"), {"amount": "50", "paid_on": "2025-06-03", "channel": "on_spot"}
        )
        refused(r, "XF-70")
    assert snapshot(obj) == before


# XF-73: a remedy with proof, recorded by the reviewer or the head ---------------------------------


@pytest.mark.parametrize("user", ["officer1", "officer2"])
def test_an_officer_cannot_record_a_remedy(api, demo, user):
    case = served(demo)
    with at(JUNE_5):
        before = snapshot(case)
        r = api(user).post(
            path(case, "remedies"), {"kind": "reconsideration", "filed_on": "2025-06-04", **PROOF}
        )
    assert r.status_code == 403, r.content
    err = r.json()["error"]
    assert err["details"]["rule"] == "XF-73" and "第七十三条" in err["article"]
    assert snapshot(case) == before


def test_a_remedy_without_its_acceptance_notice_is_refused(api, demo):
    case = served(demo)
    with at(JUNE_5):
        before = snapshot(case)
        r = api("reviewer").post(
            path(case, "remedies"),
            {"kind": "reconsideration", "filed_on": "2025-06-04", "body": "示范县人民政府"},
        )
        body = refused(r, "XF-73")
        assert set(body["details"]["missing"]) == {"proof_number", "proof_date"}
    assert snapshot(case) == before


def test_an_acceptance_notice_dated_before_the_filing_is_refused(api, demo):
    case = served(demo)
    with at(JUNE_5):
        before = snapshot(case)
        r = api("reviewer").post(
            path(case, "remedies"),
            {**PROOF, "kind": "litigation", "filed_on": "2025-06-05", "proof_date": "2025-06-04"},
        )
        refused(r, "TM-1")
    assert snapshot(case) == before


def test_an_officer_cannot_conclude_a_remedy_as_withdrawn(api, demo):
    case = served(demo)
    with at(JUNE_5):
        r = api("head").post(
            path(case, "remedies"), {"kind": "reconsideration", "filed_on": "2025-06-05", **PROOF}
        )
        assert r.status_code == 200, r.content
        remedy = r.json()["remedies"][0]
        assert (
            remedy["pauses_surcharge"] is True and remedy["proof_number"] == PROOF["proof_number"]
        )
        before = snapshot(case)
        r = api("officer1").post(
            path(case, f"remedies/{remedy['id']}/conclude"),
            {"concluded_on": "2025-06-05", "outcome": "withdrawn"},
        )
    assert r.status_code == 403 and r.json()["error"]["details"]["rule"] == "XF-73"
    assert snapshot(case) == before


def test_only_a_proven_remedy_pauses_the_surcharge(demo):
    """A proceeding recorded before proof was required (no acceptance notice), then "withdrawn",
    pauses nothing: the surcharge stays what the dates give."""
    case = served(demo)  # pay_by 2025-06-18
    RemedyProceeding.objects.create(
        case=case,
        kind="reconsideration",
        filed_on=D(2025, 6, 10),
        concluded_on=D(2025, 7, 10),
        outcome="withdrawn",
        recorded_by=demo.user("officer1"),
    )
    case = PenaltyCase.objects.get(pk=case.pk)
    with at(D(2025, 6, 28)):
        days, due = money.surcharge_due(case, D(2025, 6, 28))
    assert (days, due) == (10, money.xf72.amount(case.fine_amount, 10))


def test_a_proven_pending_remedy_pauses_the_surcharge(api, demo):
    case = served(demo)
    with at(D(2025, 6, 10)):
        r = api("reviewer").post(
            path(case, "remedies"),
            {
                **PROOF,
                "kind": "reconsideration",
                "filed_on": "2025-06-10",
                "proof_date": "2025-06-10",
            },
        )
        assert r.status_code == 200, r.content
    with at(D(2025, 6, 28)):
        shown = api("officer1").get(path(case)).json()
    assert shown["surcharge"] == {"late_days": 0, "amount": "0.00"}


@pytest.mark.parametrize(
    ("user", "status"), [("supervisor", 403), ("outsider", 404), ("officer1", 403)]
)
def test_wrong_role_department_or_bureau_cannot_record_a_remedy(api, demo, user, status):
    case = served(demo)
    with at(JUNE_5):
        before = snapshot(case)
        r = api(user).post(
            path(case, "remedies"), {"kind": "reconsideration", "filed_on": "2025-06-04", **PROOF}
        )
    assert r.status_code == status, r.content
    assert snapshot(case) == before


@pytest.mark.parametrize(
    # Another department does not see the case at all (404), as for every penalty endpoint.
    ("user", "status"),
    [("head", 403), ("town_officer1", 404), ("outsider", 404)],
)
@pytest.mark.parametrize("action", ["serve", "pay"])
def test_wrong_role_department_or_bureau_cannot_serve_or_pay(api, demo, user, status, action):
    case = served(demo) if action == "pay" else decided(demo)
    body = (
        {"amount": "5000", "paid_on": "2025-06-05", "channel": "bank", "voucher_no": "YH1"}
        if action == "pay"
        else {"served_on": "2025-06-05", "method": "direct"}
    )
    with at(JUNE_5):
        before = snapshot(case)
        r = api(user).post(path(case, action), body)
    assert r.status_code == status, r.content
    assert snapshot(case) == before


# SD-1: each method and what it needs -------------------------------------------------------------------


def test_without_a_method_the_service_is_direct(api, demo):
    case = decided(demo)
    with at(T0):
        r = api("officer1").post(path(case, "serve"), {"served_on": "2025-06-03"})
    assert r.status_code == 200, r.content
    assert r.json()["service_method"] == "direct"
    assert r.json()["services"][0]["effective_on"] == "2025-06-03"


def test_left_service_needs_witnesses_or_a_photo(api, demo):
    case = decided(demo)
    with at(T0):
        before = snapshot(case)
        r = api("officer1").post(path(case, "serve"), {"served_on": "2025-06-03", "method": "left"})
        refused(r, "SD-1")
        assert snapshot(case) == before
        ok = api("officer1").post(
            path(case, "serve"),
            {"served_on": "2025-06-03", "method": "left", "witnesses": ["社区主任 王芳"]},
        )
    assert ok.status_code == 200, ok.content
    assert Service.objects.get(case=case).witnesses == ["社区主任 王芳"]


def test_post_service_takes_effect_on_the_receipts_sign_date(api, demo):
    case = decided(demo)
    with at(JUNE_5):
        before = snapshot(case)
        r = api("officer1").post(path(case, "serve"), {"served_on": "2025-06-03", "method": "post"})
        assert refused(r, "SD-1")["details"]["method"] == "post"
        assert snapshot(case) == before
        ok = api("officer1").post(
            path(case, "serve"),
            {"served_on": "2025-06-03", "method": "post", "receipt_signed_on": "2025-06-05"},
        )
    assert ok.status_code == 200, ok.content
    body = ok.json()
    # XF-67: the 15 days run from the effective date, not from the posting.
    assert body["served_on"] == "2025-06-05" and body["deadlines"]["pay_by"] == "2025-06-20"
    assert body["services"][0]["served_on"] == "2025-06-03"


def test_entrusted_service_names_who_received_it(api, demo):
    case = decided(demo)
    with at(T0):
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "serve"), {"served_on": "2025-06-03", "method": "entrusted"}
        )
        refused(r, "SD-1")
        assert snapshot(case) == before
        ok = api("officer1").post(
            path(case, "serve"),
            {"served_on": "2025-06-03", "method": "entrusted", "recipient": "城关镇司法所"},
        )
    assert ok.status_code == 200, ok.content


def test_electronic_service_still_needs_consent(api, demo):
    case = decided(demo)
    with at(T0):
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "serve"), {"served_on": "2025-06-03", "method": "electronic"}
        )
        refused(r, "XF-61")
    assert snapshot(case) == before


# SD-2: 公告送达 ---------------------------------------------------------------------------------------

ATTEMPT = {"method": "post", "on": "2025-06-04", "result": "邮件被退回：查无此人"}


@pytest.mark.parametrize("method", ["public", "notice"])
def test_public_notice_only_after_failed_attempts(api, demo, method):
    case = decided(demo)
    with at(JUNE_5):
        before = snapshot(case)
        r = api("officer1").post(path(case, "serve"), {"served_on": "2025-06-05", "method": method})
        refused(r, "SD-2")
        assert snapshot(case) == before
        ok = api("officer1").post(
            path(case, "serve"),
            {"served_on": "2025-06-05", "method": method, "attempts": [ATTEMPT]},
        )
    assert ok.status_code == 200, ok.content
    body = ok.json()
    # Effective 30 days after publication; the 15-day payment period runs from then.
    assert body["service_method"] == "public"
    assert (
        body["served_on"] == "2025-07-05" and body["deadlines"]["pay_by"] == "2025-07-21"
    )  # 07-20 is a Sunday
    svc = Service.objects.get(case=case)
    assert svc.served_on == JUNE_5 and svc.effective_on == D(2025, 7, 5)
    assert svc.attempts == [ATTEMPT]
    # No surcharge while the notice has not yet taken effect.
    with at(D(2025, 7, 10)):
        assert api("officer1").get(path(case)).json()["surcharge"]["late_days"] == 0


def test_an_attempt_after_the_publication_is_refused(api, demo):
    case = decided(demo)
    with at(JUNE_5):
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "serve"),
            {
                "served_on": "2025-06-04",
                "method": "public",
                "attempts": [{**ATTEMPT, "on": "2025-06-05"}],
            },
        )
        refused(r, "TM-1")
    assert snapshot(case) == before


def test_a_malformed_attempt_is_400_naming_the_field(api, demo):
    case = decided(demo)
    with at(JUNE_5):
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "serve"),
            {"served_on": "2025-06-05", "method": "public", "attempts": [{"method": "public"}]},
        )
    assert r.status_code == 400, r.content
    assert "attempts[1].method" in r.json()["error"]["details"]
    assert snapshot(case) == before


def test_the_simple_procedure_never_uses_public_notice(api):
    from tests.penalties.test_rules import fine

    with at(T0):
        case = api("officer1").post("penalty-cases", simple_body(fine("50"))).json()
        obj = PenaltyCase.objects.get(pk=case["id"])
        before = snapshot(obj)
        r = api("officer1").post(
            path(obj, "serve"),
            {
                "served_on": "2025-06-03",
                "method": "public",
                "attempts": [{**ATTEMPT, "on": "2025-06-03"}],
                "certificates_shown": ["officer1", "officer2"],
            },
        )
        refused(r, "SD-2")
    assert snapshot(obj) == before


def test_the_remedy_periods_run_from_the_effective_date(demo):
    case = decided(demo)
    with at(JUNE_5):
        actions.serve(
            case.pk,
            actor=demo.user("officer1"),
            served_on=JUNE_5,
            method="public",
            attempts=[ATTEMPT],
        )
    case = PenaltyCase.objects.get(pk=case.pk)
    window = money.enforcement_window(case)
    assert window is not None
    # Six months for litigation from the effective date 2025-07-05, not from the publication.
    assert window[0] == D(2026, 1, 5)


def test_the_service_receipt_prints_the_effective_date_and_the_failed_attempts(demo):
    from chengguan.documents.casedata import case_data
    from chengguan.documents.compose import service_receipt

    case = decided(demo)
    with at(JUNE_5):
        actions.serve(
            case.pk,
            actor=demo.user("officer1"),
            served_on=JUNE_5,
            method="public",
            attempts=[ATTEMPT],
        )
    text = service_receipt(
        case_data(PenaltyCase.objects.get(pk=case.pk)), "示城管送〔2025〕1号"
    ).text()
    assert "公告送达" in text and "2025年7月5日" in text  # 送达生效日期: 30 days after publication
    assert "邮寄送达，邮件被退回：查无此人" in text


def test_the_service_receipt_names_the_witnesses_of_a_left_service(demo):
    from chengguan.documents.casedata import case_data
    from chengguan.documents.compose import service_receipt

    case = decided(demo)
    with at(T0):
        actions.serve(
            case.pk, actor=demo.user("officer1"), served_on=T0, method="left", witnesses=["王芳"]
        )
    text = service_receipt(
        case_data(PenaltyCase.objects.get(pk=case.pk)), "示城管送〔2025〕2号"
    ).text()
    assert "留置送达" in text and "见证人：王芳" in text


def test_a_demand_entered_late_is_refused_without_the_heads_approval(api, demo):
    case = served(demo)  # pay_by 2025-06-18: a demand dated 06-19 is due, entered 06-27
    with at(D(2025, 6, 27)):
        before = snapshot(case)
        r = api("officer1").post(path(case, "demand"), {"served_on": "2025-06-19"})
        refused(r, "TM-2")
        assert snapshot(case) == before
        ok = api("officer1").post(
            path(case, "demand"),
            {
                "served_on": "2025-06-19",
                "backdate_reason": "回证补录",
                "backdate_approved_by": "head",
            },
        )
    assert ok.status_code == 200, ok.content


def test_an_arrangement_applied_for_late_is_recorded_with_the_heads_approval(api, demo):
    case = served(demo)
    body = {"kind": "deferral", "applied_on": "2025-06-04", "reason": "个体经营困难"}
    with at(D(2025, 6, 12)):
        before = snapshot(case)
        refused(api("officer1").post(path(case, "arrangements"), body), "TM-2")
        assert snapshot(case) == before
        r = api("officer1").post(
            path(case, "arrangements"),
            {**body, "backdate_reason": "申请书6月4日收到，漏录", "backdate_approved_by": "head"},
        )
    assert r.status_code == 200, r.content
    data = entry_data(last_entry("penalty.apply_arrangement"))
    assert data["backdate"]["approved_by"] == "head" and data["backdate"]["workdays_before"] == 6


def test_a_demand_before_the_service_is_refused(api, demo):
    case = served(demo, JUNE_5)
    with at(JUNE_5):
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "demand"), {"served_on": "2025-06-04", "method": "direct"}
        )
        refused(r, "TM-1")
    assert snapshot(case) == before


def test_a_back_dated_service_never_shortens_the_payment_period(api, demo):
    """TM-2: approved, the service keeps its true date, but the 15 days run from its entry."""
    case = decided(demo)
    with at(D(2025, 6, 12)):
        r = api("officer1").post(
            path(case, "serve"),
            {
                "served_on": "2025-06-03",
                "backdate_reason": "送达回证遗失后补录",
                "backdate_approved_by": "head",
            },
        )
    assert r.status_code == 200, r.content
    assert r.json()["served_on"] == "2025-06-03"
    assert r.json()["deadlines"]["pay_by"] == "2025-06-27"  # 06-12 + 15, not 06-18
    data = entry_data(last_entry("penalty.serve"))
    assert data["backdate"] == {
        "field": "served_on",
        "date": "2025-06-03",
        "workdays_before": 7,
        "reason": "送达回证遗失后补录",
        "approved_by": "head",
    }


# The 案卷评查 pre-review knows these rules (files recorded before they were enforced) ----------------


def test_the_prereview_finds_payments_remedies_and_services_without_their_proof(demo):
    from chengguan.oversight.checks import prereview

    case = served(demo)
    clean = {i.code for i in prereview(PenaltyCase.objects.get(pk=case.pk))}
    assert not {c for c in clean if c.startswith(("payment.", "remedy.", "service.", "date."))}
    # Rows as an older version (or an import) could have written them.
    officer = demo.user("officer1")
    Payment.objects.create(
        case=case,
        amount=5000,
        fine=5000,
        surcharge=0,
        paid_on=D(2025, 6, 2),
        channel="bank",
        recorded_by=officer,
    )
    RemedyProceeding.objects.create(
        case=case, kind="reconsideration", filed_on=JUNE_5, recorded_by=officer
    )
    Service.objects.create(case=case, served_on=T0, method="left", served_by=officer)
    items = {i.code: i for i in prereview(PenaltyCase.objects.get(pk=case.pk))}
    codes = set(items)
    assert any(c.startswith("payment.proof.") for c in codes)  # XF-70
    assert any(c.startswith("date.payment.") for c in codes)  # TM-1
    assert any(c.startswith("remedy.proof.") for c in codes)  # XF-73
    assert any(c.startswith("service.left.") for c in codes)  # SD-1
    assert "XF-70" in next(i.message for c, i in items.items() if c.startswith("payment.proof."))


def test_the_prereview_does_not_call_a_public_notice_late_for_its_thirty_days(demo):
    from chengguan.oversight.checks import prereview

    case = decided(demo)
    with at(JUNE_5):
        actions.serve(
            case.pk,
            actor=demo.user("officer1"),
            served_on=JUNE_5,
            method="public",
            attempts=[ATTEMPT],
        )
    codes = {i.code for i in prereview(PenaltyCase.objects.get(pk=case.pk))}
    assert "late.service" not in codes
    assert not any(c.startswith("service.") for c in codes)


def test_evidence_entered_long_after_it_was_taken_needs_the_heads_approval(api, demo):
    from tests.penalties.helpers import open_general

    with at(T0):
        case = open_general(demo)
        actions.register(case.pk, actor=demo.user("head"))
    body = {"kind": "documentary", "description": "营业执照复印件", "collected_on": "2025-06-03"}
    with at(D(2025, 6, 12)):
        before = snapshot(case)
        refused(api("officer1").post(path(case, "evidence"), body), "TM-2")
        assert snapshot(case) == before
        ok = api("officer1").post(
            path(case, "evidence"),
            {**body, "backdate_reason": "调取材料后漏录", "backdate_approved_by": "head"},
        )
    assert ok.status_code == 200, ok.content
    assert entry_data(last_entry("penalty.evidence"))["backdate"]["approved_by"] == "head"
