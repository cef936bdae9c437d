"""先行登记保存 (XF-56), 当场收缴罚款的上缴 (XF-71) and 出示执法证件 (XF-55/XF-52).

Hand-worked working days around 国庆 2025 (1–8 October off; Sunday 28 September and Saturday
11 October are make-up working days):

- items preserved on Monday 2025-09-29: 30 Sep (1), 9 Oct (2), 10 Oct (3), Sat 11 Oct (4),
  13 Oct (5), 14 Oct (6), 15 Oct (7) → the decision is due by 2025-10-15 (XF-56, 7 wd);
- cash collected on Tuesday 2025-09-30: 9 Oct (1), 10 Oct (2) → at the bureau by 2025-10-10;
  handed in on 10 Oct: Sat 11 Oct (1), 13 Oct (2) → in the bank by 2025-10-13 (XF-71, 2 + 2 wd).
"""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command

from chengguan.org import actions as org_actions
from chengguan.penalties import actions
from chengguan.penalties.models import (
    CashRemittance,
    CertificateShown,
    Payment,
    PenaltyCase,
    Preservation,
)
from tests.penalties.helpers import PERSON, D, at, open_general, proposal, snapshot
from tests.penalties.test_rules import fine, refused

PAIR = ["officer1", "officer2"]
ITEMS = [
    {"description": "三轮车（蓝色，无牌）", "quantity": "1辆", "location": "局暂扣物品库"},
    {"description": "水果周转筐", "quantity": "12个", "location": "当事人李四保管"},
]
MON = D(2025, 9, 29)


def path(case: PenaltyCase | int, action: str = "") -> str:
    pk = case if isinstance(case, int) else case.pk
    return f"penalty-cases/{pk}" + (f"/{action}" if action else "")


def investigating(demo: Any) -> PenaltyCase:
    """A case registered on 2025-09-26 and under investigation."""
    with at(D(2025, 9, 26)):
        case = open_general(demo, act_date=D(2025, 9, 20), discovered=D(2025, 9, 26))
        actions.register(case.pk, actor=demo.user("head"))
        actions.add_evidence(
            case.pk,
            actor=demo.user("officer1"),
            kind="inspection_record",
            description="现场检查笔录",
            certificates_shown=PAIR,
        )
    return case


def preserved(api: Any, demo: Any) -> PenaltyCase:
    case = investigating(demo)
    with at(MON):
        r = api("head").post(path(case, "preservations/approve"), {"reason": "证据可能灭失"})
        assert r.status_code == 200, r.content
        r = api("officer1").post(path(case, "preservations"), {"items": ITEMS})
        assert r.status_code == 200, r.content
    return case


# XF-56 先行登记保存 -------------------------------------------------------------------------------


def test_preservation_is_approved_registered_and_decided_within_seven_working_days(api, demo):
    case = preserved(api, demo)
    with at(MON):
        body = api("officer1").get(path(case)).json()
        p = body["preservations"][0]
        assert p["status"] == "preserved" and p["approved_by"] == "head"
        assert [i["quantity"] for i in p["items"]] == ["1辆", "12个"]
        assert p["preserved_on"] == "2025-09-29"
        assert p["decide_by"] == "2025-10-15"  # across 国庆 and the make-up Saturday
        assert body["deadlines"]["preservation_decide_by"] == "2025-10-15"
        nxt = api("officer1").get(path(case, "compliance")).json()["next"]
        assert {
            "action": "decide_preservation",
            "due": "2025-10-15",
            "preservation": p["id"],
        } in nxt
    with at(D(2025, 10, 15)):  # the last day is still in time
        r = api("head").post(
            path(case, f"preservations/{p['id']}/decide"),
            {"handling": "return", "note": "经查与案件无关，退还当事人"},
        )
        assert r.status_code == 200, r.content
        done = r.json()["preservations"][0]
        assert done["status"] == "decided" and done["late"] is False
        assert done["handling_label"] == "解除保存，退还当事人"
        r = api("officer1").post(
            path(case, "conclude"), {"outcome": "penalty", "proposal": proposal("5000", "lighter")}
        )
        assert r.status_code == 200, r.content


