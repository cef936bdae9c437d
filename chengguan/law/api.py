"""Law endpoints (mounted at /law): 权责清单, 裁量基准, 免罚清单, 法制审核目录 (reads; SZ-1)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.api.pagination import paginate
from chengguan.api.parsing import money_out
from chengguan.law import queries
from chengguan.law.models import Benchmark, ExemptionItem, PowerItem, ReviewCatalogue
from chengguan.org.permissions import require

router = Router(tags=["权责清单与裁量基准"])


def power_item_out(item: PowerItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "code": item.code,
        "name": item.name,
        "domain": item.domain,
        "domain_label": item.get_domain_display(),
        "violated_provision": item.violated_provision,
        "legal_basis": item.legal_basis,
        "penalty_types": list(item.penalty_types),
        "fine_min": money_out(item.fine_min),
        "fine_max": money_out(item.fine_max),
        "fine_note": item.fine_note,
        "delegated_to": sorted(u.code for u in item.delegated_to.all()),
        "active": item.active,
        # --- helper:due3 --- the statute's shape and version (decisions 066, 076).
        "applies_to": item.applies_to or None,
        "fine_percent_min": _pct(item.fine_percent_min),
        "fine_percent_max": _pct(item.fine_percent_max),
        "fine_base_label": item.fine_base_label or None,
        "effective_from": item.effective_from,
        "effective_until": item.effective_until,
        "supersedes": item.supersedes.code if item.supersedes_id and item.supersedes else None,
        # --- /helper:due3 ---
    }


def _pct(value: Decimal | None) -> str | None:  # helper:due3
    return None if value is None else f"{value.normalize():f}"


def benchmark_out(b: Benchmark) -> dict[str, Any]:
    return {
        "id": b.pk,
        "power_item": b.power_item.code,
        "version": b.version,
        "title": b.title,
        "published_on": b.published_on,
        "effective_from": b.effective_from,  # helper:due3 (XF-37)
        "levels": [
            {
                "level": lv.level,
                "label": lv.get_level_display(),
                "conditions": lv.conditions,
                "fine_min": money_out(lv.fine_min),
                "fine_max": money_out(lv.fine_max),
                "percent_min": _pct(lv.percent_min),  # helper:due3
                "percent_max": _pct(lv.percent_max),  # helper:due3
                "penalty_types": list(lv.penalty_types),
            }
            for lv in b.levels.all()
        ],
    }


def exemption_out(e: ExemptionItem) -> dict[str, Any]:
    return {
        "id": e.pk,
        "code": e.code,
        "power_item": e.power_item.code,
        "power_item_name": e.power_item.name,
        "kind": e.kind,
        "kind_label": e.get_kind_display(),
        "conditions": e.conditions,
        "correction_days": e.correction_days,
        "published_on": e.published_on,
        "active": e.active,
    }


def catalogue_out(c: ReviewCatalogue) -> dict[str, Any]:
    return {
        "id": c.pk,
        "code": c.code,
        "title": c.title,
        "penalty_types": list(c.penalty_types),
        "fine_person_at_least": money_out(c.fine_person_at_least),
        "fine_organisation_at_least": money_out(c.fine_organisation_at_least),
        "power_items": sorted(p.code for p in c.power_items.all()),
    }


@router.get("/power-items", response={200: dict, **ERRORS}, summary="权责清单")
def list_power_items(
    request: HttpRequest, domain: str | None = None, delegated_to: str | None = None
) -> dict[str, Any]:
    me = actor(request)
    require(me, "law.view")
    rows = queries.power_items(me)
    if domain:
        rows = rows.filter(domain=domain)
    if delegated_to:
        rows = rows.filter(delegated_to__code=delegated_to)
    return paginate(request, rows, power_item_out)


@router.get("/power-items/{code}", response={200: dict, **ERRORS}, summary="权责事项详情")
def get_power_item(request: HttpRequest, code: str) -> dict[str, Any]:
    me = actor(request)
    require(me, "law.view")
    item = queries.power_item_by_code(me.bureau_id or 0, code)
    return power_item_out(item)


@router.get("/benchmarks", response={200: dict, **ERRORS}, summary="裁量基准")
def list_benchmarks(request: HttpRequest, power_item: str | None = None) -> dict[str, Any]:
    me = actor(request)
    require(me, "law.view")
    return paginate(request, queries.benchmarks(me, power_item), benchmark_out)


@router.get("/exemptions", response={200: dict, **ERRORS}, summary="免罚清单")
def list_exemptions(request: HttpRequest) -> dict[str, Any]:
    me = actor(request)
    require(me, "law.view")
    return paginate(request, queries.exemptions(me), exemption_out)


@router.get("/review-catalogue", response={200: dict, **ERRORS}, summary="重大执法决定法制审核目录")
def list_review_catalogue(request: HttpRequest) -> dict[str, Any]:
    me = actor(request)
    require(me, "law.view")
    return paginate(request, queries.review_catalogue(me.bureau_id or 0), catalogue_out)
