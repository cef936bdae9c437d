"""The SQLite writer queue (chengguan.core.db.sqlite3, decision 014): one write transaction at a time,
a bounded wait, and the queue released on commit, rollback and close."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError, connections, transaction
from django.db.utils import ConnectionHandler

from chengguan.settings import _database


@pytest.fixture
def two_connections(tmp_path: Path, django_db_blocker: Any, monkeypatch: Any) -> Any:
    """Two connections to a file database of their own, under aliases of the real handler so
    that ``transaction.atomic(using=...)`` drives them as it drives the application's."""
    # The browser tests' session-wide playwright keeps an event loop in this thread, which makes
    # Django refuse to open new connections here; these tests never run async code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    db = _database(None)
    db["NAME"] = tmp_path / "queue.sqlite3"
    db["OPTIONS"] = {**db["OPTIONS"], "timeout": 0.3}  # type: ignore[dict-item]
    filled = ConnectionHandler({"default": db}).settings["default"]
    for alias in ("a", "b"):
        connections.settings[alias] = dict(filled)
    with django_db_blocker.unblock():
        with connections["a"].cursor() as cur:
            cur.execute("CREATE TABLE t (v INTEGER)")
        yield connections, tmp_path / "queue.sqlite3.writers"
        for alias in ("a", "b"):
            connections[alias].close()
            del connections[alias]
            del connections.settings[alias]


def _write(handler: ConnectionHandler, alias: str, value: int) -> None:
    with transaction.atomic(using=alias), handler[alias].cursor() as cur:
        cur.execute("INSERT INTO t (v) VALUES (%s)", [value])


def test_a_second_writer_waits_for_the_first_and_gives_up_after_the_timeout(two_connections):
    handler, queue_file = two_connections
    outcome: dict[str, Any] = {}

    def second() -> None:
        started = time.monotonic()
        try:
            _write(handler, "b", 2)
            outcome["result"] = "written"
        except OperationalError as exc:
            outcome["result"] = str(exc)
        outcome["waited"] = time.monotonic() - started
        handler["b"].close()

    with transaction.atomic(using="a"), handler["a"].cursor() as cur:
        cur.execute("INSERT INTO t (v) VALUES (1)")
        worker = threading.Thread(target=second)
        worker.start()
        worker.join()
    assert queue_file.exists()
    assert outcome["result"] == "database is locked"
    assert outcome["waited"] >= 0.3
    with handler["a"].cursor() as cur:
        cur.execute("SELECT v FROM t")
        assert cur.fetchall() == [(1,)]


def test_the_queue_is_released_on_commit_and_on_rollback(two_connections):
    handler, _ = two_connections
    _write(handler, "a", 1)
    _write(handler, "b", 2)  # would time out if commit kept the queue
    with pytest.raises(ZeroDivisionError), transaction.atomic(using="a"):
        handler["a"].cursor().execute("INSERT INTO t (v) VALUES (3)")
        raise ZeroDivisionError
    _write(handler, "b", 4)  # would time out if rollback kept the queue
    with handler["b"].cursor() as cur:
        cur.execute("SELECT v FROM t ORDER BY v")
        assert cur.fetchall() == [(1,), (2,), (4,)]


def test_a_waiting_writer_goes_in_as_soon_as_the_first_commits(two_connections):
    handler, _ = two_connections
    done = threading.Event()

    def second() -> None:
        _write(handler, "b", 2)
        handler["b"].close()
        done.set()

    with transaction.atomic(using="a"), handler["a"].cursor() as cur:
        cur.execute("INSERT INTO t (v) VALUES (1)")
        worker = threading.Thread(target=second)
        worker.start()
        time.sleep(0.05)
        assert not done.is_set()  # queued behind the open transaction
    worker.join(timeout=5)
    assert done.is_set()


def test_writers_queue_on_the_file_beside_the_database(two_connections):
    """Held from outside — no SQLite lock at all — the queue file alone keeps a writer out."""
    handler, queue_file = two_connections
    _write(handler, "a", 1)  # the file exists once a connection has written
    fd = os.open(queue_file, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(OperationalError, match="database is locked"):
            _write(handler, "b", 2)
        fcntl.flock(fd, fcntl.LOCK_UN)
        _write(handler, "b", 3)
    finally:
        os.close(fd)
    with handler["b"].cursor() as cur:
        cur.execute("SELECT v FROM t ORDER BY v")
        assert cur.fetchall() == [(1,), (3,)]


def test_an_in_memory_database_has_no_queue(django_db_blocker, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # as in two_connections
    db = _database(None)
    db["NAME"] = ":memory:"
    wrapper = ConnectionHandler({"default": db})["default"]
    with django_db_blocker.unblock():
        wrapper.ensure_connection()
        assert wrapper._queue_file() is None
        wrapper.close()
