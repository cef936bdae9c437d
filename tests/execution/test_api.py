"""The bureau's own compulsory execution (QZ-13/34/35/36/37/43/44) over the API: each rule broken
is 409 with its id and nothing changed; wrong role, officer not on the case, town team and other
bureau refused on every endpoint; the whole path of a forced demolition."""

from __future__ import annotations

import json

from chengguan.execution.models import Execution
from chengguan.ledger.models import Entry
from chengguan.penalties.actions import correction as penalty_actions
from tests.conftest import error_code
from tests.execution.helpers import (
    AFTER_PERIOD,
    DEMAND_ON,
    PERFORM_BY,
    demand_body,
    state,
    unperformed,
)
from tests.penalties.helpers import D, at, served


def refused(api, who, path, body, case, code, status=409):
    before = state(case)
    r = api(who).post(path, body)
    assert r.status_code == status, r.content
    if status == 409:
        assert error_code(r) == code, r.content
    assert state(case) == before
    return r


def _demanded(api, demo):
    case, order = unperformed(demo)
    with at(DEMAND_ON):
        r = api("officer1").post(f"penalty-cases/{case.pk}/executions", demand_body(order))
        assert r.status_code == 201, r.content
    return case, order, r.json()["id"]


def _decided(api, demo):
    case, order, eid = _demanded(api, demo)
    with at(D(2025, 6, 16)):
        r = api("officer2").post(
            f"executions/{eid}/statement",
            {"received_on": "2025-06-16", "text": "彩钢棚系临时堆放货物所用，请求宽限"},
        )
        assert r.status_code == 200, r.content
        r = api("reviewer").post(
            f"executions/{eid}/review", {"opinion": "理由不成立，不予采纳", "adopted": False}
        )
        assert r.status_code == 200, r.content
    with at(AFTER_PERIOD):
        r = api("head").post(
            f"executions/{eid}/decide",
            {
                "reason": "当事人经催告逾期仍不拆除，且无正当理由",
                "method": "组织人员强制拆除",
                "scheduled_at": "2025-06-24T10:00:00+08:00",
            },
        )
        assert r.status_code == 200, r.content
    return case, order, eid


def test_QZ_13_without_the_power_the_bureau_applies_to_the_court(api, demo):
    case, order = unperformed(demo)
    with at(DEMAND_ON):
        r = refused(
            api,
            "officer1",
            f"penalty-cases/{case.pk}/executions",
            demand_body(order),
            case,
            "QZ-13",
        )
        assert "申请人民法院强制执行" in r.json()["error"]["message"]
        assert "第十三条" in r.json()["error"]["article"]


def test_a_forced_demolition_from_demand_to_execution(api, demo, powers):
    case, _order, eid = _decided(api, demo)
    with at(D(2025, 6, 24)):
        r = api("officer1").post(
            f"executions/{eid}/notice",
            {
                "posted_on": "2025-06-24",
                "place": "人民路东段现场及本局公告栏",
                "demolish_by": "2025-07-04",
            },
        )
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "noticed"
    with at(D(2025, 12, 4)):
        ledger = Entry.objects.count()
        r = api("officer2").post(
            f"executions/{eid}/execute", {"result": "彩钢棚已拆除，材料登记保管"}
        )
        assert r.status_code == 200, r.content
        body = r.json()
        assert body["status"] == "executed" and body["basis"].startswith(
            "《中华人民共和国城乡规划法》"
        )
        assert Entry.objects.count() == ledger + 1
    r = api("officer1").get(f"penalty-cases/{case.pk}/executions")
    assert r.status_code == 200 and [e["id"] for e in r.json()["items"]] == [eid]
    actions = [
        e.action for e in Entry.objects.filter(action__startswith="execution.").order_by("id")
    ]
    assert actions == [
        "execution.demand",
        "execution.statement",
        "execution.review",
        "execution.decide",
        "execution.notice",
        "execution.execute",
    ]
    last = json.loads(Entry.objects.filter(action="execution.execute").get().payload)
    assert last["from"] == "noticed" and last["to"] == "executed"


def test_QZ_34_not_before_the_recheck_found_the_order_unperformed(api, demo, powers):
    case = served(demo)
    with at(D(2025, 6, 4)):
        order = penalty_actions.order_correction(
            case.pk, actor=demo.user("officer1"), content="责令限期拆除违法搭建的彩钢棚"
        )
        refused(
            api,
            "officer1",
            f"penalty-cases/{case.pk}/executions",
            demand_body(order, served_on="2025-06-04"),
            case,
            "QZ-34",
        )
        # A fine whose 15 days have not run out is not yet unperformed either.
        refused(
            api,
            "officer1",
            f"penalty-cases/{case.pk}/executions",
            demand_body(order, kind="fine", served_on="2025-06-04", correction_id=None),
            case,
            "QZ-34",
        )


