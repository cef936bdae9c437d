"""The other paths: simple procedure, 不予处罚, transfer, a case opened from a city case."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from chengguan.ledger.models import Entry
from chengguan.penalties import actions
from chengguan.penalties.models import PenaltyCase
from tests.penalties.helpers import COMPANY, PERSON, T0, D, at, notified, open_general, proposal


def test_simple_case_is_decided_on_the_spot_served_paid_filed_and_closed(api):
    officer = api("officer1")
    with at(T0):
        r = officer.post(
            "penalty-cases",
            {
                "procedure": "simple",
                "power_item": "JT001",
                "party": PERSON,
                "facts": "机动车停放占用人行道，驾驶人在场拒绝驶离",
                "act_date": "2025-06-03",
                "discovered_date": "2025-06-03",
                "officers": ["officer1", "officer2"],
                "decision": {
                    "penalty_types": ["fine"],
                    "fine_amount": "50",
                    "level": "lighter",
                    "grounds": [],
                    "correction": "责令立即驶离人行道",
                },
            },
        )
        assert r.status_code == 201, r.content
        case = r.json()
        assert case["status"] == "decided"
        assert case["decision_number"].startswith("示城管当罚决字〔2025〕")
        assert case["publish_by"] == "2025-06-12"
        path = f"penalty-cases/{case['id']}"
        r = officer.post(
            f"{path}/serve",
            {
                "served_on": "2025-06-03",
                "method": "direct",
                "certificates_shown": ["officer1", "officer2"],
            },
        )
        assert r.json()["status"] == "served"
        r = officer.post(
            f"{path}/pay",
            {
                "amount": "50",
                "paid_on": "2025-06-03",
                "channel": "on_spot",
                "receipt_no": "豫财罚003",
            },
        )
        assert r.json()["status"] == "paid", r.content
    with at(D(2025, 6, 4)):
        assert api("reviewer").post(f"{path}/file", {}).json()["filed_on"] == "2025-06-04"
        # XF-71: the cash collected on the spot reaches the bureau and the bank before closing.
        r = officer.post(f"{path}/hand_in", {"handed_in_on": "2025-06-04", "receiver": "局财务室"})
        assert r.status_code == 200, r.content
        r = api("head").post(f"{path}/deposit", {"deposited_on": "2025-06-04", "bank_slip": "B1"})
        assert r.status_code == 200, r.content
        assert api("head").post(f"{path}/close", {}).json()["status"] == "closed"
        assert api("reviewer").post(f"{path}/archive", {}).json()["status"] == "archived"
    steps = set(
        Entry.objects.filter(
            subject_type="penalties.penaltycase", subject_id=str(case["id"])
        ).values_list("action", flat=True)
    )
    assert {
        "penalty.open",
        "penalty.serve",
        "penalty.pay",
        "penalty.hand_in",
        "penalty.deposit",
        "penalty.file",
        "penalty.close",
        "penalty.archive",
    } <= steps


def test_unfounded_case_gets_a_no_penalty_decision_without_notice(api, demo):
    with at(T0):
        case = open_general(demo, party=COMPANY, item="SR014")
        actions.register(case.pk, actor=demo.user("head"))
        actions.add_evidence(
            case.pk,
            actor=demo.user("officer1"),
            kind="witness",
            description="证人证言：倾倒者另有其人",
            certificates_shown=["officer1", "officer2"],
        )
        actions.conclude(case.pk, actor=demo.user("officer1"), outcome="no_penalty_unfounded")
        r = api("head").post(f"penalty-cases/{case.pk}/decide", {"level": "none"})
        assert r.status_code == 200, r.content
        assert r.json()["decision"]["kind"] == "no_penalty_unfounded"
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/serve", {"served_on": "2025-06-03", "method": "direct"}
        )
        assert api("head").post(f"penalty-cases/{case.pk}/close", {}).json()["status"] == "closed"


def test_transfer_to_the_judiciary(api, demo):
    with at(T0):
        case = open_general(demo, party=COMPANY, item="SR015")
        actions.register(case.pk, actor=demo.user("head"))
        actions.add_evidence(
            case.pk,
            actor=demo.user("officer1"),
            kind="documentary",
            description="涉嫌污染环境罪的检测报告",
        )
        actions.conclude(case.pk, actor=demo.user("officer1"), outcome="transfer")
        # A bare decision naming the receiving body is no transfer (XF-27, decision 076).
        r = api("head").post(
            f"penalty-cases/{case.pk}/decide", {"level": "none", "transferred_to": "示范县公安局"}
        )
        assert r.status_code == 409 and r.json()["error"]["code"] == "XF-27"
        r = api("head").post(
            f"penalty-cases/{case.pk}/transfer",
            {
                "kind": "judicial",
                "to": "示范县公安局",
                "reason": "涉嫌污染环境罪",
                "decided_on": T0.isoformat(),
                "handed_over_on": T0.isoformat(),
                "receipt": "示公受字〔2025〕9号",
            },
        )
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "transferred"
        assert api("head").post(f"penalty-cases/{case.pk}/close", {}).json()["status"] == "closed"


def test_case_opened_from_a_city_case(api, demo):
    from tests.conftest import ApiClient

    inspector = ApiClient("inspector")
    category = inspector.get("categories").json()["items"][0]["code"]
    grids = inspector.get("grids").json()
    ring = grids["features"][0]["geometry"]["coordinates"][0]
    lon = sum(p[0] for p in ring[:-1]) / (len(ring) - 1)
    lat = sum(p[1] for p in ring[:-1]) / (len(ring) - 1)
    r = inspector.post(
        "city-cases",
        {
            "source": "inspection",
            "category": category,
            "description": "店外经营占道",
            "location": {"lon": lon, "lat": lat},
        },
    )
    assert r.status_code == 201, r.content
    city_id = r.json()["id"]
    with at(T0):
        r = api("officer1").post(
            "penalty-cases",
            {
                "procedure": "general",
                "power_item": "SZ001",
                "party": PERSON,
                "facts": "数字城管转办：店外经营占道",
                "act_date": "2025-06-01",
                "discovered_date": "2025-06-03",
                "officers": ["officer1", "officer2"],
                "city_case": city_id,
            },
        )
        assert r.status_code == 201, r.content
        assert r.json()["city_case_id"] == city_id
        assert r.json()["source"] == "city_case"
        missing = api("officer1").post(
            "penalty-cases",
            {
                "procedure": "general",
                "power_item": "SZ001",
                "party": PERSON,
                "facts": "x",
                "act_date": "2025-06-01",
                "discovered_date": "2025-06-03",
                "officers": ["officer1", "officer2"],
                "city_case": 987654,
            },
        )
        assert missing.status_code == 404


def test_compliance_lists_overdue_steps_and_the_overdue_command_reports_them(api, demo):
    with at(T0):
        case = notified(demo, proposal("5000", "lighter"))
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
        actions.decide(case.pk, actor=demo.user("head"), decision={**proposal("5000", "lighter")})
    with at(D(2025, 6, 20)):
        body = api("officer1").get(f"penalty-cases/{case.pk}/compliance").json()
        codes = [v["code"] for v in body["violations"]]
        assert codes == ["XF-61"]
        assert {"action": "serve", "due": "2025-06-12"} in body["next"]
        assert {"action": "publish", "due": "2025-06-12"} in body["next"]
        out = StringIO()
        call_command("penalties", "overdue", stdout=out)
    assert case.number in out.getvalue() and "XF-61" in out.getvalue()


def test_list_shows_cases_of_the_bureau_only(api, demo):
    with at(T0):
        case = open_general(demo)
    numbers = {c["number"] for c in api("head").get("penalty-cases").json()["items"]}
    assert case.number in numbers
    assert (
        api("outsider").get("penalty-cases").json()["count"]
        == PenaltyCase.objects.filter(bureau_id=demo.user("outsider").bureau_id).count()
    )


def test_compliance_names_review_and_discussion_when_the_proposal_needs_them(api, demo):
    from tests.penalties.helpers import investigated

    with at(T0):
        case = investigated(demo)  # 15,000 yuan: hearing right → review after hearing, discussion
        nxt = [
            n["action"]
            for n in api("officer1").get(f"penalty-cases/{case.pk}/compliance").json()["next"]
        ]
        assert "notify" in nxt and "discuss" in nxt
        small = investigated(
            demo, proposal("5000", "lighter", fine_base="100000"), item="GH001", party=COMPANY
        )
        nxt = [
            n["action"]
            for n in api("officer1").get(f"penalty-cases/{small.pk}/compliance").json()["next"]
        ]
    assert "review" in nxt  # GH001 is in the review catalogue


def test_compliance_names_xf54_once_the_registration_window_has_passed(api, demo):
    with at(T0):
        case = open_general(demo)
        on_time = api("officer1").get(f"penalty-cases/{case.pk}/compliance").json()
        assert "XF-54" not in [v["code"] for v in on_time["violations"]]
    # Discovered on Tuesday 3 June; seven working days run out on Thursday 12 June.
    with at(D(2025, 6, 20)):
        late = api("officer1").get(f"penalty-cases/{case.pk}/compliance").json()
    assert "XF-54" in [v["code"] for v in late["violations"]]
