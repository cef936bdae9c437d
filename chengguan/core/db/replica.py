"""Reports and dashboards read from a PostgreSQL streaming replica when one is configured
(``DATABASE_REPLICA_URL``; issue #16 item 5, decision 096).

- ``ReplicaReadsMiddleware`` marks GET/HEAD requests under ``REPLICA_PATHS`` (the dashboard, the
  annual report, the indicators and the province's pages): their reads of the business tables go
  to the replica, if it is reachable and not further behind the primary than
  ``REPLICA_MAX_LAG_BYTES`` of WAL; otherwise to the primary, so a lagging or stopped replica
  costs speed, never an answer.
- Only the business domains' tables are read there (``REPLICA_APPS``). Accounts, roles, sessions,
  tokens and the ledger are always read from the primary: a permission must not be decided on a
  copy a few seconds old, and a fresh login must not look logged out.
- Inside a transaction every read stays on the primary (read-your-writes).
- Writes always go to the primary; migrations run on it only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

log = logging.getLogger(__name__)
ALIAS = "replica"
_reading: ContextVar[str | None] = ContextVar("chengguan_replica", default=None)

# The tables a report or a dashboard reads; everything else stays on the primary.
REPLICA_APPS = frozenset(
    {
        "citycases",
        "penalties",
        "inspections",
        "permits",
        "suggestions",
        "guidance",
        "measures",
        "execution",
        "disclosure",
        "oversight",
        "governance",
        "reports",
        "law",
    }
)


def replica_lag_bytes() -> int | None:
    """WAL bytes the replica has yet to replay (0 for a mirror that is no standby), or None
    when it cannot be reached."""
    try:
        with connections["default"].cursor() as cur:
            cur.execute("SELECT pg_current_wal_lsn()::text")
            (primary_lsn,) = cur.fetchone()
        with connections[ALIAS].cursor() as cur:
            cur.execute(
                "SELECT pg_is_in_recovery(), pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn())",
                [primary_lsn],
            )
            standby, lag = cur.fetchone()
    except DatabaseError as exc:
        log.warning("replica unreachable, reading from the primary: %s", exc)
        connections[ALIAS].close()
        return None
    return max(int(lag or 0), 0) if standby else 0


def usable_replica() -> str | None:
    if ALIAS not in settings.DATABASES:
        return None
    lag = replica_lag_bytes()
    if lag is None or lag > settings.REPLICA_MAX_LAG_BYTES:
        return None
    return ALIAS


@contextmanager
def reading_from_replica() -> Iterator[str]:
    """Route the business tables' reads of the block to the replica when it is usable; yields
    the alias that serves them ("replica" or "default")."""
    alias = usable_replica()
    token = _reading.set(alias)
    try:
        yield alias or "default"
    finally:
        _reading.reset(token)


def _in_transaction() -> bool:
    # The test runner wraps each test in atomic blocks of its own (marked ``_from_testcase``);
    # only the program's own transactions keep reads on the primary.
    blocks = connections["default"].atomic_blocks
    return any(not getattr(block, "_from_testcase", False) for block in blocks)


class ReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str | None:
        alias = _reading.get()
        if alias is None or model._meta.app_label not in REPLICA_APPS:  # type: ignore[attr-defined]
            return None
        if _in_transaction():
            return None
        return alias

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica is a copy of the same database

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == "default"


class ReplicaReadsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            ALIAS in settings.DATABASES
            and request.method in {"GET", "HEAD"}
            and request.path.startswith(tuple(settings.REPLICA_PATHS))
        ):
            with reading_from_replica() as alias:
                response = self.get_response(request)
            response["X-Chengguan-Read-From"] = alias
            return response
        return self.get_response(request)
