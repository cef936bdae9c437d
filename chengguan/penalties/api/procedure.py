"""Penalty procedure endpoints: register, investigate, notify and hear, decide, serve, close."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Schema  # --- helper:permits2 ---
from pydantic import Field  # --- helper:permits2 ---

from chengguan.penalties import actions
from chengguan.penalties.api.routing import R, router, visible
from chengguan.penalties.api.schemas import (
    ChallengeChairIn,
    ConcludeIn,
    DiscussIn,
    Empty,
    EvidenceIn,
    HearingIn,
    HearingRequestIn,
    NameChairIn,
    NotifyIn,
    PayIn,
    PenaltyDecideIn,
    PenaltyExtendIn,
    PenaltyFileIn,
    RecuseIn,
    RegisterIn,  # helper:forms
    ReviewIn,
    ServeIn,
    StatementIn,
    WaiveIn,
)
from chengguan.penalties.api.serialisers import fresh


@router.post("/penalty-cases/{case_id}/register", response=R, summary="立案")
def register(request: HttpRequest, case_id: int, payload: RegisterIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(actions.register(pk, actor=me, opinion=payload.opinion))


@router.post("/penalty-cases/{case_id}/evidence", response=R, summary="登记证据")
def evidence(request: HttpRequest, case_id: int, payload: EvidenceIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
        actions.add_evidence(
            pk,
            actor=me,
            kind=payload.kind,
            description=payload.description,
            blob=payload.blob,
            collected_on=payload.collected_on,
            certificates_shown=payload.certificates_shown,
            backdate_reason=payload.backdate_reason,
            backdate_approved_by=payload.backdate_approved_by,
        )
    )


@router.post("/penalty-cases/{case_id}/conclude", response=R, summary="调查终结")
def conclude(request: HttpRequest, case_id: int, payload: ConcludeIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
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
    me, pk = visible(request, case_id)
    return fresh(actions.review(pk, actor=me, approved=payload.approved, opinion=payload.opinion))


@router.post("/penalty-cases/{case_id}/discuss", response=R, summary="集体讨论")
def discuss(request: HttpRequest, case_id: int, payload: DiscussIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
        actions.discuss(
            pk,
            actor=me,
            participants=payload.participants,
            minutes=payload.minutes,
            conclusion=payload.conclusion,
            approves_extension=payload.approves_extension,
            about_level=payload.about_level,
            about_fine=payload.about_fine,
            approves_deviation=payload.approves_deviation,
        )
    )


@router.post("/penalty-cases/{case_id}/notify", response=R, summary="事先告知")
def notify(request: HttpRequest, case_id: int, payload: NotifyIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(actions.notify(pk, actor=me, served_on=payload.served_on))


@router.post("/penalty-cases/{case_id}/statement", response=R, summary="陈述申辩")
def statement(request: HttpRequest, case_id: int, payload: StatementIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
        actions.statement(
            pk,
            actor=me,
            content=payload.content,
            accepted=payload.accepted,
            received_on=payload.received_on,
            review_opinion=payload.review_opinion,
        )
    )


@router.post("/penalty-cases/{case_id}/waive", response=R, summary="书面放弃陈述申辩和听证")
def waive(request: HttpRequest, case_id: int, payload: WaiveIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
        actions.waive(
            pk,
            actor=me,
            record=payload.record,
            blob=payload.blob,
            witnessed_by=payload.witnessed_by,
        )
    )


@router.post("/penalty-cases/{case_id}/request_hearing", response=R, summary="申请听证")
def request_hearing(
    request: HttpRequest, case_id: int, payload: HearingRequestIn
) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(actions.request_hearing(pk, actor=me, requested_on=payload.requested_on))


@router.post("/penalty-cases/{case_id}/hearing", response=R, summary="举行听证")
def hearing(request: HttpRequest, case_id: int, payload: HearingIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
        actions.hold_hearing(
            pk,
            actor=me,
            held_on=payload.held_on,
            chair=payload.chair,
            record_text=payload.record,
            notified_on=payload.notified_on,
            public=payload.public,
            transcript_signed=payload.transcript_signed,
            unsigned_note=payload.unsigned_note,
        )
    )


# --- helper:hearing2 ---
@router.post("/penalty-cases/{case_id}/name_chair", response=R, summary="指定听证主持人")
def name_chair(request: HttpRequest, case_id: int, payload: NameChairIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(actions.name_chair(pk, actor=me, chair=payload.chair))


@router.post(
    "/penalty-cases/{case_id}/challenge_chair", response=R, summary="听证主持人回避申请的决定"
)
def challenge_chair(
    request: HttpRequest, case_id: int, payload: ChallengeChairIn
) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
        actions.challenge_chair(pk, actor=me, reason=payload.reason, upheld=payload.upheld)
    )


# --- /helper:hearing2 ---


@router.post("/penalty-cases/{case_id}/decide", response=R, summary="作出决定")
def decide(request: HttpRequest, case_id: int, payload: PenaltyDecideIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    body = payload.dict()
    transferred_to = body.pop("transferred_to", "")
    return fresh(actions.decide(pk, actor=me, decision=body, transferred_to=transferred_to))


@router.post("/penalty-cases/{case_id}/serve", response=R, summary="送达")
def serve(request: HttpRequest, case_id: int, payload: ServeIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
        actions.serve(
            pk,
            actor=me,
            served_on=payload.served_on,
            method=payload.method,
            consent=payload.consent,
            recipient=payload.recipient,
            late_reason=payload.late_reason,
            certificates_shown=payload.certificates_shown,
            witnesses=payload.witnesses,
            photo_blob=payload.photo_blob,
            receipt_signed_on=payload.receipt_signed_on,
            attempts=payload.attempts,
            backdate_reason=payload.backdate_reason,
            backdate_approved_by=payload.backdate_approved_by,
        )
    )


@router.post("/penalty-cases/{case_id}/pay", response=R, summary="缴纳罚款")
def pay(request: HttpRequest, case_id: int, payload: PayIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
        actions.pay(
            pk,
            actor=me,
            amount=payload.amount,
            paid_on=payload.paid_on,
            channel=payload.channel,
            receipt_no=payload.receipt_no,
            impracticable=payload.impracticable,
            voucher_no=payload.voucher_no,
            backdate_reason=payload.backdate_reason,
            backdate_approved_by=payload.backdate_approved_by,
            remote_request=payload.remote_request,  # helper:due3
        )
    )


@router.post("/penalty-cases/{case_id}/file", response=R, summary="当场处罚决定备案")
def file_onsite(request: HttpRequest, case_id: int, payload: PenaltyFileIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(actions.file_onsite(pk, actor=me, filed_on=payload.filed_on))


@router.post("/penalty-cases/{case_id}/recuse", response=R, summary="回避决定")
def recuse(request: HttpRequest, case_id: int, payload: RecuseIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
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
    me, pk = visible(request, case_id)
    return fresh(actions.extend(pk, actor=me, until=payload.until, reason=payload.reason))


@router.post("/penalty-cases/{case_id}/close", response=R, summary="结案")
def close(request: HttpRequest, case_id: int, payload: Empty) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(actions.close(pk, actor=me))


@router.post("/penalty-cases/{case_id}/archive", response=R, summary="归档")
def archive(request: HttpRequest, case_id: int, payload: Empty) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(actions.archive(pk, actor=me))


# --- helper:permits2 ---
class PenaltyPermitLinkIn(Schema):
    permit: str = Field("", max_length=40)
    unlicensed_kind: str = Field("", max_length=40)
    note: str = Field("", max_length=300)


@router.post("/penalty-cases/{case_id}/permit-link", response=R, summary="登记涉及的许可（或无证）")
def permit_link(request: HttpRequest, case_id: int, payload: PenaltyPermitLinkIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
        actions.link_permit(
            pk,
            actor=me,
            permit=payload.permit,
            unlicensed_kind=payload.unlicensed_kind,
            note=payload.note,
        )
    )


# --- /helper:permits2 ---
