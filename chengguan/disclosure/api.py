"""Disclosure endpoints: the public 双公示 list (no sign-in) and the staff's publication work."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from pydantic import Field

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.api.pagination import paginate
from chengguan.core.errors import NotFound
from chengguan.org.permissions import require
from chengguan.org.queries import bureau_by_code

from . import actions, queries
from .models import Publication

router = Router(tags=["执法公示"])


def publication_out(p: Publication) -> dict[str, Any]:
    return {
        "id": p.pk,
        "case": p.penalty_case_id,
        "decision_number": p.decision_number,
        "decided_on": p.decided_on,
        "due_on": p.due_on,
        "published_on": p.published_on,
        "on_time": p.on_time,
        "expires_on": p.expires_on,
        "status": p.status,
        "withdraw_reason": p.withdraw_reason,
        "withdraw_due": p.withdraw_due,
        "withdrawn_on": p.withdrawn_on,
        "withdrawn_on_time": p.withdrawn_on_time,
    }


@router.get(
    "/disclosure/penalties",
    auth=None,
    response={200: Any, 400: ERRORS[400]},
    summary="行政处罚决定公示（双公示，公开，无需登录）",
)
def public_penalties(
    request: HttpRequest, format: Literal["json", "csv"] = "json", bureau: str | None = None
) -> Any:
    unit = None
    if bureau:
        unit = bureau_by_code(bureau)
        if unit is None:
            return {"items": [], "count": 0, "next": None}
    rows = queries.public_penalties(bureau=unit)
    if format == "csv":
        response = HttpResponse(queries.as_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = "attachment; filename*=UTF-8''penalties.csv"
        return response
    return paginate(request, rows, lambda r: r)


@router.get("/disclosure/due", response={200: dict, **ERRORS}, summary="待公示的处罚决定（SZ-3）")
def due(request: HttpRequest) -> dict[str, Any]:
    me = actor(request)
    require(me, "disclosure.view")
    rows = queries.due_list(me)
    return paginate(
        request,
        rows,
        lambda d: {
            "case": d.case.pk,
            "number": d.case.number,
            "decision_number": d.case.decision_number,
            "decided_on": d.case.decided_on,
            "due_on": d.due_on,
            "overdue": d.overdue,
        },
    )


@router.get("/disclosure/publications", response={200: dict, **ERRORS}, summary="公示记录")
def list_publications(request: HttpRequest) -> dict[str, Any]:
    me = actor(request)
    require(me, "disclosure.view")
    return paginate(request, queries.publications(me), publication_out)


class PublishIn(Schema):
    case: int
    published_on: dt.date | None = None


class PublicationWithdrawIn(Schema):
    reason: str = Field(min_length=1, max_length=200)
    trigger_on: dt.date


@router.post("/disclosure/publications", response={201: dict, **ERRORS}, summary="公示处罚决定")
def publish(request: HttpRequest, payload: PublishIn) -> Status[dict[str, Any]]:
    me = actor(request)
    pub = actions.publish_decision(actor=me, case_id=payload.case, on=payload.published_on)
    return Status(201, publication_out(pub))


@router.post(
    "/disclosure/publications/{pub_id}/withdraw",
    response={200: dict, **ERRORS},
    summary="撤下公示（XF-48）",
)
def withdraw(request: HttpRequest, pub_id: int, payload: PublicationWithdrawIn) -> dict[str, Any]:
    me = actor(request)
    pub = queries.publications(me).filter(pk=pub_id).first()
    if pub is None:
        raise NotFound("未找到该公示记录，或您无权查看")
    pub = actions.withdraw_publication(
        actor=me, publication_id=pub.pk, reason=payload.reason, trigger_on=payload.trigger_on
    )
    return publication_out(pub)
