"""The handling clock moves or pauses (SC-6): 延期申请 and its 审批, 挂账 and 恢复办理.

Each keeps the case dispatched; it still goes through the transition writer, whose table row says
from which status it may start."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from chengguan.citycases import checks
from chengguan.citycases.actions._base import as_handler, lock
from chengguan.citycases.models import CityCase, Extension
from chengguan.citycases.states import Status
from chengguan.citycases.transitions import transition
from chengguan.core import clock
from chengguan.core.errors import Invalid, StateError, enforce
from chengguan.core.rules import local
from chengguan.core.workdays import add_work_hours, work_hours_between
from chengguan.org.models import Staff
from chengguan.org.permissions import require


def _hours(value: Any) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise Invalid("延期时长无效", details={"hours": "应为数字"}) from exc
    limit = Decimal(str(local("max_extension_hours")))
    if not Decimal("0.5") <= hours <= limit:
        raise Invalid("延期时长无效", details={"hours": f"应在 0.5 到 {limit} 工作时之间"})
    return hours


def request_extension(*, actor: Staff, case_id: int, hours: Any, reason: str) -> CityCase:
    """延期申请 by the handling unit; at most LOCAL_RULES["max_extensions"] per case (SC-6)."""
    amount = _hours(hours)
    if not (reason or "").strip():
        raise Invalid("延期申请必须填写理由", details={"reason": "必须填写理由"})
    with transaction.atomic():
        case = lock(actor, case_id)
        as_handler(actor, case, "citycases.extend")
        checks.require_transition(case, "extend")
        pending = case.extensions.filter(decision=Extension.Decision.PENDING).count()
        enforce(checks.extension_allowed(case, pending))
        if pending:
            raise StateError("已有待审批的延期申请")
        Extension.objects.create(
            case=case, hours=amount, reason=reason, requested_by=actor, requested_at=clock.now()
        )
        transition(
            case,
            to=Status.DISPATCHED,
            actor=actor,
            action="extend",
            note=f"申请延期 {amount} 工作时：{reason}",
            payload={"hours": str(amount), "reason": reason},
        )
    return case


def decide_extension(*, actor: Staff, case_id: int, approved: bool, note: str = "") -> CityCase:
    """延期审批 by the command centre: an approved extension moves the handling due time."""
    with transaction.atomic():
        case = lock(actor, case_id)
        require(actor, "citycases.decide_extension", case)
        checks.require_transition(case, "decide_extension")
        ext = case.extensions.filter(decision=Extension.Decision.PENDING).first()
        if ext is None:
            raise StateError("没有待审批的延期申请")
        if approved:
            enforce(checks.extension_allowed(case, 0))
        now = clock.now()
        ext.decision = Extension.Decision.APPROVED if approved else Extension.Decision.REFUSED
        ext.decided_by, ext.decided_at, ext.note = actor, now, note
        ext.save()
        if approved:
            case.extension_count += 1
            if case.suspended:
                case.suspended_remaining_hours = (case.suspended_remaining_hours or 0) + float(
                    ext.hours
                )
            elif case.handle_due is not None:
                case.handle_due = add_work_hours(case.handle_due, float(ext.hours))
                case.current_due = case.handle_due
        label = "批准" if approved else "不批准"
        transition(
            case,
            to=Status.DISPATCHED,
            actor=actor,
            action="decide_extension",
            note=f"{label}延期 {ext.hours} 工作时" + (f"：{note}" if note else ""),
            payload={"approved": approved, "hours": str(ext.hours), "note": note},
        )
    return case


def suspend(*, actor: Staff, case_id: int, reason: str) -> CityCase:
    """挂账: a case that cannot be disposed of for now; the handling clock stops."""
    if not (reason or "").strip():
        raise Invalid("挂账必须填写理由", details={"reason": "必须填写理由"})
    with transaction.atomic():
        case = lock(actor, case_id)
        require(actor, "citycases.suspend", case)
        checks.require_transition(case, "suspend")
        if case.suspended:
            raise StateError("案件已挂账")
        now = clock.now()
        remaining = work_hours_between(now, case.handle_due) if case.handle_due else 0.0
        case.suspended, case.suspended_at = True, now
        case.suspended_remaining_hours = round(remaining, 4)
        case.current_due = None
        transition(
            case,
            to=Status.DISPATCHED,
            actor=actor,
            action="suspend",
            note=reason,
            payload={"reason": reason, "remaining_hours": remaining},
        )
    return case


def resume(*, actor: Staff, case_id: int, note: str = "") -> CityCase:
    """恢复办理: the clock runs again with the working hours that were left at suspension."""
    with transaction.atomic():
        case = lock(actor, case_id)
        require(actor, "citycases.suspend", case)
        checks.require_transition(case, "resume")
        if not case.suspended:
            raise StateError("案件未挂账")
        now = clock.now()
        case.handle_due = add_work_hours(now, case.suspended_remaining_hours or 0.0)
        case.suspended, case.suspended_at, case.suspended_remaining_hours = False, None, None
        case.current_due = case.handle_due
        transition(
            case,
            to=Status.DISPATCHED,
            actor=actor,
            action="resume",
            note=note,
            due=case.handle_due,
            payload={"handle_due": case.handle_due.isoformat(), "note": note},
        )
    return case
