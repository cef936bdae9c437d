"""``GET /penalty-cases/{id}/documents/KIND.docx|.pdf`` on cases built through the penalty actions."""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from chengguan.core.models import Counter
from chengguan.documents.chinese import seal_date
from chengguan.documents.models import Document, DocumentNumber
from chengguan.ledger.models import Entry
from chengguan.penalties.models import PenaltyCase
from tests.conftest import error_code
from tests.documents import cases
from tests.documents.cases import CORRECTION, DECIDED, EVIDENCE, FACTS, PERSON, at
from tests.documents.helpers import docx_text
from tests.documents.pdftext import pdf_text, squeeze

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def url(case: PenaltyCase, name: str) -> str:
    return f"penalty-cases/{case.pk}/documents/{name}"


def decision_items(case: PenaltyCase) -> dict[str, str]:
    """Every item of XF-59 for the case built by ``cases.decided``."""
    items = {
        "文号": case.decision_number,
        "当事人姓名": PERSON["name"],
        "当事人地址": PERSON["address"],
        "违法事实": FACTS,
        "违反的规定": case.power_item.violated_provision,
        "处罚种类和金额": "罚款人民币500元（大写：伍佰元整）",
        "处罚依据": case.power_item.legal_basis,
        "裁量阶次": "从轻",
        "责令改正 (XF-28)": CORRECTION,
        "履行方式和期限 (XF-67)": "自收到本决定书之日起十五日内，持本决定书到示范县",
        "加处罚款 (XF-72)": "每日按罚款数额的百分之三加处罚款",
        "行政复议": "六十日内向示范县人民政府申请行政复议",
        "行政诉讼": "六个月内直接向示范县人民法院提起行政诉讼",
        "行政机关": "示范县城市管理局",
        "决定日期": seal_date(DECIDED),
        "印章": "（印章）",
    }
    for n, (_, description) in enumerate(EVIDENCE, start=1):
        items[f"证据{n}"] = description
    return items


def missing(text: str, items: dict[str, str]) -> dict[str, str]:
    flat = squeeze(text)
    return {name: want for name, want in items.items() if squeeze(want) not in flat}


def ledger_hashes(case: PenaltyCase) -> list[dict[str, Any]]:
    return [
        json.loads(e.payload)
        for e in Entry.objects.filter(
            action="document.generate",
            subject_type="penalties.penaltycase",
            subject_id=str(case.pk),
        )
    ]


def test_the_decision_docx_states_every_xf59_item(api, demo):
    case = cases.decided(demo)
    r = api("officer1").get(url(case, "decision.docx"))
    assert r.status_code == 200, r.content
    assert r["Content-Type"] == DOCX
    assert missing(docx_text(r.content), decision_items(case)) == {}


def test_the_decision_pdf_states_every_xf59_item(api, demo):
    case = cases.decided(demo)
    r = api("head").get(url(case, "decision.pdf"))
    assert r.status_code == 200, r.content
    assert r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-")
    assert missing(pdf_text(r.content), decision_items(case)) == {}


