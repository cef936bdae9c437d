"""Read endpoints of the governance registers under /api/v1/governance/….

This router is mounted inside the reports router (chengguan.reports.api), which the API already
mounts at prefix "".
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.api.pagination import paginate
from chengguan.org.permissions import require

from . import (
    actions,  # noqa: F401  (registers the permissions)
    queries,
)
from .models import LawPost, MajorDecision, NormativeDocument, StudyMeeting, TrainingSession

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
