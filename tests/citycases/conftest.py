"""Helpers for city-case tests: points inside the demo grids and a case driven to any status."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from chengguan.citycases import actions
from chengguan.citycases.models import CityCase
from chengguan.demo.context import DemoContext

# 白羽街道 (street1's area) and 西坪镇 (town1's area) of the demo grid lattice.
CITY = {"lon": 111.4612, "lat": 33.2712}
TOWN = {"lon": 111.5212, "lat": 33.2912}
OUTSIDE = {"lon": 116.40, "lat": 39.90}

# The shortest path of actions to each status, with the actor of each step.
PATHS: dict[str, list[str]] = {
    "reported": [],
    "filed": ["file"],
    "rejected": ["reject"],
    "merged": ["merge"],
    "dispatched": ["file", "dispatch"],
    "handled": ["file", "dispatch", "handle"],
    "verified": ["file", "dispatch", "handle", "verify"],
    "closed": ["file", "dispatch", "handle", "verify", "close"],
}


def report_body(
    category: str = "E0101", where: dict[str, float] | None = None, **extra: Any
) -> dict[str, Any]:
    return {
        "source": "inspection",
        "category": category,
        "description": "人行道上有暴露垃圾",
        "location": where or CITY,
        "address": "人民路与白羽路交叉口",
        **extra,
    }


def drive(
    demo: DemoContext,
    status: str,
    *,
    category: str = "E0101",
    where: dict[str, float] | None = None,
    source: str = "inspection",
    unit: str = "sanitation",
) -> CityCase:
    """A new case brought to ``status`` through the real actions."""
    point = where or CITY
    # source "public": reported by the public itself (portal / Open311), with no staff actor.
    case = actions.report(
        actor=None
        if source == "public"
        else demo.user("inspector")
        if source == "inspection"
        else demo.user("hotline"),
        bureau=demo.bureau if source == "public" else None,
        public=source == "public",
        source=source,
        category=category,
        description="测试案件",
        lon=point["lon"],
        lat=point["lat"],
        requester_name="张三" if source != "inspection" else "",
        requester_phone="13812345678" if source != "inspection" else "",
    )
    center = demo.user("center")
    handler = {
        "sanitation": "handler_sanitation",
        "greening": "handler_greening",
        "municipal": "handler_municipal",
        "town1": "town_officer1",
        "squad1": "officer1",
    }[unit]
    for step in PATHS[status]:
        if step == "file":
            actions.file(actor=center, case_id=case.pk)
        elif step == "reject":
            actions.reject(actor=center, case_id=case.pk, reason="不属于城管职责")
        elif step == "merge":
            other = actions.report(
                actor=demo.user("inspector"),
                source="inspection",
                category=category,
                description="另一件",
                lon=point["lon"],
                lat=point["lat"],
            )
            actions.merge(actor=center, case_id=case.pk, into=other.pk, reason="重复")
        elif step == "dispatch":
            actions.dispatch(actor=center, case_id=case.pk, unit=unit)
        elif step == "handle":
            actions.handle(actor=demo.user(handler), case_id=case.pk, result="已清理")
        elif step == "verify":
            actions.verify(
                actor=demo.user("inspector"), case_id=case.pk, passed=True, note="已核实"
            )
        elif step == "close":
            actions.close(
                actor=center, case_id=case.pk, reply="已处理" if source != "inspection" else ""
            )
    case.refresh_from_db()
    assert case.status == status
    return case


@pytest.fixture
def make_case(demo: DemoContext) -> Callable[..., CityCase]:
    def make(status: str = "reported", **kwargs: Any) -> CityCase:
        return drive(demo, status, **kwargs)

    return make
