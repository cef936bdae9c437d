from __future__ import annotations

import datetime as dt

import pytest

from chengguan.core.errors import Forbidden, Invalid, NotFound, StateError
from chengguan.ledger.models import Entry
from chengguan.oversight import actions, checks
from chengguan.oversight.models import Complaint, Finding
from tests.conftest import error_code
from tests.disclosure.cases import at, person_id, simple_decision

D = dt.date


def _inspection(demo):
    return actions.open_inspection(
        actor=demo.user("supervisor"),
        kind="special_check",
        organiser="self",
        title="占道经营执法专项检查",
        started_on=D(2024, 5, 6),
    )


def test_finding_is_rectified_only_when_its_last_task_closes(demo):
    sup = demo.user("supervisor")
    insp = _inspection(demo)
    finding = actions.record_finding(
        actor=sup,
        inspection_id=insp.pk,
        rule="XF-61",
        description="3份决定书超期送达",
        found_on=D(2024, 5, 8),
    )
    t1 = actions.assign_rectification(
        actor=sup,
        finding_id=finding.pk,
        unit=demo.unit("squad1"),
        measure="建立送达台账",
        due_on=D(2024, 5, 31),
    )
    t2 = actions.assign_rectification(
        actor=sup,
        finding_id=finding.pk,
        unit=demo.unit("squad2"),
        measure="组织送达程序培训",
        due_on=D(2024, 5, 20),
    )
    actions.close_rectification(
        actor=sup, task_id=t1.pk, closed_on=D(2024, 5, 30), note="已建立台账"
    )
    finding.refresh_from_db()
    assert finding.status == Finding.Status.RECTIFYING
    t2 = actions.close_rectification(
        actor=sup, task_id=t2.pk, closed_on=D(2024, 5, 25), note="已培训"
    )
    assert t2.closed_on_time is False
    finding.refresh_from_db()
    assert finding.status == Finding.Status.RECTIFIED
    assert finding.rectified_on == D(2024, 5, 30)
    with pytest.raises(StateError):
        actions.close_rectification(actor=sup, task_id=t2.pk, closed_on=D(2024, 5, 26), note="x")
    assert Entry.objects.filter(action="oversight.rectification.close").count() >= 2


def test_unknown_rule_and_missing_text_are_refused_and_write_nothing(demo):
    insp = _inspection(demo)
    before = Finding.objects.count()
    with pytest.raises(Invalid):
        actions.record_finding(
            actor=demo.user("supervisor"),
            inspection_id=insp.pk,
            rule="XF-999",
            description="x",
            found_on=D(2024, 5, 8),
        )
    with pytest.raises(Invalid):
        actions.record_finding(
            actor=demo.user("supervisor"),
            inspection_id=insp.pk,
            description="  ",
            found_on=D(2024, 5, 8),
        )
    assert Finding.objects.count() == before


def test_officer_may_not_open_an_inspection(demo):
    with pytest.raises(Forbidden):
        actions.open_inspection(
            actor=demo.user("officer1"),
            kind="special_check",
            organiser="self",
            title="x",
            started_on=D(2024, 5, 6),
        )


def test_prereview_of_an_onsite_decision_finds_the_missing_filing_and_service(demo):
    case = simple_decision(demo, D(2024, 3, 4), name="冯一", id_number=person_id(serial="201"))
    with at(D(2024, 3, 20)):
        review = actions.start_file_review(actor=demo.user("supervisor"), penalty_case_id=case.pk)
    codes = {i["code"] for i in review.prereview["items"]}
    assert "late.onsite_filing" in codes
    assert "ledger.decide" not in codes  # the on-the-spot decision is logged by penalty.open
    assert review.prereview["suggested_vetoes"] == []


def test_scoring_veto_fails_the_file_whatever_the_points(demo):
    case = simple_decision(demo, D(2024, 3, 5), name="陈二", id_number=person_id(serial="202"))
    sup = demo.user("supervisor")
    with at(D(2024, 3, 21)):
        review = actions.start_file_review(actor=sup, penalty_case_id=case.pk)
        done = actions.finalise_file_review(
            actor=sup,
            review_id=review.pk,
            vetoes=["unclear_facts"],
            deductions=[{"part": "form", "item": "未按期备案", "points": 1}],
        )
    assert (done.form_score, done.content_score, done.total) == (19, 80, 99)
    assert done.grade == "fail"
    with pytest.raises(StateError):
        actions.finalise_file_review(actor=sup, review_id=review.pk, vetoes=[], deductions=[])


