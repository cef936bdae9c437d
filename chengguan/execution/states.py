"""The states of the bureau's own compulsory execution and which action may leave which state
(data, not logic)."""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    # QZ-35: the written 催告 is served; the party may perform, state and defend.
    DEMANDED = "demanded", "已催告"
    # QZ-37: the written 强制执行决定 is made.
    DECIDED = "decided", "已决定强制执行"
    # QZ-44: the demolition notice is posted, the party's own period to demolish running.
    NOTICED = "noticed", "已公告限期自行拆除"
    EXECUTED = "executed", "已强制执行"
    # Performed by the party, the statement adopted (QZ-36), or the decision revoked.
    ENDED = "ended", "已终结"


S = Status
OPEN = frozenset({S.DEMANDED, S.DECIDED, S.NOTICED})

# action → the statuses it may start from; anything else is 409 "state".
ALLOWED: dict[str, frozenset[str]] = {
    "statement": frozenset({S.DEMANDED}),
    "review": frozenset({S.DEMANDED}),
    "decide": frozenset({S.DEMANDED}),
    "notice": frozenset({S.DECIDED}),
    "execute": frozenset({S.DECIDED, S.NOTICED}),
    "end": OPEN,
}

# action → where it may lead ("demand" creates the row).
LEADS_TO: dict[str, frozenset[str]] = {
    "demand": frozenset({S.DEMANDED}),
    "statement": frozenset({S.DEMANDED}),
    "review": frozenset({S.DEMANDED}),
    "decide": frozenset({S.DECIDED}),
    "notice": frozenset({S.NOTICED}),
    "execute": frozenset({S.EXECUTED}),
    "end": frozenset({S.ENDED}),
}
