"""The 文书 of the bureau's own compulsory execution from plain data (decision 090): each carries
what its article asks (QZ-35 催告, QZ-37 决定, QZ-44 公告), says nothing twice, carries no English
id, and both renderers print the same text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chengguan.documents import compose_execution, render_docx, render_pdf
from chengguan.documents.chinese import seal_date
from chengguan.documents.subject_kinds import ExecutionKind
from chengguan.documents.subject_samples import sample_execution
from tests.documents.helpers import docx_text
from tests.documents.pdftext import pdf_text, squeeze
from tests.documents.test_wording import ALLOWED_LATIN, ENGLISH, doubled


def _every() -> list[tuple[str, str, bool]]:
    return [
        (kind, ex_kind, heard)
        for kind in ExecutionKind.values
        for ex_kind in ("demolition", "fine")
        for heard in (True, False)
    ]


@pytest.mark.parametrize(("kind", "ex_kind", "heard"), _every())
def test_every_execution_document_says_nothing_twice_and_no_english(kind, ex_kind, heard):
    data = sample_execution(kind=ex_kind, statement=heard)
    reason = compose_execution.unavailable_reason(data, kind)
    if reason:
        assert kind == ExecutionKind.NOTICE and ex_kind == "fine", reason
        return
    text = compose_execution.BUILDERS[kind](data, "示城管强催字〔2025〕1号").text()
    assert doubled(text) == [], text
    assert ENGLISH.findall(ALLOWED_LATIN.sub("", text)) == [], text


def test_QZ_35_the_demand_states_period_way_amount_and_the_right_to_state_and_defend():
    data = sample_execution(kind="fine")
    text = compose_execution.demand(data, "D1").text()
    for want in (
        "于2025年6月20日前履行上述义务",  # period
        "履行方式：到银行缴纳。",  # way
        "人民币1150元（大写：壹仟壹佰伍拾元整）",  # amount of a money duty
        "有权进行陈述和申辩",  # the right
        "第三十六条",
        "示城管罚决字〔2025〕3号",  # the decision it executes
        "《中华人民共和国城乡规划法》第六十八条",  # the bureau's power (QZ-13)
        seal_date(data.demand_served_on),
    ):
        assert want in text, want
    no_money = compose_execution.demand(sample_execution(), "D1").text()
    assert "人民币" not in no_money and "限期拆除人民路东段违法搭建的彩钢棚" in no_money


def test_QZ_37_the_decision_states_reason_basis_way_time_and_remedies():
    data = sample_execution()
    text = compose_execution.decision(data, "E1").text()
    for want in (
        "强制执行的理由：当事人经催告逾期仍不拆除，且无正当理由。",
        "《中华人民共和国城乡规划法》第六十八条和《中华人民共和国行政强制法》第三十七条",
        "强制执行的方式：组织人员强制拆除。",
        "强制执行的时间：2025年6月24日10时00分。",
        "《催告书》（示城管强催字〔2025〕1号）",
        "彩钢棚系临时堆放货物所用，请求宽限。本机关经复核认为：理由不成立，不予采纳。",
        "六十日内向示范县人民政府申请行政复议",
        "六个月内直接向示范县人民法院提起行政诉讼",
        "第四十四条",  # a demolition is noticed first
        seal_date(dt) if (dt := data.executed_decided_on) else "",
    ):
        assert want in text, want
    silent = compose_execution.decision(sample_execution(statement=False), "E1").text()
    assert "在催告期限内未提出陈述、申辩" in silent
    fine = compose_execution.decision(sample_execution(kind="fine"), "E1").text()
    assert "第四十四条" not in fine and "强制执行罚款" in fine


def test_QZ_44_the_notice_gives_the_party_its_own_period_and_waits_for_the_remedies():
    data = sample_execution()
    text = compose_execution.notice(data, "G1").text()
    for want in (
        "限张建国于2025年7月3日前自行拆除人民路东段违法搭建的彩钢棚。",
        "《行政强制执行决定书》（示城管强执字〔2025〕1号）",
        "不申请行政复议或者提起行政诉讼，又逾期不自行拆除的",
        "公告张贴地点：人民路东段违法建筑现场及本机关公告栏。",
    ):
        assert want in text, want
    assert compose_execution.unavailable_reason(
        replace(data, notice_posted_on=None), "demolition_notice"
    )
    assert compose_execution.unavailable_reason(
        replace(data, executed_decided_on=None), "execution_decision"
    )


@pytest.mark.parametrize("kind", ExecutionKind.values)
def test_both_renderers_print_the_same_execution_text(kind):
    layout = compose_execution.BUILDERS[kind](sample_execution(), "示城管强字〔2025〕9号")
    docx = render_docx.render(layout)
    pdf = render_pdf.render(layout)
    assert pdf.startswith(b"%PDF-")
    for text in (squeeze(docx_text(docx)), squeeze(pdf_text(pdf))):
        assert squeeze("示城管强字〔2025〕9号") in text
        assert squeeze(str(ExecutionKind(kind).label)) in text
        assert squeeze("示范县城市管理局") in text
