"""One failed-login throttle for web, admin and API logins, by username and by client address."""

from __future__ import annotations

import json
import threading
import uuid

import pytest
from django.db import connection, connections
from django.test import Client

from chengguan.core.models import LoginThrottle, SecurityEvent
from chengguan.ledger.models import Entry
from tests.conftest import PASSWORD, error_code


def _api(client: Client, username: str, password: str):
    return client.post(
        "/api/v1/auth/token",
        data=json.dumps({"username": username, "password": password}),
        content_type="application/json",
    )


def _web(client: Client, username: str, password: str, path: str = "/accounts/login/"):
    return client.post(path, {"username": username, "password": password})


def test_an_api_lock_out_also_stops_the_web_and_admin_logins(demo, settings):
    client = Client(REMOTE_ADDR="10.1.0.1")
    entries = Entry.objects.count()
    for _ in range(settings.LOGIN_THROTTLE_FAILURES):
        assert _api(client, "hotline", "wrong").status_code == 401
    r = _api(client, "hotline", PASSWORD)
    assert r.status_code == 429
    assert error_code(r) == "throttled"
    assert "锁定" in r.json()["error"]["message"]
    web = _web(Client(REMOTE_ADDR="10.1.0.2"), "hotline", PASSWORD)
    assert web.status_code == 200  # the form again, not the redirect of a login
    assert "锁定" in web.content.decode()
    admin = _web(Client(REMOTE_ADDR="10.1.0.3"), "hotline", PASSWORD, "/admin/login/")
    assert admin.status_code == 200
    assert "锁定" in admin.content.decode()
    # The trail has the failures and lock-outs; the legal record is untouched.
    assert Entry.objects.count() == entries
    kinds = set(SecurityEvent.objects.filter(username="hotline").values_list("kind", flat=True))
    assert {"login.failed", "login.locked"} <= kinds


def test_web_failures_lock_the_api(demo, settings):
    client = Client(REMOTE_ADDR="10.2.0.1")
    for _ in range(settings.LOGIN_THROTTLE_FAILURES):
        assert _web(client, "center", "wrong").status_code == 200
    assert _api(Client(REMOTE_ADDR="10.2.0.2"), "center", PASSWORD).status_code == 429


def test_failures_over_many_usernames_from_one_address_are_throttled(demo, settings):
    settings.LOGIN_THROTTLE_IP_FAILURES = 8
    client = Client(REMOTE_ADDR="10.3.0.1")
    codes = [_api(client, f"nobody{i}", "wrong").status_code for i in range(12)]
    assert codes[:8] == [401] * 8
    assert codes[8:] == [429] * 4
    # Another address is not affected.
    assert _api(Client(REMOTE_ADDR="10.3.0.2"), "center", PASSWORD).status_code == 200


def test_a_success_resets_the_username_and_the_window_expires(demo, settings):
    client = Client(REMOTE_ADDR="10.4.0.1")
    for _ in range(settings.LOGIN_THROTTLE_FAILURES - 1):
        _api(client, "officer1", "wrong")
    assert _api(client, "officer1", PASSWORD).status_code == 200
    assert LoginThrottle.objects.get(key="user:officer1").count == 0
    assert SecurityEvent.objects.filter(username="officer1", kind="login.ok").exists()
    assert SecurityEvent.objects.filter(username="officer1", kind="token.issued").exists()


def test_the_web_login_still_works(demo):
    client = Client(REMOTE_ADDR="10.5.0.1")
    r = _web(client, "center", PASSWORD)
    assert r.status_code == 302


def test_security_events_are_append_only(demo):
    _api(Client(REMOTE_ADDR="10.6.0.1"), "center", "wrong")
    event = SecurityEvent.objects.filter(username="center").latest("id")
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; the race is PostgreSQL's"
)
def test_thirty_parallel_tries_pass_no_more_than_the_limit(demo, settings):
    """Threads use their own connections and commit: a username and address unique to this run."""
    username = f"race-{uuid.uuid4().hex[:8]}"
    ip = f"10.9.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    barrier = threading.Barrier(30)
    codes: list[int] = []

    def attempt() -> None:
        try:
            barrier.wait()
            codes.append(_api(Client(REMOTE_ADDR=ip), username, "wrong").status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert codes.count(401) == settings.LOGIN_THROTTLE_FAILURES
    assert codes.count(429) == 30 - settings.LOGIN_THROTTLE_FAILURES
