"""TM-1 and TM-2 (LEGAL-RULES §10.1): the truth of a recorded date.

A date an officer types (送达日期, 缴纳日期, 申请日期 …) is a fact of the case file: it may not lie in
the future, nor before the event it follows; and a date far in the past is a 补记 that the head must
approve, with its reason, so that a back-dated entry is visible and accountable.

Pure functions returning Violations; the actions compute "today" and the working days.
"""

from __future__ import annotations

import datetime as dt

from chengguan.core.errors import Violation
from chengguan.law.registry import violation


def recorded_date(
    value: dt.date,
    *,
    label: str,
    field: str,
    today: dt.date,
    after: dt.date | None = None,
    after_label: str = "",
) -> list[Violation]:
    """TM-1: not in the future; not before ``after`` (the event this date follows), if known."""
    if value > today:
        return [
            violation(
                "TM-1",
                f"{label}（{value:%Y-%m-%d}）不能晚于今天；只能记录已经发生的事项",
                field=field,
                value=value.isoformat(),
            )
        ]
    if after is not None and value < after:
        return [
            violation(
                "TM-1",
                f"{label}（{value:%Y-%m-%d}）不能早于{after_label}（{after:%Y-%m-%d}）",
                field=field,
                value=value.isoformat(),
                earliest=after.isoformat(),
            )
        ]
    return []


def backdated(
    value: dt.date,
    *,
    label: str,
    field: str,
    workdays_before: int,
    limit: int,
    reason: str,
    approver_is_head: bool | None,
) -> list[Violation]:
    """TM-2: a date more than ``limit`` working days before the day it is entered needs the reason
    and the head's approval. ``approver_is_head`` is None when no approver was named."""
    if workdays_before <= limit:
        return []
    if not reason.strip() or not approver_is_head:
        return [
            violation(
                "TM-2",
                f"{label}（{value:%Y-%m-%d}）早于录入之日{workdays_before}个工作日，超过"
                f"{limit}个工作日的须写明补记理由（backdate_reason）并经负责人批准"
                "（backdate_approved_by）",
                field=field,
                workdays_before=workdays_before,
                limit=limit,
            )
        ]
    return []
