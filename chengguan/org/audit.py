"""The audit administrator's exports (decision 073): the security trail and the ledger of the
bureau, as JSON pages or a CSV safe to open in a spreadsheet. Each export is itself a security
event, so the auditor is audited too."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Router

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.api.pagination import paginate
from chengguan.api.parsing import query_date
from chengguan.core import clock
from chengguan.core.errors import Invalid
from chengguan.core.http import content_disposition
from chengguan.core.models import SecurityEvent
from chengguan.core.security.events import record_event
from chengguan.core.security.throttle import client_ip
from chengguan.core.spreadsheets import csv_text
from chengguan.ledger.models import Entry
from chengguan.org.models import Staff
from chengguan.org.permissions import require

router = Router(tags=["安全审计"])

# One export covers at most a year: the trail is kept for years, a request must stay bounded.
MAX_DAYS = 366
CSV_LIMIT = 100_000
_PERIOD = "审计导出的时间范围有误"


def _period(request: HttpRequest) -> tuple[dt.datetime, dt.datetime]:
    """``since``/``until`` through the API's date parser (format and bounds), then the span."""
    today = clock.today()
    start = query_date(request, "since", message=_PERIOD) or today - dt.timedelta(days=30)
    end = query_date(request, "until", message=_PERIOD) or today
    if end < start:
        raise Invalid(_PERIOD, details={"until": "结束日期不能早于开始日期"})
    if (end - start).days > MAX_DAYS:
        raise Invalid(_PERIOD, details={"until": f"一次最多导出{MAX_DAYS}天"})
    tz = clock.now().tzinfo
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


def event_out(event: SecurityEvent) -> dict[str, Any]:
    return {
        "at": event.at.isoformat(),
        "kind": event.kind,
        "kind_label": event.get_kind_display(),
        "channel": event.channel,
        "username": event.username,
        "ip": event.ip,
        "detail": event.detail,
    }


def entry_out(entry: Entry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "actor": entry.actor_name,
        "action": entry.action,
        "subject_type": entry.subject_type,
        "subject_id": entry.subject_id,
        "payload": json.loads(entry.payload or "{}"),
        "hash": entry.hash,
    }


def _export(
    request: HttpRequest,
    me: Staff,
    rows: QuerySet[Any],
    what: str,
    serialize: Any,
    fmt: str,
) -> Any:
    record_event(
        kind=SecurityEvent.Kind.AUDIT_EXPORT,
        username=me.username,
        staff=me,
        ip=client_ip(request),
        channel="api",
        detail=f"{what} {request.GET.urlencode()}"[:300],
    )
    if fmt != "csv":
        return paginate(request, rows, serialize)
    items = [serialize(r) for r in rows[:CSV_LIMIT]]
    header = list(items[0]) if items else ["at"]
    body = csv_text(
        header,
        (
            [json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v for v in i.values()]
            for i in items
        ),
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(f"{what}.csv")
    return response


@router.get("/audit/security-events", response={200: dict, **ERRORS}, summary="安全事件导出")
def security_events(
    request: HttpRequest,
    since: str | None = None,
    until: str | None = None,
    kind: str | None = None,
    format: Literal["json", "csv"] = "json",
) -> Any:
    me = actor(request)
    require(me, "audit.view")
    start, end = _period(request)
    if kind and kind not in SecurityEvent.Kind.values:
        raise Invalid(
            "事件类型不存在", details={"kind": f"可选：{'、'.join(SecurityEvent.Kind.values)}"}
        )
    rows = SecurityEvent.objects.filter(bureau_id=me.bureau_id, at__gte=start, at__lt=end)
    if kind:
        rows = rows.filter(kind=kind)
    return _export(request, me, rows.order_by("at", "id"), "security-events", event_out, format)


@router.get("/audit/ledger", response={200: dict, **ERRORS}, summary="台账（全过程记录）导出")
def ledger_entries(
    request: HttpRequest,
    since: str | None = None,
    until: str | None = None,
    action: str | None = None,
    format: Literal["json", "csv"] = "json",
) -> Any:
    me = actor(request)
    require(me, "audit.view")
    start, end = _period(request)
    rows = Entry.objects.filter(bureau_id=me.bureau_id, at__gte=start, at__lt=end)
    if action:
        rows = rows.filter(action__startswith=action[:60])
    return _export(request, me, rows.order_by("seq"), "ledger", entry_out, format)
