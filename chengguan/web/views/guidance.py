"""服务型行政执法 in the staff UI (decision 083): the contact points register with its visits (the
visit form is the field part, used on a phone), the legal-risk list and its printable copy for one
enterprise, and 行政指导 records with their follow-up and escalation. Every write is the guidance
action the API calls; a refusal is shown next to the form and changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from chengguan.core import clock
from chengguan.core.errors import ChengguanError, Invalid
from chengguan.guidance import actions, queries
from chengguan.guidance.states import GuidanceKind, PointKind
from chengguan.law.models import Domain
from chengguan.org import queries as org_queries  # helper:forms
from chengguan.org.models import Staff
from chengguan.org.permissions import can
from chengguan.org.roles import Role  # helper:forms
from chengguan.web.context import page
from chengguan.web.errors import refusal, staff_page


def _me(request: HttpRequest) -> Staff:
    assert isinstance(request.user, Staff)
    return request.user


def _date(data: Any, field: str) -> dt.date | None:
    raw = (data.get(field) or "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise Invalid("日期格式应为 年-月-日", details={field: "日期格式不正确"}) from None


def _float(data: Any, field: str) -> float | None:
    raw = (data.get(field) or "").strip()
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        raise Invalid("坐标应为数字", details={field: "应为数字"}) from None


def _names(data: Any, field: str) -> list[str]:
    """The people ticked in the list (helper:forms: picked, not typed); a comma-separated value
    from an older form or a script is still read."""
    out: list[str] = []
    for raw in data.getlist(field):
        for n in raw.replace("，", ",").replace(" ", ",").split(","):
            if n and n not in out:
                out.append(n)
    return out


# --- helper:forms --- issue #15 item 5: people are picked from lists of the own bureau
def _officer_choices(me: Staff) -> list[tuple[str, str]]:
    """The bureau's active enforcement officers, those without a valid certificate marked (the
    action still checks who may act)."""
    today = clock.today()
    people = (
        org_queries.staff(me)
        .filter(roles__role=Role.OFFICER, is_active=True)
        .prefetch_related("certificates")
        .select_related("unit")
        .distinct()
        .order_by("username")
    )
    return [
        (
            p.username,
            f"{p.display_name}（{p.unit.name if p.unit else ''}）"
            + ("" if any(c.is_valid(today) for c in p.certificates.all()) else " — 无有效执法证"),
        )
        for p in people
    ]


def _staff_choices(me: Staff) -> list[tuple[str, str]]:
    people = org_queries.staff(me).filter(is_active=True).select_related("unit")
    return [
        (p.username, f"{p.display_name}（{p.unit.name if p.unit else ''}）")
        for p in people.order_by("username")
    ]


def _picked(request: HttpRequest, field: str) -> list[str]:
    """Who is ticked: what was sent back after a refusal, else the signed-in person."""
    if request.method == "POST":
        return _names(request.POST, field)
    assert isinstance(request.user, Staff)
    return [request.user.username]


# --- /helper:forms ---


def _render(
    request: HttpRequest, template: str, ctx: dict[str, Any], error: ChengguanError | None = None
) -> HttpResponse:
    if error is not None:
        ctx.update(error=refusal(error), form=request.POST)
    return render(
        request,
        template,
        page(request, "guidance", **ctx),
        status=error.status if error is not None else 200,
    )


@staff_page
def points(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    rows = queries.points(me)
    ctx: dict[str, Any] = {
        "points": rows[:200],
        "kinds": PointKind.choices,
        "domains": Domain.choices,
        "can_add": can(me, "guidance.points"),
        "today": clock.today(),
        "staff_choices": _staff_choices(me),  # helper:forms
        "liaison": (request.POST.get("liaison", "") if request.method == "POST" else me.username),
    }
    if request.method == "POST":
        d = request.POST
        try:
            p = actions.add_point(
                actor=me,
                kind=d.get("kind", ""),
                name=d.get("name", ""),
                credit_code=d.get("credit_code", ""),
                address=d.get("address", ""),
                domains=d.getlist("domains"),
                established_on=_date(d, "established_on"),
                liaison=d.get("liaison", ""),
                unit=d.get("unit", ""),
                lon=_float(d, "lon"),
                lat=_float(d, "lat"),
            )
        except ChengguanError as exc:
            return _render(request, "web/guidance_points.html", ctx, exc)
        return redirect("web:guidance_point", pk=p.pk)
    return _render(request, "web/guidance_points.html", ctx)


@staff_page
def point(request: HttpRequest, pk: int) -> HttpResponse:
    me = _me(request)
    p = queries.point(me, pk)
    ctx: dict[str, Any] = {
        "p": p,
        "risks": queries.grouped(queries.risks_for_point(p)),
        "can_visit": can(me, "guidance.points")
        and (me.has_role("head") or me.unit_id == p.unit_id),
        "today": clock.today(),
        "staff_choices": _staff_choices(me),  # helper:forms
        "picked": _picked(request, "officers"),
    }
    if request.method == "POST":
        d = request.POST
        try:
            actions.record_visit(
                p.pk,
                actor=me,
                visited_on=_date(d, "visited_on"),
                officers=_names(d, "officers"),
                topics=d.get("topics", ""),
                problems=d.get("problems", ""),
                follow_up=d.get("follow_up", ""),
            )
        except ChengguanError as exc:
            return _render(request, "web/guidance_point.html", ctx, exc)
        return redirect("web:guidance_point", pk=p.pk)
    return _render(request, "web/guidance_point.html", ctx)


@staff_page
def point_risks(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable 法律风险防控清单 for one enterprise (the browser's print makes the PDF)."""
    me = _me(request)
    p = queries.point(me, pk)
    ctx = {
        "p": p,
        "bureau": me.bureau,
        "risks": queries.grouped(queries.risks_for_point(p)),
        "today": clock.today(),
    }
    return render(request, "web/guidance_point_risks.html", page(request, "guidance", **ctx))


