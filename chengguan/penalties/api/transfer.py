"""移送 (XF-22, XF-27): ``POST /penalty-cases/{id}/transfer``; the case answers as GET returns it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Schema

from chengguan.penalties import actions
from chengguan.penalties.api.routing import R, router, visible
from chengguan.penalties.api.serialisers import fresh


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
