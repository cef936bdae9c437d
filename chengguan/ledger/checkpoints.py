"""Signed checkpoints of the ledger, kept outside the database.

A keyed chain alone cannot show that its tail was deleted and its head rolled back to an earlier
(genuine) entry. A checkpoint is a signed line ``{bureau, seq, hash}`` appended to a file outside
the database (``settings.LEDGER_CHECKPOINT_DIR``; ship it on to write-once storage): verifying
against it proves every checkpointed entry is still there, unchanged. Lines are chained by their
MACs, so a line removed from the middle of the file, or one edited, is detected too.

``chengguan ledger checkpoint`` writes one line per chain (run it from cron, e.g. hourly; entries
after the last checkpoint are protected by the keyed chain only).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from chengguan.ledger.chain import GENESIS, derived_key
from chengguan.ledger.models import ChainHead, Entry

FILENAME = "ledger-checkpoints.jsonl"
FORMAT = "chengguan-ledger-checkpoint/1"


def default_path() -> Path:
    return Path(settings.LEDGER_CHECKPOINT_DIR) / FILENAME


def _mac(fields: dict[str, Any]) -> str:
    body = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hmac.new(
        derived_key("ledger-checkpoint"), body.encode("utf-8"), hashlib.sha256
    ).hexdigest()


@dataclass(frozen=True)
class Checkpoint:
    bureau_id: int
    seq: int
    hash: str
    at: str
    line: int


class CheckpointError(Exception):
    """The checkpoint file is not what this key signed (edited, reordered, cut, or another key)."""


def read(path: Path) -> list[Checkpoint]:
    """The checkpoints of ``path``, each line's MAC and link checked; a missing file is empty."""
    if not path.exists():
        return []
    out: list[Checkpoint] = []
    prev = GENESIS
    with path.open(encoding="utf-8") as fh:
        for number, text in enumerate(fh, start=1):
            if not text.strip():
                continue
            try:
                row = json.loads(text)
                mac = row.pop("mac")
                fields = {k: row[k] for k in ("format", "bureau_id", "seq", "hash", "at", "prev")}
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise CheckpointError(f"检查点文件第 {number} 行格式错误") from exc
            if not hmac.compare_digest(str(mac), _mac(fields)):
                raise CheckpointError(f"检查点文件第 {number} 行签名不符（被改动或密钥不同）")
            if fields["prev"] != prev:
                raise CheckpointError(f"检查点文件第 {number} 行与前一行不衔接（有行被删除）")
            prev = str(mac)
            out.append(
                Checkpoint(
                    int(fields["bureau_id"]),
                    int(fields["seq"]),
                    str(fields["hash"]),
                    str(fields["at"]),
                    number,
                )
            )
    return out


@contextlib.contextmanager
def _locked_append(path: Path) -> Any:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _last_mac(path: Path) -> str:
    last = GENESIS
    with path.open(encoding="utf-8") as fh:
        for text in fh:
            if text.strip():
                last = str(json.loads(text)["mac"])
    return last


def write(path: Path | None = None) -> list[Checkpoint]:
    """Append one signed line per chain head (its seq and hash now). The caller verifies the chain
    first: a checkpoint vouches for what it signs."""
    path = path or default_path()
    written: list[Checkpoint] = []
    with _locked_append(path) as fd:
        read(path)  # refuse to extend a file that no longer verifies
        prev = _last_mac(path)
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        lines = []
        for bureau_id, seq, digest in ChainHead.objects.order_by("bureau_id").values_list(
            "bureau_id", "seq", "hash"
        ):
            fields = {
                "format": FORMAT,
                "bureau_id": int(bureau_id),
                "seq": int(seq),
                "hash": str(digest),
                "at": at,
                "prev": prev,
            }
            prev = _mac(fields)
            lines.append(json.dumps({**fields, "mac": prev}, ensure_ascii=False) + "\n")
            written.append(Checkpoint(int(bureau_id), int(seq), str(digest), at, 0))
        os.write(fd, "".join(lines).encode("utf-8"))
        os.fsync(fd)
    return written


def check(checkpoints: list[Checkpoint]) -> tuple[Checkpoint | None, str]:
    """The first checkpoint the database no longer matches, and why; ``(None, "")`` if all do."""
    heads = dict(ChainHead.objects.values_list("bureau_id", "seq"))
    for point in checkpoints:
        if point.seq == 0:
            continue
        if heads.get(point.bureau_id, 0) < point.seq:
            return point, (
                f"机关 {point.bureau_id} 的链短于检查点（检查点第 {point.line} 行记至第"
                f" {point.seq} 条）：记录被删除或链头被回退"
            )
        found = (
            Entry.objects.filter(bureau_id=point.bureau_id, seq=point.seq)
            .values_list("hash", flat=True)
            .first()
        )
        if found != point.hash:
            return point, (
                f"机关 {point.bureau_id} 第 {point.seq} 条记录与检查点（第 {point.line} 行）不符："
                "记录被改写"
            )
    return None, ""


def covered(checkpoints: list[Checkpoint]) -> dict[int, int]:
    """Per bureau, the highest seq a checkpoint vouches for."""
    out: dict[int, int] = {}
    for point in checkpoints:
        out[point.bureau_id] = max(out.get(point.bureau_id, 0), point.seq)
    return out
