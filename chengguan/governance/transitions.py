"""The one writer of a governance register row's status (normative documents, major decisions).

Like ``penalties.transitions``: the table is data in ``states.py``; ``transition`` checks it, sets
the status, saves, and writes the action's single ledger entry with the previous and the new status
(``"from"``/``"to"``) in the payload. Nothing else assigns the ``status`` of these rows (a test
greps for it).
"""

from __future__ import annotations

from typing import Any

from chengguan.core.errors import StateError
from chengguan.ledger.actions import record
from chengguan.ledger.models import Entry
from chengguan.org.models import Staff

from .models import MajorDecision, NormativeDocument
from .states import ALLOWED, LEADS_TO, REFUSALS

PREFIX = "governance."

Row = NormativeDocument | MajorDecision


def check(entry: Row, *, action: str) -> None:
    """Refuse (409 ``state``, the message of before) a step the row's status does not allow."""
    step = action.removeprefix(PREFIX)
    if entry.status not in ALLOWED.get(step, frozenset()):
        raise StateError(REFUSALS[step])


def transition(
    entry: Row,
    *,
    to: str,
    actor: Staff,
    action: str,
    payload: dict[str, Any] | None = None,
    update_fields: list[str] | None = None,
) -> Entry:
    """Move ``entry`` to ``to`` as ``action`` (``governance.<register>.<step>``).

    ``update_fields`` are the other fields the action changed, saved with the status in one
    UPDATE; ``None`` saves the whole row.
    """
    step = action.removeprefix(PREFIX)
    check(entry, action=action)
    if to not in LEADS_TO.get(step, frozenset()):
        raise StateError(REFUSALS[step], details={"to": to})
    before = entry.status
    entry.status = to
    if update_fields is None:
        entry.save()
    else:
        entry.save(update_fields=[*dict.fromkeys(["status", *update_fields])])
    return record(actor, action, entry, {**(payload or {}), "from": before, "to": to})
