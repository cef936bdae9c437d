from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from chengguan.inspections.models import (
    Inspection,
    InspectionItem,
    InspectionPlan,
    SupervisedEntity,
)
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

    for username in (
        "officer1",
        "officer2",
        "head",
        "reviewer",
        "town_officer1",
        "town_officer2",
        "outsider",
        "handler_sanitation",
        "inspector",
    ):
        make(username)
    return make


# --- helper:inspections2 ---
# The first part's tests register several visits of one object and item on one day to reach the
# other rules; the repeat window (JC-4, part 2) would refuse the second of them. Those modules run
# with the window off; test_joint.py breaks it with the bureau's default.
WINDOW_OFF = {"test_api", "test_transitions", "test_portal", "test_command", "test_draw"}


@pytest.fixture(autouse=True)
def _repeat_window_off_for_part_one(request: pytest.FixtureRequest, settings: Any) -> None:
    if request.module.__name__.rsplit(".", 1)[-1] in WINDOW_OFF:
        settings.LOCAL_RULES = {**settings.LOCAL_RULES, "inspection_repeat_window_days": 0}


@pytest.fixture(autouse=True)
def _empty_register(request: pytest.FixtureRequest) -> None:
    """The rules are tested from an empty 名录库 and 清单 (draw sizes, listed items, counts): the
    demo's own inspection data is set aside inside the test's transaction (rolled back after it);
    test_demo_data.py looks at it."""
    if request.module.__name__.endswith("test_demo_data") or "db" not in request.fixturenames:
        return
    request.getfixturevalue("db")
    Inspection.objects.all().delete()
    InspectionPlan.objects.all().delete()
    SupervisedEntity.objects.all().delete()
    InspectionItem.objects.all().delete()


# --- /helper:inspections2 ---
