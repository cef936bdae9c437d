"""行政检查 over HTTP (API.md "Round 2 additions"): every rule id of LEGAL-RULES §11 refused with
409 and its id and nothing changed; bad input 400 in Chinese naming the field; wrong role, town
team and another bureau refused on every endpoint."""

from __future__ import annotations

import json
from typing import Any

from chengguan.inspections import draw
from chengguan.inspections.models import Inspection, InspectionPlan
from chengguan.ledger.models import Entry
from chengguan.org.actions import create_staff
from tests.conftest import error_code
from tests.inspections.helpers import T0, D, at, credit_code, entity, items, snapshot

GOOD = credit_code("91411323MA47R8XK1")
BAD_CODE = GOOD[:17] + ("0" if GOOD[17] != "0" else "1")


def _body(item: str, ent: int, reason: str = "complaint", **kw: Any) -> dict[str, Any]:
    return {
        "item": item,
        "entity": ent,
        "officers": ["officer1", "officer2"],
        "reason": reason,
        "planned_on": T0.isoformat(),
        **kw,
    }


def _refused(r: Any, code: str, before: Any) -> None:
    assert r.status_code == 409, r.content
    assert error_code(r) == code
    assert r.json()["error"]["article"]
    assert snapshot() == before


def _create(api: Any, body: dict[str, Any]) -> dict[str, Any]:
    r = api("officer1").post("inspections", body)
    assert r.status_code == 201, r.content
    return dict(r.json())


def test_items_and_register(api, demo):
    with at(T0):
        its = items(demo)
        r = api("officer1").get("inspections/items")
        assert r.status_code == 200
        codes = {i["code"] for i in r.json()["items"]}
        assert codes == {"JC-R1", "JC-T1", "JC-X1"}  # JC-1: the unpublished item is not listed
        # A town team sees the items of its delegated powers only (ORG-3).
        town = {i["code"] for i in api("town_officer1").get("inspections/items").json()["items"]}
        assert town == {"JC-R1", "JC-T1"}
        row = next(i for i in r.json()["items"] if i["code"] == "JC-R1")
        assert row["power_item"] == "SR001" and row["random"] is True and row["basis"]
        assert api("handler_sanitation").get("inspections/items").status_code == 403
        assert api("outsider").get("inspections/items").json()["count"] == 0
        assert its["JC-U1"].published is False

        body = {
            "kind": "enterprise",
            "name": "示范县兴隆烧烤店有限公司",
            "credit_code": BAD_CODE,
            "address": "示范县人民路3号",
        }
        before = snapshot()
        r = api("officer1").post("inspections/entities", body)
        assert r.status_code == 400 and "credit_code" in r.json()["error"]["details"]
        assert "统一社会信用代码" in r.json()["error"]["message"]
        r = api("officer1").post("inspections/entities", {**body, "credit_code": ""})
        assert r.status_code == 400 and "credit_code" in r.json()["error"]["details"]
        r = api("officer1").post("inspections/entities", {**body, "kind": "shop"})
        assert r.status_code == 400 and "kind" in r.json()["error"]["details"]
        r = api("officer1").post("inspections/entities", {"kind": "site"})
        assert r.status_code == 400 and {"name", "address"} <= set(r.json()["error"]["details"])
        assert api("head").post("inspections/entities", {**body, "kind": "site"}).status_code == 403
        assert snapshot() == before

        e = entity(demo, 1)
        r = api("officer1").post(
            "inspections/entities", {**body, "credit_code": e.credit_code.lower()}
        )
        assert r.status_code == 400  # the same code twice in the register
        r = api("officer1").post(
            "inspections/entities", {"kind": "site", "name": "人民路工地", "address": "人民路"}
        )
        assert r.status_code == 201 and r.json()["kind"] == "site"
        listed = {x["id"] for x in api("officer1").get("inspections/entities").json()["items"]}
        assert e.pk in listed
        # A town team sees only its own objects; another bureau sees none of ours.
        assert api("town_officer1").get("inspections/entities").json()["count"] == 0
        assert api("outsider").get("inspections/entities").json()["count"] == 0
        assert api("handler_sanitation").get("inspections/entities").status_code == 403