def test_registering_items_without_the_heads_approval_is_refused(api, demo):
    case = investigating(demo)
    with at(MON):
        before = snapshot(case)
        r = api("officer1").post(path(case, "preservations"), {"items": ITEMS})
        refused(r, "XF-56")
        assert snapshot(case) == before
        # An approval given after the date the items were registered does not cover them.
        api("head").post(path(case, "preservations/approve"), {"reason": "证据可能灭失"})
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "preservations"), {"items": ITEMS, "preserved_on": "2025-09-26"}
        )
        refused(r, "XF-56")
        assert snapshot(case) == before
        assert Preservation.objects.get(case=case).status == "approved"


def test_the_preservation_is_approved_only_by_a_head_who_did_not_investigate(api, demo):
    case = investigating(demo)
    with at(MON):
        before = snapshot(case)
        r = api("officer1").post(path(case, "preservations/approve"), {"reason": "x"})
        assert r.status_code == 403
        assert snapshot(case) == before


def test_a_late_decision_on_the_items_needs_a_reason_and_stays_overdue(api, demo):
    case = preserved(api, demo)
    pid = Preservation.objects.get(case=case).pk
    with at(D(2025, 10, 16)):
        shown = api("officer1").get(path(case, "compliance")).json()["violations"]
        assert [v["code"] for v in shown] == ["XF-56"]
        out = StringIO()
        call_command("penalties", "overdue", "--on", "2025-10-16", stdout=out)
        assert f"{case.number}\tXF-56\t2025-10-15" in out.getvalue()
        before = snapshot(case)
        r = api("head").post(
            path(case, f"preservations/{pid}/decide"),
            {"handling": "confiscate", "note": "作为证据"},
        )
        body = refused(r, "XF-56")
        assert body["details"]["decide_by"] == "2025-10-15"
        assert snapshot(case) == before
        assert Preservation.objects.get(pk=pid).status == "preserved"
        r = api("head").post(
            path(case, f"preservations/{pid}/decide"),
            {"handling": "confiscate", "note": "作为证据", "late_reason": "检测机构国庆停业"},
        )
        assert r.status_code == 200, r.content
        p = r.json()["preservations"][0]
        assert p["late"] is True and p["late_reason"] == "检测机构国庆停业"
        after = api("officer1").get(path(case, "compliance")).json()["violations"]
        assert after[0]["code"] == "XF-56" and after[0]["details"]["late"] is True


def test_the_investigation_does_not_end_while_preserved_items_wait(api, demo):
    case = preserved(api, demo)
    with at(D(2025, 10, 9)):
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "conclude"), {"outcome": "penalty", "proposal": proposal("5000", "lighter")}
        )
        refused(r, "XF-56")
        assert snapshot(case) == before


def test_an_item_list_without_quantity_is_400_naming_the_field(api, demo):
    case = investigating(demo)
    with at(MON):
        api("head").post(path(case, "preservations/approve"), {"reason": "证据可能灭失"})
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "preservations"),
            {"items": [{"description": "三轮车", "quantity": " ", "location": "库"}]},
        )
        assert r.status_code == 400
        assert "items[1].quantity" in r.json()["error"]["details"]
        assert snapshot(case) == before


# XF-71 当场收缴罚款的上缴 --------------------------------------------------------------------------


def paid_on_the_spot(api: Any) -> int:
    """A 50-yuan fine decided, served and collected on the spot on Tuesday 2025-09-30."""
    with at(D(2025, 9, 30)):
        body = {
            "procedure": "simple",
            "power_item": "SZ001",
            "party": PERSON,
            "facts": "当事人在人民路店外摆放商品占用人行道",
            "act_date": "2025-09-30",
            "discovered_date": "2025-09-30",
            "officers": PAIR,
            "decision": fine("50"),
            "certificates_shown": PAIR,
        }
        r = api("officer1").post("penalty-cases", body)
        assert r.status_code == 201, r.content
        cid = r.json()["id"]
        r = api("officer1").post(
            path(cid, "serve"), {"served_on": "2025-09-30", "method": "direct"}
        )
        assert r.status_code == 200, r.content
        r = api("officer1").post(
            path(cid, "pay"),
            {"amount": "50", "paid_on": "2025-09-30", "channel": "on_spot", "receipt_no": "豫财9"},
        )
        assert r.json()["status"] == "paid", r.content
        assert api("reviewer").post(path(cid, "file"), {}).status_code == 200
    return int(cid)


