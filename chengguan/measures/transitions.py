"""The one writer of a seizure's status (decision 062): checks the table, sets, saves, and writes the
action's single ledger entry with ``from``/``to``. Actions never assign ``seizure.status`` themselves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chengguan.core.errors import StateError
from chengguan.ledger.actions import record
from chengguan.measures.models import Seizure
from chengguan.measures.states import ALLOWED, LEADS_TO, Status
from chengguan.org.models import Staff

PREFIX = "measure."


def require_transition(seizure: Seizure, action: str) -> None:
    """The early state check of an action, so a wrong status is refused before the other checks."""
    if seizure.status not in ALLOWED[action]:
        raise StateError(
            f"该{seizure.get_kind_display()}当前状态为“{Status(seizure.status).label}”，不能执行此操作",
            details={"status": seizure.status, "action": action},
        )


def transition(
    seizure: Seizure,
    *,
    to: str,
    actor: Staff,
    action: str,
    payload: dict[str, Any] | None = None,
    update_fields: Sequence[str] = (),
) -> None:
    """Create (``action == "seize"``) or move the seizure to ``to`` and write its ledger entry,
    whose subject is the penalty case the measure belongs to."""
    if to not in LEADS_TO[action]:
        raise ValueError(f"{action} cannot lead to {to}")
    before = "" if action == "seize" else seizure.status
    if action != "seize":
        require_transition(seizure, action)
    seizure.status = to
    if action == "seize":
        seizure.save()
    else:
        seizure.save(update_fields=["status", *update_fields])
    record(
        actor,
        PREFIX + action,
        seizure.case,
        {"seizure": seizure.pk, **(payload or {}), "from": before, "to": to},
    )
