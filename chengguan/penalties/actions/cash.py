"""当场收缴罚款的上缴 (XF-71): the officer hands the cash in, the bureau pays it into the bank."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from chengguan.core.errors import Invalid, StateError, enforce
from chengguan.ledger.actions import record
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.penalties import checks, money, periods
from chengguan.penalties.actions._common import (
    _lock,
    _not_future,
    _on_case,
    _state,
)
from chengguan.penalties.models import (
    CashRemittance,
    PenaltyCase,
)


def hand_in(
    case_id: int,
    *,
    actor: Staff,
    handed_in_on: dt.date,
    receiver: str,
    late_reason: str = "",
) -> PenaltyCase:
    """XF-71: the officer hands the cash collected on the spot to the bureau within two working
    days; a later hand-in is recorded only with its reason and marked late."""
    if not receiver.strip():
        raise Invalid("请写明本机关的接收人", details={"receiver": "必填"})
    _not_future(handed_in_on, "handed_in_on", "交至本机关日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _state(case, "hand_in")
        done = set(case.remittances.values_list("payment_id", flat=True))
        todo = [p for p in money.cash_on_spot(case) if p.pk not in done]
        if not todo:
            raise StateError("本案没有待交至本机关的当场收缴罚款")
        found = []
        for pm in todo:
            if handed_in_on < pm.paid_on:
                raise Invalid(
                    "交至本机关日期不能早于收缴日期", details={"handed_in_on": "早于收缴日期"}
                )
            found += checks.cash_hand_in(
                hand_in_by=periods.cash_hand_in_by(pm.paid_on),
                handed_in_on=handed_in_on,
                late_reason=late_reason,
            )
        enforce(found)
        rows = []
        for pm in todo:
            late = handed_in_on > periods.cash_hand_in_by(pm.paid_on)
            rows.append(
                CashRemittance.objects.create(
                    payment=pm,
                    case=case,
                    handed_in_on=handed_in_on,
                    receiver=receiver.strip(),
                    hand_in_late=late,
                    hand_in_late_reason=late_reason.strip() if late else "",
                )
            )
        record(
            actor,
            "penalty.hand_in",
            case,
            {
                "payments": [r.payment_id for r in rows],
                "amount": str(sum((r.payment.amount for r in rows), Decimal("0.00"))),
                "handed_in_on": handed_in_on.isoformat(),
                "receiver": receiver.strip(),
                "late": any(r.hand_in_late for r in rows),
                "late_reason": late_reason.strip() or None,
            },
        )
    return case


def deposit(
    case_id: int,
    *,
    actor: Staff,
    deposited_on: dt.date,
    bank_slip: str,
    late_reason: str = "",
) -> PenaltyCase:
    """XF-71: the bureau pays the handed-in cash into the bank within two more working days."""
    if not bank_slip.strip():
        raise Invalid("请写明银行缴款单号", details={"bank_slip": "必填"})
    _not_future(deposited_on, "deposited_on", "缴付银行日期")
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.deposit", case)
        _state(case, "deposit")
        pending = money.cash_not_deposited(case)
        if not pending:
            raise StateError("本案没有待缴付银行的当场收缴罚款")
        by_payment = {
            r.payment_id: r
            for r in CashRemittance.objects.select_for_update().filter(
                case=case, deposited_on__isnull=True
            )
        }
        found = []
        for pm in pending:
            r = by_payment.get(pm.pk)
            if r is not None and deposited_on < r.handed_in_on:
                raise Invalid(
                    "缴付银行日期不能早于交至本机关日期",
                    details={"deposited_on": "早于交至本机关日期"},
                )
            found += checks.cash_deposit(
                handed_in=r is not None,
                deposit_by=periods.cash_deposit_by(r.handed_in_on) if r else None,
                deposited_on=deposited_on,
                late_reason=late_reason,
            )
        enforce(found)
        rows = list(by_payment.values())
        for r in rows:
            r.deposited_on, r.bank_slip = deposited_on, bank_slip.strip()
            r.deposit_late = deposited_on > periods.cash_deposit_by(r.handed_in_on)
            r.deposit_late_reason = late_reason.strip() if r.deposit_late else ""
            r.save(
                update_fields=["deposited_on", "bank_slip", "deposit_late", "deposit_late_reason"]
            )
        record(
            actor,
            "penalty.deposit",
            case,
            {
                "payments": [r.payment_id for r in rows],
                "deposited_on": deposited_on.isoformat(),
                "bank_slip": bank_slip.strip(),
                "late": any(r.deposit_late for r in rows),
                "late_reason": late_reason.strip() or None,
            },
        )
    return case
