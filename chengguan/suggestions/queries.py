"""Reads of deputies' suggestions, scoped to the bureau and, outside the bureau-wide and
registering roles, to the suggestions assigned to the reader's unit."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from chengguan.core.errors import NotFound
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.suggestions.models import Reply, Suggestion
from chengguan.suggestions.states import Level, Status

SEES_ALL = ("head", "supervisor", "hotline")


def suggestions(reader: Staff) -> QuerySet[Suggestion]:
    require(reader, "suggestions.view")
    rows = Suggestion.objects.filter(bureau_id=reader.bureau_id)
    if not reader.has_role(*SEES_ALL):
        rows = rows.filter(units=reader.unit_id)
    return (
        rows.select_related("lead_unit")
        .prefetch_related("units", "replies")
        .order_by("-assigned_on", "id")
    )


def suggestion(reader: Staff, pk: int) -> Suggestion:
    found = suggestions(reader).filter(pk=pk).first()
    if found is None:
        raise NotFound("未找到该建议（提案），或您无权查看")
    return found


def current_due(s: Suggestion) -> dt.date | None:
    """JY-1: the deadline now running — the redo's after an unsatisfied answer, none once closed
    or while the delegate's answer is awaited."""
    if s.status == Status.OPEN:
        return s.due_on
    if s.status == Status.REDO:
        return s.redo_due
    return None


# --- helper:permits2 ---
def year_figures(bureau_id: int | None, year: int) -> dict[str, int]:
    """The annual report's 建议提案 counts: received (assigned in the year), replies made in the
    year and those within their deadline (JY-1, redo rounds included), and the delegates' latest
    answers recorded in the year, satisfied or basically satisfied."""
    received = Suggestion.objects.filter(bureau_id=bureau_id, assigned_on__year=year)
    replies = Reply.objects.filter(bureau_id=bureau_id, replied_on__year=year)
    answered = Suggestion.objects.filter(bureau_id=bureau_id, satisfaction_on__year=year)
    return {
        "received": received.count(),
        "npc": received.filter(kind="npc").count(),
        "cppcc": received.filter(kind="cppcc").count(),
        "replies": replies.count(),
        "replies_on_time": replies.filter(late=False).count(),
        "answered": answered.count(),
        "satisfied": answered.filter(satisfaction__in=[Level.SATISFIED, Level.BASICALLY]).count(),
    }


# --- /helper:permits2 ---
