"""Penalty statistics for the reader's bureau."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest

from chengguan.api.auth import actor
from chengguan.api.parsing import query_date
from chengguan.core.spreadsheets import export_format, figures_response
from chengguan.penalties import queries
from chengguan.penalties.api.routing import R, router


@router.get("/stats/penalties", response=R, summary="行政处罚统计")
def stats(request: HttpRequest, from_: dt.date | None = None, to: dt.date | None = None) -> Any:
    fmt = export_format(request)  # ?format=csv|xlsx: the same figures as a sheet (issue #15)
    figures = queries.stats(actor(request), from_ or query_date(request, "from"), to)
    if fmt is None:
        return figures
    return figures_response(fmt, name="行政处罚统计", title="行政处罚统计", figures=figures)