def test_cash_reaches_the_bureau_and_the_bank_in_time_and_the_case_closes(api):
    cid = paid_on_the_spot(api)
    case = PenaltyCase.objects.get(pk=cid)
    with at(D(2025, 10, 9)):
        body = api("officer1").get(path(cid)).json()
        assert body["deadlines"]["cash_hand_in_by"] == "2025-10-10"
        nxt = api("officer1").get(path(cid, "compliance")).json()["next"]
        assert {"action": "hand_in", "due": "2025-10-10"} in nxt
        before = snapshot(case)
        refused(api("head").post(path(cid, "close"), {}), "XF-71")
        assert snapshot(case) == before
    with at(D(2025, 10, 10)):
        r = api("officer1").post(
            path(cid, "hand_in"), {"handed_in_on": "2025-10-10", "receiver": "局财务室张会计"}
        )
        assert r.status_code == 200, r.content
        assert r.json()["deadlines"]["cash_deposit_by"] == "2025-10-13"  # make-up Saturday counts
        refused(api("head").post(path(cid, "close"), {}), "XF-71")
    with at(D(2025, 10, 13)):
        r = api("head").post(
            path(cid, "deposit"), {"deposited_on": "2025-10-13", "bank_slip": "豫财缴0012"}
        )
        assert r.status_code == 200, r.content
        cash = r.json()["cash_remittances"][0]
        assert cash["hand_in_late"] is False and cash["deposit_late"] is False
        assert cash["bank_slip"] == "豫财缴0012"
        assert api("officer1").get(path(cid, "compliance")).json()["violations"] == []
        assert api("head").post(path(cid, "close"), {}).json()["status"] == "closed"


def test_a_late_hand_in_is_refused_without_a_reason_and_marked_late_with_one(api):
    cid = paid_on_the_spot(api)
    case = PenaltyCase.objects.get(pk=cid)
    with at(D(2025, 10, 13)):
        shown = api("officer1").get(path(cid, "compliance")).json()["violations"]
        assert [(v["code"], v["details"]["due"]) for v in shown] == [("XF-71", "2025-10-10")]
        before = snapshot(case)
        r = api("officer1").post(
            path(cid, "hand_in"), {"handed_in_on": "2025-10-13", "receiver": "财务"}
        )
        assert refused(r, "XF-71")["details"]["due"] == "2025-10-10"
        assert snapshot(case) == before
        r = api("officer1").post(
            path(cid, "hand_in"),
            {"handed_in_on": "2025-10-13", "receiver": "财务", "late_reason": "收缴人员病假"},
        )
        assert r.status_code == 200, r.content
        cash = r.json()["cash_remittances"][0]
        assert cash["hand_in_late"] is True and cash["hand_in_late_reason"] == "收缴人员病假"
        late = api("officer1").get(path(cid, "compliance")).json()["violations"]
        assert any(v["code"] == "XF-71" and v["details"].get("late") for v in late)


def test_the_bank_deposit_before_the_hand_in_is_refused(api):
    cid = paid_on_the_spot(api)
    case = PenaltyCase.objects.get(pk=cid)
    with at(D(2025, 10, 9)):
        before = snapshot(case)
        r = api("head").post(path(cid, "deposit"), {"deposited_on": "2025-10-09", "bank_slip": "X"})
        refused(r, "XF-71")
        assert snapshot(case) == before
        assert not CashRemittance.objects.filter(case=case).exists()


