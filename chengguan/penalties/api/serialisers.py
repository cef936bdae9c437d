"""Penalty-case output: the JSON a case (and its parts) is answered with.

Every action answers with the whole case as GET returns it (``fresh``), so the file is read with one
query per related table.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from chengguan.api.parsing import money_out
from chengguan.core import clock
from chengguan.core.pii import mask_id_number, mask_phone
from chengguan.law.models import Level, PenaltyType
from chengguan.ledger.queries import timeline
from chengguan.penalties import money, queries
from chengguan.penalties.models import (
    CashRemittance,
    CertificateShown,
    EnforcementApplication,
    PaymentArrangement,
    PenaltyCase,
    Preservation,
    RemedyProceeding,
)
from chengguan.penalties.states import Status as CaseStatus
from chengguan.permits import queries as permit_queries  # --- helper:permits2 ---


def iso_date(v: dt.date | None) -> str | None:
    return v.isoformat() if v else None


def remedy_out(r: RemedyProceeding) -> dict[str, Any]:
    return {
        "id": r.pk,
        "kind": r.kind,
        "kind_label": r.get_kind_display(),
        "body": r.body,
        "filed_on": iso_date(r.filed_on),
        "concluded_on": iso_date(r.concluded_on),
        "outcome": r.outcome or None,
        "head_appeared": r.head_appeared,
        "pending": r.concluded_on is None,
        # XF-73: only a proceeding with its acceptance notice pauses the surcharge.
        "proof_number": r.proof_number or None,
        "proof_date": iso_date(r.proof_date),
        "pauses_surcharge": bool(r.proof_number),
    }


def arrangement_out(a: PaymentArrangement) -> dict[str, Any]:
    return {
        "id": a.pk,
        "kind": a.kind,
        "kind_label": a.get_kind_display(),
        "status": a.status,
        "status_label": a.get_status_display(),
        "applied_on": iso_date(a.applied_on),
        "reason": a.reason,
        "decided_on": iso_date(a.decided_on),
        "decided_by": a.decided_by.username if a.decided_by else None,
        "opinion": a.opinion or None,
        "instalments": [
            {
                "seq": i.seq,
                "amount": money_out(i.amount),
                "due_on": iso_date(i.due_on),
                "paid_on": iso_date(i.paid_on),
            }
            for i in sorted(a.instalments.all(), key=lambda i: i.seq)
        ],
    }


def enforcement_out(e: EnforcementApplication) -> dict[str, Any]:
    return {
        "id": e.pk,
        "court": e.court,
        "applied_on": iso_date(e.applied_on),
        "document_number": e.document_number,
        "demand": e.demand_id,
        "fine_due": money_out(e.fine_due),
        "surcharge_due": money_out(e.surcharge_due),
        "outcome": e.outcome or None,
        "outcome_label": e.get_outcome_display() if e.outcome else None,
        "outcome_on": iso_date(e.outcome_on),
        "ruling_number": e.ruling_number or None,
        "concluded": e.concluded,
    }


def preservation_out(p: Preservation) -> dict[str, Any]:
    return {
        "id": p.pk,
        "status": p.status,
        "status_label": p.get_status_display(),
        "reason": p.reason,
        "approved_by": p.approved_by.username,
        "approved_on": iso_date(p.approved_on),
        "items": p.items,
        "preserved_on": iso_date(p.preserved_on),
        "decide_by": iso_date(queries.preservation_due(p)),
        "handling": p.handling or None,
        "handling_label": p.get_handling_display() if p.handling else None,
        "handling_note": p.handling_note or None,
        "decided_on": iso_date(p.decided_on),
        "late": p.late,
        "late_reason": p.late_reason or None,
    }


def remittance_out(r: CashRemittance) -> dict[str, Any]:
    return {
        "payment": r.payment_id,
        "handed_in_on": iso_date(r.handed_in_on),
        "receiver": r.receiver,
        "hand_in_late": r.hand_in_late,
        "hand_in_late_reason": r.hand_in_late_reason or None,
        "deposited_on": iso_date(r.deposited_on),
        "bank_slip": r.bank_slip or None,
        "deposit_late": r.deposit_late,
        "deposit_late_reason": r.deposit_late_reason or None,
    }


def shown_out(x: CertificateShown) -> dict[str, Any]:
    return {
        "occasion": x.occasion,
        "evidence": x.evidence_id,
        "officer": x.officer.username,
        "certificate": x.number,
        "shown_on": iso_date(x.shown_on),
    }


def case_summary(c: PenaltyCase) -> dict[str, Any]:
    return {
        "id": c.pk,
        "number": c.number,
        "procedure": c.procedure,
        "status": c.status,
        "status_label": CaseStatus(c.status).label,
        "power_item": c.power_item.code,
        "power_item_name": c.power_item.name,
        "party_name": c.party.name,
        "unit": c.unit.code,
        "decision_number": c.decision_number or None,
        "decided_on": iso_date(c.decided_on),
        "fine_amount": money_out(c.fine_amount),
    }


def case_out(c: PenaltyCase) -> dict[str, Any]:
    today = clock.today()
    p = c.party
    paid = list(c.payments.all())
    days: int = 0
    due: Decimal | None = None
    owed: Decimal | None = None
    if c.status in (CaseStatus.SERVED, CaseStatus.ENFORCEMENT):
        # While the fine is outstanding: what paying all of it today would cost (XF-72).
        owed, days, due = money.outstanding(c, today)
    elif paid:  # after payment: the surcharge that was due and paid with it
        days = max(p.late_days for p in paid)
        due = sum((p.surcharge for p in paid), Decimal("0.00"))
    return {
        **case_summary(c),
        "procedure_label": c.get_procedure_display(),
        "party": {
            "kind": p.kind,
            "name": p.name,
            "id_number": mask_id_number(p.id_number) if p.id_number else None,
            "credit_code": p.credit_code or None,
            "birth_date": iso_date(p.birth_date),
            "legal_representative": p.legal_representative or None,
            "address": p.address or None,
            "phone": mask_phone(p.phone) if p.phone else None,
        },
        "officers": [o.username for o in c.officers.all()],
        "source": c.source,
        "city_case_id": c.city_case_id,
        # --- helper:permits2 --- the permit the matter breaks, or 无证 (issue #14)
        "permit_link": permit_queries.link_payload(c.permit_link) if c.permit_link else None,
        # --- /helper:permits2 ---
        "facts": c.facts,
        "act_date": iso_date(c.act_date),
        "act_end_date": iso_date(c.act_end_date),
        "discovered_date": iso_date(c.discovered_date),
        "registered_on": iso_date(c.registered_on),
        "complex_case": c.complex_case,
        "public_interest": c.public_interest,
        "outcome": c.outcome or None,
        "proposal": c.proposal,
        "decision": None
        if not c.decided_on
        else {
            "kind": c.decision_kind,
            "decided_on": iso_date(c.decided_on),
            "decision_number": c.decision_number,
            "penalty_types": c.penalty_types,
            "penalty_labels": [PenaltyType(t).label for t in c.penalty_types],
            "fine_amount": money_out(c.fine_amount),
            "confiscation_amount": money_out(c.confiscation_amount),
            "level": c.level or None,
            "level_label": Level(c.level).label if c.level else None,
            "grounds": c.grounds,
            "correction": c.correction,
            "deviation_reason": c.deviation_reason or None,
            "benchmark": (f"{c.benchmark.title}第{c.benchmark.version}版" if c.benchmark else None),
            # --- helper:due3 --- XF-37: which versions applied, and why.
            "applied_law": _applied_law(c),
            # --- /helper:due3 ---
            "exemption": c.exemption.code if c.exemption else None,
            "education_record": c.education_record or None,
            "transferred_to": c.transferred_to or None,
        },
        "decided_on": iso_date(c.decided_on),
        "publish_by": iso_date(c.publish_by),
        "filing_due": iso_date(c.filing_due),
        "filed_on": iso_date(c.filed_on),
        "served_on": iso_date(c.served_on),
        "service_method": c.service_method or None,
        "paid_on": iso_date(c.paid_on),
        "paid_amount": money_out(c.paid_amount),
        "surcharge_paid": money_out(c.surcharge_paid),
        "surcharge": {"late_days": days, "amount": money_out(due)} if due is not None else None,
        "outstanding": money_out(owed),
        "arrangements": [arrangement_out(a) for a in c.arrangements.all()],
        "demands": [
            {
                "id": dm.pk,
                "served_on": iso_date(dm.served_on),
                "method": dm.method,
                "fine_due": money_out(dm.fine_due),
                "surcharge_due": money_out(dm.surcharge_due),
                "perform_by": iso_date(dm.perform_by),
            }
            for dm in c.demands.all()
        ],
        "enforcement": next((enforcement_out(e) for e in c.enforcements.all()), None),
        "closed_on": iso_date(c.closed_on),
        "archived_on": iso_date(c.archived_on),
        "decision_revoked_on": iso_date(c.decision_revoked_on),
        "decision_changed_on": iso_date(c.decision_changed_on),
        "deadlines": {k: iso_date(v) for k, v in queries.deadlines(c).items()},
        "extension": (
            {"until": iso_date(c.extension_until), "reason": c.extension_reason}
            if c.extension_until
            else None
        ),
        "evidence": [
            {
                "id": e.pk,
                "kind": e.kind,
                "kind_label": e.get_kind_display(),
                "description": e.description,
                "blob": e.blob_id,
                "collected_by": e.collected_by.username,
                "collected_on": iso_date(e.collected_on),
            }
            for e in c.evidence.all()
        ],
        "reviews": [
            {
                "id": r.pk,
                "reviewer": r.reviewer.username,
                "approved": r.approved,
                "opinion": r.opinion,
                "reviewed_on": iso_date(r.reviewed_on),
            }
            for r in c.reviews.all()
        ],
        "discussions": [
            {
                "id": d.pk,
                "chair": d.chair.username,
                "participants": d.participants,
                "minutes": d.minutes,
                "conclusion": d.conclusion,
                "held_on": iso_date(d.held_on),
                # --- helper:hearing2 --- CL-6: the proposal a ruling on a departure is about.
                "about_level": d.about_level or None,
                "about_fine": str(d.about_fine) if d.about_fine is not None else None,
                "approves_deviation": d.approves_deviation,
                # --- /helper:hearing2 ---
            }
            for d in c.discussions.all()
        ],
        "notices": [
            {
                "id": n.pk,
                "served_on": iso_date(n.served_on),
                "hearing_right": n.hearing_right,
                "statement_by": iso_date(n.statement_by),
                "hearing_request_by": iso_date(n.hearing_request_by),
                "proposal": n.proposal,
            }
            for n in c.notices.all()
        ],
        "statements": [
            {
                "id": s.pk,
                "waiver": s.waiver,
                "content": s.content,
                "accepted": s.accepted,
                "received_on": iso_date(s.received_on),
            }
            for s in c.statements.all()
        ],
        "hearings": [
            {
                "id": h.pk,
                "requested_on": iso_date(h.requested_on),
                "notified_on": iso_date(h.notified_on),
                "held_on": iso_date(h.held_on),
                "chair": h.chair.username if h.chair else None,
                "public": h.public,
                "record": h.record,
                # --- helper:hearing2 --- XF-64: the chair named by the head, its challenges, the
                # transcript signed or the refusal noted.
                "chair_named_on": iso_date(h.chair_named_on),
                "challenges": h.challenges,
                "transcript_signed": h.transcript_signed,
                "unsigned_note": h.unsigned_note or None,
                # --- /helper:hearing2 ---
            }
            for h in c.hearings.all()
        ],
        # --- helper:due3 --- XF-22/XF-27
        "transfers": [
            {
                "id": t.pk,
                "kind": t.kind,
                "to": t.to,
                "reason": t.reason,
                "reported_on": iso_date(t.reported_on),
                "decided_on": iso_date(t.decided_on),
                "approved_by": t.approved_by.username if t.approved_by else None,
                "handed_over_on": iso_date(t.handed_over_on),
                "receipt": t.receipt,
                "late_reason": t.late_reason or None,
            }
            for t in c.transfers.select_related("approved_by")
        ],
        "disposals": [
            {
                "id": x.pk,
                "method": x.method,
                "items": x.items,
                "disposed_on": iso_date(x.disposed_on),
                "auctioneer": x.auctioneer or None,
                "proceeds": money_out(x.proceeds),
                "treasury_voucher": x.treasury_voucher or None,
                "witnesses": x.witnesses,
                "basis": x.basis or None,
            }
            for x in c.disposals.all()
        ],
        # --- /helper:due3 ---
        # --- helper:execution --- XF-29.2: the reviewer's confirmations of a separate act.
        "separate_acts": [
            {
                "id": a.pk,
                "other": a.other_id,
                "reviewer": a.reviewer.username,
                "reason": a.reason,
                "confirmed_on": iso_date(a.confirmed_on),
            }
            for a in c.separate_acts.select_related("reviewer")
        ],
        # --- /helper:execution ---
        "services": [
            {
                "id": s.pk,
                "served_on": iso_date(s.served_on),
                "method": s.method,
                "consent": s.consent,
                "recipient": s.recipient,
                # SD-1/SD-2: the day the service takes legal effect and what the method recorded.
                "effective_on": iso_date(s.effective_on or s.served_on),
                "witnesses": s.witnesses,
                "photo_blob": s.photo_blob_id,
                "receipt_signed_on": iso_date(s.receipt_signed_on),
                "attempts": s.attempts,
            }
            for s in c.services.all()
        ],
        "payments": [
            {
                "id": pm.pk,
                "amount": money_out(pm.amount),
                "fine": money_out(pm.fine),
                "surcharge": money_out(pm.surcharge),
                "late_days": pm.late_days,
                "paid_on": iso_date(pm.paid_on),
                "channel": pm.channel,
                "receipt_no": pm.receipt_no or None,
                "voucher_no": pm.voucher_no or None,
                "backdate_approved_by": (
                    pm.backdate_approved_by.username if pm.backdate_approved_by else None
                ),
                "instalment": pm.instalment.seq if pm.instalment else None,
            }
            for pm in c.payments.all()
        ],
        "recusals": [
            {
                "id": r.pk,
                "officer": r.officer.username,
                "granted": r.granted,
                "reason": r.reason,
                "decided_on": iso_date(r.decided_on),
            }
            for r in c.recusals.all()
        ],
        "remedies": [remedy_out(r) for r in c.remedies.all()],
        "preservations": [preservation_out(p) for p in c.preservations.all()],
        "cash_remittances": [remittance_out(r) for r in c.remittances.all()],
        "certificates_shown": [shown_out(x) for x in c.certificates_shown.all()],
        "history": [
            {"at": e.at, "actor": e.actor_name, "action": e.action, "seq": e.seq}
            for e in timeline(c)
        ],
    }


def fresh(c: PenaltyCase) -> dict[str, Any]:
    """The whole case as GET answers it, read again after an action changed it."""
    return fresh_pk(c.pk)


def fresh_pk(case_id: int) -> dict[str, Any]:
    # One query per related table: the whole file is returned after every action.
    return case_out(queries.case_file(case_id))


# --- helper:due3 ---
def _applied_law(c: PenaltyCase) -> dict[str, Any]:
    """XF-37 从旧兼从轻: the power item and benchmark versions the decision applied, and whether
    each is the one in force on the act date or a later, lighter one."""
    item = c.power_item
    bench = c.benchmark
    later_item = item.effective_from is not None and item.effective_from > c.act_date
    since = bench.in_force_from if bench is not None else None
    return {
        "act_date": iso_date(c.act_date),
        "power_item": item.code,
        "power_item_effective_from": iso_date(item.effective_from),
        "power_item_basis": "lighter_later" if later_item else "act_date",
        "benchmark_version": bench.version if bench is not None else None,
        "benchmark_in_force_from": iso_date(since),
        "benchmark_basis": (
            None
            if bench is None
            else "lighter_later"
            if since is not None and since > c.act_date
            else "act_date"
        ),
    }


# --- /helper:due3 ---
