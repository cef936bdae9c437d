"""City cases: report, list, the case page with its timeline and actions, photos."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone

from chengguan.citycases import actions, queries
from chengguan.citycases.models import CityCase
from chengguan.citycases.states import ACTION_LABELS, HOTLINE_SOURCES, Source, Status
from chengguan.core.bounded import bounded_count  # --- helper:rollups ---
from chengguan.core.errors import ChengguanError, NotFound
from chengguan.core.models import SecurityEvent
from chengguan.core.pii import mask_name, mask_phone, phone_index
from chengguan.core.security.events import record_event
from chengguan.core.security.throttle import client_ip
from chengguan.core.spreadsheets import export_format
from chengguan.ledger.actions import blob_path, store_blob
from chengguan.ledger.models import Blob
from chengguan.ledger.queries import blobs_named, timeline
from chengguan.ledger.storage import read_blob  # --- helper:security ---
from chengguan.org.models import Staff
from chengguan.org.permissions import can, require
from chengguan.penalties import queries as penalty_queries  # helper:daily
from chengguan.web import citycase_actions
from chengguan.web.context import page
from chengguan.web.errors import refusal, staff_page
from chengguan.web.exports import export_rows
from chengguan.web.forms import ReportForm
from chengguan.web.formspec import refill
from chengguan.web.views.shell import day_start, filter_dates, is_htmx, page_number
from chengguan.web.worklist import WorkPage


def _me(request: HttpRequest) -> Staff:
    assert isinstance(request.user, Staff)
    return request.user


# Until citycases stores attachments itself, a photo is an evidence blob named after its case
# (docs/decisions/041-case-photos-as-named-blobs.md).
def _photo_prefix(case: CityCase) -> str:
    return f"{case.number}-"


def _store_photo(user: Staff, case: CityCase, upload: Any, label: str) -> Blob:
    ext = (upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else "jpg")[:5]
    return store_blob(
        upload,
        actor=user,
        name=f"{_photo_prefix(case)}{label}.{ext}",
        content_type=getattr(upload, "content_type", "") or "",
        lon=case.lon,
        lat=case.lat,
    )


@staff_page
def report(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    require(me, "citycases.report")
    if request.method == "POST":
        form = ReportForm(me, request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            try:
                with transaction.atomic():
                    case = actions.report(
                        actor=me,
                        source=d["source"],
                        category=d["category"],
                        description=d["description"],
                        lon=d["lon"],
                        lat=d["lat"],
                        address=d["address"],
                        urgent=d["urgent"],
                        requester_name=d["requester_name"],
                        requester_phone=d["requester_phone"],
                    )
                    if d["photo"]:
                        _store_photo(me, case, d["photo"], "现场照片")
            except ChengguanError as exc:
                form.add_refusal(exc)
            else:
                messages.success(request, f"已上报，案件编号 {case.number}")
                return redirect("web:citycase", pk=case.pk)
        status = 400
    else:
        form = ReportForm(me)
        status = 200
    return render(
        request,
        "web/citycase_new.html",
        page(request, "report", form=form, hotline_sources=sorted(HOTLINE_SOURCES)),
        status=status,
    )


@staff_page
def case_list(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    require(me, "citycases.view")
    status = request.GET.get("status", "")
    source = request.GET.get("source", "")
    overdue = request.GET.get("overdue", "")
    q = request.GET.get("q", "").strip()[:100]
    units = list(queries.dispatch_units(me))
    categories = list(queries.categories(me))
    unit = request.GET.get("unit", "")
    unit = unit if unit in {u.code for u in units} else ""
    category = request.GET.get("category", "")
    category = category if category in {c.code for c in categories} else ""
    date_from, date_to = filter_dates(request)
    rows = queries.case_list(
        me,
        status=status if status in Status.values else None,
        source=source if source in Source.values else None,
        overdue="true" if overdue == "1" else None,
        unit=unit or None,
        category=category or None,
    )
    if date_from:
        rows = rows.filter(reported_at__gte=day_start(date_from))
    if date_to:
        rows = rows.filter(reported_at__lt=day_start(date_to + dt.timedelta(days=1)))
    if q:
        rows = rows.filter(
            Q(number__icontains=q) | Q(description__icontains=q) | Q(address__icontains=q)
        )
    phone = request.GET.get("phone", "").strip()[:30]
    may_search_phone = can(me, "citycases.requester.reveal")
    if phone and may_search_phone:
        # Through the blind index (the phone is stored encrypted); who searched is recorded.
        rows = rows.filter(requester_phone_index=phone_index(phone))
        record_event(
            kind=SecurityEvent.Kind.PII_SEARCH,
            username=me.username,
            staff=me,
            ip=client_ip(request),
            channel="web",
            detail=f"按诉求人电话检索 {mask_phone(phone)}",
        )
    fmt = export_format(request)
    if fmt is not None:
        return export_rows(
            request,
            fmt,
            name="案件列表",
            header=[
                "编号",
                "来源",
                "类别",
                "描述",
                "地址",
                "状态",
                "处置部门",
                "上报时间",
                "当前时限",
            ],
            rows=rows.select_related("category", "unit"),
            row=lambda c: [
                c.number,
                c.get_source_display(),
                c.category.name if c.category else "",
                c.description,
                c.address,
                c.get_status_display(),
                c.unit.name if c.unit else "",
                timezone.localtime(c.reported_at).strftime("%Y-%m-%d %H:%M")
                if c.reported_at
                else "",
                timezone.localtime(c.current_due).strftime("%Y-%m-%d %H:%M")
                if c.current_due
                else "",
            ],
        )
    size = 20
    # --- helper:rollups --- a bounded count: "超过 1000 件" rather than counting a province
    count, estimate = bounded_count(rows)
    pager = WorkPage(items=[], count=count, page=1, size=size, count_is_estimate=estimate)
    # --- /helper:rollups ---
    number = min(page_number(request), pager.pages)
    pager.page = number
    items = list(rows[(number - 1) * size : number * size])
    query = request.GET.copy()
    query.pop("page", None)
    ctx = page(
        request,
        "citycases",
        cases=items,
        pager=pager,
        query=query.urlencode(),
        statuses=Status.choices,
        sources=Source.choices,
        units=units,
        categories=categories,
        f={
            "status": status,
            "source": source,
            "overdue": overdue,
            "q": q,
            "unit": unit,
            "category": category,
            "from": date_from.isoformat() if date_from else "",
            "to": date_to.isoformat() if date_to else "",
            "phone": phone if may_search_phone else "",
        },
        may_search_phone=may_search_phone,
        # --- helper:forms --- issue #15 item 7: tick cases and dispatch them in one go
        may_bulk_dispatch=can(me, "citycases.dispatch"),
        # --- /helper:forms ---
    )
    if is_htmx(request):
        return render(request, "web/_citycase_results.html", ctx)
    return render(request, "web/citycase_list.html", ctx)


def _case_context(
    request: HttpRequest,
    case: CityCase,
    error: Any = None,
    failed: str = "",
    revealed: dict[str, str] | None = None,
) -> dict[str, Any]:
    me = _me(request)
    forms = citycase_actions.forms_for(me, case)
    if failed and request.method == "POST":
        refill(forms, failed, request.POST)  # issue #15 item 2: keep what was entered
    steps = list(case.steps.select_related("unit").order_by("at", "id"))
    for s in steps:
        s.label = ACTION_LABELS.get(s.action, s.action)  # type: ignore[attr-defined]
        s.to_label = Status(s.to_status).label if s.to_status in Status.values else s.to_status  # type: ignore[attr-defined]
    photos = blobs_named(case.bureau_id, _photo_prefix(case)).order_by("uploaded_at")
    dues = [
        ("立案", case.file_due, case.file_on_time),
        ("派遣", case.dispatch_due, case.dispatch_on_time),
        ("处置", case.handle_due, case.handle_on_time),
        ("核查", case.verify_due, case.verify_on_time),
        ("结案", case.close_due, case.close_on_time),
    ]
    requester = None
    if case.source in HOTLINE_SOURCES or case.requester_name:
        requester = {
            "name": mask_name(case.requester_name),
            "phone": mask_phone(case.requester_phone),
        }
    return page(
        request,
        "citycases",
        case=case,
        forms=forms,
        steps=steps,
        photos=photos,
        dues=dues,
        requester=requester,
        can_reveal=can(me, "citycases.requester.reveal", case),
        revealed=revealed,
        entries=list(timeline(case)),
        error=error,
        failed=failed,
        duplicates=list(queries.cases(me).filter(pk__in=case.duplicate_candidates or [])),
        inside_stall_point=queries.inside_stall_point(case),  # --- helper:permits2 ---
        # helper:daily — issue #15 item 4: the penalty cases opened from it (those the reader sees)
        penalty_cases=list(penalty_queries.cases(me).filter(city_case_id=case.pk).order_by("id"))
        if can(me, "penalties.view")
        else [],
        may_open_penalty=can(me, "penalties.open", case),
    )


@staff_page
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    me = _me(request)
    require(me, "citycases.view")
    return render(request, "web/citycase_detail.html", _case_context(request, queries.case(me, pk)))


@staff_page
def reveal_requester(request: HttpRequest, pk: int) -> HttpResponse:
    """PI-1: the clear requester, shown once on this answer and never stored in the session."""
    if request.method != "POST":
        return redirect("web:citycase", pk=pk)
    me = _me(request)
    case = queries.case(me, pk)
    try:
        clear = actions.reveal_requester(
            actor=me, case_id=case.pk, reason=request.POST.get("reason", "")[:500]
        )
    except ChengguanError as exc:
        ctx = _case_context(request, case, error=refusal(exc), failed="reveal")
        return render(request, "web/citycase_detail.html", ctx, status=exc.status)
    answer = render(
        request, "web/citycase_detail.html", _case_context(request, case, revealed=clear)
    )
    answer["Cache-Control"] = "no-store"
    return answer


@staff_page
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if request.method != "POST":  # e.g. a reload of a refused form: back to the case page
        return redirect("web:citycase", pk=pk)
    me = _me(request)
    case = queries.case(me, pk)
    call = citycase_actions.CALLS.get(action)
    if call is None:
        raise NotFound("没有这项操作")
    try:
        with transaction.atomic():
            done = call(me, case.pk, request.POST)
            photo = request.FILES.get("photo")
            # --- helper:daily --- issue #15 item 4: verification carries its own photo too
            photo_labels = {"handle": "处置照片", "verify": "核查照片"}
            if photo is not None and action in photo_labels:
                _store_photo(me, done, photo, photo_labels[action])
            # --- /helper:daily ---
    except ChengguanError as exc:
        fresh = queries.case(me, pk)
        return render(
            request,
            "web/citycase_detail.html",
            _case_context(request, fresh, error=refusal(exc), failed=action),
            status=exc.status,
        )
    label = {"link_permit": "登记涉及的许可"}.get(action, action)  # --- helper:permits2 ---
    messages.success(request, f"{ACTION_LABELS.get(action, label)}：已完成")
    try:
        queries.case(me, pk)
    except NotFound:  # e.g. a handler who returned the case no longer sees it
        return redirect("web:worklist")
    return redirect("web:citycase", pk=pk)


@staff_page
def photo(request: HttpRequest, pk: int, sha: str) -> HttpResponseBase:
    me = _me(request)
    case = queries.case(me, pk)
    blob = blobs_named(case.bureau_id, _photo_prefix(case)).filter(pk=sha).first()
    if blob is None or not blob_path(blob.sha256).exists():
        raise NotFound("照片不存在")
    # --- helper:security --- the file is sealed at rest: served decrypted
    return FileResponse(
        io.BytesIO(read_blob(blob.sha256)),
        content_type=blob.content_type,
        filename=blob.original_name,
    )  # --- /helper:security ---
