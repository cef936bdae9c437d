"""SC-6 extensions and suspension, RX-2 replies, PI-1 requester data, duplicates and merging."""

from __future__ import annotations

import datetime as dt

from django.db import connection

from chengguan.citycases import actions
from chengguan.citycases.models import CityCase
from chengguan.core.clock import SHANGHAI, frozen_at
from chengguan.ledger.models import Entry
from tests.citycases.conftest import CITY, report_body
from tests.conftest import error_code


def test_extensions_are_approved_by_the_centre_and_limited_to_two_sc6(api, make_case, settings):
    assert settings.LOCAL_RULES["max_extensions"] == 2
    case = make_case("dispatched")
    handler, center = api("handler_sanitation"), api("center")
    due = dt.datetime.fromisoformat(center.get(f"city-cases/{case.pk}").json()["due"]["handle"])
    for n in (1, 2):
        r = handler.post(f"city-cases/{case.pk}/extend", {"hours": 1, "reason": "等待配件"})
        assert r.status_code == 200, r.content
        assert r.json()["extensions"][-1]["decision"] == "pending"
        r = center.post(f"city-cases/{case.pk}/decide_extension", {"approved": True})
        assert r.status_code == 200
        assert r.json()["extension_count"] == n
        new_due = dt.datetime.fromisoformat(r.json()["due"]["handle"])
        assert new_due > due
        due = new_due
    r = handler.post(f"city-cases/{case.pk}/extend", {"hours": 1, "reason": "还需时间"})
    assert r.status_code == 409 and error_code(r) == "SC-6"
    case.refresh_from_db()
    assert case.extension_count == 2 and case.extensions.count() == 2


def test_a_refused_extension_leaves_the_due_time(api, make_case):
    case = make_case("dispatched")
    before = api("center").get(f"city-cases/{case.pk}").json()["due"]["handle"]
    api("handler_sanitation").post(f"city-cases/{case.pk}/extend", {"hours": 2, "reason": "x"})
    r = api("center").post(
        f"city-cases/{case.pk}/decide_extension", {"approved": False, "note": "可当日完成"}
    )
    assert r.json()["due"]["handle"] == before and r.json()["extension_count"] == 0
    r = api("center").post(f"city-cases/{case.pk}/decide_extension", {"approved": True})
    assert r.status_code == 409 and error_code(r) == "state"


def test_extension_needs_a_reason_and_a_sane_length(api, make_case):
    case = make_case("dispatched")
    h = api("handler_sanitation")
    assert h.post(f"city-cases/{case.pk}/extend", {"hours": 2}).status_code == 400
    assert h.post(f"city-cases/{case.pk}/extend", {"hours": 9999, "reason": "x"}).status_code == 400


def test_suspension_stops_the_clock_and_resuming_restores_the_hours_left(demo):
    center = demo.user("center")
    with frozen_at(dt.datetime(2024, 5, 6, 9, 0, tzinfo=SHANGHAI)):  # Monday
        case = actions.report(
            actor=demo.user("inspector"),
            source="inspection",
            category="E0101",
            description="垃圾",
            **CITY,
        )
        actions.file(actor=center, case_id=case.pk)
        actions.dispatch(actor=center, case_id=case.pk, unit="sanitation")
    case.refresh_from_db()
    assert case.handle_due == dt.datetime(2024, 5, 6, 11, 0, tzinfo=SHANGHAI)
    with frozen_at(dt.datetime(2024, 5, 6, 10, 0, tzinfo=SHANGHAI)):
        actions.suspend(actor=center, case_id=case.pk, reason="涉及产权纠纷")
    case.refresh_from_db()
    assert case.suspended and case.current_due is None
    with frozen_at(dt.datetime(2024, 5, 8, 15, 0, tzinfo=SHANGHAI)):
        actions.resume(actor=center, case_id=case.pk)
    case.refresh_from_db()
    # one working hour was left at suspension
    assert case.handle_due == dt.datetime(2024, 5, 8, 16, 0, tzinfo=SHANGHAI)
    assert case.current_due == case.handle_due and not case.suspended


