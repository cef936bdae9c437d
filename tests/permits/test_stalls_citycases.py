"""Street trading inside an open 便民临时摊点 during its hours is told apart from trading outside
(``inside_stall_point`` on the city case, computed through ``core.links``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.permits.helpers import T0, at
from tests.permits.test_stalls import _point

INSIDE = {"lon": 111.462, "lat": 33.272}
OUTSIDE = {"lon": 111.47, "lat": 33.28}


def _case(api: Any, category: str, where: dict[str, float]) -> dict[str, Any]:
    r = api("inspector").post(
        "city-cases",
        {
            "source": "inspection",
            "category": category,
            "description": "沿街摆摊卖西瓜",
            "location": where,
            "address": "人民路",
        },
    )
    assert r.status_code == 201, r.content
    return dict(r.json())


def test_street_trading_inside_an_open_point_is_tagged(api: Any, demo: Any) -> None:
    api("inspector"), api("center")  # signed in at the real time (see conftest)
    with at(T0):
        _point(api)
    with at(T0, 10):
        inside = _case(api, "E0501", INSIDE)
        assert inside["inside_stall_point"] is True
        roaming = _case(api, "E0503", INSIDE)
        assert roaming["inside_stall_point"] is True
        assert _case(api, "E0501", OUTSIDE)["inside_stall_point"] is False
        # Not street trading: never tagged, even inside the point.
        assert _case(api, "E0101", INSIDE)["inside_stall_point"] is False
        shown = api("center").get(f"city-cases/{inside['id']}").json()
        assert shown["inside_stall_point"] is True
    # After the point's hours, and after its season, the same spot is ordinary street trading.
    with at(T0, 22):
        assert _case(api, "E0501", INSIDE)["inside_stall_point"] is False
    with at(dt.date(2025, 10, 9), 10):
        assert _case(api, "E0501", INSIDE)["inside_stall_point"] is False
