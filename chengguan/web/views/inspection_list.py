"""All the inspections the reader may see, with the list filters of issue #15 item 8 (decision
087): date range (planned date), unit, category (检查事项), source (检查事由), status and a search,
the same filters carried into ``?format=csv|xlsx``."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chengguan.core.spreadsheets import export_format
from chengguan.inspections import queries
from chengguan.inspections.states import Reason, Status
from chengguan.org.models import Staff
from chengguan.org.permissions import can
from chengguan.web.context import page
from chengguan.web.errors import staff_page
from chengguan.web.exports import export_rows
from chengguan.web.views.shell import filter_dates, page_number
from chengguan.web.worklist import WorkPage


@staff_page
def inspection_list(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, Staff)
    me = request.user
    rows = queries.inspections(me).select_related("unit")  # 403 without inspections.view
    items = list(queries.items(me, published_only=False))
    units = list(queries.inspection_units(me))
    g = request.GET
    status = g.get("status", "") if g.get("status", "") in Status.values else ""
    reason = g.get("reason", "") if g.get("reason", "") in Reason.values else ""
    item = g.get("item", "") if g.get("item", "") in {i.code for i in items} else ""
    unit = g.get("unit", "") if g.get("unit", "") in {u.code for u in units} else ""
    q = g.get("q", "").strip()[:100]
    date_from, date_to = filter_dates(request)
    if status:
        rows = rows.filter(status=status)
    if reason:
        rows = rows.filter(reason=reason)
    if item:
        rows = rows.filter(item__code=item)
    if unit:
        rows = rows.filter(unit__code=unit)
    if date_from:
        rows = rows.filter(planned_on__gte=date_from)
    if date_to:
        rows = rows.filter(planned_on__lte=date_to)
    if q:
        rows = rows.filter(
            Q(code__icontains=q) | Q(entity__name__icontains=q) | Q(entity__credit_code=q)
        )
    fmt = export_format(request)
    if fmt is not None:
        return export_rows(
            request,
            fmt,
            name="行政检查列表",
            header=["检查码", "检查事项", "检查对象", "检查事由", "承办单位", "计划日期", "状态"],
            rows=rows,
            row=lambda i: [
                i.code,
                i.item.name,
                i.entity.name,
                i.get_reason_display(),
                i.unit.name if i.unit else "",
                i.planned_on,
                i.get_status_display(),
            ],
        )
    size = 20
    pager = WorkPage(items=[], count=rows.count(), page=1, size=size)
    pager.page = min(page_number(request), pager.pages)
    listing = list(rows[(pager.page - 1) * size : pager.page * size])
    query = g.copy()
    query.pop("page", None)
    return render(
        request,
        "web/inspections_list.html",
        page(
            request,
            "inspections",
            rows=listing,
            pager=pager,
            query=query.urlencode(),
            statuses=Status.choices,
            reasons=Reason.choices,
            items=items,
            units=units,
            may_approve=can(me, "inspections.approve"),
            f={
                "status": status,
                "reason": reason,
                "item": item,
                "unit": unit,
                "q": q,
                "from": date_from.isoformat() if date_from else "",
                "to": date_to.isoformat() if date_to else "",
            },
        ),
    )
