"""Hashing of ledger entries: the one definition both ``record`` and ``verify`` use.

Version 1 (entries written before the keyed chain) is plain SHA-256: anyone with write access to the
database could edit an entry and recompute every later hash. Version 2 is HMAC-SHA256 with
``settings.LEDGER_KEY``, a key kept outside the database (a 0600 file in CHENGGUAN_HOME or the
environment), so a rewritten chain no longer verifies without the key. Old entries keep their
version and are verified the old way, but only up to a signed checkpoint (``checkpoints.py``); the
first version-2 entry of a chain covers the last old hash, which seals the old part.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import json
from typing import Any

from django.conf import settings

GENESIS = "0" * 64
PLAIN = 1
KEYED = 2
CURRENT = KEYED
# One encoder, reused: json.dumps with options builds a new encoder on every call.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def canonical_payload(payload: dict[str, Any]) -> str:
    return json.dumps(
        payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    )


def at_text(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


@functools.lru_cache(maxsize=16)
def _derive(secret: str, purpose: str) -> bytes:
    return hmac.new(secret.encode("utf-8"), purpose.encode("utf-8"), hashlib.sha256).digest()


def derived_key(purpose: str) -> bytes:
    """A key per purpose (chain, checkpoints, backups) from the one ledger key (read each time, so
    a test's settings override applies)."""
    return _derive(str(settings.LEDGER_KEY), purpose)


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
    version: int | None = CURRENT,
    key: bytes | None = None,
) -> str:
    """The digest over the canonical JSON array of the entry's fields and the previous hash:
    HMAC-SHA256 for version 2, plain SHA-256 for version 1 (``None`` = an entry from before the
    version column)."""
    doc = _encode(
        [bureau_id, seq, at, actor_id, action, subject_type, subject_id, payload, prev_hash]
    ).encode("utf-8")
    if version is None or version == PLAIN:
        return hashlib.sha256(doc).hexdigest()
    if version != KEYED:
        raise ValueError(f"unknown ledger entry version {version}")
    return hmac.new(key or derived_key("ledger-chain"), doc, hashlib.sha256).hexdigest()
