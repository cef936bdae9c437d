"""Reads of disclosure: the SZ-3 due list, the public list (GS-1 masked per GS-2) and its export.

``public_penalties`` is what the public portal renders: only published, unexpired records of
decisions not revoked, changed or confirmed unlawful.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from chengguan.core import clock
from chengguan.core.rules import local
from chengguan.core.spreadsheets import csv_text
from chengguan.core.workdays import add_workdays
from chengguan.org.models import OrgUnit, Staff
from chengguan.penalties.models import PenaltyCase

from . import gs1
from .masking import public_record
from .models import Publication

# SZ-3: penalty decisions are published within 7 working days of the decision.
PUBLISH_WORKDAYS = 7


def publish_due(case: PenaltyCase) -> dt.date:
    """SZ-3 due date: the case's own ``publish_by`` when the penalty domain set it."""
    if case.publish_by is not None:
        return case.publish_by
    assert case.decided_on is not None
    return add_workdays(case.decided_on, PUBLISH_WORKDAYS)


def live(on: dt.date | None = None, bureau: OrgUnit | None = None) -> QuerySet[Publication]:
    on = on or clock.today()
    rows = Publication.objects.filter(
        status=Publication.Status.PUBLISHED,
        published_on__lte=on,
        expires_on__gte=on,
        penalty_case__decision_revoked_on__isnull=True,
        penalty_case__decision_changed_on__isnull=True,
    )
    if bureau is not None:
        rows = rows.filter(bureau=bureau)
    return rows.order_by("-published_on", "-id")


def public_penalties(
    on: dt.date | None = None, bureau: OrgUnit | None = None
) -> list[dict[str, Any]]:
    """The masked GS-1 records the public may read today (for the portal and the API)."""
    out = []
    for pub in live(on, bureau).select_related("bureau"):
        data = public_record(json.loads(pub.record))
        row = {key: data.get(key, "") for key, _ in gs1.FIELDS}
        row["id"] = pub.pk
        row["published_on"] = pub.published_on.isoformat()
        out.append(row)
    return out


def as_csv(rows: list[dict[str, Any]]) -> str:
    # core.spreadsheets: formula cells neutralised, control characters dropped, a BOM for Excel.
    return csv_text(
        [label for _, label in gs1.FIELDS],
        ([row.get(key, "") for key, _ in gs1.FIELDS] for row in rows),
    )


@dataclass
class Due:
    case: PenaltyCase
    due_on: dt.date
    overdue: bool


def due_list(reader: Staff, on: dt.date | None = None) -> list[Due]:
    """SZ-3: decided penalty cases of the reader's bureau still waiting for publication."""
    on = on or clock.today()
    published = Publication.objects.filter(penalty_case=OuterRef("pk"))
    cases = (
        PenaltyCase.objects.filter(
            bureau_id=reader.bureau_id,
            decision_kind=PenaltyCase.Outcome.PENALTY,
            procedure__in=list(local("disclosure_procedures")),
            decided_on__isnull=False,
            decision_revoked_on__isnull=True,
            decision_changed_on__isnull=True,
        )
        .exclude(decision_number="")
        .annotate(done=Exists(published))
        .filter(done=False)
        .select_related("party")
        .order_by("decided_on", "id")
    )
    rows = [Due(case, publish_due(case), False) for case in cases]
    for row in rows:
        row.overdue = row.due_on < on
    return sorted(rows, key=lambda r: r.due_on)


def publications(reader: Staff) -> QuerySet[Publication]:
    return Publication.objects.filter(bureau_id=reader.bureau_id).order_by("-published_on", "-id")


# --- added by penact ---


def publication_counts(bureau_id: int, period: Q) -> dict[str, int]:
    """Publications of the bureau in ``period`` (a Q on ``published_on``) and those on time, for
    the penalty figures: asked by ``penalties.queries`` through ``core.links`` (installed by
    ``DisclosureConfig.ready()``), since penalties is the lower layer."""
    rows = Publication.objects.filter(period, bureau_id=bureau_id)
    return {"disclosed": rows.count(), "disclosed_on_time": rows.filter(on_time=True).count()}
