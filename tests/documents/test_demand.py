"""The 催告书 (QZ-54, 行政强制法第三十五条) as .docx and PDF: what it asks, its stable 文号, its hash."""

from __future__ import annotations

import hashlib
import json

from chengguan.documents import compose
from chengguan.documents.data import Demand
from chengguan.documents.kinds import Kind
from chengguan.documents.models import Document, DocumentNumber
from chengguan.documents.samples import sample_case
from chengguan.ledger.models import Entry
from chengguan.penalties import actions
from tests.conftest import error_code
from tests.documents.helpers import docx_text
from tests.documents.pdftext import pdf_text, squeeze
from tests.penalties.helpers import D, at, served


def url(case_id: int, name: str) -> str:
    return f"penalty-cases/{case_id}/documents/{name}"


def test_the_demand_is_not_available_before_payment_is_overdue(api, demo):
    case = served(demo)
    with at(D(2025, 6, 18)):
        r = api("officer1").get(url(case.pk, "demand.docx"))
    assert r.status_code == 409 and error_code(r) == "state"
    assert "缴款期限尚未届满" in r.json()["error"]["message"]
    assert not Document.objects.filter(case=case).exists()


def test_the_served_demand_states_amounts_period_rights_and_court(api, demo):
    case = served(demo)
    with at(D(2025, 7, 1)):
        actions.demand(
            case.pk, actor=demo.user("officer1"), served_on=D(2025, 7, 1), method="direct"
        )
        docx = api("officer1").get(url(case.pk, "demand.docx"))
        pdf = api("head").get(url(case.pk, "demand.pdf"))
    assert docx.status_code == 200 and pdf.status_code == 200, docx.content
    assert pdf.content.startswith(b"%PDF-")
    case.refresh_from_db()
    for text in (squeeze(docx_text(docx.content)), squeeze(pdf_text(pdf.content))):
        for want in (
            "催告书",
            case.decision_number,
            "罚款人民币5000元",
            "加处罚款人民币1950元",  # 13 days late on 2025-07-01: 5,000 × 3 % × 13
            "合计人民币6950元",
            "十个工作日内（2025年7月15日前）",
            "2025年6月18日前缴纳罚款",
            "第三十六条",
            "陈述和申辩",
            "示范县人民法院申请强制执行",
        ):
            assert squeeze(want) in text, want
    numbers = set(
        Document.objects.filter(case=case, kind="demand").values_list("number", flat=True)
    )
    assert len(numbers) == 1
    number = numbers.pop()
    assert number.startswith("示城管催字〔2025〕")
    assert DocumentNumber.objects.filter(case=case, kind="demand").count() == 1
    hashes = [
        json.loads(e.payload)["sha256"]
        for e in Entry.objects.filter(
            action="document.generate",
            subject_type="penalties.penaltycase",
            subject_id=str(case.pk),
        )
    ]
    assert hashes == [hashlib.sha256(r.content).hexdigest() for r in (docx, pdf)]


def test_outsider_cannot_get_the_demand(api, demo):
    case = served(demo)
    with at(D(2025, 7, 1)):
        r = api("outsider").get(url(case.pk, "demand.pdf"))
    assert r.status_code == 404


def test_the_demand_builder_prints_an_approved_schedule_and_a_partial_payment():
    data = sample_case()
    data.demand = Demand(
        fine_due=data.decision.fine_amount,  # type: ignore[union-attr]
        surcharge_due=data.decision.fine_amount,  # type: ignore[union-attr]
        as_of=D(2024, 9, 2),
        pay_by=D(2024, 7, 31),
        served_on=D(2024, 9, 2),
        perform_by=D(2024, 9, 13),
        partly_paid=True,
        schedule="经本机关批准，你（单位）分期缴纳罚款：第1期200元，2024年6月30日前。",
    )
    text = compose.build(Kind.DEMAND, data, "n").text()
    assert "分期缴纳罚款：第1期200元" in text
    assert "仍未全部履行" in text and "2024年9月13日前" in text
