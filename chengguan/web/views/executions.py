"""行政强制执行 pages of a penalty case (decision 090): the case's executions with the 催告 form, and
each execution's record (催告, statement and 复核, decision, notice, execution) with its steps as
forms and its 文书.

Every page reads the case's executions through ``execution.queries`` (the case's own scope): a
wrong role is 403, another bureau or another town team 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from chengguan.core.errors import ChengguanError, NotFound
from chengguan.execution import queries as execution_queries
from chengguan.execution.models import Execution
from chengguan.org.models import Staff
from chengguan.penalties import queries as penalty_queries
from chengguan.penalties.models import PenaltyCase
from chengguan.web import execution_actions as ea
from chengguan.web.context import page
from chengguan.web.errors import refusal, staff_page
from chengguan.web.formspec import refill


def _me(request: HttpRequest) -> Staff:
    assert isinstance(request.user, Staff)
    return request.user


def _case(me: Staff, pk: int) -> tuple[PenaltyCase, list[Execution]]:
    rows = list(execution_queries.executions(me, pk))  # execution.view, then the case's scope
    return penalty_queries.case(me, pk), rows


def _execution(me: Staff, pk: int, eid: int) -> Execution:
    case, rows = _case(me, pk)
    found = next((e for e in rows if e.pk == eid), None)
    if found is None:
        raise NotFound("未找到该强制执行记录，或您无权查看")
    found.case = case
    return found


def _list_context(
    request: HttpRequest, pk: int, error: Any = None, failed: str = ""
) -> dict[str, Any]:
    me = _me(request)
    case, rows = _case(me, pk)
    form = ea.demand_form(me, case)
    if form is not None and failed == "demand" and request.method == "POST":
        refill([form], "demand", request.POST)
    return page(
        request,
        "penalties",
        case=case,
        executions=rows,
        form=form,
        powers=execution_queries.powers(case.bureau),
        error=error,
        failed=failed,
        failed_shown=failed == "demand" and form is not None,
    )


@staff_page
def case_executions(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "web/executions_list.html", _list_context(request, pk))


@staff_page
def demand(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("web:case_executions", pk=pk)
    me = _me(request)
    case, _ = _case(me, pk)
    try:
        ex = ea.demand(me, case, request.POST)
    except ChengguanError as exc:
        ctx = _list_context(request, pk, error=refusal(exc), failed="demand")
        return render(request, "web/executions_list.html", ctx, status=exc.status)
    messages.success(request, "催告已登记")
    return redirect("web:execution", pk=pk, eid=ex.pk)


def _detail_context(
    request: HttpRequest, ex: Execution, error: Any = None, failed: str = ""
) -> dict[str, Any]:
    forms = ea.forms_for(_me(request), ex)
    if failed and request.method == "POST":
        refill(forms, failed, request.POST)
    return page(
        request,
        "penalties",
        case=ex.case,
        ex=ex,
        forms=forms,
        error=error,
        failed=failed,
        failed_shown=failed in {f.action for f in forms},
    )


@staff_page
def execution_detail(request: HttpRequest, pk: int, eid: int) -> HttpResponse:
    ex = _execution(_me(request), pk, eid)
    return render(request, "web/execution_detail.html", _detail_context(request, ex))


@staff_page
def execution_act(request: HttpRequest, pk: int, eid: int, action: str) -> HttpResponse:
    if request.method != "POST":
        return redirect("web:execution", pk=pk, eid=eid)
    me = _me(request)
    ex = _execution(me, pk, eid)
    call = ea.CALLS.get(action)
    if call is None:
        raise NotFound("没有这项操作")
    try:
        call(me, ex.pk, request.POST)
    except ChengguanError as exc:
        fresh = _execution(me, pk, eid)
        ctx = _detail_context(request, fresh, error=refusal(exc), failed=action)
        return render(request, "web/execution_detail.html", ctx, status=exc.status)
    messages.success(request, f"{ea.LABELS[action]}：已完成")
    return redirect("web:execution", pk=pk, eid=eid)
