"""移送 (XF-22, XF-27): the case leaves the bureau's penalty procedure for the judiciary or the
competent body, and is suspended in ``transferred`` (decision 076)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from chengguan.core.errors import Invalid, enforce
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.org.roles import Role
from chengguan.penalties.actions import _dates
from chengguan.penalties.actions._common import (
    OUT,
    _lock,
    _not_future,
    _number,
    _on_case,
    _staff,
    _state,
)
from chengguan.penalties.checks import transfer as rules
from chengguan.penalties.models import PenaltyCase, Transfer
from chengguan.penalties.states import Status
from chengguan.penalties.transitions import transition

KINDS = {rules.JUDICIAL, rules.COMPETENT_BODY}


def transfer(
    case_id: int,
    *,
    actor: Staff,
    kind: str,
    to: str,
    reason: str,
    decided_on: dt.date,
    handed_over_on: dt.date,
    receipt: str = "",
    approved_by: str = "",
    suspected_crime_on: dt.date | None = None,
    late_reason: str = "",
) -> PenaltyCase:
    """Record a transfer: the decision (for a suspected crime approved by the head within 3 days
    of the report), the hand-over of the file (within 24 hours) and the receiving body's receipt.

    The report date is ``suspected_crime_on`` where the suspicion arose during the case, else the
    case's discovery. The case is suspended: a later decision is refused as XF-27 / XF-22."""
    errors: dict[str, str] = {}
    if kind not in KINDS:
        errors["kind"] = "应为 judicial|competent_body"
    if not to.strip():
        errors["to"] = "请写明接收的机关"
    if not reason.strip():
        errors["reason"] = "请写明移送理由（涉嫌的罪名或不属本机关管辖的依据）"
    if errors:
        raise Invalid("移送内容有误", details=errors)
    _not_future(decided_on, "decided_on", "移送决定日期")
    _not_future(handed_over_on, "handed_over_on", "移交案卷日期")
    if suspected_crime_on is not None:
        _not_future(suspected_crime_on, "suspected_crime_on", "发现涉嫌犯罪日期")
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.transfer", case)
        if not actor.has_role(Role.HEAD):
            _on_case(actor, case, "penalties.transfer")
        _state(case, "transfer")
        reported_on = suspected_crime_on or case.discovered_date
        # TM-1: report → decision → hand-over, in that order, none before the case's discovery.
        _dates.after(
            reported_on,
            case.discovered_date,
            field="suspected_crime_on",
            label="发现涉嫌犯罪日期",
            earlier_label="案件发现日期",
        )
        _dates.after(
            decided_on,
            reported_on,
            field="decided_on",
            label="移送决定日期",
            earlier_label="发现或报告日期",
        )
        _dates.after(
            handed_over_on,
            decided_on,
            field="handed_over_on",
            label="移交案卷日期",
            earlier_label="移送决定日期",
        )
        approver = (
            _staff(actor, approved_by.strip(), "approved_by") if approved_by.strip() else None
        )
        if approver is None and actor.has_role(Role.HEAD):
            approver = actor
        enforce(
            rules.transfer(
                kind=kind,
                reported_on=reported_on,
                decided_on=decided_on,
                handed_over_on=handed_over_on,
                approver_is_head=None if approver is None else approver.has_role(Role.HEAD),
                receipt=receipt,
                late_reason=late_reason,
            )
        )
        row = Transfer.objects.create(
            case=case,
            kind=kind,
            to=to.strip(),
            reason=reason.strip(),
            reported_on=reported_on,
            decided_on=decided_on,
            approved_by=approver,
            handed_over_on=handed_over_on,
            receipt=receipt.strip(),
            late_reason=late_reason.strip(),
            recorded_by=actor,
        )
        # The transfer decision is the case's decision of kind "transfer" (as the figures count it).
        case.decision_kind = OUT.TRANSFER
        case.transferred_to = row.to
        case.decided_on = decided_on
        case.decided_by = approver or actor
        case.decision_number = _number(case, "penalty.transfer", "移字", decided_on.year)
        transition(
            case,
            to=Status.TRANSFERRED,
            actor=actor,
            action="penalty.transfer",
            update_fields=[
                "decision_kind",
                "transferred_to",
                "decided_on",
                "decided_by",
                "decision_number",
            ],
            payload={
                "transfer": row.pk,
                "kind": kind,
                "to": row.to,
                "reason": row.reason,
                "reported_on": reported_on.isoformat(),
                "decided_on": decided_on.isoformat(),
                "handed_over_on": handed_over_on.isoformat(),
                "approved_by": approver.username if approver else None,
                "receipt": row.receipt,
                "late_reason": row.late_reason or None,
                "decision_number": case.decision_number,
            },
        )
    return case
