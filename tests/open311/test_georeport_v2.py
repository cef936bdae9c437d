"""Open311 GeoReport v2 conformance, driven by the spec's own example requests
(http://wiki.open311.org/GeoReport_v2), with the city's values put in for San Francisco's."""

from __future__ import annotations

from urllib.parse import urlencode
from xml.etree import ElementTree as ET

import pytest
from django.test import Client

from chengguan.citycases.models import CityCase
from tests.conftest import PASSWORD

BASE = "/open311/v2"
JURISDICTION = "411323"
LAT, LONG = "33.2712", "111.4612"


@pytest.fixture
def web(db) -> Client:
    return Client()


def _post_example(web: Client, fmt: str = "xml", **changes: str):
    # The spec's example POST body, form-encoded, with repeated attribute[] keys.
    fields = [
        ("api_key", PASSWORD),
        ("jurisdiction_id", JURISDICTION),
        ("service_code", "E0108"),
        ("lat", LAT),
        ("long", LONG),
        ("address_string", "1234 5th street"),
        ("email", "smit333@sfgov.edu"),
        ("device_id", "tt222111"),
        ("account_id", "123456"),
        ("first_name", "john"),
        ("last_name", "smith"),
        ("phone", "111111111"),
        ("description", "A large sinkhole is destroying the street"),
        ("media_url", "http://mymedia.com/media.jpg"),
        ("attribute[WHISHETN]", "123"),
        ("attribute[WHISHETN]", "124"),
        ("attribute[ASHTRAY]", "2"),
    ]
    body = [(k, changes.get(k, v)) for k, v in fields if changes.get(k, v) is not None]
    return web.post(
        f"{BASE}/requests.{fmt}",
        data=urlencode(body),
        content_type="application/x-www-form-urlencoded",
    )


def test_discovery_xml_and_json(web, demo):
    r = web.get(f"{BASE}/discovery.xml")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/xml")
    root = ET.fromstring(r.content)
    assert root.tag == "discovery"
    endpoint = root.find("endpoints/endpoint")
    assert endpoint is not None
    assert endpoint.findtext("specification") == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint.findtext("url").endswith("/open311/v2/")
    assert {f.text for f in endpoint.findall("formats/format")} == {"text/xml", "application/json"}
    assert web.get(f"{BASE}/discovery.json").json()["endpoints"][0]["type"] == "production"


def test_services_list_public_categories(web, demo):
    r = web.get(f"{BASE}/services.xml", {"jurisdiction_id": JURISDICTION})
    root = ET.fromstring(r.content)
    assert root.tag == "services"
    codes = [s.findtext("service_code") for s in root.findall("service")]
    assert "E0101" in codes and "C0404" not in codes  # 古树名木 is internal only
    first = root.find("service")
    for tag in (
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    ):
        assert first.find(tag) is not None, tag
    items = web.get(f"{BASE}/services.json").json()
    assert {i["service_code"] for i in items} == set(codes)
    assert all(i["metadata"] is False and i["type"] == "realtime" for i in items)


def test_service_definition_and_unknown_service_404(web, demo):
    r = web.get(f"{BASE}/services/E0108.xml", {"jurisdiction_id": JURISDICTION})
    root = ET.fromstring(r.content)
    assert root.tag == "service_definition" and root.findtext("service_code") == "E0108"
    r = web.get(f"{BASE}/services/033.xml", {"jurisdiction_id": JURISDICTION})
    assert r.status_code == 404
    error = ET.fromstring(r.content)
    assert error.tag == "errors" and error.findtext("error/code") == "404"
    assert error.findtext("error/description")
    r = web.get(f"{BASE}/services/033.json")
    assert r.status_code == 404 and r.json()[0]["code"] == 404


def test_post_request_form_encoded_then_read_it_back(web, demo, api):
    before = CityCase.objects.count()
    r = _post_example(web)
    assert r.status_code == 200, r.content
    root = ET.fromstring(r.content)
    assert root.tag == "service_requests"
    number = root.findtext("request/service_request_id")
    token = root.findtext("request/token")
    assert number and token
    assert CityCase.objects.count() == before + 1
    case = CityCase.objects.get(number=number, bureau=demo.bureau)
    assert case.source == "public" and case.status == "reported" and case.reported_by is None
    assert case.requester_phone == "111111111"  # stored (encrypted) for the centre
    assert case.media_url == "http://mymedia.com/media.jpg"
    assert api("center").get(f"city-cases/{case.pk}").json()["media_url"] == case.media_url

    r = web.get(f"{BASE}/requests/{number}.xml", {"jurisdiction_id": JURISDICTION})
    request = ET.fromstring(r.content).find("request")
    assert request.findtext("service_request_id") == number
    assert request.findtext("status") == "open"
    assert request.findtext("service_code") == "E0108"
    assert float(request.findtext("lat")) == pytest.approx(33.2712)
    assert float(request.findtext("long")) == pytest.approx(111.4612)
    assert request.findtext("address") == "1234 5th street"
    assert request.findtext("media_url") == "http://mymedia.com/media.jpg"
    body = r.content.decode() + web.get(f"{BASE}/requests/{number}.json").content.decode()
    assert "111111111" not in body and "smith" not in body and "john" not in body

    r = web.get(f"{BASE}/tokens/{token}.xml")
    assert ET.fromstring(r.content).findtext("request/service_request_id") == number
    assert web.get(f"{BASE}/tokens/nosuch.json").status_code == 404


