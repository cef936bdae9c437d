from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import ApiClient
from tests.measures.conftest import SharedClient


@pytest.fixture
def api(demo: Any) -> Callable[[str], ApiClient]:
    """Signed in at the real time on first use: the tests move the clock back to 2025."""
    cache: dict[str, ApiClient] = {}

    def make(username: str) -> ApiClient:
        if username not in cache:
            cache[username] = SharedClient(username)
        return cache[username]

    for username in ("officer1", "town_officer1", "head", "reviewer", "outsider", "center"):
        make(username)
    return make
