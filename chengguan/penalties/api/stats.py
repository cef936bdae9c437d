"""Penalty statistics for the reader's bureau."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest

from chengguan.api.auth import actor
from chengguan.core.errors import Invalid
from chengguan.penalties import queries
from chengguan.penalties.api.routing import R, router


@router.get("/stats/penalties", response=R, summary="行政处罚统计")
def stats(
    request: HttpRequest, from_: dt.date | None = None, to: dt.date | None = None
) -> dict[str, Any]:
    return queries.stats(actor(request), from_ or _query_date(request, "from"), to)


def _query_date(request: HttpRequest, name: str) -> dt.date | None:
    raw = request.GET.get(name)
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise Invalid("日期格式有误", details={name: "应为日期（YYYY-MM-DD）"}) from exc
