"""The bureau's own compulsory execution (行政强制法 §§34–44), keyword-only actions; each is one
transaction with its ledger entry (transitions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction

from chengguan.core import clock
from chengguan.core.errors import Forbidden, Invalid, NotFound, enforce, raise_invalid
from chengguan.core.rules import local  # --- helper:execdocs ---
from chengguan.core.workdays import CalendarMissing, is_workday, workdays_between
from chengguan.execution import checks, queries
from chengguan.execution.models import Execution
from chengguan.execution.states import Status
from chengguan.execution.transitions import require_transition, transition
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.org.roles import Role  # --- helper:execdocs ---
from chengguan.penalties import money, periods
from chengguan.penalties.checks.dates import backdated, recorded_date
from chengguan.penalties.models import CorrectionOrder, PenaltyCase

METHODS = ("direct", "left", "post", "electronic", "entrusted", "public")


def _lock_case(case_id: int) -> PenaltyCase:
    case = PenaltyCase.objects.select_for_update().filter(pk=case_id).first()
    if case is None:
        raise NotFound("未找到该行政处罚案件，或您无权查看")
    return case


def _lock(execution_id: int) -> tuple[Execution, PenaltyCase]:
    row = Execution.objects.filter(pk=execution_id).values_list("case_id", flat=True).first()
    if row is None:
        raise NotFound("未找到该强制执行记录，或您无权查看")
    case = _lock_case(row)
    return Execution.objects.select_for_update().get(pk=execution_id), case


def _officer_on(actor: Staff, case: PenaltyCase) -> None:
    if not case.officers.filter(pk=actor.pk).exists():
        raise Forbidden("您不是本案的承办执法人员", details={"officer": actor.username})


def _date_after(
    value: dt.date, earlier: dt.date | None, *, field: str, label: str, what: str
) -> None:
    """TM-1: a recorded date is not in the future nor before the event it follows."""
    enforce(
        recorded_date(
            value, label=label, field=field, today=clock.today(), after=earlier, after_label=what
        )
    )


# --- helper:execdocs --- TM-2 (decision 090): a 补记 of an execution date, as for a case's dates
def _backdate(
    actor: Staff, value: dt.date, *, field: str, label: str, reason: str, approved_by: str
) -> dict[str, Any]:
    """TM-2: a recorded date more than ``backdate_working_days`` working days before the day it is
    entered needs the reason and a head of the actor's bureau who approved it. Returns what the
    ledger entry records (empty for a recent date)."""
    today = clock.today()
    try:
        n = workdays_between(value, today)
    except CalendarMissing:
        n = (today - value).days  # never fewer than the working days: fail closed
    limit = int(local("backdate_working_days"))
    if n <= limit:
        return {}
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
        backdated(
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
    return {
        "backdate": {
            "field": field,
            "date": value.isoformat(),
            "workdays_before": n,
            "reason": reason.strip(),
            "approved_by": approver.username,
        }
    }


# --- /helper:execdocs ---


def _local(at: dt.datetime) -> dt.datetime:
    if at.tzinfo is None:
        return at.replace(tzinfo=clock.SHANGHAI)
    return clock.local(at)


def demand(
    case_id: int,
    *,
    actor: Staff,
    kind: str,
    obligation: str,
    served_on: dt.date,
    method: str,
    perform_by: dt.date,
    way: str,
    rights_told: bool,
    amount: Decimal | None = None,
    correction_id: int | None = None,
    backdate_reason: str = "",
    backdate_approved_by: str = "",
) -> Execution:
    """QZ-13/QZ-34/QZ-35: the written 催告 that opens a compulsory execution by the bureau."""
    errors: dict[str, str] = {}
    if kind not in Execution.Kind.values:
        errors["kind"] = "应为 " + "|".join(Execution.Kind.values)
    if method not in METHODS:
        errors["method"] = "应为 " + "|".join(METHODS)
    if not obligation.strip():
        errors["obligation"] = "请写明当事人应履行的义务"
    raise_invalid(errors)
    today = clock.today()
    with transaction.atomic():
        case = _lock_case(case_id)
        require(actor, "execution.demand", case)
        _officer_on(actor, case)
        enforce(
            checks.power(
                kind=kind,
                kind_label=Execution.Kind(kind).label,
                powers=queries.powers(case.bureau),
            )
        )
        order = None
        if correction_id is not None:
            order = CorrectionOrder.objects.filter(pk=correction_id, case=case).first()
            if order is None:
                raise Invalid(
                    "未找到本案的该责令改正记录", details={"correction_id": "不是本案的记录"}
                )
        enforce(
            checks.obligation_overdue(
                kind=kind,
                served_on=case.served_on,
                revoked=case.decision_revoked_on is not None,
                pay_by=case.pay_by,
                paid=case.paid_on is not None,
                correction_deadline=order.deadline if order else None,
                correction_checked_on=order.checked_on if order else None,
                correction_performed=order.performed if order else None,
                today=today,
            )
        )
        _date_after(
            served_on,
            case.served_on,
            field="served_on",
            label="催告书送达日期",
            what="处罚决定送达日期",
        )
        late = _backdate(
            actor,
            served_on,
            field="served_on",
            label="催告书送达日期",
            reason=backdate_reason,
            approved_by=backdate_approved_by,
        )
        if kind == "fine" and amount is None:
            fine, _, surcharge = money.outstanding(case, served_on)
            amount = fine + surcharge
        enforce(
            checks.demand_content(
                served_on=served_on,
                perform_by=perform_by,
                way=way,
                needs_amount=kind == "fine",
                amount=amount,
                rights_told=rights_told,
            )
        )
        ex = Execution(
            bureau_id=case.bureau_id,
            case=case,
            kind=kind,
            basis=queries.powers(case.bureau)[kind].strip(),
            obligation=obligation.strip(),
            correction=order,
            demand_served_on=served_on,
            demand_method=method,
            demand_perform_by=perform_by,
            demand_way=way.strip(),
            demand_amount=amount,
            rights_told=rights_told,
            demanded_by=actor,
        )
        transition(
            ex,
            to=Status.DEMANDED,
            actor=actor,
            action="demand",
            payload={
                "kind": kind,
                "basis": ex.basis,
                "obligation": ex.obligation,
                "correction": order.pk if order else None,
                "served_on": served_on.isoformat(),
                "method": method,
                "perform_by": perform_by.isoformat(),
                "way": ex.demand_way,
                "amount": str(amount) if amount is not None else None,
                **late,
            },
        )
    return ex


def statement(
    execution_id: int,
    *,
    actor: Staff,
    received_on: dt.date,
    text: str = "",
    said_nothing: bool = False,
    backdate_reason: str = "",
    backdate_approved_by: str = "",
) -> Execution:
    """QZ-36: what the party stated and defended after the 催告, or that it said nothing by the
    end of the period."""
    if bool(text.strip()) == said_nothing:
        raise Invalid(
            "请记录当事人的陈述申辩内容，或勾选“未提出陈述申辩”（二者择一）",
            details={"text": "陈述申辩内容与“未提出”二者择一"},
        )
    with transaction.atomic():
        ex, case = _lock(execution_id)
        require(actor, "execution.statement", case)
        _officer_on(actor, case)
        require_transition(ex, "statement")
        _date_after(
            received_on,
            ex.demand_served_on,
            field="received_on",
            label="陈述申辩日期",
            what="催告书送达日期",
        )
        late = _backdate(
            actor,
            received_on,
            field="received_on",
            label="陈述申辩日期",
            reason=backdate_reason,
            approved_by=backdate_approved_by,
        )
        enforce(
            checks.silence_after_period(
                said_nothing=said_nothing, on=received_on, perform_by=ex.demand_perform_by
            )
        )
        ex.statement_received_on, ex.statement = received_on, text.strip()
        ex.statement_none, ex.statement_by = said_nothing, actor
        # A new statement needs a new 复核.
        ex.review_opinion, ex.review_adopted, ex.reviewed_on, ex.reviewed_by = "", None, None, None
        transition(
            ex,
            to=Status.DEMANDED,
            actor=actor,
            action="statement",
            payload={
                "received_on": received_on.isoformat(),
                "statement": ex.statement,
                "said_nothing": said_nothing,
                **late,
            },
            update_fields=[
                "statement_received_on",
                "statement",
                "statement_none",
                "statement_by",
                "review_opinion",
                "review_adopted",
                "reviewed_on",
                "reviewed_by",
            ],
        )
    return ex


def review(execution_id: int, *, actor: Staff, opinion: str, adopted: bool) -> Execution:
    """QZ-36: the 复核 of the party's statement; a well-founded one is adopted."""
    if not opinion.strip():
        raise Invalid("请写明复核意见", details={"opinion": "必填"})
    with transaction.atomic():
        ex, case = _lock(execution_id)
        require(actor, "execution.review", case)
        require_transition(ex, "review")
        enforce(checks.something_to_review(statement=ex.statement))
        ex.review_opinion, ex.review_adopted = opinion.strip(), adopted
        ex.reviewed_on, ex.reviewed_by = clock.today(), actor
        transition(
            ex,
            to=Status.DEMANDED,
            actor=actor,
            action="review",
            payload={"opinion": ex.review_opinion, "adopted": adopted},
            update_fields=["review_opinion", "review_adopted", "reviewed_on", "reviewed_by"],
        )
    return ex


