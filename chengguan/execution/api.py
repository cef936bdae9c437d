"""The bureau's own compulsory execution endpoints (docs/api.md "行政强制执行")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.execution import actions, queries
from chengguan.execution.models import Execution
from chengguan.penalties import queries as penalty_queries

router = Router(tags=["行政强制执行"])
R = {200: dict, **ERRORS}
R201 = {201: dict, **ERRORS}


class ExecutionDemandIn(Schema):
    kind: str
    obligation: str = ""
    served_on: dt.date
    method: str = "direct"
    perform_by: dt.date
    way: str = ""
    rights_told: bool = False
    amount: Decimal | None = None
    correction_id: int | None = None
    # TM-2: a date more than 3 working days back is a 补记 — the reason and the approving head.
    backdate_reason: str = ""  # --- helper:execdocs ---
    backdate_approved_by: str = ""  # --- helper:execdocs ---


class ExecutionStatementIn(Schema):
    received_on: dt.date
    text: str = ""
    said_nothing: bool = False
    # TM-2: a date more than 3 working days back is a 补记 — the reason and the approving head.
    backdate_reason: str = ""  # --- helper:execdocs ---
    backdate_approved_by: str = ""  # --- helper:execdocs ---


class ExecutionReviewIn(Schema):
    opinion: str = ""
    adopted: bool = False


class ExecutionDecideIn(Schema):
    reason: str = ""
    method: str = ""
    scheduled_at: dt.datetime
    emergency: bool = False
    emergency_reason: str = ""


class ExecutionNoticeIn(Schema):
    posted_on: dt.date
    place: str = ""
    demolish_by: dt.date
    # TM-2: a date more than 3 working days back is a 补记 — the reason and the approving head.
    backdate_reason: str = ""  # --- helper:execdocs ---
    backdate_approved_by: str = ""  # --- helper:execdocs ---


class ExecutionExecuteIn(Schema):
    result: str = ""
    cut_utilities: list[str] = Field(default_factory=list)
    emergency: bool = False
    emergency_reason: str = ""


class ExecutionEndIn(Schema):
    reason: str
    note: str = ""


def _d(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def out(e: Execution) -> dict[str, Any]:
    return {
        "id": e.pk,
        "case": e.case_id,
        "kind": e.kind,
        "status": e.status,
        "basis": e.basis,
        "obligation": e.obligation,
        "correction": e.correction_id,
        "demand": {
            "served_on": _d(e.demand_served_on),
            "method": e.demand_method,
            "perform_by": _d(e.demand_perform_by),
            "way": e.demand_way,
            "amount": str(e.demand_amount) if e.demand_amount is not None else None,
            "rights_told": e.rights_told,
        },
        "statement": {
            "received_on": _d(e.statement_received_on),
            "text": e.statement,
            "said_nothing": e.statement_none,
            "review_opinion": e.review_opinion or None,
            "adopted": e.review_adopted,
            "reviewed_on": _d(e.reviewed_on),
        },
        "decided_on": _d(e.decided_on),
        "reason": e.decision_reason or None,
        "method": e.method or None,
        "scheduled_at": e.scheduled_at.isoformat() if e.scheduled_at else None,
        "notice": {
            "posted_on": _d(e.notice_posted_on),
            "place": e.notice_place or None,
            "demolish_by": _d(e.notice_demolish_by),
        },
        "executed_at": e.executed_at.isoformat() if e.executed_at else None,
        "emergency": e.emergency,
        "result": e.result or None,
        "ended_on": _d(e.ended_on),
        "end_reason": e.end_reason or None,
    }


@router.get("/penalty-cases/{case_id}/executions", response=R, summary="本案的行政强制执行")
def executions(request: HttpRequest, case_id: int) -> dict[str, Any]:
    me = actor(request)
    return {"items": [out(e) for e in queries.executions(me, case_id)]}


@router.post(
    "/penalty-cases/{case_id}/executions", response=R201, summary="催告（启动行政强制执行）"
)
def demand(request: HttpRequest, case_id: int, payload: ExecutionDemandIn) -> Status:
    me = actor(request)
    pk = penalty_queries.case(me, case_id).pk
    e = actions.demand(
        pk,
        actor=me,
        kind=payload.kind,
        obligation=payload.obligation,
        served_on=payload.served_on,
        method=payload.method,
        perform_by=payload.perform_by,
        way=payload.way,
        rights_told=payload.rights_told,
        amount=payload.amount,
        correction_id=payload.correction_id,
        backdate_reason=payload.backdate_reason,  # --- helper:execdocs ---
        backdate_approved_by=payload.backdate_approved_by,
    )
    return Status(201, out(e))


@router.get("/executions/{execution_id}", response=R, summary="行政强制执行")
def detail(request: HttpRequest, execution_id: int) -> dict[str, Any]:
    return out(queries.execution(actor(request), execution_id))


@router.post("/executions/{execution_id}/statement", response=R, summary="记录陈述申辩")
def statement(
    request: HttpRequest, execution_id: int, payload: ExecutionStatementIn
) -> dict[str, Any]:
    me = actor(request)
    pk = queries.execution(me, execution_id).pk
    return out(
        actions.statement(
            pk,
            actor=me,
            received_on=payload.received_on,
            text=payload.text,
            said_nothing=payload.said_nothing,
            backdate_reason=payload.backdate_reason,  # --- helper:execdocs ---
            backdate_approved_by=payload.backdate_approved_by,
        )
    )


@router.post("/executions/{execution_id}/review", response=R, summary="复核陈述申辩")
def review(request: HttpRequest, execution_id: int, payload: ExecutionReviewIn) -> dict[str, Any]:
    me = actor(request)
    pk = queries.execution(me, execution_id).pk
    return out(actions.review(pk, actor=me, opinion=payload.opinion, adopted=payload.adopted))


@router.post("/executions/{execution_id}/decide", response=R, summary="作出强制执行决定")
def decide(request: HttpRequest, execution_id: int, payload: ExecutionDecideIn) -> dict[str, Any]:
    me = actor(request)
    pk = queries.execution(me, execution_id).pk
    return out(
        actions.decide(
            pk,
            actor=me,
            reason=payload.reason,
            method=payload.method,
            scheduled_at=payload.scheduled_at,
            emergency=payload.emergency,
            emergency_reason=payload.emergency_reason,
        )
    )


@router.post("/executions/{execution_id}/notice", response=R, summary="强制拆除公告")
def notice(request: HttpRequest, execution_id: int, payload: ExecutionNoticeIn) -> dict[str, Any]:
    me = actor(request)
    pk = queries.execution(me, execution_id).pk
    return out(
        actions.notice(
            pk,
            actor=me,
            posted_on=payload.posted_on,
            place=payload.place,
            demolish_by=payload.demolish_by,
            backdate_reason=payload.backdate_reason,  # --- helper:execdocs ---
            backdate_approved_by=payload.backdate_approved_by,
        )
    )


@router.post("/executions/{execution_id}/execute", response=R, summary="实施强制执行")
def execute(request: HttpRequest, execution_id: int, payload: ExecutionExecuteIn) -> dict[str, Any]:
    me = actor(request)
    pk = queries.execution(me, execution_id).pk
    return out(
        actions.execute(
            pk,
            actor=me,
            result=payload.result,
            cut_utilities=payload.cut_utilities,
            emergency=payload.emergency,
            emergency_reason=payload.emergency_reason,
        )
    )


@router.post("/executions/{execution_id}/end", response=R, summary="终结强制执行")
def end(request: HttpRequest, execution_id: int, payload: ExecutionEndIn) -> dict[str, Any]:
    me = actor(request)
    pk = queries.execution(me, execution_id).pk
    return out(actions.end(pk, actor=me, reason=payload.reason, note=payload.note))
