"""移送 (XF-22, XF-27): ``POST /penalty-cases/{id}/transfer``; 罚没物品处置 (XF-74):
``POST /penalty-cases/{id}/disposals``. Both answer the case as GET returns it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Schema

from chengguan.penalties import actions
from chengguan.penalties.api.routing import R, router, visible
from chengguan.penalties.api.serialisers import fresh, fresh_pk


class TransferIn(Schema):
    kind: str
    to: str
    reason: str
    decided_on: dt.date
    handed_over_on: dt.date
    receipt: str = ""
    approved_by: str = ""
    suspected_crime_on: dt.date | None = None
    late_reason: str = ""


@router.post("/penalty-cases/{case_id}/transfer", response=R, summary="案件移送")
def transfer(request: HttpRequest, case_id: int, payload: TransferIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(actions.transfer(pk, actor=me, **payload.dict()))


class DisposalIn(Schema):
    method: str
    items: str
    disposed_on: dt.date
    auctioneer: str = ""
    proceeds: Decimal | None = None
    treasury_voucher: str = ""
    witnesses: list[str] = []
    basis: str = ""
    note: str = ""


@router.post("/penalty-cases/{case_id}/disposals", response=R, summary="罚没物品处置")
def dispose(request: HttpRequest, case_id: int, payload: DisposalIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    actions.dispose(pk, actor=me, **payload.dict())
    return fresh_pk(pk)
