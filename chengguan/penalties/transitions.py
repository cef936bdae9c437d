"""The one writer of a penalty case's status.

Modelled on pretalx's ``Submission._set_state``: the transition table is data (``states.ALLOWED``
for where an action may start, ``states.LEADS_TO`` for where it may go), and a single function checks
it, sets the status, saves, and writes the action's ledger entry with the previous and the new status
(``"from"``/``"to"``) in the payload. Actions never assign ``case.status`` themselves (a test greps
for it), so every status change of a case can be read back from its ledger.

An action writes exactly one ledger entry: when it changes the status, that entry is the one written
here, not a second one.
"""

from __future__ import annotations

from typing import Any

from chengguan.core.errors import StateError
from chengguan.ledger.actions import record
from chengguan.ledger.models import Entry
from chengguan.org.models import Staff
from chengguan.penalties.models import PenaltyCase
from chengguan.penalties.states import ALLOWED, LEADS_TO, Status

PREFIX = "penalty."


def refuse(case: PenaltyCase, step: str, **details: Any) -> StateError:
    """The 409 ``state`` error of an action not allowed from the case's status (as before)."""
    return StateError(
        f"案件当前状态为“{Status(case.status).label}”，不能执行此操作",
        details={"status": case.status, "action": step, **details},
    )


def transition(
    case: PenaltyCase,
    *,
    to: str,
    actor: Staff,
    action: str,
    payload: dict[str, Any] | None = None,
    update_fields: list[str] | None = None,
    **ledger_kwargs: Any,
) -> Entry:
    """Move ``case`` to ``to`` as the step ``action`` (a ledger action name, ``penalty.<step>``).

    ``update_fields`` are the other fields the action changed (saved with the status in one
    UPDATE); ``None`` saves the whole row, as a new case or a decision does. A case not yet saved
    (``open``) has no status to leave: its ``"from"`` is ``None``.
    """
    step = action.removeprefix(PREFIX)
    creating = case._state.adding
    before: str | None = None if creating else case.status
    if not creating and case.status not in ALLOWED.get(step, frozenset()):
        raise refuse(case, step)
    if to not in LEADS_TO.get(step, frozenset()):
        raise refuse(case, step, to=to)
    case.status = to
    if creating or update_fields is None:
        case.save()
    else:
        case.save(update_fields=[*dict.fromkeys([*update_fields, "status"])])
    return record(
        actor, action, case, {**(payload or {}), "from": before, "to": to}, **ledger_kwargs
    )