def test_the_file_has_a_chinese_filename_and_its_hash_is_in_the_ledger(api, demo):
    case = cases.decided(demo)
    r = api("officer1").get(url(case, "decision.pdf"))
    name = f"行政处罚决定书（{case.decision_number}）.pdf"
    disposition = r["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote(name, safe='')}" in disposition
    assert 'filename="document.pdf"' in disposition  # ASCII fallback for old clients
    digest = hashlib.sha256(r.content).hexdigest()
    doc = Document.objects.get(case=case)
    assert (doc.kind, doc.format, doc.number) == ("decision", "pdf", case.decision_number)
    assert (doc.sha256, doc.size) == (digest, len(r.content))
    assert doc.created_by == demo.user("officer1")
    [entry] = ledger_hashes(case)
    assert entry["sha256"] == digest and entry["number"] == case.decision_number


def test_a_regenerated_document_keeps_its_number_and_every_file_is_hashed(api, demo):
    case = cases.investigated(demo)
    officer = api("officer1")
    with at(cases.NOTIFIED):
        first = officer.get(url(case, "notice.docx"))
        again = officer.get(url(case, "notice.pdf"))
    with at(DECIDED):
        third = officer.get(url(case, "notice.docx"))
    assert {first.status_code, again.status_code, third.status_code} == {200}
    numbers = set(
        Document.objects.filter(case=case, kind="notice").values_list("number", flat=True)
    )
    assert len(numbers) == 1
    number = numbers.pop()
    assert list(DocumentNumber.objects.filter(case=case).values_list("kind", "number")) == [
        ("notice", number)
    ]
    assert number.startswith("示城管罚告字〔2025〕") and number.endswith("号")
    assert number in squeeze(docx_text(first.content))
    assert number in squeeze(pdf_text(again.content))
    hashes = [e["sha256"] for e in ledger_hashes(case)]
    assert hashes == [hashlib.sha256(x.content).hexdigest() for x in (first, again, third)]
    # Another kind of the same case takes its own number.
    with at(DECIDED):
        officer.get(url(case, "registration.docx"))
    other = Document.objects.get(case=case, kind="registration").number
    assert other.startswith("示城管立审字〔2025〕") and other != number


def test_the_notice_tells_the_proposed_penalty_and_the_right_to_state_and_defend(api, demo):
    case = cases.investigated(demo)
    text = squeeze(docx_text(api("officer1").get(url(case, "notice.docx")).content))
    assert "罚款人民币500元" in text
    assert "陈述、申辩的权利" in text
    assert "要求举行听证" not in text  # 500 yuan is below the hearing threshold (XF-63)


def test_the_hearing_notice_exists_only_where_the_party_has_the_right(api, demo):
    small = cases.investigated(demo)
    r = api("officer1").get(url(small, "hearing_notice.docx"))
    assert r.status_code == 409 and error_code(r) == "state"
    large = cases.investigated(demo, cases.proposal("15000", "heavier"))
    r = api("officer1").get(url(large, "hearing_notice.pdf"))
    assert r.status_code == 200, r.content
    text = squeeze(pdf_text(r.content))
    assert "五个工作日内" in text and "罚款人民币15000元" in text


def test_no_decision_document_before_the_decision(api, demo):
    case = cases.investigated(demo)
    counters = list(Counter.objects.values_list("kind", "year", "value"))
    entries = Entry.objects.count()
    for name in (
        "decision.docx",
        "decision.pdf",
        "service_receipt.docx",
        "closing_approval.pdf",
        "onsite_decision.docx",
        "review_opinion.docx",
    ):
        r = api("head").get(url(case, name))
        assert r.status_code == 409, (name, r.content)
        assert error_code(r) == "state"
        assert r.json()["error"]["message"]
    assert not Document.objects.filter(case=case).exists()
    assert Entry.objects.count() == entries
    assert list(Counter.objects.values_list("kind", "year", "value")) == counters


def test_every_kind_of_a_general_case_as_it_goes_along(api, demo):
    officer = api("officer1")
    case = cases.investigated(demo)
    cases.reviewed_and_discussed(demo, case)
    for name in ("registration", "notice", "review_opinion", "discussion_record"):
        for fmt in ("docx", "pdf"):
            r = officer.get(url(case, f"{name}.{fmt}"))
            assert r.status_code == 200, (name, fmt, r.content)
    review = squeeze(docx_text(officer.get(url(case, "review_opinion.docx")).content))
    assert "主体合法，事实清楚" in review and "同意" in review
    talk = squeeze(docx_text(officer.get(url(case, "discussion_record.docx")).content))
    assert "张建华、李明、王强" in talk and "同意罚款人民币500元" in talk
    with at(cases.NOTIFIED):
        from chengguan.penalties import actions

        actions.notify(case.pk, actor=demo.user("officer1"), served_on=cases.NOTIFIED)
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
    with at(DECIDED):
        actions.decide(case.pk, actor=demo.user("head"), decision=cases.proposal())
    cases.served(demo, case)
    receipt = squeeze(docx_text(officer.get(url(case, "service_receipt.docx")).content))
    case.refresh_from_db()
    assert f"《行政处罚决定书》{case.decision_number}" in receipt
    assert "直接送达" in receipt and "2025年6月11日" in receipt
    cases.paid(demo, case)
    closing = officer.get(url(case, "closing_approval.pdf"))
    assert closing.status_code == 200, closing.content
    text = squeeze(pdf_text(closing.content))
    assert "豫财罚2025000123" in text and case.decision_number in text
    assert officer.get(url(case, "onsite_decision.docx")).status_code == 409
    assert officer.get(url(case, "no_penalty_decision.docx")).status_code == 409


def test_an_onsite_case_prints_the_onsite_decision_with_the_officers(api, demo):
    case = cases.onsite(demo)
    r = api("officer1").get(url(case, "onsite_decision.docx"))
    assert r.status_code == 200, r.content
    text = squeeze(docx_text(r.content))
    assert "当场处罚决定书" in text
    assert "罚款人民币100元" in text
    assert "执法证号" in text
    assert "六十日内向示范县人民政府申请行政复议" in text
    if case.decision_number:
        assert case.decision_number in text
    assert api("officer1").get(url(case, "decision.docx")).status_code == 409
    assert api("officer1").get(url(case, "registration.docx")).status_code == 409


def test_outsider_sees_no_document_of_the_demo_bureau(api, demo):
    case = cases.decided(demo)
    entries = Entry.objects.count()
    for name in ("decision.docx", "decision.pdf", "registration.docx", "nonsense.docx"):
        r = api("outsider").get(url(case, name))
        assert r.status_code == 404, (name, r.content)
        assert error_code(r) == "not_found"
    assert not Document.objects.filter(case=case).exists()
    assert Entry.objects.count() == entries


def test_unknown_case_kind_or_format_is_not_found(api, demo):
    case = cases.decided(demo)
    officer = api("officer1")
    assert officer.get("penalty-cases/999999999/documents/decision.docx").status_code == 404
    assert officer.get(url(case, "decision.odt")).status_code == 404
    assert officer.get(url(case, "verdict.pdf")).status_code == 404
    assert officer.get(url(case, "decision")).status_code == 404


def test_documents_need_a_signed_in_user(api, demo):
    case = cases.decided(demo)
    r = api(None).get(url(case, "decision.pdf"))
    assert r.status_code == 401
    assert error_code(r) == "unauthenticated"


def test_the_openapi_document_lists_the_download_with_both_file_types(api, demo):
    schema = api(None).get("openapi.json").json()
    op = schema["paths"]["/api/v1/penalty-cases/{case_id}/documents/{filename}"]["get"]
    assert set(op["responses"]["200"]["content"]) == {DOCX, "application/pdf"}
    assert {"404", "409"} <= set(op["responses"])


def test_a_waived_case_prints_the_no_penalty_decision_with_its_reason_and_education(api, demo):
    case = cases.not_penalized(demo)
    assert case.status == "decided" and case.decision_number
    officer = api("officer1")
    r = officer.get(url(case, "no_penalty_decision.pdf"))
    assert r.status_code == 200, r.content
    text = squeeze(pdf_text(r.content))
    assert case.decision_number in text
    assert "决定对当事人不予行政处罚" in text
    assert "第三十三条第一款" in text
    assert "首次店外经营或占道经营" in text  # the exemption item's conditions
    assert "今后不再占道经营" in text  # the education record (XF-33)
    assert "六十日内向示范县人民政府申请行政复议" in text
    receipt = squeeze(docx_text(officer.get(url(case, "service_receipt.docx")).content))
    assert f"《不予行政处罚决定书》{case.decision_number}" in receipt
    assert officer.get(url(case, "decision.docx")).status_code == 409
    assert officer.get(url(case, "notice.docx")).status_code == 409


def test_the_decision_after_a_hearing_tells_the_hearing_and_the_statement(api, demo):
    case = cases.heard_and_decided(demo)
    r = api("officer1").get(url(case, "decision.docx"))
    assert r.status_code == 200, r.content
    text = squeeze(docx_text(r.content))
    assert "依法享有陈述、申辩和要求听证的权利" in text
    assert "本机关于2025年6月17日依法举行了听证" in text
    assert "当事人请求从轻处罚" in text and "予以采纳" in text
    assert "罚款人民币12000元（大写：壹万贰仟元整）" in text
    assert "属于一般情形" in text
    assert seal_date(case.decided_on) in text
    r = api("officer1").get(url(case, "hearing_notice.pdf"))
    assert r.status_code == 200, r.content
    assert "罚款人民币15000元" in squeeze(pdf_text(r.content))  # what was notified, not decided


def test_a_transferred_case_has_a_closing_approval_but_no_decision(api, demo):
    case = cases.transferred(demo)
    assert case.status == "transferred"
    officer = api("officer1")
    r = officer.get(url(case, "closing_approval.docx"))
    assert r.status_code == 200, r.content
    text = squeeze(docx_text(r.content))
    assert "移送示范县公安局" in text
    for name in ("decision.docx", "no_penalty_decision.pdf", "service_receipt.docx"):
        assert officer.get(url(case, name)).status_code == 409, name


def test_the_case_lists_the_kinds_it_can_produce_and_the_files_generated(api, demo):
    case = cases.decided(demo)
    officer = api("officer1")
    pdf = officer.get(url(case, "decision.pdf"))
    r = officer.get(f"penalty-cases/{case.pk}/documents")
    assert r.status_code == 200, r.content
    body = r.json()
    kinds = {a["kind"] for a in body["available"]}
    assert {"registration", "notice", "decision", "service_receipt"} <= kinds
    assert kinds.isdisjoint({"onsite_decision", "no_penalty_decision", "closing_approval"})
    decision = next(a for a in body["available"] if a["kind"] == "decision")
    assert decision["label"] == "行政处罚决定书"
    assert decision["pdf"] == f"/api/v1/penalty-cases/{case.pk}/documents/decision.pdf"
    assert body["count"] == 1
    [item] = body["items"]
    assert item["sha256"] == hashlib.sha256(pdf.content).hexdigest()
    assert (item["kind"], item["format"], item["number"]) == (
        "decision",
        "pdf",
        case.decision_number,
    )
    assert item["created_by"] == "officer1"
    assert api("outsider").get(f"penalty-cases/{case.pk}/documents").status_code == 404
