"""Reads of 查封/扣押: scope through the case (ORG-5 town teams), and the measures due for release."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from chengguan.core import clock
from chengguan.core.errors import NotFound
from chengguan.measures.models import Seizure
from chengguan.measures.states import OPEN
from chengguan.org.models import Staff
from chengguan.penalties import queries as penalty_queries


def seizure(reader: Staff, seizure_id: int) -> Seizure:
    """A seizure on a case the reader may see; anything else is 404 (existence does not leak)."""
    found = (
        Seizure.objects.filter(pk=seizure_id, case__in=penalty_queries.cases(reader))
        .select_related("case")
        .first()
    )
    if found is None:
        raise NotFound("未找到该查封扣押记录，或您无权查看")
    return found


def overdue(bureau_id: int | None = None, on: dt.date | None = None) -> QuerySet[Seizure]:
    """QZ-28/QZ-19: open measures past their period (release at once)."""
    day = on or clock.today()
    rows = Seizure.objects.filter(status__in=OPEN, decide_by__lt=day)
    if bureau_id is not None:
        rows = rows.filter(bureau_id=bureau_id)
    return rows.select_related("case").order_by("decide_by", "id")
