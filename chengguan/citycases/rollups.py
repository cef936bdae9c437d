"""Indicator rollups (issue #16 item 2, decision 092): the counts of each bureau's day.

A case counts in the day it was reported (Asia/Shanghai), and the indicators' periods are whole
days, so a period's figures are the sum of its days. The rows of a (bureau, day) are rewritten
whole from the cases by ``refresh`` — never incremented — so a clean day equals a recount by
construction. A write to a case marks its day dirty in the write's own transaction (``touch``: one
upsert, the only cost on the intake path); the reads recount dirty days live and take the rest
from the rollup, so the figures are exact at every moment whether or not the job has run.

``overdue`` compares with the clock: it is counted live, over the ``(bureau, current_due)`` index.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate

from chengguan.citycases.models import CityCase, Rollup, RollupDirty
from chengguan.citycases.states import Satisfaction, Status
from chengguan.core import clock

DISPOSED = [Status.HANDLED, Status.VERIFIED, Status.CLOSED]

# dim → the case column it groups by
DIMS: dict[str, str] = {"s": "source", "u": "unit_id", "c": "category_id", "g": "grid_id"}

# Above this many dirty days in a period the read recounts the whole period instead.
MAX_DIRTY_DAYS = 62


def counted() -> dict[str, Any]:
    """The indicators' aggregates that do not depend on the clock (all but ``overdue``)."""
    good = [Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED]
    disposed = Q(status__in=DISPOSED)
    return {
        "reported": Count("id"),
        "merged": Count("id", filter=Q(status=Status.MERGED)),
        "filed": Count("id", filter=Q(filed_at__isnull=False)),
        "rejected": Count("id", filter=Q(status=Status.REJECTED)),
        "dispatched": Count("id", filter=Q(dispatched_at__isnull=False)),
        "should_dispose": Count(
            "id", filter=Q(dispatched_at__isnull=False) & ~Q(status=Status.MERGED)
        ),
        "handled": Count("id", filter=disposed),
        "handled_on_time": Count("id", filter=disposed & Q(handle_on_time=True)),
        "handled_ever": Count("id", filter=Q(handled_at__isnull=False)),
        "should_close": Count("id", filter=Q(filed_at__isnull=False) & ~Q(status=Status.MERGED)),
        "closed": Count("id", filter=Q(status=Status.CLOSED)),
        "closed_on_time": Count("id", filter=Q(status=Status.CLOSED, close_on_time=True)),
        "reworked": Count("id", filter=Q(rework_count__gt=0)),
        "returned": Count("id", filter=Q(return_count__gt=0)),
        "callbacks": Count("id", filter=Q(callback_at__isnull=False)),
        "satisfied": Count("id", filter=Q(callback_at__isnull=False, satisfaction__in=good)),
        # sum and count rather than an average, so that groups add up to totals exactly
        "handle_hours_sum": Sum("handle_work_hours", filter=disposed),
        "handle_hours_n": Count("handle_work_hours", filter=disposed),
    }


FIELDS: list[str] = list(counted())


def local_day(at: dt.datetime) -> dt.date:
    return clock.local(at).date()


