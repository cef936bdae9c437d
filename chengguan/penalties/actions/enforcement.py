"""Court enforcement of an unpaid fine: 催告 (QZ-54), the application (QZ-53) and the court's outcome."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from chengguan.core import clock
from chengguan.core.errors import Invalid, StateError, enforce
from chengguan.ledger.actions import record
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.penalties import checks, money, periods
from chengguan.penalties.actions import _dates
from chengguan.penalties.actions._common import (
    Case,
    _lock,
    _not_future,
    _on_case,
    _state,
)
from chengguan.penalties.checks import procedure as procedure_rules
from chengguan.penalties.checks import service_methods as sd
from chengguan.penalties.models import (
    Demand,
    EnforcementApplication,
    PenaltyCase,
)
from chengguan.penalties.states import Status
from chengguan.penalties.transitions import transition


def demand(
    case_id: int,
    *,
    actor: Staff,
    served_on: dt.date,
    method: str,
    recipient: str = "",
    note: str = "",
    backdate_reason: str = "",
    backdate_approved_by: str = "",
) -> PenaltyCase:
    """催告 (QZ-54, 行政强制法第三十五条): a written demand once payment is overdue, before the
    bureau may apply to the court."""
    method = sd.normalise(method)  # "notice" (old clients) is 公告送达, now "public"
    if method not in Case.ServiceMethod.values:
        raise Invalid(
            "送达方式无效",
            details={"method": "应为 direct|left|post|electronic|entrusted|public"},
        )
    _not_future(served_on, "served_on", "送达日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _state(case, "demand")
        if not case.fine_amount:
            raise StateError("本案决定未处罚款，无需催告缴纳")
        assert case.served_on is not None
        _dates.after(
            served_on,
            case.served_on,
            field="served_on",
            label="催告书送达日期",
            earlier_label="处罚决定送达日期",
        )
        due = money.next_due(case)
        assert due is not None  # served, fine unpaid
        enforce(checks.demand(due=due, served_on=served_on))
        backdated, _ = _dates.backdate(
            actor,
            served_on,
            field="served_on",
            label="催告书送达日期",
            reason=backdate_reason,
            approved_by=backdate_approved_by,
        )
        fine, _, surcharge = money.outstanding(case, served_on)
        d = Demand.objects.create(
            case=case,
            served_on=served_on,
            method=method,
            recipient=recipient or case.party.name,
            fine_due=fine,
            surcharge_due=surcharge,
            # TM-2: the ten working days of a back-dated demand run from its entry at the earliest.
            perform_by=periods.demand_perform_by(
                max(served_on, clock.today()) if backdated else served_on
            ),
            note=note,
            recorded_by=actor,
        )
        record(
            actor,
            "penalty.demand",
            case,
            {
                "demand": d.pk,
                "served_on": served_on.isoformat(),
                "method": method,
                "fine_due": str(fine),
                "surcharge_due": str(surcharge),
                "perform_by": d.perform_by.isoformat(),
                **backdated,
            },
        )
    return case


def apply_enforcement(
    case_id: int,
    *,
    actor: Staff,
    court: str,
    applied_on: dt.date,
    document_number: str,
    backdate_reason: str = "",
    backdate_approved_by: str = "",
) -> PenaltyCase:
    """申请人民法院强制执行 (QZ-53): after the remedy periods, within three months, and only after a
    催告书 whose ten working days have passed (QZ-54)."""
    errors = {}
    if not court.strip():
        errors["court"] = "请写明受理申请的人民法院"
    if not document_number.strip():
        errors["document_number"] = "请写明强制执行申请书的文号"
    if errors:
        raise Invalid("强制执行申请信息不完整", details=errors)
    _not_future(applied_on, "applied_on", "申请日期")
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.enforce", case)
        _state(case, "apply_enforcement")
        if not case.fine_amount:
            raise StateError("本案决定未处罚款，无需申请强制执行罚款")
        window = money.enforcement_window(case)
        assert window is not None
        periods_end, apply_by = window
        last = case.demands.order_by("-served_on", "-id").first()
        enforce(
            checks.enforcement_application(
                applied_on=applied_on,
                revoked=case.decision_revoked_on is not None,
                remedy_pending=case.remedies.filter(concluded_on__isnull=True).exists(),
                periods_end=periods_end,
                apply_by=apply_by,
                demand_served_on=last.served_on if last else None,
                demand_perform_by=last.perform_by if last else None,
            )
            # XF-72.2 (helper:due3): not before the end of an approved deferral/instalment plan.
            + procedure_rules.after_arrangement(applied_on, money.arrangement_end(case))
        )
        assert last is not None
        backdated, _ = _dates.backdate(
            actor,
            applied_on,
            field="applied_on",
            label="强制执行申请日期",
            reason=backdate_reason,
            approved_by=backdate_approved_by,
        )
        fine, _, surcharge = money.outstanding(case, applied_on)
        app = EnforcementApplication.objects.create(
            case=case,
            court=court.strip(),
            applied_on=applied_on,
            document_number=document_number.strip(),
            demand=last,
            fine_due=fine,
            surcharge_due=surcharge,
            recorded_by=actor,
        )
        transition(
            case,
            to=Status.ENFORCEMENT,
            actor=actor,
            action="penalty.apply_enforcement",
            update_fields=[],
            payload={
                "application": app.pk,
                "court": app.court,
                "applied_on": applied_on.isoformat(),
                "document_number": app.document_number,
                "demand": last.pk,
                "fine_due": str(fine),
                "surcharge_due": str(surcharge),
                "periods_end": periods_end.isoformat(),
                "apply_by": apply_by.isoformat(),
                **backdated,
            },
        )
    return case


# Which court outcome may follow which: a granted application is then carried out or ended.
_OUTCOME_AFTER: dict[str, set[str]] = {
    "": set(EnforcementApplication.Outcome.values),
    EnforcementApplication.Outcome.GRANTED: {
        EnforcementApplication.Outcome.COMPLETED,
        EnforcementApplication.Outcome.TERMINATED,
    },
}


def enforcement_outcome(
    case_id: int,
    *,
    actor: Staff,
    outcome: str,
    outcome_on: dt.date,
    ruling_number: str = "",
    note: str = "",
    backdate_reason: str = "",
    backdate_approved_by: str = "",
) -> PenaltyCase:
    """The court's ruling (准予执行/不准予执行) and the end of enforcement (执行完毕/终结执行)."""
    if outcome not in EnforcementApplication.Outcome.values:
        raise Invalid(
            "法院处理结果无效", details={"outcome": "应为 granted|refused|completed|terminated"}
        )
    _not_future(outcome_on, "outcome_on", "结果日期")
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.enforce", case)
        _state(case, "enforcement_outcome")
        app = EnforcementApplication.objects.select_for_update().filter(case=case).first()
        assert app is not None  # the status says an application exists
        if outcome not in _OUTCOME_AFTER.get(app.outcome, set()):
            raise StateError(
                f"已登记法院结果“{app.get_outcome_display()}”，不能再登记"
                f"“{EnforcementApplication.Outcome(outcome).label}”",
                details={"outcome": app.outcome},
            )
        _dates.after(
            outcome_on,
            app.outcome_on or app.applied_on,
            field="outcome_on",
            label="法院结果日期",
            earlier_label="申请日期或上一结果日期",
        )
        backdated, _ = _dates.backdate(
            actor,
            outcome_on,
            field="outcome_on",
            label="法院结果日期",
            reason=backdate_reason,
            approved_by=backdate_approved_by,
        )
        before = app.outcome
        app.outcome, app.outcome_on = outcome, outcome_on
        app.ruling_number = ruling_number.strip() or app.ruling_number
        app.outcome_note = note.strip() or app.outcome_note
        app.save(update_fields=["outcome", "outcome_on", "ruling_number", "outcome_note"])
        record(
            actor,
            "penalty.enforcement_outcome",
            case,
            {
                "application": app.pk,
                "outcome": outcome,
                "previous": before or None,
                "outcome_on": outcome_on.isoformat(),
                "ruling_number": app.ruling_number,
                **backdated,
            },
        )
    return case