def test_complaint_inspection_from_code_to_close(api, demo):
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        got = _create(api, _body("JC-R1", e.pk))
        iid, code = got["id"], got["code"]
        assert got["status"] == "open" and len(code) == 12
        # JC-2: a complaint may start first; the approval follows within the setting (1 wd).
        assert got["approved_on"] is None and got["approval_due"] == "2025-06-04"

        before = snapshot()
        r = api("officer1").post(f"inspections/{iid}/check_in", {"code": "WRONGCODE234"})
        _refused(r, "JC-5", before)
        r = api("officer1").post(f"inspections/{iid}/check_in", {"code": code.lower()})
        assert r.status_code == 200 and r.json()["status"] == "checked_in"
        assert r.json()["scan_late"] is False and r.json()["scanned_at"]

        before = snapshot()
        r = api("officer1").post(
            f"inspections/{iid}/record",
            {"findings": "油烟净化器未运行", "ok": False, "certificates_shown": ["officer1"]},
        )
        _refused(r, "JC-3", before)
        r = api("officer1").post(
            f"inspections/{iid}/record",
            {"findings": "", "ok": False, "certificates_shown": ["officer1", "officer2"]},
        )
        assert r.status_code == 400 and "findings" in r.json()["error"]["details"]
        r = api("officer1").post(
            f"inspections/{iid}/record",
            {
                "findings": "油烟净化器未运行",
                "ok": False,
                "certificates_shown": ["officer1", "officer2"],
            },
        )
        assert r.status_code == 200 and r.json()["status"] == "recorded"
        assert [c["officer"] for c in r.json()["certificates"]] == ["officer1", "officer2"]

        # JC-6: not closed before the result is told in writing.
        before = snapshot()
        _refused(api("officer2").post(f"inspections/{iid}/close", {}), "JC-6", before)
        r = api("officer2").post(f"inspections/{iid}/notify_result", {"result": ""})
        assert r.status_code == 400 and "result" in r.json()["error"]["details"]
        r = api("officer2").post(
            f"inspections/{iid}/notify_result", {"result": "x", "told_on": "2025-06-04"}
        )
        assert r.status_code == 400 and "told_on" in r.json()["error"]["details"]
        r = api("officer2").post(
            f"inspections/{iid}/notify_result", {"result": "发现油烟净化器未运行，责令改正"}
        )
        assert r.status_code == 200 and r.json()["result_told_on"] == "2025-06-03"
        # JC-6: findings are followed by a correction order (ZL-1) before closing.
        before = snapshot()
        _refused(api("officer2").post(f"inspections/{iid}/close", {}), "JC-6", before)
        for deadline in (None, "2025-06-03", "2025-06-01"):
            r = api("officer1").post(
                f"inspections/{iid}/order_correction",
                {"deadline": deadline, "content": "七日内修复并正常使用油烟净化器"},
            )
            _refused(r, "ZL-1", before)
        r = api("officer1").post(
            f"inspections/{iid}/order_correction", {"deadline": "2025-06-10", "content": ""}
        )
        assert r.status_code == 400 and "content" in r.json()["error"]["details"]
        r = api("officer1").post(
            f"inspections/{iid}/order_correction",
            {"deadline": "2025-06-10", "content": "七日内修复并正常使用油烟净化器"},
        )
        assert r.status_code == 200
        assert r.json()["correction"] == {
            "deadline": "2025-06-10",
            "content": "七日内修复并正常使用油烟净化器",
        }
        r = api("head").post(f"inspections/{iid}/approve", {})
        assert r.status_code == 200 and r.json()["approved_on"] == "2025-06-03"
        assert r.json()["approval_late"] is False
        r = api("officer1").post(f"inspections/{iid}/close", {})
        assert r.status_code == 200 and r.json()["status"] == "closed"
        assert r.json()["closed_on"] == "2025-06-03"


