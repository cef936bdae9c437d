"""查封/扣押 endpoints (API.md "Round 2 additions")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.measures import actions, queries
from chengguan.measures.models import Seizure
from chengguan.penalties import queries as penalty_queries

router = Router(tags=["行政强制措施"])
R = {200: dict, **ERRORS}
R201 = {201: dict, **ERRORS}


class SeizureItemIn(Schema):
    name: str = ""
    quantity: str | int | float = ""
    unit: str = ""
    note: str = ""
    photo: str = ""  # decision 077: SHA-256 of a stored evidence file


class SeizureIn(Schema):
    kind: str
    reason: str = ""
    legal_basis: str = ""
    photos: list[str] = Field(default_factory=list)
    items: list[SeizureItemIn] = Field(default_factory=list)
    place: str = ""
    condition: str = ""
    approved_by: str | None = None
    emergency: bool = False
    certificates_shown: list[str] = Field(default_factory=list)
    party_present: bool = True
    party_signed: bool = True
    witnesses: list[str] = Field(default_factory=list)


class SeizureExtendIn(Schema):
    days: int
    reason: str = ""


class SeizureReleaseIn(Schema):
    reason: str
    returned_on: dt.date
    note: str = ""
    returned_to: str = ""
    receipt_signed: bool = False
    receipt_photo: str = ""


class SeizureDisposeIn(Schema):
    handling: str
    note: str = ""


class SeizureApproveIn(Schema):
    pass


def out(s: Seizure) -> dict[str, Any]:
    return {
        "id": s.pk,
        "case": s.case_id,
        "kind": s.kind,
        "status": s.status,
        "reason": s.reason,
        "legal_basis": s.legal_basis,
        "items": s.items,
        "photos": s.photos,
        "place": s.place,
        "condition": s.condition,
        "emergency": s.emergency,
        "held_on": s.held_on.isoformat(),
        "report_by": s.report_by.isoformat() if s.report_by else None,
        "approved_by": s.approved_by.username if s.approved_by else None,
        "decide_by": s.decide_by.isoformat(),
        "extension_days": s.extension_days,
        "release_reason": s.release_reason or None,
        "returned_on": s.returned_on.isoformat() if s.returned_on else None,
        "returned_to": s.returned_to or None,
        "receipt_signed": s.receipt_signed,
        "handling": s.handling or None,
    }


@router.post("/penalty-cases/{case_id}/seizures", response=R201, summary="查封、扣押")
def seize(request: HttpRequest, case_id: int, payload: SeizureIn) -> Status:
    me = actor(request)
    pk = penalty_queries.case(me, case_id).pk
    body = payload.dict()
    s = actions.seize(
        pk,
        actor=me,
        kind=body["kind"],
        items=[{k: str(v) for k, v in i.items()} for i in body["items"]],
        place=body["place"],
        condition=body["condition"],
        certificates_shown=body["certificates_shown"],
        approved_by=body["approved_by"],
        emergency=body["emergency"],
        party_present=body["party_present"],
        party_signed=body["party_signed"],
        witnesses=body["witnesses"],
        reason=body["reason"],
        legal_basis=body["legal_basis"],
        photos=body["photos"],
    )
    return Status(201, out(s))


@router.post("/seizures/{seizure_id}/approve", response=R, summary="批准（紧急情况事后补批）")
def approve(request: HttpRequest, seizure_id: int, payload: SeizureApproveIn) -> dict[str, Any]:
    me = actor(request)
    return out(actions.approve(queries.seizure(me, seizure_id).pk, actor=me))


@router.post("/seizures/{seizure_id}/extend", response=R, summary="延长查封扣押期限")
def extend(request: HttpRequest, seizure_id: int, payload: SeizureExtendIn) -> dict[str, Any]:
    me = actor(request)
    pk = queries.seizure(me, seizure_id).pk
    return out(actions.extend(pk, actor=me, days=payload.days, reason=payload.reason))


@router.post("/seizures/{seizure_id}/release", response=R, summary="解除查封扣押")
def release(request: HttpRequest, seizure_id: int, payload: SeizureReleaseIn) -> dict[str, Any]:
    me = actor(request)
    pk = queries.seizure(me, seizure_id).pk
    return out(
        actions.release(
            pk,
            actor=me,
            reason=payload.reason,
            returned_on=payload.returned_on,
            note=payload.note,
            returned_to=payload.returned_to,
            receipt_signed=payload.receipt_signed,
            receipt_photo=payload.receipt_photo,
        )
    )


@router.post("/seizures/{seizure_id}/dispose", response=R, summary="依决定处理财物")
def dispose(request: HttpRequest, seizure_id: int, payload: SeizureDisposeIn) -> dict[str, Any]:
    me = actor(request)
    pk = queries.seizure(me, seizure_id).pk
    return out(actions.dispose(pk, actor=me, handling=payload.handling, note=payload.note))
