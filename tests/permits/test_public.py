"""XK-40: granted permits are public (双公示) with the applicant masked as penalties are, and the
command lists those not public within 7 working days."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chengguan.core.errors import StateError
from chengguan.permits import actions
from tests.permits.helpers import COMPANY, PERSON, T0, D, apply, at, snapshot


def _granted(demo, conditions=None, **kw):
    app = apply(demo, **kw)
    actions.accept(app.pk, actor=demo.users["reviewer"])
    return actions.grant_permit(
        app.pk,
        actor=demo.users["head"],
        valid_from=D(2025, 6, 10),
        valid_to=D(2026, 6, 9),
        conditions=conditions,
    )


def test_the_public_list_masks_a_person_and_shows_only_published_grants_xk40(api, demo):
    with at(T0):
        person = _granted(demo, conditions="由李四负责维护，联系电话13800138000")
        company = _granted(demo, applicant=COMPANY)
        unpublished = _granted(demo)
        refused = apply(demo)
        actions.accept(refused.pk, actor=demo.users["reviewer"])
        actions.refuse(refused.pk, actor=demo.users["head"], reasons="不符合户外广告设置规划")
        actions.publish(person.pk, actor=demo.users["reviewer"])
        actions.publish(company.pk, actor=demo.users["reviewer"])
        with pytest.raises(StateError):
            actions.publish(refused.pk, actor=demo.users["reviewer"])
    anonymous = api("reviewer").client  # the public list needs no token
    r = anonymous.get("/api/v1/permits/public", {"bureau": "demo"})
    assert r.status_code == 200
    rows = {row["number"]: row for row in r.json()["items"]}
    assert set(rows) == {person.number, company.number}
    assert unpublished.number not in rows and refused.number not in rows
    p = rows[person.number]
    assert p["applicant"] == "李*"
    assert p["conditions"] == "由李*负责维护，联系电话138****8000"
    assert p["id_number"].startswith("411323") and "19900307" not in p["id_number"]
    assert "phone" not in p and "13800138000" not in r.content.decode()
    assert rows[company.number]["applicant"] == COMPANY["name"]
    assert rows[company.number]["id_number"] == COMPANY["credit_code"]
    assert PERSON["id_number"] not in r.content.decode()


def test_overdue_publications_lists_grants_not_public_within_seven_working_days(demo):
    with at(T0):
        late = _granted(demo)
        on_time = _granted(demo)
        actions.publish(on_time.pk, actor=demo.users["reviewer"])
    assert late.publish_by == D(2025, 6, 12)
    out = io.StringIO()
    with at(D(2025, 6, 12)):
        call_command("permits", "overdue-publications", stdout=out)
    assert late.number not in out.getvalue()
    out = io.StringIO()
    with at(D(2025, 6, 13)):
        call_command("permits", "overdue-publications", "--bureau", "demo", stdout=out)
    assert late.number in out.getvalue() and on_time.number not in out.getvalue()
    assert "逾期未公示 1 件" in out.getvalue()
    with pytest.raises(CommandError, match="未找到机关"):
        call_command("permits", "overdue-publications", "--bureau", "nope", stdout=out)


def test_publish_is_refused_to_the_wrong_role_department_and_bureau(api, demo):
    with at(T0):
        app = _granted(demo)
        before = snapshot()
        for who, code in (("handler_sanitation", 403), ("officer1", 404), ("outsider", 404)):
            assert api(who).post(f"permits/{app.pk}/publish").status_code == code
        assert snapshot() == before
        r = api("reviewer").post(f"permits/{app.pk}/publish")
        assert r.status_code == 200 and r.json()["published_on"] == T0.isoformat()
