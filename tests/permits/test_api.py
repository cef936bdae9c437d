"""行政许可 over HTTP (API.md "Round 2 additions"): each rule of LEGAL-RULES §12 refused with 409
and its id and nothing changed; bad input 400 in Chinese naming the field; wrong role, wrong
department and another bureau refused on every endpoint."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from chengguan.ledger.models import Entry
from tests.conftest import error_code
from tests.permits.helpers import AD, COMPANY, MATERIALS, PERSON, T0, D, apply, at, snapshot


def _body(**kw: Any) -> dict[str, Any]:
    return {
        "kind": AD,
        "applicant": dict(PERSON),
        "materials": list(MATERIALS),
        "location": "示范县人民路与建设路交叉口东北角",
        **kw,
    }


def _refused(r: Any, code: str, before: Any) -> None:
    assert r.status_code == 409, r.content
    assert error_code(r) == code
    if code != "state":
        assert r.json()["error"]["article"]
    assert snapshot() == before


def _create(api: Any, **kw: Any) -> dict[str, Any]:
    r = api("reviewer").post("permits", _body(**kw))
    assert r.status_code == 201, r.content
    return dict(r.json())


def test_kinds_are_the_bureaus_data_xk1(api, demo):
    r = api("reviewer").get("permits/kinds")
    assert r.status_code == 200
    names = {k["name"] for k in r.json()["items"]}
    assert {"设置大型户外广告", "城市建筑垃圾处置核准", "便民临时摊点"} <= names
    ad = next(k for k in r.json()["items"] if k["code"] == AD)
    assert ad["materials"] == MATERIALS and ad["validity_days"] and ad["legal_basis"]
    assert ad["conditions"]
    assert api("handler_sanitation").get("permits/kinds").status_code == 403
    assert api("outsider").get("permits/kinds").json()["count"] == 0


def test_apply_accept_grant_over_http(api, demo):
    with at(T0):
        created = _create(api)
        assert created["number"].startswith("XK2025")
        assert created["status"] == "received" and created["accept_by"] == "2025-06-10"
        # Staff see the ID they check; the phone is masked, and stored encrypted.
        assert created["applicant"]["phone"] == "138****8000"
        with connection.cursor() as cur:
            cur.execute(
                "SELECT applicant_phone, applicant_id FROM permits_permitapplication WHERE id = %s",
                [created["id"]],
            )
            phone, ident = cur.fetchone()
        assert phone and "13800138000" not in phone
        assert PERSON["id_number"] not in ident
        r = api("reviewer").post(f"permits/{created['id']}/accept")
        assert r.status_code == 200, r.content
        assert r.json()["deadlines"]["decide_by"] == "2025-07-01"
        r = api("head").post(
            f"permits/{created['id']}/grant",
            {"valid_from": "2025-06-10", "valid_to": "2026-06-09"},
        )
        assert r.status_code == 200, r.content
        body = r.json()
        assert body["status"] == "granted" and body["decision"]["late"] is False
        assert body["decision"]["conditions"]  # the kind's licence conditions by default
        assert body["deadlines"]["publish_by"] == "2025-06-12"
        r = api("reviewer").get(f"permits/{created['id']}")
        assert r.json()["status"] == "granted"
    actions = list(
        Entry.objects.filter(
            subject_type="permits.permitapplication", subject_id=str(created["id"])
        )
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["permit.create", "permit.accept", "permit.grant"]


def test_bad_input_is_400_naming_the_field_in_chinese(api, demo):
    with at(T0):
        before = snapshot()
        bad_id = dict(PERSON, id_number=PERSON["id_number"][:17] + "0")
        if bad_id["id_number"] == PERSON["id_number"]:
            bad_id["id_number"] = PERSON["id_number"][:17] + "1"
        r = api("reviewer").post("permits", _body(applicant=bad_id))
        assert r.status_code == 400
        assert "applicant.id_number" in r.json()["error"]["details"]
        r = api("reviewer").post(
            "permits", _body(applicant=dict(COMPANY, credit_code="91411323MA47R8XK10"))
        )
        assert r.status_code == 400
        assert "applicant.credit_code" in r.json()["error"]["details"]
        r = api("reviewer").post("permits", _body(kind="NOPE"))
        assert r.status_code == 400 and "kind" in r.json()["error"]["details"]
        r = api("reviewer").post("permits", _body(received_on="2025-06-04"))
        assert r.status_code == 400 and "received_on" in r.json()["error"]["details"]
        r = api("reviewer").post("permits", _body(channel="ywtb"))
        assert r.status_code == 400 and "external_number" in r.json()["error"]["details"]
        r = api("reviewer").post("permits", _body(materials="申请书"))
        assert r.status_code == 400
        assert snapshot() == before
        created = _create(api)
        r = api("reviewer").post(f"permits/{created['id']}/accept")
        before = snapshot()
        r = api("head").post(f"permits/{created['id']}/grant", {"valid_from": "2025-06-10"})
        assert r.status_code == 400 and "valid_to" in r.json()["error"]["details"]
        r = api("head").post(
            f"permits/{created['id']}/grant",
            {"valid_from": "2025-06-10", "valid_to": "2030-06-09"},  # beyond the kind's validity
        )
        assert r.status_code == 400 and "valid_to" in r.json()["error"]["details"]
        assert snapshot() == before


def test_request_materials_is_once_and_complete_xk32(api, demo):
    with at(T0):
        app = _create(api, materials=MATERIALS[:3])
        url = f"permits/{app['id']}/request_materials"
        before = snapshot()
        # Not complete: one missing material left out.
        _refused(api("reviewer").post(url, {"missing": [MATERIALS[3]]}), "XK-32", before)
        # Names a material already submitted.
        _refused(
            api("reviewer").post(url, {"missing": MATERIALS[2:]}),
            "XK-32",
            before,
        )
        # Names something the kind does not require.
        _refused(
            api("reviewer").post(url, {"missing": [*MATERIALS[3:], "营业执照"]}),
            "XK-32",
            before,
        )
        r = api("reviewer").post(url, {"missing": MATERIALS[3:]})
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "materials_requested"
        assert r.json()["missing"] == MATERIALS[3:]
    with at(D(2025, 6, 5)):
        r = api("reviewer").post(f"permits/{app['id']}/supplement", {"materials": [MATERIALS[3]]})
        assert r.status_code == 200, r.content
        assert r.json()["accept_by"] == "2025-06-12"
        before = snapshot()
        # Once only, even though one material is still missing.
        _refused(api("reviewer").post(url, {"missing": [MATERIALS[4]]}), "XK-32", before)


def test_request_materials_when_nothing_is_missing_is_refused_xk32(api, demo):
    with at(T0):
        app = _create(api)
        before = snapshot()
        r = api("reviewer").post(
            f"permits/{app['id']}/request_materials", {"missing": [MATERIALS[0]]}
        )
        _refused(r, "XK-32", before)
        r = api("reviewer").post(f"permits/{app['id']}/request_materials", {"missing": []})
        assert r.status_code == 400 and "missing" in r.json()["error"]["details"]


def test_refusal_needs_reasons_and_records_the_remedies_xk38(api, demo):
    with at(T0):
        app = _create(api)
        api("reviewer").post(f"permits/{app['id']}/accept")
        before = snapshot()
        _refused(
            api("head").post(f"permits/{app['id']}/refuse", {"reasons": "  "}), "XK-38", before
        )
        r = api("head").post(
            f"permits/{app['id']}/refuse",
            {"reasons": "拟设置位置位于城市主干道交叉口视距范围内，不符合户外广告设置规划"},
        )
        assert r.status_code == 200, r.content
        decision = r.json()["decision"]
        assert r.json()["status"] == "refused"
        assert "六十日内" in decision["remedies"] and "六个月内" in decision["remedies"]
        assert "示范县人民政府" in decision["remedies"]
        assert "示范县人民法院" in decision["remedies"]


def test_extend_time_is_the_heads_xk42(api, demo):
    with at(T0):
        app = _create(api)
        api("reviewer").post(f"permits/{app['id']}/accept")
        url = f"permits/{app['id']}/extend_time"
        before = snapshot()
        assert api("reviewer").post(url, {"reason": "需现场勘验"}).status_code == 403
        _refused(api("head").post(url, {"reason": ""}), "XK-42", before)
        r = api("head").post(url, {"reason": "需现场勘验"})
        assert r.status_code == 200 and r.json()["deadlines"]["decide_by"] == "2025-07-15"
        assert r.json()["extension"] == {"reason": "需现场勘验", "by": "head"}
        before = snapshot()
        _refused(api("head").post(url, {"reason": "再延"}), "XK-42", before)


def test_a_decision_before_acceptance_is_refused_state(api, demo):
    with at(T0):
        app = _create(api)
        before = snapshot()
        r = api("head").post(
            f"permits/{app['id']}/grant", {"valid_from": "2025-06-10", "valid_to": "2026-06-09"}
        )
        _refused(r, "state", before)


ENDPOINTS: list[tuple[str, dict[str, Any]]] = [
    ("accept", {}),
    ("request_materials", {"missing": [MATERIALS[4]]}),
    ("supplement", {"materials": [MATERIALS[4]]}),
    ("extend_time", {"reason": "需现场勘验"}),
    ("pause", {"kind": "hearing"}),
    ("resume", {}),
    ("grant", {"valid_from": "2025-06-10", "valid_to": "2026-06-09"}),
    ("refuse", {"reasons": "不符合规划"}),
    ("publish", {}),
]


@pytest.mark.parametrize(("action", "body"), ENDPOINTS)
def test_wrong_role_wrong_department_and_other_bureau_are_refused(api, demo, action, body):
    with at(T0):
        app = apply(demo, materials=MATERIALS[:4])
        before = snapshot()
        url = f"permits/{app.pk}/{action}"
        # Wrong role: a 处置部门 handler.
        assert api("handler_sanitation").post(url, body).status_code == 403
        # Wrong department: a squad officer does not see the legal office's applications.
        assert api("officer1").post(url, body).status_code == 404
        # Another bureau.
        assert api("outsider").post(url, body).status_code == 404
        assert snapshot() == before


def test_reads_and_intake_refuse_the_wrong_role_department_and_bureau(api, demo):
    with at(T0):
        app = apply(demo)
        before = snapshot()
        for who, code in (("handler_sanitation", 403), ("officer1", 404), ("outsider", 404)):
            assert api(who).get(f"permits/{app.pk}").status_code == code
        assert api("handler_sanitation").get("permits").status_code == 403
        assert api("officer1").get("permits").json()["count"] == 0
        assert api("outsider").get("permits").json()["count"] == 0
        assert api("handler_sanitation").post("permits", _body()).status_code == 403
        r = api("officer1").post("permits", _body())
        assert r.status_code == 403 and "法制股" in r.json()["error"]["message"]
        # Another bureau's clerk registers only into its own bureau, which has no such kind.
        r = api("outsider").post("permits", _body())
        assert r.status_code == 400 and "kind" in r.json()["error"]["details"]
        assert snapshot() == before


def test_an_untold_application_is_shown_deemed_accepted_with_decide_by_from_receipt(api, demo):
    with at(D(2025, 1, 24)):
        app = _create(api)
    with at(D(2025, 2, 7)):
        r = api("reviewer").get(f"permits/{app['id']}")
        assert r.json()["status"] == "received" and r.json()["deadlines"]["decide_by"] is None
    with at(D(2025, 2, 10)):
        r = api("reviewer").get(f"permits/{app['id']}")
        body = r.json()
        assert body["status"] == "deemed_accepted" and "视为受理" in body["status_label"]
        assert body["deadlines"]["decide_by"] == "2025-02-27"
        before = snapshot()
        _refused(api("reviewer").post(f"permits/{app['id']}/accept"), "XK-32", before)
    with at(D(2025, 2, 28)):
        r = api("head").post(
            f"permits/{app['id']}/refuse", {"reasons": "设置位置不符合户外广告设置规划"}
        )
        assert r.status_code == 200, r.content
        assert r.json()["decision"]["late"] is True
        assert r.json()["deadlines"]["decide_by"] == "2025-02-27"
