"""Shared fixtures: the demo bureau built once per session through the real actions, and API clients.

Tests run inside a transaction that is rolled back, so the session's demo data stays as built. No test
may flush the database (the ledger's triggers refuse it by design): browser tests run a real server
in a subprocess instead of Django's live_server.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from chengguan.demo.context import DemoContext
from chengguan.org.models import OrgUnit, Staff
from tests import pg_roles

PASSWORD = "test-pass-123"

# The demo's accounts keep the shared test password (decision 072): the suite runs in demo mode,
# here and in the servers the browser tests start. Tests of the password policy switch it off.
os.environ["CHENGGUAN_DEMO_MODE"] = "1"
django_settings.DEMO_MODE = True

# Timing is for `make bench`, not for tests: a busy CI machine must not fail a property test.
hypothesis_settings.register_profile(
    "chengguan", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("chengguan")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """With DATABASE_OWNER_URL (tests/pg_roles.py) the owner creates and migrates the test DB."""
    pg_roles.use_owner()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    from django.core.management import call_command

    with django_db_blocker.unblock():
        pg_roles.use_app()  # from here on the least-privilege role, as the server runs
        # --- helper:demo --- the seed year's fixed dates (decision 089: the default is this year)
        call_command("demo", "--password", PASSWORD, "--year", "2024", stdout=io.StringIO())
        # --- /helper:demo ---
    yield
    with django_db_blocker.unblock():
        pg_roles.use_owner()  # the owner drops the test database


@pytest.fixture
def demo(db: None) -> DemoContext:
    """The demo bureau as built by ``chengguan demo``: users by username, units by code."""
    ctx = DemoContext(password=PASSWORD, year=2024, scale="minimal")
    ctx.bureau = OrgUnit.objects.get(code="demo", kind=OrgUnit.Kind.BUREAU)
    ctx.other_bureau = OrgUnit.objects.get(code="other", kind=OrgUnit.Kind.BUREAU)
    ctx.units = {u.code: u for u in OrgUnit.objects.filter(bureau=ctx.bureau)}
    ctx.users = {s.username: s for s in Staff.objects.all()}
    return ctx


_CLIENT: Client | None = None


def shared_client() -> Client:
    """One test Client for the session: each new Client builds the whole middleware stack again.
    API calls carry their token in a header, so sharing it shares no identity."""
    global _CLIENT
    if _CLIENT is None:
        _CLIENT = Client()
    return _CLIENT


class ApiClient:
    """A JSON client for /api/v1 signed in as one user (through the real token endpoint)."""

    def __init__(self, username: str | None, password: str = PASSWORD) -> None:
        self.client = shared_client()
        self.headers: dict[str, str] = {}
        if username is not None:
            r = self.client.post(
                "/api/v1/auth/token",
                data=json.dumps({"username": username, "password": password}),
                content_type="application/json",
            )
            assert r.status_code == 200, r.content
            self.headers["Authorization"] = f"Bearer {r.json()['token']}"

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(self._url(path), data=params, headers=self.headers)

    def post(self, path: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
        return self.client.post(
            self._url(path),
            data=json.dumps(body if body is not None else {}),
            content_type="application/json",
            headers={**self.headers, **(headers or {})},
        )

    @staticmethod
    def _url(path: str) -> str:
        return path if path.startswith("/") else f"/api/v1/{path}"


@pytest.fixture
def api(demo: DemoContext) -> Callable[[str | None], ApiClient]:
    """``api("center")`` → a client signed in as that demo user; ``api(None)`` → anonymous."""
    cache: dict[str | None, ApiClient] = {}

    def make(username: str | None) -> ApiClient:
        if username not in cache:
            cache[username] = ApiClient(username)
        return cache[username]

    return make


def error_code(response: Any) -> str:
    return str(response.json()["error"]["code"])
