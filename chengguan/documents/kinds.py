"""The 执法文书 kinds of API.md, their titles and the 文号 word of each."""

from __future__ import annotations

from django.db import models

from chengguan.documents.subject_kinds import LABELS  # --- helper:documents ---


class Kind(models.TextChoices):
    REGISTRATION = "registration", "立案审批表"
    NOTICE = "notice", "行政处罚事先告知书"
    HEARING_NOTICE = "hearing_notice", "听证告知书"
    REVIEW_OPINION = "review_opinion", "法制审核意见书"
    DISCUSSION_RECORD = "discussion_record", "集体讨论记录"
    DECISION = "decision", "行政处罚决定书"
    ONSITE_DECISION = "onsite_decision", "当场处罚决定书"
    NO_PENALTY_DECISION = "no_penalty_decision", "不予行政处罚决定书"
    SERVICE_RECEIPT = "service_receipt", "送达回证"
    CLOSING_APPROVAL = "closing_approval", "结案审批表"
    DEMAND = "demand", "催告书"
    STATEMENT_RECORD = "statement_record", "陈述申辩笔录"  # helper:forms (XF-45, decision 087)
    # --- helper:execdocs --- decision 090
    COURT_APPLICATION = "court_application", "强制执行申请书"
    TRANSFER_LETTER = "transfer_letter", "案件移送书"
    CRIME_TRANSFER = "crime_transfer", "涉嫌犯罪案件移送书"
    # --- /helper:execdocs ---


class Format(models.TextChoices):
    DOCX = "docx", "Word 文档"
    PDF = "pdf", "PDF"


CONTENT_TYPES = {
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Format.PDF: "application/pdf",
}

# The word between the bureau's short name and 〔年〕 in a 文号, e.g. 示城管罚告字〔2024〕3号.
NUMBER_WORDS: dict[str, str] = {
    Kind.REGISTRATION: "立审字",
    Kind.NOTICE: "罚告字",
    Kind.HEARING_NOTICE: "听告字",
    Kind.REVIEW_OPINION: "法审字",
    Kind.DISCUSSION_RECORD: "集讨字",
    Kind.DECISION: "罚决字",
    Kind.ONSITE_DECISION: "当罚字",
    Kind.NO_PENALTY_DECISION: "不罚字",
    Kind.SERVICE_RECEIPT: "送证字",
    Kind.CLOSING_APPROVAL: "结审字",
    Kind.DEMAND: "催字",
    Kind.STATEMENT_RECORD: "陈申字",  # helper:forms
    # --- helper:execdocs --- a transfer letter carries the transfer decision's 移字 number
    Kind.COURT_APPLICATION: "强申字",
    Kind.TRANSFER_LETTER: "移字",
    Kind.CRIME_TRANSFER: "移字",
    # --- /helper:execdocs ---
}


# --- helper:documents --- the title of any kind, a case's or another subject's (decision 081)
def label(kind: str) -> str:
    if kind in Kind.values:
        return str(Kind(kind).label)
    return LABELS.get(kind, kind)


# --- /helper:documents ---


def filename(kind: str, number: str, fmt: str) -> str:
    """The Chinese file name a user saves: 行政处罚决定书（示城管罚决字〔2025〕3号）.pdf."""
    return f"{label(kind)}（{number}）.{fmt}"  # --- helper:documents --- any subject's kind
