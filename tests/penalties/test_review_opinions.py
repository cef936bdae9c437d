"""Issue #15 item 1 (decision 087): the head's 立案审批意见 and the 复核意见 on a statement (XF-45)."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from chengguan.ledger.models import Entry
from chengguan.penalties.models import PenaltyCase
from tests.conftest import error_code
from tests.documents.helpers import docx_text
from tests.documents.pdftext import squeeze
from tests.penalties.helpers import T0, D, at, notified, open_general, proposal, snapshot


def test_the_register_opinion_is_kept_recorded_and_printed(api: Any, demo: Any) -> None:
    with at(T0):
        case = open_general(demo)
        r = api("head").post(
            f"penalty-cases/{case.pk}/register", {"opinion": "同意立案，由城东中队承办。"}
        )
        assert r.status_code == 200, r.content
        fresh = PenaltyCase.objects.get(pk=case.pk)
        assert fresh.registration_opinion == "同意立案，由城东中队承办。"
        entry = Entry.objects.filter(action="penalty.register").order_by("-id").first()
        assert (
            entry is not None
            and json.loads(entry.payload)["opinion"] == "同意立案，由城东中队承办。"
        )
        doc = api("officer1").get(f"penalty-cases/{case.pk}/documents/registration.docx")
    assert doc.status_code == 200, doc.content
    text = squeeze(docx_text(doc.content))
    assert "同意立案，由城东中队承办。" in text


def test_register_without_an_opinion_still_prints_the_approval(api: Any, demo: Any) -> None:
    with at(T0):
        case = open_general(demo)
        assert api("head").post(f"penalty-cases/{case.pk}/register", {}).status_code == 200
        doc = api("officer1").get(f"penalty-cases/{case.pk}/documents/registration.docx")
    assert "同意立案。" in squeeze(docx_text(doc.content))


def test_a_too_long_register_opinion_is_a_400_and_changes_nothing(api: Any, demo: Any) -> None:
    with at(T0):
        case = open_general(demo)
        before, entries = snapshot(case), Entry.objects.count()
        r = api("head").post(f"penalty-cases/{case.pk}/register", {"opinion": "同" * 1001})
    assert r.status_code in {400, 422}, r.content
    assert snapshot(case) == before and Entry.objects.count() == entries


def test_not_adopting_a_statement_without_reasons_is_refused_with_xf45(api: Any, demo: Any) -> None:
    with at(T0):
        case = notified(demo)
        before, entries = snapshot(case), Entry.objects.count()
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/statement",
            {"content": "当事人称系初次经营", "accepted": False, "review_opinion": "  "},
        )
    assert r.status_code == 409, r.content
    assert error_code(r) == "XF-45"
    body = r.json()["error"]
    assert "第四十五条" in body["article"] and "复核意见" in body["message"]
    assert snapshot(case) == before and Entry.objects.count() == entries


def test_a_statement_not_adopted_with_reasons_is_recorded_shown_and_printed(
    api: Any, demo: Any
) -> None:
    reason = "当事人所称初次经营与现场检查笔录记载不符"
    with at(T0):
        case = notified(demo, proposal("5000", "lighter"))
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/statement",
            {"content": "当事人称系初次经营", "accepted": False, "review_opinion": reason},
        )
        assert r.status_code == 200, r.content
        st = case.statements.get()
        assert (st.accepted, st.review_opinion) == (False, reason)
        entry = Entry.objects.filter(action="penalty.statement").order_by("-id").first()
        assert entry is not None and json.loads(entry.payload)["review_opinion"] == reason
        client = Client()
        client.force_login(demo.user("officer1"))
        page = client.get(f"/penalties/{case.pk}/").content.decode()
        assert "不予采纳" in page and reason in page
        record = api("officer1").get(f"penalty-cases/{case.pk}/documents/statement_record.docx")
        assert record.status_code == 200, record.content
        recorded = squeeze(docx_text(record.content))
        assert "陈述申辩笔录" in recorded and "当事人称系初次经营" in recorded
        assert "不予采纳" in recorded and reason in recorded
    with at(D(2025, 6, 9)):  # the statement period is over
        decided = api("head").post(
            f"penalty-cases/{case.pk}/decide",
            {**proposal("5000", "lighter"), "correction": "责令立即改正"},
        )
        assert decided.status_code == 200, decided.content
        doc = api("officer1").get(f"penalty-cases/{case.pk}/documents/decision.docx")
    assert doc.status_code == 200, doc.content
    text = squeeze(docx_text(doc.content))
    assert "本机关经复核不予采纳，复核意见：" + reason in text


def test_an_adopted_statement_needs_no_reason(api: Any, demo: Any) -> None:
    with at(T0):
        case = notified(demo)
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/statement", {"content": "请求从轻", "accepted": True}
        )
    assert r.status_code == 200, r.content
    assert case.statements.get().review_opinion == ""


def test_the_statement_record_waits_for_a_statement(api: Any, demo: Any) -> None:
    with at(T0):
        case = notified(demo)
        r = api("officer1").get(f"penalty-cases/{case.pk}/documents/statement_record.pdf")
    assert r.status_code == 409, r.content
    assert "尚未提出陈述申辩" in r.json()["error"]["message"]
    assert (
        api("outsider").get(f"penalty-cases/{case.pk}/documents/statement_record.pdf").status_code
        == 404
    )
