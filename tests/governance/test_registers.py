from __future__ import annotations

import datetime as dt

import pytest

from chengguan.core.errors import Forbidden, Invalid, StateError
from chengguan.governance import actions
from chengguan.governance.models import LawPost, NormativeDocument
from chengguan.ledger.models import Entry
from tests.conftest import error_code

D = dt.date(2024, 3, 1)


def test_normative_document_goes_review_issue_file_and_each_step_is_in_the_ledger(demo):
    doc = actions.register_normative_document(
        actor=demo.user("reviewer"), title="瓜果季便民临时摊点管理规定", drafted_on=D
    )
    with pytest.raises(StateError):
        actions.issue_normative_document(
            actor=demo.user("head"), document_id=doc.pk, issued_on=D, doc_number="示城管〔2024〕1号"
        )
    actions.review_normative_document(
        actor=demo.user("reviewer"), document_id=doc.pk, reviewed_on=D, opinion="合法"
    )
    actions.issue_normative_document(
        actor=demo.user("head"), document_id=doc.pk, issued_on=D, doc_number="示城管〔2024〕1号"
    )
    doc = actions.file_normative_document(
        actor=demo.user("reviewer"), document_id=doc.pk, filed_on=D, filed_with="县司法局"
    )
    assert doc.status == NormativeDocument.Status.FILED
    actions_logged = set(
        Entry.objects.filter(
            subject_type="governance.normativedocument", subject_id=str(doc.pk)
        ).values_list("action", flat=True)
    )
    assert {
        "governance.document.register",
        "governance.document.review",
        "governance.document.issue",
        "governance.document.file",
    } <= actions_logged


def test_only_the_legal_office_reviews_a_document(demo):
    doc = actions.register_normative_document(actor=demo.user("head"), title="某规定", drafted_on=D)
    with pytest.raises(Forbidden):
        actions.review_normative_document(
            actor=demo.user("head"), document_id=doc.pk, reviewed_on=D, opinion="合法"
        )
    doc.refresh_from_db()
    assert doc.status == NormativeDocument.Status.DRAFT


def test_a_major_decision_needs_legality_review_and_collective_decision(demo):
    row = actions.add_major_decision(actor=demo.user("head"), year=2024, title="城区摊点规划")
    with pytest.raises(StateError):
        actions.decide_major_decision(
            actor=demo.user("head"),
            decision_id=row.pk,
            decided_on=D,
            steps=["public_participation"],
        )
    row = actions.decide_major_decision(
        actor=demo.user("head"),
        decision_id=row.pk,
        decided_on=D,
        steps=["legality_review", "collective_decision"],
    )
    assert row.status == "decided" and row.legality_review


def test_training_with_scores_and_bad_input(demo):
    with pytest.raises(Invalid):
        actions.record_training(
            actor=demo.user("reviewer"),
            kind="exam",
            title="考法",
            held_on=D,
            participants=[{"name": "甲", "score": 120}],
        )
    session = actions.record_training(
        actor=demo.user("reviewer"),
        kind="exam",
        title="年度考法",
        held_on=D,
        pass_mark=60,
        participants=[
            {"staff": demo.user("officer1"), "score": 88},
            {"name": "乡镇队员甲", "unit_name": "西坪镇", "score": 59},
        ],
    )
    assert session.participants.count() == 2


def test_post_is_refused_for_a_handler_and_bad_channel_writes_nothing(demo):
    before = LawPost.objects.count()
    with pytest.raises(Forbidden):
        actions.record_post(
            actor=demo.user("handler_sanitation"), channel="wechat", title="x", published_on=D
        )
    with pytest.raises(Invalid):
        actions.record_post(actor=demo.user("admin"), channel="tv", title="x", published_on=D)
    assert LawPost.objects.count() == before


def test_api_lists_registers_and_outsider_sees_none_of_them(api, demo):
    actions.record_post(
        actor=demo.user("admin"),
        channel="wechat",
        title="垃圾分类新规解读",
        published_on=D,
        audience=1200,
    )
    actions.record_meeting(
        actor=demo.user("head"),
        kind="leaders_study",
        topic="学习行政处罚法",
        held_on=D,
        attendees=12,
    )
    r = api("center").get("governance/posts", year=2024)
    assert r.status_code == 200
    assert "垃圾分类新规解读" in {p["title"] for p in r.json()["items"]}
    for path in (
        "governance/posts",
        "governance/meetings",
        "governance/documents",
        "governance/decisions",
        "governance/trainings",
    ):
        out = api("outsider").get(path)
        assert out.status_code == 200
        assert out.json()["count"] == 0, path
    assert api(None).get("governance/posts").status_code == 401
    assert error_code(api(None).get("governance/posts")) == "unauthenticated"