def test_QZ_35_the_demand_states_period_way_and_the_right_to_defend(api, demo, powers):
    case, order = unperformed(demo)
    path = f"penalty-cases/{case.pk}/executions"
    with at(DEMAND_ON):
        for over in (
            {"rights_told": False},
            {"way": ""},
            {"perform_by": DEMAND_ON.isoformat()},
        ):
            refused(api, "officer1", path, demand_body(order, **over), case, "QZ-35")
        # TM-1: a demand served before the decision it enforces.
        refused(api, "officer1", path, demand_body(order, served_on="2025-06-01"), case, "TM-1")


def test_QZ_35_a_fine_demand_carries_the_amount_owed(api, demo, powers):
    case = served(demo)
    with at(D(2025, 6, 19)):
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/executions",
            {
                "kind": "fine",
                "obligation": "缴纳罚款5000元及加处罚款",
                "served_on": "2025-06-19",
                "perform_by": "2025-06-30",
                "way": "至代收银行缴纳",
                "rights_told": True,
            },
        )
        assert r.status_code == 201, r.content
        assert r.json()["demand"]["amount"] == "5150.00"  # 5000 + 3 % for the 19th


def test_QZ_36_the_party_is_heard_and_the_statement_reviewed(api, demo, powers):
    case, _order, eid = _demanded(api, demo)
    decide = {
        "reason": "逾期不履行且无正当理由",
        "method": "强制拆除",
        "scheduled_at": "2025-06-24T10:00:00+08:00",
    }
    with at(D(2025, 6, 16)):
        # Silence cannot be recorded while the 催告 period runs.
        refused(
            api,
            "officer1",
            f"executions/{eid}/statement",
            {"received_on": "2025-06-16", "said_nothing": True},
            case,
            "QZ-36",
        )
        refused(
            api,
            "reviewer",
            f"executions/{eid}/review",
            {"opinion": "x", "adopted": False},
            case,
            "QZ-36",
        )
    with at(AFTER_PERIOD):
        refused(api, "head", f"executions/{eid}/decide", decide, case, "QZ-36")
        r = api("officer1").post(
            f"executions/{eid}/statement",
            {"received_on": AFTER_PERIOD.isoformat(), "text": "已开始自行拆除，请求宽限三日"},
        )
        assert r.status_code == 200, r.content
        refused(api, "head", f"executions/{eid}/decide", decide, case, "QZ-36")  # not reviewed
        r = api("reviewer").post(
            f"executions/{eid}/review", {"opinion": "经核实属实，予以采纳", "adopted": True}
        )
        assert r.status_code == 200, r.content
        refused(api, "head", f"executions/{eid}/decide", decide, case, "QZ-36")  # adopted
        r = api("officer1").post(f"executions/{eid}/end", {"reason": "adopted"})
        assert r.status_code == 200 and r.json()["status"] == "ended"


def test_QZ_37_not_before_the_demand_period_and_not_without_the_reason(api, demo, powers):
    case, _order, eid = _demanded(api, demo)
    body = {"method": "强制拆除", "scheduled_at": "2025-06-24T10:00:00+08:00"}
    with at(PERFORM_BY):
        api("officer1").post(
            f"executions/{eid}/statement",
            {"received_on": PERFORM_BY.isoformat(), "text": "无异议"},
        )
        api("reviewer").post(
            f"executions/{eid}/review", {"opinion": "无新的事实", "adopted": False}
        )
        refused(api, "head", f"executions/{eid}/decide", {**body, "reason": "逾期"}, case, "QZ-37")
    with at(AFTER_PERIOD):
        refused(api, "head", f"executions/{eid}/decide", {**body, "reason": " "}, case, "QZ-37")


def test_QZ_43_no_night_or_holiday_unless_an_emergency_is_recorded(api, demo, powers):
    case, _order, eid = _demanded(api, demo)
    with at(AFTER_PERIOD):
        api("officer1").post(
            f"executions/{eid}/statement",
            {"received_on": AFTER_PERIOD.isoformat(), "said_nothing": True},
        )
        base = {"reason": "逾期不履行且无正当理由", "method": "强制拆除"}
        for when in ("2025-06-24T23:00:00+08:00", "2025-06-28T10:00:00+08:00"):  # night, Saturday
            refused(
                api,
                "head",
                f"executions/{eid}/decide",
                {**base, "scheduled_at": when},
                case,
                "QZ-43",
            )
        refused(
            api,
            "head",
            f"executions/{eid}/decide",
            {**base, "scheduled_at": "2025-06-24T23:00:00+08:00", "emergency": True},
            case,
            "QZ-43",
        )  # an emergency without its reason recorded
        r = api("head").post(
            f"executions/{eid}/decide",
            {
                **base,
                "scheduled_at": "2025-06-24T10:00:00+08:00",
            },
        )
        assert r.status_code == 200, r.content


