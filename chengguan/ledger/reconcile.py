"""Reconcile what the database holds now with what the ledger says about it.

The chain proves the entries were not rewritten; these checks prove the business rows and the files
were not either: an evidence file or kept 文书 whose bytes no longer hash to its name, a decided
fine or a status edited behind the application, a case deleted with no ledger entry saying so.

The ledger is the bottom layer and imports no domain: each domain registers, from its app's
``ready()``, the model and the fields compared (``register``), as ``core.links.provide`` does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Model

from chengguan.ledger.models import Blob, Entry

# subject_type -> (model, fields of the row compared with the last ledger entry that states them).
RECONCILED: dict[str, tuple[type[Model], tuple[str, ...]]] = {}


def register(model: type[Model], *fields: str) -> None:
    """Have ``ledger verify`` compare these fields of every row of ``model`` with the ledger."""
    RECONCILED[model._meta.label_lower] = (model, tuple(fields))


# Where a payload states a field's value after the action, in the order looked at.
_STATUS_KEYS = ("to", "status")
# Actions after which the row is legitimately gone.
_DELETING_SUFFIXES = (".delete", ".purge", ".remove")


@dataclass(frozen=True)
class Finding:
    subject_type: str
    subject_id: str
    reason: str
    entry_id: int | None = None


def _stated(payload: dict[str, Any], field: str) -> tuple[bool, Any]:
    """Whether (and what) the payload says the field is after its action."""
    if field == "status":
        for key in _STATUS_KEYS:
            if key in payload and isinstance(payload[key], str):
                return True, payload[key]
        return False, None
    for holder in (payload.get("new"), payload.get("decision"), payload):
        if isinstance(holder, dict) and field in holder:
            return True, holder[field]
    return False, None


def _same(current: Any, stated: Any) -> bool:
    if current is None or stated is None:
        return current is None and stated in (None, "")
    if isinstance(current, Decimal):
        try:
            return current == Decimal(str(stated))
        except InvalidOperation:
            return False
    return str(current) == str(stated)


def business_rows() -> Iterator[Finding]:
    """Each reconciled row whose current state differs from its last ledger statement, and each
    row the ledger knows that is gone without a deleting entry."""
    for subject_type, (model, fields) in RECONCILED.items():
        last: dict[str, dict[str, tuple[Any, int]]] = {}
        last_action: dict[str, str] = {}
        rows = (
            Entry.objects.filter(subject_type=subject_type)
            .order_by("bureau_id", "seq")
            .values_list("id", "subject_id", "action", "payload")
            .iterator(chunk_size=5000)
        )
        for entry_id, subject_id, action, payload_text in rows:
            last_action[subject_id] = action
            try:
                payload = json.loads(payload_text)
            except ValueError:
                continue
            if not isinstance(payload, dict):
                continue
            for field in fields:
                said, value = _stated(payload, field)
                if said:
                    last.setdefault(subject_id, {})[field] = (value, entry_id)
        pk_field = model._meta.pk
        assert pk_field is not None
        ids = list(last_action)
        present: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 2000):
            chunk = ids[start : start + 2000]
            for row in model._default_manager.filter(pk__in=chunk).values("pk", *fields):
                present[str(row["pk"])] = row
        for subject_id in ids:
            current = present.get(subject_id)
            if current is None:
                if not last_action[subject_id].endswith(_DELETING_SUFFIXES):
                    yield Finding(
                        subject_type,
                        subject_id,
                        f"{subject_type} {subject_id} 已被删除，记录中无删除",
                    )
                continue
            for field, (value, entry_id) in last.get(subject_id, {}).items():
                if not _same(current[field], value):
                    yield Finding(
                        subject_type,
                        subject_id,
                        f"{subject_type} {subject_id} 的 {field} 为“{current[field]}”，"
                        f"最后一条记录为“{value}”（被绕过程序改动）",
                        entry_id,
                    )


def blob_files(read_bytes: Any) -> Iterator[Finding]:
    """Each evidence file (kept 文书 are blobs too) missing or no longer hashing to its name.
    ``read_bytes(sha)`` returns the stored content (decrypted), or raises FileNotFoundError."""
    for sha, size in Blob.objects.order_by("sha256").values_list("sha256", "size").iterator():
        try:
            content = read_bytes(sha)
        except FileNotFoundError:
            yield Finding("ledger.blob", sha, f"证据文件 {sha[:12]}… 缺失")
            continue
        if len(content) != size or hashlib.sha256(content).hexdigest() != sha:
            yield Finding("ledger.blob", sha, f"证据文件 {sha[:12]}… 内容与哈希不符（被改动）")
