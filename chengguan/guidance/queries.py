"""Reads of service-type enforcement, scoped to the bureau and, outside the bureau-wide roles, to
the reader's unit; the published risk list is public (portal)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, QuerySet

from chengguan.core.errors import NotFound
from chengguan.guidance.models import ContactPoint, GuidanceRecord, RiskItem, Visit
from chengguan.guidance.states import GuidanceKind, Status
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require

SEES_ALL = ("head", "supervisor", "reviewer")


def _scoped(reader: Staff, rows: QuerySet, field: str = "unit_id") -> QuerySet:  # type: ignore[type-arg]
    rows = rows.filter(bureau_id=reader.bureau_id)
    if not reader.has_role(*SEES_ALL):
        rows = rows.filter(**{field: reader.unit_id})
    return rows


def points(reader: Staff) -> QuerySet[ContactPoint]:
    require(reader, "guidance.view")
    return (
        _scoped(reader, ContactPoint.objects.all())
        .select_related("unit", "liaison")
        .prefetch_related("visits__officers")
        .order_by("-established_on", "id")
    )


def point(reader: Staff, pk: int) -> ContactPoint:
    found = points(reader).filter(pk=pk).first()
    if found is None:
        raise NotFound("未找到该联系点，或您无权查看")
    return found


def risks(reader: Staff) -> QuerySet[RiskItem]:
    """The whole list (drafts too) for the staff: it is the bureau's, not a unit's."""
    require(reader, "guidance.view")
    return (
        RiskItem.objects.filter(bureau_id=reader.bureau_id)
        .select_related("power_item")
        .order_by("power_item__code", "id")
    )


def risk(reader: Staff, pk: int) -> RiskItem:
    found = risks(reader).filter(pk=pk).first()
    if found is None:
        raise NotFound("未找到该风险防控事项")
    return found


def published_risks(bureau: OrgUnit) -> QuerySet[RiskItem]:
    return (
        RiskItem.objects.filter(bureau=bureau, published_on__isnull=False, power_item__active=True)
        .select_related("power_item")
        .order_by("power_item__domain", "power_item__code", "id")
    )


def risks_for_point(p: ContactPoint) -> QuerySet[RiskItem]:
    """The published risks of the power items in the domains of the point's business."""
    return published_risks(p.bureau).filter(power_item__domain__in=list(p.domains or []))


def grouped(rows: QuerySet[RiskItem]) -> list[tuple[str, list[RiskItem]]]:
    """Risks by power item, in list order (the printed list's one heading per item)."""
    out: dict[str, list[RiskItem]] = defaultdict(list)
    for r in rows:
        out[f"{r.power_item.code} {r.power_item.name}"].append(r)
    return list(out.items())


def records(reader: Staff) -> QuerySet[GuidanceRecord]:
    require(reader, "guidance.view")
    return (
        _scoped(reader, GuidanceRecord.objects.all())
        .select_related("unit", "point", "power_item", "issued_by")
        .prefetch_related("follow_ups")
        .order_by("-issued_on", "-id")
    )


def record(reader: Staff, pk: int) -> GuidanceRecord:
    found = records(reader).filter(pk=pk).first()
    if found is None:
        raise NotFound("未找到该行政指导记录，或您无权查看")
    return found


def year_counts(bureau: OrgUnit, year: int) -> list[tuple[int, int]]:
    """(unit id, 行政指导 issued in the year) — each counts as 服务 in the 721 figures."""
    return list(
        GuidanceRecord.objects.filter(bureau=bureau, issued_on__year=year)
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )


def year_figures(bureau: OrgUnit, year: int) -> dict[str, int]:
    """The annual report's counts of service-type enforcement (decision 083)."""
    given = GuidanceRecord.objects.filter(bureau=bureau, issued_on__year=year)
    return {
        "points": ContactPoint.objects.filter(
            bureau=bureau, established_on__lte=dt.date(year, 12, 31)
        ).count(),
        "visits": Visit.objects.filter(bureau=bureau, visited_on__year=year).count(),
        "records": given.count(),
        "warnings": given.filter(kind=GuidanceKind.WARNING).count(),
        "corrected": given.filter(status=Status.CORRECTED).count(),
        "escalated": given.filter(status=Status.ESCALATED).count(),
        "risks": RiskItem.objects.filter(
            bureau=bureau, published_on__lte=dt.date(year, 12, 31)
        ).count(),
    }