def test_jc1_unpublished_item_refused(api, demo):
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        before = snapshot()
        _refused(api("officer1").post("inspections", _body("JC-U1", e.pk)), "JC-1", before)
        r = api("officer1").post("inspections/plans", {"year": 2025, "item": "JC-U1", "count": 1})
        _refused(r, "JC-1", before)


def test_jc2_prior_approval_and_late_approval(api, demo):
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        planned = _create(api, _body("JC-R1", e.pk, reason="plan"))
        assert planned["approval_due"] is None
        before = snapshot()
        r = api("officer1").post(f"inspections/{planned['id']}/check_in", {"code": planned["code"]})
        _refused(r, "JC-2", before)
        late = _create(api, _body("JC-R1", e.pk, reason="referral"))
    with at(D(2025, 6, 5)):
        # The approval was due on 2025-06-04: past it, the inspection cannot go on unapproved.
        before = snapshot()
        r = api("officer1").post(f"inspections/{late['id']}/check_in", {"code": late["code"]})
        _refused(r, "JC-2", before)
        r = api("head").post(f"inspections/{late['id']}/approve", {})
        assert r.status_code == 200 and r.json()["approval_late"] is True
        r = api("head").post(f"inspections/{planned['id']}/approve", {})
        assert r.status_code == 200 and r.json()["approval_late"] is False
        # JC-5: the code scanned two days after the planned day is flagged, not refused.
        r = api("officer1").post(f"inspections/{planned['id']}/check_in", {"code": planned["code"]})
        assert r.status_code == 200 and r.json()["scan_late"] is True


def test_jc3_two_certified_officers_no_grid_workers(api, demo):
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        create_staff(
            actor=demo.users["admin"],
            unit=demo.units["squad1"],
            username="aux1",
            password="x-pass-123456",
            full_name="协管员甲",
            roles=["officer"],
            is_auxiliary=True,
        )
        before = snapshot()
        for officers in (
            ["officer1"],
            ["officer1", "officer_nocert"],
            ["officer1", "inspector"],  # a 信息采集员 (grid worker) never inspects
            ["officer1", "aux1"],  # nor does a 协管员
        ):
            r = api("officer1").post("inspections", _body("JC-R1", e.pk, officers=officers))
            _refused(r, "JC-3", before)
        r = api("officer1").post(
            "inspections", _body("JC-R1", e.pk, officers=["officer1", "officer1"])
        )
        assert r.status_code == 400 and "officers" in r.json()["error"]["details"]
        r = api("officer1").post(
            "inspections", _body("JC-R1", e.pk, officers=["officer1", "nobody"])
        )
        assert r.status_code == 400 and "officers" in r.json()["error"]["details"]
        r = api("officer1").post("inspections", _body("JC-R1", e.pk, reason="whim"))
        assert r.status_code == 400 and "reason" in r.json()["error"]["details"]
        r = api("officer1").post("inspections", _body("JC-R1", e.pk, planned_on="2025-06-02"))
        assert r.status_code == 400 and "planned_on" in r.json()["error"]["details"]
        r = api("officer1").post("inspections", {"item": "JC-R1"})
        assert r.status_code == 400
        assert snapshot() == before


