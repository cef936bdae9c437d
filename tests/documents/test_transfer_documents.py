"""The 移送书 (XF-22 案件移送书, XF-27 涉嫌犯罪案件移送书) and the 强制执行申请书 (行政强制法第五十三条
–第五十五条) on cases built through the penalty actions (decision 090): .docx and PDF, numbered and
kept, printed only once their step happened, nothing twice, the case's audience only."""

from __future__ import annotations

import hashlib
import json

from chengguan.documents.models import Document, DocumentNumber
from chengguan.ledger.models import Entry
from chengguan.penalties import actions
from chengguan.penalties.models import PenaltyCase
from tests.conftest import error_code
from tests.documents import cases
from tests.documents.cases import DECIDED, FACTS, OPENED, PERSON
from tests.documents.helpers import docx_text
from tests.documents.pdftext import pdf_text, squeeze
from tests.documents.test_wording import ALLOWED_LATIN, ENGLISH, doubled


def url(case: PenaltyCase, name: str) -> str:
    return f"penalty-cases/{case.pk}/documents/{name}"


def _clean(text: str) -> None:
    assert doubled(text) == [], text
    assert ENGLISH.findall(ALLOWED_LATIN.sub("", text)) == [], text


def _to_competent_body(demo) -> PenaltyCase:
    """XF-22: a matter outside the bureau's powers, sent to the body that has them."""
    with cases.at(OPENED):
        case = actions.open_case(
            actor=demo.user("officer1"),
            procedure="general",
            power_item="SZ001",
            party=dict(PERSON),
            facts=FACTS,
            act_date=OPENED,
            discovered_date=OPENED,
            officers=["officer1", "officer2"],
        )
        actions.register(case.pk, actor=demo.user("head"))
        actions.add_evidence(
            case.pk, actor=demo.user("officer1"), kind="audiovisual", description="现场照片4张"
        )
        actions.conclude(case.pk, actor=demo.user("officer1"), outcome="transfer")
    with cases.at(DECIDED):
        return actions.transfer(
            case.pk,
            actor=demo.user("head"),
            kind="competent_body",
            to="示范县市场监督管理局",
            reason="所售水果涉嫌无照经营，属市场监督管理部门职权",
            decided_on=DECIDED,
            handed_over_on=DECIDED,
            receipt="示市监收〔2025〕3号",
        )


def test_XF_27_the_crime_transfer_letter_with_the_file_list_and_receipt(api, demo):
    case = cases.transferred(demo)
    officer = api("officer1")
    with cases.at(DECIDED):
        assert officer.get(url(case, "registration.pdf")).status_code == 200
        docx = officer.get(url(case, "crime_transfer.docx"))
        pdf = api("head").get(url(case, "crime_transfer.pdf"))
        wrong = officer.get(url(case, "transfer_letter.docx"))
    assert docx.status_code == 200 and pdf.status_code == 200, docx.content
    assert wrong.status_code == 409 and error_code(wrong) == "state"
    case.refresh_from_db()
    registration = DocumentNumber.objects.get(case=case, kind="registration").number
    for text in (squeeze(docx_text(docx.content)), squeeze(pdf_text(pdf.content))):
        for want in (
            "涉嫌犯罪案件移送书",
            case.decision_number,  # the transfer decision's 移字 number (decision 076)
            "示范县公安局：",
            "涉嫌妨害公务罪",
            "国务院令第310号",
            "2025年6月10日决定将该案移送你局依法处理",
            "执法记录仪视频一段",  # the file-handover list: the evidence
            f"《立案审批表》（{registration}）",  # … and the 文书 kept
            "示公受字〔2025〕8号",  # the receipt
        ):
            assert squeeze(want) in text, want
    assert "移字" in case.decision_number
    kept = Document.objects.filter(case=case, kind="crime_transfer").order_by("id")
    assert {d.number for d in kept} == {case.decision_number}
    hashes = [
        json.loads(e.payload)["sha256"]
        for e in Entry.objects.filter(action="document.generate", subject_id=str(case.pk))
    ]
    assert hashlib.sha256(pdf.content).hexdigest() in hashes


def test_XF_22_the_transfer_letter_to_the_competent_body(api, demo):
    case = _to_competent_body(demo)
    with cases.at(DECIDED):
        r = api("officer1").get(url(case, "transfer_letter.docx"))
        assert api("officer1").get(url(case, "crime_transfer.docx")).status_code == 409
    assert r.status_code == 200, r.content
    text = docx_text(r.content)
    _clean(text)
    for want in (
        "案件移送书",
        "示范县市场监督管理局：",
        "所售水果涉嫌无照经营，属市场监督管理部门职权。该案不属于本机关管辖",
        "移交清单：",
        "现场照片4张。",
        "示市监收〔2025〕3号",
    ):
        assert squeeze(want) in squeeze(text), want


def test_the_new_case_documents_follow_the_case_scope(api, demo):
    case = cases.transferred(demo)
    before = (Document.objects.count(), DocumentNumber.objects.count(), Entry.objects.count())
    with cases.at(DECIDED):
        for who, status in (
            ("outsider", 404),
            ("town_officer1", 404),
            ("supervisor", 403),  # reads the case, prints no 文书
        ):
            r = api(who).get(url(case, "crime_transfer.pdf"))
            assert r.status_code == status, (who, r.content)
    assert (
        Document.objects.count(),
        DocumentNumber.objects.count(),
        Entry.objects.count(),
    ) == before
