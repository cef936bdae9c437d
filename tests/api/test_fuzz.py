"""Generated requests against every operation of the OpenAPI document: bad input is never a 500.

schemathesis is used programmatically (its pytest plugin mode breaks on pytest 9.2); the requests go
through the real WSGI application inside the test's transaction, so nothing they write survives.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from chengguan.wsgi import application
from tests.conftest import ApiClient

EXAMPLES = 8


@contextlib.contextmanager
def wsgi_keeps_connection() -> Iterator[None]:
    """Called through WSGI, Django closes the connection after each request (Django's own test
    Client prevents this too, and reconnects the receivers after each of its requests — so this
    must wrap only the WSGI calls); on PostgreSQL closing would end the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("username", ["head", "officer1", "admin"])
def test_no_operation_answers_500(demo: Any, username: str) -> None:
    token = ApiClient(username).headers["Authorization"]
    with wsgi_keeps_connection():
        _fuzz_all(token)


def _fuzz_all(token: str) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    failures: dict[str, str] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 50

    def fuzz(op: Any) -> None:
        @hypothesis_settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=op.as_strategy())
        def call(case: Any) -> None:
            case.headers = {**(case.headers or {}), "Authorization": token}
            response = case.call()
            if response.status_code >= 500:
                failures.setdefault(
                    f"{op.method.upper()} {op.path}",
                    f"{response.status_code} path={case.path_parameters} query={case.query} "
                    f"body={str(case.body)[:200]}",
                )

        call()

    for op in operations:
        fuzz(op)
    assert failures == {}