def decide(
    execution_id: int,
    *,
    actor: Staff,
    reason: str,
    method: str,
    scheduled_at: dt.datetime,
    emergency: bool = False,
    emergency_reason: str = "",
) -> Execution:
    """QZ-35/QZ-36/QZ-37/QZ-43: the written execution decision by the head, once the 催告 period
    passed unfulfilled without good reason, the party heard; its planned time is lawful."""
    if not method.strip():
        raise Invalid("请写明强制执行的方式", details={"method": "必填"})
    today = clock.today()
    when = _local(scheduled_at)
    with transaction.atomic():
        ex, case = _lock(execution_id)
        require(actor, "execution.decide", case)
        require_transition(ex, "decide")
        enforce(
            checks.demand_content(
                served_on=ex.demand_served_on,
                perform_by=ex.demand_perform_by,
                way=ex.demand_way,
                needs_amount=ex.kind == "fine",
                amount=ex.demand_amount,
                rights_told=ex.rights_told,
            )
            + checks.heard(
                stated=bool(ex.statement),
                said_nothing=ex.statement_none,
                reviewed=bool(ex.review_opinion),
                adopted=ex.review_adopted,
            )
            + checks.period_passed(perform_by=ex.demand_perform_by, today=today, reason=reason)
            + checks.obligation_overdue(
                kind=ex.kind,
                served_on=case.served_on,
                revoked=case.decision_revoked_on is not None,
                pay_by=case.pay_by,
                paid=case.paid_on is not None,
                correction_deadline=ex.correction.deadline if ex.correction else None,
                correction_checked_on=ex.correction.checked_on if ex.correction else None,
                correction_performed=ex.correction.performed if ex.correction else None,
                today=today,
            )
        )
        if when.date() < today:
            raise Invalid("拟执行时间不能早于今天", details={"scheduled_at": "不能早于今天"})
        enforce(
            checks.not_night_or_holiday(
                at=when,
                workday=is_workday(when.date()),
                emergency=emergency,
                emergency_reason=emergency_reason,
                what="安排强制执行",
            )
        )
        ex.decided_on, ex.decided_by = today, actor
        ex.decision_reason, ex.method, ex.scheduled_at = reason.strip(), method.strip(), when
        if emergency:
            ex.emergency, ex.emergency_reason = True, emergency_reason.strip()
        transition(
            ex,
            to=Status.DECIDED,
            actor=actor,
            action="decide",
            payload={
                "reason": ex.decision_reason,
                "method": ex.method,
                "scheduled_at": when.isoformat(),
                "emergency": ex.emergency,
            },
            update_fields=[
                "decided_on",
                "decided_by",
                "decision_reason",
                "method",
                "scheduled_at",
                "emergency",
                "emergency_reason",
            ],
        )
    return ex


