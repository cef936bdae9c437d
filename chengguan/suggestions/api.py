"""Deputies' suggestions endpoints (API.md "Round 2 additions", JY-1): thin calls of the actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.api.pagination import paginate
from chengguan.core import clock
from chengguan.suggestions import actions, queries
from chengguan.suggestions.models import Suggestion

router = Router(tags=["人大建议和政协提案"])
R = {200: dict, **ERRORS}
R201 = {201: dict, **ERRORS}


class SuggestionIn(Schema):
    kind: str
    number: str = ""
    title: str = ""
    assigned_on: dt.date | None = None
    units: list[str] = Field(default_factory=list)


class SuggestionReplyIn(Schema):
    replied_on: dt.date | None = None
    document: str = ""
    text: str = ""


class SuggestionSatisfactionIn(Schema):
    level: str = ""


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def suggestion_out(s: Suggestion) -> dict[str, Any]:
    due = queries.current_due(s)
    units = sorted(s.units.all(), key=lambda u: (u.pk != s.lead_unit_id, u.pk))
    return {
        "id": s.pk,
        "kind": s.kind,
        "number": s.number,
        "title": s.title,
        "assigned_on": s.assigned_on.isoformat(),
        "units": [u.code for u in units],
        "lead_unit": s.lead_unit.code,
        "status": s.status,
        "due_on": s.due_on.isoformat(),
        "redo_due": _day(s.redo_due),
        "current_due": _day(due),
        "overdue": due is not None and clock.today() > due,
        "satisfaction": s.satisfaction or None,
        "replies": [
            {
                "round": r.round,
                "replied_on": r.replied_on.isoformat(),
                "due_on": r.due_on.isoformat(),
                "late": r.late,
                "document": r.document or None,
                "text": r.text,
            }
            for r in s.replies.all()
        ],
    }


@router.get("/suggestions", response=R, summary="人大建议和政协提案（含答复期限）")
def suggestions(request: HttpRequest) -> dict[str, Any]:
    return paginate(request, queries.suggestions(actor(request)), suggestion_out)


@router.post("/suggestions", response=R201, summary="登记建议（提案）")
def register(request: HttpRequest, payload: SuggestionIn) -> Status:
    s = actions.register(actor=actor(request), **payload.dict())
    return Status(201, suggestion_out(s))


@router.get("/suggestions/{pk}", response=R, summary="建议（提案）详情")
def detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return suggestion_out(queries.suggestion(actor(request), pk))


@router.post("/suggestions/{pk}/reply", response=R, summary="答复")
def reply(request: HttpRequest, pk: int, payload: SuggestionReplyIn) -> dict[str, Any]:
    me = actor(request)
    found = queries.suggestion(me, pk)
    actions.reply(
        found.pk,
        actor=me,
        replied_on=payload.replied_on,
        text=payload.text,
        document=payload.document,
    )
    return suggestion_out(queries.suggestion(me, pk))


@router.post("/suggestions/{pk}/satisfaction", response=R, summary="登记代表（委员）满意度")
def satisfaction(
    request: HttpRequest, pk: int, payload: SuggestionSatisfactionIn
) -> dict[str, Any]:
    me = actor(request)
    found = queries.suggestion(me, pk)
    actions.satisfaction(found.pk, actor=me, level=payload.level)
    return suggestion_out(queries.suggestion(me, pk))
