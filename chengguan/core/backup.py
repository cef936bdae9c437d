"""Consistent backup and restore of the database and the evidence files.

The archive is a tar.gz: ``manifest.json``, ``database.sqlite3`` (SQLite's online backup API, so a
running server keeps writing meanwhile) or ``database.pgdump`` (pg_dump custom format), and
``blobs/`` (evidence files, content-addressed, so a copy taken after the database snapshot can only
hold more files than the snapshot refers to, never fewer).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

FORMAT = "chengguan-backup/1"


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
        }
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
        out.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(out, "w:gz") as tar:
            tar.add(work / "manifest.json", "manifest.json")
            tar.add(work / db_file, db_file)
            for path in blobs:
                tar.add(path, f"blobs/{path.relative_to(blob_root)}")
    return manifest


def restore(archive: Path) -> dict[str, Any]:
    """Replace the configured database and evidence files with the archive's (server stopped)."""
    db = settings.DATABASES["default"]
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(tmp, filter="data")
        work = Path(tmp)
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise ValueError("不是本系统的备份文件")
        if manifest["vendor"] != connection.vendor:
            raise ValueError(f"备份来自 {manifest['vendor']}，当前数据库是 {connection.vendor}")
        connection.close()
        if connection.vendor == "sqlite":
            name = Path(str(db["NAME"]))
            for suffix in ("-wal", "-shm"):
                Path(f"{name}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(work / manifest["database"], name)
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
            shutil.copytree(work / "blobs", blob_root, dirs_exist_ok=True)
    return manifest
