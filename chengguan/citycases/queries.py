"""Reads: case lists and worklists, the case page, and the indicators (SC-4, RX-5).

The indicators are aggregate queries (one per grouping), never loops over cases: a county year is
~55,000 cases. Definitions are written out in docs/indicators.md; keep the two in step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from chengguan.citycases import rollups  # --- helper:rollups ---
from chengguan.citycases.models import CaseStep, Category, CityCase, Extension, Grid
from chengguan.citycases.scope import sees_whole_bureau, visible_q
from chengguan.citycases.states import HOTLINE_SOURCES, Source, Status
from chengguan.core import clock, links
from chengguan.core.errors import Invalid, NotFound
from chengguan.core.pii import query_code_matches
from chengguan.org.models import OrgUnit, Staff

DISPOSED = [Status.HANDLED, Status.VERIFIED, Status.CLOSED]

# The kinds of unit a case may be dispatched to (the dispatch action and the list filter).
DISPATCH_KINDS = frozenset(
    {
        OrgUnit.Kind.DEPARTMENT,
        OrgUnit.Kind.TOWN,
        OrgUnit.Kind.STREET,
        OrgUnit.Kind.BRIGADE,
        OrgUnit.Kind.SQUAD,
    }
)


def dispatch_units(reader: Staff) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(
        bureau_id=reader.bureau_id, active=True, kind__in=DISPATCH_KINDS
    ).order_by("code")


def categories(reader: Staff) -> QuerySet[Category]:
    return (
        Category.objects.filter(bureau_id=reader.bureau_id, active=True)
        .select_related("default_unit")
        .order_by("code")
    )


def grids(reader: Staff) -> QuerySet[Grid]:
    return Grid.objects.filter(bureau_id=reader.bureau_id).select_related("unit").order_by("code")


def cases(reader: Staff) -> QuerySet[CityCase]:
    return CityCase.objects.filter(visible_q(reader)).select_related(
        "category", "grid", "unit", "area_unit", "proposed_unit", "merged_into"
    )


def case(reader: Staff, pk: int) -> CityCase:
    found = cases(reader).filter(pk=pk).first()
    if found is None:
        raise NotFound("未找到该案件，或您无权查看")
    return found


def _bool(value: str | None, field: str) -> bool | None:
    if value is None or value == "":
        return None
    low = value.strip().lower()
    if low in {"true", "1", "yes"}:
        return True
    if low in {"false", "0", "no"}:
        return False
    raise Invalid("查询参数有误", details={field: "应为 true 或 false"})


def case_list(
    reader: Staff,
    *,
    status: str | None = None,
    source: str | None = None,
    unit: str | None = None,
    overdue: str | None = None,
    category: str | None = None,
    grid: str | None = None,
) -> QuerySet[CityCase]:
    rows = cases(reader)
    errors: dict[str, str] = {}
    if status:
        wanted = [s for s in status.split(",") if s]
        if set(wanted) - set(Status.values):
            errors["status"] = "状态取值不在允许范围内"
        rows = rows.filter(status__in=wanted)
    if source:
        wanted = [s for s in source.split(",") if s]
        if set(wanted) - set(Source.values):
            errors["source"] = "来源取值不在允许范围内"
        rows = rows.filter(source__in=wanted)
    if errors:
        raise Invalid("查询参数有误", details=errors)
    if unit:
        rows = rows.filter(unit__code=unit)
    if category:
        rows = rows.filter(category__code=category)
    if grid:
        rows = rows.filter(grid__code=grid)
    late = _bool(overdue, "overdue")
    if late is True:
        # The overdue worklist: the step now running is past its due time, most overdue first.
        return rows.filter(current_due__lt=clock.now()).order_by("current_due", "id")
    if late is False:
        rows = rows.exclude(current_due__lt=clock.now())
    return rows.order_by("-reported_at", "-id")


# ---------------------------------------------------------------------------------------------
# indicators


def period(date_from: dt.date | None, date_to: dt.date | None) -> tuple[dt.datetime, dt.datetime]:
    """[from 00:00, to+1 00:00) in Asia/Shanghai; default: the current calendar year."""
    today = clock.today()
    start = date_from or dt.date(today.year, 1, 1)
    end = date_to or dt.date(today.year, 12, 31)
    if end < start:
        raise Invalid("统计期间有误", details={"to": "截止日期不能早于起始日期"})
    return (
        dt.datetime.combine(start, dt.time(0), clock.SHANGHAI),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), clock.SHANGHAI),
    )


def _aggregates() -> dict[str, Any]:
    # the clock-free counts are the rollup's (decision 092); "overdue" is live, in its old place
    out: dict[str, Any] = {}
    for key, agg in rollups.counted().items():
        out[key] = agg
        if key == "returned":
            out["overdue"] = Count("id", filter=Q(current_due__lt=clock.now()))
    return out


def _add(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Totals of several groups: every figure is a count or a sum, so groups add up."""
    total: dict[str, Any] = dict.fromkeys(_KEYS, 0)
    for row in rows:
        for key in _KEYS:
            total[key] += row[key] or 0
    return total


