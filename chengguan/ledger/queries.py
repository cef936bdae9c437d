"""Reads of the ledger: the timeline of a subject, and chain verification."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection
from django.db.models import Model, Q, QuerySet

from chengguan.ledger import checkpoints, reconcile
from chengguan.ledger.chain import GENESIS, KEYED, PLAIN, at_text, derived_key, entry_hash
from chengguan.ledger.checkpoints import CheckpointError
from chengguan.ledger.models import Blob, BlobLink, ChainHead, Entry
from chengguan.ledger.reconcile import Finding
from chengguan.ledger.storage import read_blob


def timeline(subject: Model, *related: Model) -> QuerySet[Entry]:
    """The subject's entries, with those of ``related`` rows (a case's publications) interleaved
    in the chain's order."""
    match = Q(subject_type=subject._meta.label_lower, subject_id=str(subject.pk))
    for row in related:
        match |= Q(subject_type=row._meta.label_lower, subject_id=str(row.pk))
    return Entry.objects.filter(match).order_by("bureau_id", "seq")


@dataclass
class VerifyResult:
    checked: int
    chains: int
    broken: Entry | None = None
    reason: str = ""
    findings: list[Finding] = field(default_factory=list)
    checkpoints: int = 0

    @property
    def ok(self) -> bool:
        return self.broken is None and not self.reason and not self.findings


COLUMNS = (
    "id, bureau_id, seq, {at}, actor_id, action, subject_type, subject_id, payload, prev_hash,"
    " hash, version"
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


PAGE = 5000


@dataclass
class _Start:
    """Where a chain's walk begins: genesis, or an entry a signed checkpoint vouches for."""

    seq: int = 0
    prev: str = GENESIS
    keyed: bool = False


def _starts(points: list[checkpoints.Checkpoint]) -> dict[int, _Start]:
    """Per bureau, the last checkpointed entry as a starting point (its stored hash is compared
    with the checkpoint by ``checkpoints.check`` before any walk starts from it)."""
    out: dict[int, _Start] = {}
    for point in points:
        if point.seq and point.seq > out.get(point.bureau_id, _Start()).seq:
            out[point.bureau_id] = _Start(point.seq, point.hash)
    for bureau_id, start in out.items():
        version = (
            Entry.objects.filter(bureau_id=bureau_id, seq=start.seq)
            .values_list("version", flat=True)
            .first()
        )
        start.keyed = version == KEYED
    return out


def _walk(
    bureau_id: int,
    *,
    start: _Start,
    upto: int,
    covered_seq: int,
    key: bytes,
    columns: str,
    tick: Callable[[], None],
) -> tuple[int, int | None, str, str]:
    """Recompute one chain from ``start`` to seq ``upto`` (the head read before the walk, so
    entries appended meanwhile are left for the next run). Keyset pages (``seq > last``) rather
    than one open cursor: memory stays flat however long the chain, on PostgreSQL too, where a
    plain cursor holds the whole result client-side. Returns (checked, broken entry id, reason,
    last hash)."""
    prev, expected_seq, keyed, checked = start.prev, start.seq + 1, start.keyed, 0
    while expected_seq <= upto:
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT {columns} FROM ledger_entry WHERE bureau_id = %s AND seq >= %s"
                " AND seq <= %s ORDER BY seq LIMIT %s",
                [bureau_id, expected_seq, upto, PAGE],
            )
            rows = cur.fetchall()
        if not rows:
            break
        for row in rows:
            pk, b, seq, at, actor_id, action, st, sid, payload, prev_hash, digest, v = row
            reason = ""
            if seq != expected_seq:
                reason = f"序号不连续：应为 {expected_seq}，实为 {seq}"
            elif prev_hash != prev:
                reason = "前一条哈希与链不符"
            elif v not in (None, PLAIN, KEYED):
                reason = f"未知的哈希版本 {v}"
            elif v != KEYED and keyed:
                reason = "密钥链之后出现无密钥记录（记录被改写）"
            elif v != KEYED and seq > covered_seq:
                reason = (
                    "无密钥的旧式记录未被签名检查点覆盖（升级后请先校验，"
                    "再运行 ledger checkpoint），或记录被改写"
                )
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
                version=v,
                key=key,
            ):
                reason = "内容与哈希不符（记录被改动）"
            if reason:
                return checked, pk, reason, prev
            prev, expected_seq = digest, expected_seq + 1
            keyed = keyed or v == KEYED
            checked += 1
            tick()
    if expected_seq <= upto:
        return checked, None, f"机关 {bureau_id} 的链短于链头（记录被删除或截断）", prev
    return checked, None, "", prev


