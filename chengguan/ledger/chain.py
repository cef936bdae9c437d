"""Hashing of ledger entries: the one definition both ``record`` and ``verify`` use."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

GENESIS = "0" * 64
# One encoder, reused: json.dumps with options builds a new encoder on every call.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def canonical_payload(payload: dict[str, Any]) -> str:
    return json.dumps(
        payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    )


def at_text(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def entry_hash(
    *,
    bureau_id: int,
    seq: int,
    at: str,
    actor_id: int | None,
    action: str,
    subject_type: str,
    subject_id: str,
    payload: str,
    prev_hash: str,
) -> str:
    """SHA-256 over the canonical JSON array of the entry's fields and the previous hash."""
    doc = _encode(
        [bureau_id, seq, at, actor_id, action, subject_type, subject_id, payload, prev_hash]
    )
    return hashlib.sha256(doc.encode("utf-8")).hexdigest()
