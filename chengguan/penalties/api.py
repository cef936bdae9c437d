"""Penalty-case endpoints (API.md "Penalty cases"): thin wrappers over actions and queries.

Every action answers 200 with the whole case as GET returns it. A case is first looked up through
``queries.case`` so that another bureau's (or another team's) case is a 404 before anything else.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.api.pagination import paginate
from chengguan.core import clock
from chengguan.core.pii import mask_id_number, mask_phone
from chengguan.law.models import Level, PenaltyType
from chengguan.ledger.queries import timeline
from chengguan.org.models import Staff
from chengguan.penalties import actions, money, queries
from chengguan.penalties.models import (
    CashRemittance,
    CertificateShown,
    Discussion,
    EnforcementApplication,
    Evidence,
    Hearing,
    Payment,
    PaymentArrangement,
    PenaltyCase,
    Preservation,
    Recusal,
    RemedyProceeding,
    Review,
)
from chengguan.penalties.states import Status as CaseStatus

router = Router(tags=["行政处罚"])


def _money(v: Decimal | None) -> str | None:
    return None if v is None else f"{v:.2f}"


def _d(v: dt.date | None) -> str | None:
    return v.isoformat() if v else None


def remedy_out(r: RemedyProceeding) -> dict[str, Any]:
    return {
        "id": r.pk,
        "kind": r.kind,
        "kind_label": r.get_kind_display(),
        "body": r.body,
        "filed_on": _d(r.filed_on),
        "concluded_on": _d(r.concluded_on),
        "outcome": r.outcome or None,
        "head_appeared": r.head_appeared,
        "pending": r.concluded_on is None,
    }


def arrangement_out(a: PaymentArrangement) -> dict[str, Any]:
    return {
        "id": a.pk,
        "kind": a.kind,
        "kind_label": a.get_kind_display(),
        "status": a.status,
        "status_label": a.get_status_display(),
        "applied_on": _d(a.applied_on),
        "reason": a.reason,
        "decided_on": _d(a.decided_on),
        "decided_by": a.decided_by.username if a.decided_by else None,
        "opinion": a.opinion or None,
        "instalments": [
            {
                "seq": i.seq,
                "amount": _money(i.amount),
                "due_on": _d(i.due_on),
                "paid_on": _d(i.paid_on),
            }
            for i in sorted(a.instalments.all(), key=lambda i: i.seq)
        ],
    }


def enforcement_out(e: EnforcementApplication) -> dict[str, Any]:
    return {
        "id": e.pk,
        "court": e.court,
        "applied_on": _d(e.applied_on),
        "document_number": e.document_number,
        "demand": e.demand_id,
        "fine_due": _money(e.fine_due),
        "surcharge_due": _money(e.surcharge_due),
        "outcome": e.outcome or None,
        "outcome_label": e.get_outcome_display() if e.outcome else None,
        "outcome_on": _d(e.outcome_on),
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
        "approved_on": _d(p.approved_on),
        "items": p.items,
        "preserved_on": _d(p.preserved_on),
        "decide_by": _d(queries.preservation_due(p)),
        "handling": p.handling or None,
        "handling_label": p.get_handling_display() if p.handling else None,
        "handling_note": p.handling_note or None,
        "decided_on": _d(p.decided_on),
        "late": p.late,
        "late_reason": p.late_reason or None,
    }


def remittance_out(r: CashRemittance) -> dict[str, Any]:
    return {
        "payment": r.payment_id,
        "handed_in_on": _d(r.handed_in_on),
        "receiver": r.receiver,
        "hand_in_late": r.hand_in_late,
        "hand_in_late_reason": r.hand_in_late_reason or None,
        "deposited_on": _d(r.deposited_on),
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
        "shown_on": _d(x.shown_on),
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
        "decided_on": _d(c.decided_on),
        "fine_amount": _money(c.fine_amount),
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
            "birth_date": _d(p.birth_date),
            "legal_representative": p.legal_representative or None,
            "address": p.address or None,
            "phone": mask_phone(p.phone) if p.phone else None,
        },
        "officers": [o.username for o in c.officers.all()],
        "source": c.source,
        "city_case_id": c.city_case_id,
        "facts": c.facts,
        "act_date": _d(c.act_date),
        "act_end_date": _d(c.act_end_date),
        "discovered_date": _d(c.discovered_date),
        "registered_on": _d(c.registered_on),
        "complex_case": c.complex_case,
        "public_interest": c.public_interest,
        "outcome": c.outcome or None,
        "proposal": c.proposal,
        "decision": None
        if not c.decided_on
        else {
            "kind": c.decision_kind,
            "decided_on": _d(c.decided_on),
            "decision_number": c.decision_number,
            "penalty_types": c.penalty_types,
            "penalty_labels": [PenaltyType(t).label for t in c.penalty_types],
            "fine_amount": _money(c.fine_amount),
            "confiscation_amount": _money(c.confiscation_amount),
            "level": c.level or None,
            "level_label": Level(c.level).label if c.level else None,
            "grounds": c.grounds,
            "correction": c.correction,
            "deviation_reason": c.deviation_reason or None,
            "benchmark": (f"{c.benchmark.title}第{c.benchmark.version}版" if c.benchmark else None),
            "exemption": c.exemption.code if c.exemption else None,
            "education_record": c.education_record or None,
            "transferred_to": c.transferred_to or None,
        },
        "decided_on": _d(c.decided_on),
        "publish_by": _d(c.publish_by),
        "filing_due": _d(c.filing_due),
        "filed_on": _d(c.filed_on),
        "served_on": _d(c.served_on),
        "service_method": c.service_method or None,
        "paid_on": _d(c.paid_on),
        "paid_amount": _money(c.paid_amount),
        "surcharge_paid": _money(c.surcharge_paid),
        "surcharge": {"late_days": days, "amount": _money(due)} if due is not None else None,
        "outstanding": _money(owed),
        "arrangements": [arrangement_out(a) for a in c.arrangements.all()],
        "demands": [
            {
                "id": dm.pk,
                "served_on": _d(dm.served_on),
                "method": dm.method,
                "fine_due": _money(dm.fine_due),
                "surcharge_due": _money(dm.surcharge_due),
                "perform_by": _d(dm.perform_by),
            }
            for dm in c.demands.all()
        ],
        "enforcement": next((enforcement_out(e) for e in c.enforcements.all()), None),
        "closed_on": _d(c.closed_on),
        "archived_on": _d(c.archived_on),
        "decision_revoked_on": _d(c.decision_revoked_on),
        "decision_changed_on": _d(c.decision_changed_on),
        "deadlines": {k: _d(v) for k, v in queries.deadlines(c).items()},
        "extension": (
            {"until": _d(c.extension_until), "reason": c.extension_reason}
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
                "collected_on": _d(e.collected_on),
            }
            for e in c.evidence.all()
        ],
        "reviews": [
            {
                "id": r.pk,
                "reviewer": r.reviewer.username,
                "approved": r.approved,
                "opinion": r.opinion,
                "reviewed_on": _d(r.reviewed_on),
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
                "held_on": _d(d.held_on),
            }
            for d in c.discussions.all()
        ],
        "notices": [
            {
                "id": n.pk,
                "served_on": _d(n.served_on),
                "hearing_right": n.hearing_right,
                "statement_by": _d(n.statement_by),
                "hearing_request_by": _d(n.hearing_request_by),
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
                "received_on": _d(s.received_on),
            }
            for s in c.statements.all()
        ],
        "hearings": [
            {
                "id": h.pk,
                "requested_on": _d(h.requested_on),
                "notified_on": _d(h.notified_on),
                "held_on": _d(h.held_on),
                "chair": h.chair.username if h.chair else None,
                "public": h.public,
                "record": h.record,
            }
            for h in c.hearings.all()
        ],
        "services": [
            {
                "id": s.pk,
                "served_on": _d(s.served_on),
                "method": s.method,
                "consent": s.consent,
                "recipient": s.recipient,
            }
            for s in c.services.all()
        ],
        "payments": [
            {
                "id": pm.pk,
                "amount": _money(pm.amount),
                "fine": _money(pm.fine),
                "surcharge": _money(pm.surcharge),
                "late_days": pm.late_days,
                "paid_on": _d(pm.paid_on),
                "channel": pm.channel,
                "receipt_no": pm.receipt_no or None,
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
                "decided_on": _d(r.decided_on),
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


def _fresh(c: PenaltyCase) -> dict[str, Any]:
    # One query per related table: the whole file is returned after every action.
    row = (
        PenaltyCase.objects.select_related("power_item", "party", "unit", "benchmark", "exemption")
        .prefetch_related(
            Prefetch("officers", queryset=Staff.objects.order_by("id")),
            Prefetch("evidence", queryset=Evidence.objects.select_related("collected_by")),
            Prefetch("reviews", queryset=Review.objects.select_related("reviewer")),
            Prefetch("discussions", queryset=Discussion.objects.select_related("chair")),
            Prefetch("hearings", queryset=Hearing.objects.select_related("chair")),
            Prefetch("recusals", queryset=Recusal.objects.select_related("officer")),
            "notices",
            "statements",
            "services",
            Prefetch("payments", queryset=Payment.objects.select_related("instalment")),
            "remedies",
            Prefetch(
                "arrangements",
                queryset=PaymentArrangement.objects.select_related("decided_by").prefetch_related(
                    "instalments"
                ),
            ),
            "demands",
            "enforcements",
            Prefetch("preservations", queryset=Preservation.objects.select_related("approved_by")),
            "remittances",
            Prefetch(
                "certificates_shown", queryset=CertificateShown.objects.select_related("officer")
            ),
        )
        .get(pk=c.pk)
    )
    return case_out(row)


# Schemas ------------------------------------------------------------------------------------------


class PartyIn(Schema):
    kind: str
    name: str = Field(min_length=1, max_length=200)
    id_number: str | None = None
    credit_code: str | None = None
    birth_date: dt.date | None = None
    address: str | None = None
    phone: str | None = None
    legal_representative: str | None = None


class PenaltyDecisionIn(Schema):
    penalty_types: list[str] = []
    fine_amount: Decimal | None = Field(default=None, ge=0, decimal_places=2)
    confiscation_amount: Decimal | None = Field(default=None, ge=0, decimal_places=2)
    level: str
    grounds: list[str] = []
    correction: str = ""
    deviation_reason: str = ""
    exemption: str = ""
    education: str = ""


class OpenIn(Schema):
    procedure: str
    power_item: str = Field(min_length=1)
    party: PartyIn
    facts: str = Field(min_length=1)
    act_date: dt.date
    act_end_date: dt.date | None = None
    discovered_date: dt.date
    officers: list[str] = Field(min_length=1)
    city_case: int | None = None
    decision: PenaltyDecisionIn | None = None
    grave_harm: bool = False
    complex_case: bool = False
    public_interest: bool = False
    refused_to_sign: bool = False
    # XF-52/XF-55: the officers who showed their certificates at the on-the-spot decision.
    certificates_shown: list[str] | None = None


class EvidenceIn(Schema):
    kind: str
    description: str = Field(min_length=1)
    blob: str | None = None
    collected_on: dt.date | None = None
    # XF-55: required for 询问笔录/现场检查笔录 (statement, witness, inspection_record).
    certificates_shown: list[str] = []


class ConcludeIn(Schema):
    outcome: str
    proposal: PenaltyDecisionIn | None = None
    report: str = ""


class ReviewIn(Schema):
    approved: bool
    opinion: str = Field(min_length=1)


class DiscussIn(Schema):
    participants: list[str]
    minutes: str = Field(min_length=1)
    conclusion: str = Field(min_length=1)


class NotifyIn(Schema):
    served_on: dt.date


class StatementIn(Schema):
    content: str = Field(min_length=1)
    accepted: bool
    received_on: dt.date | None = None


class HearingRequestIn(Schema):
    requested_on: dt.date


class HearingIn(Schema):
    held_on: dt.date
    chair: str = Field(min_length=1)
    record: str = Field(min_length=1)
    notified_on: dt.date | None = None
    public: bool = True


class PenaltyDecideIn(PenaltyDecisionIn):
    transferred_to: str = ""


class ServeIn(Schema):
    served_on: dt.date
    method: str
    consent: bool = False
    recipient: str = ""
    late_reason: str = ""
    # XF-52/XF-55: required when handing over an on-the-spot decision not recorded at opening.
    certificates_shown: list[str] | None = None


class PayIn(Schema):
    amount: Decimal = Field(gt=0, decimal_places=2)
    paid_on: dt.date
    channel: str
    receipt_no: str = ""
    impracticable: bool = False


class RecuseIn(Schema):
    officer: str
    reason: str = Field(min_length=1)
    granted: bool
    replacement: str | None = None
    requested_by_party: bool = True


class PenaltyExtendIn(Schema):
    until: dt.date
    reason: str = Field(min_length=1)


class PenaltyFileIn(Schema):
    filed_on: dt.date | None = None


class RemedyIn(Schema):
    kind: str
    filed_on: dt.date
    body: str = ""
    note: str = ""


class RemedyConcludeIn(Schema):
    concluded_on: dt.date
    outcome: str
    head_appeared: bool = False
    note: str = ""


class ArrangementIn(Schema):
    kind: str
    applied_on: dt.date
    reason: str = Field(min_length=1)


class InstalmentIn(Schema):
    amount: Decimal = Field(gt=0, decimal_places=2)
    due_on: dt.date


class ArrangementDecideIn(Schema):
    approved: bool
    opinion: str = Field(min_length=1)
    due_on: dt.date | None = None
    instalments: list[InstalmentIn] = []


class DemandIn(Schema):
    served_on: dt.date
    method: str
    recipient: str = ""
    note: str = ""


class EnforcementIn(Schema):
    court: str = Field(min_length=1, max_length=100)
    applied_on: dt.date
    document_number: str = Field(min_length=1, max_length=60)


class EnforcementOutcomeIn(Schema):
    outcome: str
    outcome_on: dt.date
    ruling_number: str = Field(default="", max_length=60)
    note: str = ""


class PreservationApproveIn(Schema):
    reason: str = Field(min_length=1)


class PreservedItemIn(Schema):
    description: str = Field(min_length=1, max_length=200)
    quantity: str = Field(min_length=1, max_length=200)
    location: str = Field(min_length=1, max_length=200)


class PreserveIn(Schema):
    items: list[PreservedItemIn] = Field(min_length=1)
    preserved_on: dt.date | None = None


class PreservationDecideIn(Schema):
    handling: str
    note: str = Field(min_length=1)
    late_reason: str = ""


class HandInIn(Schema):
    handed_in_on: dt.date
    receiver: str = Field(min_length=1, max_length=60)
    late_reason: str = ""


class DepositIn(Schema):
    deposited_on: dt.date
    bank_slip: str = Field(min_length=1, max_length=60)
    late_reason: str = ""


class Empty(Schema):
    pass


R = {200: dict, **ERRORS}


# Endpoints ----------------------------------------------------------------------------------------


@router.post("/penalty-cases", response={201: dict, **ERRORS}, summary="登记行政处罚案件")
def open_case(request: HttpRequest, payload: OpenIn) -> Status[dict[str, Any]]:
    me = actor(request)
    c = actions.open_case(
        actor=me,
        procedure=payload.procedure,
        power_item=payload.power_item,
        party=payload.party.dict(),
        facts=payload.facts,
        act_date=payload.act_date,
        act_end_date=payload.act_end_date,
        discovered_date=payload.discovered_date,
        officers=payload.officers,
        city_case=payload.city_case,
        decision=payload.decision.dict() if payload.decision else None,
        grave_harm=payload.grave_harm,
        complex_case=payload.complex_case,
        public_interest=payload.public_interest,
        refused_to_sign=payload.refused_to_sign,
        certificates_shown=payload.certificates_shown,
    )
    return Status(201, _fresh(c))


@router.get("/penalty-cases", response=R, summary="行政处罚案件列表")
def list_cases(
    request: HttpRequest, status: str | None = None, procedure: str | None = None
) -> dict[str, Any]:
    rows = queries.cases(actor(request))
    if status:
        rows = rows.filter(status=status)
    if procedure:
        rows = rows.filter(procedure=procedure)
    return paginate(request, rows.order_by("-id"), case_summary)


@router.get("/penalty-cases/{case_id}", response=R, summary="行政处罚案件详情")
def get_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    return _fresh(queries.case(actor(request), case_id))


@router.get("/penalty-cases/{case_id}/compliance", response=R, summary="合规检查与下一步")
def compliance(request: HttpRequest, case_id: int) -> dict[str, Any]:
    c = queries.case(actor(request), case_id)
    out = queries.compliance(c)
    for step in out["next"]:
        step["due"] = _d(step["due"])
        if "earliest" in step:
            step["earliest"] = _d(step["earliest"])
    return out


def _visible(request: HttpRequest, case_id: int) -> tuple[Any, int]:
    me = actor(request)
    return me, queries.case(me, case_id).pk


@router.post("/penalty-cases/{case_id}/register", response=R, summary="立案")
def register(request: HttpRequest, case_id: int, payload: Empty) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(actions.register(pk, actor=me))


@router.post("/penalty-cases/{case_id}/evidence", response=R, summary="登记证据")
def evidence(request: HttpRequest, case_id: int, payload: EvidenceIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(
        actions.add_evidence(
            pk,
            actor=me,
            kind=payload.kind,
            description=payload.description,
            blob=payload.blob,
            collected_on=payload.collected_on,
            certificates_shown=payload.certificates_shown,
        )
    )


@router.post("/penalty-cases/{case_id}/conclude", response=R, summary="调查终结")
def conclude(request: HttpRequest, case_id: int, payload: ConcludeIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(
        actions.conclude(
            pk,
            actor=me,
            outcome=payload.outcome,
            proposal=payload.proposal.dict() if payload.proposal else None,
            report=payload.report,
        )
    )


@router.post("/penalty-cases/{case_id}/review", response=R, summary="法制审核")
def review(request: HttpRequest, case_id: int, payload: ReviewIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(actions.review(pk, actor=me, approved=payload.approved, opinion=payload.opinion))


@router.post("/penalty-cases/{case_id}/discuss", response=R, summary="集体讨论")
def discuss(request: HttpRequest, case_id: int, payload: DiscussIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(
        actions.discuss(
            pk,
            actor=me,
            participants=payload.participants,
            minutes=payload.minutes,
            conclusion=payload.conclusion,
        )
    )


@router.post("/penalty-cases/{case_id}/notify", response=R, summary="事先告知")
def notify(request: HttpRequest, case_id: int, payload: NotifyIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(actions.notify(pk, actor=me, served_on=payload.served_on))


@router.post("/penalty-cases/{case_id}/statement", response=R, summary="陈述申辩")
def statement(request: HttpRequest, case_id: int, payload: StatementIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(
        actions.statement(
            pk,
            actor=me,
            content=payload.content,
            accepted=payload.accepted,
            received_on=payload.received_on,
        )
    )


@router.post("/penalty-cases/{case_id}/waive", response=R, summary="书面放弃陈述申辩和听证")
def waive(request: HttpRequest, case_id: int, payload: Empty) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(actions.waive(pk, actor=me))


@router.post("/penalty-cases/{case_id}/request_hearing", response=R, summary="申请听证")
def request_hearing(
    request: HttpRequest, case_id: int, payload: HearingRequestIn
) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(actions.request_hearing(pk, actor=me, requested_on=payload.requested_on))


@router.post("/penalty-cases/{case_id}/hearing", response=R, summary="举行听证")
def hearing(request: HttpRequest, case_id: int, payload: HearingIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(
        actions.hold_hearing(
            pk,
            actor=me,
            held_on=payload.held_on,
            chair=payload.chair,
            record_text=payload.record,
            notified_on=payload.notified_on,
            public=payload.public,
        )
    )


@router.post("/penalty-cases/{case_id}/decide", response=R, summary="作出决定")
def decide(request: HttpRequest, case_id: int, payload: PenaltyDecideIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    body = payload.dict()
    transferred_to = body.pop("transferred_to", "")
    return _fresh(actions.decide(pk, actor=me, decision=body, transferred_to=transferred_to))


@router.post("/penalty-cases/{case_id}/serve", response=R, summary="送达")
def serve(request: HttpRequest, case_id: int, payload: ServeIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(
        actions.serve(
            pk,
            actor=me,
            served_on=payload.served_on,
            method=payload.method,
            consent=payload.consent,
            recipient=payload.recipient,
            late_reason=payload.late_reason,
            certificates_shown=payload.certificates_shown,
        )
    )


@router.post("/penalty-cases/{case_id}/pay", response=R, summary="缴纳罚款")
def pay(request: HttpRequest, case_id: int, payload: PayIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(
        actions.pay(
            pk,
            actor=me,
            amount=payload.amount,
            paid_on=payload.paid_on,
            channel=payload.channel,
            receipt_no=payload.receipt_no,
            impracticable=payload.impracticable,
        )
    )


@router.post("/penalty-cases/{case_id}/file", response=R, summary="当场处罚决定备案")
def file_onsite(request: HttpRequest, case_id: int, payload: PenaltyFileIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(actions.file_onsite(pk, actor=me, filed_on=payload.filed_on))


@router.post("/penalty-cases/{case_id}/recuse", response=R, summary="回避决定")
def recuse(request: HttpRequest, case_id: int, payload: RecuseIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(
        actions.recuse(
            pk,
            actor=me,
            officer=payload.officer,
            reason=payload.reason,
            granted=payload.granted,
            replacement=payload.replacement,
            requested_by_party=payload.requested_by_party,
        )
    )


@router.post("/penalty-cases/{case_id}/extend", response=R, summary="延长办案期限")
def extend(request: HttpRequest, case_id: int, payload: PenaltyExtendIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(actions.extend(pk, actor=me, until=payload.until, reason=payload.reason))


@router.post("/penalty-cases/{case_id}/close", response=R, summary="结案")
def close(request: HttpRequest, case_id: int, payload: Empty) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(actions.close(pk, actor=me))


@router.post("/penalty-cases/{case_id}/archive", response=R, summary="归档")
def archive(request: HttpRequest, case_id: int, payload: Empty) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(actions.archive(pk, actor=me))


@router.post("/penalty-cases/{case_id}/remedies", response=R, summary="登记行政复议或行政诉讼")
def record_remedy(request: HttpRequest, case_id: int, payload: RemedyIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    actions.record_remedy(
        pk,
        actor=me,
        kind=payload.kind,
        filed_on=payload.filed_on,
        body=payload.body,
        note=payload.note,
    )
    return _fresh(PenaltyCase.objects.get(pk=pk))


@router.post(
    "/penalty-cases/{case_id}/remedies/{remedy_id}/conclude", response=R, summary="登记复议诉讼结果"
)
def conclude_remedy(
    request: HttpRequest, case_id: int, remedy_id: int, payload: RemedyConcludeIn
) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    actions.conclude_remedy(
        pk,
        remedy_id=remedy_id,
        actor=me,
        concluded_on=payload.concluded_on,
        outcome=payload.outcome,
        head_appeared=payload.head_appeared,
        note=payload.note,
    )
    return _fresh(PenaltyCase.objects.get(pk=pk))


@router.post("/penalty-cases/{case_id}/arrangements", response=R, summary="登记暂缓或分期缴纳申请")
def apply_arrangement(request: HttpRequest, case_id: int, payload: ArrangementIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(
        actions.apply_arrangement(
            pk, actor=me, kind=payload.kind, applied_on=payload.applied_on, reason=payload.reason
        )
    )


@router.post(
    "/penalty-cases/{case_id}/arrangements/{arrangement_id}/decide",
    response=R,
    summary="审批暂缓或分期缴纳",
)
def decide_arrangement(
    request: HttpRequest, case_id: int, arrangement_id: int, payload: ArrangementDecideIn
) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(
        actions.decide_arrangement(
            pk,
            arrangement_id=arrangement_id,
            actor=me,
            approved=payload.approved,
            opinion=payload.opinion,
            due_on=payload.due_on,
            instalments=[i.dict() for i in payload.instalments],
        )
    )


@router.post("/penalty-cases/{case_id}/demand", response=R, summary="催告")
def demand(request: HttpRequest, case_id: int, payload: DemandIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(
        actions.demand(
            pk,
            actor=me,
            served_on=payload.served_on,
            method=payload.method,
            recipient=payload.recipient,
            note=payload.note,
        )
    )


@router.post("/penalty-cases/{case_id}/enforcement", response=R, summary="申请人民法院强制执行")
def apply_enforcement(request: HttpRequest, case_id: int, payload: EnforcementIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(
        actions.apply_enforcement(
            pk,
            actor=me,
            court=payload.court,
            applied_on=payload.applied_on,
            document_number=payload.document_number,
        )
    )


@router.post(
    "/penalty-cases/{case_id}/enforcement/outcome", response=R, summary="登记法院强制执行结果"
)
def enforcement_outcome(
    request: HttpRequest, case_id: int, payload: EnforcementOutcomeIn
) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(
        actions.enforcement_outcome(
            pk,
            actor=me,
            outcome=payload.outcome,
            outcome_on=payload.outcome_on,
            ruling_number=payload.ruling_number,
            note=payload.note,
        )
    )


@router.post(
    "/penalty-cases/{case_id}/preservations/approve", response=R, summary="批准先行登记保存"
)
def approve_preservation(
    request: HttpRequest, case_id: int, payload: PreservationApproveIn
) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    actions.approve_preservation(pk, actor=me, reason=payload.reason)
    return _fresh(PenaltyCase.objects.get(pk=pk))


@router.post("/penalty-cases/{case_id}/preservations", response=R, summary="先行登记保存物品")
def preserve(request: HttpRequest, case_id: int, payload: PreserveIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    actions.preserve(
        pk,
        actor=me,
        items=[i.dict() for i in payload.items],
        preserved_on=payload.preserved_on,
    )
    return _fresh(PenaltyCase.objects.get(pk=pk))


@router.post(
    "/penalty-cases/{case_id}/preservations/{preservation_id}/decide",
    response=R,
    summary="先行登记保存物品处理决定",
)
def decide_preservation(
    request: HttpRequest, case_id: int, preservation_id: int, payload: PreservationDecideIn
) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    actions.decide_preservation(
        pk,
        preservation_id=preservation_id,
        actor=me,
        handling=payload.handling,
        note=payload.note,
        late_reason=payload.late_reason,
    )
    return _fresh(PenaltyCase.objects.get(pk=pk))


@router.post("/penalty-cases/{case_id}/hand_in", response=R, summary="当场收缴罚款交至本机关")
def hand_in(request: HttpRequest, case_id: int, payload: HandInIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(
        actions.hand_in(
            pk,
            actor=me,
            handed_in_on=payload.handed_in_on,
            receiver=payload.receiver,
            late_reason=payload.late_reason,
        )
    )


@router.post("/penalty-cases/{case_id}/deposit", response=R, summary="当场收缴罚款缴付银行")
def deposit(request: HttpRequest, case_id: int, payload: DepositIn) -> dict[str, Any]:
    me, pk = _visible(request, case_id)
    return _fresh(
        actions.deposit(
            pk,
            actor=me,
            deposited_on=payload.deposited_on,
            bank_slip=payload.bank_slip,
            late_reason=payload.late_reason,
        )
    )


@router.get("/stats/penalties", response=R, summary="行政处罚统计")
def stats(
    request: HttpRequest, from_: dt.date | None = None, to: dt.date | None = None
) -> dict[str, Any]:
    return queries.stats(actor(request), from_ or _query_date(request, "from"), to)


def _query_date(request: HttpRequest, name: str) -> dt.date | None:
    raw = request.GET.get(name)
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        from chengguan.core.errors import Invalid

        raise Invalid("日期格式有误", details={name: "应为日期（YYYY-MM-DD）"}) from exc
