"""窗口受理 (issue #14 item 2): a clerk registers an application at the counter through the staff
pages — the same ``permits.actions.apply`` as 一网通办 and the API, with the channel ``counter``.
A refusal shows the form again with what was typed (issue #15 item 2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from chengguan.core import clock
from chengguan.core.errors import ChengguanError, Invalid
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.permits import actions, queries
from chengguan.permits.states import ApplicantKind, Channel
from chengguan.web.errors import refusal, staff_page


def _context(me: Staff, data: QueryDict | None, error: Any = None) -> dict[str, Any]:
    kinds = list(queries.kinds(me))
    typed = data.get("kind", "") if data is not None else ""
    chosen = typed or (kinds[0].code if kinds else "")
    ticked = set(data.getlist("materials")) if data is not None else set()
    return {
        "kinds": kinds,
        "chosen": chosen,
        "ticked": ticked,
        "f": data if data is not None else {},
        "applicant_kinds": ApplicantKind.choices,
        "today": clock.today().isoformat(),
        "points": list(queries.stall_points(me)),
        "error": error,
    }


def _received_on(value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise Invalid("收到申请日期格式不正确", details={"received_on": "应为 YYYY-MM-DD"}) from exc


@staff_page
def counter(request: HttpRequest) -> HttpResponse:
    me = request.user
    assert isinstance(me, Staff)
    require(me, "permits.apply")
    if request.method != "POST":
        return render(request, "web/permits_counter.html", _context(me, None))
    data = request.POST
    kind = data.get("kind", "")
    # Materials are ticked per kind ("KIND::名称"); only the chosen kind's count.
    materials = [
        m.split("::", 1)[1] for m in data.getlist("materials") if m.startswith(f"{kind}::")
    ]
    point = data.get("stall_point", "")
    try:
        app, _ = actions.apply(
            actor=me,
            kind=kind,
            applicant={
                "kind": data.get("applicant_kind", ""),
                "name": data.get("applicant_name", ""),
                "id_number": data.get("applicant_id", ""),
                "credit_code": data.get("applicant_id", ""),
                "phone": data.get("applicant_phone", ""),
            },
            materials=materials,
            location=data.get("location", ""),
            period=data.get("period", ""),
            received_on=_received_on(data.get("received_on", "")),
            channel=Channel.COUNTER,
            stall_point=int(point) if point.isdigit() else None,
            pledge_signed=data.get("pledge_signed") == "1",
            goods=data.get("goods", ""),
        )
    except ChengguanError as exc:
        return render(
            request,
            "web/permits_counter.html",
            _context(me, data, error=refusal(exc)),
            status=exc.status,
        )
    messages.success(request, f"窗口受理：已登记申请 {app.number}")
    return redirect("web:permit", pk=app.pk)