def notice(
    execution_id: int,
    *,
    actor: Staff,
    posted_on: dt.date,
    place: str,
    demolish_by: dt.date,
    backdate_reason: str = "",
    backdate_approved_by: str = "",
) -> Execution:
    """QZ-44: the public notice of a forced demolition, with the party's own period to demolish."""
    with transaction.atomic():
        ex, case = _lock(execution_id)
        require(actor, "execution.notice", case)
        _officer_on(actor, case)
        require_transition(ex, "notice")
        if ex.kind != Execution.Kind.DEMOLITION:
            raise Invalid("只有强制拆除需要发布限期自行拆除公告", details={"kind": "不是强制拆除"})
        _date_after(
            posted_on,
            ex.decided_on,
            field="posted_on",
            label="公告日期",
            what="强制执行决定日期",
        )
        late = _backdate(
            actor,
            posted_on,
            field="posted_on",
            label="公告日期",
            reason=backdate_reason,
            approved_by=backdate_approved_by,
        )
        enforce(checks.notice_content(posted_on=posted_on, demolish_by=demolish_by, place=place))
        ex.notice_posted_on, ex.notice_place = posted_on, place.strip()
        ex.notice_demolish_by, ex.notice_by = demolish_by, actor
        transition(
            ex,
            to=Status.NOTICED,
            actor=actor,
            action="notice",
            payload={
                "posted_on": posted_on.isoformat(),
                "place": ex.notice_place,
                "demolish_by": demolish_by.isoformat(),
                **late,
            },
            update_fields=["notice_posted_on", "notice_place", "notice_demolish_by", "notice_by"],
        )
    return ex


