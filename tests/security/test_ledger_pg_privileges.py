"""Issue 12 item 5 (PostgreSQL): as a superuser, ``SET LOCAL session_replication_role=replica``
bypassed the append-only trigger. The application role (DML only, owns nothing) cannot do that, nor
disable the trigger, nor change or delete an entry (docs/production.md)."""

from __future__ import annotations

import psycopg
import pytest
from django.db import connection

from chengguan.ledger.models import Entry
from tests.pg_roles import app_role_mode

APP_ROLE = "chengguan_app_test"
APP_PASSWORD = "app-role-test-pw"

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL roles and triggers"
)


def _dsn(**override: str) -> str:
    s = connection.settings_dict
    parts = {
        "host": s["HOST"] or "127.0.0.1",
        "port": s["PORT"] or "5432",
        "dbname": s["NAME"],
        "user": s["USER"],
        "password": s["PASSWORD"],
        **override,
    }
    return " ".join(f"{k}={v}" for k, v in parts.items() if v)


@pytest.fixture
def app_connection(db):
    """A connection as the application role, created (if missing) as in scripts/pg_roles.sql —
    or, when the whole suite runs as the app role (tests/pg_roles.py), that very role."""
    if app_role_mode():
        conn = psycopg.connect(_dsn())
        try:
            yield conn
        finally:
            conn.close()
        return
    with psycopg.connect(_dsn(), autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [APP_ROLE]).fetchone()
        if not exists:
            admin.execute(
                f"CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
                f" NOREPLICATION NOBYPASSRLS PASSWORD '{APP_PASSWORD}'"
            )
        admin.execute(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}")
        admin.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}"
        )
        admin.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}")
    conn = psycopg.connect(_dsn(user=APP_ROLE, password=APP_PASSWORD))
    try:
        yield conn
    finally:
        conn.close()


def _refused(conn: psycopg.Connection, sql: str, params: list | None = None) -> str:
    with pytest.raises(psycopg.Error) as info:
        conn.execute(sql, params or [])
    conn.rollback()
    return str(info.value)


def test_the_app_role_cannot_bypass_the_append_only_trigger(app_connection):
    entry = Entry.objects.order_by("pk").first()
    assert entry is not None  # the session's demo entries are committed
    assert not app_connection.execute(
        "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
    ).fetchone()[0]
    assert "permission denied" in _refused(
        app_connection, "SET LOCAL session_replication_role = replica"
    )
    assert "owner" in _refused(app_connection, "ALTER TABLE ledger_entry DISABLE TRIGGER USER")
    assert "append-only" in _refused(
        app_connection, "UPDATE ledger_entry SET payload = '{}' WHERE id = %s", [entry.pk]
    )
    assert "append-only" in _refused(
        app_connection, "DELETE FROM ledger_entry WHERE id = %s", [entry.pk]
    )
    assert "owner" in _refused(
        app_connection, "DROP TRIGGER ledger_entry_no_update ON ledger_entry"
    )
    # ... while its ordinary work goes on
    assert app_connection.execute("SELECT count(*) FROM ledger_entry").fetchone()[0] > 0
