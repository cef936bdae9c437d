"""The one writer of an application's status: checks the table, sets, saves, writes the action's
single ledger entry with ``from``/``to`` and, for an application from 一网通办, the status message
for the platform — all in the caller's transaction, so a message exists exactly when the change
does. Actions never assign ``application.status`` themselves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chengguan.core import clock
from chengguan.core.errors import StateError
from chengguan.ledger.actions import record
from chengguan.org.models import Staff
from chengguan.permits.models import PermitApplication, PermitStatusMessage
from chengguan.permits.states import ALLOWED, LEADS_TO, Channel, Status

PREFIX = "permit."


def require_transition(app: PermitApplication, action: str) -> None:
    """The early state check, so a wrong status is refused before the other checks."""
    if app.status not in ALLOWED[action]:
        raise StateError(
            f"该申请当前状态为“{Status(app.status).label}”，不能执行此操作",
            details={"status": app.status, "action": action},
        )


def message_payload(app: PermitApplication, action: str) -> dict[str, Any]:
    """What the platform is told: its own number, ours, the status and the dates it shows."""

    def day(value: Any) -> str | None:
        return value.isoformat() if value else None

    return {
        "external_number": app.external_number,
        "number": app.number,
        "action": action,
        "status": app.status,
        "accept_by": day(app.accept_by),
        "decide_by": day(app.decide_by),
        "missing": list(app.missing) if action == "request_materials" else [],
        "decided_on": day(app.decided_on),
        "reasons": app.reasons if app.status == Status.REFUSED else "",
        "remedies": app.remedies if app.status == Status.REFUSED else "",
        "valid_from": day(app.valid_from),
        "valid_to": day(app.valid_to),
    }


def transition(
    app: PermitApplication,
    *,
    to: str,
    actor: Staff | None,  # None: an application from the public portal (decision 088)
    action: str,
    payload: dict[str, Any] | None = None,
    update_fields: Sequence[str] = (),
) -> None:
    if to not in LEADS_TO[action]:
        raise ValueError(f"{action} cannot lead to {to}")
    before = "" if action == "create" else app.status
    if action != "create":
        require_transition(app, action)
    app.status = to
    if action == "create":
        app.save()
    else:
        app.save(update_fields=["status", *update_fields])
    record(actor, PREFIX + action, app, {**(payload or {}), "from": before, "to": to})
    if app.channel == Channel.YWTB:
        PermitStatusMessage.objects.create(
            bureau_id=app.bureau_id,
            application=app,
            status=to,
            payload=message_payload(app, action),
            created_at=clock.now(),
        )
