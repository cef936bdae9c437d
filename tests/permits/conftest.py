from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import ApiClient
from tests.measures.conftest import SharedClient


@pytest.fixture
def api(demo: Any) -> Callable[[str], ApiClient]:
    """Clients signed in at the real time on first use (the tests then move the clock to 2025,
    and a token issued at a frozen moment would expire mid-test); see tests/measures."""
    cache: dict[str, ApiClient] = {}

    def make(username: str) -> ApiClient:
        if username not in cache:
            cache[username] = SharedClient(username)
        return cache[username]

    for username in ("reviewer", "head", "officer1", "outsider", "handler_sanitation"):
        make(username)
    return make