@staff_page
def risks(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    ctx: dict[str, Any] = {
        "risks": queries.risks(me)[:500],
        "can_edit": can(me, "guidance.risks"),
    }
    if request.method == "POST":
        d = request.POST
        try:
            if d.get("publish"):
                found = queries.risk(me, int(d["publish"]))
                actions.publish_risk(found.pk, actor=me)
            else:
                actions.add_risk(
                    actor=me,
                    power_item=d.get("power_item", ""),
                    risk=d.get("risk", ""),
                    legal_basis=d.get("legal_basis", ""),
                    advice=d.get("advice", ""),
                )
        except ValueError:
            return _render(request, "web/guidance_risks.html", ctx, Invalid("事项编号不正确"))
        except ChengguanError as exc:
            return _render(request, "web/guidance_risks.html", ctx, exc)
        return redirect("web:guidance_risks")
    return _render(request, "web/guidance_risks.html", ctx)


@staff_page
def records(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    ctx: dict[str, Any] = {
        "records": queries.records(me)[:200],
        "kinds": GuidanceKind.choices,
        "points": queries.points(me)[:200],
        "can_issue": can(me, "guidance.advise"),
        "today": clock.today(),
    }
    if request.method == "POST":
        d = request.POST
        try:
            raw_point = (d.get("point") or "").strip()
            g = actions.issue(
                actor=me,
                kind=d.get("kind", ""),
                to_name=d.get("to_name", ""),
                to_credit_code=d.get("to_credit_code", ""),
                point=int(raw_point) if raw_point.isdigit() else None,
                power_item=d.get("power_item", ""),
                basis=d.get("basis", ""),
                content=d.get("content", ""),
                issued_on=_date(d, "issued_on"),
                correct_by=_date(d, "correct_by"),
            )
        except ChengguanError as exc:
            return _render(request, "web/guidance_records.html", ctx, exc)
        return redirect("web:guidance_record", pk=g.pk)
    return _render(request, "web/guidance_records.html", ctx)


@staff_page
def record(request: HttpRequest, pk: int) -> HttpResponse:
    me = _me(request)
    g = queries.record(me, pk)
    ctx: dict[str, Any] = {
        "g": g,
        "can_act": can(me, "guidance.advise") and (me.has_role("head") or me.unit_id == g.unit_id),
        "today": clock.today(),
        "officer_choices": _officer_choices(me),  # helper:forms
        "picked": _picked(request, "officers"),
    }
    if request.method == "POST":
        d = request.POST
        try:
            if d.get("step") == "escalate":
                actions.escalate(
                    g.pk,
                    actor=me,
                    to=d.get("to", ""),
                    category=d.get("category", ""),
                    lon=_float(d, "lon"),
                    lat=_float(d, "lat"),
                    item=d.get("item", ""),
                    officers=_names(d, "officers"),
                )
            else:
                raw = d.get("corrected", "")
                actions.follow_up(
                    g.pk,
                    actor=me,
                    visited_on=_date(d, "visited_on"),
                    corrected={"1": True, "0": False}.get(raw),
                    note=d.get("note", ""),
                )
        except ChengguanError as exc:
            return _render(request, "web/guidance_record.html", ctx, exc)
        return redirect("web:guidance_record", pk=g.pk)
    return _render(request, "web/guidance_record.html", ctx)
