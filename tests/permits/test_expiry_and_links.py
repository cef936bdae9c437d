"""Issue #14 items 1 and 3 (helper:permits2): permits near expiry are listed and their handling
unit told once (the permit-expiry job); city and penalty cases name the permit their matter
breaks, or 无证; the conditions a later inspection checks; street trading inside an open stall
point is proposed to the point's managing unit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from chengguan.citycases.models import CityCase
from chengguan.inbox.models import Notification
from chengguan.jobs import reminders
from chengguan.ledger.models import Entry
from chengguan.penalties.models import PenaltyCase
from chengguan.permits import actions, queries
from chengguan.permits.models import PermitApplication, PermitLink
from tests.conftest import error_code
from tests.permits.helpers import AD, COMPANY, T0, apply, at
from tests.permits.test_stalls import point_body

INSIDE = {"lon": 111.462, "lat": 33.272}
OUTSIDE = {"lon": 111.47, "lat": 33.28}


def granted(demo: Any, valid_to: dt.date, **kw: Any) -> PermitApplication:
    app = apply(demo, **kw)
    actions.accept(app.pk, actor=demo.users["reviewer"])
    return actions.grant_permit(app.pk, actor=demo.users["head"], valid_from=T0, valid_to=valid_to)


# 1. Expiry ------------------------------------------------------------------------------------


def test_expiry_job_tells_the_handling_unit_once_and_lists_only_near_expiry(demo):
    with at(T0):
        near = granted(demo, T0 + dt.timedelta(days=20))
        far = granted(demo, T0 + dt.timedelta(days=200))
    later = T0 + dt.timedelta(days=1)
    with at(later):
        rows = list(queries.expiring_for(demo.users["reviewer"], later))
        assert near in rows and far not in rows
        first = reminders.permit_expiry(later)
        again = reminders.permit_expiry(later)
    assert first >= 1 and again == 0
    told = Notification.objects.filter(link=f"/permits/{near.pk}/")
    # The demo's advertising kind is handled by the legal office: its reviewers are told.
    assert {n.recipient.username for n in told} == {"reviewer"}
    assert near.number in told.get().title and told.get().kind == "due_soon"
    assert not Notification.objects.filter(link=f"/permits/{far.pk}/").exists()
    # Past its end a permit is expired, no longer "near expiry".
    after = T0 + dt.timedelta(days=21)
    assert near not in list(queries.expiring(after, 30))


def test_expiring_list_is_scoped_to_the_bureau(demo):
    with at(T0):
        near = granted(demo, T0 + dt.timedelta(days=5))
        assert near not in list(queries.expiring(T0, 30, demo.other_bureau.pk))


def test_the_conditions_a_later_inspection_checks(demo):
    with at(T0):
        app = granted(demo, T0 + dt.timedelta(days=300), applicant=COMPANY)
        found = queries.permit_conditions(demo.bureau.pk, COMPANY["credit_code"].lower())
        assert [f["number"] for f in found] == [app.number]
        assert found[0]["conditions"] == app.conditions and found[0]["kind_code"] == AD
        assert queries.permit_conditions(demo.other_bureau.pk, COMPANY["credit_code"]) == []
        assert queries.permit_conditions(demo.bureau.pk, "") == []


# 2. Cases name the permit ---------------------------------------------------------------------


def _city_case(api: Any, where: dict[str, float] = OUTSIDE, category: str = "E0501") -> int:
    r = api("inspector").post(
        "city-cases",
        {
            "source": "inspection",
            "category": category,
            "description": "擅自设置户外广告牌",
            "location": where,
            "address": "人民路",
        },
    )
    assert r.status_code == 201, r.content
    return int(r.json()["id"])


def _rows(case_id: int) -> tuple[Any, ...]:
    return (
        CityCase.objects.filter(pk=case_id).values("permit_link_id").get(),
        PermitLink.objects.count(),
        Entry.objects.count(),
    )


def test_a_city_case_names_the_permit_it_breaks_then_unlicensed(api, demo):
    for name in ("inspector", "center", "hotline", "outsider", "handler_greening"):
        api(name)
    with at(T0):
        permit = granted(demo, T0 + dt.timedelta(days=300))
        case_id = _city_case(api)
        r = api("inspector").post(
            f"city-cases/{case_id}/permit-link", {"permit": permit.number, "note": "超出许可面积"}
        )
        assert r.status_code == 200, r.content
        link = r.json()["permit_link"]
        assert link["permit"] == permit.number and link["unlicensed"] is False
        assert Entry.objects.order_by("-id").first().action == "citycase.permit_link"
        r = api("center").post(f"city-cases/{case_id}/permit-link", {"unlicensed_kind": AD})
        assert r.status_code == 200, r.content
        assert r.json()["permit_link"]["unlicensed"] is True
        assert r.json()["permit_link"]["kind"] == AD
        shown = api("center").get(f"city-cases/{case_id}").json()
        assert shown["permit_link"]["unlicensed"] is True
    # The permit keeps the cases that named it (the older statement stays in the history).
    assert list(CityCase.objects.filter(permit_link__permit=permit)) == []
    assert PermitLink.objects.filter(permit=permit, city_cases__isnull=True).count() == 1


def test_city_case_link_refusals_change_nothing(api, demo):
    for name in ("inspector", "center", "hotline", "outsider", "handler_greening"):
        api(name)
    with at(T0):
        permit = granted(demo, T0 + dt.timedelta(days=300))
        refused = apply(demo)  # not granted
        case_id = _city_case(api)
        before = _rows(case_id)
        cases = [
            ("hotline", {"permit": permit.number}, 403),  # wrong role
            ("outsider", {"permit": permit.number}, 404),  # another bureau
            ("inspector", {}, 400),  # neither
            ("inspector", {"permit": permit.number, "unlicensed_kind": AD}, 400),  # both
            ("inspector", {"permit": "XK-NOPE"}, 400),
            ("inspector", {"permit": refused.number}, 400),  # not a granted permit
            ("inspector", {"unlicensed_kind": "NOPE"}, 400),
        ]
        for who, body, status in cases:
            r = api(who).post(f"city-cases/{case_id}/permit-link", body)
            assert r.status_code == status, (who, body, r.content)
            assert _rows(case_id) == before
        # Wrong department: a unit the case is not dispatched to.
        api("center").post(f"city-cases/{case_id}/file", {})
        api("center").post(f"city-cases/{case_id}/dispatch", {"unit": "sanitation"})
        before = _rows(case_id)
        r = api("handler_greening").post(
            f"city-cases/{case_id}/permit-link", {"permit": permit.number}
        )
        assert r.status_code in (404, 409), r.content
        assert _rows(case_id) == before


def test_a_penalty_case_names_the_permit_or_unlicensed(api, demo):
    from tests.penalties.helpers import open_general

    with at(T0):
        permit = granted(demo, T0 + dt.timedelta(days=300))
        case = open_general(demo)
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/permit-link", {"unlicensed_kind": AD, "note": "无证设置"}
        )
        assert r.status_code == 200, r.content
        assert r.json()["permit_link"]["unlicensed"] is True
        assert Entry.objects.order_by("-id").first().action == "penalty.permit_link"
        before = (
            PenaltyCase.objects.filter(pk=case.pk).values("permit_link_id").get(),
            PermitLink.objects.count(),
            Entry.objects.count(),
        )
        for who, status in (("reviewer", 403), ("outsider", 404), ("town_officer1", 404)):
            r = api(who).post(f"penalty-cases/{case.pk}/permit-link", {"permit": permit.number})
            assert r.status_code == status, (who, r.content)
        r = api("officer1").post(f"penalty-cases/{case.pk}/permit-link", {})
        assert r.status_code == 400
        after = (
            PenaltyCase.objects.filter(pk=case.pk).values("permit_link_id").get(),
            PermitLink.objects.count(),
            Entry.objects.count(),
        )
        assert after == before
        r = api("officer1").post(f"penalty-cases/{case.pk}/permit-link", {"permit": permit.number})
        assert r.status_code == 200 and r.json()["permit_link"]["permit"] == permit.number
    assert list(PenaltyCase.objects.filter(permit_link__permit=permit)) == [case]


# 3. Street trading inside an open stall point --------------------------------------------------


def test_street_trading_inside_an_open_point_goes_to_its_managing_unit(api, demo):
    for name in ("inspector", "center"):
        api(name)
    with at(T0):
        r = api("reviewer").post("permits/stall-points", point_body(unit="street1"))
        assert r.status_code == 201, r.content
        assert r.json()["unit"] == "street1"
    with at(T0, 10):
        inside = _city_case(api, INSIDE)
        outside = _city_case(api, OUTSIDE)
        other = _city_case(api, INSIDE, category="E0101")
        for pk in (inside, outside, other):
            assert api("center").post(f"city-cases/{pk}/file", {}).status_code == 200
    got = {pk: CityCase.objects.get(pk=pk) for pk in (inside, outside, other)}
    assert got[inside].proposed_unit.code == "street1"
    assert got[outside].proposed_unit is None or got[outside].proposed_unit.code != "street1"
    assert got[other].proposed_unit is None or got[other].proposed_unit.code != "street1"
    with at(T0, 11):
        r = api("center").post(f"city-cases/{inside}/dispatch", {})
        assert r.status_code == 200, r.content
        assert r.json()["unit"] == "street1" and r.json()["inside_stall_point"] is True


def test_after_hours_the_routing_table_decides(api, demo):
    for name in ("inspector", "center"):
        api(name)
    with at(T0):
        assert (
            api("reviewer").post("permits/stall-points", point_body(unit="street1")).status_code
            == 201
        )
    with at(T0, 22):
        pk = _city_case(api, INSIDE)
        assert api("center").post(f"city-cases/{pk}/file", {}).status_code == 200
    case = CityCase.objects.get(pk=pk)
    assert case.proposed_unit is None or case.proposed_unit.code != "street1"


def test_a_point_with_an_unknown_unit_is_400(api, demo):
    with at(T0):
        r = api("reviewer").post("permits/stall-points", point_body(unit="nope"))
    assert r.status_code == 400 and error_code(r) and "unit" in str(r.json())
