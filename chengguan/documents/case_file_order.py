"""The order of a general-procedure 案卷 (LEGAL-RULES §9) as data: each section of the file and the
文书 kinds filed in it, whatever subject (the case, its inspection, its seizures, its execution)
generated them.

A kind this table does not name (one added later, by another domain) is filed in the "其他文书"
section just before the 结案审批表, in the order it was generated: a new kind never breaks the file
and never needs this table to be edited first. Kinds named here that no domain has yet are harmless.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    kinds: tuple[str, ...]


OTHER = "other"

SECTIONS: tuple[Section, ...] = (
    Section("source", "案件来源登记", ("case_source", "source_registration")),
    Section("registration", "立案审批表", ("registration",)),
    Section(
        "records",
        "现场检查（勘验）笔录、询问笔录",
        (
            "inspection_notice",
            "inspection_record",
            "inspection_result",
            "survey_record",
            "inquiry_record",
        ),
    ),
    Section(
        "measures",
        "先行登记保存、查封扣押文书",
        (
            "preservation_notice",
            "preservation_decision",
            "seizure_decision",
            "seizure_list",
            "seizure_extension",
            "seizure_release",
        ),
    ),
    Section("correction", "责令（限期）改正通知书", ("correction_order", "recheck_record")),
    Section("report", "调查终结报告", ("investigation_report",)),
    Section("approval", "案件处理审批表", ("handling_approval",)),
    Section("notice", "行政处罚事先告知书、听证告知书", ("notice", "hearing_notice")),
    Section(
        "statement",
        "陈述申辩笔录、复核意见、听证文书",
        ("statement_record", "review_record", "hearing_record", "hearing_report"),
    ),
    Section("review", "法制审核意见书", ("review_opinion",)),
    Section("discussion", "集体讨论记录", ("discussion_record",)),
    Section(
        "decision",
        "行政处罚决定书（不予行政处罚决定书）",
        ("decision", "onsite_decision", "no_penalty_decision"),
    ),
    Section("service", "送达回证", ("service_receipt",)),
    Section(
        "payment",
        "缴款凭证、暂缓（分期）缴纳审批",
        ("payment_voucher", "deferral_approval", "instalment_approval"),
    ),
    Section(
        "execution",
        "催告书、强制执行文书",
        (
            "demand",
            "execution_demand",
            "execution_decision",
            "demolition_notice",
            "enforcement_application",
            "court_application",  # 强制执行申请书 (decision 090)
        ),
    ),
    # XF-22 / XF-27 (decision 090): a transferred case ends with its 移送书 and the receipt.
    Section("transfer", "案件移送书", ("transfer_letter", "crime_transfer")),
    Section(OTHER, "其他文书", ()),
    Section("closing", "结案审批表", ("closing_approval",)),
    Section("disclosure", "公示记录", ("disclosure_record",)),
)

_POSITION: dict[str, tuple[int, int]] = {
    kind: (s_index, k_index)
    for s_index, section in enumerate(SECTIONS)
    for k_index, kind in enumerate(section.kinds)
}
_OTHER_INDEX = next(i for i, s in enumerate(SECTIONS) if s.key == OTHER)


def section_of(kind: str) -> Section:
    """The section a kind is filed in; an unknown kind in "其他文书"."""
    position = _POSITION.get(kind)
    return SECTIONS[position[0] if position else _OTHER_INDEX]


def sort_key(kind: str, generated_order: int) -> tuple[int, int, int]:
    """Section, then the kind's place in its section, then the order it was generated in (which
    is all that orders the unknown kinds of "其他文书")."""
    section, place = _POSITION.get(kind, (_OTHER_INDEX, 0))
    return (section, place, generated_order)
