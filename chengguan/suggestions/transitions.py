"""The one writer of a suggestion's status, with the action's single ledger entry."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chengguan.ledger.actions import record
from chengguan.org.models import Staff
from chengguan.suggestions.models import Suggestion
from chengguan.suggestions.states import LEADS_TO


def transition(
    s: Suggestion,
    *,
    to: str,
    actor: Staff,
    action: str,
    payload: dict[str, Any] | None = None,
    update_fields: Sequence[str] = (),
) -> None:
    if to not in LEADS_TO[action]:
        raise ValueError(f"{action} cannot lead to {to}")
    before = "" if action == "create" else s.status
    s.status = to
    if action == "create":
        s.save()
    else:
        s.save(update_fields=["status", *update_fields])
    record(actor, "suggestion." + action, s, {**(payload or {}), "from": before, "to": to})
