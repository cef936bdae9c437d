"""Dispatch and disposal: 派遣, 退单, 处置, 核查 (or 返工), 结案, 回访, 重新启用; and the requester
reveal (PI-1), which is no step of the case."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from chengguan.citycases import checks, deadlines, routing
from chengguan.citycases.actions._base import as_handler, lock, on_time
from chengguan.citycases.models import CityCase
from chengguan.citycases.queries import DISPATCH_KINDS
from chengguan.citycases.states import HOTLINE_SOURCES, OPEN_STATUSES, Satisfaction, Status
from chengguan.citycases.transitions import entry, transition
from chengguan.core import clock
from chengguan.core.errors import Invalid, StateError, enforce
from chengguan.core.outcome721 import parse as parse_721  # --- helper:service ---
from chengguan.core.workdays import work_hours_between
from chengguan.inbox.actions import notify
from chengguan.inbox.models import Notification
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require
from chengguan.org.roles import Role
from chengguan.permits import actions as permit_actions  # --- helper:permits2 ---
from chengguan.permits import queries as permit_queries  # --- helper:permits2 ---


def dispatch_unit(*, actor: Staff, code: str) -> OrgUnit:
    """The active unit of the actor's bureau that may receive a dispatch, by its code."""
    unit = OrgUnit.objects.filter(bureau_id=actor.bureau_id, code=code, active=True).first()
    if unit is None or unit.kind not in DISPATCH_KINDS:
        raise Invalid(f"处置部门 {code} 不存在或不能接收派遣", details={"unit": "处置部门不存在"})
    return unit


def dispatch_to(case: CityCase, actor: Staff, unit: OrgUnit, note: str) -> None:
    """The dispatch step itself, on a locked filed case (by ``dispatch`` or the auto-dispatch of
    ``file``)."""
    enforce(checks.unit_may_take(case, unit))
    now = clock.now()
    case.dispatch_on_time = on_time(case.dispatch_due, now)
    case.unit, case.dispatched_at = unit, now
    case.handle_due = deadlines.handle_due(case.category, case.urgent, now)
    case.current_due = case.handle_due
    transition(
        case,
        to=Status.DISPATCHED,
        actor=actor,
        action="dispatch",
        note=note,
        unit=unit,
        due=case.dispatch_due,
        on_time=case.dispatch_on_time,
        payload={
            "unit": unit.code,
            "note": note,
            "handle_due": case.handle_due.isoformat(),
            "on_time": case.dispatch_on_time,
        },
    )
    # Decision 075: the unit's handlers learn of it in their inbox, in the same transaction.
    notify(
        recipients=Staff.objects.filter(
            Q(unit=unit) | Q(roles__unit=unit), is_active=True, roles__role=Role.HANDLER
        ).distinct(),
        kind=Notification.Kind.DISPATCHED,
        title=f"新派遣案件 {case.number}：{case.category.name if case.category else ''}，"
        f"请于 {clock.local(case.handle_due):%m-%d %H:%M} 前处置",
        link=f"/cases/{case.pk}/",
        key=f"dispatch:{case.pk}:{now.isoformat()}",
    )


def dispatch(*, actor: Staff, case_id: int, unit: str | None = None, note: str = "") -> CityCase:
    """任务派遣: filed → dispatched to ``unit`` (or the unit the routing table proposes)."""
    with transaction.atomic():
        case = lock(actor, case_id)
        require(actor, "citycases.dispatch", case)
        checks.require_transition(case, "dispatch")
        target: OrgUnit | None
        if unit:
            target = dispatch_unit(actor=actor, code=unit)
        else:
            target = case.proposed_unit or routing.propose(case.category, case.grid)
            if target is None:
                raise Invalid(
                    "未指定处置部门，派遣规则也没有建议部门", details={"unit": "请指定处置部门"}
                )
        dispatch_to(case, actor, target, note)
    return case


