"""人大代表建议 / 政协委员提案 (JY-1) over HTTP: receipt with the reply deadline, the lead unit's
reply (late ones stored as late), the delegate's satisfaction and the redo when unsatisfied;
wrong role, wrong department and another bureau refused on every endpoint."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from chengguan.ledger.models import Entry
from chengguan.suggestions.models import Reply, Suggestion
from tests.conftest import ApiClient, error_code
from tests.measures.conftest import SharedClient
from tests.penalties.helpers import D, at

T0 = D(2025, 3, 10)


@pytest.fixture
def api(demo: Any) -> Callable[[str], ApiClient]:
    cache: dict[str, ApiClient] = {}

    def make(username: str) -> ApiClient:
        if username not in cache:
            cache[username] = SharedClient(username)
        return cache[username]

    for username in ("hotline", "handler_sanitation", "handler_greening", "head", "outsider"):
        make(username)
    return make


def snapshot() -> tuple[Any, ...]:
    return (
        list(Suggestion.objects.order_by("id").values()),
        list(Reply.objects.order_by("id").values()),
        Entry.objects.count(),
    )


def _body(**kw: Any) -> dict[str, Any]:
    return {
        "kind": "npc",
        "number": "第45号",
        "title": "关于加强人民路夜市环境卫生管理的建议",
        "assigned_on": "2025-03-10",
        "units": ["sanitation", "greening"],
        **kw,
    }


def _create(api: Any, **kw: Any) -> dict[str, Any]:
    r = api("hotline").post("suggestions", _body(**kw))
    assert r.status_code == 201, r.content
    return dict(r.json())


def test_receipt_sets_the_three_month_deadline_and_lists_it(api, demo):
    with at(T0):
        s = _create(api)
        assert s["due_on"] == "2025-06-10" and s["current_due"] == "2025-06-10"
        assert s["lead_unit"] == "sanitation" and s["units"] == ["sanitation", "greening"]
        assert s["status"] == "open" and s["overdue"] is False
        r = api("handler_sanitation").get("suggestions")
        assert r.status_code == 200 and [x["id"] for x in r.json()["items"]] == [s["id"]]
        # A co-handling unit sees it too; a unit not assigned does not.
        assert api("handler_greening").get("suggestions").json()["count"] == 1


def test_reply_satisfaction_and_redo_jy1(api, demo):
    with at(T0):
        s = _create(api)
    url = f"suggestions/{s['id']}"
    with at(D(2025, 6, 3)):
        before = snapshot()
        # JY-1: no satisfaction before a reply.
        r = api("hotline").post(f"{url}/satisfaction", {"level": "satisfied"})
        assert r.status_code == 409 and error_code(r) == "JY-1"
        assert r.json()["error"]["article"]
        assert snapshot() == before
        r = api("handler_sanitation").post(
            f"{url}/reply",
            {"replied_on": "2025-06-03", "document": "西城管函〔2025〕12号", "text": "已增设保洁"},
        )
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "replied" and r.json()["replies"][0]["late"] is False
        before = snapshot()
        # JY-1: once replied, the delegate's answer comes before any other reply.
        r = api("handler_sanitation").post(
            f"{url}/reply", {"replied_on": "2025-06-03", "text": "补充答复"}
        )
        assert r.status_code == 409 and error_code(r) == "JY-1" and snapshot() == before
        r = api("hotline").post(f"{url}/satisfaction", {"level": "unsatisfied"})
        assert r.status_code == 200
        assert r.json()["status"] == "redo" and r.json()["redo_due"] == "2025-07-03"
        assert r.json()["current_due"] == "2025-07-03"
    with at(D(2025, 7, 7)):
        r = api("handler_sanitation").post(
            f"{url}/reply", {"replied_on": "2025-07-07", "text": "已建立夜市保洁长效机制"}
        )
        assert r.status_code == 200
        assert [x["late"] for x in r.json()["replies"]] == [False, True]
        r = api("hotline").post(f"{url}/satisfaction", {"level": "basically"})
        assert r.json()["status"] == "closed" and r.json()["current_due"] is None
        before = snapshot()
        r = api("hotline").post(f"{url}/satisfaction", {"level": "satisfied"})
        assert r.status_code == 409 and error_code(r) == "JY-1" and snapshot() == before


def test_a_reply_after_the_deadline_is_stored_as_late(api, demo):
    with at(T0):
        s = _create(api)
    with at(D(2025, 6, 12)):
        r = api("hotline").get(f"suggestions/{s['id']}")
        assert r.json()["overdue"] is True
        r = api("handler_sanitation").post(
            f"suggestions/{s['id']}/reply", {"replied_on": "2025-06-11", "text": "已办理"}
        )
        assert r.status_code == 200 and r.json()["replies"][0]["late"] is True


def test_bad_input_is_400_naming_the_field(api, demo):
    with at(T0):
        before = snapshot()
        for body, field in (
            (_body(kind="gov"), "kind"),
            (_body(number=""), "number"),
            (_body(title=""), "title"),
            (_body(assigned_on="2025-03-11"), "assigned_on"),
            (_body(units=[]), "units"),
            (_body(units=["nope"]), "units"),
        ):
            r = api("hotline").post("suggestions", body)
            assert r.status_code == 400, body
            assert field in r.json()["error"]["details"], body
        assert snapshot() == before
        s = _create(api)
        before = snapshot()
        r = api("handler_sanitation").post(f"suggestions/{s['id']}/reply", {"text": "已办"})
        assert r.status_code == 400 and "replied_on" in r.json()["error"]["details"]
        r = api("handler_sanitation").post(
            f"suggestions/{s['id']}/reply", {"replied_on": "2025-03-10", "text": ""}
        )
        assert r.status_code == 400 and "text" in r.json()["error"]["details"]
        r = api("hotline").post(f"suggestions/{s['id']}/satisfaction", {"level": "happy"})
        assert r.status_code == 400 and "level" in r.json()["error"]["details"]
        r = api("hotline").post("suggestions", _body())
        assert r.status_code == 400 and "number" in r.json()["error"]["details"]
        assert snapshot() == before


def test_wrong_role_wrong_department_and_other_bureau_are_refused(api, demo):
    with at(T0):
        s = _create(api)
        before = snapshot()
        reply = {"replied_on": "2025-03-10", "text": "已办理"}
        # Wrong role: a handler cannot register or record the delegate's satisfaction.
        assert api("handler_sanitation").post("suggestions", _body(number="9")).status_code == 403
        r = api("handler_sanitation").post(
            f"suggestions/{s['id']}/satisfaction", {"level": "satisfied"}
        )
        assert r.status_code == 403
        # Wrong department: the co-handling unit does not reply for the lead unit.
        r = api("handler_greening").post(f"suggestions/{s['id']}/reply", reply)
        assert r.status_code == 403 and "环境卫生管理中心" in r.json()["error"]["message"]
        # A unit not assigned does not even see it.
        other = _create(api, number="第46号", units=["greening"])
        before = snapshot()
        for path in (f"suggestions/{other['id']}", f"suggestions/{other['id']}/reply"):
            call = api("handler_sanitation")
            r = call.get(path) if path.endswith(str(other["id"])) else call.post(path, reply)
            assert r.status_code == 404
        # Another bureau.
        for method, path, body in (
            ("get", f"suggestions/{s['id']}", None),
            ("post", f"suggestions/{s['id']}/reply", reply),
            ("post", f"suggestions/{s['id']}/satisfaction", {"level": "satisfied"}),
        ):
            client = api("outsider")
            r = client.get(path) if method == "get" else client.post(path, body)
            assert r.status_code == 404
        assert api("outsider").get("suggestions").json()["count"] == 0
        # Another bureau's head registers only into its own bureau: our units are unknown there.
        r = api("outsider").post("suggestions", _body(number="10"))
        assert r.status_code == 400 and "units" in r.json()["error"]["details"]
        assert snapshot() == before
