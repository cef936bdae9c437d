"""The one writer of a governance row's status (``governance/transitions.py``).

Every status change of a normative document or a major decision goes through ``transition``, which
checks ``states.ALLOWED``/``states.LEADS_TO`` and writes the step's single ledger entry with
``"from"`` and ``"to"``; a refused step changes nothing; edits record old and new values.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.db import models

from chengguan.core.errors import StateError
from chengguan.governance import actions, transitions
from chengguan.governance.models import NormativeDocument
from chengguan.ledger.models import Entry

D = dt.date(2024, 3, 1)
PACKAGE = Path(transitions.__file__).parent


def _entries(row: models.Model) -> list[Entry]:
    return list(
        Entry.objects.filter(subject_type=row._meta.label_lower, subject_id=str(row.pk)).order_by(
            "seq"
        )
    )


def _steps(row: models.Model) -> list[tuple[str, str | None, str]]:
    """(action, from, to) of the row's entries that changed its status, oldest first."""
    out = []
    for e in _entries(row):
        body = json.loads(e.payload)
        if "to" in body:
            out.append((e.action, body["from"], body["to"]))
    return out


def _document(demo: Any, *, until: str) -> NormativeDocument:
    reviewer, head = demo.user("reviewer"), demo.user("head")
    doc = actions.register_normative_document(actor=reviewer, title="某管理规定", drafted_on=D)
    if until == "draft":
        return doc
    actions.review_normative_document(
        actor=reviewer, document_id=doc.pk, reviewed_on=D, opinion="合法"
    )
    if until == "reviewed":
        return doc
    actions.issue_normative_document(
        actor=head, document_id=doc.pk, issued_on=D, doc_number="示城管〔2024〕9号"
    )
    if until == "issued":
        return doc
    return actions.file_normative_document(
        actor=reviewer, document_id=doc.pk, filed_on=D, filed_with="县司法局"
    )


def test_each_document_step_records_the_statuses_it_went_between(demo: Any) -> None:
    doc = _document(demo, until="filed")
    assert _steps(doc) == [
        ("governance.document.review", "draft", "reviewed"),
        ("governance.document.issue", "reviewed", "issued"),
        ("governance.document.file", "issued", "filed"),
    ]
    doc.refresh_from_db()
    assert doc.status == _steps(doc)[-1][2]
    # One entry per action, as before: register + three steps.
    assert [e.action for e in _entries(doc)] == [
        "governance.document.register",
        "governance.document.review",
        "governance.document.issue",
        "governance.document.file",
    ]


def test_decide_and_withdraw_record_from_and_to(demo: Any) -> None:
    head = demo.user("head")
    decided = actions.add_major_decision(actor=head, year=2024, title="城区摊点规划")
    actions.decide_major_decision(
        actor=head,
        decision_id=decided.pk,
        decided_on=D,
        steps=["legality_review", "collective_decision"],
    )
    withdrawn = actions.add_major_decision(actor=head, year=2024, title="夜市选址")
    actions.withdraw_major_decision(
        actor=head, decision_id=withdrawn.pk, withdrawn_on=D, reason="本年度不再推进"
    )
    assert _steps(decided) == [("governance.decision.decide", "listed", "decided")]
    assert _steps(withdrawn) == [("governance.decision.withdraw", "listed", "withdrawn")]
    for row in (decided, withdrawn):
        row.refresh_from_db()
        assert row.status == _steps(row)[-1][2]
        assert _entries(row)[0].action == "governance.decision.list"
        assert len(_entries(row)) == 2


def _refused(demo: Any) -> list[tuple[models.Model, Any, str]]:
    """(row, the refused call, the message of before) for each step from a wrong status."""
    reviewer, head = demo.user("reviewer"), demo.user("head")
    draft = _document(demo, until="draft")
    filed = _document(demo, until="filed")
    decided = actions.add_major_decision(actor=head, year=2024, title="已决策事项")
    actions.decide_major_decision(
        actor=head,
        decision_id=decided.pk,
        decided_on=D,
        steps=["legality_review", "collective_decision"],
    )
    return [
        (
            filed,
            lambda: actions.review_normative_document(
                actor=reviewer, document_id=filed.pk, reviewed_on=D, opinion="再审"
            ),
            "只有起草中的文件可以进行合法性审核",
        ),
        (
            draft,
            lambda: actions.issue_normative_document(
                actor=head, document_id=draft.pk, issued_on=D, doc_number="示城管〔2024〕8号"
            ),
            "规范性文件须先经合法性审核，方可印发",
        ),
        (
            draft,
            lambda: actions.file_normative_document(
                actor=reviewer, document_id=draft.pk, filed_on=D, filed_with="县司法局"
            ),
            "只有已印发的文件可以备案",
        ),
        (
            draft,
            lambda: actions.clean_up_normative_document(
                actor=reviewer, document_id=draft.pk, result="kept", on=D
            ),
            "只有已印发的文件可以清理",
        ),
        (
            decided,
            lambda: actions.decide_major_decision(
                actor=head,
                decision_id=decided.pk,
                decided_on=D,
                steps=["legality_review", "collective_decision"],
            ),
            "该事项已决策或已调出目录",
        ),
        (
            decided,
            lambda: actions.withdraw_major_decision(
                actor=head, decision_id=decided.pk, withdrawn_on=D, reason="调出"
            ),
            "只有已列入目录、尚未决策的事项可以调出目录",
        ),
    ]


def _snapshot(row: models.Model) -> dict[str, Any]:
    fresh = type(row).objects.get(pk=row.pk)
    return {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields}


def test_a_refused_step_changes_nothing(demo: Any) -> None:
    for row, call, message in _refused(demo):
        before, count = _snapshot(row), Entry.objects.count()
        with pytest.raises(StateError) as caught:
            call()
        assert caught.value.message == message
        assert _snapshot(row) == before
        assert Entry.objects.count() == count


def test_the_writer_refuses_a_target_the_table_does_not_lead_to(demo: Any) -> None:
    doc = _document(demo, until="draft")
    count = Entry.objects.count()
    with pytest.raises(StateError):
        transitions.transition(
            doc, to="filed", actor=demo.user("reviewer"), action="governance.document.review"
        )
    assert NormativeDocument.objects.get(pk=doc.pk).status == "draft"
    assert Entry.objects.count() == count


def test_edits_record_old_and_new_values(demo: Any) -> None:
    reviewer = demo.user("reviewer")
    post = actions.record_post(actor=reviewer, channel="wechat", title="普法一", published_on=D)
    actions.update_post(actor=reviewer, post_id=post.pk, title="普法二", count=3)
    body = json.loads(_entries(post)[-1].payload)
    assert body["old"] == {"title": "普法一", "count": 1}
    assert body["new"] == {"title": "普法二", "count": 3}
    assert body["changes"] == {"title": ["普法一", "普法二"], "count": [1, 3]}

    doc = _document(demo, until="issued")
    actions.clean_up_normative_document(actor=reviewer, document_id=doc.pk, result="kept", on=D)
    actions.clean_up_normative_document(
        actor=reviewer, document_id=doc.pk, result="repealed", on=D, note="上位法废止"
    )
    body = json.loads(_entries(doc)[-1].payload)
    assert body["old"] == {"cleanup": "kept", "cleanup_note": ""}
    assert body["new"] == {"cleanup": "repealed", "cleanup_note": "上位法废止"}


def test_no_status_assignment_of_a_governance_row_outside_transitions() -> None:
    pattern = re.compile(r"\.status\s*(,[^=\n]*)?=(?!=)")
    offenders = [
        f"{path.name}:{n}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "transitions.py" and "migrations" not in path.parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