def return_case(*, actor: Staff, case_id: int, reason: str) -> CityCase:
    """退单: dispatched → filed; the unit says the case is not its own (SC-5: with a reason)."""
    with transaction.atomic():
        case = lock(actor, case_id)
        as_handler(actor, case, "citycases.return")
        checks.require_transition(case, "return")
        enforce(checks.reason_given("return", reason))
        if case.suspended:
            raise StateError("案件挂账中，请先恢复办理")
        now = clock.now()
        unit = case.unit
        case.unit, case.return_count, case.handle_due = None, case.return_count + 1, None
        case.dispatch_due = deadlines.dispatch_due(case.category, now)
        case.current_due = case.dispatch_due
        transition(
            case,
            to=Status.FILED,
            actor=actor,
            action="return",
            note=reason,
            unit=unit,
            payload={"unit": getattr(unit, "code", None), "reason": reason},
        )
        notify(
            recipients=Staff.objects.filter(
                bureau_id=case.bureau_id, is_active=True, roles__role=Role.CENTER
            ).distinct(),
            kind=Notification.Kind.RETURNED,
            title=f"案件 {case.number} 被{getattr(unit, 'name', '')}退回：{reason}"[:200],
            link=f"/cases/{case.pk}/",
            key=f"return:{case.pk}:{now.isoformat()}",
        )
    return case


def handle(*, actor: Staff, case_id: int, result: str) -> CityCase:
    """任务处理 / 处理反馈: dispatched → handled."""
    result = (result or "").strip()
    if not result:
        raise Invalid("处置结果不能为空", details={"result": "处置结果不能为空"})
    with transaction.atomic():
        case = lock(actor, case_id)
        as_handler(actor, case, "citycases.handle")
        checks.require_transition(case, "handle")
        if case.suspended:
            raise StateError("案件挂账中，请先恢复办理")
        now = clock.now()
        case.handle_on_time = on_time(case.handle_due, now)
        if case.dispatched_at is not None:
            case.handle_work_hours = round(work_hours_between(case.dispatched_at, now), 2)
        case.handled_at, case.result = now, result
        case.verify_due = deadlines.verify_due(case.category, now)
        case.current_due = case.verify_due
        transition(
            case,
            to=Status.HANDLED,
            actor=actor,
            action="handle",
            note=result,
            unit=case.unit,
            due=case.handle_due,
            on_time=case.handle_on_time,
            payload={"result": result, "on_time": case.handle_on_time},
        )
    return case


def verify(*, actor: Staff, case_id: int, passed: bool, note: str = "") -> CityCase:
    """核查: handled → verified, or back to the same unit for rework (返工, SC-5: with a reason)."""
    with transaction.atomic():
        case = lock(actor, case_id)
        require(actor, "citycases.verify", case)
        checks.require_transition(case, "verify")
        if not passed:
            enforce(checks.reason_given("rework", note))
        now = clock.now()
        case.verify_on_time = on_time(case.verify_due, now)
        if passed:
            case.verified_at = now
            case.close_due = deadlines.close_due(case, now)
            case.current_due = case.close_due
            to, action = Status.VERIFIED, "verify"
        else:
            case.rework_count, case.handle_on_time = case.rework_count + 1, None
            case.handle_due = deadlines.handle_due(case.category, case.urgent, now)
            case.current_due = case.handle_due
            to, action = Status.DISPATCHED, "rework"
        transition(
            case,
            to=to,
            actor=actor,
            action=action,
            via="verify",
            note=note,
            unit=case.unit,
            due=case.verify_due,
            on_time=case.verify_on_time,
            payload={"passed": passed, "note": note, "on_time": case.verify_on_time},
        )
    return case


def close(*, actor: Staff, case_id: int, reply: str = "", outcome_721: str = "") -> CityCase:
    """核查结案 / 办结: verified → closed; hotline-type orders need a reply first (RX-2)."""
    reply = (reply or "").strip()
    # --- helper:service --- the "721" outcome, recorded because the case cannot tell it
    try:
        outcome = parse_721(outcome_721)
    except ValueError:
        raise Invalid(
            "721分类应为 service（服务）、management（管理）或 enforcement（执法）",
            details={"outcome_721": "取值不正确"},
        ) from None
    # --- /helper:service ---
    with transaction.atomic():
        case = lock(actor, case_id)
        require(actor, "citycases.close", case)
        checks.require_transition(case, "close")
        enforce(checks.reply_before_close(case, reply))
        now = clock.now()
        if reply:
            case.reply, case.replied_at = reply, now
        case.close_on_time = on_time(case.close_due, now)
        case.closed_at, case.current_due = now, None
        case.outcome_721 = outcome  # --- helper:service ---
        transition(
            case,
            to=Status.CLOSED,
            actor=actor,
            action="close",
            note=reply,
            due=case.close_due,
            on_time=case.close_on_time,
            payload={
                "reply": reply,
                "on_time": case.close_on_time,
                "outcome_721": outcome,  # --- helper:service ---
            },
        )
    return case


