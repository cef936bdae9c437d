"""The automatic 案卷 pre-review reads the 文书: generated, kept, and in the order of the steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from chengguan.documents import actions as documents
from chengguan.documents.models import Document
from chengguan.oversight import checks
from chengguan.penalties import actions
from chengguan.penalties.models import PenaltyCase
from tests.documents import cases
from tests.documents.cases import DECIDED, NOTIFIED, OPENED, SERVED, at

DOCUMENT_ITEMS = ("file.", "kept.", "order.")


def make(demo: Any, case: PenaltyCase, kind: str, day: dt.date) -> None:
    with at(day):
        documents.generate(actor=demo.user("officer1"), case_id=case.pk, kind=kind, fmt="docx")


def served_file(demo: Any, *, skip: tuple[str, ...] = (), late_notice: bool = False) -> PenaltyCase:
    """A general case from 立案 to service, printing each 文书 at its step (less ``skip``)."""

    def doc(kind: str, day: dt.date) -> None:
        if kind not in skip:
            make(demo, case, kind, day)

    case = cases.investigated(demo)
    doc("registration", OPENED)
    cases.reviewed_and_discussed(demo, case)
    doc("review_opinion", OPENED)
    doc("discussion_record", OPENED)
    with at(NOTIFIED):
        actions.notify(case.pk, actor=demo.user("officer1"), served_on=NOTIFIED)
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
    if not late_notice:
        doc("notice", NOTIFIED)
    with at(DECIDED):
        actions.decide(case.pk, actor=demo.user("head"), decision=cases.proposal())
    doc("decision", DECIDED)
    if late_notice:
        doc("notice", DECIDED)
    cases.served(demo, case)
    doc("service_receipt", SERVED)
    return PenaltyCase.objects.get(pk=case.pk)


def document_findings(case: PenaltyCase) -> dict[str, str]:
    return {i.code: i.message for i in checks.prereview(case) if i.code.startswith(DOCUMENT_ITEMS)}


def test_a_complete_file_passes_every_document_item(demo):
    case = served_file(demo)
    assert document_findings(case) == {}


def test_a_file_without_the_notice_gets_that_finding(demo):
    case = served_file(demo, skip=("notice",))
    found = document_findings(case)
    assert list(found) == ["file.notice"]
    assert "案卷缺少行政处罚事先告知书" in found["file.notice"]
    assert "已事先告知" in found["file.notice"]


def test_a_notice_first_printed_after_the_decision_is_out_of_order(demo):
    case = served_file(demo, late_notice=True)
    found = document_findings(case)
    assert list(found) == ["order.notice"]
    assert "行政处罚事先告知书首次生成于2025-06-10" in found["order.notice"]
    assert "晚于" in found["order.notice"] and "2025-06-04" in found["order.notice"]


def test_a_reprint_does_not_make_an_early_decision_document_late(demo):
    case = served_file(demo)
    make(demo, case, "decision", dt.date(2025, 7, 1))  # a reprint for the archive
    assert document_findings(case) == {}


def test_a_service_receipt_printed_after_service_is_reported(demo):
    case = served_file(demo, skip=("service_receipt",))
    make(demo, case, "service_receipt", dt.date(2025, 6, 20))
    found = document_findings(case)
    assert list(found) == ["order.service_receipt"]
    assert "送达回证" in found["order.service_receipt"]


def test_a_document_with_only_its_hash_is_not_kept(demo):
    case = served_file(demo)
    Document.objects.filter(case=case, kind="decision").update(blob=None)
    found = document_findings(case)
    assert list(found) == ["kept.decision"]
    assert "没有留存文件" in found["kept.decision"]


def test_a_file_with_no_documents_lists_each_missing_one_in_order(demo):
    case = cases.served(demo, cases.decided(demo, full=True))
    assert list(document_findings(case)) == [
        "file.registration",
        "file.notice",
        "file.review_opinion",
        "file.discussion_record",
        "file.decision",
        "file.service_receipt",
    ]


def test_the_prereview_endpoint_reports_the_missing_notice(api, demo):
    case = served_file(demo, skip=("notice",))
    r = api("supervisor").get(f"oversight/prereview/{case.pk}")
    assert r.status_code == 200, r.content
    item = next(i for i in r.json()["items"] if i["code"] == "file.notice")
    assert item["part"] == "form" and item["veto"] == ""
    assert api("outsider").get(f"oversight/prereview/{case.pk}").status_code in (403, 404)


def test_an_onsite_case_is_not_asked_for_general_procedure_documents(demo):
    case = cases.onsite(demo)
    assert document_findings(case) == {}
