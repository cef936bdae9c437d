"""行政检查 pages: the officer's day on a phone, the inspection with its on-site record and photos,
the head's approvals, plans and the draw, the register with an enterprise's year, the items list."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render

from chengguan.core import clock
from chengguan.core.errors import ChengguanError, Invalid, NotFound
from chengguan.inspections import actions, queries
from chengguan.inspections.models import Inspection, InspectionPlan, SupervisedEntity
from chengguan.ledger.actions import blob_path
from chengguan.ledger.queries import blobs_named, timeline
from chengguan.ledger.storage import read_blob
from chengguan.org.models import Staff
from chengguan.org.permissions import can, require
from chengguan.permits.queries import permit_conditions  # --- helper:execdocs ---
from chengguan.web import inspection_actions as ia
from chengguan.web.context import page
from chengguan.web.errors import refusal, staff_page
from chengguan.web.formspec import as_int, refill

NAV = "inspections"


def _me(request: HttpRequest) -> Staff:
    assert isinstance(request.user, Staff)
    return request.user


def _page(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    """Every inspection page: the section's menu entry and its own small menu."""
    return page(request, NAV, may_approve=can(_me(request), "inspections.approve"), **extra)


# The officer's day ---------------------------------------------------------------------------


@staff_page
def day(request: HttpRequest) -> HttpResponse:
    """Today's inspections naming me, and the code box (typed, or scanned where the phone's browser
    has the BarcodeDetector API: static/web/scan.js)."""
    me = _me(request)
    require(me, "inspections.view")
    today = clock.today()
    return render(
        request,
        "web/inspections_day.html",
        _page(
            request,
            today=today,
            visits=list(queries.my_day(me, today)),
            upcoming=list(queries.my_upcoming(me, today)[:20]),
            error=None,
            code="",
        ),
    )


@staff_page
def by_code(request: HttpRequest) -> HttpResponse:
    """The code entered or scanned at the door: an open inspection of mine is checked in with it
    (JC-5); one already inside opens its page. A code of no inspection I may see is one refusal."""
    if request.method != "POST":
        return redirect("web:inspection_day")
    me = _me(request)
    require(me, "inspections.view")
    code = request.POST.get("code", "")
    found = queries.mine_by_code(me, code)
    try:
        if found is None:
            raise NotFound("检查码无效，或不是您可查看的检查", details={"code": code.strip()[:16]})
        if found.status == Inspection.Status.OPEN:
            actions.check_in(found.pk, actor=me, code=code)
            messages.success(request, "扫码入企：已完成")
    except ChengguanError as exc:
        today = clock.today()
        return render(
            request,
            "web/inspections_day.html",
            _page(
                request,
                today=today,
                visits=list(queries.my_day(me, today)),
                upcoming=list(queries.my_upcoming(me, today)[:20]),
                error=refusal(exc),
                code=code.strip()[:16],
            ),
            status=exc.status,
        )
    return redirect("web:inspection", pk=found.pk)


# One inspection ------------------------------------------------------------------------------


def _detail_context(
    request: HttpRequest, i: Inspection, error: Any = None, failed: str = ""
) -> dict[str, Any]:
    me = _me(request)
    forms = ia.forms_for(me, i)
    if failed and request.method == "POST":
        refill(forms, failed, request.POST)
    shown = {c.get("officer"): c.get("number") for c in i.certificates or []}
    on = i.recorded_on or i.planned_on
    officers = []
    for person in i.officers.prefetch_related("certificates").select_related("unit"):
        cert = next((c for c in person.certificates.all() if c.is_valid(on)), None)
        officers.append(
            {
                "name": person.display_name,
                "unit": person.unit.name if person.unit else "",
                "certificate": cert.number if cert else "",
                "shown": shown.get(person.username),
            }
        )
    prefix = queries.photo_prefix(i)
    photos = [
        {"sha256": b.sha256, "name": b.original_name.removeprefix(prefix)}
        for b in blobs_named(i.bureau_id, prefix).order_by("uploaded_at")
    ]
    return _page(
        request,
        i=i,
        items=list(i.items.all()) or [i.item],
        officers=officers,
        photos=photos,
        forms=forms,
        entries=list(timeline(i)),
        feedback=list(i.feedback.order_by("created_at", "id")),
        error=error,
        failed=failed,
        today=clock.today(),
        labels=ia.LABELS,
        # --- helper:execdocs --- the licence conditions a permit holder inspected must keep
        permit_conditions=permit_conditions(i.bureau_id, i.entity.credit_code),
        # --- /helper:execdocs ---
    )


@staff_page
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    me = _me(request)
    i = queries.inspection(me, pk)
    return render(request, "web/inspection_detail.html", _detail_context(request, i))


@staff_page
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if request.method != "POST":  # a reload of a refused form: back to the page
        return redirect("web:inspection", pk=pk)
    me = _me(request)
    i = queries.inspection(me, pk)
    if action != "photo" and action not in ia.CALLS:
        raise NotFound("没有这项操作")
    try:
        with transaction.atomic():
            photo = request.FILES.get("photo")
            if action == "photo":
                if photo is None:
                    raise Invalid("请选择照片", details={"photo": "请选择照片"})
                actions.add_photo(
                    i.pk,
                    actor=me,
                    upload=photo,
                    label=request.POST.get("label", "").strip() or "现场照片",
                )
            else:
                ia.CALLS[action](me, i.pk, request.POST)
                if photo is not None and action == "record":
                    actions.add_photo(i.pk, actor=me, upload=photo)
    except ChengguanError as exc:
        fresh = queries.inspection(me, pk)
        return render(
            request,
            "web/inspection_detail.html",
            _detail_context(request, fresh, error=refusal(exc), failed=action),
            status=exc.status,
        )
    messages.success(request, f"{ia.LABELS.get(action, action)}：已完成")
    return redirect("web:inspection", pk=pk)


