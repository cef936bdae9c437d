"""The one writer of an inspection's status: checks the table, sets, saves, and writes the action's
single ledger entry with ``from``/``to``. Actions never assign ``inspection.status`` themselves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chengguan.core.errors import StateError
from chengguan.inspections.models import Inspection, InspectionPlan
from chengguan.inspections.states import (
    ALLOWED,
    LEADS_TO,
    PLAN_ALLOWED,
    PLAN_LEADS_TO,
    PlanStatus,
    Status,
)
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


def plan_transition(
    plan: InspectionPlan,
    *,
    to: str,
    actor: Staff,
    action: str,
    payload: dict[str, Any] | None = None,
    update_fields: Sequence[str] = (),
) -> None:
    """The plan's one status writer: draft → approved (head) → drawn (SJ-1), one entry each."""
    if to not in PLAN_LEADS_TO[action]:
        raise ValueError(f"{action} cannot lead to {to}")
    if plan.status not in PLAN_ALLOWED[action]:
        raise StateError(
            f"该抽查计划当前状态为“{PlanStatus(plan.status).label}”，不能执行此操作",
            details={"status": plan.status, "action": action},
        )
    before = plan.status
    plan.status = to
    plan.save(update_fields=["status", *update_fields])
    record(actor, "inspection.plan." + action, plan, {**(payload or {}), "from": before, "to": to})
