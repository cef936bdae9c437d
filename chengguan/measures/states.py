"""The states of a 查封/扣押 and which action may leave which state (data, not logic)."""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    # QZ-19: taken on the spot in an emergency, the head's approval still to come (24 h).
    PENDING = "pending", "待补批"
    HELD = "held", "查封扣押中"
    RELEASED = "released", "已解除"
    DISPOSED = "disposed", "已处理"


S = Status
OPEN = frozenset({S.PENDING, S.HELD})

# action → the statuses it may start from; anything else is 409 "state".
ALLOWED: dict[str, frozenset[str]] = {
    "approve": frozenset({S.PENDING}),
    "extend": frozenset({S.HELD}),
    "release": OPEN,
    "dispose": frozenset({S.HELD}),
}

# action → where it may lead ("seize" creates the row).
LEADS_TO: dict[str, frozenset[str]] = {
    "seize": OPEN,
    "approve": frozenset({S.HELD}),
    "extend": frozenset({S.HELD}),
    "release": frozenset({S.RELEASED}),
    "dispose": frozenset({S.DISPOSED}),
}
