"""PI-1: the requester's clear name and phone, for a stated need, each access in the ledger."""

from __future__ import annotations

from chengguan.ledger.models import Entry
from tests.citycases.conftest import report_body
from tests.conftest import error_code

REQUESTER = {"name": "王小明", "phone": "13812345678"}


def _hotline_case(api) -> int:
    r = api("hotline").post("city-cases", report_body(source="hotline", requester=REQUESTER))
    assert r.status_code == 201, r.content
    return int(r.json()["id"])


def _reveals(case_id: int) -> list[Entry]:
    return list(
        Entry.objects.filter(
            subject_type="citycases.citycase",
            subject_id=str(case_id),
            action="citycase.requester_revealed",
        ).order_by("seq")
    )


def test_the_hotline_sees_the_clear_requester_with_a_reason_and_the_ledger_keeps_who_and_why(
    api, demo
):
    case_id = _hotline_case(api)
    r = api("hotline").post(f"city-cases/{case_id}/requester/reveal", {"reason": "回访诉求人"})
    assert r.status_code == 200, r.content
    assert r.json()["requester"] == REQUESTER
    assert r["Cache-Control"] == "no-store"
    (entry,) = _reveals(case_id)
    assert entry.actor_id == demo.user("hotline").pk
    assert "回访诉求人" in entry.payload
    # the ledger records the access, never the clear value
    assert "13812345678" not in entry.payload and "王小明" not in entry.payload
    # the case page still shows it masked
    assert api("center").get(f"city-cases/{case_id}").json()["requester"]["phone"] == "138****5678"


def test_without_a_reason_the_clear_value_is_refused_pi1_and_nothing_is_recorded(api):
    case_id = _hotline_case(api)
    for body in ({}, {"reason": "   "}):
        r = api("center").post(f"city-cases/{case_id}/requester/reveal", body)
        assert r.status_code == 409 and error_code(r) == "PI-1", r.content
        assert r.json()["error"]["article"]
        assert "13812345678" not in r.content.decode()
    assert _reveals(case_id) == []


def test_roles_without_need_are_refused(api):
    case_id = _hotline_case(api)
    r = api("inspector").post(f"city-cases/{case_id}/requester/reveal", {"reason": "好奇"})
    assert r.status_code == 403
    assert "13812345678" not in r.content.decode()
    assert _reveals(case_id) == []


def test_another_bureau_and_a_department_the_case_is_not_dispatched_to_get_404(api, make_case):
    case = make_case("dispatched", source="hotline", unit="sanitation")
    for who in ("outsider", "handler_greening"):
        r = api(who).post(f"city-cases/{case.pk}/requester/reveal", {"reason": "联系诉求人"})
        assert r.status_code == 404, (who, r.content)
    assert _reveals(case.pk) == []
    # the department handling it may contact the requester
    r = api("handler_sanitation").post(
        f"city-cases/{case.pk}/requester/reveal", {"reason": "联系诉求人核实位置"}
    )
    assert r.status_code == 200 and r.json()["requester"]["phone"] == "13812345678"


def test_a_case_without_a_requester_says_so(api, make_case):
    case = make_case("reported")
    r = api("center").post(f"city-cases/{case.pk}/requester/reveal", {"reason": "核实"})
    assert r.status_code == 400 and "requester" in r.json()["error"]["details"]
    assert _reveals(case.pk) == []