@staff_page
def photo(request: HttpRequest, pk: int, sha: str) -> HttpResponseBase:
    """A photo of the record, through the inspection's own scope (decision 041's pattern)."""
    me = _me(request)
    i = queries.inspection(me, pk)
    blob = blobs_named(i.bureau_id, queries.photo_prefix(i)).filter(pk=sha).first()
    if blob is None or not blob_path(blob.sha256).exists():
        raise NotFound("照片不存在")
    return FileResponse(
        io.BytesIO(read_blob(blob.sha256)),  # sealed at rest (decision 079): served clear
        content_type=blob.content_type,
        filename=blob.original_name,
    )


# The head's approvals ------------------------------------------------------------------------


@staff_page
def approvals(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    require(me, "inspections.approve")
    return render(
        request,
        "web/inspections_approvals.html",
        page(
            request,
            "inspection_approvals",
            visits=list(queries.awaiting_approval(me)[:100]),
            plans=list(queries.plans_awaiting_approval(me)),
            complaints=list(queries.complaints(me)[:50]),
            today=clock.today(),
        ),
    )


# Plans and the draw --------------------------------------------------------------------------


@staff_page
def plan_list(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    form = ia.plan_create_form(me)
    error, status = None, 200
    if request.method == "POST":
        require(me, "inspections.plan.create")
        try:
            plan = ia.create_plan(me, request.POST)
        except ChengguanError as exc:
            error, status = refusal(exc), exc.status
            if form is not None:
                refill([form], form.action, request.POST)
        else:
            messages.success(request, "抽查计划已制定，待负责人批准")
            return redirect("web:inspection_plan", pk=plan.pk)
    rows = queries.plans(me)
    return render(
        request,
        "web/inspections_plans.html",
        _page(
            request,
            plans=list(rows[:200]),
            form=form,
            error=error,
            failed="create_plan" if error else "",
        ),
        status=status,
    )


def _plan_context(
    request: HttpRequest, plan: InspectionPlan, error: Any = None, failed: str = ""
) -> dict[str, Any]:
    me = _me(request)
    forms = ia.plan_forms(me, plan)
    if failed and request.method == "POST":
        refill(forms, failed, request.POST)
    rows = queries.drawn_rows(plan)
    return _page(
        request,
        plan=plan,
        forms=forms,
        rows=rows,
        verified=queries.draw_verified(plan) if plan.drawn_at else None,
        entries=list(timeline(plan)),
        error=error,
        failed=failed,
    )


@staff_page
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    me = _me(request)
    return render(request, "web/inspection_plan.html", _plan_context(request, queries.plan(me, pk)))


@staff_page
def plan_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if request.method != "POST":
        return redirect("web:inspection_plan", pk=pk)
    me = _me(request)
    plan = queries.plan(me, pk)
    call = ia.PLAN_CALLS.get(action)
    if call is None:
        raise NotFound("没有这项操作")
    try:
        call(me, plan.pk, request.POST)
    except ChengguanError as exc:
        return render(
            request,
            "web/inspection_plan.html",
            _plan_context(request, queries.plan(me, pk), error=refusal(exc), failed=action),
            status=exc.status,
        )
    messages.success(request, f"{ia.PLAN_LABELS.get(action, action)}：已完成")
    return redirect("web:inspection_plan", pk=pk)


# The register --------------------------------------------------------------------------------


@staff_page
def register(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    rows = queries.entities(me)
    q = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    if q:
        rows = rows.filter(
            Q(name__icontains=q) | Q(credit_code__icontains=q) | Q(address__icontains=q)
        )
    if kind in SupervisedEntity.Kind.values:
        rows = rows.filter(kind=kind)
    listing = Paginator(rows, 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "web/inspections_register.html",
        _page(
            request,
            listing=listing,
            f={"q": q, "kind": kind},
            kinds=SupervisedEntity.Kind.choices,
            query=query.urlencode(),
        ),
    )


def _entity_context(request: HttpRequest, e: SupervisedEntity, error: Any = None) -> dict[str, Any]:
    me = _me(request)
    year = as_int(request.GET.get("year")) or clock.today().year
    if not 2000 <= year <= 2100:
        year = clock.today().year
    form = ia.create_form(me, e)
    if error is not None and form is not None:
        refill([form], form.action, request.POST)
    return _page(
        request,
        e=e,
        glance=queries.entity_year(e, year),
        history=list(queries.entity_history(me, e)[:50]),
        form=form,
        error=error,
        failed="create" if error else "",
        years=[year - 1, year, year + 1],
    )


@staff_page
def entity(request: HttpRequest, pk: int) -> HttpResponse:
    me = _me(request)
    e = queries.entity(me, pk)
    if request.method == "POST":
        try:
            visit = ia.create(me, e, request.POST)
        except ChengguanError as exc:
            return render(
                request,
                "web/inspections_entity.html",
                _entity_context(request, e, error=refusal(exc)),
                status=exc.status,
            )
        messages.success(request, f"已登记检查，检查码 {visit.code}")
        return redirect("web:inspection", pk=visit.pk)
    return render(request, "web/inspections_entity.html", _entity_context(request, e))


@staff_page
def items(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    rows = queries.items(me, published_only=not can(me, "inspections.item.manage"))
    return render(request, "web/inspections_items.html", _page(request, items=list(rows)))
