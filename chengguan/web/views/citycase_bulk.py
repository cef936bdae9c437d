"""Bulk actions on the 指挥中心 city-case list (issue #15 item 7, decision 087).

Each selected case goes through the SAME action as its own page (``citycases.actions``), one case
at a time, each in its own transaction with its own ledger entry: a refused case is left exactly
as it was, and the answer lists per case whether it was done or refused, with the rule id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from chengguan.citycases import actions, queries
from chengguan.core.errors import ChengguanError, Invalid
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.web.context import page
from chengguan.web.errors import refusal, staff_page

# The most cases one submission may carry: a worklist page is 20 rows, a full screen of them a few
# pages; more than this is not a person's selection.
MAX_CASES = 100

# action → (permission asked before anything is tried, Chinese label)
BULK_ACTIONS: dict[str, tuple[str, str]] = {
    "dispatch": ("citycases.dispatch", "派遣"),
}


@dataclass
class Outcome:
    pk: int
    number: str
    done: bool
    error: dict[str, Any] | None = None


def _ids(request: HttpRequest) -> list[int]:
    raw = request.POST.getlist("case")
    ids: list[int] = []
    for value in raw:
        value = value.strip()
        if not value.isdigit():
            raise Invalid("所选案件编号无效", details={"case": "须为案件编号"})
        if int(value) not in ids:
            ids.append(int(value))
    if not ids:
        raise Invalid("请至少勾选一件案件", details={"case": "未勾选案件"})
    if len(ids) > MAX_CASES:
        raise Invalid(
            f"一次最多批量办理{MAX_CASES}件案件", details={"case": "所选过多", "limit": MAX_CASES}
        )
    return ids


def _run(me: Staff, action: str, pk: int, request: HttpRequest) -> None:
    if action == "dispatch":
        actions.dispatch(
            actor=me,
            case_id=pk,
            unit=request.POST.get("unit", "").strip() or None,
            note=request.POST.get("note", "").strip()[:500],
        )


@staff_page
def bulk(request: HttpRequest) -> HttpResponse:
    """``POST /cases/bulk/``: ``action``, ``case`` (repeated), and the action's own fields."""
    if request.method != "POST":
        return redirect("web:citycase_list")
    assert isinstance(request.user, Staff)
    me = request.user
    action = request.POST.get("action", "")
    if action not in BULK_ACTIONS:
        raise Invalid("不支持的批量操作", details={"action": "请选择批量操作"})
    perm, label = BULK_ACTIONS[action]
    require(me, perm)  # the role first: 403 before any case is touched
    ids = _ids(request)
    numbers = dict(queries.cases(me).filter(pk__in=ids).values_list("pk", "number"))
    results: list[Outcome] = []
    for pk in ids:
        number = numbers.get(pk, f"#{pk}")
        try:
            _run(me, action, pk, request)  # its own transaction and ledger entry
        except ChengguanError as exc:
            results.append(Outcome(pk, number, False, refusal(exc)))
        else:
            results.append(Outcome(pk, number, True))
    done = sum(1 for r in results if r.done)
    ctx = page(
        request,
        "citycases",
        action_label=label,
        results=results,
        done=done,
        refused=len(results) - done,
    )
    return render(request, "web/citycase_bulk.html", ctx)
