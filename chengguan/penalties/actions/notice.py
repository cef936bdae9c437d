"""事先告知 and the party's rights: statement (陈述申辩), waiver, hearing request and hearing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from chengguan.core import clock
from chengguan.core.errors import Invalid, StateError, enforce
from chengguan.ledger.actions import record
from chengguan.ledger.actions import record as record_entry
from chengguan.ledger.models import Blob
from chengguan.org.models import Staff
from chengguan.penalties import checks, periods
from chengguan.penalties.actions import _dates
from chengguan.penalties.actions._common import (
    OUT,
    _lock,
    _not_future,
    _notice,
    _on_case,
    _recused_ids,
    _state,
    _thresholds,
)
from chengguan.penalties.models import (
    Evidence,
    Hearing,
    Notice,
    PenaltyCase,
    Statement,
)
from chengguan.penalties.states import Status
from chengguan.penalties.transitions import transition


def notify(case_id: int, *, actor: Staff, served_on: dt.date) -> PenaltyCase:
    """事先告知 (XF-44); the hearing right (XF-63) is told in the same notice where it applies."""
    _not_future(served_on, "served_on", "送达日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _state(case, "notify")
        if case.outcome != OUT.PENALTY or not case.proposal:
            raise StateError("调查结论为不予处罚或移送的，无需事先告知")
        # TM-1 (helper:execution): the notice follows the end of the investigation.
        _dates.after(
            served_on,
            case.concluded_on,
            field="served_on",
            label="告知日期",
            earlier_label="调查终结日期",
        )
        proposal = checks.decision_from_json(case.proposal)
        right = checks.hearing_right(case.party.kind, proposal, _thresholds())
        notice = Notice.objects.create(
            case=case,
            proposal=case.proposal,
            hearing_right=right,
            served_on=served_on,
            statement_by=periods.statement_by(served_on),
            hearing_request_by=periods.hearing_request_by(served_on) if right else None,
            served_by=actor,
        )
        transition(
            case,
            to=Status.NOTIFIED,
            actor=actor,
            action="penalty.notify",
            update_fields=[],
            payload={
                "notice": notice.pk,
                "served_on": served_on.isoformat(),
                "hearing_right": right,
                "statement_by": notice.statement_by.isoformat(),
                "proposal": case.proposal,
            },
        )
    return case


def statement(
    case_id: int,
    *,
    actor: Staff,
    content: str,
    accepted: bool,
    received_on: dt.date | None = None,
    review_opinion: str = "",
) -> PenaltyCase:
    if not content.strip():
        raise Invalid("陈述申辩内容必填", details={"content": "必填"})
    on = received_on or clock.today()
    _not_future(on, "received_on", "收到日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _state(case, "statement")
        # TM-1 (helper:execution): a statement answers the notice, so it cannot precede it.
        told = _notice(case)
        _dates.after(
            on,
            told.served_on if told is not None else None,
            field="received_on",
            label="陈述申辩收到日期",
            earlier_label="告知日期",
        )
        # helper:forms: XF-45, a statement not adopted is answered with reasons.
        enforce(checks.statement_review(accepted=accepted, opinion=review_opinion))
        st = Statement.objects.create(
            case=case,
            content=content.strip(),
            accepted=accepted,
            received_on=on,
            recorded_by=actor,
            review_opinion=review_opinion.strip(),
        )
        record(
            actor,
            "penalty.statement",
            case,
            {
                "statement": st.pk,
                "content": st.content,
                "accepted": accepted,
                "review_opinion": st.review_opinion,
            },
        )
    return case


def waive(
    case_id: int,
    *,
    actor: Staff,
    record: str = "",
    blob: str | None = None,
    witnessed_by: Sequence[str] = (),
) -> PenaltyCase:
    """XF-62: the party's written waiver of the statement and the hearing (decision 064)."""
    with transaction.atomic():
        case = _lock(case_id)
        officers = _on_case(actor, case)
        _state(case, "waive")
        blob_obj = None
        if blob:
            blob_obj = Blob.objects.filter(pk=blob, bureau_id=case.bureau_id).first()
            if blob_obj is None:
                raise Invalid("未找到放弃书文件", details={"blob": "未找到该文件"})
        elsewhere = blob_obj is not None and (
            Evidence.objects.filter(blob=blob_obj).exclude(case=case).exists()
            or Statement.objects.filter(waiver_blob=blob_obj).exclude(case=case).exists()
        )
        witnesses = [str(w).strip() for w in witnessed_by or () if str(w).strip()]
        enforce(
            checks.waiver(
                record=record,
                has_blob=blob_obj is not None,
                blob_used_elsewhere=elsewhere,
                witnesses=witnesses,
                officers=officers,
            )
        )
        st = Statement.objects.create(
            case=case,
            waiver=True,
            received_on=clock.today(),
            recorded_by=actor,
            content=record.strip(),
            waiver_blob=blob_obj,
            witnessed_by=[] if blob_obj is not None else witnesses,
        )
        record_entry(
            actor,
            "penalty.waive",
            case,
            {
                "statement": st.pk,
                "record": st.content,
                "blob": blob_obj.pk if blob_obj is not None else None,
                "witnessed_by": st.witnessed_by,
            },
        )
    return case