def execute(
    execution_id: int,
    *,
    actor: Staff,
    result: str,
    cut_utilities: Sequence[str] = (),
    emergency: bool = False,
    emergency_reason: str = "",
) -> Execution:
    """QZ-43/QZ-44: carry the decision out now — not at night nor on a holiday unless an
    emergency is recorded, never by cutting water, power, heat or gas; a demolition only after
    its notice period and the remedy periods."""
    if not result.strip():
        raise Invalid("请记录强制执行情况", details={"result": "必填"})
    now = clock.now()
    today = clock.today()
    with transaction.atomic():
        ex, case = _lock(execution_id)
        require(actor, "execution.execute", case)
        _officer_on(actor, case)
        require_transition(ex, "execute")
        found = checks.no_utilities_cut(cut=list(cut_utilities))
        found += checks.not_night_or_holiday(
            at=_local(now),
            workday=is_workday(today),
            emergency=emergency or ex.emergency,
            emergency_reason=emergency_reason or ex.emergency_reason,
            what="实施行政强制执行",
        )
        if ex.kind == Execution.Kind.DEMOLITION:
            assert case.served_on is not None  # the 催告 needed it
            concluded = [
                r.concluded_on
                for r in case.remedies.all()
                if r.kind == "reconsideration" and r.concluded_on is not None
            ]
            found += checks.demolition_allowed(
                today=today,
                noticed=ex.notice_posted_on is not None,
                demolish_by=ex.notice_demolish_by,
                remedy_periods_end=periods.remedy_periods_end(case.served_on, concluded),
                remedies=[
                    (r.get_kind_display(), r.concluded_on, r.outcome) for r in case.remedies.all()
                ],
            )
        enforce(found)
        ex.executed_at, ex.executed_by, ex.result = now, actor, result.strip()
        if emergency:
            ex.emergency, ex.emergency_reason = True, emergency_reason.strip()
        transition(
            ex,
            to=Status.EXECUTED,
            actor=actor,
            action="execute",
            payload={
                "executed_at": now.isoformat(),
                "result": ex.result,
                "emergency": ex.emergency,
            },
            update_fields=["executed_at", "executed_by", "result", "emergency", "emergency_reason"],
        )
    return ex


def end(execution_id: int, *, actor: Staff, reason: str, note: str = "") -> Execution:
    """Performed by the party, the statement adopted, the decision revoked: the execution ends.
    Stopping is never unlawful, so no rule refuses it."""
    if reason not in Execution.EndReason.values:
        raise Invalid(
            "终结理由无效", details={"reason": "应为 " + "|".join(Execution.EndReason.values)}
        )
    with transaction.atomic():
        ex, case = _lock(execution_id)
        require(actor, "execution.end", case)
        if not actor.has_role("head"):
            _officer_on(actor, case)
        require_transition(ex, "end")
        ex.ended_on, ex.end_reason, ex.end_note, ex.ended_by = (
            clock.today(),
            reason,
            note.strip(),
            actor,
        )
        transition(
            ex,
            to=Status.ENDED,
            actor=actor,
            action="end",
            payload={"reason": reason, "note": ex.end_note},
            update_fields=["ended_on", "end_reason", "end_note", "ended_by"],
        )
    return ex
