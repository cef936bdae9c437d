"""The states of a deputy's suggestion and which action may leave which state (data only)."""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    OPEN = "open", "办理中"
    REPLIED = "replied", "已答复，待反馈"
    REDO = "redo", "不满意，重新办理"
    CLOSED = "closed", "已办结"


class Kind(models.TextChoices):
    NPC = "npc", "人大代表建议"
    CPPCC = "cppcc", "政协委员提案"


class Level(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


S = Status
ALLOWED: dict[str, frozenset[str]] = {
    "reply": frozenset({S.OPEN, S.REDO}),
    "satisfaction": frozenset({S.REPLIED}),
}
LEADS_TO: dict[str, frozenset[str]] = {
    "create": frozenset({S.OPEN}),
    "reply": frozenset({S.REPLIED}),
    "satisfaction": frozenset({S.CLOSED, S.REDO}),
}
