"""The suite on PostgreSQL as the least-privilege application role (issue #12, decision 091).

With ``DATABASE_OWNER_URL`` set next to ``DATABASE_URL`` (the application role's URL, as the server
is run in production), pytest-django creates and migrates the test database through the OWNER's
credentials, the grants of ``scripts/pg_roles.sql`` are applied to it, and every test then runs
through the application role (DML only, owns nothing). At the end the owner's credentials come back,
so the owner drops the test database. Without ``DATABASE_OWNER_URL`` nothing changes.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from django.db import DatabaseError, connection, transaction

ROLES_SQL = Path(__file__).resolve().parents[1] / "scripts" / "pg_roles.sql"

_Credentials = dict[str, str]


def _credentials(url: str) -> _Credentials:
    parsed = urlparse(url)
    return {
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
    }


def owner_url() -> str:
    return os.environ.get("DATABASE_OWNER_URL", "")


def app_role_mode() -> bool:
    """True when the tests run through the application role (the owner made the database)."""
    return bool(owner_url()) and connection.vendor == "postgresql"


_app: _Credentials = {}


def use_owner() -> None:
    """Switch the default connection to the owner (before the test database is created)."""
    if not app_role_mode():
        return
    if not _app:
        _app.update({k: str(connection.settings_dict[k] or "") for k in ("USER", "PASSWORD")})
        _app.update({k: str(connection.settings_dict[k] or "") for k in ("HOST", "PORT")})
    _switch(_credentials(owner_url()))


def use_app() -> None:
    """Grant the application role its DML on the migrated test database, then connect as it."""
    if not app_role_mode():
        return
    owner = _credentials(owner_url())
    with connection.cursor() as cur:
        for statement in grant_statements(owner=owner["USER"], app=_app["USER"]):
            cur.execute(statement)
    _switch(_app)
    with connection.cursor() as cur:
        cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cur.fetchone()
    assert row is not None and row[0] is False, "DATABASE_URL must be the non-superuser app role"


def _switch(creds: _Credentials) -> None:
    connection.close()
    for key, value in creds.items():
        if key in ("USER", "PASSWORD") or value:
            connection.settings_dict[key] = value


def grant_statements(*, owner: str, app: str) -> list[str]:
    """The statements of scripts/pg_roles.sql that run inside the database (after ``\\connect``),
    for these role names: the one source of the app role's privileges."""
    text = ROLES_SQL.read_text().split("\\connect :db", 1)[1]
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
    text = text.replace("chengguan_owner", owner).replace("chengguan_app", app)
    return [s.strip() for s in re.split(r";\s*\n", text) if s.strip().rstrip(";")]


def skip_unless_owner(what: str) -> None:
    """Skip a test that needs DDL on the ledger (simulating raw database access) in the app-role
    mode — after checking that the app role is indeed refused that DDL."""
    if not app_role_mode():
        return
    try:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("ALTER TABLE ledger_entry DISABLE TRIGGER USER")
    except DatabaseError as exc:
        assert "owner" in str(exc)
    else:  # pragma: no cover - a privilege leak
        raise AssertionError("the application role could disable the ledger's triggers")
    pytest.skip(f"needs the table owner's DDL ({what}); the app role is refused it")
