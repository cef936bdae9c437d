"""Checks of the closed loop as pure functions returning Violations (SC-5, SC-6, RX-2, ORG-5)."""

from __future__ import annotations

from chengguan.citycases.models import CityCase
from chengguan.citycases.states import HOTLINE_SOURCES, TRANSITIONS, Status
from chengguan.core.errors import StateError, Violation
from chengguan.core.rules import local
from chengguan.law.registry import violation
from chengguan.org.models import OrgUnit

REASON_LABELS = {
    "return": "退单",
    "rework": "返工（核查不通过）",
    "reject": "不予立案",
    "reopen": "重新启用",
}


def require_transition(case: CityCase, action: str) -> None:
    """Raise StateError (409 ``state``) when ``action`` cannot start from the case's status."""
    allowed, _ = TRANSITIONS[action]
    if case.status not in allowed:
        names = "、".join(Status(s).label for s in sorted(allowed))
        raise StateError(
            f"案件当前状态为“{Status(case.status).label}”，不能执行此操作（须处于：{names}）",
            details={"status": case.status, "action": action},
        )


def reason_given(action: str, reason: str) -> list[Violation]:
    """SC-5: returns, rework, rejection and reopening always carry a reason."""
    if reason.strip():
        return []
    label = REASON_LABELS[action]
    return [
        violation("SC-5", f"{label}必须填写理由", field="reason" if action != "rework" else "note")
    ]


def reveal_reason_given(reason: str) -> list[Violation]:
    """PI-1: the clear requester is shown only for a stated need, which the ledger keeps."""
    if reason.strip():
        return []
    return [
        violation("PI-1", "查看诉求人完整联系方式须说明用途（如：回访、核实情况）", field="reason")
    ]


def extension_allowed(case: CityCase, pending: int) -> list[Violation]:
    """SC-6: at most LOCAL_RULES["max_extensions"] extensions per case (approved or pending)."""
    limit = int(local("max_extensions"))
    if case.extension_count + pending >= limit:
        return [
            violation(
                "SC-6",
                f"每件案件最多延期 {limit} 次，本案已达上限",
                max_extensions=limit,
                extensions=case.extension_count,
            )
        ]
    return []


def reply_before_close(case: CityCase, reply: str) -> list[Violation]:
    """RX-2: a hotline-type work order is answered (答复) before it is closed (办结)."""
    if case.source in HOTLINE_SOURCES and not (reply.strip() or case.reply.strip()):
        return [
            violation(
                "RX-2", "12345、信访、来信来访和效能投诉工单须先答复诉求人，方可办结", field="reply"
            )
        ]
    return []


def unit_may_take(case: CityCase, unit: OrgUnit) -> list[Violation]:
    """ORG-5: a township/street team takes only cases of its own area."""
    if unit.kind in {OrgUnit.Kind.TOWN, OrgUnit.Kind.STREET} and case.area_unit_id != unit.pk:
        return [
            violation(
                "ORG-5", f"{unit.name}只能办理本辖区的案件，该案件不在其辖区内", unit=unit.code
            )
        ]
    return []


def acts_for_unit(case: CityCase, actor_unit_id: int | None) -> list[Violation]:
    """ORG-5: a disposal department acts only on cases dispatched to it."""
    if case.unit_id is None or case.unit_id != actor_unit_id:
        return [violation("ORG-5", "只能办理派遣给本单位的案件")]
    return []
