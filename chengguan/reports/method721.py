"""The "721" work method (issue #14): most problems solved by service and persuasion (服务), a
minority by management (管理), few by penalty (执法). Each closed city case and each recorded
inspection outcome is tagged from what its workflow tells:

- a penalty case was opened from it → 执法 (``enforcement``);
- else a correction order was given (责令改正, inspections) → 管理 (``management``);
- else → 服务 (``service``: solved by handling, advice, persuasion).

Where the workflow cannot tell, the outcome recorded at closing counts
(``outcome_721`` of the city case and of the inspection, decision 083); nothing recorded is 服务
as before. Each 行政指导 record (chengguan.guidance) issued in the year counts as 服务 of its
unit.

The figures count per handling unit and year (the city case's closing day, the inspection's
recording day, both in Asia/Shanghai), with their shares."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from chengguan.citycases.models import CityCase
from chengguan.citycases.states import Status as CaseStatus
from chengguan.core.clock import SHANGHAI
from chengguan.guidance import queries as guidance_queries  # --- helper:service ---
from chengguan.inspections.models import Inspection
from chengguan.org.models import OrgUnit
from chengguan.penalties.models import PenaltyCase

SERVICE, MANAGEMENT, ENFORCEMENT = "service", "management", "enforcement"
LABELS = {SERVICE: "服务", MANAGEMENT: "管理", ENFORCEMENT: "执法"}
# --- helper:service --- the recorded outcome and the 行政指导 records join the count
METHOD = (
    "按“721”工作法统计：年度内结案的数字城管案件、记录了检查结果的行政检查和发出的行政指导"
    "（行政建议、提醒函、告诫书）。已立案查处的计为执法，责令改正的计为管理；"
    "流程不能说明的，按结案（办结）时登记的“721分类”计，未登记的计为服务；"
    "行政指导均计为服务。按承办（实施）单位分列，占比四舍五入保留一位小数。"
)


def tag(*, penalty_opened: bool, correction_ordered: bool, recorded: str = "") -> str:
    if penalty_opened:
        return ENFORCEMENT
    if correction_ordered:
        return MANAGEMENT
    return recorded if recorded in LABELS else SERVICE


# --- /helper:service ---


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime(year, 1, 1, tzinfo=SHANGHAI)
    return start, dt.datetime(year + 1, 1, 1, tzinfo=SHANGHAI)


def tagged(bureau: OrgUnit, year: int) -> list[tuple[str, int | None, str]]:
    """(kind "city_case" | "inspection", unit id, tag) for every counted outcome of the year."""
    start, end = _year_bounds(year)
    cases = list(
        CityCase.objects.filter(
            bureau=bureau, status=CaseStatus.CLOSED, closed_at__gte=start, closed_at__lt=end
        ).values_list("id", "unit_id", "outcome_721")  # --- helper:service --- outcome_721
    )
    # --- helper:rollups --- the bureau's penalty cases opened from a city case (a few hundred),
    # not an IN list of every closed case of the year (tens of thousands of parameters)
    opened = set(
        PenaltyCase.objects.filter(bureau=bureau, city_case_id__isnull=False).values_list(
            "city_case_id", flat=True
        )
    )
    # --- /helper:rollups ---
    # --- helper:service --- the recorded outcome where the workflow does not tell
    out: list[tuple[str, int | None, str]] = [
        (
            "city_case",
            unit,
            tag(penalty_opened=pk in opened, correction_ordered=False, recorded=recorded),
        )
        for pk, unit, recorded in cases
    ]
    rows = Inspection.objects.filter(
        bureau=bureau, recorded_on__gte=dt.date(year, 1, 1), recorded_on__lt=dt.date(year + 1, 1, 1)
    ).values_list("unit_id", "case_id", "correction_ordered_on", "outcome_721")
    out += [
        (
            "inspection",
            unit,
            tag(
                penalty_opened=case is not None,
                correction_ordered=ordered is not None,
                recorded=recorded,
            ),
        )
        for unit, case, ordered, recorded in rows
    ]
    for unit, n in guidance_queries.year_counts(bureau, year):
        out += [("guidance", unit, SERVICE)] * n
    # --- /helper:service ---
    return out


def _share(part: int, total: int) -> str:
    if not total:
        return "0.0"
    return str((Decimal(part) * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _line(counts: dict[str, int]) -> dict[str, Any]:
    total = sum(counts.values())
    return {
        **{k: counts.get(k, 0) for k in LABELS},
        "total": total,
        "percent": {k: _share(counts.get(k, 0), total) for k in LABELS},
    }


def figures(bureau: OrgUnit, year: int) -> dict[str, Any]:
    per_unit: dict[int | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    whole: dict[str, int] = defaultdict(int)
    by_kind: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for kind, unit, t in tagged(bureau, year):
        per_unit[unit][t] += 1
        whole[t] += 1
        by_kind[kind][t] += 1
    names = dict(
        OrgUnit.objects.filter(pk__in=[u for u in per_unit if u]).values_list("pk", "name")
    )
    codes = dict(
        OrgUnit.objects.filter(pk__in=[u for u in per_unit if u]).values_list("pk", "code")
    )
    units = [
        {
            "unit": codes.get(u) if u else None,
            "name": names.get(u, "未指定单位") if u else "未指定单位",
            **_line(c),
        }
        for u, c in sorted(per_unit.items(), key=lambda kv: codes.get(kv[0] or 0) or "~")
    ]
    return {
        "year": year,
        "bureau": bureau.code,
        "labels": LABELS,
        "total": _line(whole),
        "city_cases": _line(by_kind["city_case"]),
        "inspections": _line(by_kind["inspection"]),
        "guidance": _line(by_kind["guidance"]),  # --- helper:service ---
        "units": units,
        "method": METHOD,
    }
