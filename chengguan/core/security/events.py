"""The security trail: its own append-only table, never the ledger (a refusal changes no Entry)."""

from __future__ import annotations

from typing import Any

from chengguan.core import clock
from chengguan.core.models import SecurityEvent


def record_event(
    *,
    kind: str,
    username: str = "",
    staff: Any = None,
    ip: str = "",
    channel: str = "",
    detail: str = "",
) -> SecurityEvent:
    return SecurityEvent.objects.create(
        at=clock.now(),
        kind=kind,
        channel=channel[:20],
        username=username[:150],
        staff_id=getattr(staff, "pk", None),
        bureau_id=getattr(staff, "bureau_id", None),
        ip=ip[:64],
        detail=detail[:300],
    )
