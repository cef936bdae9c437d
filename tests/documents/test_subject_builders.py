"""The 文书 of inspections, seizures and permits from plain data (decision 081): each states its
facts, reads as clean Chinese, and both renderers print the same text (and the notice's QR code)."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import pytest

from chengguan.documents import (
    compose_execution,
    compose_inspections,
    compose_measures,
    compose_permits,
    compose_suggestions,
    render_docx,
    render_pdf,
)
from chengguan.documents.chinese import seal_date
from chengguan.documents.layout import Layout, QRCode
from chengguan.documents.subject_kinds import InspectionKind, PermitDocKind, SeizureKind
from chengguan.documents.subject_samples import (
    sample_execution,
    sample_inspection,
    sample_permit,
    sample_seizure,
    sample_suggestion,
)
from tests.documents.helpers import docx_text
from tests.documents.pdftext import pdf_text, squeeze

# The kind of slips issue #15 item 5 lists: a phrase or a stop printed twice, a stop after a
# semicolon, a blank where a value belongs.
SLIPS = re.compile(r"。。|；。|，。|，，|、、|；；|：：|。，|None|（）|罚款，罚款")


def _all_layouts() -> list[tuple[str, Layout]]:
    out: list[tuple[str, Layout]] = []
    insp = sample_inspection()
    for kind, build in compose_inspections.BUILDERS.items():
        out.append((kind, build(insp, "示城管检字〔2025〕1号")))
    seized = sample_seizure()
    for kind, build in compose_measures.BUILDERS.items():
        out.append((kind, build(seized, "示城管强字〔2024〕1号")))
    for granted in (True, False):
        permit = sample_permit(granted=granted)
        for kind, build in compose_permits.BUILDERS.items():
            out.append((f"{kind}-{granted}", build(permit, "示城管许字〔2025〕1号")))
    for n in (1, 2):
        out.append(
            (f"suggestion_reply-{n}", compose_suggestions.reply(sample_suggestion(n), "复1"))
        )
    # helper:execdocs — the bureau's own execution, demolition and fine, heard or silent
    for ex_kind in ("demolition", "fine"):
        for heard in (True, False):
            ex = sample_execution(kind=ex_kind, statement=heard)
            for kind, build in compose_execution.BUILDERS.items():
                if not compose_execution.unavailable_reason(ex, kind):
                    out.append((f"{kind}-{ex_kind}-{heard}", build(ex, "示城管强字〔2025〕1号")))
    return out


@pytest.mark.parametrize(("kind", "layout"), _all_layouts(), ids=lambda v: str(v)[:24])
def test_every_subject_document_reads_cleanly(kind, layout):
    text = layout.text()
    assert not SLIPS.findall(text), (kind, SLIPS.findall(text), text)
    assert "示范县城市管理局" in text


def test_the_inspection_notice_names_what_who_and_the_code_to_verify():
    data = sample_inspection()
    assert data.approved_on is not None
    text = compose_inspections.notice(data, "N1").text()
    for want in (
        "示范县福满楼餐饮有限公司",
        "餐饮服务单位油烟排放检查",
        "《中华人民共和国大气污染防治法》第八十一条",
        "李明（执法证号：豫41000012345）",
        "K7M2Q9XH4T3P",
        data.verify_url,
        "有权拒绝检查",
        "申请回避",
        seal_date(data.approved_on),  # the seal's date is the approval's
    ):
        assert want in text, want


def test_the_notice_embeds_the_qr_code_in_both_files():
    layout = compose_inspections.notice(sample_inspection(), "N1")
    qr = next(b for b in layout.blocks if isinstance(b, QRCode))
    png = qr.png()
    assert png.startswith(b"\x89PNG")
    docx = render_docx.render(layout)
    media = [n for n in zipfile.ZipFile(io.BytesIO(docx)).namelist() if n.startswith("word/media/")]
    assert len(media) == 1
    assert zipfile.ZipFile(io.BytesIO(docx)).read(media[0]) == png
    assert "K7M2Q9XH4T3P" in docx_text(docx)
    pdf = render_pdf.render(layout)
    assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf
    assert "K7M2Q9XH4T3P" in squeeze(pdf_text(pdf))


def test_the_result_and_the_correction_order_state_the_findings_deadline_and_remedies():
    data = sample_inspection()
    result = compose_inspections.result(data, "R1").text()
    assert "油烟净化设施未开启，油污积存。" in result
    assert "2025年3月18日前改正" in result
    order = compose_inspections.correction(data, "C1").text()
    for want in (
        "违反了《中华人民共和国大气污染防治法》第八十一条第一款的规定",
        "第二十八条第一款",
        "于2025年3月18日前改正：7日内清洗油烟净化设施并保持正常使用。",
        "六十日内向示范县人民政府申请行政复议",
        "六个月内直接向示范县人民法院提起行政诉讼",
    ):
        assert want in order, want
    recheck = compose_inspections.recheck(data, "F1").text()
    assert "已按要求改正" in recheck and "2025年3月19日" in recheck
    unmet = compose_inspections.recheck(replace(data, recheck_met=False), "F1").text()
    assert "未按要求改正，将依法查处" in unmet


def test_the_seizure_decision_has_every_item_of_article_24():
    data = sample_seizure()
    text = compose_measures.decision(data, "D1").text()
    for want in (
        "张建国",  # the party
        data.case_number,
        "擅自摆摊经营水果",  # the facts
        "第二十二条",  # the basis
        "1．三轮车（蓝色）1辆（车斗内水果两筐）；",
        "2．电子秤1台。",
        "示范县城市管理局暂扣物品库",  # the place
        "自2024年5月6日起至2024年6月5日止",  # the first period, before the extension
        "六十日内",  # remedies
        "陈述和申辩",
    ):
        assert want in text, want
    layout = compose_measures.decision(data, "D1")
    assert layout.title == "扣押决定书"
    seal = compose_measures.decision(replace(data, measure="查封"), "D1")
    assert seal.title == "查封决定书" and "予以查封" in seal.text()


def test_the_list_extension_and_release_name_items_periods_and_reasons():
    data = sample_seizure()
    listing = compose_measures.item_list(data, "L1").text()
    assert "1．三轮车（蓝色） 1辆；车斗内水果两筐" in listing
    assert "孙某（路人）" in listing
    extension = compose_measures.extension(data, "E1").text()
    assert "因案情复杂，需要进一步调查取证，经本机关负责人批准" in extension
    assert "延长10日，至2024年6月15日止" in extension
    assert "（示城管强决字〔2024〕1号）" in extension
    release = compose_measures.release(data, "R1").text()
    assert "鉴于已作出处理决定，不再需要查封扣押" in release
    assert "自2024年6月10日起解除扣押" in release


def test_the_permit_documents_state_what_the_law_asks():
    granted = sample_permit()
    accept = compose_permits.acceptance(granted, "A1").text()
    assert "第三十二条第一款第（五）项" in accept and "2025年7月16日前" in accept
    missing = compose_permits.materials(granted, "M1").text()
    assert "一次性告知" in missing
    assert "一、广告设施设计图及效果图；" in missing and "二、结构安全性能报告。" in missing
    grant = compose_permits.grant_decision(granted, "G1").text()
    assert "准予行政许可" in grant and "自2025年7月11日起至2028年7月10日止" in grant
    assert "广告设施每半年进行一次安全检测" in grant
    extension = compose_permits.extension(granted, "X1").text()
    assert "因需要现场勘验设置地点，本机关不能在二十个工作日内作出决定" in extension
    assert "延长十个工作日" in extension and "第四十二条第一款" in extension
    refused = compose_permits.refusal(sample_permit(granted=False), "F1").text()
    # XK-38: the reasons (the leading 经审查 not doubled) and the remedies.
    assert "经审查，设置地点位于城市主干道禁设区域。" in refused
    assert "经审查，经审查" not in refused
    assert "六十日内向示范县人民政府申请行政复议" in refused
    assert "六个月内直接向示范县人民法院提起行政诉讼" in refused


def test_the_licence_masks_a_persons_id_number_and_cites_the_decision():
    text = compose_permits.licence(sample_permit(), "示城管许证字〔2025〕1号").text()
    assert "411323199003071234" not in text
    assert "4113" in text and "1234" in text  # masked, not removed
    assert "示城管许准字〔2025〕1号" in text
    assert "有效期限 自2025年7月11日起至2028年7月10日止" in text


@pytest.mark.parametrize(
    "kind",
    [InspectionKind.RECORD, SeizureKind.LIST, PermitDocKind.LICENCE],
)
def test_both_renderers_print_the_same_facts(kind):
    if kind in compose_inspections.BUILDERS:
        layout = compose_inspections.BUILDERS[kind](sample_inspection(), "示城管字〔2025〕1号")
    elif kind in compose_measures.BUILDERS:
        layout = compose_measures.BUILDERS[kind](sample_seizure(), "示城管字〔2025〕1号")
    else:
        layout = compose_permits.BUILDERS[kind](sample_permit(), "示城管字〔2025〕1号")
    docx = squeeze(docx_text(render_docx.render(layout)))
    pdf = squeeze(pdf_text(render_pdf.render(layout)))
    for line in layout.text().splitlines():
        for piece in line.split(" "):
            if piece.strip():
                assert squeeze(piece) in docx, piece
                assert squeeze(piece) in pdf, piece


def test_the_reply_letter_names_the_proposal_once_and_a_redo_says_so():
    first = compose_suggestions.reply(sample_suggestion(1), "复1").text()
    assert "尊敬的委员：" in first
    assert "您提出的《关于规范户外广告设置的提案》（政协委员提案第7号）" in first
    assert "《《" not in first and "由市容环境卫生管理所主办，园林绿化管理所协办" in first
    assert "二、对违规广告开展集中整治。" in first and "经重新办理" not in first
    assert "经重新办理，现答复如下" in compose_suggestions.reply(sample_suggestion(2), "复1").text()
