"""The published Open311 client from PyPI (``georeport``) reads our endpoints.

It talks through ``requests``; a transport adapter hands each request to Django's test client, so
the client's real code runs against our real views inside the test transaction (no server, no mock
of our code).
"""

from __future__ import annotations

import pytest
from django.test import Client

georeport = pytest.importorskip("georeport")
requests = pytest.importorskip("requests")


class DjangoAdapter(requests.adapters.BaseAdapter):
    def __init__(self) -> None:
        super().__init__()
        self.client = Client()

    def send(self, request, **kwargs):  # type: ignore[no-untyped-def]
        url = requests.utils.urlparse(request.url)
        path = url.path + (f"?{url.query}" if url.query else "")
        if request.method == "POST":
            reply = self.client.post(
                path, data=request.body or b"", content_type=request.headers.get("Content-Type", "")
            )
        else:
            reply = self.client.get(path)
        response = requests.Response()
        response.status_code = reply.status_code
        response._content = reply.content
        response.headers.update({k: v for k, v in reply.items()})
        response.url = request.url
        response.request = request
        return response

    def close(self) -> None:
        pass


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_the_published_client_lists_services_and_reads_a_request(demo, monkeypatch, fmt):
    adapter = DjangoAdapter()
    monkeypatch.setattr(requests.Session, "get_adapter", lambda self, url: adapter)
    client = georeport.GeoReport(
        "http://testserver/open311/v2", jurisdiction="411323", output_format=fmt
    )
    services = client.get_service_list()
    codes = {s["service_code"] for s in services}
    assert "E0101" in codes and len(codes) >= 40
    definition = client.get_service_definition("E0101")
    assert definition["service_code"] == "E0101"

    from tests.citycases.conftest import drive

    case = drive(demo, "dispatched", source="public")  # staff-entered ones are not listed
    item = client.get_service_request(case.number)
    assert item["service_request_id"] == case.number and item["status"] == "open"
    listed = client.get_service_requests(status="open")
    listed = listed if isinstance(listed, list) else [listed]
    assert case.number in {r["service_request_id"] for r in listed}
    with pytest.raises(requests.HTTPError):
        client.get_service_definition("nosuch")
