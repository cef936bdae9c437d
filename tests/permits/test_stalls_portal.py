"""The public map of 便民临时摊点: points open today or later in their season, with free places,
and nothing about the keepers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from tests.permits.helpers import T0, at, person_id
from tests.permits.test_stalls import _apply, _point


def test_the_public_map_lists_open_and_coming_points_with_free_places(api: Any, demo: Any) -> None:
    with at(T0):
        open_now = _point(api, capacity=2)
        coming = _point(api, name="北关瓜果点", season_from="2025-07-01", season_to="2025-08-31")
        ended = _point(api, name="去年点位", season_from="2025-05-01", season_to="2025-05-31")
        _apply(api, open_now["id"], 1)
        assert (
            api("reviewer")
            .post(f"permits/stall-points/{open_now['id']}/allocate", {"method": "first_come"})
            .status_code
            == 200
        )
        r = Client().get("/portal/stall-points.json")
        assert r.status_code == 200
        body = r.json()
        assert body["type"] == "FeatureCollection"
        by_id = {f["properties"]["id"]: f for f in body["features"]}
        assert set(by_id) == {open_now["id"], coming["id"]}
        assert ended["id"] not in by_id
        now = by_id[open_now["id"]]
        assert now["geometry"]["type"] == "Polygon"
        assert now["properties"]["free"] == 1 and now["properties"]["in_season"] is True
        assert by_id[coming["id"]]["properties"]["in_season"] is False
        text = r.content.decode()
        # No personal data: neither the keeper's name nor the ID number.
        assert "摊主1" not in text and person_id(serial="101") not in text
        page = Client().get("/portal/stall-points/")
        assert page.status_code == 200
        html = page.content.decode()
        assert "人民路瓜果季便民点" in html and "北关瓜果点" in html and "去年点位" not in html
        assert "摊主1" not in html
        assert "便民摊点" in Client().get("/portal/").content.decode()
    # After every season: an empty map, and the page says so.
    with at(dt.date(2025, 10, 8)):
        assert Client().get("/portal/stall-points.json").json()["features"] == []
        assert (
            "目前没有开放的便民临时摊点" in Client().get("/portal/stall-points/").content.decode()
        )
