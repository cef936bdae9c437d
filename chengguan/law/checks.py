"""Checks on the law data itself (CL-1): a benchmark stays inside the law it refines."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from chengguan.core.errors import Violation
from chengguan.law.models import Level, PowerItem
from chengguan.law.registry import violation


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def benchmark_levels(item: PowerItem, levels: list[dict[str, Any]]) -> list[Violation]:
    """CL-1: each band is ordered; 从轻/一般/从重 lie inside the statutory range; 减轻 lies below its
    minimum; a level's penalty types are ones the item's legal basis provides for."""
    found: list[Violation] = []
    lo, hi = item.fine_min, item.fine_max
    for lv in levels:
        name = Level(lv["level"]).label
        a, b = _dec(lv.get("fine_min")), _dec(lv.get("fine_max"))
        if a is not None and b is not None and a > b:
            found.append(violation("CL-1", f"“{name}”阶次的罚款下限高于上限", level=lv["level"]))
        outside = [t for t in lv.get("penalty_types", []) if t not in item.penalty_types]
        if outside:
            found.append(
                violation(
                    "CL-1",
                    f"“{name}”阶次含处罚依据未规定的种类：{'、'.join(outside)}",
                    level=lv["level"],
                )
            )
        if lv["level"] in (Level.LIGHTER, Level.GENERAL, Level.HEAVIER) and (
            (lo is not None and a is not None and a < lo)
            or (hi is not None and b is not None and b > hi)
        ):
            found.append(
                violation(
                    "CL-1", f"“{name}”阶次的罚款幅度超出法定幅度（{lo}–{hi}元）", level=lv["level"]
                )
            )
        # --- helper:due3 --- a percentage band stays inside the statute's percentages.
        pa, pb = _dec(lv.get("percent_min")), _dec(lv.get("percent_max"))
        plo, phi = item.fine_percent_min, item.fine_percent_max
        if pa is not None and pb is not None and pa > pb:
            found.append(
                violation("CL-1", f"“{name}”阶次的罚款比例下限高于上限", level=lv["level"])
            )
        if lv["level"] in (Level.LIGHTER, Level.GENERAL, Level.HEAVIER) and (
            (plo is not None and pa is not None and pa < plo)
            or (phi is not None and pb is not None and pb > phi)
        ):
            found.append(
                violation(
                    "CL-1",
                    f"“{name}”阶次的罚款比例超出法定比例（{plo}%–{phi}%）",
                    level=lv["level"],
                )
            )
        # --- /helper:due3 ---
        if lv["level"] == Level.MITIGATED and lo is not None and b is not None and b > lo:
            found.append(
                violation("CL-1", f"减轻处罚的罚款应低于法定最低罚款{lo}元", level=lv["level"])
            )
    return found