def request_hearing(case_id: int, *, actor: Staff, requested_on: dt.date) -> PenaltyCase:
    _not_future(requested_on, "requested_on", "申请日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _state(case, "request_hearing")
        notice = _notice(case)
        assert notice is not None  # status notified implies a notice
        # TM-1 (helper:execution).
        _dates.after(
            requested_on,
            notice.served_on,
            field="requested_on",
            label="听证申请日期",
            earlier_label="告知日期",
        )
        enforce(
            checks.hearing_request(notice.hearing_right, notice.hearing_request_by, requested_on)
        )
        h = Hearing.objects.create(case=case, requested_on=requested_on)
        transition(
            case,
            to=Status.HEARING_REQUESTED,
            actor=actor,
            action="penalty.request_hearing",
            update_fields=[],
            payload={"hearing": h.pk, "requested_on": requested_on.isoformat()},
        )
    return case


def hold_hearing(
    case_id: int,
    *,
    actor: Staff,
    held_on: dt.date,
    record_text: str,
    chair: str = "",
    notified_on: dt.date | None = None,
    public: bool = True,
    transcript_signed: bool = False,
    unsigned_note: str = "",
) -> PenaltyCase:
    """XF-64: the hearing, chaired by the one the head named (``name_chair``), notified seven
    working days before, its transcript signed by the party or the refusal noted."""
    if not record_text.strip():
        raise Invalid("听证笔录必填", details={"record": "必填"})
    _not_future(held_on, "held_on", "听证日期")
    with transaction.atomic():
        case = _lock(case_id)
        officers = _on_case(actor, case)
        _state(case, "hearing")
        h = case.hearings.select_related("chair").order_by("-id").first()
        assert h is not None
        told = notified_on or h.requested_on
        if told < h.requested_on or told > held_on:
            raise Invalid("听证通知日期有误", details={"notified_on": "应在申请之后、举行之前"})
        named = h.chair if h.chair_named_by_id else None
        enforce(
            checks.recused(_recused_ids(case), [named] if named else [])
            + checks.hearing_held(
                named=named,
                given=str(chair or "").strip(),
                officers=officers,
                notified_on=told,
                held_on=held_on,
                transcript_signed=transcript_signed,
                unsigned_note=unsigned_note,
            )
        )
        assert named is not None
        h.notified_on, h.held_on, h.record, h.public = told, held_on, record_text.strip(), public
        h.transcript_signed, h.unsigned_note = transcript_signed, unsigned_note.strip()
        h.save(
            update_fields=[
                "notified_on",
                "held_on",
                "record",
                "public",
                "transcript_signed",
                "unsigned_note",
            ]
        )
        transition(
            case,
            to=Status.HEARD,
            actor=actor,
            action="penalty.hearing",
            update_fields=[],
            payload={
                "hearing": h.pk,
                "held_on": held_on.isoformat(),
                "chair": named.username,
                "notified_on": told.isoformat(),
                "transcript_signed": transcript_signed,
                "unsigned_note": h.unsigned_note or None,
            },
        )
    return case
