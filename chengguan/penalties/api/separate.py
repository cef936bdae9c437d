"""XF-29.2 (helper:execution): ``POST /penalty-cases/{id}/separate-acts`` — the legal reviewer
confirms that this case is a separate act from a similar one fined within the set days."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Schema

from chengguan.penalties import actions
from chengguan.penalties.api.routing import R, router, visible
from chengguan.penalties.api.serialisers import fresh_pk


class SeparateActIn(Schema):
    other_id: int
    reason: str = ""


@router.post("/penalty-cases/{case_id}/separate-acts", response=R, summary="确认属于另一违法行为")
def confirm_separate_act(
    request: HttpRequest, case_id: int, payload: SeparateActIn
) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    actions.confirm_separate_act(pk, actor=me, other_id=payload.other_id, reason=payload.reason)
    return fresh_pk(pk)
