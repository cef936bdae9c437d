from __future__ import annotations

from django.test import Client

from chengguan.org.models import Certificate
from tests.conftest import error_code


def test_healthz(db):
    r = Client().get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


def test_openapi_declares_error_responses(db):
    doc = Client().get("/api/v1/openapi.json").json()
    responses = doc["paths"]["/api/v1/org/certificates"]["post"]["responses"]
    assert {"201", "400", "401", "403", "404", "409"} <= set(responses)


def test_error_envelope_shape_for_a_forbidden_action(api, demo):
    cert = demo.user("officer1").certificates.get()
    r = api("center").post(f"org/certificates/{cert.pk}/suspend", {"reason": "other"})
    assert r.status_code == 403
    assert set(r.json()) == {"error"}
    assert set(r.json()["error"]) == {"code", "message", "article", "details"}
    assert error_code(r) == "forbidden"


def test_idempotency_key_returns_the_first_result(api, demo):
    admin = api("admin")
    body = {
        "holder": "supervisor",
        "number": "豫行执IDEM01",
        "issued_on": "2024-01-01",
        "expires_on": "2029-01-01",
    }
    first = admin.post("org/certificates", body, headers={"Idempotency-Key": "k-1"})
    again = admin.post("org/certificates", body, headers={"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert again["Idempotent-Replay"] == "true"
    assert Certificate.objects.filter(number="豫行执IDEM01").count() == 1


def test_idempotency_key_reused_for_another_body_is_refused(api, demo):
    admin = api("admin")
    base = {"holder": "supervisor", "issued_on": "2024-01-01", "expires_on": "2029-01-01"}
    assert (
        admin.post(
            "org/certificates", {**base, "number": "A-1"}, headers={"Idempotency-Key": "k-2"}
        ).status_code
        == 201
    )
    r = admin.post(
        "org/certificates", {**base, "number": "A-2"}, headers={"Idempotency-Key": "k-2"}
    )
    assert r.status_code == 409
    assert error_code(r) == "idempotency_key_reused"
    assert not Certificate.objects.filter(number="A-2").exists()


def test_a_refused_write_can_be_retried_with_its_key(api, demo):
    admin = api("admin")
    bad = {
        "holder": "supervisor",
        "number": "B-1",
        "issued_on": "2024-01-01",
        "expires_on": "2023-01-01",
    }
    assert (
        admin.post("org/certificates", bad, headers={"Idempotency-Key": "k-3"}).status_code == 400
    )
    good = {**bad, "expires_on": "2029-01-01"}
    r = admin.post("org/certificates", good, headers={"Idempotency-Key": "k-3"})
    assert r.status_code == 201


def test_page_size_above_200_is_refused(api, demo):
    r = api("center").get("org/staff", page_size=201)
    assert r.status_code == 400
    assert "page_size" in r.json()["error"]["details"]


def test_pagination_links_the_next_page(api, demo):
    r = api("center").get("org/staff", page_size=2)
    body = r.json()
    assert len(body["items"]) == 2
    assert body["count"] > 2
    assert "page=2" in body["next"]


def test_unknown_api_path_is_a_json_404(api):
    r = api("center").get("/api/v1/no-such-thing")
    assert r.status_code == 404
    assert error_code(r) == "not_found"


def test_wrong_method_is_a_json_405(api):
    r = api("center").client.delete("/api/v1/auth/token")
    assert r.status_code == 405
    assert error_code(r) == "method_not_allowed"


def test_a_nul_character_is_a_400_not_a_database_error(api):
    r = api("center").get("org/certificates", holder="a\x00b")
    assert r.status_code == 400
    assert error_code(r) == "invalid"
    r = api("center").post("city-cases", {"description": "a\u0000b"})
    assert r.status_code == 400
