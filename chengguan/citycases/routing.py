"""The routing table: which unit a case should be dispatched to (category × area → unit)."""

from __future__ import annotations

from chengguan.citycases.models import Category, Grid, RoutingRule
from chengguan.org.models import OrgUnit


def _matches(rule: RoutingRule, category: Category, grid: Grid) -> bool:
    return (
        (rule.category_id is None or rule.category_id == category.pk)
        and (
            not rule.major_code
            or (
                rule.major_code == category.major_code
                and (not rule.kind or rule.kind == category.kind)
            )
        )
        and (not rule.kind or rule.kind == category.kind)
        and (not rule.street_code or rule.street_code == grid.street_code)
    )


def _specificity(rule: RoutingRule) -> int:
    return (4 if rule.category_id else 2 if rule.major_code else 1 if rule.kind else 0) + (
        8 if rule.street_code else 0
    )


def propose(category: Category, grid: Grid) -> OrgUnit | None:
    """Lowest ``priority`` among matching rules wins, then the more specific rule; with no rule,
    the category's default unit."""
    rules = [
        r
        for r in RoutingRule.objects.filter(bureau_id=category.bureau_id).select_related("unit")
        if _matches(r, category, grid)
    ]
    if rules:
        best = min(rules, key=lambda r: (r.priority, -_specificity(r), r.pk))
        return best.unit
    return category.default_unit
