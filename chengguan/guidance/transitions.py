"""The one writer of a guidance record's status, with the action's single ledger entry."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chengguan.guidance.models import GuidanceRecord
from chengguan.guidance.states import LEADS_TO
from chengguan.ledger.actions import record
from chengguan.org.models import Staff


def transition(
    g: GuidanceRecord,
    *,
    to: str,
    actor: Staff,
    action: str,
    payload: dict[str, Any] | None = None,
    update_fields: Sequence[str] = (),
) -> None:
    if to not in LEADS_TO[action]:
        raise ValueError(f"{action} cannot lead to {to}")
    before = "" if action == "create" else g.status
    g.status = to
    if action == "create":
        g.save()
    else:
        g.save(update_fields=["status", *update_fields])
    record(actor, "guidance." + action, g, {**(payload or {}), "from": before, "to": to})
