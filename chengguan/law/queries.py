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
