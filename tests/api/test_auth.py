from __future__ import annotations

import json

from django.test import Client

from tests.conftest import PASSWORD, error_code


def _token(client: Client, username: str, password: str):
    return client.post(
        "/api/v1/auth/token",
        data=json.dumps({"username": username, "password": password}),
        content_type="application/json",
    )


def test_token_is_issued_and_opens_the_api(demo, settings):
    client = Client()
    r = _token(client, "center", PASSWORD)
    assert r.status_code == 200
    token = r.json()["token"]
    assert r.json()["expires_at"]
    units = client.get("/api/v1/org/units", headers={"Authorization": f"Bearer {token}"})
    assert units.status_code == 200
    assert "center" in {u["code"] for u in units.json()["items"]}


def test_wrong_password_is_401_with_the_envelope(demo):
    r = _token(Client(), "center", "wrong")
    assert r.status_code == 401
    body = r.json()["error"]
    assert body["code"] == "unauthenticated"
    assert "密码" in body["message"]


def test_repeated_failures_are_throttled(demo, settings):
    client = Client()
    for _ in range(settings.LOGIN_THROTTLE_FAILURES):
        assert _token(client, "hotline", "wrong").status_code == 401
    r = _token(client, "hotline", PASSWORD)
    assert r.status_code == 429
    assert error_code(r) == "throttled"


def test_no_token_is_401(demo):
    r = Client().get("/api/v1/org/units")
    assert r.status_code == 401
    assert error_code(r) == "unauthenticated"


def test_malformed_json_is_400_in_chinese(demo):
    r = Client().post("/api/v1/auth/token", data="{not json", content_type="application/json")
    assert r.status_code == 400
    assert error_code(r) == "invalid"
    assert "JSON" in r.json()["error"]["message"]


def test_missing_field_names_the_field(demo):
    r = Client().post(
        "/api/v1/auth/token",
        data=json.dumps({"username": "center"}),
        content_type="application/json",
    )
    assert r.status_code == 400
    assert r.json()["error"]["details"] == {"password": "必填"}


def test_the_token_brings_the_staff_and_all_roles_in_one_statement(demo):
    """Decision 093: the roles come with the staff row (one round trip per API request)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from chengguan.api.auth import staff_for_token
    from chengguan.api.models import ApiToken
    from chengguan.org.models import RoleAssignment

    r = _token(Client(), "inspector", PASSWORD)
    token = r.json()["token"]
    inspector = demo.user("inspector")
    RoleAssignment.objects.create(staff=inspector, role="center", unit=demo.unit("center"))
    RoleAssignment.objects.create(staff=inspector, role="center", unit=demo.unit("sanitation"))
    with CaptureQueriesContext(connection) as queries:
        staff = staff_for_token(token)
    assert staff is not None and staff.pk == inspector.pk
    assert len(queries.captured_queries) == 1
    expected = set(RoleAssignment.objects.filter(staff=inspector).values_list("role", flat=True))
    assert staff.role_ids() == expected == {"inspector", "center"}
    # No role left: an empty set, not one empty-named role.
    RoleAssignment.objects.filter(staff=inspector).delete()
    staff = staff_for_token(token)
    assert staff is not None and staff.role_ids() == set()
    ApiToken.objects.filter(staff=inspector).update(revoked=True)
    assert staff_for_token(token) is None
