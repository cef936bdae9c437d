"""Old and new values of an edit, for its ledger payload (zulip ``RealmAuditLog`` OLD_VALUE/NEW_VALUE).

An action that changes fields of an existing row reads them before, changes them, and adds
``changes(before, after)`` to its payload: ``{"old": {...}, "new": {...}}`` with only the fields whose
value differs, so the ledger alone says what the row was. Values are kept as given; the ledger's
canonical JSON writes dates and decimals as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Model


def snapshot(row: Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of ``fields`` of ``row`` now; a related row by its key, which compares and reads
    plainly in the ledger's JSON."""
    out: dict[str, Any] = {}
    for name in fields:
        value = getattr(row, name)
        out[name] = value.pk if isinstance(value, Model) else value
    return out


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{"old": {...}, "new": {...}}`` of the keys whose value differs; both empty if none does."""
    changed = [k for k in after if before.get(k) != after[k]]
    return {
        "old": {k: before.get(k) for k in changed},
        "new": {k: after[k] for k in changed},
    }
