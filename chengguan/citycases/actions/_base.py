"""What the city-case actions share: the locked case row, the handling unit's check, on-time flags,
and the create-or-update of an administration row that knows its old values."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.db.models import Model

from chengguan.citycases import checks
from chengguan.citycases.models import CityCase
from chengguan.citycases.scope import visible_q
from chengguan.core.errors import NotFound, enforce
from chengguan.ledger.changes import changes, snapshot
from chengguan.org.models import Staff
from chengguan.org.permissions import require

M = TypeVar("M", bound=Model)


def lock(actor: Staff, case_id: int) -> CityCase:
    """The case row, locked, if this actor may see it; otherwise 404 (ORG-5: no leak)."""
    case = (
        CityCase.objects.select_for_update(of=("self",))
        .filter(visible_q(actor), pk=case_id)
        .select_related("category", "grid")
        .first()
    )
    if case is None:
        raise NotFound("未找到该案件，或您无权查看")
    return case


def as_handler(actor: Staff, case: CityCase, perm: str) -> None:
    require(actor, perm, case)
    enforce(checks.acts_for_unit(case, actor.unit_id))


def on_time(due: dt.datetime | None, at: dt.datetime) -> bool | None:
    return None if due is None else at <= due


def upsert(
    model: type[M], lookup: dict[str, Any], defaults: dict[str, Any]
) -> tuple[M, bool, dict[str, Any]]:
    """``update_or_create`` that also returns the edit's ``{"old", "new"}`` (empty when created),
    for the ledger payload (decision 062). Runs inside the caller's transaction."""
    row = model._default_manager.select_for_update().filter(**lookup).first()
    if row is None:
        return model._default_manager.create(**lookup, **defaults), True, {}
    fields = list(defaults)
    before = snapshot(row, fields)
    for name, value in defaults.items():
        setattr(row, name, value)
    row.save()
    return row, False, changes(before, snapshot(row, fields))