def verify(
    progress: Callable[[int], None] | None = None,
    *,
    against: Path | None = None,
    files: bool = False,
    state: bool = False,
    since_checkpoint: bool = False,
) -> VerifyResult:
    """Recompute every chain: hashes (keyed, or plain for old entries), links and sequence, that the
    chain head matches the tip, and that every signed checkpoint (``against``, else the default
    checkpoint file if there is one) still matches. ``files`` re-hashes every evidence file and
    kept 文书; ``state`` reconciles business rows with their last ledger entry (``reconcile.py``).
    The command ``ledger verify`` does all of it.

    ``since_checkpoint`` walks each chain only from its last signed checkpoint (the entry there
    must still carry the signed hash): the cost of an hourly run stays that of the hour's entries,
    however many years the ledger holds. What it cannot see is an entry before the checkpoint
    whose content was edited while its stored hash was left alone — the full walk (nightly or
    weekly) finds that; see docs/production.md.

    Raw cursor rows rather than model instances: verification reads every entry ever written.
    """
    bureau_ids = list(ChainHead.objects.order_by("bureau_id").values_list("bureau_id", flat=True))
    extra = (
        Entry.objects.exclude(bureau_id__in=bureau_ids).values_list("bureau_id", flat=True).first()
    )
    if extra is not None:
        return VerifyResult(0, len(bureau_ids), None, f"机关 {extra} 的记录没有链头")
    try:
        points = checkpoints.read(against or checkpoints.default_path())
    except (CheckpointError, OSError) as exc:
        return VerifyResult(0, len(bureau_ids), None, str(exc))
    if against is not None and not against.exists():
        return VerifyResult(0, len(bureau_ids), None, f"检查点文件不存在：{against}")
    # Checkpoints first: an incremental walk starts from them, so they must still hold.
    point, why = checkpoints.check(points)
    if point is not None:
        tip = Entry.objects.filter(bureau_id=point.bureau_id).order_by("-seq").first()
        return VerifyResult(0, len(bureau_ids), tip, why, checkpoints=len(points))
    covered = checkpoints.covered(points)
    starts = _starts(points) if since_checkpoint else {}
    key = derived_key("ledger-chain")
    columns = COLUMNS.format(at=AT_AS_TEXT.get(connection.vendor, "at"))
    checked = 0

    def tick() -> None:
        nonlocal checked
        checked += 1
        if progress is not None and checked % 50000 == 0:
            progress(checked)

    heads = dict(ChainHead.objects.values_list("bureau_id", "seq"))
    for bureau_id in bureau_ids:
        upto = heads.get(bureau_id, 0)
        _, broken, reason, last = _walk(
            bureau_id,
            start=starts.get(bureau_id, _Start()),
            upto=upto,
            covered_seq=covered.get(bureau_id, 0),
            key=key,
            columns=columns,
            tick=tick,
        )
        if broken is not None:
            return VerifyResult(checked, len(bureau_ids), Entry.objects.get(pk=broken), reason)
        head = ChainHead.objects.get(bureau_id=bureau_id)
        stale = head.seq == upto and head.hash != last
        beyond = Entry.objects.filter(bureau_id=bureau_id, seq__gt=head.seq).exists()
        if reason or stale or beyond:
            tip = Entry.objects.filter(bureau_id=bureau_id).order_by("-seq").first()
            return VerifyResult(
                checked,
                len(bureau_ids),
                tip,
                reason or f"机关 {bureau_id} 的链头与最后一条记录不符（记录被删除或截断）",
            )
    findings: list[Finding] = []
    if state:
        findings += reconcile.business_rows()
    if files:
        findings += reconcile.blob_files(read_blob)
    reason = findings[0].reason if findings else ""
    return VerifyResult(
        checked, len(bureau_ids), None, reason, findings=findings, checkpoints=len(points)
    )


# --- added by lintrules ---


def blobs_named(bureau_id: int, prefix: str) -> QuerySet[Blob]:
    """The bureau's evidence files stored under a name starting with ``prefix`` (per use: the same
    bytes stored for two cases are each case's file, see ``BlobLink``)."""
    return Blob.objects.filter(
        pk__in=BlobLink.objects.filter(bureau_id=bureau_id, name__startswith=prefix).values(
            "blob_id"
        )
    )