def test_post_json_answer_is_a_list(web, demo):
    r = _post_example(web, fmt="json")
    assert r.status_code == 200
    assert r.json()[0]["service_request_id"]


def test_post_without_a_valid_key_is_403_and_writes_nothing(web, demo):
    before = CityCase.objects.count()
    for key in (None, "xyz"):
        r = _post_example(web, api_key=key)  # type: ignore[arg-type]
        assert r.status_code == 403
        assert ET.fromstring(r.content).findtext("error/code") == "403"
    assert CityCase.objects.count() == before


def test_post_unknown_service_is_404_other_bad_input_400(web, demo):
    before = CityCase.objects.count()
    assert _post_example(web, service_code="001").status_code == 404
    assert _post_example(web, lat=None, long=None).status_code == 400  # type: ignore[arg-type]
    r = _post_example(web, fmt="json", lat="39.9", long="116.4")  # outside every grid
    assert r.status_code == 400 and "网格" in r.json()[0]["description"]
    assert _post_example(web, description="").status_code == 400
    assert _post_example(web, lat="north").status_code == 400
    assert _post_example(web, service_code="C0404").status_code == 404  # not public
    for link in ("file:///etc/passwd", "javascript:alert(1)", "http://x.cn/" + "a" * 500):
        r = _post_example(web, fmt="json", media_url=link)
        assert r.status_code == 400 and "图片链接" in r.json()[0]["description"], link
    assert CityCase.objects.count() == before


def test_get_requests_by_dates_status_and_ids(web, demo):
    a = ET.fromstring(_post_example(web).content).findtext("request/service_request_id")
    b = ET.fromstring(_post_example(web, service_code="E0101").content).findtext(
        "request/service_request_id"
    )
    # the spec's example: a date range and a status
    r = web.get(
        f"{BASE}/requests.xml",
        {
            "start_date": "2010-05-24T00:00:00Z",
            "end_date": "2010-06-24T00:00:00Z",
            "status": "open",
        },
    )
    assert r.status_code == 200 and ET.fromstring(r.content).findall("request") == []
    items = web.get(f"{BASE}/requests.json", {"status": "open"}).json()
    assert {a, b} <= {i["service_request_id"] for i in items}
    assert web.get(f"{BASE}/requests.json", {"status": "closed"}).json() == [] or all(
        i["status"] == "closed"
        for i in web.get(f"{BASE}/requests.json", {"status": "closed"}).json()
    )
    items = web.get(f"{BASE}/requests.json", {"service_request_id": f"{a},{b}"}).json()
    assert {i["service_request_id"] for i in items} == {a, b}
    items = web.get(f"{BASE}/requests.json", {"service_code": "E0101"}).json()
    assert b in {i["service_request_id"] for i in items}
    assert a not in {i["service_request_id"] for i in items}
    assert web.get(f"{BASE}/requests.json", {"status": "pending"}).status_code == 400
    assert web.get(f"{BASE}/requests.json", {"start_date": "yesterday"}).status_code == 400
    r = web.get(
        f"{BASE}/requests.json",
        {"start_date": "2024-01-01T00:00:00Z", "end_date": "2024-12-31T00:00:00Z"},
    )
    assert r.status_code == 400  # more than 90 days


def test_a_closed_case_reads_closed(web, demo):
    from tests.citycases.conftest import drive

    case = drive(demo, "closed", source="public")  # staff-entered cases are not public
    item = web.get(f"{BASE}/requests/{case.number}.json").json()[0]
    assert item["status"] == "closed" and item["agency_responsible"] == "环境卫生管理中心"


def test_unknown_request_and_unknown_path_are_404(web, demo):
    assert (
        web.get(f"{BASE}/requests/638344.xml", {"jurisdiction_id": JURISDICTION}).status_code == 404
    )
    assert web.get(f"{BASE}/nothing.json").status_code == 404
    assert web.get(f"{BASE}/services.json", {"jurisdiction_id": "999999"}).status_code == 404


def test_another_bureaus_key_cannot_post_into_this_jurisdiction(web, demo):
    from chengguan.citycases.models import Open311Key
    from chengguan.demo.citycases import open311_digest

    Open311Key.objects.create(bureau=demo.other_bureau, name="邻县", digest=open311_digest("k2"))
    r = _post_example(web, api_key="k2")
    assert r.status_code == 404
