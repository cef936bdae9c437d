"""Issue #12 item 8: the portal and Open311 intake are limited per client address; the 21st report
in the window is a 429 that writes nothing, and another address is not affected."""

from __future__ import annotations

from django.test import Client

from chengguan.citycases.models import CityCase
from chengguan.ledger.models import Entry
from tests.conftest import PASSWORD


def _open311(client: Client, ip: str):
    return client.post(
        "/open311/v2/requests.json",
        {
            "service_code": "E0101",
            "description": "人行道有垃圾",
            "lat": "33.2712",
            "long": "111.4612",
            "api_key": PASSWORD,
        },
        REMOTE_ADDR=ip,
    )


def test_open311_intake_is_limited_per_address(demo, settings):
    settings.PUBLIC_INTAKE_LIMIT = 3
    client = Client()
    for _ in range(3):
        assert _open311(client, "10.9.0.1").status_code == 200
    cases, entries = CityCase.objects.count(), Entry.objects.count()
    refused = _open311(client, "10.9.0.1")
    assert refused.status_code == 429
    assert "提交过于频繁" in refused.json()[0]["description"]
    assert CityCase.objects.count() == cases and Entry.objects.count() == entries
    assert _open311(client, "10.9.0.2").status_code == 200


def test_the_portal_form_is_limited_too(demo, settings):
    settings.PUBLIC_INTAKE_LIMIT = 0
    page = Client().post(
        "/portal/report/",
        {"category": "E0101", "description": "垃圾", "lon": "111.4612", "lat": "33.2712"},
        REMOTE_ADDR="10.9.0.3",
    )
    assert page.status_code == 429
    assert "提交过于频繁" in page.content.decode()