def _rate(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


def _figures(row: dict[str, Any], hotline: bool = False) -> dict[str, Any]:
    valid = row["reported"] - row["merged"]
    n = row["handle_hours_n"]
    out = {key: row[key] for key in _COUNTS}
    out.update(
        {
            "filing_rate": _rate(row["filed"], valid),
            "disposal_rate": _rate(row["handled"], row["should_dispose"]),
            "on_time_disposal_rate": _rate(row["handled_on_time"], row["should_dispose"]),
            "closure_rate": _rate(row["closed"], row["should_close"]),
            "on_time_closure_rate": _rate(row["closed_on_time"], row["should_close"]),
            "rework_rate": _rate(row["reworked"], row["handled_ever"]),
            "return_rate": _rate(row["returned"], row["dispatched"]),
            "avg_handle_hours": round((row["handle_hours_sum"] or 0) / n, 2) if n else None,
        }
    )
    if hotline:
        out.update(
            {
                "callbacks": row["callbacks"],
                "satisfied": row["satisfied"],
                "completion_rate": _rate(row["closed"], valid),
                "on_time_completion_rate": _rate(row["closed_on_time"], valid),
                "callback_rate": _rate(row["callbacks"], row["closed"]),
                "satisfaction_rate": _rate(row["satisfied"], row["callbacks"]),
                "repeat_rate": _rate(row["merged"], row["reported"]),
            }
        )
    return out


_KEYS = list(_aggregates())
_COUNTS = [
    k
    for k in _KEYS
    if k not in {"handle_hours_sum", "handle_hours_n", "callbacks", "satisfied", "handled_ever"}
]


GROUPINGS = frozenset({"category", "grid"})


def indicators(
    reader: Staff,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    by: frozenset[str] | set[str] = frozenset(),
    *,
    recount: bool = False,
) -> dict[str, Any]:
    """One grouped scan per grouping: source and unit always (API.md), category and grid when
    asked (``by``). Totals are the sum of the source groups. Groups are keyed by id and named from
    the small tables, so no scan joins another table.

    A reader who sees the whole bureau is answered from the rollup (clean days) plus a live
    recount of dirty days and of "overdue" (``citycases.rollups``); ``recount`` forces the scan of
    the cases, which is the definition the rollup is tested against."""
    unknown = set(by) - GROUPINGS
    if unknown:
        raise Invalid("查询参数有误", details={"by": "只能是 category、grid"})
    start, end = period(date_from, date_to)
    base = CityCase.objects.filter(visible_q(reader), reported_at__gte=start, reported_at__lt=end)
    # --- helper:rollups --- a whole bureau's figures come from its day rollup (decision 092)
    rolled = None if recount else _rolled(reader, base, start, end, by)
    if rolled is not None:
        sources, units, cats, grid_rows = rolled
    else:
        sources, units, cats, grid_rows = _recounted(base, by)
    # --- /helper:rollups ---
    unit_names = dict(
        OrgUnit.objects.filter(pk__in=[r["unit_id"] for r in units]).values_list("pk", "code")
    )
    unit_labels = dict(OrgUnit.objects.filter(pk__in=unit_names).values_list("pk", "name"))
    cat_info = {
        pk: (code, name)
        for pk, code, name in Category.objects.filter(
            pk__in=[r["category_id"] for r in cats]
        ).values_list("pk", "code", "name")
    }
    grid_info = {
        g[0]: g[1:]
        for g in Grid.objects.filter(pk__in=[r["grid_id"] for r in grid_rows]).values_list(
            "pk", "code", "community_name", "street_name"
        )
    }
    total = _add(sources)
    hotline = _add(r for r in sources if r["source"] in HOTLINE_SOURCES)
    out = {
        "from": clock.local(start).date().isoformat(),
        "to": (clock.local(end).date() - dt.timedelta(days=1)).isoformat(),
        **_figures(total),
        "hotline": _figures(hotline, hotline=True),
        "by_source": {
            r["source"]: _figures(r, hotline=r["source"] in HOTLINE_SOURCES) for r in sources
        },
        "by_unit": sorted(
            (
                {"unit": unit_names[r["unit_id"]], "name": unit_labels[r["unit_id"]], **_figures(r)}
                for r in units
            ),
            key=lambda u: u["unit"],
        ),
    }
    if "category" in by:
        out["by_category"] = sorted(
            (
                {
                    "category": cat_info[r["category_id"]][0],
                    "name": cat_info[r["category_id"]][1],
                    **_figures(r),
                }
                for r in cats
            ),
            key=lambda c: c["category"],
        )
    if "grid" in by:
        out["by_grid"] = sorted(
            (
                {
                    "grid": grid_info[r["grid_id"]][0],
                    "community": grid_info[r["grid_id"]][1],
                    "street": grid_info[r["grid_id"]][2],
                    **_figures(r),
                }
                for r in grid_rows
            ),
            key=lambda g: g["grid"],
        )
    return out


# --- helper:rollups ---
Rows = list[dict[str, Any]]


def _recounted(base: QuerySet[CityCase], by: frozenset[str] | set[str]) -> tuple[Rows, ...]:
    """The groups counted from the cases (the definition)."""
    aggs = _aggregates()
    sources = list(base.values("source").annotate(**aggs).order_by("source"))
    # callbacks and satisfaction are shown for hotline sources only: the other scans skip them
    aggs = {k: v for k, v in aggs.items() if k not in {"callbacks", "satisfied"}}
    units = list(
        base.filter(unit__isnull=False).values("unit_id").annotate(**aggs).order_by("unit_id")
    )
    cats = (
        list(base.values("category_id").annotate(**aggs).order_by("category_id"))
        if "category" in by
        else []
    )
    grid_rows = (
        list(base.values("grid_id").annotate(**aggs).order_by("grid_id")) if "grid" in by else []
    )
    return sources, units, cats, grid_rows


def _rolled(
    reader: Staff,
    base: QuerySet[CityCase],
    start: dt.datetime,
    end: dt.datetime,
    by: frozenset[str] | set[str],
) -> tuple[Rows, ...] | None:
    """The same groups from the rollup, or None when it cannot answer (a unit's or an area's
    reader, or too many dirty days in the period)."""
    if not sees_whole_bureau(reader):
        return None
    bureau_id = int(reader.bureau_id or 0)
    dims = ["s", "u"] + (["c"] if "category" in by else []) + (["g"] if "grid" in by else [])
    first = clock.local(start).date()
    last = clock.local(end).date() - dt.timedelta(days=1)
    try:
        got = rollups.sums([bureau_id], first, last, dims)
    except rollups.TooManyDirty:
        return None
    late = base.filter(current_due__lt=clock.now())
    out: list[Rows] = []
    for dim, field in (("s", "source"), ("u", "unit_id"), ("c", "category_id"), ("g", "grid_id")):
        if dim not in got:
            out.append([])
            continue
        overdue = {
            rollups.key_of(r[field]): r["n"]
            for r in late.values(field).annotate(n=Count("id")).order_by()
            if r[field] is not None
        }
        rows = []
        for (_, key), figures in got[dim].items():
            value: Any = key if dim == "s" else int(key)
            rows.append({field: value, **figures, "overdue": overdue.get(key, 0)})
        rows.sort(key=lambda r: r[field])
        out.append(rows)
    return tuple(out)


# --- /helper:rollups ---


# --- added by lintrules ---
# Public reads (the portal) take the bureau the citizen asked for instead of a reader.


def public_categories(bureau: OrgUnit) -> QuerySet[Category]:
    return Category.objects.filter(bureau=bureau, public=True, active=True).order_by("code")


def public_reports(bureau: OrgUnit) -> QuerySet[CityCase]:
    """The cases the public reported itself (portal / Open311): the only ones shown in public.

    Staff-entered cases (inspection, 12345, 信访, letters) are never public, whatever their source
    says: a hotline clerk's report has ``reported_by`` set."""
    return CityCase.objects.filter(bureau=bureau, source=Source.PUBLIC, reported_by__isnull=True)


def public_case(bureau: OrgUnit, number: str, code: str) -> CityCase | None:
    """A case as its reporter tracks it: by number AND query code, with its steps in order.

    A wrong code answers exactly as a number that does not exist (None), so the page is no oracle
    for which numbers exist."""
    case = (
        public_reports(bureau)
        .filter(number=number)
        .select_related("category", "unit")
        .prefetch_related(Prefetch("steps", queryset=CaseStep.objects.order_by("at", "id")))
        .first()
    )
    if not query_code_matches(code, case.query_code_digest if case is not None else ""):
        return None
    return case


def public_grids(bureau: OrgUnit) -> QuerySet[Grid]:
    return Grid.objects.filter(bureau=bureau).order_by("code")


def pending_extension() -> Exists:
    """For a filter over cases: the case has an extension request that awaits a decision."""
    return Exists(
        Extension.objects.filter(case=OuterRef("pk"), decision=Extension.Decision.PENDING)
    )


# --- added by penact ---


def case_in_bureau(bureau_id: int | None, city_case_id: int) -> bool:
    """Whether the bureau has this city case: the check a penalty case citing it asks for,
    through ``core.links`` (installed by ``CitycasesConfig.ready()``)."""
    return CityCase.objects.filter(pk=city_case_id, bureau_id=bureau_id).exists()


# --- helper:inspections2 ---
def grid_streets(bureau_id: int | None) -> dict[str, tuple[str, int | None]]:
    """The bureau's grids → (street/town name, responsible unit): what the 名录库 import of
    ``inspections`` checks a row's grid and town against, through ``core.links``."""
    rows = Grid.objects.filter(bureau_id=bureau_id).values_list("code", "street_name", "unit_id")
    return {code: (street, unit) for code, street, unit in rows}


# --- /helper:inspections2 ---


# --- helper:stalls ---
def grid_geometries(bureau_id: int | None) -> list[dict[str, Any]]:
    """The bureau's grid polygons: the area a 便民临时摊点 of ``permits`` must lie in."""
    return list(Grid.objects.filter(bureau_id=bureau_id).values_list("geometry", flat=True))


# GB/T 30428.2 events of street trading (占道经营, 无照经营游商): inside a 便民临时摊点 during its
# hours they are the point's business, not unlicensed trading.
STREET_TRADING = frozenset({"E0501", "E0503"})


def inside_stall_point(case: CityCase) -> bool:
    """Street trading reported inside a stall point open at the time of the report; asked of
    ``permits`` through ``core.links`` (no permits: never inside)."""
    if case.category.code not in STREET_TRADING:
        return False
    try:
        found = links.ask(
            "permits.point_open_at", case.bureau_id, case.lon, case.lat, case.reported_at
        )
    except LookupError:
        return False
    return found is not None


# --- /helper:stalls ---


# --- helper:permits2 ---
def stall_point_unit(case: CityCase) -> OrgUnit | None:
    """The managing unit of the open stall point a street-trading case lies in (asked of
    ``permits`` through ``core.links``), when it can take a dispatch; else None and the routing
    table decides. Inside the point during its hours the trading is the point's business (a 服务
    matter), not unlicensed trading for the enforcement squad."""
    if case.category.code not in STREET_TRADING:
        return None
    try:
        found = links.ask(
            "permits.point_unit_at", case.bureau_id, case.lon, case.lat, case.reported_at
        )
    except LookupError:
        return None
    if found is None or found[1] is None:
        return None
    return OrgUnit.objects.filter(
        pk=found[1], bureau_id=case.bureau_id, active=True, kind__in=DISPATCH_KINDS
    ).first()


# --- /helper:permits2 ---
