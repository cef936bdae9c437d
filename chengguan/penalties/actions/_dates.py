"""TM-1/TM-2 for the actions that record a date: the order of events and the 补记 (back-dated entry).

Private to the package, like ``_common``. The checks are in ``checks/dates.py``; this module reads
the calendar, the local setting and the approving head, and returns what the ledger entry records.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from chengguan.core import clock
from chengguan.core.errors import Invalid, enforce
from chengguan.core.rules import local
from chengguan.core.workdays import CalendarMissing, workdays_between
from chengguan.org.models import Staff
from chengguan.org.roles import Role
from chengguan.penalties.checks import dates


def after(
    value: dt.date, earlier: dt.date | None, *, field: str, label: str, earlier_label: str
) -> None:
    """TM-1: ``value`` is not in the future and not before ``earlier`` (the event it follows)."""
    enforce(
        dates.recorded_date(
            value,
            label=label,
            field=field,
            today=clock.today(),
            after=earlier,
            after_label=earlier_label,
        )
    )


def _workdays_before(value: dt.date, today: dt.date) -> int:
    try:
        return workdays_between(value, today)
    except CalendarMissing:
        # Without the calendar, calendar days: never fewer than the working days, so a back-dated
        # entry is never let through for want of a calendar (fail closed).
        return (today - value).days


def backdate(
    actor: Staff,
    value: dt.date,
    *,
    field: str,
    label: str,
    reason: str = "",
    approved_by: str = "",
) -> tuple[dict[str, Any], Staff | None]:
    """TM-2: a date more than ``backdate_working_days`` working days before today needs a reason
    and the approval of a head of the actor's bureau. Returns the ledger data to record and the
    approving head (empty and None when the date is recent)."""
    today = clock.today()
    n = _workdays_before(value, today)
    limit = int(local("backdate_working_days"))
    if n <= limit:
        return {}, None
    approver = None
    if approved_by.strip():
        approver = Staff.objects.filter(
            bureau_id=actor.bureau_id, username=approved_by.strip(), is_active=True
        ).first()
        if approver is None:
            raise Invalid(
                f"未找到人员 {approved_by}",
                details={"backdate_approved_by": f"未找到人员 {approved_by}"},
            )
    enforce(
        dates.backdated(
            value,
            label=label,
            field=field,
            workdays_before=n,
            limit=limit,
            reason=reason,
            approver_is_head=None if approver is None else approver.has_role(Role.HEAD),
        )
    )
    assert approver is not None
    data = {
        "backdate": {
            "field": field,
            "date": value.isoformat(),
            "workdays_before": n,
            "reason": reason.strip(),
            "approved_by": approver.username,
        }
    }
    return data, approver