def test_QZ_43_the_execution_itself_not_at_night_and_never_by_cutting_utilities(api, demo, powers):
    case, _order, eid = _decided(api, demo)
    with at(D(2025, 6, 24)):
        api("officer1").post(
            f"executions/{eid}/notice",
            {"posted_on": "2025-06-24", "place": "现场", "demolish_by": "2025-07-04"},
        )
    with at(D(2025, 12, 4)):
        refused(
            api,
            "officer1",
            f"executions/{eid}/execute",
            {"result": "已拆除", "cut_utilities": ["power"]},
            case,
            "QZ-43",
        )
    with at(D(2025, 12, 4), hour=23):
        refused(api, "officer1", f"executions/{eid}/execute", {"result": "已拆除"}, case, "QZ-43")
        r = api("officer1").post(
            f"executions/{eid}/execute",
            {
                "result": "已拆除",
                "emergency": True,
                "emergency_reason": "彩钢棚倾斜，随时倒塌危及行人",
            },
        )
        assert r.status_code == 200, r.content


def test_QZ_44_demolition_after_the_notice_period_and_the_remedy_periods(api, demo, powers):
    case, _order, eid = _decided(api, demo)
    with at(D(2025, 6, 24)):
        refused(
            api,
            "officer1",
            f"executions/{eid}/execute",
            {"result": "已拆除"},
            case,
            "QZ-44",
        )  # no notice yet
        refused(
            api,
            "officer1",
            f"executions/{eid}/notice",
            {"posted_on": "2025-06-24", "place": "现场", "demolish_by": "2025-06-24"},
            case,
            "QZ-44",
        )
        r = api("officer1").post(
            f"executions/{eid}/notice",
            {"posted_on": "2025-06-24", "place": "现场", "demolish_by": "2025-07-04"},
        )
        assert r.status_code == 200, r.content
    with at(D(2025, 7, 4)):
        refused(api, "officer1", f"executions/{eid}/execute", {"result": "已拆除"}, case, "QZ-44")
    with at(D(2025, 7, 7)):
        # The 6 months to sue (from service on 2025-06-03) have not run out.
        refused(api, "officer1", f"executions/{eid}/execute", {"result": "已拆除"}, case, "QZ-44")
        r = api("reviewer").post(
            f"penalty-cases/{case.pk}/remedies",
            {
                "kind": "litigation",
                "filed_on": "2025-07-07",
                "body": "示范县人民法院",
                "proof_number": "（2025）豫1323行初15号",
                "proof_date": "2025-07-07",
            },
        )
        assert r.status_code == 200, r.content
    with at(D(2025, 12, 4)):
        # A suit is pending (XF-73 record with proof): no demolition.
        refused(api, "officer1", f"executions/{eid}/execute", {"result": "已拆除"}, case, "QZ-44")


def test_wrong_role_officer_not_on_case_town_team_and_other_bureau_are_refused(api, demo, powers):
    case, order = unperformed(demo)
    path = f"penalty-cases/{case.pk}/executions"
    with at(DEMAND_ON):
        for who, status in (
            ("head", 403),
            ("reviewer", 403),
            ("officer_nocert", 403),
            ("town_officer1", 404),
            ("outsider", 404),
        ):
            refused(api, who, path, demand_body(order), case, "", status=status)
        for who in ("town_officer1", "outsider"):
            assert api(who).get(path).status_code == 404
        r = api("officer1").post(path, demand_body(order))
        assert r.status_code == 201
        eid = r.json()["id"]
    steps = {
        "statement": {"received_on": "2025-06-23", "text": "请求宽限"},
        "review": {"opinion": "不成立", "adopted": False},
        "decide": {"reason": "逾期", "method": "拆除", "scheduled_at": "2025-06-24T10:00:00+08:00"},
        "notice": {"posted_on": "2025-06-24", "place": "现场", "demolish_by": "2025-07-04"},
        "execute": {"result": "已拆除"},
        "end": {"reason": "other"},
    }
    wrong = {
        "statement": ("head", "officer_nocert"),
        "review": ("officer1",),
        "decide": ("officer1", "reviewer"),
        "notice": ("head", "officer_nocert"),
        "execute": ("head", "reviewer", "officer_nocert"),
        "end": ("reviewer", "officer_nocert"),
    }
    with at(AFTER_PERIOD):
        for step, body in steps.items():
            for who in ("town_officer1", "outsider"):
                refused(api, who, f"executions/{eid}/{step}", body, case, "", status=404)
                assert api(who).get(f"executions/{eid}").status_code == 404
            for who in wrong[step]:
                refused(api, who, f"executions/{eid}/{step}", body, case, "", status=403)
        assert api("officer1").get(f"executions/{eid}").json()["status"] == "demanded"
        # Wrong state: no notice or execution before the decision.
        refused(api, "officer1", f"executions/{eid}/notice", steps["notice"], case, "state")
        assert Execution.objects.filter(pk=eid, status="demanded").exists()
