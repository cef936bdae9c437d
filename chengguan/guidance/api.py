"""服务型行政执法 endpoints (decision 083): contact points and visits, the legal-risk list, and
行政指导 with follow-up and escalation — thin calls of the actions and queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.api.pagination import paginate
from chengguan.guidance import actions, queries
from chengguan.guidance.models import ContactPoint, GuidanceRecord, RiskItem

router = Router(tags=["服务型行政执法"])
R = {200: dict, **ERRORS}
R201 = {201: dict, **ERRORS}


class GuidancePointIn(Schema):
    kind: str = ""
    name: str = ""
    credit_code: str = ""
    address: str = ""
    domains: list[str] = Field(default_factory=list)
    established_on: dt.date | None = None
    liaison: str = ""
    unit: str = ""
    lon: float | None = None
    lat: float | None = None


class GuidanceVisitIn(Schema):
    visited_on: dt.date | None = None
    officers: list[str] = Field(default_factory=list)
    topics: str = ""
    problems: str = ""
    follow_up: str = ""


class GuidanceRiskIn(Schema):
    power_item: str = ""
    risk: str = ""
    legal_basis: str = ""
    advice: str = ""


class GuidanceRecordIn(Schema):
    kind: str = ""
    to_name: str = ""
    to_credit_code: str = ""
    point: int | None = None
    power_item: str = ""
    basis: str = ""
    content: str = ""
    issued_on: dt.date | None = None
    correct_by: dt.date | None = None


class GuidanceFollowUpIn(Schema):
    visited_on: dt.date | None = None
    corrected: bool | None = None
    note: str = ""


class GuidanceEscalateIn(Schema):
    to: str = ""
    # city_case: the category and (unless the point has them) the place
    category: str = ""
    lon: float | None = None
    lat: float | None = None
    # inspection: the item and the two officers
    item: str = ""
    officers: list[str] = Field(default_factory=list)


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def point_out(p: ContactPoint) -> dict[str, Any]:
    return {
        "id": p.pk,
        "kind": p.kind,
        "name": p.name,
        "credit_code": p.credit_code or None,
        "address": p.address,
        "domains": p.domains,
        "unit": p.unit.code,
        "established_on": p.established_on.isoformat(),
        "liaison": p.liaison.username,
        "liaison_name": p.liaison.full_name,
        "lon": p.lon,
        "lat": p.lat,
        "visits": [
            {
                "id": v.pk,
                "visited_on": v.visited_on.isoformat(),
                "officers": [s.username for s in v.officers.all()],
                "topics": v.topics,
                "problems": v.problems,
                "follow_up": v.follow_up,
            }
            for v in p.visits.all()
        ],
    }


def risk_out(r: RiskItem) -> dict[str, Any]:
    return {
        "id": r.pk,
        "power_item": r.power_item.code,
        "power_item_name": r.power_item.name,
        "domain": r.power_item.domain,
        "risk": r.risk,
        "legal_basis": r.legal_basis,
        "advice": r.advice,
        "published_on": _day(r.published_on),
    }


def record_out(g: GuidanceRecord) -> dict[str, Any]:
    return {
        "id": g.pk,
        "number": g.number,
        "kind": g.kind,
        "unit": g.unit.code,
        "point": g.point_id,
        "to_name": g.to_name,
        "to_credit_code": g.to_credit_code or None,
        "power_item": g.power_item.code if g.power_item else None,
        "basis": g.basis,
        "content": g.content,
        "issued_on": g.issued_on.isoformat(),
        "correct_by": _day(g.correct_by),
        "status": g.status,
        "outcome_721": "service",
        "escalated": (
            {"to": g.escalated_to, "id": g.escalated_id, "number": g.escalated_number}
            if g.escalated_to
            else None
        ),
        "follow_ups": [
            {
                "visited_on": f.visited_on.isoformat(),
                "corrected": f.corrected,
                "note": f.note,
            }
            for f in g.follow_ups.all()
        ],
    }


@router.get("/guidance/points", response=R, summary="服务型行政执法联系点")
def points(request: HttpRequest) -> dict[str, Any]:
    return paginate(request, queries.points(actor(request)), point_out)


@router.post("/guidance/points", response=R201, summary="登记联系点")
def add_point(request: HttpRequest, payload: GuidancePointIn) -> Status:
    p = actions.add_point(actor=actor(request), **payload.dict())
    return Status(201, point_out(queries.point(actor(request), p.pk)))


@router.get("/guidance/points/{pk}", response=R, summary="联系点详情（含走访）")
def point(request: HttpRequest, pk: int) -> dict[str, Any]:
    return point_out(queries.point(actor(request), pk))


@router.get("/guidance/points/{pk}/risks", response=R, summary="适用于该联系点的法律风险防控清单")
def point_risks(request: HttpRequest, pk: int) -> dict[str, Any]:
    p = queries.point(actor(request), pk)
    rows = queries.risks_for_point(p)
    return {"point": p.pk, "name": p.name, "items": [risk_out(r) for r in rows]}


@router.post("/guidance/points/{pk}/visits", response=R201, summary="登记走访")
def visit(request: HttpRequest, pk: int, payload: GuidanceVisitIn) -> Status:
    me = actor(request)
    found = queries.point(me, pk)
    actions.record_visit(found.pk, actor=me, **payload.dict())
    return Status(201, point_out(queries.point(me, pk)))


@router.get("/guidance/risks", response=R, summary="行政相对人法律风险防控清单（含未公布）")
def risks(request: HttpRequest) -> dict[str, Any]:
    return paginate(request, queries.risks(actor(request)), risk_out)


@router.post("/guidance/risks", response=R201, summary="登记风险防控事项")
def add_risk(request: HttpRequest, payload: GuidanceRiskIn) -> Status:
    r = actions.add_risk(actor=actor(request), **payload.dict())
    return Status(201, risk_out(r))


@router.post("/guidance/risks/{pk}/publish", response=R, summary="公布风险防控事项")
def publish_risk(request: HttpRequest, pk: int) -> dict[str, Any]:
    me = actor(request)
    found = queries.risk(me, pk)
    return risk_out(actions.publish_risk(found.pk, actor=me))


@router.get("/guidance/records", response=R, summary="行政指导记录")
def records(request: HttpRequest) -> dict[str, Any]:
    return paginate(request, queries.records(actor(request)), record_out)


@router.post("/guidance/records", response=R201, summary="登记行政指导（建议、提醒函、告诫书）")
def issue(request: HttpRequest, payload: GuidanceRecordIn) -> Status:
    me = actor(request)
    g = actions.issue(actor=me, **payload.dict())
    return Status(201, record_out(queries.record(me, g.pk)))


@router.get("/guidance/records/{pk}", response=R, summary="行政指导详情")
def record(request: HttpRequest, pk: int) -> dict[str, Any]:
    return record_out(queries.record(actor(request), pk))


@router.post("/guidance/records/{pk}/follow-up", response=R, summary="回访（是否改正）")
def follow_up(request: HttpRequest, pk: int, payload: GuidanceFollowUpIn) -> dict[str, Any]:
    me = actor(request)
    found = queries.record(me, pk)
    actions.follow_up(found.pk, actor=me, **payload.dict())
    return record_out(queries.record(me, pk))


@router.post(
    "/guidance/records/{pk}/escalate", response=R, summary="未改正的转数字城管案件或行政检查"
)
def escalate(request: HttpRequest, pk: int, payload: GuidanceEscalateIn) -> dict[str, Any]:
    me = actor(request)
    found = queries.record(me, pk)
    actions.escalate(found.pk, actor=me, **payload.dict())
    return record_out(queries.record(me, pk))
