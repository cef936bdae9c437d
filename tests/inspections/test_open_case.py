"""open_case: findings followed up by a penalty case (source ``inspection``) opened through the
penalties actions, in the same transaction; the inspection keeps the case number and JC-6 then
allows ``close`` without a correction order. Nothing found: 409 JC-6, nothing written."""

from __future__ import annotations

import datetime as dt
from typing import Any

from chengguan.inspections.models import Inspection
from chengguan.penalties.models import PenaltyCase
from tests.conftest import error_code
from tests.inspections.helpers import T0, at, entity, items, snapshot
from tests.inspections.test_recheck import DEADLINE, flow_to_order


def _all() -> tuple[Any, ...]:
    return (snapshot(), PenaltyCase.objects.count())


def _open(api: Any, who: str, iid: int, **body: Any) -> Any:
    return api(who).post(f"inspections/{iid}/open_case", body)


def test_findings_open_a_penalty_case_and_then_close(api, demo):
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        iid = flow_to_order(api, e.pk, order=False)
        # JC-6: findings without a follow-up do not close.
        before = _all()
        r = api("officer1").post(f"inspections/{iid}/close", {})
        assert r.status_code == 409 and error_code(r) == "JC-6"
        assert _all() == before
        r = _open(api, "officer1", iid)
        assert r.status_code == 200, r.content
        number = r.json()["case"]["number"]
        case = PenaltyCase.objects.get(pk=r.json()["case"]["id"])
        assert case.number == number and case.source == "inspection"
        assert case.party.name == e.name and case.party.credit_code == e.credit_code
        assert case.power_item.code == "SR001" and case.facts == "油烟净化设施未正常使用"
        assert Inspection.objects.get(pk=iid).case_number == number
        # Once only.
        before = _all()
        r = _open(api, "officer1", iid)
        assert r.status_code == 409 and error_code(r) == "state"
        assert _all() == before
        r = api("officer1").post(f"inspections/{iid}/close", {})
        assert r.status_code == 200 and r.json()["status"] == "closed"
        history = api("reviewer").get(f"inspections/entities/{e.pk}").json()["history"]
        assert history[0]["case"] == number


def test_an_unmet_order_opens_a_case_after_the_close(api, demo):
    with at(T0):
        items(demo)
        iid = flow_to_order(api, entity(demo, 1).pk)
        assert api("officer1").post(f"inspections/{iid}/close", {}).status_code == 200
    with at(DEADLINE + dt.timedelta(days=1)):
        r = api("officer1").post(
            f"inspections/{iid}/recheck", {"result": "unmet", "record": "逾期仍未整改"}
        )
        assert r.status_code == 200
        r = _open(api, "officer1", iid, facts="责令改正逾期未改正")
        assert r.status_code == 200, r.content
        assert PenaltyCase.objects.get(pk=r.json()["case"]["id"]).facts == "责令改正逾期未改正"


def test_jc6_nothing_found_opens_no_case(api, demo):
    with at(T0):
        items(demo)
        clean = flow_to_order(api, entity(demo, 1).pk, ok=True)
        before = _all()
        r = _open(api, "officer1", clean)
        assert r.status_code == 409 and error_code(r) == "JC-6"
        assert r.json()["error"]["article"]
        assert _all() == before


def test_open_case_bad_input_and_state(api, demo):
    with at(T0):
        items(demo)
        site = entity(demo, 2, kind="site")
        iid = flow_to_order(api, site.pk, order=False)
        before = _all()
        # A site is no party: the party is required.
        r = _open(api, "officer1", iid)
        assert r.status_code == 400 and "party" in r.json()["error"]["details"]
        r = _open(api, "officer1", iid, party={"kind": "nobody", "name": ""})
        assert r.status_code == 400
        assert {"party.kind", "party.name"} <= set(r.json()["error"]["details"])
        r = _open(api, "officer1", iid, act_date=(T0 + dt.timedelta(days=3)).isoformat())
        assert r.status_code == 400 and "act_date" in r.json()["error"]["details"]
        assert _all() == before
        r = _open(
            api,
            "officer1",
            iid,
            party={"kind": "organisation", "name": "示范县某建筑公司", "address": "人民路"},
        )
        assert r.status_code == 200, r.content
        # Before the record there are no findings to follow up.
        r = api("officer1").post(
            "inspections",
            {
                "item": "JC-R1",
                "entity": entity(demo, 3).pk,
                "officers": ["officer1", "officer2"],
                "reason": "complaint",
                "planned_on": T0.isoformat(),
            },
        )
        fresh = r.json()["id"]
        before = _all()
        r = _open(api, "officer1", fresh)
        assert r.status_code == 409 and error_code(r) == "state"
        assert _all() == before


def test_open_case_refuses_wrong_role_team_and_bureau(api, demo):
    with at(T0):
        items(demo)
        iid = flow_to_order(api, entity(demo, 1).pk, order=False)
        before = _all()
        for who, status in (
            ("head", 403),
            ("reviewer", 403),
            ("handler_sanitation", 403),
            ("officer_nocert", 403),  # an officer, but not of this inspection
            ("town_officer1", 404),  # another unit's inspection (ORG-5)
            ("outsider", 404),  # another bureau
        ):
            assert _open(api, who, iid).status_code == status, who
        assert _all() == before
