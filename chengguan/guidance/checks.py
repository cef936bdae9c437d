"""Procedural checks of 行政指导 as pure functions (no LEGAL-RULES id: refusals are ``state``)."""

from __future__ import annotations

from chengguan.core.errors import StateError
from chengguan.guidance.models import GuidanceRecord
from chengguan.guidance.states import ALLOWED, Status

_WHY = {
    "follow_up": "该行政指导已改正或已转立案（检查），不再回访",
    "escalate": "只有回访确认未改正的行政指导才能转立案或检查",
}


def require_transition(g: GuidanceRecord, action: str) -> None:
    if g.status not in ALLOWED[action]:
        raise StateError(
            f"{_WHY[action]}（当前状态：{Status(g.status).label}）",
            details={"status": g.status},
        )
