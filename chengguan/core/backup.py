"""Consistent backup and restore of the database and the evidence files.

The archive is a tar.gz: ``manifest.json``, ``database.sqlite3`` (SQLite's online backup API, so a
running server keeps writing meanwhile) or ``database.pgdump`` (pg_dump custom format), and
``blobs/`` (evidence files, content-addressed, so a copy taken after the database snapshot can only
hold more files than the snapshot refers to, never fewer).

At rest the archive is private and protected (format 2): written 0600, sealed with the data key
(``sealing.seal_stream``: personal data and evidence never sit in clear in a backup), then signed
with an HMAC under a key derived from ``LEDGER_KEY`` (a trailer ``CGSIG1`` ‖ 32 bytes). ``restore``
checks the signature before it decrypts or extracts anything. Keep both keys (CHENGGUAN_HOME's
``pii_key`` and ``ledger_key``) apart from the backups: a backup is unreadable without them.
Unsigned archives of format 1 are restored only when asked explicitly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.db import connection

from chengguan.core import sealing

FORMAT = "chengguan-backup/2"
OLD_FORMATS = {"chengguan-backup/1"}
SIGNATURE = b"CGSIG1"
_TRAILER = len(SIGNATURE) + 32


def _signing_key() -> bytes:
    return hmac.new(
        str(settings.LEDGER_KEY).encode("utf-8"), b"chengguan-backup-signature", hashlib.sha256
    ).digest()


class _Signing:
    """A file writer that HMACs what passes through it."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.mac = hmac.new(_signing_key(), digestmod=hashlib.sha256)

    def write(self, data: bytes) -> int:
        self.mac.update(data)
        return self.fh.write(data)


class _Segment(io.RawIOBase):
    """The first ``size`` bytes of a file, as a stream."""

    def __init__(self, fh: BinaryIO, size: int) -> None:
        self.fh, self.left = fh, size

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        data = self.fh.read(n)
        self.left -= len(data)
        return data


def _check_signature(archive: Path) -> int:
    """The size of the signed part; ValueError unless the trailer is this key's HMAC of it."""
    size = archive.stat().st_size - _TRAILER
    mac = hmac.new(_signing_key(), digestmod=hashlib.sha256)
    with archive.open("rb") as fh:
        left = size
        while left > 0 and (chunk := fh.read(min(1 << 20, left))):
            mac.update(chunk)
            left -= len(chunk)
        trailer = fh.read()
    if (
        size <= 0
        or trailer[: len(SIGNATURE)] != SIGNATURE
        or not hmac.compare_digest(trailer[len(SIGNATURE) :], mac.digest())
    ):
        raise ValueError("备份签名不符：文件被改动、不完整，或签名密钥不同")
    return size


def _private_tree(root: Path) -> None:
    for path in root.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)


def _pg_env(db: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict[str, Any]) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return args


def backup(out: Path) -> dict[str, Any]:
    db = settings.DATABASES["default"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if connection.vendor == "sqlite":
            target = sqlite3.connect(work / "database.sqlite3")
            source = sqlite3.connect(str(db["NAME"]))
            with target:
                source.backup(target)
            source.close()
            target.close()
            db_file = "database.sqlite3"
        elif connection.vendor == "postgresql":
            db_file = "database.pgdump"
            subprocess.run(
                ["pg_dump", "-Fc", "-f", str(work / db_file), *_pg_args(db), str(db["NAME"])],
                check=True,
                env=_pg_env(db),
            )
        else:  # pragma: no cover
            raise RuntimeError(f"不支持的数据库：{connection.vendor}")
        blob_root = Path(settings.BLOB_ROOT)
        blobs = [p for p in blob_root.rglob("*") if p.is_file()] if blob_root.exists() else []
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "vendor": connection.vendor,
            "database": db_file,
            "blobs": len(blobs),
            "sealed": True,
        }
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
        plain = work / "archive.tar.gz"
        with tarfile.open(plain, "w:gz") as tar:
            tar.add(work / "manifest.json", "manifest.json")
            tar.add(work / db_file, db_file)
            for path in blobs:
                tar.add(path, f"blobs/{path.relative_to(blob_root)}")
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, part = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh, plain.open("rb") as src:  # mkstemp: 0600
                signing = _Signing(fh)
                sealing.seal_stream(src, signing)  # type: ignore[arg-type]
                fh.write(SIGNATURE + signing.mac.digest())
            os.replace(part, out)
        except BaseException:
            Path(part).unlink(missing_ok=True)
            raise
    return manifest


def restore(archive: Path, *, allow_unsigned: bool = False) -> dict[str, Any]:
    """Replace the configured database and evidence files with the archive's (server stopped).

    The signature is checked first; an unsigned (format 1) archive only with ``allow_unsigned``."""
    db = settings.DATABASES["default"]
    with archive.open("rb") as fh:
        unsigned = fh.read(2) == b"\x1f\x8b"  # a bare tar.gz: format 1
    if unsigned and not allow_unsigned:
        raise ValueError("备份未签名（旧格式）：确认其来源后使用 --allow-unsigned 恢复")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plain = archive
        if not unsigned:
            size = _check_signature(archive)
            plain = work / "archive.tar.gz"
            with archive.open("rb") as fh, plain.open("wb") as out:
                sealing.unseal_stream(_Segment(fh, size), out)  # type: ignore[arg-type]
        with tarfile.open(plain, "r:gz") as tar:
            tar.extractall(work / "x", filter="data")
        work = work / "x"
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest.get("format") != FORMAT and not (
            unsigned and manifest.get("format") in OLD_FORMATS
        ):
            raise ValueError("不是本系统的备份文件")
        if manifest["vendor"] != connection.vendor:
            raise ValueError(f"备份来自 {manifest['vendor']}，当前数据库是 {connection.vendor}")
        connection.close()
        if connection.vendor == "sqlite":
            name = Path(str(db["NAME"]))
            for suffix in ("-wal", "-shm"):
                Path(f"{name}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(work / manifest["database"], name)
            name.chmod(0o600)
        else:
            subprocess.run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "-d",
                    str(db["NAME"]),
                    *_pg_args(db),
                    str(work / manifest["database"]),
                ],
                check=True,
                env=_pg_env(db),
            )
        blob_root = Path(settings.BLOB_ROOT)
        if (work / "blobs").exists():
            _private_tree(work / "blobs")
            shutil.copytree(work / "blobs", blob_root, dirs_exist_ok=True)
    return manifest
