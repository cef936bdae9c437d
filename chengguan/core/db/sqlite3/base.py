"""SQLite with a first-come, first-served queue in front of its write lock.

SQLite lets one writer in at a time. The others wait in its busy handler, which sleeps 1, 2, 5, 10,
15, 20, 25, 25, 25, 50, 50, 100 ms between tries, so under steady load a writer can sleep a hundred
milliseconds while the lock is free most of that time, and the oldest waiter is not the next one in.
Before ``BEGIN IMMEDIATE`` each connection takes an exclusive ``flock`` on a file beside the database;
a waiter tries again within a millisecond of its release.

The queue only orders writers; SQLite's own locking still decides correctness, and single statements
outside a transaction do not queue. A process that dies drops its flock with its file descriptors.
The wait is bounded by the database ``timeout`` option, as SQLite's own is (a blocking flock could
not be, from a gunicorn thread).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time

from django.db import OperationalError
from django.db.backends.sqlite3 import base

# A waiter retries after 0.1 ms, then 0.2, 0.4, 0.8 and every 1 ms: within a millisecond of the
# release, where SQLite's handler may sleep up to 100 ms.
POLL_FIRST = 0.0001
POLL_MAX = 0.001


class DatabaseWrapper(base.DatabaseWrapper):
    _queue_fd: int | None = None
    _queue_pid: int = 0
    _queued: bool = False

    def get_new_connection(self, conn_params: dict) -> object:  # type: ignore[type-arg]
        # The file holds personal data: private to the service (SQLite gives its -wal and -shm
        # files the database file's mode). An older, world-readable file is tightened too.
        #
        # Never open and close the database file itself once it exists: closing ANY descriptor of
        # it drops every POSIX lock this process holds on it, those of its other SQLite connections
        # too (sqlite.org/howtocorrupt.html §2.2). A second gunicorn thread connecting then let
        # another process believe itself the last reader: it checkpointed and deleted the -wal and
        # -shm files under the server, whose commits went on into a deleted WAL that no other
        # process saw (tokens "invalid" in the other worker, the intake limit counted twice, and
        # the writes lost at restart; found by tests/live, decision 091). Only path operations.
        if not self.is_in_memory_db():
            name = str(self.settings_dict["NAME"])
            if not name.startswith("file:"):
                if not os.path.exists(name):
                    # Not yet a database: no connection of this process can hold a lock on it.
                    with contextlib.suppress(FileExistsError):
                        flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
                        os.close(os.open(name, flags, 0o600))
                if os.stat(name).st_mode & 0o077:
                    with contextlib.suppress(PermissionError):  # not ours: leave it to the owner
                        os.chmod(name, 0o600)
        return super().get_new_connection(conn_params)

    def _queue_file(self) -> int | None:
        if self.is_in_memory_db():
            return None
        if self._queue_fd is not None and self._queue_pid != os.getpid():
            # A forked child shares the parent's open file, and with it the lock: open its own.
            self._queue_fd, self._queued = None, False
        if self._queue_fd is None:
            path = f"{self.settings_dict['NAME']}.writers"
            self._queue_fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            self._queue_pid = os.getpid()
        return self._queue_fd

    def _enter_queue(self) -> None:
        fd = self._queue_file()
        if fd is None or self._queued:
            return
        deadline = time.monotonic() + float(self.settings_dict["OPTIONS"].get("timeout", 5))
        pause = POLL_FIRST
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OperationalError("database is locked") from None
                time.sleep(pause)
                pause = min(pause * 2, POLL_MAX)
        self._queued = True

    def _leave_queue(self) -> None:
        if self._queue_fd is not None and self._queued:
            fcntl.flock(self._queue_fd, fcntl.LOCK_UN)
            self._queued = False

    def _start_transaction_under_autocommit(self) -> None:
        self._enter_queue()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]  # private, not in django-stubs
        except BaseException:
            self._leave_queue()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]  # private, not in django-stubs
        finally:
            self._leave_queue()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]  # private, not in django-stubs
        finally:
            self._leave_queue()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]  # private, not in django-stubs
        finally:
            self._leave_queue()
            if self._queue_fd is not None and self._queue_pid == os.getpid():
                os.close(self._queue_fd)
            self._queue_fd = None
