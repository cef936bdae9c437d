"""查封扣押 pages of a penalty case (issue #11 item 2): the case's measures with the days left, the
register form (items with photos), each measure with its steps, the photos, and the XF-74 disposals.

Every page reads the case through ``penalties.queries.case`` first, so a wrong role is 403 and
another bureau or another town team 404 — the audience of the case (decision 067) — and the photos
follow the same scope: only a file the measure names, of the case's bureau, is sent.
"""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render

from chengguan.core.errors import ChengguanError, Invalid, NotFound
from chengguan.ledger.actions import store_blob
from chengguan.ledger.storage import blob_path, read_blob
from chengguan.measures import queries as measure_queries
from chengguan.measures.models import Seizure
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.penalties import queries as penalty_queries
from chengguan.penalties.models import PenaltyCase
from chengguan.web import measure_actions
from chengguan.web.context import page
from chengguan.web.errors import refusal, staff_page
from chengguan.web.formspec import refill

MAX_LOT_PHOTOS = 6


def _me(request: HttpRequest) -> Staff:
    assert isinstance(request.user, Staff)
    return request.user


def _case(me: Staff, pk: int) -> PenaltyCase:
    case = penalty_queries.case(me, pk)
    require(me, "measures.view", case)
    return case


def _seizure(case: PenaltyCase, sid: int) -> Seizure:
    found = measure_queries.of_case(case.pk).filter(pk=sid).first()
    if found is None:
        raise NotFound("未找到该查封扣押记录，或您无权查看")
    found.case = case
    return found


def _store(me: Staff, case: PenaltyCase, upload: Any, label: str) -> str:
    """An uploaded photo into the evidence blob store (size and type limits are the store's)."""
    ext = (upload.name.rsplit(".", 1)[-1].lower() if "." in (upload.name or "") else "jpg")[:5]
    return store_blob(
        upload,
        actor=me,
        name=f"{case.number}-查封扣押-{label}.{ext}",
        content_type=getattr(upload, "content_type", "") or "",
    ).sha256


# The case's measures -------------------------------------------------------------------------


def _list_context(
    request: HttpRequest, case: PenaltyCase, error: Any = None, failed: str = ""
) -> dict[str, Any]:
    me = _me(request)
    posted = request.POST if failed and request.method == "POST" else None
    disposal = measure_actions.disposal_form(me, case)
    if disposal is not None and failed == "disposal" and posted is not None:
        refill([disposal], "disposal", posted)
    may_register = measure_actions.may_register(me, case)
    return page(
        request,
        "penalties",
        case=case,
        seizures=[measure_actions.clock_row(s) for s in measure_queries.of_case(case.pk)],
        may_register=may_register,
        v=measure_actions.register_values(case, posted if failed == "register" else None),
        register=measure_actions.register_form_parts(case, me) if may_register else None,
        disposals=list(case.disposals.order_by("id")),
        disposal=disposal,
        error=error,
        failed=failed,
        failed_shown=(failed == "register" and may_register)
        or (failed == "disposal" and disposal is not None),
    )


@staff_page
def case_seizures(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(_me(request), pk)
    return render(request, "web/measures_list.html", _list_context(request, case))


@staff_page
def register(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("web:case_seizures", pk=pk)
    me = _me(request)
    case = _case(me, pk)
    try:
        # The photos and the measure are one transaction: a refused measure keeps no files' rows
        # nor their ledger entries.
        with transaction.atomic():
            photos: dict[int, str] = {}
            for n in measure_actions.item_rows_numbers():
                upload = request.FILES.get(f"item-{n}-photo")
                if upload is not None:
                    photos[n] = _store(me, case, upload, f"物品{n}")
            lot_files = request.FILES.getlist("photos")
            if len(lot_files) > MAX_LOT_PHOTOS:
                raise Invalid(
                    f"整批照片最多{MAX_LOT_PHOTOS}张", details={"photos": f"最多{MAX_LOT_PHOTOS}张"}
                )
            lot = [_store(me, case, f, f"整批{i}") for i, f in enumerate(lot_files, start=1)]
            s = measure_actions.seize(me, case, request.POST, photos, lot)
    except ChengguanError as exc:
        ctx = _list_context(request, case, error=refusal(exc), failed="register")
        return render(request, "web/measures_list.html", ctx, status=exc.status)
    messages.success(request, f"{s.get_kind_display()}已登记：{s.get_status_display()}")
    return redirect("web:seizure", pk=case.pk, sid=s.pk)


@staff_page
def record_disposal(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("web:case_seizures", pk=pk)
    me = _me(request)
    case = _case(me, pk)
    try:
        measure_actions.record_disposal(me, case, request.POST)
    except ChengguanError as exc:
        ctx = _list_context(request, case, error=refusal(exc), failed="disposal")
        return render(request, "web/measures_list.html", ctx, status=exc.status)
    messages.success(request, "罚没物品处置：已登记")
    return redirect("web:case_seizures", pk=case.pk)


# One measure ---------------------------------------------------------------------------------


def _detail_context(
    request: HttpRequest, s: Seizure, error: Any = None, failed: str = ""
) -> dict[str, Any]:
    me = _me(request)
    forms = measure_actions.forms_for(me, s)
    if failed and request.method == "POST":
        refill(forms, failed, request.POST)
    return page(
        request,
        "penalties",
        case=s.case,
        s=s,
        row=measure_actions.clock_row(s),
        certificates=measure_actions.certificates(s),
        forms=forms,
        error=error,
        failed=failed,
        # A refusal of a step no longer offered (a second extension) is shown above the forms.
        failed_shown=failed in {f.action for f in forms},
    )


@staff_page
def seizure_detail(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    s = _seizure(_case(_me(request), pk), sid)
    return render(request, "web/measures_detail.html", _detail_context(request, s))


@staff_page
def seizure_act(request: HttpRequest, pk: int, sid: int, action: str) -> HttpResponse:
    if request.method != "POST":
        return redirect("web:seizure", pk=pk, sid=sid)
    me = _me(request)
    case = _case(me, pk)
    s = _seizure(case, sid)
    call = measure_actions.CALLS.get(action)
    if call is None:
        raise NotFound("没有这项操作")
    try:
        with transaction.atomic():
            upload = request.FILES.get("file")
            blob = ""
            if upload is not None and action == "release":
                blob = _store(me, case, upload, f"退还签收{s.pk}")
            call(me, s.pk, request.POST, blob)
    except ChengguanError as exc:
        fresh = _seizure(_case(me, pk), sid)
        ctx = _detail_context(request, fresh, error=refusal(exc), failed=action)
        return render(request, "web/measures_detail.html", ctx, status=exc.status)
    messages.success(request, f"{measure_actions.LABELS[action]}：已完成")
    return redirect("web:seizure", pk=pk, sid=sid)


@staff_page
def photo(request: HttpRequest, pk: int, sid: int, sha: str) -> HttpResponseBase:
    s = _seizure(_case(_me(request), pk), sid)
    blob = measure_queries.photo(s, sha)
    if blob is None or not blob_path(blob.sha256).exists():
        raise NotFound("照片不存在")
    response = FileResponse(
        io.BytesIO(read_blob(blob.sha256)),  # sealed at rest (decision 079): served clear
        content_type=blob.content_type,
        filename=blob.original_name,
    )
    response["Cache-Control"] = "private, no-store"
    return response
