"""The one writer of an inspection's status: checks the table, sets, saves, and writes the action's
single ledger entry with ``from``/``to``. Actions never assign ``inspection.status`` themselves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chengguan.core.errors import StateError
from chengguan.inspections.models import Inspection
from chengguan.inspections.states import ALLOWED, LEADS_TO, Status
from chengguan.ledger.actions import record
from chengguan.org.models import Staff

PREFIX = "inspection."


def require_transition(inspection: Inspection, action: str) -> None:
    """The early state check, so a wrong status is refused before the other checks."""
    if inspection.status not in ALLOWED[action]:
        raise StateError(
            f"该检查当前状态为“{Status(inspection.status).label}”，不能执行此操作",
            details={"status": inspection.status, "action": action},
        )


def transition(
    inspection: Inspection,
    *,
    to: str,
    actor: Staff,
    action: str,
    payload: dict[str, Any] | None = None,
    update_fields: Sequence[str] = (),
) -> None:
    if to not in LEADS_TO[action]:
        raise ValueError(f"{action} cannot lead to {to}")
    before = "" if action == "create" else inspection.status
    if action != "create":
        require_transition(inspection, action)
    inspection.status = to
    if action == "create":
        inspection.save()
    else:
        inspection.save(update_fields=["status", *update_fields])
    record(
        actor,
        PREFIX + action,
        inspection,
        {**(payload or {}), "from": before, "to": to},
    )
