"""Penalty cases: open one, list, read, and the compliance check with the next steps."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Status

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.api.pagination import paginate
from chengguan.penalties import actions, queries
from chengguan.penalties.api.routing import R, router
from chengguan.penalties.api.schemas import OpenIn
from chengguan.penalties.api.serialisers import case_summary, fresh, iso_date


@router.post("/penalty-cases", response={201: dict, **ERRORS}, summary="登记行政处罚案件")
def open_case(request: HttpRequest, payload: OpenIn) -> Status[dict[str, Any]]:
    me = actor(request)
    c = actions.open_case(
        actor=me,
        procedure=payload.procedure,
        power_item=payload.power_item,
        party=payload.party.dict(),
        facts=payload.facts,
        act_date=payload.act_date,
        act_end_date=payload.act_end_date,
        discovered_date=payload.discovered_date,
        officers=payload.officers,
        city_case=payload.city_case,
        decision=payload.decision.dict() if payload.decision else None,
        grave_harm=payload.grave_harm,
        complex_case=payload.complex_case,
        public_interest=payload.public_interest,
        refused_to_sign=payload.refused_to_sign,
        certificates_shown=payload.certificates_shown,
    )
    return Status(201, fresh(c))


@router.get("/penalty-cases", response=R, summary="行政处罚案件列表")
def list_cases(
    request: HttpRequest, status: str | None = None, procedure: str | None = None
) -> dict[str, Any]:
    rows = queries.cases(actor(request))
    if status:
        rows = rows.filter(status=status)
    if procedure:
        rows = rows.filter(procedure=procedure)
    return paginate(request, rows.order_by("-id"), case_summary)


@router.get("/penalty-cases/{case_id}", response=R, summary="行政处罚案件详情")
def get_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    return fresh(queries.case(actor(request), case_id))


@router.get("/penalty-cases/{case_id}/compliance", response=R, summary="合规检查与下一步")
def compliance(request: HttpRequest, case_id: int) -> dict[str, Any]:
    c = queries.case(actor(request), case_id)
    out = queries.compliance(c)
    for step in out["next"]:
        step["due"] = iso_date(step["due"])
        if "earliest" in step:
            step["earliest"] = iso_date(step["earliest"])
    return out
