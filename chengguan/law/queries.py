"""Reads of the law data, always scoped to the reader's bureau."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from chengguan.core.errors import NotFound
from chengguan.law.models import Benchmark, ExemptionItem, PowerItem, ReviewCatalogue
from chengguan.org.models import OrgUnit, Staff


def power_items(reader: Staff) -> QuerySet[PowerItem]:
    return (
        PowerItem.objects.filter(bureau_id=reader.bureau_id)
        .prefetch_related("delegated_to")
        .order_by("code")
    )


def power_item_by_code(bureau_id: int, code: str) -> PowerItem:
    item = PowerItem.objects.filter(bureau_id=bureau_id, code=code, active=True).first()
    if item is None:
        raise NotFound(f"未找到权责事项 {code}", details={"power_item": code})
    return item


def applicable_benchmark(item: PowerItem, on: dt.date) -> Benchmark | None:
    """XF-34: the newest version published on or before ``on``."""
    return (
        Benchmark.objects.filter(power_item=item, published_on__isnull=False, published_on__lte=on)
        .prefetch_related("levels")
        .order_by("-published_on", "-version")
        .first()
    )


# --- helper:due3 --- XF-37 从旧兼从轻.
def benchmark_versions(
    item: PowerItem, act_date: dt.date, on: dt.date
) -> tuple[Benchmark | None, list[Benchmark]]:
    """The versions published and in force by ``on``: the one in force on ``act_date``, and the
    later ones (newest first). A version is in force from its 施行日期, else its publication."""
    rows = [
        b
        for b in Benchmark.objects.filter(
            power_item=item, published_on__isnull=False, published_on__lte=on
        ).prefetch_related("levels")
        if b.in_force_from is not None and b.in_force_from <= on
    ]
    rows.sort(key=lambda b: (b.in_force_from, b.version), reverse=True)
    at_act = next((b for b in rows if b.in_force_from <= act_date), None)  # type: ignore[operator]
    later = [b for b in rows if b.in_force_from > act_date]  # type: ignore[operator]
    return at_act, later


def older_versions(item: PowerItem) -> list[PowerItem]:
    """The power items ``item`` supersedes, newest first (a short chain; a loop stops)."""
    chain: list[PowerItem] = []
    seen = {item.pk}
    current = item.supersedes
    while current is not None and current.pk not in seen:
        chain.append(current)
        seen.add(current.pk)
        current = current.supersedes
    return chain


def newer_versions(item: PowerItem, on: dt.date) -> list[PowerItem]:
    """The items that supersede ``item`` (directly or further on) and are in force by ``on``."""
    found: list[PowerItem] = []
    frontier = [item.pk]
    seen = {item.pk}
    while frontier:
        rows = [r for r in PowerItem.objects.filter(supersedes_id__in=frontier, active=True)]
        rows = [r for r in rows if r.pk not in seen]
        seen.update(r.pk for r in rows)
        frontier = [r.pk for r in rows]
        found += [r for r in rows if r.effective_from is None or r.effective_from <= on]
    return found


# --- /helper:due3 ---


def benchmarks(reader: Staff, power_item: str | None = None) -> QuerySet[Benchmark]:
    rows = Benchmark.objects.filter(bureau_id=reader.bureau_id).select_related("power_item")
    if power_item:
        rows = rows.filter(power_item__code=power_item)
    return rows.prefetch_related("levels").order_by("power_item__code", "-version")


def exemptions(reader: Staff) -> QuerySet[ExemptionItem]:
    return (
        ExemptionItem.objects.filter(bureau_id=reader.bureau_id)
        .select_related("power_item")
        .order_by("code")
    )


def review_catalogue(bureau_id: int) -> QuerySet[ReviewCatalogue]:
    return (
        ReviewCatalogue.objects.filter(bureau_id=bureau_id, active=True)
        .prefetch_related("power_items")
        .order_by("code")
    )


# --- added by lintrules ---
# Public reads (the portal): no reader, the bureau is the one asked for.


def public_power_items(bureau: OrgUnit) -> QuerySet[PowerItem]:
    return (
        PowerItem.objects.filter(bureau=bureau, active=True)
        .prefetch_related("delegated_to")
        .order_by("code")
    )


def published_benchmarks(bureau: OrgUnit, on: dt.date) -> QuerySet[Benchmark]:
    """Every version published by ``on``, newest first within each power item."""
    return (
        Benchmark.objects.filter(bureau=bureau, published_on__lte=on)
        .select_related("power_item")
        .prefetch_related("levels")
        .order_by("power_item__code", "-version")
    )
