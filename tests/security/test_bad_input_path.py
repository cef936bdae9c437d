"""Found by the live fuzz on PostgreSQL (decision 091): a NUL or another control character in a path
parameter reached a database lookup and was a 500 there (PostgreSQL refuses NUL in any string).
Now it is a 400 in Chinese naming the path, before any view, on every database."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import ApiClient


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/law/power-items/a%00b",
        "/api/v1/province/bureaus/a%00b/figures/2024",
        "/api/v1/city-cases/1%01",
    ],
)
def test_a_control_character_in_an_api_path_is_400(demo, path):
    client = ApiClient("officer1")
    client.client = Client(raise_request_exception=False)
    response = client.client.get(path, headers=client.headers)
    assert response.status_code == 400, response.content[:300]
    error = response.json()["error"]
    assert error["code"] == "invalid" and "path" in error["details"]
    assert "控制字符" in error["details"]["path"]


def test_a_nul_in_a_page_path_is_400(demo):
    client = Client(raise_request_exception=False)
    client.force_login(demo.user("officer1"))
    response = client.get("/cases/a%00b/")
    assert response.status_code == 400
    assert "控制字符" in response.content.decode()


def test_an_ordinary_path_still_works(demo):
    client = ApiClient("officer1")
    assert client.get("law/power-items").status_code == 200