def test_jc4_yearly_cap_outside_complaints(api, demo):
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        site = entity(demo, 2, kind="site")
        for reason in ("plan", "referral"):
            _create(api, _body("JC-R1", e.pk, reason=reason))
        before = snapshot()
        _refused(
            api("officer1").post("inspections", _body("JC-R1", e.pk, reason="risk")), "JC-4", before
        )
        # Complaint-driven inspections are outside the cap; sites are not enterprises.
        _create(api, _body("JC-R1", e.pk, reason="complaint"))
        for _ in range(3):
            _create(api, _body("JC-R1", site.pk, reason="plan"))
        # The item's own cap (1) overrides the default for that item.
        other = entity(demo, 3)
        _create(api, _body("JC-T1", other.pk, reason="plan"))
        before = snapshot()
        r = api("officer1").post("inspections", _body("JC-T1", other.pk, reason="plan"))
        _refused(r, "JC-4", before)
        # Next year the count starts again.
        r = api("officer1").post(
            "inspections", _body("JC-T1", other.pk, reason="plan", planned_on="2026-01-05")
        )
        assert r.status_code == 201


def test_jc6_nothing_found_closes_without_burden(api, demo):
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        got = _create(api, _body("JC-R1", e.pk))
        iid = got["id"]
        api("officer1").post(f"inspections/{iid}/check_in", {"code": got["code"]})
        r = api("officer1").post(
            f"inspections/{iid}/record",
            {"findings": "未发现问题", "ok": True, "certificates_shown": ["officer1", "officer2"]},
        )
        assert r.status_code == 200
        before = snapshot()
        r = api("officer1").post(
            f"inspections/{iid}/order_correction", {"deadline": "2025-06-10", "content": "整改"}
        )
        _refused(r, "JC-6", before)
        assert (
            api("officer1")
            .post(f"inspections/{iid}/notify_result", {"result": "未发现问题"})
            .status_code
            == 200
        )
        # JC-2: no inspection closes without the head's approval, even one that may start first.
        before = snapshot()
        _refused(api("officer1").post(f"inspections/{iid}/close", {}), "JC-2", before)
        assert api("head").post(f"inspections/{iid}/approve", {}).status_code == 200
        r = api("officer1").post(f"inspections/{iid}/close", {})
        assert r.status_code == 200 and r.json()["status"] == "closed"
        before = snapshot()
        r = api("officer1").post(f"inspections/{iid}/close", {})
        assert r.status_code == 409 and error_code(r) == "state"
        assert snapshot() == before


def test_inspection_endpoints_refuse_wrong_role_team_and_bureau(api, demo):
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        town_entity = entity(demo, 9, who="town_officer1")
        before = snapshot()
        assert api("head").post("inspections", _body("JC-R1", e.pk)).status_code == 403
        assert (
            api("handler_sanitation").post("inspections", _body("JC-R1", e.pk)).status_code == 403
        )
        # The town team cannot inspect the brigade's object; another bureau finds none of ours.
        town = _body("JC-R1", e.pk, officers=["town_officer1", "town_officer2"])
        assert api("town_officer1").post("inspections", town).status_code == 404
        assert api("outsider").post("inspections", _body("JC-R1", e.pk)).status_code in (400, 404)
        # A town team inspects only under its delegated powers (ORG-3).
        r = api("town_officer1").post(
            "inspections",
            _body("JC-X1", town_entity.pk, officers=["town_officer1", "town_officer2"]),
        )
        _refused(r, "ORG-3", before)
        r = api("town_officer1").post(
            "inspections/plans", {"year": 2025, "item": "JC-X1", "count": 1}
        )
        _refused(r, "ORG-3", before)
        # An officer may register only an inspection he takes part in.
        r = api("officer1").post("inspections", town)
        assert r.status_code == 403
        assert (
            api("town_officer1")
            .post(
                "inspections",
                _body("JC-R1", town_entity.pk, officers=["town_officer1", "town_officer2"]),
            )
            .status_code
            == 201
        )
        before = snapshot()
        got = _create(api, _body("JC-R1", e.pk))
        iid = got["id"]
        before = snapshot()
        for action, body in (
            ("approve", {}),
            ("check_in", {"code": got["code"]}),
            (
                "record",
                {"findings": "x", "ok": True, "certificates_shown": ["officer1", "officer2"]},
            ),
            ("notify_result", {"result": "x"}),
            ("order_correction", {"deadline": "2025-06-10", "content": "x"}),
            ("close", {}),
        ):
            for who in ("town_officer1", "outsider"):
                r = api(who).post(f"inspections/{iid}/{action}", body)
                assert r.status_code == 404, (action, who, r.content)
            assert (
                api("handler_sanitation").post(f"inspections/{iid}/{action}", body).status_code
                == 403
            )
            wrong = "officer1" if action == "approve" else "head"
            assert api(wrong).post(f"inspections/{iid}/{action}", body).status_code == 403
        assert api("town_officer1").get(f"inspections/{iid}").status_code == 404
        assert api("outsider").get(f"inspections/{iid}").status_code == 404
        assert api("handler_sanitation").get(f"inspections/{iid}").status_code == 403
        assert api("officer1").get(f"inspections/{iid}").json()["code"] == got["code"]
        assert snapshot() == before
        assert Inspection.objects.filter(pk=iid, status="open").exists()


