"""行政许可 staff pages (issue #14, helper:permits2): the applications worklist with the statutory
clock in working days, an application's page with its actions, the permits near expiry, the
cases that name a permit, and the 便民临时摊点 with their applications and allocations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from chengguan.citycases import queries as city_queries
from chengguan.core import clock, workdays
from chengguan.core.errors import ChengguanError, NotFound
from chengguan.core.rules import local
from chengguan.core.spreadsheets import export_format  # helper:forms
from chengguan.ledger.queries import timeline
from chengguan.org.models import Staff
from chengguan.org.permissions import can, require
from chengguan.penalties import queries as penalty_queries
from chengguan.permits import actions, queries
from chengguan.permits.models import PermitApplication, StallPoint
from chengguan.permits.states import DEEMED_LABEL, Channel, Status  # Channel: helper:forms
from chengguan.web import permit_actions
from chengguan.web.context import page
from chengguan.web.errors import refusal, staff_page
from chengguan.web.exports import export_rows  # helper:forms
from chengguan.web.formspec import refill
from chengguan.web.views.shell import filter_dates, is_htmx, page_number  # filter_dates: forms
from chengguan.web.worklist import WorkPage


def _me(request: HttpRequest) -> Staff:
    assert isinstance(request.user, Staff)
    return request.user


def clock_of(app: PermitApplication, today: dt.date) -> dict[str, Any]:
    """The clock now running (XK-32 acceptance, XK-42 decision, XK-40 publication) and the
    working days left on it; negative = overdue. Paused while an excluded period runs."""
    status = queries.shown_status(app, today)
    label = DEEMED_LABEL if status != app.status else Status(app.status).label
    step, due = "", None
    if app.status == Status.RECEIVED and status == app.status:
        step, due = "受理或一次性告知", app.accept_by
    elif app.status in (Status.RECEIVED, Status.ACCEPTED):
        step, due = "作出决定", queries.decide_by(app, today)
    elif app.status == Status.GRANTED and app.published_on is None:
        step, due = "公示", app.publish_by
    left = workdays.workdays_between(today, due) if due else None
    return {
        "status_label": label,
        "step": step,
        "due": due,
        "left": left,
        "overdue": left is not None and left < 0,
        "late": -left if left is not None and left < 0 else 0,
        "paused": app.paused_on,
        "pause_reason": app.pause_reason,
        "excluded": app.excluded_workdays,
        "extended": app.extended,
    }


@staff_page
def application_list(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    today = clock.today()
    rows = queries.applications(me).select_related("unit", "stall_point")
    status = request.GET.get("status", "")
    if status in Status.values:
        rows = rows.filter(status=status)
    open_only = request.GET.get("open", "") == "1"
    if open_only:
        rows = rows.filter(
            status__in=[Status.RECEIVED, Status.MATERIALS_REQUESTED, Status.ACCEPTED]
        )
    q = request.GET.get("q", "").strip()[:100]
    if q:
        rows = rows.filter(number__icontains=q) | rows.filter(applicant_name__icontains=q)
    # --- helper:forms --- issue #15 item 8: kind (类别), channel (来源), unit and date range,
    # the same filters carried into the export.
    kinds = list(queries.kinds(me))
    kind = request.GET.get("kind", "")
    kind = kind if kind in {k.code for k in kinds} else ""
    channel = request.GET.get("channel", "")
    channel = channel if channel in Channel.values else ""
    units = list(queries.application_units(me))
    unit = request.GET.get("unit", "")
    unit = unit if unit in {u.code for u in units} else ""
    date_from, date_to = filter_dates(request)
    if kind:
        rows = rows.filter(kind__code=kind)
    if channel:
        rows = rows.filter(channel=channel)
    if unit:
        rows = rows.filter(unit__code=unit)
    if date_from:
        rows = rows.filter(received_on__gte=date_from)
    if date_to:
        rows = rows.filter(received_on__lte=date_to)
    fmt = export_format(request)
    if fmt is not None:
        return export_rows(
            request,
            fmt,
            name="行政许可申请列表",
            header=["申请编号", "许可事项", "申请人", "申请渠道", "承办单位", "收到日期", "状态"],
            rows=rows,
            row=lambda a: [
                a.number,
                a.kind.name,
                a.applicant_name,
                a.get_channel_display(),
                a.unit.name if a.unit else "",
                a.received_on,
                a.get_status_display(),
            ],
        )
    # --- /helper:forms ---
    size = 20
    pager = WorkPage(items=[], count=rows.count(), page=1, size=size)
    number = min(page_number(request), pager.pages)
    pager.page = number
    items = [
        {"app": a, "clock": clock_of(a, today)} for a in rows[(number - 1) * size : number * size]
    ]
    query = request.GET.copy()
    query.pop("page", None)
    ctx = page(
        request,
        "permits",
        items=items,
        pager=pager,
        query=query.urlencode(),
        statuses=Status.choices,
        f={
            "status": status,
            "open": "1" if open_only else "",
            "q": q,
            # --- helper:forms ---
            "kind": kind,
            "channel": channel,
            "unit": unit,
            "from": date_from.isoformat() if date_from else "",
            "to": date_to.isoformat() if date_to else "",
            # --- /helper:forms ---
        },
        kinds=kinds,  # helper:forms
        channels=Channel.choices,  # helper:forms
        units=units,  # helper:forms
        expiring=list(queries.expiring_for(me, today)),
        expiry_days=local("permit_expiry_reminder_days"),
        today=today,
        can_apply=can(me, "permits.apply"),  # the 窗口受理 link
    )
    if is_htmx(request):
        return render(request, "web/permits_results.html", ctx)
    return render(request, "web/permits_list.html", ctx)


def _linked_cases(me: Staff, app: PermitApplication) -> dict[str, list[Any]]:
    """The city and penalty cases whose latest statement names this permit, as far as the reader
    may see them."""
    city = list(city_queries.cases(me).filter(permit_link__permit=app).order_by("-id")[:50])
    penalty: list[Any] = []
    if can(me, "penalties.view"):
        penalty = list(
            penalty_queries.cases(me).filter(permit_link__permit=app).order_by("-id")[:50]
        )
    return {"city": city, "penalty": penalty}


def _detail_context(
    request: HttpRequest, app: PermitApplication, error: Any = None, failed: str = ""
) -> dict[str, Any]:
    me = _me(request)
    forms = permit_actions.forms_for(me, app)
    if failed and request.method == "POST":
        refill(forms, failed, request.POST)  # issue #15 item 2: keep what was entered
    today = clock.today()
    return page(
        request,
        "permits",
        app=app,
        clock=clock_of(app, today),
        forms=forms,
        entries=list(timeline(app)),
        linked=_linked_cases(me, app),
        missing_now=[m for m in app.kind.materials if m not in app.materials],
        error=error,
        failed=failed,
    )


@staff_page
def application(request: HttpRequest, pk: int) -> HttpResponse:
    app = queries.application(_me(request), pk)
    return render(request, "web/permits_detail.html", _detail_context(request, app))


@staff_page
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if request.method != "POST":
        return redirect("web:permit", pk=pk)
    me = _me(request)
    app = queries.application(me, pk)
    call = permit_actions.CALLS.get(action)
    if call is None:
        raise NotFound("没有这项操作")
    try:
        with transaction.atomic():
            call(me, app.pk, request.POST)
    except ChengguanError as exc:
        fresh = queries.application(me, pk)
        return render(
            request,
            "web/permits_detail.html",
            _detail_context(request, fresh, error=refusal(exc), failed=action),
            status=exc.status,
        )
    messages.success(request, f"{permit_actions.LABELS[action]}：已完成")
    return redirect("web:permit", pk=pk)


# 便民临时摊点 -------------------------------------------------------------------------------------


def _points_context(
    request: HttpRequest, error: Any = None, failed: int | None = None
) -> dict[str, Any]:
    me = _me(request)
    today = clock.today()
    points = []
    for p in queries.stall_points(me).select_related("unit"):
        apps = list(queries.point_applications(p))
        points.append(
            {
                "point": p,
                "free": queries.free_places(p),
                "in_season": p.season_from <= today <= p.season_to,
                "applications": apps,
                "allocations": list(p.allocations.order_by("-id")[:5]),
            }
        )
    return page(
        request,
        "permit_stalls",
        points=points,
        may_allocate=can(me, "permits.stall.allocate"),
        error=error,
        failed=failed,
        method=request.POST.get("method", "") if failed else "",
        seed=request.POST.get("seed", "") if failed else "",
    )


@staff_page
def stall_points(request: HttpRequest) -> HttpResponse:
    return render(request, "web/permits_stalls.html", _points_context(request))


@staff_page
def allocate(request: HttpRequest, point_id: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("web:permit_stalls")
    me = _me(request)
    point: StallPoint = queries.stall_point(me, point_id)
    try:
        require(me, "permits.stall.allocate", point)
        done = actions.allocate_stall_places(
            point.pk,
            actor=me,
            method=request.POST.get("method", ""),
            seed=request.POST.get("seed", "") or None,
        )
    except ChengguanError as exc:
        ctx = _points_context(request, error=refusal(exc), failed=point.pk)
        return render(request, "web/permits_stalls.html", ctx, status=exc.status)
    messages.success(
        request,
        f"{point.name}：已分配 {len(done.chosen)} 个摊位"
        + (f"（随机种子 {done.seed}）" if done.seed else ""),
    )
    return redirect("web:permit_stalls")
