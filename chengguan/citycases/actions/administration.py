"""Administration of the closed loop's data: grids (SC-1), routing rules and categories (SC-2/SC-6).

Each is a create-or-update; an update's ledger entry carries the old and new values of the fields it
changed (decision 062)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from chengguan.citycases import geo
from chengguan.citycases.actions._base import upsert
from chengguan.citycases.models import Category, Grid, RoutingRule
from chengguan.core.errors import Invalid
from chengguan.ledger.actions import record
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require


def save_grid(
    *,
    actor: Staff | None,
    bureau: OrgUnit,
    code: str,
    geometry: dict[str, Any],
    street_code: str,
    street_name: str,
    community_code: str,
    community_name: str,
    unit: OrgUnit | None = None,
) -> tuple[Grid, bool]:
    """Create or update one grid (SC-1 code form checked); returns (grid, created)."""
    errors: dict[str, str] = {}
    division = bureau.division_code
    if not (
        code.isdigit()
        and len(code) == 14
        and code.startswith(division)
        and code[6:9] == street_code
        and code[9:12] == community_code
    ):
        errors["code"] = (
            f"网格编码应为 14 位数字：行政区划代码 {division} + 3 位街道 + 3 位社区 + 2 位顺序码"
        )
    problem = geo.valid_polygon(geometry)
    if problem:
        errors["geometry"] = problem
    if errors:
        raise Invalid(f"网格 {code} 有误", details=errors)
    with transaction.atomic():
        if actor is not None:
            require(actor, "citycases.grids.manage", bureau)
        grid, created, edit = upsert(
            Grid,
            {"bureau": bureau, "code": code},
            {
                "geometry": geometry,
                "street_code": street_code,
                "street_name": street_name,
                "community_code": community_code,
                "community_name": community_name,
                "unit": unit,
            },
        )
        record(
            actor,
            "citycase.grid.save",
            grid,
            {"code": code, "created": created, **edit},
            bureau_id=bureau.pk,
        )
    geo.invalidate(bureau.pk)
    return grid, created


def save_routing_rule(
    *,
    actor: Staff | None,
    bureau: OrgUnit,
    unit: OrgUnit,
    category: Category | None = None,
    major_code: str = "",
    kind: str = "",
    street_code: str = "",
    priority: int = 100,
    note: str = "",
) -> RoutingRule:
    with transaction.atomic():
        if actor is not None:
            require(actor, "citycases.grids.manage", bureau)
        rule, _, edit = upsert(
            RoutingRule,
            {
                "bureau": bureau,
                "category": category,
                "major_code": major_code,
                "kind": kind,
                "street_code": street_code,
            },
            {"unit": unit, "priority": priority, "note": note},
        )
        record(
            actor,
            "citycase.routing.save",
            rule,
            {
                "category": getattr(category, "code", ""),
                "major_code": major_code,
                "kind": kind,
                "street_code": street_code,
                "unit": unit.code,
                "priority": priority,
                **edit,
            },
            bureau_id=bureau.pk,
        )
    return rule


def save_category(
    *, actor: Staff | None, bureau: OrgUnit, code: str, values: dict[str, Any]
) -> tuple[Category, bool]:
    """Create or update a category (SC-2/SC-6 data kept by the administrator)."""
    with transaction.atomic():
        if actor is not None:
            require(actor, "citycases.grids.manage", bureau)
        cat, created, edit = upsert(Category, {"bureau": bureau, "code": code}, values)
        record(
            actor,
            "citycase.category.save",
            cat,
            {"code": code, "name": cat.name, "created": created, **edit},
            bureau_id=bureau.pk,
        )
    return cat, created
