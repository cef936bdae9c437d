"""Endpoints of the governance registers under /api/v1/governance/…: lists, one row, and the
writes, each of which calls one action of ``actions.py``.

This router is mounted inside the reports router (chengguan.reports.api), which the API already
mounts at prefix "".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.api.pagination import paginate
from chengguan.core.errors import Invalid
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require

from . import actions, queries
from .models import (
    LawPost,
    MajorDecision,
    NormativeDocument,
    StudyMeeting,
    TrainingParticipant,
    TrainingSession,
)

# Bounded so that an absurd year is a 400 naming the field, not a database error.
YEAR = Query(None, ge=1949, le=2100, description="年度")

router = Router(tags=["法治政府建设台账"])


def document_out(d: NormativeDocument) -> dict[str, Any]:
    return {
        "id": d.pk,
        "title": d.title,
        "doc_number": d.doc_number,
        "status": d.status,
        "status_label": d.get_status_display(),
        "drafted_on": d.drafted_on,
        "legality_reviewed_on": d.legality_reviewed_on,
        "legality_opinion": d.legality_opinion,
        "issued_on": d.issued_on,
        "filed_on": d.filed_on,
        "filed_with": d.filed_with,
        "cleanup": d.cleanup,
        "cleanup_on": d.cleanup_on,
        "cleanup_note": d.cleanup_note,
    }


def decision_out(d: MajorDecision) -> dict[str, Any]:
    return {
        "id": d.pk,
        "year": d.year,
        "title": d.title,
        "basis": d.basis,
        "status": d.status,
        "public_participation": d.public_participation,
        "expert_argument": d.expert_argument,
        "risk_assessment": d.risk_assessment,
        "legality_review": d.legality_review,
        "collective_decision": d.collective_decision,
        "decided_on": d.decided_on,
    }


def training_out(s: TrainingSession) -> dict[str, Any]:
    people = list(s.participants.all())
    scores = [p.score for p in people if p.score is not None]
    return {
        "id": s.pk,
        "kind": s.kind,
        "kind_label": s.get_kind_display(),
        "title": s.title,
        "held_on": s.held_on,
        "location": s.location,
        "participants": len(people),
        "pass_mark": s.pass_mark,
        "average_score": (sum(scores) / len(scores)) if scores else None,
        "passed": (sum(1 for x in scores if x >= s.pass_mark) if s.pass_mark is not None else None),
        "target_unit": s.target_unit.code if s.target_unit_id and s.target_unit else None,
    }


def participant_out(p: TrainingParticipant) -> dict[str, Any]:
    return {
        "name": p.name,
        "staff": p.staff.username if p.staff_id and p.staff else None,
        "unit_name": p.unit_name,
        "score": p.score,
    }


def post_out(p: LawPost) -> dict[str, Any]:
    return {
        "id": p.pk,
        "channel": p.channel,
        "channel_label": p.get_channel_display(),
        "title": p.title,
        "published_on": p.published_on,
        "count": p.count,
        "audience": p.audience,
    }


def meeting_out(m: StudyMeeting) -> dict[str, Any]:
    return {
        "id": m.pk,
        "kind": m.kind,
        "kind_label": m.get_kind_display(),
        "topic": m.topic,
        "held_on": m.held_on,
        "chair": m.chair,
        "attendees": m.attendees,
    }


@router.get("/governance/documents", response={200: dict, **ERRORS}, summary="规范性文件")
def list_documents(request: HttpRequest) -> dict[str, Any]:
    me = actor(request)
    require(me, "governance.view")
    return paginate(request, queries.documents(me), document_out)


@router.get("/governance/decisions", response={200: dict, **ERRORS}, summary="重大行政决策目录")
def list_decisions(request: HttpRequest, year: int | None = YEAR) -> dict[str, Any]:
    me = actor(request)
    require(me, "governance.view")
    return paginate(request, queries.decisions(me, year), decision_out)


@router.get("/governance/trainings", response={200: dict, **ERRORS}, summary="培训与考试")
def list_trainings(request: HttpRequest, year: int | None = YEAR) -> dict[str, Any]:
    me = actor(request)
    require(me, "governance.view")
    return paginate(request, queries.trainings(me, year), training_out)


@router.get("/governance/posts", response={200: dict, **ERRORS}, summary="普法宣传")
def list_posts(request: HttpRequest, year: int | None = YEAR) -> dict[str, Any]:
    me = actor(request)
    require(me, "governance.view")
    return paginate(request, queries.posts(me, year), post_out)


@router.get("/governance/meetings", response={200: dict, **ERRORS}, summary="学法与法治会议")
def list_meetings(request: HttpRequest, year: int | None = YEAR) -> dict[str, Any]:
    me = actor(request)
    require(me, "governance.view")
    return paginate(request, queries.meetings(me, year), meeting_out)


# Writes. Bounds on the schemas match the columns, so too long or too large a value is a 400
# naming the field, never a database error; the actions check the rest (blank text, states).


def _title() -> Any:
    # A fresh FieldInfo per use: pydantic completes it in place for the model that owns it.
    return Field(min_length=1, max_length=200)


class DocumentIn(Schema):
    title: str = _title()
    drafted_on: dt.date


class DocumentReviewIn(Schema):
    reviewed_on: dt.date
    opinion: str = Field(min_length=1, max_length=5000)


class DocumentIssueIn(Schema):
    issued_on: dt.date
    doc_number: str = Field(min_length=1, max_length=60)


class DocumentFileIn(Schema):
    filed_on: dt.date
    filed_with: str = Field(min_length=1, max_length=100)


class DocumentCleanupIn(Schema):
    result: Literal["kept", "amended", "repealed", "expired"]
    on: dt.date
    note: str = Field("", max_length=200)


class DecisionIn(Schema):
    year: int = Field(ge=1949, le=2100)
    title: str = _title()
    basis: str = Field("", max_length=200)


class DecideIn(Schema):
    decided_on: dt.date
    steps: list[
        Literal[
            "public_participation",
            "expert_argument",
            "risk_assessment",
            "legality_review",
            "collective_decision",
        ]
    ] = Field(max_length=5)


class WithdrawIn(Schema):
    withdrawn_on: dt.date
    reason: str = Field(min_length=1, max_length=1000)


class ParticipantIn(Schema):
    staff: str | None = Field(None, max_length=150, description="本局人员的用户名")
    name: str = Field("", max_length=40)
    unit_name: str = Field("", max_length=100)
    score: Decimal | None = Field(None, ge=0, le=100)


class TrainingIn(Schema):
    kind: Literal["annual_study", "practice", "documents", "guidance", "town_training", "exam"]
    title: str = _title()
    held_on: dt.date
    location: str = Field("", max_length=100)
    target_unit: str | None = Field(None, max_length=50, description="对象单位代码")
    pass_mark: Decimal | None = Field(None, ge=0, le=100)
    participants: list[ParticipantIn] = Field([], max_length=2000)


Channel = Literal["wechat", "douyin", "website", "onsite", "campaign"]
MeetingKind = Literal["party_group_study", "leaders_study", "rule_of_law_meeting", "report_on_law"]
# PositiveIntegerField holds up to 2^31-1 on every database; the bounds below stay under it.


class PostIn(Schema):
    channel: Channel
    title: str = _title()
    published_on: dt.date
    count: int = Field(1, ge=1, le=1_000_000)
    audience: int = Field(0, ge=0, le=2_000_000_000)


class PostUpdateIn(Schema):
    channel: Channel | None = None
    title: str | None = Field(None, min_length=1, max_length=200)
    published_on: dt.date | None = None
    count: int | None = Field(None, ge=1, le=1_000_000)
    audience: int | None = Field(None, ge=0, le=2_000_000_000)


class MeetingIn(Schema):
    kind: MeetingKind
    topic: str = _title()
    held_on: dt.date
    chair: str = Field("", max_length=40)
    attendees: int = Field(0, ge=0, le=100_000)
    minutes: str = Field("", max_length=20_000)


class MeetingUpdateIn(Schema):
    kind: MeetingKind | None = None
    topic: str | None = Field(None, min_length=1, max_length=200)
    held_on: dt.date | None = None
    chair: str | None = Field(None, max_length=40)
    attendees: int | None = Field(None, ge=0, le=100_000)
    minutes: str | None = Field(None, max_length=20_000)


def _given(payload: Schema) -> dict[str, Any]:
    """The fields the client sent; a JSON null means "leave as is", as does leaving it out."""
    return {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}


def _unit(me: Staff, code: str | None) -> OrgUnit | None:
    if not code:
        return None
    # An unknown code is bad input here (400 naming the field), not a missing resource.
    unit = queries.unit(me, code)
    if unit is None:
        raise Invalid("对象单位不存在", details={"target_unit": f"本局没有代码为 {code} 的单位"})
    return unit


def _participants(me: Staff, people: list[ParticipantIn]) -> list[dict[str, Any]]:
    names = {p.staff for p in people if p.staff}
    found = queries.staff_by_username(me, names)
    missing = sorted(names - set(found))
    if missing:
        raise Invalid(
            "参训人员不存在", details={"participants": "本局没有这些人员：" + "、".join(missing)}
        )
    return [
        {
            "staff": found[p.staff] if p.staff else None,
            "name": p.name.strip(),
            "unit_name": p.unit_name.strip(),
            "score": p.score,
        }
        for p in people
    ]


def _view(request: HttpRequest) -> Staff:
    me = actor(request)
    require(me, "governance.view")
    return me


# 规范性文件


@router.post(
    "/governance/documents", response={201: dict, **ERRORS}, summary="登记规范性文件（起草）"
)
def create_document(request: HttpRequest, payload: DocumentIn) -> Status[dict[str, Any]]:
    doc = actions.register_normative_document(
        actor=actor(request), title=payload.title, drafted_on=payload.drafted_on
    )
    return Status(201, document_out(doc))


@router.get("/governance/documents/{pk}", response={200: dict, **ERRORS}, summary="规范性文件详情")
def get_document(request: HttpRequest, pk: int) -> dict[str, Any]:
    me = _view(request)
    return document_out(queries.document(me, pk))


@router.post(
    "/governance/documents/{pk}/review", response={200: dict, **ERRORS}, summary="合法性审核"
)
def review_document(request: HttpRequest, pk: int, payload: DocumentReviewIn) -> dict[str, Any]:
    doc = actions.review_normative_document(
        actor=actor(request),
        document_id=pk,
        reviewed_on=payload.reviewed_on,
        opinion=payload.opinion,
    )
    return document_out(doc)


@router.post("/governance/documents/{pk}/issue", response={200: dict, **ERRORS}, summary="印发")
def issue_document(request: HttpRequest, pk: int, payload: DocumentIssueIn) -> dict[str, Any]:
    doc = actions.issue_normative_document(
        actor=actor(request),
        document_id=pk,
        issued_on=payload.issued_on,
        doc_number=payload.doc_number,
    )
    return document_out(doc)


@router.post("/governance/documents/{pk}/file", response={200: dict, **ERRORS}, summary="备案")
def file_document(request: HttpRequest, pk: int, payload: DocumentFileIn) -> dict[str, Any]:
    doc = actions.file_normative_document(
        actor=actor(request),
        document_id=pk,
        filed_on=payload.filed_on,
        filed_with=payload.filed_with,
    )
    return document_out(doc)


@router.post("/governance/documents/{pk}/cleanup", response={200: dict, **ERRORS}, summary="清理")
def clean_up_document(request: HttpRequest, pk: int, payload: DocumentCleanupIn) -> dict[str, Any]:
    doc = actions.clean_up_normative_document(
        actor=actor(request),
        document_id=pk,
        result=payload.result,
        on=payload.on,
        note=payload.note,
    )
    return document_out(doc)


# 重大行政决策目录


@router.post(
    "/governance/decisions", response={201: dict, **ERRORS}, summary="列入重大行政决策目录"
)
def create_decision(request: HttpRequest, payload: DecisionIn) -> Status[dict[str, Any]]:
    row = actions.add_major_decision(
        actor=actor(request), year=payload.year, title=payload.title, basis=payload.basis
    )
    return Status(201, decision_out(row))


@router.get(
    "/governance/decisions/{pk}", response={200: dict, **ERRORS}, summary="重大行政决策事项"
)
def get_decision(request: HttpRequest, pk: int) -> dict[str, Any]:
    me = _view(request)
    return decision_out(queries.decision(me, pk))


@router.post(
    "/governance/decisions/{pk}/decide", response={200: dict, **ERRORS}, summary="作出决策"
)
def decide(request: HttpRequest, pk: int, payload: DecideIn) -> dict[str, Any]:
    row = actions.decide_major_decision(
        actor=actor(request), decision_id=pk, decided_on=payload.decided_on, steps=payload.steps
    )
    return decision_out(row)


@router.post(
    "/governance/decisions/{pk}/withdraw", response={200: dict, **ERRORS}, summary="调出目录"
)
def withdraw(request: HttpRequest, pk: int, payload: WithdrawIn) -> dict[str, Any]:
    row = actions.withdraw_major_decision(
        actor=actor(request),
        decision_id=pk,
        withdrawn_on=payload.withdrawn_on,
        reason=payload.reason,
    )
    return decision_out(row)


# 培训与考试


@router.post("/governance/trainings", response={201: dict, **ERRORS}, summary="登记培训或考试")
def create_training(request: HttpRequest, payload: TrainingIn) -> Status[dict[str, Any]]:
    me = actor(request)
    # Permission first, so a role without it learns nothing about units and staff names.
    require(me, "governance.manage")
    session = actions.record_training(
        actor=me,
        kind=payload.kind,
        title=payload.title,
        held_on=payload.held_on,
        location=payload.location.strip(),
        target_unit=_unit(me, payload.target_unit),
        pass_mark=payload.pass_mark,
        participants=_participants(me, payload.participants),
    )
    return Status(201, training_detail(queries.training(me, session.pk)))


def training_detail(session: TrainingSession) -> dict[str, Any]:
    people = session.participants.select_related("staff").order_by("id")
    return {**training_out(session), "people": [participant_out(p) for p in people]}


@router.get("/governance/trainings/{pk}", response={200: dict, **ERRORS}, summary="培训或考试详情")
def get_training(request: HttpRequest, pk: int) -> dict[str, Any]:
    return training_detail(queries.training(_view(request), pk))


# 普法宣传


@router.post("/governance/posts", response={201: dict, **ERRORS}, summary="登记普法宣传")
def create_post(request: HttpRequest, payload: PostIn) -> Status[dict[str, Any]]:
    post = actions.record_post(
        actor=actor(request),
        channel=payload.channel,
        title=payload.title,
        published_on=payload.published_on,
        count=payload.count,
        audience=payload.audience,
    )
    return Status(201, post_out(post))


@router.get("/governance/posts/{pk}", response={200: dict, **ERRORS}, summary="普法宣传记录")
def get_post(request: HttpRequest, pk: int) -> dict[str, Any]:
    me = _view(request)
    return post_out(queries.post(me, pk))


@router.post(
    "/governance/posts/{pk}/update", response={200: dict, **ERRORS}, summary="更正普法宣传记录"
)
def update_post(request: HttpRequest, pk: int, payload: PostUpdateIn) -> dict[str, Any]:
    post = actions.update_post(actor=actor(request), post_id=pk, **_given(payload))
    return post_out(post)


# 学法与法治会议


@router.post("/governance/meetings", response={201: dict, **ERRORS}, summary="登记学法或会议")
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Status[dict[str, Any]]:
    meeting = actions.record_meeting(
        actor=actor(request),
        kind=payload.kind,
        topic=payload.topic,
        held_on=payload.held_on,
        chair=payload.chair,
        attendees=payload.attendees,
        minutes=payload.minutes,
    )
    return Status(201, meeting_out(meeting))


@router.get("/governance/meetings/{pk}", response={200: dict, **ERRORS}, summary="学法或会议记录")
def get_meeting(request: HttpRequest, pk: int) -> dict[str, Any]:
    meeting = queries.meeting(_view(request), pk)
    return {**meeting_out(meeting), "minutes": meeting.minutes}


@router.post(
    "/governance/meetings/{pk}/update", response={200: dict, **ERRORS}, summary="更正学法或会议记录"
)
def update_meeting(request: HttpRequest, pk: int, payload: MeetingUpdateIn) -> dict[str, Any]:
    meeting = actions.update_meeting(actor=actor(request), meeting_id=pk, **_given(payload))
    return meeting_out(meeting)
