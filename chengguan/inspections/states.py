"""The states of an inspection and of a plan, and which action may leave which state (data only)."""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    OPEN = "open", "待入企"
    CHECKED_IN = "checked_in", "已扫码入企"
    RECORDED = "recorded", "已记录检查情况"
    TOLD = "told", "已书面告知结果"
    CLOSED = "closed", "已办结"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "待批准"
    APPROVED = "approved", "已批准"
    DRAWN = "drawn", "已抽取"


class Reason(models.TextChoices):
    PLAN = "plan", "计划检查（双随机）"
    COMPLAINT = "complaint", "投诉举报"
    REFERRAL = "referral", "转办交办"
    RISK = "risk", "风险数据（问题线索）"


# JC-2: reasons that may start before the head's approval (approval follows within the setting).
APPROVAL_AFTERWARDS = frozenset({Reason.COMPLAINT, Reason.REFERRAL, Reason.RISK})
# JC-4: reasons that do not count against the yearly cap.
CAP_EXEMPT = frozenset({Reason.COMPLAINT})

S = Status
# action → the statuses it may start from; anything else is 409 "state".
ALLOWED: dict[str, frozenset[str]] = {
    "approve": frozenset({S.OPEN, S.CHECKED_IN, S.RECORDED, S.TOLD}),
    "check_in": frozenset({S.OPEN}),
    "record": frozenset({S.CHECKED_IN}),
    "notify_result": frozenset({S.RECORDED}),
    "order_correction": frozenset({S.RECORDED, S.TOLD}),
    "close": frozenset({S.RECORDED, S.TOLD}),
    # --- helper:inspections2 --- ZL-1's 复查 may come after the close; a case from findings
    "recheck": frozenset({S.RECORDED, S.TOLD, S.CLOSED}),
    "open_case": frozenset({S.RECORDED, S.TOLD, S.CLOSED}),
    # --- /helper:inspections2 ---
}

LEADS_TO: dict[str, frozenset[str]] = {
    "create": frozenset({S.OPEN}),
    "approve": frozenset({S.OPEN, S.CHECKED_IN, S.RECORDED, S.TOLD}),
    "check_in": frozenset({S.CHECKED_IN}),
    "record": frozenset({S.RECORDED}),
    "notify_result": frozenset({S.TOLD}),
    "order_correction": frozenset({S.RECORDED, S.TOLD}),
    "close": frozenset({S.CLOSED}),
    # --- helper:inspections2 --- neither changes the status
    "recheck": frozenset({S.RECORDED, S.TOLD, S.CLOSED}),
    "open_case": frozenset({S.RECORDED, S.TOLD, S.CLOSED}),
    # --- /helper:inspections2 ---
}

P = PlanStatus
PLAN_ALLOWED: dict[str, frozenset[str]] = {
    "approve": frozenset({P.DRAFT}),
    "draw": frozenset({P.APPROVED}),
}
PLAN_LEADS_TO: dict[str, frozenset[str]] = {
    "approve": frozenset({P.APPROVED}),
    "draw": frozenset({P.DRAWN}),
}
