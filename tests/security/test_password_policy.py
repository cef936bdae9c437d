"""Issue #12 item 4: password rules (GB/T 22239 level 3), a password set by someone else or expired
is changed before anything else, idle and absolute session limits, the security headers, and
`check --deploy` clean in the documented production profile (decision 072)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from chengguan.core import clock
from chengguan.core.errors import Invalid
from chengguan.core.models import SecurityEvent
from chengguan.org import actions
from chengguan.org.models import OrgUnit, PasswordHistory, Staff
from chengguan.org.roles import Role
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
GOOD = "Xiping-2026!"


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("12345678", "纯数字"),
        ("Ab1!", "太短"),
        ("abcdefgh12", "至少3类"),
        ("password", "常见"),
    ],
)
def test_weak_passwords_are_refused(db, password, why):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_strong_password_passes(db):
    validate_password(GOOD)


def test_the_last_passwords_cannot_come_back(demo):
    staff = Staff.objects.get(username="officer2")
    for value in ("First-pass-1", "Second-pass-2"):
        staff.set_password(value)
        staff.save()
    assert PasswordHistory.objects.filter(staff=staff).count() >= 2
    with pytest.raises(ValidationError, match="最近"):
        validate_password("First-pass-1", staff)
    validate_password("Third-pass-3", staff)
    staff.set_password(PASSWORD)
    staff.save()


def test_an_account_made_by_a_person_follows_the_rules_and_changes_at_first_login(demo):
    admin = demo.user("admin")
    unit = OrgUnit.objects.get(bureau=demo.bureau, code="squad2")
    before = Staff.objects.count()
    with pytest.raises(Invalid, match="密码不符合要求"):
        actions.create_staff(
            actor=admin, unit=unit, username="weak", password="12345678", full_name="弱", roles=[]
        )
    assert Staff.objects.count() == before
    made = actions.create_staff(
        actor=admin, unit=unit, username="strong", password=GOOD, full_name="强", roles=[]
    )
    assert made.must_change_password


@pytest.fixture
def production(settings):
    settings.DEMO_MODE = False
    return settings


def _login(username: str, password: str = PASSWORD) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def test_a_password_set_by_someone_else_opens_only_the_password_page(demo, production):
    Staff.objects.filter(username="center").update(must_change_password=True)
    client = _login("center")
    for path in ("/", "/cases/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/accounts/password/"
    # no API token either
    token = client.post(
        "/api/v1/auth/token",
        data=json.dumps({"username": "center", "password": PASSWORD}),
        content_type="application/json",
    )
    assert token.status_code == 403
    assert token.json()["error"]["code"] == "password_change_required"
    # a weak new password is refused with the rule named
    page = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    ).content.decode()
    assert "密码" in page and Staff.objects.get(username="center").must_change_password
    done = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": GOOD, "new_password2": GOOD},
    )
    assert done.status_code == 302
    staff = Staff.objects.get(username="center")
    assert not staff.must_change_password and staff.check_password(GOOD)
    from chengguan.ledger.models import Entry

    assert Entry.objects.filter(action="org.staff.password_changed", subject_id=str(staff.pk))
    assert client.get("/").status_code == 200
    staff.set_password(PASSWORD)
    staff.save()


def test_an_expired_password_must_be_changed(demo, production):
    Staff.objects.filter(username="hotline").update(
        password_changed_at=clock.now() - dt.timedelta(days=production.PASSWORD_MAX_AGE_DAYS + 1)
    )
    client = _login("hotline")
    assert client.get("/")["Location"] == "/accounts/password/"


def test_demo_accounts_change_the_demo_password_outside_demo_mode(demo, production):
    from chengguan.demo.org import _user

    staff = _user(
        demo, demo.bureau, "officer1", "陈刚", demo.units["squad1"], [Role.OFFICER], False
    )
    assert staff.must_change_password


def _age_session(client: Client, *, login_ago: float, seen_ago: float) -> None:
    """Move the session's own clocks back (they are wall-clock time, not core.clock)."""
    from chengguan.web.session_policy import LOGIN_AT, SEEN_AT

    session = client.session
    now = time.time()
    session[LOGIN_AT] = now - login_ago
    session[SEEN_AT] = now - seen_ago
    session.save()


def test_an_idle_session_ends(demo, settings):
    client = _login("inspector")
    idle = settings.SESSION_IDLE_SECONDS
    _age_session(client, login_ago=idle - 60, seen_ago=idle - 60)
    assert client.get("/").status_code == 200
    _age_session(client, login_ago=idle + 120, seen_ago=idle + 60)
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert SecurityEvent.objects.filter(kind="session.expired", username="inspector").exists()
    assert client.get("/").status_code == 302


def test_an_active_session_still_ends_at_the_absolute_limit(demo, settings):
    client = _login("inspector")
    limit = settings.SESSION_COOKIE_AGE
    _age_session(client, login_ago=limit - 60, seen_ago=10)
    assert client.get("/").status_code == 200
    _age_session(client, login_ago=limit + 60, seen_ago=10)
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_request_refreshes_the_idle_clock(demo, settings):
    client = _login("inspector")
    idle = settings.SESSION_IDLE_SECONDS
    _age_session(client, login_ago=idle, seen_ago=idle - 30)
    assert client.get("/").status_code == 200
    from chengguan.web.session_policy import SEEN_AT

    assert time.time() - client.session[SEEN_AT] < 5


def test_pages_carry_the_security_headers(demo):
    response = Client().get("/accounts/login/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


PRODUCTION_PROFILE = {
    "CHENGGUAN_HTTPS": "1",
    "CHENGGUAN_ALLOWED_HOSTS": "cg.example.gov.cn",
    "CHENGGUAN_SECRET_KEY": "x" * 20 + "production-secret-key-with-enough-entropy-0123456789",
    "CHENGGUAN_HSTS_PRELOAD": "1",
}


def test_check_deploy_is_clean_in_the_production_profile(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHENGGUAN_") and k != "DEBUG"}
    env.update(PRODUCTION_PROFILE, CHENGGUAN_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "chengguan.manage", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_deploy_warns_without_the_profile(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHENGGUAN_")}
    env.update(CHENGGUAN_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "chengguan.manage", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0 and "SECURE_SSL_REDIRECT" in done.stdout + done.stderr
