"""``?format=csv|xlsx`` on the staff list pages (issue #15): the rows the filters select, all of
them (up to core.spreadsheets.EXPORT_LIMIT), as a sheet. Each export is a ``data.export`` security
event naming the page and its filters: a list of parties is personal data leaving the system."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from chengguan.core.models import SecurityEvent
from chengguan.core.security.events import record_event
from chengguan.core.security.throttle import client_ip
from chengguan.core.spreadsheets import EXPORT_LIMIT, table_response


def export_rows(
    request: HttpRequest,
    fmt: str,
    *,
    name: str,
    header: list[str],
    rows: QuerySet[Any],
    row: Callable[[Any], Iterable[Any]],
) -> HttpResponse:
    user = request.user
    record_event(
        kind=SecurityEvent.Kind.DATA_EXPORT,
        username=user.get_username(),
        staff=user,
        ip=client_ip(request),
        channel="web",
        detail=f"{request.path}?{request.GET.urlencode()}"[:300],
    )
    return table_response(
        fmt, name=name, title=name, header=header, rows=(row(r) for r in rows[:EXPORT_LIMIT])
    )
