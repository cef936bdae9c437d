"""ZL-1: correction orders (责令限期改正) with a concrete deadline, and their follow-up check (复查).

The deadline is at most the period set for the power item (``LOCAL_RULES["correction_days"]``,
default 7 calendar days, CAL-1); the 复查 that finds the order not performed comes only after the
deadline. An order found not performed is a ground for a case or a heavier level (``unperformed``).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from chengguan.core import clock, workdays
from chengguan.core.errors import Invalid, NotFound, StateError, enforce
from chengguan.core.rules import local
from chengguan.law.registry import violation
from chengguan.ledger.actions import record
from chengguan.org.models import Staff
from chengguan.penalties.actions._common import _lock, _not_future, _on_case
from chengguan.penalties.models import CorrectionOrder, PenaltyCase
from chengguan.penalties.states import SIDE_STEPS
from chengguan.penalties.transitions import refuse


def correction_days(item_code: str) -> int:
    days: dict[str, int] = local("correction_days")
    return int(days.get(item_code, days["default"]))


def latest_deadline(item_code: str, issued_on: dt.date) -> dt.date:
    """ZL-1: the last deadline an order issued on ``issued_on`` may give (CAL-1)."""
    return workdays.add_days(issued_on, correction_days(item_code))


def unperformed(case: PenaltyCase) -> list[CorrectionOrder]:
    """Orders the 复查 found not performed: a ground for a case or a heavier level (ZL-1)."""
    return [o for o in case.corrections.all() if o.performed is False]


def _side_state(case: PenaltyCase, step: str) -> None:
    if case.status not in SIDE_STEPS[step]:
        raise refuse(case, step)


def order_correction(
    case_id: int,
    *,
    actor: Staff,
    content: str,
    issued_on: dt.date | None = None,
    deadline: dt.date | None = None,
) -> CorrectionOrder:
    """An officer of the case orders the party to correct by a concrete date (ZL-1)."""
    if not content.strip():
        raise Invalid("请填写责令改正内容", details={"content": "必填"})
    on = issued_on or clock.today()
    _not_future(on, "issued_on", "责令日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _side_state(case, "order_correction")
        if on < case.discovered_date:
            raise Invalid("责令日期不能早于发现日期", details={"issued_on": "早于发现日期"})
        latest = latest_deadline(case.power_item.code, on)
        due = deadline or latest
        if due < on:
            raise Invalid("改正期限不能早于责令日期", details={"deadline": "早于责令日期"})
        if due > latest:
            enforce(
                [
                    violation(
                        "ZL-1",
                        f"责令限期改正的期限最长为{correction_days(case.power_item.code)}日"
                        f"（应不晚于{latest:%Y-%m-%d}）",
                        latest=latest.isoformat(),
                    )
                ]
            )
        order = CorrectionOrder.objects.create(
            case=case, content=content.strip(), issued_on=on, deadline=due, issued_by=actor
        )
        record(
            actor,
            "penalty.order_correction",
            case,
            {"order": order.pk, "issued_on": on.isoformat(), "deadline": due.isoformat()},
        )
    return order


def recheck_correction(
    case_id: int,
    order_id: int,
    *,
    actor: Staff,
    performed: bool,
    note: str,
    checked_on: dt.date | None = None,
) -> CorrectionOrder:
    """复查 by an officer of the case; "not performed" only once the deadline has passed (ZL-1)."""
    if not note.strip():
        raise Invalid("请填写复查情况", details={"note": "必填"})
    on = checked_on or clock.today()
    _not_future(on, "checked_on", "复查日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _side_state(case, "recheck_correction")
        order = CorrectionOrder.objects.select_for_update().filter(pk=order_id, case=case).first()
        if order is None:
            raise NotFound("未找到该责令改正记录")
        if order.checked_on is not None:
            raise StateError("该责令改正已复查")
        if on < order.issued_on:
            raise Invalid("复查日期不能早于责令日期", details={"checked_on": "早于责令日期"})
        if not performed and on <= order.deadline:
            enforce(
                [
                    violation(
                        "ZL-1",
                        f"改正期限（{order.deadline:%Y-%m-%d}）届满后方可复查认定未改正；"
                        "请在期限届满后复查",
                        deadline=order.deadline.isoformat(),
                    )
                ]
            )
        order.checked_on, order.checked_by = on, actor
        order.performed, order.check_note = performed, note.strip()
        order.save(update_fields=["checked_on", "checked_by", "performed", "check_note"])
        record(
            actor,
            "penalty.recheck_correction",
            case,
            {"order": order.pk, "checked_on": on.isoformat(), "performed": performed},
        )
    return order
