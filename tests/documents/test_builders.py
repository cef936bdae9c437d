"""The ten 文书 built from plain data, read back from the .docx and from the PDF."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace
from decimal import Decimal

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from chengguan.documents import compose, render_docx, render_pdf
from chengguan.documents.chinese import seal_date, yuan, yuan_capital
from chengguan.documents.data import Notice, Party
from chengguan.documents.kinds import Kind
from chengguan.documents.samples import sample_case
from tests.documents.helpers import docx_text, xf59_items
from tests.documents.pdftext import builtin_text, inflated, pdf_text, squeeze

NUMBER = "示城管罚决字〔2024〕8号"


@pytest.fixture(scope="module")
def decision_files() -> tuple[bytes, bytes]:
    layout = compose.build(Kind.DECISION, sample_case(), NUMBER)
    return render_docx.render(layout), render_pdf.render(layout)


def test_the_decision_docx_states_every_xf59_item(decision_files):
    text = squeeze(docx_text(decision_files[0]))
    missing = {
        name: want
        for name, want in xf59_items(sample_case(), NUMBER).items()
        if squeeze(want) not in text
    }
    assert missing == {}


def test_the_decision_pdf_states_every_xf59_item(decision_files):
    text = squeeze(pdf_text(decision_files[1]))
    missing = {
        name: want
        for name, want in xf59_items(sample_case(), NUMBER).items()
        if squeeze(want) not in text
    }
    assert missing == {}


def test_the_pdf_text_is_the_same_whichever_reader_extracts_it(decision_files):
    # The fallback reader runs where poppler-utils is not installed; it must see the same items.
    text = squeeze(builtin_text(decision_files[1]))
    for want in xf59_items(sample_case(), NUMBER).values():
        assert squeeze(want) in text


def test_the_decision_prints_the_fine_in_capital_figures_and_the_correction_order(decision_files):
    text = squeeze(docx_text(decision_files[0]))
    assert "罚款人民币500元（大写：伍佰元整）" in text
    assert "同时，责令当事人立即停止占道经营行为" in text


def test_a_warning_without_fine_says_when_it_takes_effect_not_where_to_pay():
    data = sample_case()
    assert data.decision is not None
    data.decision = replace(data.decision, penalty_labels=("警告",), fine_amount=None)
    text = compose.build(Kind.DECISION, data, NUMBER).text()
    assert "缴纳罚款" not in text
    assert "本决定自送达当事人之日起执行" in text
    assert "六十日内" in text and "六个月内" in text


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_renders_as_docx_with_its_title_and_number(kind):
    layout = compose.build(kind, sample_case(), "示城管测字〔2024〕1号")
    text = docx_text(render_docx.render(layout))
    assert "示范县城市管理局" in text
    assert kind.label in text
    assert "示城管测字〔2024〕1号" in text


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_renders_as_an_a4_pdf_with_the_cjk_font_embedded(kind):
    layout = compose.build(kind, sample_case(), "示城管测字〔2024〕1号")
    pdf = render_pdf.render(layout)
    assert pdf.startswith(b"%PDF-")
    objects = inflated(pdf)
    assert re.search(rb"/MediaBox\s*\[\s*0 0 595\.\d+ 841\.\d+\s*\]", objects)
    # Every font in the file is the embedded CJK face of the template's @font-face, no fallback.
    fonts = set(re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([^/\s>]+)", objects))
    assert fonts and all(name.startswith(b"CGDocFont") for name in fonts), fonts
    assert b"/FontFile2" in objects
    text = squeeze(pdf_text(pdf))
    assert squeeze(kind.label) in text
    assert "示城管测字〔2024〕1号" in text
    assert "\ufffd" not in text


def test_every_chinese_run_of_the_docx_names_an_east_asian_font(decision_files):
    doc = open_docx(io.BytesIO(decision_files[0]))
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    assert runs
    for run in runs:
        fonts = run._element.rPr.rFonts
        assert fonts is not None and fonts.get(qn("w:eastAsia")) in {"仿宋", "宋体"}, run.text
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_the_title_is_centred_and_bold_in_song_typeface(decision_files):
    doc = open_docx(io.BytesIO(decision_files[0]))
    title = next(p for p in doc.paragraphs if p.text == "行政处罚决定书")
    assert title.alignment == 1  # centre
    run = title.runs[0]
    assert run.bold and run._element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"


def test_the_notice_tells_the_hearing_right_only_when_the_party_has_it():
    data = sample_case()
    without = compose.build(Kind.NOTICE, data, "n").text()
    assert "陈述、申辩的权利" in without
    assert "要求举行听证" not in without
    data.notice = Notice(
        served_on=dt.date(2024, 5, 14),
        statement_by=dt.date(2024, 5, 17),
        hearing_right=True,
        hearing_by=dt.date(2024, 5, 21),
    )
    with_right = compose.build(Kind.NOTICE, data, "n").text()
    assert "要求举行听证" in with_right
    assert "2024年5月21日前" in with_right


def test_the_onsite_decision_names_the_officers_and_their_certificates():
    text = compose.build(Kind.ONSITE_DECISION, sample_case(), "n").text()
    assert "李明（执法证号：豫41000012345）" in text
    assert "第五十一条" in text
    assert "六十日内" in text


def test_the_no_penalty_decision_gives_the_reason_and_the_remedies():
    data = sample_case()
    data.no_penalty_reason = "当事人的违法行为轻微并及时改正，没有造成危害后果"
    text = compose.build(Kind.NO_PENALTY_DECISION, data, "n").text()
    assert "决定对当事人不予行政处罚" in text
    assert "第三十三条第一款" in text
    assert "六十日内向示范县人民政府申请行政复议" in text


def test_the_service_receipt_names_the_served_decision_by_its_number():
    text = compose.build(Kind.SERVICE_RECEIPT, sample_case(), "n").text()
    assert "《行政处罚决定书》示城管罚决字〔2024〕8号" in text
    assert "直接送达" in text


@pytest.mark.parametrize(
    ("amount", "capital"),
    [
        ("500", "伍佰元整"),
        ("10005", "壹万零伍元整"),
        ("1010", "壹仟零壹拾元整"),
        ("100000", "壹拾万元整"),
        ("12345.6", "壹万贰仟叁佰肆拾伍元陆角整"),
        ("3000.05", "叁仟元零伍分"),
        ("0.5", "伍角整"),
        ("20000000", "贰仟万元整"),
    ],
)
def test_money_in_capital_figures(amount, capital):
    assert yuan_capital(Decimal(amount)) == capital


def test_dates_under_the_seal_are_in_chinese_numerals():
    assert seal_date(dt.date(2024, 5, 6)) == "二〇二四年五月六日"
    assert seal_date(dt.date(2024, 12, 31)) == "二〇二四年十二月三十一日"
    assert seal_date(dt.date(2030, 10, 20)) == "二〇三〇年十月二十日"
    assert yuan(Decimal("200.00")) == "人民币200元（大写：贰佰元整）"


def test_an_organisation_is_named_with_its_credit_code_and_legal_representative():
    data = sample_case()
    data.party = Party(
        kind="organisation",
        name="示范县宏达建筑工程有限公司",
        id_number="91411323MA47R8XK1X",
        address="示范县产业集聚区",
        legal_representative="王五",
    )
    text = compose.build(Kind.DECISION, data, NUMBER).text()
    assert "当事人：示范县宏达建筑工程有限公司，统一社会信用代码：91411323MA47R8XK1X" in text
    assert "法定代表人：王五" in text
    assert "地址：示范县产业集聚区" in text


def test_the_notice_prints_what_was_proposed_even_after_the_decision():
    data = sample_case()
    assert data.decision is not None
    data.proposal = replace(data.decision, fine_amount=Decimal("800"), decided_on=None)
    assert "罚款人民币800元" in compose.build(Kind.NOTICE, data, "n").text()
    assert "罚款人民币500元" in compose.build(Kind.DECISION, data, "n").text()


def test_warming_up_renders_a_pdf_with_the_cjk_font():
    render_pdf.warm()  # must not raise; a worker calls it once at start
    pdf = render_pdf.render(compose.build(Kind.REGISTRATION, sample_case(), "n"))
    assert "立案审批表" in squeeze(pdf_text(pdf))
