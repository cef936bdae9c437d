"""The one writer of an execution's status (as decision 062 for cases): checks the table, sets,
saves, and writes the action's single ledger entry with ``from``/``to``. Actions never assign
``execution.status`` themselves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chengguan.core.errors import StateError
from chengguan.execution.models import Execution
from chengguan.execution.states import ALLOWED, LEADS_TO, Status
from chengguan.ledger.actions import record
from chengguan.org.models import Staff

PREFIX = "execution."


def require_transition(execution: Execution, action: str) -> None:
    """The early state check of an action, so a wrong status is refused before the other checks."""
    if execution.status not in ALLOWED[action]:
        raise StateError(
            f"该强制执行当前状态为“{Status(execution.status).label}”，不能执行此操作",
            details={"status": execution.status, "action": action},
        )


def transition(
    execution: Execution,
    *,
    to: str,
    actor: Staff,
    action: str,
    payload: dict[str, Any] | None = None,
    update_fields: Sequence[str] = (),
) -> None:
    """Create (``action == "demand"``) or move the execution to ``to`` and write its ledger entry,
    whose subject is the penalty case the execution belongs to."""
    if to not in LEADS_TO[action]:
        raise ValueError(f"{action} cannot lead to {to}")
    before = "" if action == "demand" else execution.status
    if action != "demand":
        require_transition(execution, action)
    execution.status = to
    if action == "demand":
        execution.save()
    else:
        execution.save(update_fields=["status", *update_fields])
    record(
        actor,
        PREFIX + action,
        execution.case,
        {"execution": execution.pk, **(payload or {}), "from": before, "to": to},
    )
