"""人大建议/政协提案 staff pages (issue #14, helper:permits2): receipt with number, title, lead and
co-handling units and the JY-1 deadline; the lead unit's reply; the delegate's satisfaction and
the redo when unsatisfied."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from chengguan.core import clock
from chengguan.core.errors import ChengguanError, NotFound
from chengguan.ledger.queries import timeline
from chengguan.org import queries as org_queries
from chengguan.org.models import Staff
from chengguan.org.permissions import can
from chengguan.suggestions import actions, queries
from chengguan.suggestions.models import Suggestion
from chengguan.suggestions.states import ALLOWED, Kind, Level, Status
from chengguan.web.context import page
from chengguan.web.errors import refusal, staff_page
from chengguan.web.formspec import ActionForm, Field, date, open_first_primary, refill


def _me(request: HttpRequest) -> Staff:
    assert isinstance(request.user, Staff)
    return request.user


def _unit_choices(me: Staff) -> list[tuple[str, str]]:
    return [(u.code, u.name) for u in org_queries.units(me).filter(active=True).order_by("code")]


def register_form(me: Staff) -> ActionForm:
    return ActionForm(
        "register",
        "登记建议（提案）",
        [
            Field("kind", "类别", "radio", required=True, choices=list(Kind.choices)),
            Field("number", "建议（提案）号", required=True),
            Field("title", "标题", required=True),
            Field(
                "assigned_on", "交办日期", "date", required=True, initial=clock.today().isoformat()
            ),
            Field("lead", "主办单位", "select", required=True, choices=_unit_choices(me)),
            Field("co", "协办单位", "multi", choices=_unit_choices(me)),
        ],
    )


def _available(me: Staff, s: Suggestion) -> list[ActionForm]:
    out: list[ActionForm] = []
    lead = me.has_role("head") or me.unit_id == s.lead_unit_id
    if s.status in ALLOWED["reply"] and can(me, "suggestions.reply", s) and lead:
        out.append(
            ActionForm(
                "reply",
                "答复" if s.status == Status.OPEN else "重新办理答复",
                [
                    Field(
                        "replied_on",
                        "答复日期",
                        "date",
                        required=True,
                        initial=clock.today().isoformat(),
                    ),
                    Field("document", "答复文号"),
                    Field("text", "答复内容", "textarea", required=True),
                ],
            )
        )
    if s.status in ALLOWED["satisfaction"] and can(me, "suggestions.register", s):
        out.append(
            ActionForm(
                "satisfaction",
                "登记代表（委员）满意度",
                [
                    Field(
                        "level",
                        "满意度",
                        "radio",
                        required=True,
                        choices=list(Level.choices),
                        help="不满意的，重新办理并再次答复（JY-1）",
                    )
                ],
            )
        )
    return open_first_primary(out)


CALLS: dict[str, Callable[[Staff, int, QueryDict], Suggestion]] = {
    "reply": lambda u, pk, d: actions.reply(
        pk,
        actor=u,
        replied_on=date(d, "replied_on", "答复日期") if d.get("replied_on") else None,
        text=d.get("text", ""),
        document=d.get("document", ""),
    ),
    "satisfaction": lambda u, pk, d: actions.satisfaction(pk, actor=u, level=d.get("level", "")),
}


def _list_context(request: HttpRequest, error: Any = None, failed: str = "") -> dict[str, Any]:
    me = _me(request)
    rows = queries.suggestions(me)
    status = request.GET.get("status", "")
    if status in Status.values:
        rows = rows.filter(status=status)
    forms = [register_form(me)] if can(me, "suggestions.register") else []
    if failed:
        refill(forms, failed, request.POST)
    items = [{"s": s, "due": queries.current_due(s)} for s in rows[:200]]
    return page(
        request,
        "suggestions",
        items=items,
        statuses=Status.choices,
        f={"status": status},
        forms=forms,
        error=error,
        failed=failed,
        today=clock.today(),
    )


@staff_page
def suggestion_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        me = _me(request)
        d = request.POST
        try:
            lead = d.get("lead", "")
            s = actions.register(
                actor=me,
                kind=d.get("kind", ""),
                number=d.get("number", ""),
                title=d.get("title", ""),
                assigned_on=date(d, "assigned_on", "交办日期") if d.get("assigned_on") else None,
                units=[lead, *[c for c in d.getlist("co") if c != lead]],
            )
        except ChengguanError as exc:
            ctx = _list_context(request, error=refusal(exc), failed="register")
            return render(request, "web/suggestions_list.html", ctx, status=exc.status)
        messages.success(request, f"已登记 {s.number}，答复期限 {s.due_on:%Y-%m-%d}")
        return redirect("web:suggestion", pk=s.pk)
    return render(request, "web/suggestions_list.html", _list_context(request))


def _detail_context(
    request: HttpRequest, s: Suggestion, error: Any = None, failed: str = ""
) -> dict[str, Any]:
    forms = _available(_me(request), s)
    if failed:
        refill(forms, failed, request.POST)
    return page(
        request,
        "suggestions",
        s=s,
        due=queries.current_due(s),
        replies=list(s.replies.order_by("round")),
        forms=forms,
        entries=list(timeline(s)),
        error=error,
        failed=failed,
        today=clock.today(),
    )


@staff_page
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    s = queries.suggestion(_me(request), pk)
    return render(request, "web/suggestions_detail.html", _detail_context(request, s))


@staff_page
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if request.method != "POST":
        return redirect("web:suggestion", pk=pk)
    me = _me(request)
    s = queries.suggestion(me, pk)
    call = CALLS.get(action)
    if call is None:
        raise NotFound("没有这项操作")
    try:
        call(me, s.pk, request.POST)
    except ChengguanError as exc:
        fresh = queries.suggestion(me, pk)
        ctx = _detail_context(request, fresh, error=refusal(exc), failed=action)
        return render(request, "web/suggestions_detail.html", ctx, status=exc.status)
    messages.success(request, "已完成")
    return redirect("web:suggestion", pk=pk)
