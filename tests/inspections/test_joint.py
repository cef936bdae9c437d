"""JC-4, completed: no second visit of the same object and item within the window (LOCAL_RULES
``inspection_repeat_window_days``) unless complaint-driven; a joint visit of several items
(综合查一次) counts once against the yearly cap; ``item`` alone still works."""

from __future__ import annotations

import datetime as dt
from typing import Any

from chengguan.inspections.models import Inspection
from tests.conftest import error_code
from tests.inspections.helpers import T0, at, entity, items, snapshot


def _body(ent: int, day: dt.date, reason: str = "referral", **kw: Any) -> dict[str, Any]:
    return {
        "entity": ent,
        "officers": ["officer1", "officer2"],
        "reason": reason,
        "planned_on": day.isoformat(),
        **kw,
    }


def _refused(r: Any, code: str, before: Any) -> dict[str, Any]:
    assert r.status_code == 409, r.content
    assert error_code(r) == code
    assert r.json()["error"]["article"]
    assert snapshot() == before
    return dict(r.json()["error"])


def _ok(r: Any) -> dict[str, Any]:
    assert r.status_code == 201, r.content
    return dict(r.json())


def test_jc4_no_second_visit_of_an_item_within_the_window(api, demo):
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        post = api("officer1").post
        _ok(post("inspections", _body(e.pk, T0, reason="complaint", item="JC-R1")))
        before = snapshot()
        err = _refused(
            post("inspections", _body(e.pk, T0 + dt.timedelta(days=10), item="JC-R1")),
            "JC-4",
            before,
        )
        assert "综合查一次" in err["message"] and err["details"]["window"] == 30
        # An earlier day within the window is a repeat too.
        _refused(
            post("inspections", _body(e.pk, T0 + dt.timedelta(days=1), items=["JC-R1"])),
            "JC-4",
            before,
        )
        # A complaint-driven visit is not refused; another item is not the same item.
        _ok(post("inspections", _body(e.pk, T0 + dt.timedelta(days=10), "complaint", item="JC-R1")))
        _ok(post("inspections", _body(e.pk, T0 + dt.timedelta(days=2), item="JC-X1")))
        # Past the window the item may be inspected again.
        _ok(post("inspections", _body(e.pk, T0 + dt.timedelta(days=45), item="JC-R1")))


def test_jc4_window_is_a_local_setting(api, demo, settings):
    settings.LOCAL_RULES = {**settings.LOCAL_RULES, "inspection_repeat_window_days": 5}
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        post = api("officer1").post
        _ok(post("inspections", _body(e.pk, T0, item="JC-R1")))
        before = snapshot()
        _refused(
            post("inspections", _body(e.pk, T0 + dt.timedelta(days=4), item="JC-R1")),
            "JC-4",
            before,
        )
        _ok(post("inspections", _body(e.pk, T0 + dt.timedelta(days=6), item="JC-R1")))


def test_a_joint_visit_counts_once_against_the_yearly_cap(api, demo):
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        post = api("officer1").post
        joint = _ok(post("inspections", _body(e.pk, T0, items=["JC-R1", "JC-X1", "JC-R1"])))
        assert joint["items"] == ["JC-R1", "JC-X1"] and joint["item"] == "JC-R1"
        row = Inspection.objects.get(pk=joint["id"])
        assert {i.code for i in row.items.all()} == {"JC-R1", "JC-X1"}
        # The joint visit counted once: a second one is still under the cap (2) ...
        _ok(post("inspections", _body(e.pk, T0 + dt.timedelta(days=40), item="JC-R1")))
        # ... and the third is over it.
        before = snapshot()
        err = _refused(
            post("inspections", _body(e.pk, T0 + dt.timedelta(days=80), item="JC-X1")),
            "JC-4",
            before,
        )
        assert err["details"]["used"] == 2 and err["details"]["cap"] == 2
        # A joint visit covering an item visited within the window is a repeat of that item.
        other = entity(demo, 2)
        _ok(post("inspections", _body(other.pk, T0, item="JC-X1")))
        before = snapshot()
        err = _refused(
            post(
                "inspections",
                _body(other.pk, T0 + dt.timedelta(days=3), items=["JC-R1", "JC-X1"]),
            ),
            "JC-4",
            before,
        )
        assert err["details"]["items"] == ["城市市容环境卫生检查JC-X1"]


def test_a_joint_visit_counts_against_each_items_own_cap(api, demo):
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        post = api("officer1").post
        # JC-T1 has its own cap of 1 a year: covered once by the joint visit, then refused alone.
        _ok(post("inspections", _body(e.pk, T0, items=["JC-R1", "JC-T1"])))
        before = snapshot()
        _refused(
            post("inspections", _body(e.pk, T0 + dt.timedelta(days=60), item="JC-T1")),
            "JC-4",
            before,
        )


def test_joint_items_must_all_be_listed_and_given(api, demo):
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        post = api("officer1").post
        before = snapshot()
        _refused(post("inspections", _body(e.pk, T0, items=["JC-R1", "JC-U1"])), "JC-1", before)
        r = post("inspections", _body(e.pk, T0))
        assert r.status_code == 400 and "items" in r.json()["error"]["details"]
        r = post("inspections", _body(e.pk, T0, items=["JC-R1", "NOPE"]))
        assert r.status_code == 400 and "item" in r.json()["error"]["details"]
        # A town team: every item of the visit must be of its delegated powers (ORG-3).
        town_entity = entity(demo, 9, who="town_officer1")
        body = _body(
            town_entity.pk,
            T0,
            items=["JC-R1", "JC-X1"],
            officers=["town_officer1", "town_officer2"],
        )
        before = snapshot()
        _refused(api("town_officer1").post("inspections", body), "ORG-3", before)
        # Wrong role and another bureau.
        assert api("head").post("inspections", _body(e.pk, T0, items=["JC-R1"])).status_code == 403
        assert api("outsider").post(
            "inspections", _body(e.pk, T0, items=["JC-R1"])
        ).status_code in (400, 404)
        assert snapshot() == before
