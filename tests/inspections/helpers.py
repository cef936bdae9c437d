"""Building blocks for the 行政检查 tests: items and objects through the real actions, and the
snapshot every refusal test compares before and after."""

from __future__ import annotations

from typing import Any

from chengguan.inspections import actions
from chengguan.inspections.models import (
    Inspection,
    InspectionItem,
    InspectionPlan,
    SupervisedEntity,
)
from chengguan.ledger.models import Entry
from tests.penalties.helpers import T0, D, at, credit_code

__all__ = ["T0", "D", "at", "credit_code", "entity", "items", "snapshot"]


def items(demo: Any) -> dict[str, InspectionItem]:
    """A published random item, an unpublished one, a published targeted one with its own cap,
    and a published one whose power is not delegated to the town team (ORG-3)."""
    reviewer = demo.users["reviewer"]
    out: dict[str, InspectionItem] = {}
    for code, power, random, cap, publish in (
        ("JC-R1", "SR001", True, None, True),
        ("JC-U1", "SR002", True, None, False),
        ("JC-T1", "SR002", False, 1, True),
        ("JC-X1", "SR007", True, None, True),  # a power not delegated to the town team
    ):
        item = actions.add_item(
            actor=reviewer,
            code=code,
            name=f"城市市容环境卫生检查{code}",
            power_item=power,
            basis="《城市市容和环境卫生管理条例》第三十四条",
            random=random,
            yearly_cap=cap,
        )
        if publish:
            item = actions.publish_item(item.pk, actor=reviewer)
        out[code] = item
    return out


def entity(
    demo: Any, n: int = 1, who: str = "officer1", kind: str = "enterprise"
) -> SupervisedEntity:
    return actions.add_entity(
        actor=demo.users[who],
        kind=kind,
        name=f"示范县第{n}餐饮有限公司",
        credit_code=credit_code(f"91411323MA47R{n:04d}") if kind == "enterprise" else "",
        address=f"示范县人民路{n}号",
        grid="41132310100101",
        town="白羽街道",
    )


def snapshot() -> tuple[Any, ...]:
    """Every row of the domain and the ledger's length: a refusal leaves all of it unchanged."""
    return (
        list(Inspection.objects.order_by("id").values()),
        list(InspectionPlan.objects.order_by("id").values()),
        SupervisedEntity.objects.count(),
        InspectionItem.objects.count(),
        Entry.objects.count(),
    )
