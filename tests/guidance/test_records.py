"""行政指导 (advice, 提醒函, 告诫书) with follow-up visits: corrected closes it; not corrected may be
escalated through the workflow's own action to an inspection or a city case; every refusal
changes nothing."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chengguan.citycases.models import CityCase
from chengguan.inspections.models import Inspection
from tests.conftest import error_code
from tests.guidance.helpers import T0, add_point, issue, record_body, snapshot
from tests.penalties.helpers import D, at


def test_a_reminder_is_numbered_and_a_corrected_follow_up_closes_it(api: Any, demo: Any) -> None:
    with at(T0):
        g = issue(api)
        assert g["status"] == "open" and "指字〔2025〕" in g["number"]
        assert g["unit"] == "squad1" and g["outcome_721"] == "service"
    with at(D(2025, 6, 13)):
        r = api("officer2").post(
            f"guidance/records/{g['id']}/follow-up",
            {"visited_on": "2025-06-13", "corrected": True, "note": "已清洗"},
        )
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "corrected" and r.json()["follow_ups"][0]["corrected"]
        before = snapshot()
        r = api("officer1").post(
            f"guidance/records/{g['id']}/follow-up", {"visited_on": "2025-06-13", "corrected": True}
        )
        assert r.status_code == 409 and error_code(r) == "state" and snapshot() == before
        r = api("officer1").post(f"guidance/records/{g['id']}/escalate", {"to": "inspection"})
        assert r.status_code == 409 and error_code(r) == "state" and snapshot() == before


def test_not_corrected_escalates_to_an_inspection(api: Any, demo: Any) -> None:
    with at(T0):
        g = issue(api, kind="warning")
        before = snapshot()
        # Not yet followed up: nothing to escalate.
        r = api("officer1").post(f"guidance/records/{g['id']}/escalate", {"to": "inspection"})
        assert r.status_code == 409 and error_code(r) == "state" and snapshot() == before
    with at(D(2025, 6, 16)):
        r = api("officer1").post(
            f"guidance/records/{g['id']}/follow-up",
            {"visited_on": "2025-06-16", "corrected": False, "note": "仍未清洗"},
        )
        assert r.json()["status"] == "not_corrected"
        before = snapshot()
        r = api("officer1").post(f"guidance/records/{g['id']}/escalate", {"to": "nowhere"})
        assert r.status_code == 400 and snapshot() == before
        r = api("officer1").post(
            f"guidance/records/{g['id']}/escalate",
            {"to": "inspection", "item": "JCSX-002", "officers": ["officer1", "officer2"]},
        )
        assert r.status_code == 200, r.content
        esc = r.json()["escalated"]
        assert r.json()["status"] == "escalated" and esc["to"] == "inspection"
        i = Inspection.objects.get(pk=esc["id"])
        assert i.reason == "risk" and i.code == esc["number"] and i.bureau_id == demo.bureau.pk


def test_escalation_refused_by_the_inspections_rules_changes_nothing(api: Any, demo: Any) -> None:
    with at(T0):
        g = issue(api, to_credit_code="")
        api("officer1").post(
            f"guidance/records/{g['id']}/follow-up",
            {"visited_on": "2025-06-03", "corrected": False},
        )
        before = snapshot()
        # No credit code: the party is not found in the 名录库.
        r = api("officer1").post(
            f"guidance/records/{g['id']}/escalate",
            {"to": "inspection", "item": "JCSX-002", "officers": ["officer1", "officer2"]},
        )
        assert r.status_code == 400 and "to_credit_code" in r.json()["error"]["details"]
        # A city case needs a place, and the city case's own permission (officers do not report).
        r = api("officer1").post(
            f"guidance/records/{g['id']}/escalate", {"to": "city_case", "category": "E0501"}
        )
        assert r.status_code == 400 and "lon" in r.json()["error"]["details"]
        assert snapshot() == before


def test_a_city_case_escalation_keeps_the_city_cases_permission(api: Any, demo: Any) -> None:
    with at(T0):
        p = add_point(api)
        g = issue(api, point=p["id"])
        api("officer1").post(
            f"guidance/records/{g['id']}/follow-up",
            {"visited_on": "2025-06-03", "corrected": False},
        )
        before, cases = snapshot(), CityCase.objects.count()
        url = f"guidance/records/{g['id']}/escalate"
        # The city case's own rule: an officer may not report one (the point gives the place).
        r = api("officer1").post(url, {"to": "city_case", "category": "E0501"})
        assert r.status_code == 403 and r.json()["error"]["details"]["permission"] == (
            "citycases.report"
        )
        # The centre may report city cases but has no guidance role: refused by ours.
        r = api("center").post(url, {"to": "city_case", "category": "E0501"})
        assert r.status_code == 403
        assert snapshot() == before and CityCase.objects.count() == cases


def test_bad_input_is_400_naming_the_field(api: Any, demo: Any) -> None:
    with at(T0):
        before = snapshot()
        for body, field in (
            (record_body(kind="letter"), "kind"),
            (record_body(to_name=""), "to_name"),
            (record_body(to_credit_code="123"), "to_credit_code"),
            (record_body(basis=""), "basis"),
            (record_body(content=""), "content"),
            (record_body(issued_on=None), "issued_on"),
            (record_body(issued_on="2025-07-01"), "issued_on"),
            (record_body(correct_by=None), "correct_by"),
            (record_body(correct_by="2025-06-01"), "correct_by"),
        ):
            r = api("officer1").post("guidance/records", body)
            assert r.status_code == 400, (field, r.content)
            assert field in r.json()["error"]["details"], (field, r.json())
        r = api("officer1").post("guidance/records", record_body(power_item="NOPE"))
        assert r.status_code == 400 and "power_item" in r.json()["error"]["details"]
        assert snapshot() == before
        g = issue(api, kind="advice", correct_by=None)
        before = snapshot()
        url = f"guidance/records/{g['id']}/follow-up"
        r = api("officer1").post(url, {"visited_on": "2025-06-03"})
        assert r.status_code == 400 and "corrected" in r.json()["error"]["details"]
        r = api("officer1").post(url, {"visited_on": "2025-06-02", "corrected": True})
        assert r.status_code == 400 and "visited_on" in r.json()["error"]["details"]
        assert snapshot() == before


def test_outsider_wrong_role_and_wrong_unit_are_refused(api: Any, demo: Any) -> None:
    with at(T0):
        g = issue(api)
        before = snapshot()
        url = f"guidance/records/{g['id']}"
        follow = {"visited_on": "2025-06-03", "corrected": True}
        assert api("outsider").get(url).status_code in (403, 404)
        assert api("outsider").post(f"{url}/follow-up", follow).status_code in (403, 404)
        assert api("center").get("guidance/records").status_code == 403
        assert api("center").post("guidance/records", record_body()).status_code == 403
        assert api("reviewer").post("guidance/records", record_body()).status_code == 403
        assert api("reviewer").post(f"{url}/follow-up", follow).status_code == 403
        assert api("town_officer1").get(url).status_code == 404
        assert api("town_officer1").post(f"{url}/follow-up", follow).status_code == 404
        assert snapshot() == before


@settings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=st.lists(st.sampled_from(["yes", "no", "escalate"]), max_size=4))
def test_any_history_of_follow_ups_keeps_the_states_and_the_ledger(
    api: Any, demo: Any, history: list[str]
) -> None:
    with at(T0):
        g = issue(api, kind="advice", correct_by=None)
        url = f"guidance/records/{g['id']}"
        status = "open"
        for step in history:
            before = snapshot()
            if step == "escalate":
                r = api("officer1").post(f"{url}/escalate", {"to": "nowhere"})
                assert r.status_code == 400 and snapshot() == before
                continue
            r = api("officer1").post(
                f"{url}/follow-up", {"visited_on": "2025-06-03", "corrected": step == "yes"}
            )
            if status in ("open", "not_corrected"):
                assert r.status_code == 200, r.content
                status = "corrected" if step == "yes" else "not_corrected"
                assert snapshot()[-1] == before[-1] + 1
            else:
                assert r.status_code == 409 and snapshot() == before
        assert api("officer1").get(url).json()["status"] == status
