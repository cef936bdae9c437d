"""Correction orders (ZL-1): order with a deadline, follow-up check, and the list of a case's orders."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Schema
from pydantic import Field

from chengguan.org.models import Staff
from chengguan.penalties import queries
from chengguan.penalties.actions import correction
from chengguan.penalties.api.routing import R, router, visible
from chengguan.penalties.models import CorrectionOrder


class CorrectionOrderIn(Schema):
    content: str = Field(min_length=1)
    issued_on: dt.date | None = None
    deadline: dt.date | None = None


class CorrectionRecheckIn(Schema):
    performed: bool
    note: str = Field(min_length=1)
    checked_on: dt.date | None = None


def order_out(o: CorrectionOrder) -> dict[str, Any]:
    return {
        "id": o.pk,
        "content": o.content,
        "issued_on": o.issued_on.isoformat(),
        "deadline": o.deadline.isoformat(),
        "issued_by": o.issued_by.username,
        "checked_on": o.checked_on.isoformat() if o.checked_on else None,
        "checked_by": o.checked_by.username if o.checked_by else None,
        "performed": o.performed,
        "check_note": o.check_note or None,
    }


def orders(me: Staff, pk: int) -> dict[str, Any]:
    case = queries.case(me, pk)
    rows = list(case.corrections.select_related("issued_by", "checked_by"))
    return {
        "corrections": [order_out(o) for o in rows],
        # ZL-1: an order not performed is a ground for a case or a heavier level.
        "unperformed": [o.pk for o in correction.unperformed(case)],
    }


@router.get("/penalty-cases/{case_id}/corrections", response=R, summary="责令限期改正记录")
def list_corrections(request: HttpRequest, case_id: int) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return orders(me, pk)


@router.post("/penalty-cases/{case_id}/corrections", response=R, summary="责令限期改正")
def order_correction(
    request: HttpRequest, case_id: int, payload: CorrectionOrderIn
) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    correction.order_correction(
        pk,
        actor=me,
        content=payload.content,
        issued_on=payload.issued_on,
        deadline=payload.deadline,
    )
    return orders(me, pk)


@router.post(
    "/penalty-cases/{case_id}/corrections/{order_id}/recheck", response=R, summary="复查改正情况"
)
def recheck_correction(
    request: HttpRequest, case_id: int, order_id: int, payload: CorrectionRecheckIn
) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    correction.recheck_correction(
        pk,
        order_id,
        actor=me,
        performed=payload.performed,
        note=payload.note,
        checked_on=payload.checked_on,
    )
    return orders(me, pk)
