"""A general-procedure case from 立案 to 归档 through the HTTP API, with hearing, review and discussion."""

from __future__ import annotations

from chengguan.ledger.models import Entry
from tests.penalties.helpers import PERSON, D, at


def test_general_case_with_hearing_goes_from_registration_to_archive(api, demo):
    officer, head, reviewer = api("officer1"), api("head"), api("reviewer")
    with at(D(2025, 6, 3)):
        r = officer.post(
            "penalty-cases",
            {
                "procedure": "general",
                "power_item": "SZ001",
                "party": PERSON,
                "facts": "当事人在人民路东段擅自占用城市道路摆摊经营，占道约6平方米",
                "act_date": "2025-05-20",
                "discovered_date": "2025-06-03",
                "officers": ["officer1", "officer2"],
            },
        )
        assert r.status_code == 201, r.content
        case = r.json()
        assert case["status"] == "pending_registration"
        assert case["number"].startswith("示城管罚案〔2025〕")
        assert case["party"]["id_number"].startswith("411323") and "*" in case["party"]["id_number"]
        cid = case["id"]
        path = f"penalty-cases/{cid}"

        r = head.post(f"{path}/register", {})
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "registered"
        assert r.json()["deadlines"]["decide_by"] == "2025-09-01"  # 90 days, CAL-1

        r = officer.post(
            f"{path}/evidence",
            {
                "kind": "inspection_record",
                "description": "现场检查笔录一份，照片6张",
                "certificates_shown": ["officer1", "officer2"],
            },
        )
        assert r.json()["status"] == "investigating"
        officer.post(
            f"{path}/evidence",
            {
                "kind": "statement",
                "description": "询问笔录",
                "certificates_shown": ["officer1", "officer2"],
            },
        )
        r = officer.post(
            f"{path}/conclude",
            {
                "outcome": "penalty",
                "proposal": {
                    "penalty_types": ["fine"],
                    "fine_amount": "15000",
                    "level": "heavier",
                    "grounds": ["refused_correction"],
                    "correction": "责令立即停止占用城市道路，恢复原状",
                },
            },
        )
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "investigated"

    with at(D(2025, 6, 4)):
        r = officer.post(f"{path}/notify", {"served_on": "2025-06-04"})
        assert r.status_code == 200, r.content
        notice = r.json()["notices"][0]
        assert notice["hearing_right"] is True  # 15,000 ≥ the 10,000 threshold for a citizen
        assert r.json()["deadlines"]["hearing_request_by"] == "2025-06-11"

    with at(D(2025, 6, 5)):
        r = officer.post(f"{path}/request_hearing", {"requested_on": "2025-06-05"})
        assert r.json()["status"] == "hearing_requested", r.content
        compliance = officer.get(f"{path}/compliance").json()
        assert {"action": "hearing", "due": "2025-09-01"} in compliance["next"]

        # XF-64: the head names the chair, who did not investigate the case.
        r = head.post(f"{path}/name_chair", {"chair": "supervisor"})
        assert r.status_code == 200, r.content

    with at(D(2025, 6, 17)):
        r = officer.post(
            f"{path}/hearing",
            {
                "held_on": "2025-06-17",
                "notified_on": "2025-06-05",
                "record": "听证笔录：当事人称系初次占道，已自行清理",
                "transcript_signed": True,
            },
        )
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "heard"
        officer.post(f"{path}/statement", {"content": "当事人请求从轻处罚", "accepted": True})
        r = reviewer.post(
            f"{path}/review",
            {"approved": True, "opinion": "主体合法、事实清楚、证据确凿、程序合法、适用依据正确"},
        )
        assert r.status_code == 200, r.content
        r = head.post(
            f"{path}/discuss",
            {
                "participants": ["head", "deputy1", "deputy2"],
                "minutes": "听取承办人汇报、听证情况和法制审核意见后讨论",
                "conclusion": "采纳当事人部分申辩意见，罚款一万二千元",
            },
        )
        assert r.status_code == 200, r.content

    with at(D(2025, 6, 18)):
        r = head.post(
            f"{path}/decide",
            {
                "penalty_types": ["fine"],
                "fine_amount": "12000",
                "level": "general",
                "grounds": [],
                "correction": "责令立即停止占用城市道路，恢复原状",
            },
        )
        assert r.status_code == 200, r.content
        body = r.json()
        assert body["status"] == "decided"
        assert body["decision_number"] == body["decision"]["decision_number"]
        assert body["decision_number"].startswith("示城管罚决字〔2025〕")
        assert body["publish_by"] == "2025-06-27"  # SZ-3: 7 working days
        assert body["deadlines"]["serve_by"] == "2025-06-27"
        r = officer.post(f"{path}/serve", {"served_on": "2025-06-18", "method": "direct"})
        assert r.json()["status"] == "served"
        assert r.json()["deadlines"]["pay_by"] == "2025-07-03"  # 15 days

    with at(D(2025, 6, 20)):
        r = officer.post(
            f"{path}/pay",
            {
                "amount": "12000",
                "paid_on": "2025-06-20",
                "channel": "bank",
                "voucher_no": "YH20250001",
            },
        )
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "paid"
        assert r.json()["payments"][0]["surcharge"] == "0.00"
        assert head.post(f"{path}/close", {}).json()["status"] == "closed"
        r = reviewer.post(f"{path}/archive", {})
        assert r.json()["status"] == "archived"

    actions = list(
        Entry.objects.filter(subject_type="penalties.penaltycase", subject_id=str(cid)).values_list(
            "action", flat=True
        )
    )
    for step in [
        "penalty.open",
        "penalty.register",
        "penalty.evidence",
        "penalty.conclude",
        "penalty.notify",
        "penalty.request_hearing",
        "penalty.hearing",
        "penalty.statement",
        "penalty.review",
        "penalty.discuss",
        "penalty.decide",
        "penalty.serve",
        "penalty.pay",
        "penalty.close",
        "penalty.archive",
    ]:
        assert step in actions
    history = api("officer1").get(path).json()["history"]
    assert [h["action"] for h in history] == actions


def test_stats_count_the_case_and_its_steps(api, demo):
    from chengguan.penalties import actions as act
    from tests.penalties.helpers import notified

    with at(D(2025, 6, 3)):
        case = notified(demo)
    with at(D(2025, 6, 4)):
        act.request_hearing(case.pk, actor=demo.user("officer1"), requested_on=D(2025, 6, 4))
        act.name_chair(case.pk, actor=demo.user("head"), chair="reviewer")
    with at(D(2025, 6, 16)):
        act.hold_hearing(
            case.pk,
            actor=demo.user("officer1"),
            held_on=D(2025, 6, 16),
            record_text="听证笔录",
            notified_on=D(2025, 6, 4),
            transcript_signed=True,
        )
        act.review(case.pk, actor=demo.user("reviewer"), approved=True, opinion="同意")
    r = api("head").get("stats/penalties", **{"from": "2025-06-01", "to": "2025-06-30"})
    assert r.status_code == 200, r.content
    s = r.json()
    assert s["total"] >= 1 and s["general"] >= 1
    assert s["hearings"] == 1 and s["legal_reviews"] == 1
    assert s["disclosed"] >= 0
