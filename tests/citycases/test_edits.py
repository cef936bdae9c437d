"""Edits of existing rows keep old and new values in their ledger entry (decision 062)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from chengguan.citycases import actions
from chengguan.citycases.models import Category, Grid, RoutingRule
from chengguan.demo.context import DemoContext
from chengguan.ledger.models import Entry
from tests.citycases.conftest import CITY


def _last(action: str) -> dict[str, Any]:
    entry = Entry.objects.filter(action=action).order_by("-bureau_id", "-seq").first()
    assert entry is not None
    return dict(json.loads(entry.payload))


def test_a_category_update_records_old_and_new_values(demo: DemoContext) -> None:
    cat = Category.objects.get(bureau=demo.bureau, code="E0101")
    actions.save_category(
        actor=demo.user("admin"),
        bureau=demo.bureau,
        code="E0101",
        values={
            "name": "暴露垃圾（更正）",
            "handle_limit": cat.handle_limit + 2,
            "public": cat.public,
        },
    )
    payload = _last("citycase.category.save")
    assert payload["created"] is False
    assert payload["old"] == {"name": cat.name, "handle_limit": cat.handle_limit}
    assert payload["new"] == {"name": "暴露垃圾（更正）", "handle_limit": cat.handle_limit + 2}


def test_a_new_category_has_no_old_values(demo: DemoContext) -> None:
    _, created = actions.save_category(
        actor=None,
        bureau=demo.bureau,
        code="E0999",
        values={"name": "测试小类", "kind": "event", "major_code": "09", "major_name": "测试"},
    )
    payload = _last("citycase.category.save")
    assert created and payload["created"] is True and "old" not in payload


def test_a_grid_update_names_the_changed_fields_only(demo: DemoContext) -> None:
    grid = Grid.objects.filter(bureau=demo.bureau).order_by("code").first()
    assert grid is not None
    actions.save_grid(
        actor=None,
        bureau=demo.bureau,
        code=grid.code,
        geometry=grid.geometry,
        street_code=grid.street_code,
        street_name=grid.street_name,
        community_code=grid.community_code,
        community_name="更名社区",
        unit=demo.unit("town1"),
    )
    payload = _last("citycase.grid.save")
    assert payload["old"] == {"community_name": grid.community_name, "unit": grid.unit_id}
    assert payload["new"] == {"community_name": "更名社区", "unit": demo.unit("town1").pk}


def test_a_routing_rule_update_records_the_old_unit(demo: DemoContext) -> None:
    rule = RoutingRule.objects.filter(bureau=demo.bureau).order_by("pk").first()
    assert rule is not None
    rules = RoutingRule.objects.filter(bureau=demo.bureau).count()
    actions.save_routing_rule(
        actor=None,
        bureau=demo.bureau,
        unit=demo.unit("greening"),
        category=rule.category,
        major_code=rule.major_code,
        kind=rule.kind,
        street_code=rule.street_code,
        priority=rule.priority,
        note=rule.note,
    )
    assert RoutingRule.objects.filter(bureau=demo.bureau).count() == rules  # an update
    payload = _last("citycase.routing.save")
    assert payload["old"] == {"unit": rule.unit_id}
    assert payload["new"] == {"unit": demo.unit("greening").pk}


def test_filing_that_corrects_category_and_urgency_records_both(demo: DemoContext) -> None:
    case = actions.report(
        actor=demo.user("inspector"),
        source="inspection",
        category="E0101",
        description="类别报错",
        lon=CITY["lon"],
        lat=CITY["lat"],
    )
    actions.file(actor=demo.user("center"), case_id=case.pk, category="E0105", urgent=True)
    payload = _last("citycase.file")
    assert payload["old"] == {"category": "E0101", "urgent": False}
    assert payload["new"] == {"category": "E0105", "urgent": True}
    assert (payload["from"], payload["to"]) == ("reported", "filed")


def test_filing_without_a_correction_adds_no_old_values(demo: DemoContext) -> None:
    case = actions.report(
        actor=demo.user("inspector"),
        source="inspection",
        category="E0101",
        description="类别正确",
        lon=CITY["lon"],
        lat=CITY["lat"],
    )
    actions.file(actor=demo.user("center"), case_id=case.pk, category="E0101")
    assert "old" not in _last("citycase.file")


def test_decimal_limits_compare_by_value(demo: DemoContext) -> None:
    cat = Category.objects.get(bureau=demo.bureau, code="E0101")
    actions.save_category(
        actor=None,
        bureau=demo.bureau,
        code="E0101",
        values={"file_limit_hours": Decimal(str(cat.file_limit_hours))},
    )
    assert _last("citycase.category.save")["new"] == {}
