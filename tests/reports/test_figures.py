"""The report's figures equal counts worked out by hand on a dataset built here, in 2023 (a year the
demo leaves empty), through the real actions of every domain."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from chengguan.citycases import actions as city
from chengguan.disclosure import actions as disclosure
from chengguan.governance import actions as gov
from chengguan.law import actions as law
from chengguan.org import actions as org
from chengguan.oversight import actions as oversight
from chengguan.penalties import actions as penalties
from chengguan.penalties.queries import stats
from chengguan.reports import service
from chengguan.reports.builder import build
from chengguan.reports.figures import compute
from tests.disclosure.cases import at, person_id, simple_decision

D = dt.date
Y = 2023
LON, LAT = 111.462, 33.272  # inside the demo's first grid cell


def _city_case(demo, day: dt.date, *, source: str = "inspection", until: str = "closed") -> None:
    requester = (
        {"requester_name": "市民甲", "requester_phone": "13700001111"}
        if source != "inspection"
        else {}
    )
    reporter = demo.user("inspector" if source == "inspection" else "hotline")
    with at(day, 9):
        case = city.report(
            actor=reporter,
            source=source,
            category="C0101",
            description="人民路井盖破损",
            lon=LON,
            lat=LAT,
            **requester,
        )
        city.file(actor=demo.user("center"), case_id=case.pk)
        if until == "filed":
            return
        city.dispatch(actor=demo.user("center"), case_id=case.pk, unit="municipal")
        city.handle(actor=demo.user("handler_municipal"), case_id=case.pk, result="已更换井盖")
        city.verify(actor=demo.user("inspector"), case_id=case.pk, passed=True, note="核查通过")
        if until == "verified":
            return
        city.close(
            actor=demo.user("center"),
            case_id=case.pk,
            reply="已处理" if source != "inspection" else "",
        )


def _dataset(demo) -> None:
    head, reviewer, sup, admin = (demo.user(u) for u in ("head", "reviewer", "supervisor", "admin"))
    # 学法与会议: 2 + 3 + 1 in 2023, one more in 2022 that must not count.
    for n in range(2):
        gov.record_meeting(
            actor=head, kind="party_group_study", topic=f"专题学习{n}", held_on=D(Y, 3 + n, 5)
        )
    for n in range(3):
        gov.record_meeting(
            actor=head, kind="leaders_study", topic=f"集体学法{n}", held_on=D(Y, 4, 10 + n)
        )
    gov.record_meeting(
        actor=head, kind="rule_of_law_meeting", topic="法治建设工作会议", held_on=D(Y, 6, 1)
    )
    gov.record_meeting(
        actor=head, kind="rule_of_law_meeting", topic="上年会议", held_on=D(Y - 1, 12, 30)
    )
    # 培训: one training (3 people), one guidance visit to town1 (2 people), one exam 3 of 4 pass.
    gov.record_training(
        actor=reviewer,
        kind="practice",
        title="执法实务培训",
        held_on=D(Y, 5, 9),
        participants=[{"name": n} for n in ("甲", "乙", "丙")],
    )
    gov.record_training(
        actor=reviewer,
        kind="guidance",
        title="帮扶指导",
        held_on=D(Y, 5, 10),
        target_unit=demo.unit("town1"),
        participants=[{"name": n} for n in ("丁", "戊")],
    )
    gov.record_training(
        actor=reviewer,
        kind="exam",
        title="年度考法",
        held_on=D(Y, 6, 9),
        pass_mark=60,
        participants=[{"name": f"考生{s}", "score": s} for s in (90, 59, 60, 75)],
    )
    # 普法: 5 + 2 online posts, audience 31,000; one on-site event.
    gov.record_post(
        actor=admin, channel="wechat", title="推文", published_on=D(Y, 2, 1), count=5, audience=1000
    )
    gov.record_post(
        actor=admin,
        channel="douyin",
        title="短视频",
        published_on=D(Y, 7, 1),
        count=2,
        audience=30000,
    )
    gov.record_post(actor=admin, channel="onsite", title="进社区", published_on=D(Y, 8, 1))
    # 规范性文件: one issued and later repealed in 2023.
    doc = gov.register_normative_document(
        actor=reviewer, title="临时摊点管理规定", drafted_on=D(Y, 1, 5)
    )
    gov.review_normative_document(
        actor=reviewer, document_id=doc.pk, reviewed_on=D(Y, 1, 9), opinion="合法"
    )
    gov.issue_normative_document(
        actor=head, document_id=doc.pk, issued_on=D(Y, 1, 12), doc_number="示城管〔2023〕1号"
    )
    gov.clean_up_normative_document(
        actor=reviewer, document_id=doc.pk, result="repealed", on=D(Y, 11, 1)
    )
    gov.record_legislative_input(
        actor=reviewer, subject="裁量基准修改", requested_by="市局", submitted_on=D(Y, 9, 1)
    )

    # 数字城管: 4 cases (3 disposed), hotline 2 (1 closed), petition 1 (closed).
    for day in (D(Y, 3, 6), D(Y, 3, 7), D(Y, 8, 8)):
        _city_case(demo, day)
    _city_case(demo, D(Y, 12, 28), until="filed")
    _city_case(demo, D(Y, 4, 11), source="hotline")
    _city_case(demo, D(Y, 4, 12), source="hotline", until="verified")
    _city_case(demo, D(Y, 5, 16), source="petition")

    # 行政处罚: three on-the-spot decisions in December; two published (one late), one contested.
    cases = [
        simple_decision(
            demo, D(Y, 12, d), name=f"当事人{d}", id_number=person_id(serial=f"3{d:02d}")
        )
        for d in (4, 5, 6)
    ]
    with at(D(Y, 12, 7)):
        disclosure.publish_decision(actor=reviewer, case_id=cases[0].pk)
    with at(D(Y, 12, 20)):
        disclosure.publish_decision(actor=reviewer, case_id=cases[1].pk)
        penalties.serve(
            cases[2].pk,
            actor=demo.user("officer1"),
            served_on=D(Y, 12, 6),
            method="direct",
            certificates_shown=["officer1", "officer2"],
            # TM-2: entered two weeks after the fact, so a 补记 the head approved.
            backdate_reason="当场送达回证补录",
            backdate_approved_by="head",
        )
        remedy = penalties.record_remedy(
            cases[2].pk,
            actor=head,
            kind="reconsideration",
            filed_on=D(Y, 12, 20),
            body="示范县人民政府",
            proof_number=f"示政复受字〔{Y}〕30号",
            proof_date=D(Y, 12, 20),
        )
    with at(D(Y, 12, 28)):
        penalties.conclude_remedy(
            cases[2].pk,
            remedy_id=remedy.pk,
            actor=head,
            concluded_on=D(Y, 12, 28),
            outcome="upheld",
        )

    # 执法证: one new certificate, one cancelled for leaving the post, one for retirement.
    people = [
        org.create_staff(
            actor=admin,
            unit=demo.unit("squad2"),
            username=f"hand{n}",
            password="x-pass-123",
            full_name=f"新队员{n}",
            roles=["officer"],
        )
        for n in range(3)
    ]
    with at(D(Y, 5, 1)):
        org.issue_certificate(
            actor=admin,
            holder=people[0],
            number="豫行执HAND0",
            kind="行政执法证",
            issued_on=D(Y, 5, 1),
            expires_on=D(Y + 5, 4, 30),
        )
    for n, reason in ((1, "left_post"), (2, "retired")):
        with at(D(Y - 1, 6, 1)):
            cert = org.issue_certificate(
                actor=admin,
                holder=people[n],
                number=f"豫行执HAND{n}",
                kind="行政执法证",
                issued_on=D(Y - 1, 6, 1),
                expires_on=D(Y + 4, 5, 31),
            )
        with at(D(Y, 9, 1)):
            org.cancel_certificate(actor=admin, certificate_id=cert.pk, reason=reason)

    # 权责清单: one item delegated to the town, one to the street; exemptions 2023 and 2024.
    town_item = law.create_power_item(
        actor=reviewer,
        code="HAND1",
        name="测试事项一",
        domain="municipal",
        legal_basis="某条例第一条",
        penalty_types=["fine"],
        fine_min=0,
        fine_max=1000,
        delegated_to=[demo.unit("town1")],
    )
    law.create_power_item(
        actor=reviewer,
        code="HAND2",
        name="测试事项二",
        domain="municipal",
        legal_basis="某条例第二条",
        penalty_types=["warning"],
        delegated_to=[demo.unit("street1")],
    )
    law.create_exemption(
        actor=reviewer,
        code="HANDMF1",
        power_item=town_item,
        kind="minor",
        conditions="轻微",
        published_on=D(Y, 6, 1),
    )
    law.create_exemption(
        actor=reviewer,
        code="HANDMF2",
        power_item=town_item,
        kind="first",
        conditions="首违",
        published_on=D(Y + 1, 2, 1),
    )

    # 执法监督: self check + self file review + a city supervision; 3 findings, 2 rectified.
    checks = [
        oversight.open_inspection(actor=sup, kind=k, organiser=o, title=t, started_on=D(Y, m, 3))
        for k, o, t, m in (
            ("special_check", "self", "专项检查", 4),
            ("file_review", "self", "评卷", 5),
            ("supervision", "city", "市局执法监督", 6),
        )
    ]
    for n in range(3):
        f = oversight.record_finding(
            actor=sup, inspection_id=checks[n].pk, description=f"问题{n}", found_on=D(Y, 7, 3)
        )
        task = oversight.assign_rectification(
            actor=sup, finding_id=f.pk, unit=demo.unit("squad1"), measure="整改", due_on=D(Y, 8, 31)
        )
        if n < 2:
            oversight.close_rectification(
                actor=sup, task_id=task.pk, closed_on=D(Y, 8, 1), note="已整改"
            )
    complaint = oversight.receive_complaint(
        actor=sup, received_on=D(Y, 9, 4), channel="phone", content="态度粗暴"
    )
    oversight.close_complaint(
        actor=sup,
        complaint_id=complaint.pk,
        closed_on=D(Y, 9, 20),
        substantiated=False,
        result="不属实",
    )


def test_figures_equal_the_hand_worked_counts(demo):
    before = compute(demo.bureau, Y)
    _dataset(demo)
    f = compute(demo.bureau, Y)
    expected = {
        "party_group_studies": 2,
        "leaders_studies": 3,
        "rule_of_law_meetings": 1,
        "trainings": 1,
        "training_attendance": 3,
        "town_guidance_attendance": 2,
        "town_teams_trained": 1,
        "exams": 1,
        "exam_takers": 4,
        "exam_pass_rate": Decimal("75.00"),
        "posts": 7,
        "post_audience": 31000,
        "outreach_events": 1,
        "documents_issued": 1,
        "documents_reviewed": 1,
        "documents_cleaned_out": 1,
        "legislative_inputs": 1,
        "citycases_collected": 4,
        "citycases_disposed": 3,
        "citycases_disposal_rate": Decimal("75.00"),
        "hotline_orders": 2,
        "hotline_closure_rate": Decimal("50.00"),
        "petition_orders": 1,
        "petition_closure_rate": Decimal("100.00"),
        "appeals_total": 3,
        "appeals_closure_rate": Decimal("66.67"),
        "efficiency_orders": 0,
        "efficiency_closure_rate": None,
        "penalty_total": 3,
        "penalty_general": 0,
        "penalty_simple": 3,
        "legal_review_rate": None,
        "reconsiderations": 1,
        "reconsideration_upheld_rate": Decimal("100.00"),
        "litigations": 0,
        "litigation_win_rate": None,
        "disclosed": 2,
        "disclosed_on_time": 1,
        "disclosure_on_time_rate": Decimal("50.00"),
        "certs_issued": 1,
        "certs_cancelled_left_post": 1,
        "certs_cancelled_retired_transferred": 1,
        "inspections_self": 2,
        "inspections_received": 1,
        "inspections_city_supervision": 1,
        "inspections_self_file_reviews": 1,
        "findings": 3,
        "findings_rectified": 2,
        "findings_rectification_rate": Decimal("66.67"),
        "enforcement_complaints": 1,
        "enforcement_complaints_closure_rate": Decimal("100.00"),
    }
    for key, value in expected.items():
        assert before.value(key) in (0, None), f"the demo now fills {Y}: {key}"
        assert f.value(key) == value, key
    # Figures that the demo's own data also feed: compared as differences.
    assert f.value("staff_total") - before.value("staff_total") == 3
    assert f.value("certified_staff") - before.value("certified_staff") == 1
    assert f.value("powers_delegated_towns") - before.value("powers_delegated_towns") == 1
    assert f.value("powers_delegated_streets") - before.value("powers_delegated_streets") == 1
    assert f.value("exemption_items") - before.value("exemption_items") == 1
    assert all(fig.method for fig in f)


def test_report_text_carries_the_figures_and_every_method(demo):
    _dataset(demo)
    report = build(demo.bureau, Y, with_charts=False)
    text = service.render(report, "md").decode()
    assert "全年办理行政处罚案件3件" in text
    assert "已处置3件，处置率75.00%" in text
    assert "共办理12345便民服务热线2件，信访件1件" in text
    assert "局党组中心组安排2次专题学习，领导干部集体学法3次" in text
    assert "附录：数据口径说明" in text
    for fig in report.figures:
        assert fig.method in text


def test_the_api_stats_and_the_report_count_penalty_work_alike(demo):
    """One definition (penalties.queries.period_counts) behind both: over the same year the API's
    decided-side counts equal the report's, on the hand-built dataset and on the demo's data."""
    _dataset(demo)
    for year in (Y, 2024):  # the hand-built year and the demo's year
        f = compute(demo.bureau, year)
        s = stats(demo.user("head"), D(year, 1, 1), D(year, 12, 31))
        assert s["penalized"] == f.value("penalty_total")
        assert s["not_penalized"] == f.value("not_penalized")
        assert s["collective_discussions"] == f.value("collective_discussions")
        assert s["hearings"] == f.value("hearings")
        assert s["reconsiderations"] == f.value("reconsiderations")
        assert s["litigations"] == f.value("litigations")
