"""The 行政相对人法律风险防控清单: the legal office keeps it per power item, publishes it, and each
contact point gets the published risks of the domains of its business."""

from __future__ import annotations

from typing import Any

from tests.guidance.helpers import T0, add_point, snapshot
from tests.penalties.helpers import at

RISK = {
    "power_item": "SR005",
    "risk": "餐饮油烟净化设施未正常使用，油烟超标排放",
    "legal_basis": "《中华人民共和国大气污染防治法》第八十一条、第一百一十八条",
    "advice": "按期清洗油烟净化设施并保留记录，不得在居民楼内新建产生油烟的餐饮项目",
}


def _add(api: Any, **kw: Any) -> dict[str, Any]:
    r = api("reviewer").post("guidance/risks", {**RISK, **kw})
    assert r.status_code == 201, r.content
    return dict(r.json())


def test_the_legal_office_keeps_and_publishes_the_list(api: Any, demo: Any) -> None:
    with at(T0):
        r = _add(api)
        assert r["power_item"] == "SR005" and r["published_on"] is None
        p = add_point(api, domains=["sanitation"])
        # Not yet published: the point's list is empty.
        got = api("officer1").get(f"guidance/points/{p['id']}/risks").json()
        risk_ids = [x["id"] for x in got["items"]]
        assert r["id"] not in risk_ids
        pub = api("reviewer").post(f"guidance/risks/{r['id']}/publish")
        assert pub.status_code == 200 and pub.json()["published_on"] == "2025-06-03"
        before = snapshot()
        again = api("reviewer").post(f"guidance/risks/{r['id']}/publish")
        assert again.status_code == 400 and snapshot() == before
        got = api("officer1").get(f"guidance/points/{p['id']}/risks").json()
        assert r["id"] in [x["id"] for x in got["items"]]
        assert all(x["domain"] == "sanitation" for x in got["items"])
        # A point of another business does not get it.
        other = add_point(api, name="园林苗圃", kind="site", domains=["greening"], credit_code="")
        got = api("officer1").get(f"guidance/points/{other['id']}/risks").json()
        assert r["id"] not in [x["id"] for x in got["items"]]
        assert api("officer1").get("guidance/risks").json()["count"] >= 1


def test_bad_input_and_refusals(api: Any, demo: Any) -> None:
    with at(T0):
        before = snapshot()
        for field in ("risk", "legal_basis", "advice", "power_item"):
            r = api("reviewer").post("guidance/risks", {**RISK, field: ""})
            assert r.status_code == 400 and field in r.json()["error"]["details"], field
        r = api("reviewer").post("guidance/risks", {**RISK, "power_item": "NOPE"})
        assert r.status_code == 400 and "power_item" in r.json()["error"]["details"]
        # Wrong role (an officer reads but does not keep the list; the centre does neither).
        assert api("officer1").post("guidance/risks", RISK).status_code == 403
        assert api("center").get("guidance/risks").status_code == 403
        # Another bureau's legal office: the power item is not in its 权责清单.
        assert api("outsider").post("guidance/risks", RISK).status_code in (400, 403)
        assert snapshot() == before
        r = _add(api)
        before = snapshot()
        assert api("officer1").post(f"guidance/risks/{r['id']}/publish").status_code == 403
        assert api("outsider").post(f"guidance/risks/{r['id']}/publish").status_code in (403, 404)
        theirs = api("outsider").get("guidance/risks").json()["items"]
        assert r["id"] not in [x["id"] for x in theirs]
        assert snapshot() == before
