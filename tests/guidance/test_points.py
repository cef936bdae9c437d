"""服务型行政执法联系点 and their visits over HTTP: a unit registers and visits its own points;
bad input is 400 in Chinese; wrong role, wrong unit and another bureau are refused, nothing
written."""

from __future__ import annotations

from typing import Any

from tests.conftest import shared_client
from tests.guidance.helpers import T0, add_point, point_body, snapshot
from tests.penalties.helpers import at


def test_a_unit_registers_a_point_and_records_visits(api: Any, demo: Any) -> None:
    with at(T0):
        p = add_point(api)
        assert p["unit"] == "squad1" and p["liaison"] == "officer1" and p["visits"] == []
        r = api("officer1").post(
            f"guidance/points/{p['id']}/visits",
            {
                "visited_on": "2025-06-03",
                "officers": ["officer1", "officer2"],
                "topics": "宣讲门前三包和油烟治理要求",
                "problems": "油烟净化器未按期清洗",
                "follow_up": "发提醒函，十日后回访",
            },
        )
        assert r.status_code == 201, r.content
        (v,) = r.json()["visits"]
        assert v["officers"] == ["officer1", "officer2"] and v["problems"]
        listed = api("officer1").get("guidance/points").json()
        assert [x["id"] for x in listed["items"]] == [p["id"]]
        # The head and the supervisor see every unit's points; another unit does not.
        assert api("head").get(f"guidance/points/{p['id']}").status_code == 200
        assert api("town_officer1").get("guidance/points").json()["count"] == 0


def test_the_head_registers_a_point_for_a_unit(api: Any, demo: Any) -> None:
    with at(T0):
        p = add_point(api, "head", unit="town1", liaison="town_officer1", name="西坪镇农贸市场")
        assert p["unit"] == "town1"
        assert api("town_officer1").get(f"guidance/points/{p['id']}").status_code == 200


def test_bad_input_is_400_naming_the_field(api: Any, demo: Any) -> None:
    with at(T0):
        before = snapshot()
        for body, field in (
            (point_body(kind="shop"), "kind"),
            (point_body(name=""), "name"),
            (point_body(credit_code=""), "credit_code"),
            (point_body(credit_code="91411323MA47D00190"), "credit_code"),
            (point_body(established_on="2026-01-01"), "established_on"),
            (point_body(domains=["space"]), "domains"),
            (point_body(lat=None), "lon"),
            (point_body(liaison=""), "liaison"),
        ):
            r = api("officer1").post("guidance/points", body)
            assert r.status_code == 400, (field, r.content)
            assert field in r.json()["error"]["details"], (field, r.json())
        r = api("officer1").post("guidance/points", point_body(liaison="nobody"))
        assert r.status_code == 400 and "liaison" in r.json()["error"]["details"]
        r = api("officer1").post("guidance/points", point_body(established_on="tomorrow"))
        assert r.status_code in (400, 422)
        assert snapshot() == before
        add_point(api)
        r = api("officer1").post("guidance/points", point_body())
        assert r.status_code == 400 and "name" in r.json()["error"]["details"]
        p = api("officer1").get("guidance/points").json()["items"][0]
        before = snapshot()
        url = f"guidance/points/{p['id']}/visits"
        for body, field in (
            ({"visited_on": "2025-06-03", "officers": ["officer1"]}, "topics"),
            ({"visited_on": "2025-06-03", "topics": "走访"}, "officers"),
            ({"visited_on": "2025-02-01", "officers": ["officer1"], "topics": "x"}, "visited_on"),
            ({"officers": ["officer1"], "topics": "x"}, "visited_on"),
        ):
            r = api("officer1").post(url, body)
            assert r.status_code == 400, (field, r.content)
            assert field in r.json()["error"]["details"], (field, r.json())
        assert snapshot() == before


def test_outsider_wrong_role_and_wrong_unit_are_refused(api: Any, demo: Any) -> None:
    with at(T0):
        p = add_point(api)
        before = snapshot()
        visit = {"visited_on": "2025-06-03", "officers": ["officer1"], "topics": "走访"}
        # Another bureau: the point does not exist for it.
        assert api("outsider").get(f"guidance/points/{p['id']}").status_code in (403, 404)
        r = api("outsider").post(f"guidance/points/{p['id']}/visits", visit)
        assert r.status_code in (403, 404)
        # Wrong role: the command centre has nothing to do with contact points.
        assert api("center").get("guidance/points").status_code == 403
        assert api("center").post("guidance/points", point_body(name="另一个")).status_code == 403
        assert api("reviewer").post("guidance/points", point_body(name="另一个")).status_code == 403
        # Wrong unit: a town team neither sees nor visits the squad's point, nor registers one
        # for the squad.
        assert api("town_officer1").get(f"guidance/points/{p['id']}").status_code == 404
        r = api("town_officer1").post(f"guidance/points/{p['id']}/visits", visit)
        assert r.status_code == 404
        r = api("town_officer1").post("guidance/points", point_body(name="另一个", unit="squad1"))
        assert r.status_code == 403
        # Not signed in.
        assert shared_client().get("/api/v1/guidance/points").status_code == 401
        assert snapshot() == before
