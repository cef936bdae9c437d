"""Reads of 查封/扣押: scope through the case (ORG-5 town teams), and the measures due for release."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from chengguan.core import clock
from chengguan.core.errors import NotFound
from chengguan.ledger.models import Blob
from chengguan.measures.models import Seizure
from chengguan.measures.states import OPEN
from chengguan.org.models import Staff
from chengguan.penalties import queries as penalty_queries


def of_case(case_id: int) -> QuerySet[Seizure]:
    """A case's measures, for a page that has already read the case with the reader's scope."""
    return Seizure.objects.filter(case_id=case_id).select_related(
        "approved_by", "held_by", "extended_by", "released_by", "disposed_by"
    )


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
    """QZ-28/QZ-19: open measures past their period, and emergency measures not approved within
    24 hours (release at once). ``on`` a day: the 24 hours count to that day's start."""
    day = on or clock.today()
    now = clock.now() if on is None else dt.datetime.combine(day, dt.time(), clock.SHANGHAI)
    rows = Seizure.objects.filter(status__in=OPEN).filter(
        Q(decide_by__lt=day) | Q(status=Seizure.Status.PENDING, report_by__lt=now)
    )
    if bureau_id is not None:
        rows = rows.filter(bureau_id=bureau_id)
    return rows.select_related("case").order_by("decide_by", "id")


def photo(s: Seizure, sha: str) -> Blob | None:
    """An evidence file the measure names (lot, item or return receipt), of the case's bureau;
    any other file of the store is not this measure's to show, whatever its hash."""
    if sha not in s.photo_shas():
        return None
    return Blob.objects.filter(pk=sha, bureau_id=s.bureau_id).first()
