"""Reads across the bureaus a supervising body oversees (issue #16, decision 085).

Each figure is one grouped scan per table over ``bureau_id IN (…)`` and the year's window, served by
the (bureau, date) indexes the per-bureau indicators already use: the province's figures cost one
scan, not one query per bureau. Nothing here writes; case-file reads go through ``actions``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from chengguan.citycases import rollups  # --- helper:rollups ---
from chengguan.citycases.models import CityCase
from chengguan.citycases.states import Status as CityStatus
from chengguan.core import clock
from chengguan.core.errors import NotFound
from chengguan.inspections.models import Inspection
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.oversight_bodies import overseen_bureaus
from chengguan.org.permissions import require
from chengguan.penalties.models import PenaltyCase


def body(reader: Staff) -> OrgUnit:
    """The reader's supervising body: 403 for any other role, 404 for an account of no body."""
    require(reader, "province.view")
    unit = reader.bureau
    if unit is None or not unit.is_oversight_body:
        raise NotFound("未找到所属主管部门")
    return unit


def bureaus(reader: Staff) -> list[OrgUnit]:
    return list(overseen_bureaus(body(reader)))


def bureau(reader: Staff, code: str) -> OrgUnit:
    """One overseen bureau by code; another body's bureau is reported as not found."""
    found = overseen_bureaus(body(reader)).filter(code=code).first()
    if found is None:
        raise NotFound("未找到该机关，或不在您的监督范围内")
    return found


def year_window(year: int) -> tuple[dt.datetime, dt.datetime, dt.date, dt.date]:
    start = dt.datetime(year, 1, 1, tzinfo=clock.SHANGHAI)
    end = dt.datetime(year + 1, 1, 1, tzinfo=clock.SHANGHAI)
    return start, end, dt.date(year, 1, 1), dt.date(year, 12, 31)


def _rate(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


def indicators(reader: Staff, year: int) -> dict[str, Any]:
    """Per bureau and for the whole body: city cases reported, closed, closed on time and
    overdue; penalty cases decided, with a penalty, and the fines; inspections recorded."""
    units = bureaus(reader)
    ids = [u.pk for u in units]
    start, end, first, last = year_window(year)
    now = clock.now()
    city = _city(ids, start, end, first, last, now)  # --- helper:rollups ---
    pen = {
        r["bureau_id"]: r
        for r in PenaltyCase.objects.filter(
            bureau_id__in=ids, decided_on__gte=first, decided_on__lte=last
        )
        .values("bureau_id")
        .annotate(
            decided=Count("id"),
            penalized=Count("id", filter=Q(decision_kind=PenaltyCase.Outcome.PENALTY)),
            fines=Sum("fine_amount", filter=Q(decision_kind=PenaltyCase.Outcome.PENALTY)),
        )
        .order_by()
    }
    insp = {
        r["bureau_id"]: r["n"]
        for r in Inspection.objects.filter(
            bureau_id__in=ids, recorded_on__gte=first, recorded_on__lte=last
        )
        .values("bureau_id")
        .annotate(n=Count("id"))
        .order_by()
    }
    rows = []
    total: dict[str, Any] = {
        "reported": 0,
        "closed": 0,
        "closed_on_time": 0,
        "overdue": 0,
        "decided": 0,
        "penalized": 0,
        "fines": Decimal("0"),
        "inspections": 0,
    }
    for unit in units:
        c = city.get(unit.pk, {})
        p = pen.get(unit.pk, {})
        row: dict[str, Any] = {
            "reported": c.get("reported", 0),
            "closed": c.get("closed", 0),
            "closed_on_time": c.get("closed_on_time", 0),
            "overdue": c.get("overdue", 0),
            "decided": p.get("decided", 0),
            "penalized": p.get("penalized", 0),
            "fines": p.get("fines") or Decimal("0"),
            "inspections": insp.get(unit.pk, 0),
        }
        for key in total:
            total[key] += row[key]
        rows.append({"bureau": unit.code, "name": unit.name, **_shown(row)})
    return {"year": year, "bureaus": rows, "total": _shown(total)}


# --- helper:rollups ---
def _city(
    ids: list[int],
    start: dt.datetime,
    end: dt.datetime,
    first: dt.date,
    last: dt.date,
    now: dt.datetime,
) -> dict[int, dict[str, int]]:
    """Per bureau: reported, closed, closed on time from the day rollups (decision 092), overdue
    counted live; the grouped scan of the cases when the rollup cannot answer."""
    in_year = CityCase.objects.filter(
        bureau_id__in=ids, reported_at__gte=start, reported_at__lt=end
    )
    try:
        got = rollups.sums(ids, first, last, ["s"])["s"]
    except rollups.TooManyDirty:
        return {
            r["bureau_id"]: r
            for r in in_year.values("bureau_id")
            .annotate(
                reported=Count("id"),
                closed=Count("id", filter=Q(status=CityStatus.CLOSED)),
                closed_on_time=Count("id", filter=Q(status=CityStatus.CLOSED, close_on_time=True)),
                overdue=Count("id", filter=Q(current_due__lt=now)),
            )
            .order_by()
        }
    city: dict[int, dict[str, int]] = {}
    for (bureau_id, _), figures in got.items():
        row = city.setdefault(
            bureau_id, {"reported": 0, "closed": 0, "closed_on_time": 0, "overdue": 0}
        )
        for key in ("reported", "closed", "closed_on_time"):
            row[key] += figures[key]
    for r in (
        in_year.filter(current_due__lt=now).values("bureau_id").annotate(n=Count("id")).order_by()
    ):
        city.setdefault(
            r["bureau_id"], {"reported": 0, "closed": 0, "closed_on_time": 0, "overdue": 0}
        )["overdue"] = r["n"]
    return city


# --- /helper:rollups ---


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **{k: v for k, v in row.items() if k != "fines"},
        "fines": f"{row['fines']:.2f}",
        "on_time_closure_rate": _rate(row["closed_on_time"], row["closed"]),
    }


def penalty_cases(reader: Staff, code: str, year: int) -> list[dict[str, Any]]:
    """An overseen bureau's penalty cases of a year, without personal data (a list, not a file)."""
    unit = bureau(reader, code)
    _, _, first, last = year_window(year)
    rows = (
        PenaltyCase.objects.filter(bureau=unit)
        .filter(
            Q(registered_on__gte=first, registered_on__lte=last)
            | Q(decided_on__gte=first, decided_on__lte=last)
        )
        .order_by("id")
        .values("id", "number", "status", "procedure", "registered_on", "decided_on")[:1000]
    )
    return [dict(r) for r in rows]
