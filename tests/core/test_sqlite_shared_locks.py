"""Found by the live-server tests (decision 091): opening a second connection in a process must not
drop the locks of its first one. It did (the backend opened and closed the database file, which
releases every POSIX lock the process holds on it), so another process closing its connection
deleted the WAL under the first connection, whose later commits no other process could see."""

from __future__ import annotations

import concurrent.futures
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.db import connections
from django.db.utils import ConnectionHandler

from chengguan.settings import _database

OTHER_PROCESS = """
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT count(*) FROM t").fetchone()[0])
c.close()
"""


def _count_elsewhere(path: Path) -> int:
    done = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return int(done.stdout.strip())


def test_a_second_connection_keeps_the_first_ones_locks(
    tmp_path: Path, django_db_blocker: Any, monkeypatch: Any
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    path = tmp_path / "shared.sqlite3"
    db = _database(None)
    db["NAME"] = path
    filled = ConnectionHandler({"default": db}).settings["default"]
    for alias in ("first", "second"):
        connections.settings[alias] = dict(filled)
    try:
        with django_db_blocker.unblock():
            with connections["first"].cursor() as cur:
                cur.execute("CREATE TABLE t (v INTEGER)")
                cur.execute("INSERT INTO t (v) VALUES (1)")
            with connections["second"].cursor() as cur:  # a second thread's connection
                cur.execute("SELECT count(*) FROM t")
            assert _count_elsewhere(path) == 1  # another process opens and closes the file
            assert Path(f"{path}-wal").exists(), "the WAL was deleted under open connections"
            with connections["first"].cursor() as cur:
                cur.execute("INSERT INTO t (v) VALUES (2)")
            assert _count_elsewhere(path) == 2  # the commit is visible to everyone
    finally:
        for alias in ("first", "second"):
            connections[alias].close()
            del connections[alias]
            del connections.settings[alias]
    assert sqlite3.connect(path).execute("SELECT count(*) FROM t").fetchone()[0] == 2


def test_a_new_database_file_is_still_private(tmp_path: Path, django_db_blocker: Any) -> None:
    path = tmp_path / "new.sqlite3"
    db = _database(None)
    db["NAME"] = path
    handler = ConnectionHandler({"default": db})

    def connect() -> None:
        handler["default"].ensure_connection()
        handler["default"].close()

    # In a thread of its own: after the browser tests, playwright's event loop runs in the main
    # thread and Django refuses a new connection there as "async unsafe".
    with django_db_blocker.unblock(), concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(connect).result()
    assert path.stat().st_mode & 0o777 == 0o600