def test_plan_endpoints_refuse_wrong_role_team_and_bureau(api, demo):
    with at(T0):
        items(demo)
        entity(demo, 1)
        before = snapshot()
        body = {"year": 2025, "item": "JC-R1", "ratio": "0.5"}
        assert api("head").post("inspections/plans", body).status_code == 403
        assert api("handler_sanitation").post("inspections/plans", body).status_code == 403
        assert api("outsider").post("inspections/plans", body).status_code == 400  # not its item
        for bad in (
            {"year": 2025, "item": "JC-R1"},
            {"year": 2025, "item": "JC-R1", "ratio": "0.5", "count": 3},
            {"year": 2025, "item": "JC-R1", "ratio": "1.5"},
            {"year": 2025, "item": "JC-R1", "count": 0},
            {"year": 2025, "item": "JC-R1", "count": 2, "recused": ["nobody"]},
            {"year": 2025, "item": "NOPE", "count": 2},
        ):
            r = api("reviewer").post("inspections/plans", bad)
            assert r.status_code == 400, (bad, r.content)
            assert r.json()["error"]["details"]
        assert snapshot() == before
        r = api("reviewer").post("inspections/plans", body)
        assert r.status_code == 201, r.content
        pid = r.json()["id"]
        before = snapshot()
        for path, body_ in (
            (f"inspections/plans/{pid}/approve", {}),
            (f"inspections/plans/{pid}/draw", {}),
        ):
            for who in ("town_officer1", "outsider"):
                assert api(who).post(path, body_).status_code == 404
            assert api("officer1").post(path, body_).status_code == 403
        for who in ("town_officer1", "outsider"):
            assert api(who).get(f"inspections/plans/{pid}/draw/verify").status_code == 404
        assert (
            api("handler_sanitation").get(f"inspections/plans/{pid}/draw/verify").status_code == 403
        )
        assert snapshot() == before


