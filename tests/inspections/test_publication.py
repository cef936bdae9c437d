"""SJ-2: a draw's result and the outcomes of its inspections published on the portal (JSON and a
Chinese page), within LOCAL_RULES ``inspection_publish_wd`` working days; late ones listed by
``chengguan inspections overdue-publications``; traders' names masked."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.management import call_command
from django.test import Client

from chengguan.core import workdays
from chengguan.inspections import actions
from tests.conftest import error_code
from tests.inspections.helpers import T0, at, entity, items, snapshot


def _plan(api: Any, count: int = 3) -> int:
    r = api("reviewer").post(
        "inspections/plans",
        {"year": 2025, "item": "JC-R1", "count": count, "officers": ["officer1", "officer2"]},
    )
    assert r.status_code == 201, r.content
    pid = int(r.json()["id"])
    assert api("head").post(f"inspections/plans/{pid}/approve", {}).status_code == 200
    return pid


def _register(demo: Any) -> None:
    items(demo)
    entity(demo, 1)
    entity(demo, 2)
    actions.add_entity(
        actor=demo.users["officer1"],
        kind="person",
        name="王小明烧烤店",
        address="示范县人民路8号",
        town="白羽街道",
    )


def test_sj2_only_a_drawn_plan_is_published(api, demo):
    with at(T0):
        _register(demo)
        pid = _plan(api)
        before = snapshot()
        r = api("reviewer").post(f"inspections/plans/{pid}/publish", {})
        assert r.status_code == 409 and error_code(r) == "SJ-2", r.content
        assert r.json()["error"]["article"]
        assert snapshot() == before
        r = api("head").post(f"inspections/plans/{pid}/draw", {"seed": "sj2"})
        assert r.status_code == 200
        due = r.json()["publish_due"]
        assert due == workdays.add_workdays(T0, 20).isoformat()
        # Drawn but not yet published: not on the portal.
        assert Client().get(f"/portal/inspections/plans/{pid}.json").status_code == 404
        assert Client().get(f"/portal/inspections/plans/{pid}").status_code == 404
        r = api("reviewer").post(f"inspections/plans/{pid}/publish", {})
        assert r.status_code == 200, r.content
        assert r.json()["published_on"] == T0.isoformat() and r.json()["publish_late"] is False
        before = snapshot()
        r = api("head").post(f"inspections/plans/{pid}/publish", {})
        assert r.status_code == 409 and error_code(r) == "state"
        assert snapshot() == before


def test_the_portal_shows_the_draw_and_outcomes_without_personal_data(api, demo):
    with at(T0):
        _register(demo)
        pid = _plan(api)
        drawn = api("head").post(f"inspections/plans/{pid}/draw", {"seed": "sj2"}).json()
        assert api("reviewer").post(f"inspections/plans/{pid}/publish", {}).status_code == 200
        first = drawn["entities"][0]
        r = api("officer1").post(
            "inspections",
            {
                "item": "JC-R1",
                "entity": first,
                "officers": drawn["officers"][0],
                "reason": "plan",
                "planned_on": T0.isoformat(),
                "plan": pid,
            },
        )
        assert r.status_code == 201, r.content
        iid, code = r.json()["id"], r.json()["code"]
        post = api("officer1").post
        assert post(f"inspections/{iid}/check_in", {"code": code}).status_code == 200
        r = post(
            f"inspections/{iid}/record",
            {"findings": "未发现问题", "ok": True, "certificates_shown": ["officer1", "officer2"]},
        )
        assert r.status_code == 200
        assert post(f"inspections/{iid}/notify_result", {"result": "未发现问题"}).status_code == 200

        r = Client().get(f"/portal/inspections/plans/{pid}.json")
        assert r.status_code == 200
        body = r.json()
        assert body["seed"] == "sj2" and body["inputs_hash"] == drawn["inputs_hash"]
        assert body["item"]["code"] == "JC-R1" and len(body["objects"]) == 3
        outcomes = [o["outcome"] for o in body["objects"]]
        assert outcomes.count("未发现问题") == 1 and outcomes.count("尚未检查") == 2
        names = {o["name"] for o in body["objects"]}
        # The trader's name is masked; no address anywhere.
        assert "王小明烧烤店" not in names and "王*****" in names
        assert "人民路" not in r.content.decode("utf-8")
        assert {o["officers"][0] for o in body["objects"]} <= {"陈刚", "刘洋"}
        page = Client().get(f"/portal/inspections/plans/{pid}")
        assert page.status_code == 200
        text = page.content.decode("utf-8")
        assert "双随机抽查结果公示" in text and "未发现问题" in text and "王*****" in text
        assert "王小明烧烤店" not in text
        assert Client().get("/portal/inspections/plans/99999.json").status_code == 404


def test_overdue_publications_are_listed_and_a_late_one_flagged(api, demo):
    with at(T0):
        _register(demo)
        pid = _plan(api)
        assert api("head").post(f"inspections/plans/{pid}/draw", {}).status_code == 200
    due = workdays.add_workdays(T0, 20)
    with at(due):
        out = io.StringIO()
        call_command("inspections", "overdue-publications", stdout=out)
        assert "逾期未公示：0项" in out.getvalue()
    late = due + dt.timedelta(days=3)
    with at(late):
        out = io.StringIO()
        call_command("inspections", "overdue-publications", "--bureau", "demo", stdout=out)
        assert f"计划{pid}" in out.getvalue() and "逾期未公示：1项" in out.getvalue()
        out = io.StringIO()
        call_command("inspections", "overdue-publications", "--bureau", "other", stdout=out)
        assert "逾期未公示：0项" in out.getvalue()
        r = api("reviewer").post(f"inspections/plans/{pid}/publish", {})
        assert r.status_code == 200 and r.json()["publish_late"] is True
        out = io.StringIO()
        call_command("inspections", "overdue-publications", stdout=out)
        assert "逾期未公示：0项" in out.getvalue()


def test_publish_refuses_wrong_role_team_and_bureau(api, demo):
    with at(T0):
        _register(demo)
        pid = _plan(api)
        assert api("head").post(f"inspections/plans/{pid}/draw", {}).status_code == 200
        before = snapshot()
        for who, status in (
            ("officer1", 403),
            ("supervisor", 403),
            ("handler_sanitation", 403),
            ("town_officer1", 404),
            ("outsider", 404),
        ):
            r = api(who).post(f"inspections/plans/{pid}/publish", {})
            assert r.status_code == status, (who, r.content)
        assert snapshot() == before
