"""Writes to the ledger. ``record`` is called inside the caller's transaction, never on its own."""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model

from chengguan.core import clock
from chengguan.core.errors import TooLarge, UnsupportedType
from chengguan.ledger.chain import (
    CURRENT,
    GENESIS,
    at_text,
    canonical_payload,
    derived_key,
    entry_hash,
)
from chengguan.ledger.models import Blob, BlobLink, ChainHead, Entry
from chengguan.ledger.storage import blob_path, write_blob_file

__all__ = ["BulkRecorder", "blob_path", "record", "store_blob"]

if TYPE_CHECKING:
    from chengguan.org.models import Staff

ALLOWED_BLOB_TYPES = {
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/heic",
    "video/mp4",
    "video/quicktime",
    "audio/mpeg",
    "audio/mp4",
    "audio/wav",
    "application/pdf",
    "text/plain",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


_INSERT_ENTRY = (
    "INSERT INTO ledger_entry (bureau_id, seq, at, actor_id, actor_name, action,"
    " subject_type, subject_id, payload, prev_hash, hash, version)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)

_MOVE_HEAD = "UPDATE ledger_chainhead SET seq = %s, hash = %s WHERE bureau_id = %s"
# PostgreSQL runs a data-modifying WITH and the main statement on one snapshot, both or neither.
_APPEND_PG = f"WITH head AS ({_MOVE_HEAD}) {_INSERT_ENTRY} RETURNING id"


def _subject(subject: Model | tuple[str, Any] | None) -> tuple[str, str]:
    if subject is None:
        return "", ""
    if isinstance(subject, tuple):
        return str(subject[0]), str(subject[1])
    return subject._meta.label_lower, str(subject.pk)


def _create_head(bureau_id: int) -> None:
    """A bureau's first entry creates its chain head; two first entries at once must not collide
    (INSERT … ON CONFLICT DO NOTHING, then both lock the one row)."""
    ChainHead.objects.bulk_create(
        [ChainHead(bureau_id=bureau_id, seq=0, hash=GENESIS)], ignore_conflicts=True
    )


def record(
    actor: Staff | None,
    action: str,
    subject: Model | tuple[str, Any] | None,
    payload: dict[str, Any] | None = None,
    *,
    bureau_id: int | None = None,
    at: dt.datetime | None = None,
) -> Entry:
    """Append one entry to the bureau's chain. Must run inside the action's transaction.

    Plain SQL on purpose: this runs once per action on every hot path, and the ORM's statement
    building cost more than the database work (see bench/bench_ledger.py).
    """
    if not connection.in_atomic_block:
        raise RuntimeError("ledger.record must be called inside the action's transaction")
    if bureau_id is None:
        bureau_id = getattr(subject, "bureau_id", None) or getattr(actor, "bureau_id", None)
    if bureau_id is None:
        raise ValueError("ledger.record needs a bureau")
    at = at or clock.now()
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT seq, hash FROM ledger_chainhead WHERE bureau_id = %s{lock}", [bureau_id]
        )
        row = cur.fetchone()
        if row is None:
            _create_head(bureau_id)
            cur.execute(
                f"SELECT seq, hash FROM ledger_chainhead WHERE bureau_id = %s{lock}", [bureau_id]
            )
            row = cur.fetchone()
        prev_seq, prev_hash = row
        subject_type, subject_id = _subject(subject)
        body = canonical_payload(payload or {})
        actor_id = actor.pk if actor is not None else None
        actor_name = (actor.display_name if actor is not None else "系统")[:60]
        seq = prev_seq + 1
        digest = entry_hash(
            bureau_id=bureau_id,
            seq=seq,
            at=at_text(at),
            actor_id=actor_id,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            payload=body,
            prev_hash=prev_hash,
            version=CURRENT,
        )
        values = [
            bureau_id,
            seq,
            connection.ops.adapt_datetimefield_value(at),
            actor_id,
            actor_name,
            action,
            subject_type,
            subject_id,
            body,
            prev_hash,
            digest,
            CURRENT,
        ]
        if connection.vendor == "postgresql":
            # Decision 093: the entry and the head's move in one statement, one round trip less
            # while the head's lock is held (the head row is already locked above).
            cur.execute(_APPEND_PG, [seq, digest, bureau_id, *values])
            (entry_id,) = cur.fetchone()
        else:
            cur.execute(_INSERT_ENTRY + " RETURNING id", values)
            (entry_id,) = cur.fetchone()
            cur.execute(_MOVE_HEAD, [seq, digest, bureau_id])
    return Entry(
        id=entry_id,
        bureau_id=bureau_id,
        seq=seq,
        at=at,
        actor_id=actor_id,
        actor_name=actor_name,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        payload=body,
        prev_hash=prev_hash,
        hash=digest,
        version=CURRENT,
    )


class BulkRecorder:
    """Append many entries to one bureau's chain, hashed and linked exactly as ``record`` would.

    For generators that write tens of thousands of entries (the county demo year): ``add`` computes
    each entry's hash in memory and ``flush`` writes them with one ``executemany`` and moves the
    chain head once. Use it inside one transaction, from creation to the last ``flush``: it holds
    the chain head's row lock (where the database has one) and refuses to flush if the head moved
    meanwhile, e.g. because ``record`` appended to the same chain, so the chain can never fork.
    """

    BATCH = 5000

    def __init__(self, *, bureau_id: int) -> None:
        if not connection.in_atomic_block:
            raise RuntimeError("ledger.BulkRecorder must be used inside the caller's transaction")
        self.bureau_id = bureau_id
        self.seq, self.prev = self._head(create=True)
        self._start = (self.seq, self.prev)
        self._rows: list[tuple[Any, ...]] = []
        self._adapt = connection.ops.adapt_datetimefield_value
        self._key = derived_key("ledger-chain")

    def _head(self, *, create: bool = False) -> tuple[int, str]:
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        sql = f"SELECT seq, hash FROM ledger_chainhead WHERE bureau_id = %s{lock}"
        with connection.cursor() as cur:
            cur.execute(sql, [self.bureau_id])
            row = cur.fetchone()
            if row is None and create:
                _create_head(self.bureau_id)
                cur.execute(sql, [self.bureau_id])
                row = cur.fetchone()
        return int(row[0]), str(row[1])

    def add(
        self,
        actor: Staff | None,
        action: str,
        subject: Model | tuple[str, Any] | None,
        payload: dict[str, Any] | None = None,
        *,
        at: dt.datetime,
    ) -> None:
        """Queue one entry (``record``'s arguments; ``at`` is required, as a generator sets it)."""
        subject_type, subject_id = _subject(subject)
        body = canonical_payload(payload or {})
        actor_id = actor.pk if actor is not None else None
        seq = self.seq + 1
        digest = entry_hash(
            bureau_id=self.bureau_id,
            seq=seq,
            at=at_text(at),
            actor_id=actor_id,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            payload=body,
            prev_hash=self.prev,
            version=CURRENT,
            key=self._key,
        )
        self._rows.append(
            (
                self.bureau_id,
                seq,
                self._adapt(at),
                actor_id,
                (actor.display_name if actor is not None else "系统")[:60],
                action,
                subject_type,
                subject_id,
                body,
                self.prev,
                digest,
                CURRENT,
            )
        )
        self.seq, self.prev = seq, digest

    def flush(self) -> int:
        """Write the queued entries and move the chain head to the last; returns how many."""
        if not self._rows:
            return 0
        if self._head() != self._start:
            raise RuntimeError("the chain head moved while entries were queued in bulk")
        count = len(self._rows)
        with connection.cursor() as cur:
            for start in range(0, count, self.BATCH):
                cur.executemany(_INSERT_ENTRY, self._rows[start : start + self.BATCH])
            cur.execute(_MOVE_HEAD, [self.seq, self.prev, self.bureau_id])
        self._rows = []
        self._start = (self.seq, self.prev)
        return count


def store_blob(
    fileobj: IO[bytes],
    *,
    actor: Staff | None,
    name: str = "",
    content_type: str = "",
    captured_at: dt.datetime | None = None,
    lon: float | None = None,
    lat: float | None = None,
    device: str = "",
    bureau_id: int | None = None,
) -> Blob:
    """Store an evidence file by its SHA-256, link it to this use (bureau and name) and record it
    in the ledger (same transaction). ``actor`` None = a file from the public (a portal report's
    photo, decision 088): then ``bureau_id`` names the bureau it was sent to.

    Race-free: the blob row and the link are inserted with ON CONFLICT DO NOTHING, so parallel
    stores of the same bytes (ten generations of one document) all succeed with one row.
    """
    content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    if content_type not in ALLOWED_BLOB_TYPES:
        raise UnsupportedType(f"不支持的文件类型：{content_type}", details={"file": content_type})
    limit = int(settings.MAX_UPLOAD_BYTES)
    digest = hashlib.sha256()
    chunks: list[bytes] = []
    size = 0
    while chunk := fileobj.read(1 << 20):
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"文件超过 {limit // (1024 * 1024)} MB 上限", details={"file": size})
        digest.update(chunk)
        chunks.append(chunk)
    sha = digest.hexdigest()
    name = name[:200]
    if actor is not None:
        bureau_id = actor.bureau_id
    if bureau_id is None:
        raise ValueError("store_blob needs an actor or a bureau")
    uploader = actor.pk if actor is not None else None
    with transaction.atomic():
        write_blob_file(sha, chunks)
        Blob.objects.bulk_create(
            [
                Blob(
                    sha256=sha,
                    bureau_id=bureau_id,
                    size=size,
                    content_type=content_type,
                    original_name=name,
                    captured_at=captured_at,
                    lon=lon,
                    lat=lat,
                    device=device[:100],
                    uploaded_by_id=uploader,
                )
            ],
            ignore_conflicts=True,
        )
        blob = Blob.objects.get(pk=sha)
        BlobLink.objects.bulk_create(
            [BlobLink(blob=blob, bureau_id=bureau_id, name=name, linked_by_id=uploader)],
            ignore_conflicts=True,
        )
        record(
            actor,
            "blob.store",
            blob,
            {"sha256": sha, "size": size, "type": content_type, "name": name},
            bureau_id=bureau_id,
        )
    return blob
