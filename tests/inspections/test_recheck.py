"""ZL-1, completed: the 复查 of a correction order by an officer after its deadline (before it:
409 ZL-1, nothing changed); the object's history shows its orders met or unmet."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.conftest import error_code
from tests.inspections.helpers import T0, at, entity, items, snapshot

DEADLINE = T0 + dt.timedelta(days=7)


def flow_to_order(api: Any, ent: int, *, ok: bool = False, order: bool = True) -> int:
    """A complaint-driven visit approved, checked in, recorded, told, and (on findings) ordered
    to correct by DEADLINE."""
    post = api("officer1").post
    r = post(
        "inspections",
        {
            "item": "JC-R1",
            "entity": ent,
            "officers": ["officer1", "officer2"],
            "reason": "complaint",
            "planned_on": T0.isoformat(),
        },
    )
    assert r.status_code == 201, r.content
    iid, code = r.json()["id"], r.json()["code"]
    assert api("head").post(f"inspections/{iid}/approve", {}).status_code == 200
    assert post(f"inspections/{iid}/check_in", {"code": code}).status_code == 200
    r = post(
        f"inspections/{iid}/record",
        {
            "findings": "油烟净化设施未正常使用" if not ok else "未发现问题",
            "ok": ok,
            "certificates_shown": ["officer1", "officer2"],
        },
    )
    assert r.status_code == 200, r.content
    if order and not ok:
        r = post(
            f"inspections/{iid}/order_correction",
            {"deadline": DEADLINE.isoformat(), "content": "清洗并正常使用油烟净化设施"},
        )
        assert r.status_code == 200, r.content
    r = post(f"inspections/{iid}/notify_result", {"result": "检查结果如上"})
    assert r.status_code == 200, r.content
    return int(iid)


def _recheck(api: Any, who: str, iid: int, **body: Any) -> Any:
    return api(who).post(
        f"inspections/{iid}/recheck",
        {"on": None, "result": "met", "record": "已清洗并正常使用", **body},
    )


def test_zl1_recheck_only_after_the_deadline(api, demo):
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        iid = flow_to_order(api, e.pk)
    for day in (T0, DEADLINE):
        with at(day):
            before = snapshot()
            r = _recheck(api, "officer1", iid)
            assert r.status_code == 409 and error_code(r) == "ZL-1", r.content
            assert r.json()["error"]["article"]
            assert snapshot() == before
    with at(DEADLINE + dt.timedelta(days=1)):
        # Nor a recheck dated on the deadline, entered later.
        before = snapshot()
        r = _recheck(api, "officer1", iid, on=DEADLINE.isoformat())
        assert r.status_code == 409 and error_code(r) == "ZL-1"
        assert snapshot() == before
        r = _recheck(api, "officer1", iid)
        assert r.status_code == 200, r.content
        assert r.json()["recheck"]["result"] == "met"
        # Once only.
        before = snapshot()
        r = _recheck(api, "officer1", iid)
        assert r.status_code == 409 and error_code(r) == "state"
        assert snapshot() == before


def test_recheck_bad_input_and_no_order(api, demo):
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        iid = flow_to_order(api, e.pk)
        clean = flow_to_order(api, entity(demo, 2).pk, ok=True)
    with at(DEADLINE + dt.timedelta(days=2)):
        before = snapshot()
        r = _recheck(api, "officer1", iid, result="maybe")
        assert r.status_code == 400 and "result" in r.json()["error"]["details"]
        r = _recheck(api, "officer1", iid, record="  ")
        assert r.status_code == 400 and "record" in r.json()["error"]["details"]
        r = _recheck(api, "officer1", iid, on=(DEADLINE + dt.timedelta(days=5)).isoformat())
        assert r.status_code == 400 and "on" in r.json()["error"]["details"]
        assert "复查" in r.json()["error"]["message"]
        r = _recheck(api, "officer1", clean)
        assert r.status_code == 409 and error_code(r) == "state"
        assert snapshot() == before


def test_recheck_refuses_wrong_role_team_and_bureau(api, demo):
    with at(T0):
        items(demo)
        iid = flow_to_order(api, entity(demo, 1).pk)
    with at(DEADLINE + dt.timedelta(days=1)):
        before = snapshot()
        for who, status in (
            ("head", 403),
            ("reviewer", 403),
            ("handler_sanitation", 403),
            ("inspector", 403),
            ("town_officer1", 404),  # another unit's inspection (ORG-5)
            ("outsider", 404),  # another bureau
        ):
            assert _recheck(api, who, iid).status_code == status, who
        assert snapshot() == before


def test_the_history_shows_orders_met_and_unmet(api, demo):
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        first = flow_to_order(api, e.pk)
        second = flow_to_order(api, e.pk)
    with at(DEADLINE + dt.timedelta(days=1)):
        assert _recheck(api, "officer1", first).status_code == 200
        r = _recheck(api, "officer1", second, result="unmet", record="仍未整改")
        assert r.status_code == 200 and r.json()["recheck"]["result"] == "unmet"
        r = api("reviewer").get(f"inspections/entities/{e.pk}")
        assert r.status_code == 200, r.content
        body = r.json()
        assert body["orders"] == {"total": 2, "met": 1, "unmet": 1, "pending": 0}
        results = {h["id"]: h["correction"]["result"] for h in body["history"]}
        assert results == {first: "met", second: "unmet"}
        assert api("handler_sanitation").get(f"inspections/entities/{e.pk}").status_code == 403
        assert api("outsider").get(f"inspections/entities/{e.pk}").status_code == 404
        assert api("town_officer1").get(f"inspections/entities/{e.pk}").status_code == 404
