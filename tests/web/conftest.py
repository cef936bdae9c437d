"""Web clients signed in as demo users, and a point inside one of the demo grids."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from shapely.geometry import shape

from chengguan.citycases.models import Category, Grid
from chengguan.demo.context import DemoContext


@pytest.fixture
def web(demo: DemoContext) -> Callable[[str | None], Client]:
    """``web("center")`` → a Django test client with that demo user's session."""
    cache: dict[str | None, Client] = {}

    def make(username: str | None) -> Client:
        if username not in cache:
            client = Client()
            if username is not None:
                client.force_login(demo.user(username))
            cache[username] = client
        return cache[username]

    return make


@pytest.fixture
def spot(demo: DemoContext) -> tuple[float, float]:
    """(lon, lat) well inside a demo grid that has a responsible unit."""
    grid = Grid.objects.filter(bureau=demo.bureau).order_by("code").first()
    assert grid is not None
    point = shape(grid.geometry).representative_point()
    return (point.x, point.y)


@pytest.fixture
def category(demo: DemoContext) -> Category:
    cat = (
        Category.objects.filter(
            bureau=demo.bureau, active=True, public=True, default_unit__isnull=False
        )
        .order_by("code")
        .first()
    )
    assert cat is not None
    return cat


# --- helper:permits2 ---
@pytest.fixture
def api_point(demo: DemoContext) -> int:
    """A 便民临时摊点 of two places inside the demo's first grid, in its 2025 season."""
    import datetime as dt

    from chengguan.core import clock
    from chengguan.core.clock import SHANGHAI
    from chengguan.permits import actions
    from tests.permits.test_stalls import SQUARE

    with clock.frozen_at(dt.datetime(2025, 6, 3, 10, tzinfo=SHANGHAI)):
        point = actions.add_stall_point(
            actor=demo.user("reviewer"),
            name="页面测试便民点",
            geometry=SQUARE,
            season_from=dt.date(2025, 6, 1),
            season_to=dt.date(2025, 9, 30),
            opens_at="07:00",
            closes_at="21:00",
            capacity=2,
        )
    return point.pk


# --- /helper:permits2 ---
