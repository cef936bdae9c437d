"""The kinds and states of service-type enforcement records (data only)."""

from __future__ import annotations

from django.db import models


class PointKind(models.TextChoices):
    ENTERPRISE = "enterprise", "企业"
    SITE = "site", "场所（市场、工地、商圈等）"


class GuidanceKind(models.TextChoices):
    ADVICE = "advice", "行政建议（指导意见）"
    REMINDER = "reminder", "提醒函"
    WARNING = "warning", "告诫书"


class Status(models.TextChoices):
    OPEN = "open", "待回访"
    CORRECTED = "corrected", "已改正"
    NOT_CORRECTED = "not_corrected", "未改正"
    ESCALATED = "escalated", "已转立案或检查"


class EscalatedTo(models.TextChoices):
    CITY_CASE = "city_case", "数字城管案件"
    INSPECTION = "inspection", "行政检查"


S = Status
# action → the statuses it may start from; anything else is 409 "state".
ALLOWED: dict[str, frozenset[str]] = {
    # A not-corrected follow-up may be followed by another visit (the party corrects late).
    "follow_up": frozenset({S.OPEN, S.NOT_CORRECTED}),
    "escalate": frozenset({S.NOT_CORRECTED}),
}
LEADS_TO: dict[str, frozenset[str]] = {
    "create": frozenset({S.OPEN}),
    "follow_up": frozenset({S.CORRECTED, S.NOT_CORRECTED}),
    "escalate": frozenset({S.ESCALATED}),
}
