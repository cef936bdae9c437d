"""Reads of the ledger: the timeline of a subject, and chain verification."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Model, QuerySet

from chengguan.ledger.chain import GENESIS, at_text, entry_hash
from chengguan.ledger.models import Blob, ChainHead, Entry


def timeline(subject: Model) -> QuerySet[Entry]:
    return Entry.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=str(subject.pk)
    ).order_by("bureau_id", "seq")


@dataclass
class VerifyResult:
    checked: int
    chains: int
    broken: Entry | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken is None and not self.reason


COLUMNS = (
    "id, bureau_id, seq, {at}, actor_id, action, subject_type, subject_id, payload, prev_hash, hash"
)
# ``at`` read as text in the hashed form, so no datetime object is built per row.
AT_AS_TEXT = {
    "sqlite": "at || ''",
    "postgresql": "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')",
}


def _at_text(value: object) -> str:
    """The hashed form of ``at`` from a raw row (see AT_AS_TEXT)."""
    if isinstance(value, dt.datetime):
        return at_text(value if value.tzinfo else value.replace(tzinfo=dt.UTC))
    text = str(value)
    if text.endswith("+00:00"):
        return text
    text = text.replace(" ", "T")
    if "." not in text:  # Django's SQLite text has no fraction when microseconds are zero
        text += ".000000"
    return text + "+00:00"


def verify(progress: Callable[[int], None] | None = None) -> VerifyResult:
    """Recompute every chain: hashes, links and sequence, and that the chain head matches the tip.

    Raw cursor rows rather than model instances: verification reads every entry ever written.
    """
    checked = 0
    bureau_ids = list(ChainHead.objects.order_by("bureau_id").values_list("bureau_id", flat=True))
    extra = (
        Entry.objects.exclude(bureau_id__in=bureau_ids).values_list("bureau_id", flat=True).first()
    )
    if extra is not None:
        return VerifyResult(0, len(bureau_ids), None, f"机关 {extra} 的记录没有链头")
    columns = COLUMNS.format(at=AT_AS_TEXT.get(connection.vendor, "at"))
    for bureau_id in bureau_ids:
        prev, expected_seq = GENESIS, 1
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT {columns} FROM ledger_entry WHERE bureau_id = %s ORDER BY seq",
                [bureau_id],
            )
            while rows := cur.fetchmany(5000):
                for pk, b, seq, at, actor_id, action, st, sid, payload, prev_hash, digest in rows:
                    reason = ""
                    if seq != expected_seq:
                        reason = f"序号不连续：应为 {expected_seq}，实为 {seq}"
                    elif prev_hash != prev:
                        reason = "前一条哈希与链不符"
                    elif digest != entry_hash(
                        bureau_id=b,
                        seq=seq,
                        at=_at_text(at),
                        actor_id=actor_id,
                        action=action,
                        subject_type=st,
                        subject_id=sid,
                        payload=payload,
                        prev_hash=prev_hash,
                    ):
                        reason = "内容与哈希不符（记录被改动）"
                    if reason:
                        return VerifyResult(
                            checked, len(bureau_ids), Entry.objects.get(pk=pk), reason
                        )
                    prev, expected_seq = digest, expected_seq + 1
                    checked += 1
                    if progress is not None and checked % 50000 == 0:
                        progress(checked)
        head = ChainHead.objects.get(bureau_id=bureau_id)
        if head.seq != expected_seq - 1 or head.hash != prev:
            tip = Entry.objects.filter(bureau_id=bureau_id).order_by("-seq").first()
            return VerifyResult(
                checked,
                len(bureau_ids),
                tip,
                f"机关 {bureau_id} 的链头与最后一条记录不符（记录被删除或截断）",
            )
    return VerifyResult(checked, len(bureau_ids))


# --- added by lintrules ---


def blobs_named(bureau_id: int, prefix: str) -> QuerySet[Blob]:
    """The bureau's evidence files whose original name starts with ``prefix``."""
    return Blob.objects.filter(bureau_id=bureau_id, original_name__startswith=prefix)
