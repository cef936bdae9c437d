from __future__ import annotations

from typing import Any

import pytest

USERS = ["officer1", "officer2", "head", "reviewer", "town_officer1", "outsider", "supervisor"]


@pytest.fixture(autouse=True)
def _tokens_before_time_travel(api: Any) -> None:
    """Sign in at the real time: the tests move the clock back to 2025 and forward inside it, and a
    token issued at a frozen past moment would expire before the test's later steps."""
    for username in USERS:
        api(username)
