"""Issue #15 item 5: the text of every 文书 of every demo case says nothing twice and carries no
English ids; the officer's own wording ("经查，…", "责令…", "当事人…于…") is joined cleanly."""

from __future__ import annotations

import re

import pytest

from chengguan.demo.context import DemoContext
from chengguan.documents import compose
from chengguan.documents.availability import unavailable_reason
from chengguan.documents.casedata import case_data
from chengguan.documents.kinds import Kind
from chengguan.documents.wording import cause_text, facts_sentence, order_clause
from chengguan.penalties.models import PenaltyCase

DOUBLED = [
    re.compile(r"([\u4e00-\u9fff]{2,})[，；、：]?\1"),  # 罚款，罚款 / 责令责令 / 当事人当事人
    re.compile(r"当事人[^。；\n]{0,14}，当事人"),  # 经查，当事人2026年…，当事人李建设于
    re.compile(r"责令当事人\s*(责令|当事人)"),
    re.compile(r"经查[，,]\s*经查"),
]
ENGLISH = re.compile(r"[A-Za-z]{3,}")
# Latin letters a 文书 may carry: the party's ID or credit code, and none else.
ALLOWED_LATIN = re.compile(r"[0-9A-Z]{15,18}")


# The statute's own words (行政处罚法第七十二条) repeat 加处罚款 on purpose.
STATUTORY = ("加处罚款，加处罚款的数额", "继续加处，加处罚款的数额")


def doubled(text: str) -> list[str]:
    for words in STATUTORY:
        text = text.replace(words, "")
    return [m.group(0) for p in DOUBLED for m in p.finditer(text)]


def test_every_document_of_every_demo_case_says_nothing_twice(demo: DemoContext) -> None:
    found: dict[str, list[str]] = {}
    seen = 0
    for case in PenaltyCase.objects.filter(bureau=demo.bureau).order_by("id"):
        data = case_data(case)
        for kind in Kind:
            if unavailable_reason(case, kind.value):
                continue
            text = compose.build(kind.value, data, "示城管罚字〔2026〕1号").text()
            seen += 1
            bad = doubled(text)
            words = [w for w in ENGLISH.findall(ALLOWED_LATIN.sub("", text))]
            if bad or words:
                found[f"{case.number} {kind.value}"] = bad + words
    assert seen >= 10
    assert found == {}


@pytest.mark.parametrize(
    ("facts", "when", "want"),
    [
        (
            "当事人李建设于2026年11月28日在人民路占道经营",
            "2026年11月28日",
            "经查，当事人李建设于2026年11月28日在人民路占道经营。",
        ),
        (
            "经查，当事人在人民路占道经营。",
            "2026年11月28日",
            "经查，2026年11月28日，当事人在人民路占道经营。",
        ),
        ("小型汽车停放于人行道上", "", "经查，小型汽车停放于人行道上。"),
    ],
)
def test_the_facts_are_introduced_once(facts: str, when: str, want: str) -> None:
    assert facts_sentence(facts, when) == want
    assert doubled(want) == []


@pytest.mark.parametrize(
    "typed",
    ["立即清除", "责令立即清除", "责令当事人立即清除。", "当事人立即清除", " 责令 立即清除；"],
)
def test_the_correction_order_is_not_doubled(typed: str) -> None:
    assert f"责令当事人{order_clause(typed)}。" == "责令当事人立即清除。"


def test_a_letter_names_the_cause_without_the_list_audience_tag() -> None:
    assert cause_text("随意倾倒、抛撒或者堆放建筑垃圾（单位）") == "随意倾倒、抛撒或者堆放建筑垃圾"
    assert (
        cause_text("擅自占用城市道路（占道经营、占道堆放）")
        == "擅自占用城市道路（占道经营、占道堆放）"
    )