def test_a_late_deposit_needs_a_reason(api):
    cid = paid_on_the_spot(api)
    case = PenaltyCase.objects.get(pk=cid)
    with at(D(2025, 10, 10)):
        api("officer1").post(
            path(cid, "hand_in"), {"handed_in_on": "2025-10-10", "receiver": "财务"}
        )
    with at(D(2025, 10, 14)):
        before = snapshot(case)
        slip = Payment.objects.get(case=case).remittance.bank_slip
        r = api("head").post(path(cid, "deposit"), {"deposited_on": "2025-10-14", "bank_slip": "X"})
        refused(r, "XF-71")
        assert snapshot(case) == before
        assert Payment.objects.get(case=case).remittance.bank_slip == slip == ""


# XF-55 出示执法证件 --------------------------------------------------------------------------------


def test_an_inspection_record_needs_two_officers_who_showed_valid_certificates(api, demo):
    with at(D(2025, 6, 3)):
        case = open_general(demo)
        actions.register(case.pk, actor=demo.user("head"))
        before = snapshot(case)
        for shown in ([], ["officer1"]):
            r = api("officer1").post(
                path(case, "evidence"),
                {
                    "kind": "inspection_record",
                    "description": "现场检查笔录",
                    "certificates_shown": shown,
                },
            )
            body = refused(r, "XF-55")
            assert body["details"]["because"][0] == "XF-42"
            assert snapshot(case) == before
        r = api("officer1").post(
            path(case, "evidence"),
            {
                "kind": "statement",
                "description": "询问笔录",
                "certificates_shown": ["officer1", "x"],
            },
        )
        assert r.status_code == 400 and "certificates_shown" in r.json()["error"]["details"]
        # Documentary evidence is not a record made face to face: nothing to show.
        r = api("officer1").post(
            path(case, "evidence"), {"kind": "documentary", "description": "书证"}
        )
        assert r.status_code == 200, r.content
        r = api("officer1").post(
            path(case, "evidence"),
            {"kind": "witness", "description": "询问笔录（证人）", "certificates_shown": PAIR},
        )
        assert r.status_code == 200, r.content
        shown = r.json()["certificates_shown"]
        assert {s["officer"] for s in shown} == set(PAIR)
        assert all(s["certificate"] and s["occasion"] == "record" for s in shown)


def test_a_suspended_certificate_does_not_count_as_shown(api, demo):
    with at(D(2025, 6, 3)):
        case = open_general(demo)
        actions.register(case.pk, actor=demo.user("head"))
        cert = demo.user("officer2").certificates.get()
        org_actions.suspend_certificate(
            actor=demo.user("admin"), certificate_id=cert.pk, reason="discipline"
        )
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "evidence"),
            {
                "kind": "inspection_record",
                "description": "现场检查笔录",
                "certificates_shown": PAIR,
            },
        )
        assert refused(r, "XF-55")["details"]["because"] == ["ORG-1"]
        assert snapshot(case) == before


def test_an_onsite_decision_is_handed_over_only_with_certificates_shown(api, demo):
    with at(D(2025, 6, 3)):
        body = {
            "procedure": "simple",
            "power_item": "SZ001",
            "party": PERSON,
            "facts": "当事人在人民路店外摆放商品占用人行道",
            "act_date": "2025-06-03",
            "discovered_date": "2025-06-03",
            "officers": PAIR,
            "decision": fine("50"),
        }
        before_cases = PenaltyCase.objects.count()
        r = api("officer1").post("penalty-cases", {**body, "certificates_shown": ["officer1"]})
        refused(r, "XF-55")
        assert PenaltyCase.objects.count() == before_cases
        r = api("officer1").post("penalty-cases", body)  # not recorded yet: asked at service
        assert r.status_code == 201, r.content
        case = PenaltyCase.objects.get(pk=r.json()["id"])
        before = snapshot(case)
        r = api("officer1").post(
            path(case, "serve"), {"served_on": "2025-06-03", "method": "direct"}
        )
        refused(r, "XF-55")
        assert snapshot(case) == before
        r = api("officer1").post(
            path(case, "serve"),
            {"served_on": "2025-06-03", "method": "direct", "certificates_shown": PAIR},
        )
        assert r.status_code == 200, r.content
        rows = CertificateShown.objects.filter(case=case, occasion="onsite_decision")
        assert sorted(rows.values_list("officer__username", flat=True)) == PAIR
