from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tests.conftest import PASSWORD, ApiClient

_shared: list[Client] = []


class SharedClient(ApiClient):
    """ApiClient on one Django test Client for the whole session: building a Client's handler
    (WhiteNoise scans every static file) costs about a second, and these tests sign in often."""

    def __init__(self, username: str, password: str = PASSWORD) -> None:
        if not _shared:
            _shared.append(Client())
        self.client = _shared[0]
        r = self.client.post(
            "/api/v1/auth/token",
            data=json.dumps({"username": username, "password": password}),
            content_type="application/json",
        )
        assert r.status_code == 200, r.content
        self.headers = {"Authorization": f"Bearer {r.json()['token']}"}


@pytest.fixture
def api(demo: Any) -> Callable[[str], ApiClient]:
    """Same as the project's ``api`` fixture, signing in at the real time on first use: the tests
    move the clock back to 2025, and a token issued at a frozen moment would expire mid-test."""
    cache: dict[str, ApiClient] = {}

    def make(username: str) -> ApiClient:
        if username not in cache:
            cache[username] = SharedClient(username)
        return cache[username]

    for username in (
        "officer1",
        "officer2",
        "head",
        "reviewer",
        "town_officer1",
        "outsider",
        "officer_nocert",
    ):
        make(username)
    return make


@pytest.fixture
def powers(settings: Any) -> None:
    """QZ-13: the demo bureau given the power to demolish and to remove by a law (as a county
    government's 责成 under 城乡规划法第六十八条 would)."""
    settings.LOCAL_RULES = {
        **settings.LOCAL_RULES,
        "bureau_execution_powers": {
            "demo": {
                "demolition": "《中华人民共和国城乡规划法》第六十八条",
                "removal": "《城市道路管理条例》第四十二条",
                "fine": "示范法律第一条",
            }
        },
    }
