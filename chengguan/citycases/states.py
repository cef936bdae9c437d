"""The city-case states and the transition table, as data (DESIGN.md §2)."""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    REPORTED = "reported", "已上报"
    FILED = "filed", "已立案"
    REJECTED = "rejected", "不予立案"
    DISPATCHED = "dispatched", "已派遣"
    HANDLED = "handled", "已处置"
    VERIFIED = "verified", "已核查"
    CLOSED = "closed", "已结案"
    MERGED = "merged", "已合并"


class Source(models.TextChoices):
    INSPECTION = "inspection", "监督员上报"
    PUBLIC = "public", "公众举报"
    HOTLINE = "hotline", "12345热线"
    PETITION = "petition", "信访"
    LETTER_VISIT = "letter_visit", "来信来访"
    EFFICIENCY_COMPLAINT = "efficiency_complaint", "效能投诉"
    VIDEO = "video", "视频监控"


# RX-2: these sources are work orders of the hotline: a requester, a reply before closing, a callback.
HOTLINE_SOURCES = frozenset(
    {Source.HOTLINE, Source.PETITION, Source.LETTER_VISIT, Source.EFFICIENCY_COMPLAINT}
)


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY_SATISFIED = "basically_satisfied", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


# action → (statuses it may start from, status it leads to; None = unchanged or decided by the action)
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "file": (frozenset({Status.REPORTED}), Status.FILED),
    "reject": (frozenset({Status.REPORTED}), Status.REJECTED),
    "merge": (frozenset({Status.REPORTED, Status.FILED}), Status.MERGED),
    "dispatch": (frozenset({Status.FILED}), Status.DISPATCHED),
    "return": (frozenset({Status.DISPATCHED}), Status.FILED),
    "handle": (frozenset({Status.DISPATCHED}), Status.HANDLED),
    # passed → verified; failed → dispatched again (返工)
    "verify": (frozenset({Status.HANDLED}), None),
    "close": (frozenset({Status.VERIFIED}), Status.CLOSED),
    "callback": (frozenset({Status.CLOSED}), Status.CLOSED),
    "reopen": (frozenset({Status.CLOSED}), Status.FILED),
    "extend": (frozenset({Status.DISPATCHED}), Status.DISPATCHED),
    "decide_extension": (frozenset({Status.DISPATCHED}), Status.DISPATCHED),
    "suspend": (frozenset({Status.DISPATCHED}), Status.DISPATCHED),
    "resume": (frozenset({Status.DISPATCHED}), Status.DISPATCHED),
}

# The rows above whose outcome the action decides (None): every status they may lead to.
OUTCOMES: dict[str, frozenset[str]] = {
    "verify": frozenset({Status.VERIFIED, Status.DISPATCHED}),
}

ACTION_LABELS = {
    "report": "上报",
    "file": "立案",
    "reject": "不予立案",
    "merge": "合并",
    "dispatch": "派遣",
    "return": "退单",
    "handle": "处置",
    "verify": "核查",
    "rework": "返工",
    "close": "结案",
    "callback": "回访",
    "reopen": "重新启用",
    "extend": "申请延期",
    "decide_extension": "审批延期",
    "suspend": "挂账",
    "resume": "恢复办理",
}

OPEN_STATUSES = frozenset(
    {Status.REPORTED, Status.FILED, Status.DISPATCHED, Status.HANDLED, Status.VERIFIED}
)
