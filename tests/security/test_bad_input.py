"""Issue #12 item 8: each input that answered 500 (or was stored) now gets a 400 in Chinese naming
the field, and nothing is written. Through the real middleware stack, JSON, forms and Open311."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from chengguan.citycases.models import CityCase
from chengguan.ledger.models import Entry
from tests.conftest import PASSWORD, ApiClient

POINT = {"lon": 111.4612, "lat": 33.2712}


def _raw(client: ApiClient, path: str, body: str) -> object:
    return client.client.post(
        f"/api/v1/{path}", data=body, content_type="application/json", headers=client.headers
    )


@pytest.fixture
def center(demo):
    client = ApiClient("center")
    client.client = Client(raise_request_exception=False)
    return client


def _unchanged(fn):
    cases, entries = CityCase.objects.count(), Entry.objects.count()
    response = fn()
    assert CityCase.objects.count() == cases and Entry.objects.count() == entries
    return response


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"description": "\\ud800"}', "description"),
        ('{"description": "a\\u0001b"}', "description"),
        ('{"description": "ok", "location": {"lon": NaN, "lat": 33.2}}', "location.lon"),
        ('{"description": "ok", "location": {"lon": Infinity, "lat": 33.2}}', "location.lon"),
        ('{"description": "ok", "amount": 1e308}', "amount"),
        ('{"description": "ok", "amount": "1e308"}', "amount"),
    ],
)
def test_bad_json_values_are_400_naming_the_field(center, body, field):
    data = json.loads(body.replace("NaN", "0").replace("Infinity", "0"))
    assert isinstance(data, dict)
    full = body[:-1] + ', "source": "inspection", "category": "E0101"}'
    if '"location"' not in body:
        full = full[:-1] + f', "location": {json.dumps(POINT)}}}'
    response = _unchanged(lambda: _raw(center, "city-cases", full))
    assert response.status_code == 400, response.content[:300]
    error = response.json()["error"]
    assert error["code"] == "invalid" and field in error["details"]
    assert "输入有误" in error["message"]


def test_a_ten_megabyte_description_is_refused(center):
    body = json.dumps(
        {
            "source": "inspection",
            "category": "E0101",
            "description": "x" * 10_000_000,
            "location": POINT,
        }
    )
    response = _unchanged(lambda: _raw(center, "city-cases", body))
    assert response.status_code == 400
    assert "内容过长" in response.json()["error"]["details"]["description"]


def test_a_page_number_of_twenty_digits(center):
    response = center.client.get(
        "/api/v1/city-cases", {"page": "99999999999999999999"}, headers=center.headers
    )
    assert response.status_code == 400 and "page" in response.json()["error"]["details"]


def test_stats_over_year_one_to_9999(demo):
    client = ApiClient("supervisor")
    client.client = Client(raise_request_exception=False)
    response = client.get("stats/city-cases", **{"from": "0001-01-01", "to": "9999-12-31"})
    assert response.status_code == 400
    assert "from" in response.json()["error"]["details"]


def test_a_complaint_dated_9999_is_refused(demo):
    client = ApiClient("supervisor")
    client.client = Client(raise_request_exception=False)
    response = client.post(
        "oversight/complaints",
        {"received_on": "9999-12-31", "channel": "phone", "content": "执法人员态度粗暴"},
    )
    assert response.status_code == 400, response.content[:300]
    assert "received_on" in response.json()["error"]["details"]


def test_a_nul_in_an_open311_form(demo):
    client = Client(raise_request_exception=False)
    before = CityCase.objects.count()
    response = client.post(
        "/open311/v2/requests.json",
        {
            "service_code": "E0101",
            "description": "a\x00b",
            "lat": "33.2712",
            "long": "111.4612",
            "api_key": PASSWORD,
        },
    )
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400 and "description" in response.json()[0]["description"]
    xml = client.post(
        "/open311/v2/requests.xml",
        {"service_code": "E0101", "description": "a\x01b", "lat": "33.2712", "long": "111.4612"},
    )
    assert xml.status_code == 400 and xml.content.startswith(b"<?xml")
    assert CityCase.objects.count() == before


def test_a_stored_control_character_still_gives_well_formed_xml(demo):
    from xml.etree import ElementTree as ET

    from chengguan.citycases.open311 import render

    response = render("xml", "service_requests", [{"description": "a\x01b\x0bc"}])
    root = ET.fromstring(response.content)
    assert root.find("request/description").text == "abc"


def test_a_staff_form_with_a_control_character(demo):
    client = Client(raise_request_exception=False)
    client.force_login(demo.user("inspector"))
    response = client.post("/cases/new/", {"description": "垃圾\x07", "category": "E0101"})
    assert response.status_code == 400
    assert "description" in response.content.decode()


def test_ordinary_chinese_text_passes(center):
    body = json.dumps(
        {
            "source": "inspection",
            "category": "E0101",
            "description": "人行道上有暴露垃圾，约2平方米。\n请尽快处理\t谢谢",
            "location": POINT,
        },
        ensure_ascii=False,
    )
    assert _raw(center, "city-cases", body).status_code == 201