def test_a_suspended_case_cannot_be_handled(api, make_case):
    case = make_case("dispatched")
    api("center").post(f"city-cases/{case.pk}/suspend", {"reason": "待协调"})
    r = api("handler_sanitation").post(f"city-cases/{case.pk}/handle", {"result": "x"})
    assert r.status_code == 409 and error_code(r) == "state"
    assert api("center").post(f"city-cases/{case.pk}/suspend", {"reason": "x"}).status_code == 409
    assert api("center").post(f"city-cases/{case.pk}/resume", {}).status_code == 200
    assert api("center").post(f"city-cases/{case.pk}/resume", {}).status_code == 409


def test_a_hotline_order_is_not_closed_without_a_reply_rx2(api, make_case):
    case = make_case("verified", source="hotline")
    ledger = Entry.objects.count()
    r = api("hotline").post(f"city-cases/{case.pk}/close", {})
    assert r.status_code == 409 and error_code(r) == "RX-2"
    case.refresh_from_db()
    assert case.status == "verified" and Entry.objects.count() == ledger
    r = api("hotline").post(f"city-cases/{case.pk}/close", {"reply": "已电话答复诉求人"})
    assert r.status_code == 200 and r.json()["status"] == "closed"
    assert r.json()["reply"] == "已电话答复诉求人" and r.json()["replied_at"]


def test_every_hotline_source_needs_a_reply(api, make_case):
    for source in ("petition", "letter_visit", "efficiency_complaint"):
        case = make_case("verified", source=source)
        r = api("center").post(f"city-cases/{case.pk}/close", {})
        assert r.status_code == 409 and error_code(r) == "RX-2", source


def test_requester_is_encrypted_at_rest_masked_in_the_api_and_absent_from_the_ledger(api, demo):
    body = report_body(source="hotline", requester={"name": "王小明", "phone": "13812345678"})
    r = api("hotline").post("city-cases", body)
    assert r.status_code == 201
    assert r.json()["requester"] == {"name": "王**", "phone": "138****5678"}
    case_id = r.json()["id"]
    text = api("center").get(f"city-cases/{case_id}").content.decode()
    assert "13812345678" not in text and "王小明" not in text
    with connection.cursor() as cur:
        cur.execute(
            "SELECT requester_name, requester_phone FROM citycases_citycase WHERE id=%s", [case_id]
        )
        raw_name, raw_phone = cur.fetchone()
    assert "王小明" not in raw_name and "13812345678" not in raw_phone
    assert CityCase.objects.get(pk=case_id).requester_phone == "13812345678"
    payloads = " ".join(
        Entry.objects.filter(
            subject_id=str(case_id), subject_type="citycases.citycase"
        ).values_list("payload", flat=True)
    )
    assert "13812345678" not in payloads and "王小明" not in payloads


def test_a_nearby_report_of_the_same_category_is_suggested_as_duplicate(api, demo):
    first = api("inspector").post("city-cases", report_body()).json()
    near = {"lon": CITY["lon"] + 0.0002, "lat": CITY["lat"]}  # ~19 m east
    far = {"lon": CITY["lon"] + 0.002, "lat": CITY["lat"]}  # ~190 m east
    second = api("hotline").post("city-cases", report_body(where=near, source="hotline")).json()
    assert second["duplicates"] == [first["id"]]
    other_kind = (
        api("inspector").post("city-cases", report_body(category="E0103", where=near)).json()
    )
    assert other_kind["duplicates"] == []
    assert api("inspector").post("city-cases", report_body(where=far)).json()["duplicates"] == []
    r = api("hotline").post(
        f"city-cases/{second['id']}/merge", {"into": first["id"], "reason": "同一处暴露垃圾"}
    )
    assert r.status_code == 200 and r.json()["status"] == "merged"


def test_an_old_report_is_not_a_duplicate(demo, settings):
    with frozen_at(dt.datetime(2024, 5, 6, 9, 0, tzinfo=SHANGHAI)):
        old = actions.report(
            actor=demo.user("inspector"),
            source="inspection",
            category="E0101",
            description="垃圾",
            **CITY,
        )
    hours = settings.LOCAL_RULES["duplicate_window_hours"]
    with frozen_at(dt.datetime(2024, 5, 6, 9, 0, tzinfo=SHANGHAI) + dt.timedelta(hours=hours + 1)):
        new = actions.report(
            actor=demo.user("inspector"),
            source="inspection",
            category="E0101",
            description="垃圾",
            **CITY,
        )
    assert old.pk not in new.duplicate_candidates
