"""Supervision endpoints under /api/v1/oversight/…."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.api.pagination import paginate
from chengguan.core import clock
from chengguan.core.pii import mask_name, mask_phone
from chengguan.org import queries as org_queries
from chengguan.org.permissions import require

from . import actions, checks, queries
from .models import CaseFileReview, Complaint, Finding, Inspection, RectificationTask

router = Router(tags=["执法监督"])


def inspection_out(i: Inspection) -> dict[str, Any]:
    return {
        "id": i.pk,
        "kind": i.kind,
        "kind_label": i.get_kind_display(),
        "organiser": i.organiser,
        "title": i.title,
        "started_on": i.started_on,
        "ended_on": i.ended_on,
        "status": i.status,
        "result": i.result,
        "ranking": i.ranking,
    }


def task_out(t: RectificationTask) -> dict[str, Any]:
    return {
        "id": t.pk,
        "unit": t.unit.code,
        "measure": t.measure,
        "due_on": t.due_on,
        "status": t.status,
        "closed_on": t.closed_on,
        "closed_on_time": t.closed_on_time,
        "overdue": t.status == "open" and t.due_on < clock.today(),
    }


def finding_out(f: Finding) -> dict[str, Any]:
    return {
        "id": f.pk,
        "inspection": f.inspection_id,
        "description": f.description,
        "rule": f.rule,
        "case": f.penalty_case_id,
        "found_on": f.found_on,
        "status": f.status,
        "rectified_on": f.rectified_on,
        "tasks": [task_out(t) for t in f.tasks.all()],
    }


def review_out(r: CaseFileReview) -> dict[str, Any]:
    return {
        "id": r.pk,
        "case": r.penalty_case_id,
        "inspection": r.inspection_id,
        "prereview": r.prereview,
        "vetoes": r.vetoes,
        "deductions": r.deductions,
        "form_score": r.form_score,
        "content_score": r.content_score,
        "total": r.total,
        "grade": r.grade,
        "status": r.status,
        "started_on": r.started_on,
        "finalised_on": r.finalised_on,
    }


def complaint_out(c: Complaint) -> dict[str, Any]:
    # PI-1: supervisors see the complainant masked; the clear value is not needed for the list.
    return {
        "id": c.pk,
        "received_on": c.received_on,
        "channel": c.channel,
        "complainant": mask_name(c.complainant),
        "phone": mask_phone(c.phone),
        "content": c.content,
        "against_unit": c.against_unit.code if c.against_unit else None,
        "case": c.penalty_case_id,
        "due_on": c.due_on,
        "status": c.status,
        "substantiated": c.substantiated,
        "result": c.result,
        "closed_on": c.closed_on,
    }


class InspectionIn(Schema):
    kind: Literal[
        "special_check", "supervision", "file_review", "evaluation", "guidance", "campaign"
    ]
    organiser: Literal["city", "county", "self"]
    title: str = Field(min_length=1, max_length=200)
    started_on: dt.date
    scope: str = ""
    target_unit: str | None = None


class CloseInspectionIn(Schema):
    ended_on: dt.date
    result: str = Field(min_length=1)
    ranking: str = ""


class FindingIn(Schema):
    description: str = Field(min_length=1)
    found_on: dt.date
    rule: str = ""
    case: int | None = None


class RectifyIn(Schema):
    unit: str
    measure: str = Field(min_length=1)
    due_on: dt.date


class CloseTaskIn(Schema):
    closed_on: dt.date
    note: str = Field(min_length=1)


class FileReviewIn(Schema):
    case: int
    inspection: int | None = None


class Deduction(Schema):
    part: Literal["form", "content"]
    item: str = Field(min_length=1)
    points: float = Field(gt=0)


class FinaliseIn(Schema):
    vetoes: list[str] = []
    deductions: list[Deduction] = []


class ComplaintIn(Schema):
    received_on: dt.date
    channel: Literal["phone", "letter", "visit", "online", "referred"]
    content: str = Field(min_length=1)
    complainant: str = ""
    phone: str = ""
    against_unit: str | None = None
    case: int | None = None


class CloseComplaintIn(Schema):
    closed_on: dt.date
    substantiated: bool
    result: str = Field(min_length=1)


@router.get("/oversight/inspections", response={200: dict, **ERRORS}, summary="监督检查列表")
def list_inspections(request: HttpRequest) -> dict[str, Any]:
    me = actor(request)
    require(me, "oversight.view")
    return paginate(request, queries.inspections(me), inspection_out)


@router.post("/oversight/inspections", response={201: dict, **ERRORS}, summary="登记监督检查")
def open_inspection(request: HttpRequest, payload: InspectionIn) -> Status[dict[str, Any]]:
    me = actor(request)
    require(me, "oversight.manage")
    unit = org_queries.unit_by_code(me, payload.target_unit) if payload.target_unit else None
    row = actions.open_inspection(
        actor=me,
        kind=payload.kind,
        organiser=payload.organiser,
        title=payload.title,
        started_on=payload.started_on,
        scope=payload.scope,
        target_unit=unit,
    )
    return Status(201, inspection_out(row))


@router.post(
    "/oversight/inspections/{pk}/close", response={200: dict, **ERRORS}, summary="结束监督检查"
)
def close_inspection(request: HttpRequest, pk: int, payload: CloseInspectionIn) -> dict[str, Any]:
    me = actor(request)
    queries.owned_inspection(me, pk)
    return inspection_out(
        actions.close_inspection(
            actor=me,
            inspection_id=pk,
            ended_on=payload.ended_on,
            result=payload.result,
            ranking=payload.ranking,
        )
    )


@router.post(
    "/oversight/inspections/{pk}/findings", response={201: dict, **ERRORS}, summary="登记发现问题"
)
def record_finding(request: HttpRequest, pk: int, payload: FindingIn) -> Status[dict[str, Any]]:
    me = actor(request)
    queries.owned_inspection(me, pk)
    row = actions.record_finding(
        actor=me,
        inspection_id=pk,
        description=payload.description,
        found_on=payload.found_on,
        rule=payload.rule,
        penalty_case_id=payload.case,
    )
    return Status(201, finding_out(row))


@router.get("/oversight/findings", response={200: dict, **ERRORS}, summary="发现问题与整改")
def list_findings(request: HttpRequest, status: str | None = None) -> dict[str, Any]:
    me = actor(request)
    require(me, "oversight.view")
    return paginate(request, queries.findings(me, status), finding_out)


@router.post(
    "/oversight/findings/{pk}/rectification", response={201: dict, **ERRORS}, summary="下达整改任务"
)
def assign(request: HttpRequest, pk: int, payload: RectifyIn) -> Status[dict[str, Any]]:
    me = actor(request)
    queries.owned_finding(me, pk)
    unit = org_queries.unit_by_code(me, payload.unit)
    task = actions.assign_rectification(
        actor=me, finding_id=pk, unit=unit, measure=payload.measure, due_on=payload.due_on
    )
    return Status(201, task_out(task))


@router.post(
    "/oversight/rectifications/{pk}/close", response={200: dict, **ERRORS}, summary="整改销号"
)
def close_task(request: HttpRequest, pk: int, payload: CloseTaskIn) -> dict[str, Any]:
    me = actor(request)
    queries.owned_rectification(me, pk)
    return task_out(
        actions.close_rectification(
            actor=me, task_id=pk, closed_on=payload.closed_on, note=payload.note
        )
    )


@router.get(
    "/oversight/prereview/{case_id}", response={200: dict, **ERRORS}, summary="案卷自动预审"
)
def prereview(request: HttpRequest, case_id: int) -> dict[str, Any]:
    me = actor(request)
    require(me, "oversight.view")
    case = queries.penalty_case(me, case_id)
    items = checks.prereview(case)
    return {
        "case": case.pk,
        "items": [i.as_dict() for i in items],
        "suggested_vetoes": sorted({i.veto for i in items if i.veto}),
        "vetoes": checks.VETOES,
    }


@router.post("/oversight/file-reviews", response={201: dict, **ERRORS}, summary="开始案卷评查")
def start_review(request: HttpRequest, payload: FileReviewIn) -> Status[dict[str, Any]]:
    me = actor(request)
    row = actions.start_file_review(
        actor=me, penalty_case_id=payload.case, inspection_id=payload.inspection
    )
    return Status(201, review_out(row))


@router.get("/oversight/file-reviews/{pk}", response={200: dict, **ERRORS}, summary="案卷评查")
def get_review(request: HttpRequest, pk: int) -> dict[str, Any]:
    me = actor(request)
    require(me, "oversight.view")
    return review_out(queries.file_review(me, pk))


@router.post(
    "/oversight/file-reviews/{pk}/finalise", response={200: dict, **ERRORS}, summary="评查定稿"
)
def finalise_review(request: HttpRequest, pk: int, payload: FinaliseIn) -> dict[str, Any]:
    me = actor(request)
    queries.file_review(me, pk)
    row = actions.finalise_file_review(
        actor=me,
        review_id=pk,
        vetoes=payload.vetoes,
        deductions=[d.dict() for d in payload.deductions],
    )
    return review_out(row)


@router.get("/oversight/complaints", response={200: dict, **ERRORS}, summary="执法投诉")
def list_complaints(request: HttpRequest) -> dict[str, Any]:
    me = actor(request)
    require(me, "oversight.view")
    return paginate(request, queries.complaints(me).select_related("against_unit"), complaint_out)


@router.post("/oversight/complaints", response={201: dict, **ERRORS}, summary="登记执法投诉")
def receive_complaint(request: HttpRequest, payload: ComplaintIn) -> Status[dict[str, Any]]:
    me = actor(request)
    require(me, "oversight.manage")
    unit = org_queries.unit_by_code(me, payload.against_unit) if payload.against_unit else None
    row = actions.receive_complaint(
        actor=me,
        received_on=payload.received_on,
        channel=payload.channel,
        content=payload.content,
        complainant=payload.complainant,
        phone=payload.phone,
        against_unit=unit,
        penalty_case_id=payload.case,
    )
    return Status(201, complaint_out(row))


@router.post(
    "/oversight/complaints/{pk}/close", response={200: dict, **ERRORS}, summary="办结执法投诉"
)
def close_complaint(request: HttpRequest, pk: int, payload: CloseComplaintIn) -> dict[str, Any]:
    me = actor(request)
    queries.owned_complaint(me, pk)
    return complaint_out(
        actions.close_complaint(
            actor=me,
            complaint_id=pk,
            closed_on=payload.closed_on,
            substantiated=payload.substantiated,
            result=payload.result,
        )
    )
