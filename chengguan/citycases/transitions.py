"""The one writer of a city case's status (decision 062; pretalx ``Submission._set_state``).

``transition`` checks the table in ``states.py``, sets the status, saves the row and writes the two
records of the step: the timeline row (``CaseStep``) and the action's single ledger entry, both with
the status before and after. No other code assigns ``CityCase.status`` (tests/citycases/
test_transition_writer.py looks). Actions still call ``checks.require_transition`` first, so that a
refusal keeps its order among the other checks; the writer checks again on the status it writes from.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from chengguan.citycases import checks, rollups
from chengguan.citycases.models import CaseStep, CityCase
from chengguan.citycases.states import OUTCOMES, TRANSITIONS
from chengguan.core import clock
from chengguan.core.db.inserts import insert_with_child
from chengguan.ledger.actions import record
from chengguan.org.models import OrgUnit, Staff


def step(
    case: CityCase,
    actor: Staff | None,
    action: str,
    before: str,
    *,
    note: str = "",
    unit: OrgUnit | None = None,
    due: dt.datetime | None = None,
    on_time: bool | None = None,
    at: dt.datetime | None = None,
) -> CaseStep:
    """One row of the case's timeline, from ``before`` to the case's status now."""
    row = _step_row(
        case, actor, action, before, note=note, unit=unit, due=due, on_time=on_time, at=at
    )
    row.save(force_insert=True)
    return row


def open_case(
    case: CityCase, actor: Staff | None, action: str, *, due: dt.datetime | None, at: dt.datetime
) -> CaseStep:
    """Insert a new case and the first row of its timeline together (one statement on PostgreSQL,
    decision 093); the case's status is the one it is created with."""
    row = _step_row(case, actor, action, "", due=due, at=at)
    insert_with_child(case, row, "case")
    return row


def _step_row(
    case: CityCase,
    actor: Staff | None,
    action: str,
    before: str,
    *,
    note: str = "",
    unit: OrgUnit | None = None,
    due: dt.datetime | None = None,
    on_time: bool | None = None,
    at: dt.datetime | None = None,
) -> CaseStep:
    return CaseStep(
        case=case if case.pk is not None else None,  # a new case: linked once it is inserted
        at=at or clock.now(),
        actor=actor,
        actor_name=(actor.display_name if actor is not None else "公众")[:60],
        action=action,
        from_status=before,
        to_status=case.status,
        note=note,
        unit=unit,
        due=due,
        on_time=on_time,
    )


def entry(actor: Staff | None, action: str, case: CityCase, payload: dict[str, Any]) -> None:
    """The ledger entry of a city-case action: its number and status, then the action's payload.

    A step through ``transition`` states the status as its ``"to"``, so ``"status"`` is left out
    there (decision 093: the same value twice in every entry; ``ledger verify``'s reconcile reads
    ``"to"`` first)."""
    head: dict[str, Any] = {"number": case.number}
    if payload.get("to") != case.status:
        head["status"] = case.status
    record(actor, f"citycase.{action}", case, {**head, **payload})


def targets(row: str) -> frozenset[str]:
    """The statuses the ``row`` of the transition table may lead to."""
    _, to = TRANSITIONS[row]
    return frozenset({to}) if to is not None else OUTCOMES[row]


def transition(
    case: CityCase,
    *,
    to: str,
    actor: Staff | None,
    action: str,
    payload: dict[str, Any] | None = None,
    via: str | None = None,
    note: str = "",
    unit: OrgUnit | None = None,
    due: dt.datetime | None = None,
    on_time: bool | None = None,
) -> CaseStep:
    """Move ``case`` to ``to`` by ``action`` (the row ``via`` of the table when the ledger names the
    outcome instead, e.g. ``rework`` by ``verify``), inside the caller's transaction.

    Raises StateError when the table does not let the row start from the case's status; a ``to``
    the row cannot lead to is a bug of the caller (ValueError), not a refusal. Rows that keep the
    status (callback, extension, suspension) go through here too, so every step has one writer.
    """
    row = via or action
    checks.require_transition(case, row)
    if to not in targets(row):
        raise ValueError(f"transition {row!r} cannot lead to {to!r}")
    before = case.status
    case.status = to
    case.save()
    rollups.touch(case)  # --- helper:rollups --- the day's indicators are recounted (decision 092)
    written = step(case, actor, action, before, note=note, unit=unit, due=due, on_time=on_time)
    entry(actor, action, case, {**(payload or {}), "from": before, "to": to})
    return written