def test_score_grades_follow_the_local_thresholds():
    assert checks.score([], []).grade == "excellent"
    assert checks.score([], [{"part": "content", "points": "15"}]).grade == "good"
    assert checks.score([], [{"part": "content", "points": "35"}]).grade == "pass"
    low = checks.score([], [{"part": "form", "points": "30"}, {"part": "content", "points": "50"}])
    assert (low.form, low.total, low.grade) == (0, 30, "fail")


def test_complaint_is_stored_encrypted_and_listed_masked(api, demo):
    c = actions.receive_complaint(
        actor=demo.user("supervisor"),
        received_on=D(2024, 6, 3),
        channel="phone",
        content="执法人员态度粗暴",
        complainant="张三丰",
        phone="13812345678",
        against_unit=demo.unit("squad1"),
    )
    assert c.due_on >= D(2024, 8, 2)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT complainant, phone FROM oversight_complaint WHERE id = %s", [c.pk])
        raw = " ".join(cursor.fetchone())
    assert "张三丰" not in raw and "13812345678" not in raw
    body = api("supervisor").get("oversight/complaints").content.decode()
    assert "张**" in body and "13812345678" not in body
    r = api("supervisor").post(
        f"oversight/complaints/{c.pk}/close",
        {"closed_on": "2024-06-20", "substantiated": False, "result": "经调查不属实，已答复"},
    )
    assert r.status_code == 200 and r.json()["status"] == Complaint.Status.CLOSED


def test_outsider_is_refused_everywhere(api, demo):
    insp = _inspection(demo)
    finding = actions.record_finding(
        actor=demo.user("supervisor"),
        inspection_id=insp.pk,
        description="问题",
        found_on=D(2024, 5, 8),
    )
    case = simple_decision(demo, D(2024, 3, 6), name="褚三", id_number=person_id(serial="203"))
    out = api("outsider")
    assert out.get("oversight/inspections").json()["count"] == 0
    assert out.get("oversight/findings").json()["count"] == 0
    assert out.get("oversight/complaints").json()["count"] == 0
    assert (
        out.post(
            f"oversight/inspections/{insp.pk}/close", {"ended_on": "2024-06-01", "result": "x"}
        ).status_code
        == 404
    )
    assert (
        out.post(
            f"oversight/inspections/{insp.pk}/findings",
            {"description": "x", "found_on": "2024-06-01"},
        ).status_code
        == 404
    )
    assert (
        out.post(
            f"oversight/findings/{finding.pk}/rectification",
            {"unit": "brigade", "measure": "x", "due_on": "2024-07-01"},
        ).status_code
        == 404
    )
    assert out.get(f"oversight/prereview/{case.pk}").status_code in (403, 404)
    r = out.post("oversight/file-reviews", {"case": case.pk})
    assert r.status_code in (403, 404)
    with pytest.raises(NotFound):
        actions.record_finding(
            actor=demo.user("supervisor"),
            inspection_id=insp.pk,
            description="x",
            found_on=D(2024, 5, 8),
            penalty_case_id=10**9,
        )


def test_api_flow_inspection_finding_rectification(api, demo):
    sup = api("supervisor")
    r = sup.post(
        "oversight/inspections",
        {
            "kind": "file_review",
            "organiser": "self",
            "title": "第一季度案卷评查",
            "started_on": "2024-04-01",
        },
    )
    assert r.status_code == 201, r.content
    insp = r.json()["id"]
    f = sup.post(
        f"oversight/inspections/{insp}/findings",
        {"description": "文书未写明复议机关", "found_on": "2024-04-03", "rule": "XF-59"},
    )
    assert f.status_code == 201
    bad = sup.post(
        f"oversight/findings/{f.json()['id']}/rectification",
        {"unit": "nope", "measure": "x", "due_on": "2024-05-01"},
    )
    assert bad.status_code == 404
    t = sup.post(
        f"oversight/findings/{f.json()['id']}/rectification",
        {"unit": "squad1", "measure": "修改文书模板", "due_on": "2024-05-01"},
    )
    assert t.status_code == 201
    c = sup.post(
        f"oversight/rectifications/{t.json()['id']}/close",
        {"closed_on": "2024-04-20", "note": "已修改"},
    )
    assert c.status_code == 200 and c.json()["closed_on_time"] is True
    assert (
        api("officer1")
        .post(
            "oversight/inspections",
            {"kind": "file_review", "organiser": "self", "title": "x", "started_on": "2024-04-01"},
        )
        .status_code
        == 403
    )
    assert error_code(sup.post("oversight/inspections", {"kind": "x"})) == "invalid"