def test_sj1_draw_is_reproducible_and_refused_when_it_cannot_be(api, demo):
    with at(T0):
        items(demo)
        ids = [entity(demo, n).pk for n in range(1, 11)]
        before = snapshot()
        r = api("reviewer").post("inspections/plans", {"year": 2025, "item": "JC-T1", "count": 2})
        _refused(r, "SJ-1", before)  # a targeted item is not drawn at random
        pool = ["officer1", "officer2", "officer_nocert"]  # the uncertified one is never drawn
        plan = {"year": 2025, "item": "JC-R1", "ratio": "0.3", "officers": pool}
        pid = api("reviewer").post("inspections/plans", plan).json()["id"]
        before = snapshot()
        _refused(api("head").post(f"inspections/plans/{pid}/draw", {}), "SJ-1", before)
        assert (
            api("head").post(f"inspections/plans/{pid}/approve", {}).json()["status"] == "approved"
        )
        assert api("head").post(f"inspections/plans/{pid}/approve", {}).status_code == 409
        r = api("head").post(f"inspections/plans/{pid}/draw", {"seed": "x" * 65})
        assert r.status_code == 400 and "seed" in r.json()["error"]["details"]
        r = api("head").post(f"inspections/plans/{pid}/draw", {"seed": "2025-双随机-1"})
        assert r.status_code == 200, r.content
        drawn = r.json()
        assert drawn["seed"] == "2025-双随机-1" and len(drawn["entities"]) == 3
        assert set(drawn["entities"]) <= set(ids)
        assert drawn["officers"] == [["officer1", "officer2"]] * 3
        # A second draw answers the first; verify recomputes it from the ledger's seed and hash.
        before = snapshot()
        again = api("head").post(f"inspections/plans/{pid}/draw", {"seed": "other"}).json()
        assert again == drawn and snapshot() == before
        r = api("reviewer").get(f"inspections/plans/{pid}/draw/verify")
        assert r.status_code == 200 and r.json()["reproduced"] is True
        assert r.json()["inputs_hash"] == drawn["inputs_hash"]
        # An inspection of a drawn object carries the plan's prior approval (JC-2).
        first = drawn["entities"][0]
        before = snapshot()
        swapped = _body(
            "JC-R1", first, reason="plan", plan=pid, officers=["officer1", "town_officer1"]
        )
        _refused(api("officer1").post("inspections", swapped), "SJ-1", before)
        r = api("officer1").post("inspections", _body("JC-R1", first, reason="complaint", plan=pid))
        assert r.status_code == 400 and "reason" in r.json()["error"]["details"]
        r = api("officer1").post("inspections", _body("JC-R1", first, reason="plan", plan=pid))
        assert r.status_code == 201, r.content
        assert r.json()["approved_on"] == "2025-06-03" and r.json()["plan"] == pid
        not_drawn = next(i for i in ids if i not in drawn["entities"])
        r = api("officer1").post("inspections", _body("JC-R1", not_drawn, reason="plan", plan=pid))
        assert r.status_code == 400 and "plan" in r.json()["error"]["details"]
        # Anyone can recompute it: the ledger entry holds the seed and the inputs' sha256.
        obj = InspectionPlan.objects.get(pk=pid)
        entry = Entry.objects.get(action="inspection.plan.draw", subject_id=str(pid))
        logged = json.loads(entry.payload)
        assert logged["seed"] == "2025-双随机-1"
        assert logged["inputs_hash"] == draw.inputs_hash(obj.draw_inputs)
        again_drawn = draw.recompute(logged["seed"], obj.draw_inputs)
        assert again_drawn.entities == drawn["entities"] and again_drawn.pairs == drawn["officers"]
        # Changing a recorded input afterwards (one object removed) fails verification.
        inputs = dict(obj.draw_inputs)
        inputs["entities"] = inputs["entities"][1:]
        InspectionPlan.objects.filter(pk=pid).update(draw_inputs=inputs)
        assert (
            api("reviewer").get(f"inspections/plans/{pid}/draw/verify").json()["reproduced"]
            is False
        )


def test_sj1_too_few_eligible_officers(api, demo):
    with at(T0):
        items(demo)
        entity(demo, 1)
        r = api("reviewer").post(
            "inspections/plans",
            {
                "year": 2025,
                "item": "JC-R1",
                "count": 1,
                "officers": ["officer1", "officer2", "officer_nocert"],
                "recused": ["officer2"],
            },
        )
        pid = r.json()["id"]
        api("head").post(f"inspections/plans/{pid}/approve", {})
        before = snapshot()
        r = api("head").post(f"inspections/plans/{pid}/draw", {})
        _refused(r, "SJ-1", before)
        assert "不足两人" in r.json()["error"]["message"]
        assert r.json()["error"]["details"]["eligible"] == ["officer1"]
        assert (
            api("reviewer").get(f"inspections/plans/{pid}/draw/verify").json()["reproduced"]
            is False
        )