def day_bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[first 00:00, last+1 00:00) in Asia/Shanghai."""
    return (
        dt.datetime.combine(first, dt.time(0), clock.SHANGHAI),
        dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), clock.SHANGHAI),
    )


# ---------------------------------------------------------------------------------------------
# the write side


def touch(case: CityCase) -> None:
    """Mark the case's day dirty, inside the caller's transaction: one upsert. ``gen`` is bumped
    so that a refresh running at the same time keeps the mark (see ``refresh``)."""
    touch_day(int(case.bureau_id), local_day(case.reported_at))


def touch_day(bureau_id: int, day: dt.date) -> None:
    table = RollupDirty._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {table} (bureau_id, day, gen) VALUES (%s, %s, 1)"
            f" ON CONFLICT (bureau_id, day) DO UPDATE SET gen = {table}.gen + 1",
            [bureau_id, connection.ops.adapt_datefield_value(day)],
        )


def key_of(value: Any) -> str:
    """A grouping value as the rollup keeps it (a source, or an id as text)."""
    return "" if value is None else str(value)


def recount(bureau_ids: Iterable[int], first: dt.date, last: dt.date) -> list[Rollup]:
    """The rollup rows of these bureaus' days [first, last], counted from the cases: one grouped
    scan per grouping over the (bureau, reported_at) range."""
    start, end = day_bounds(first, last)
    base = CityCase.objects.filter(
        bureau_id__in=list(bureau_ids), reported_at__gte=start, reported_at__lt=end
    ).annotate(rday=TruncDate("reported_at", tzinfo=clock.SHANGHAI))
    aggs = counted()
    rows: list[Rollup] = []
    for dim, field in DIMS.items():
        scan = base.filter(unit__isnull=False) if dim == "u" else base
        for r in scan.values("bureau_id", "rday", field).annotate(**aggs).order_by():
            rows.append(
                Rollup(
                    bureau_id=r["bureau_id"],
                    day=r["rday"],
                    dim=dim,
                    key=key_of(r[field]),
                    **{f: (r[f] or 0) for f in FIELDS},
                )
            )
    return rows


def _replace(
    bureau_id: int, first: dt.date, last: dt.date, marks: list[tuple[dt.date, int]]
) -> int:
    """Rewrite the rows of one bureau's days [first, last] and remove the marks ``(day, gen)``
    that were read before the recount and have not been bumped since. One transaction."""
    with transaction.atomic():
        rows = recount([bureau_id], first, last)
        Rollup.objects.filter(bureau_id=bureau_id, day__gte=first, day__lte=last).delete()
        Rollup.objects.bulk_create(rows, batch_size=2000)
        for day, gen in marks:
            RollupDirty.objects.filter(bureau_id=bureau_id, day=day, gen=gen).delete()
    return len(rows)


def refresh(limit: int = 5000) -> int:
    """The job: recount every dirty (bureau, day), oldest mark first; returns the days done.

    A mark's ``gen`` is read before its day is recounted, and the mark is removed only if ``gen``
    is unchanged: a write that committed before the read is in the recount (READ COMMITTED), and a
    write after it bumped ``gen`` (its upsert holds the row until it commits, so the DELETE waits
    and then sees the new ``gen``) and keeps the day marked for the next run."""
    marks = list(
        RollupDirty.objects.order_by("bureau_id", "day").values_list("bureau_id", "day", "gen")[
            :limit
        ]
    )
    for bureau_id, day, gen in marks:
        _replace(bureau_id, day, day, [(day, gen)])
    return len(marks)


def _years(bureau_ids: list[int] | None, year: int | None) -> list[tuple[int, int]]:
    """(bureau, year) pairs that hold cases or rollup rows, optionally limited."""
    cases = CityCase.objects.all()
    rolled = Rollup.objects.all()
    if bureau_ids is not None:
        cases, rolled = (
            cases.filter(bureau_id__in=bureau_ids),
            rolled.filter(bureau_id__in=bureau_ids),
        )
    pairs: set[tuple[int, int]] = set()
    for b in set(cases.values_list("bureau_id", flat=True).order_by().distinct()) | set(
        rolled.values_list("bureau_id", flat=True).order_by().distinct()
    ):
        if year is not None:
            pairs.add((b, year))
            continue
        found = CityCase.objects.filter(bureau_id=b).order_by("reported_at")
        first = found.values_list("reported_at", flat=True).first()
        last = found.order_by("-reported_at").values_list("reported_at", flat=True).first()
        years = set(Rollup.objects.filter(bureau_id=b).dates("day", "year"))
        span = {d.year for d in years}
        if first is not None and last is not None:
            span |= set(range(local_day(first).year, local_day(last).year + 1))
        pairs |= {(b, y) for y in span}
    return sorted(pairs)


def rebuild(bureau_ids: list[int] | None = None, year: int | None = None) -> int:
    """Rewrite the rollup of these bureaus (all) and year (all), one transaction per bureau-year;
    returns the rows written. Marks read before the recount are removed as in ``refresh``."""
    written = 0
    for b, y in _years(bureau_ids, year):
        first, last = dt.date(y, 1, 1), dt.date(y, 12, 31)
        marks = list(
            RollupDirty.objects.filter(bureau_id=b, day__gte=first, day__lte=last).values_list(
                "day", "gen"
            )
        )
        written += _replace(b, first, last, marks)
    return written


@dataclass(frozen=True)
class Difference:
    bureau_id: int
    day: dt.date
    dim: str
    key: str
    field: str
    rolled: float
    counted: float

    def __str__(self) -> str:
        return (
            f"机关 {self.bureau_id} {self.day.isoformat()} 分组 {self.dim}:{self.key or '（空）'}"
            f" {self.field}：汇总 {self.rolled}，重新计数 {self.counted}"
        )


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def verify(bureau_ids: list[int] | None = None, year: int | None = None) -> Difference | None:
    """The first difference between the rollup of clean days and a recount, or None. Dirty days
    are skipped: by design their rows may lag, and the reads recount them live."""
    for b, y in _years(bureau_ids, year):
        first, last = dt.date(y, 1, 1), dt.date(y, 12, 31)
        dirty = set(
            RollupDirty.objects.filter(bureau_id=b, day__gte=first, day__lte=last).values_list(
                "day", flat=True
            )
        )
        want = {(r.day, r.dim, r.key): r for r in recount([b], first, last) if r.day not in dirty}
        have = {
            (r.day, r.dim, r.key): r
            for r in Rollup.objects.filter(bureau_id=b, day__gte=first, day__lte=last)
            if r.day not in dirty
        }
        for k in sorted(set(want) | set(have)):
            w, h = want.get(k), have.get(k)
            for f in FIELDS:
                wv = float(getattr(w, f)) if w is not None else 0.0
                hv = float(getattr(h, f)) if h is not None else 0.0
                if not _same(wv, hv):
                    return Difference(b, k[0], k[1], k[2], f, hv, wv)
    return None


# ---------------------------------------------------------------------------------------------
# the read side


def _day_ranges(days: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    out: list[tuple[dt.date, dt.date]] = []
    for d in sorted(days):
        if out and (d - out[-1][1]).days == 1:
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out


class TooManyDirty(Exception):
    """The period has too many dirty days for the rollup to help: recount it whole."""


def sums(
    bureau_ids: list[int], first: dt.date, last: dt.date, dims: Iterable[str]
) -> dict[str, dict[tuple[int, str], dict[str, Any]]]:
    """dim → (bureau, key) → the counted fields over the days [first, last]: clean days from the
    rollup, dirty days recounted live from the cases. Raises TooManyDirty."""
    dirty: dict[int, list[dt.date]] = defaultdict(list)
    for b, d in RollupDirty.objects.filter(
        bureau_id__in=bureau_ids, day__gte=first, day__lte=last
    ).values_list("bureau_id", "day"):
        dirty[b].append(d)
    if sum(len(v) for v in dirty.values()) > MAX_DIRTY_DAYS:
        raise TooManyDirty
    out: dict[str, dict[tuple[int, str], dict[str, Any]]] = {}
    skip = Q()
    for b, days in dirty.items():
        skip |= Q(bureau_id=b, day__in=days)
    live = Q()
    for b, days in dirty.items():
        for lo, hi in _day_ranges(days):
            start, end = day_bounds(lo, hi)
            live |= Q(bureau_id=b, reported_at__gte=start, reported_at__lt=end)
    aggs = counted()
    for dim in dims:
        got: dict[tuple[int, str], dict[str, Any]] = {}
        rolled = Rollup.objects.filter(
            bureau_id__in=bureau_ids, dim=dim, day__gte=first, day__lte=last
        )
        if dirty:
            rolled = rolled.exclude(skip)
        for r in rolled.values("bureau_id", "key").annotate(**{f: Sum(f) for f in FIELDS}):
            got[(r["bureau_id"], r["key"])] = {f: r[f] or 0 for f in FIELDS}
        if dirty:
            field = DIMS[dim]
            scan = CityCase.objects.filter(live)
            if dim == "u":
                scan = scan.filter(unit__isnull=False)
            for r in scan.values("bureau_id", field).annotate(**aggs).order_by():
                k = (r["bureau_id"], key_of(r[field]))
                row = got.setdefault(k, dict.fromkeys(FIELDS, 0))
                for f in FIELDS:
                    row[f] += r[f] or 0
        out[dim] = got
    return out
