"""节假日安排批量录入 (issue #15 item 9, decision 089): the system administrator pastes the State
Council's notice (or one line per date range), sees which day rows will change, then applies them
in one transaction with a ledger entry (``org.calendar_notice``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from chengguan.core.errors import ChengguanError
from chengguan.org import calendar_notice
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.web.context import page
from chengguan.web.errors import refusal, staff_page

EXAMPLE = (
    "国务院办公厅关于2027年部分节假日安排的通知\n"
    "一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n"
    "或按行填写：\n"
    "2027-02-06至2027-02-14 放假\n"
    "2027-02-20 上班"
)


def _me(request: HttpRequest) -> Staff:
    assert isinstance(request.user, Staff)
    return request.user


def _form(request: HttpRequest) -> dict[str, Any]:
    return {
        "text": request.POST.get("text", ""),
        "year": request.POST.get("year", "").strip(),
        "confirm_year": request.POST.get("confirm_year") == "1",
    }


@staff_page
def notice(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    require(me, "org.calendar.notice")
    ctx: dict[str, Any] = {"example": EXAMPLE, "form": {"text": "", "year": ""}}
    if request.method != "POST":
        return render(request, "web/calendar_notice.html", page(request, "calendar_notice", **ctx))
    form = _form(request)
    ctx["form"] = form
    op = calendar_notice.apply if request.POST.get("op") == "apply" else calendar_notice.preview
    try:
        plan = op(actor=me, **form)
    except ChengguanError as exc:
        ctx["error"] = refusal(exc)
        return render(
            request,
            "web/calendar_notice.html",
            page(request, "calendar_notice", **ctx),
            status=exc.status,
        )
    if op is calendar_notice.apply:
        messages.success(
            request,
            f"已按通知更新工作日历 {len(plan.changes)} 天"
            + (f"，另确认 {len(plan.confirmed)} 天为正常工作日/休息日" if plan.confirmed else ""),
        )
        return redirect("web:calendar_notice")
    ctx["plan"] = plan
    return render(request, "web/calendar_notice.html", page(request, "calendar_notice", **ctx))
