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