def callback(*, actor: Staff, case_id: int, satisfaction: str, note: str = "") -> CityCase:
    """回访: the requester's satisfaction with a closed case (RX-2, RX-5)."""
    if satisfaction not in Satisfaction.values:
        raise Invalid("满意度取值无效", details={"satisfaction": "取值不在允许范围内"})
    with transaction.atomic():
        case = lock(actor, case_id)
        require(actor, "citycases.callback", case)
        checks.require_transition(case, "callback")
        case.satisfaction, case.callback_at = satisfaction, clock.now()
        transition(
            case,
            to=Status.CLOSED,
            actor=actor,
            action="callback",
            note=note or Satisfaction(satisfaction).label,
            payload={"satisfaction": satisfaction, "note": note},
        )
    return case


def reopen(*, actor: Staff, case_id: int, reason: str) -> CityCase:
    """重新启用: closed → filed, to be dispatched again (SC-5: with a reason)."""
    with transaction.atomic():
        case = lock(actor, case_id)
        require(actor, "citycases.reopen", case)
        checks.require_transition(case, "reopen")
        enforce(checks.reason_given("reopen", reason))
        now = clock.now()
        case.unit, case.reopen_count, case.closed_at = None, case.reopen_count + 1, None
        case.outcome_721 = ""  # --- helper:service --- recorded again at the next close
        case.handle_on_time = case.verify_on_time = case.close_on_time = None
        case.satisfaction, case.callback_at = "", None
        case.dispatch_due = deadlines.dispatch_due(case.category, now)
        case.current_due = case.dispatch_due
        if case.source in HOTLINE_SOURCES:
            case.close_due = deadlines.hotline_due(case.source, now)
        transition(
            case,
            to=Status.FILED,
            actor=actor,
            action="reopen",
            note=reason,
            payload={"reason": reason},
        )
    return case


def reveal_requester(*, actor: Staff, case_id: int, reason: str) -> dict[str, str]:
    """查看诉求人完整联系方式 (PI-1): for a stated need, and every access is in the ledger.

    Not a step of the case: nothing about the case changes, and the timeline stays the workflow.
    The ledger keeps who looked, when and why, never the clear value itself."""
    with transaction.atomic():
        case = lock(actor, case_id)
        require(actor, "citycases.requester.reveal", case)
        enforce(checks.reveal_reason_given(reason))
        if not (case.requester_name or case.requester_phone):
            raise Invalid("本案件没有登记诉求人信息", details={"requester": "本案件没有诉求人信息"})
        entry(actor, "requester_revealed", case, {"reason": reason.strip()[:500]})
    return {"name": case.requester_name, "phone": case.requester_phone}


# --- helper:permits2 ---
def link_permit(
    *, actor: Staff, case_id: int, permit: str = "", unlicensed_kind: str = "", note: str = ""
) -> CityCase:
    """涉及的许可 (issue #14): the case names the permit its matter breaks, or 无证 with the kind it
    lacks. Not a step of the case (the timeline stays the workflow); the ledger keeps each
    statement, and a new one replaces the shown link."""
    with transaction.atomic():
        case = lock(actor, case_id)
        require(actor, "citycases.link_permit", case)
        if case.status not in OPEN_STATUSES:
            raise StateError("案件已办结或已终止，不能再登记涉及的许可", details={})
        if not actor.has_role(Role.CENTER, Role.INSPECTOR):
            # The handling unit's own people, on the cases dispatched to it.
            enforce(checks.acts_for_unit(case, actor.unit_id))
        link = permit_actions.record_link(
            actor=actor, permit=permit, unlicensed_kind=unlicensed_kind, note=note
        )
        case.permit_link = link
        case.save(update_fields=["permit_link"])
        entry(actor, "permit_link", case, {"permit_link": permit_queries.link_payload(link)})
    return case


# --- /helper:permits2 ---
