"""Money and dates of a served fine: what is outstanding, what is due next, the surcharge (XF-72),
the approved schedule (XF-66), the window to apply to the court (QZ-53) and cash not yet in the bank
(XF-71).

Pure reads of a case and its prefetched relations: the actions, the API, the documents and the
pages call them; none of them writes. ``enforcement_window`` here raises CAL-2 where the calendar
does not reach far enough (the action must fail closed); ``queries.enforcement_window`` is the
lenient variant for display, which answers ``None`` instead.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from chengguan.penalties import periods
from chengguan.penalties import surcharge as xf72
from chengguan.penalties.models import (
    CashRemittance,
    Instalment,
    Payment,
    PaymentArrangement,
    PenaltyCase,
    RemedyProceeding,
)


def remedy_pauses(case: PenaltyCase) -> list[tuple[dt.date, dt.date | None]]:
    """The 复议/诉讼 periods, which pause the surcharge (XF-73): only those proven by their
    acceptance notice (a row recorded without proof, before proof was required, pauses nothing)."""
    return [(r.filed_on, r.concluded_on) for r in case.remedies.all() if r.proof_number]


def approved_plan(case: PenaltyCase) -> PaymentArrangement | None:
    """The approved deferral or instalment schedule (XF-66), if any."""
    return next(
        (a for a in case.arrangements.all() if a.status == PaymentArrangement.Status.APPROVED),
        None,
    )


def unpaid_instalments(case: PenaltyCase) -> list[Instalment]:
    plan = approved_plan(case)
    if plan is None:
        return []
    return sorted((i for i in plan.instalments.all() if i.paid_on is None), key=lambda i: i.seq)


def instalment_surcharge(
    inst: Instalment, on: dt.date, pauses: list[tuple[dt.date, dt.date | None]]
) -> tuple[int, Decimal]:
    """XF-72 on one instalment: from the day after its own due date, on its own amount, capped at
    that amount (so the caps of all instalments add up to the fine)."""
    days = xf72.late_days(inst.due_on, on, pauses)
    return days, xf72.amount(inst.amount, days)


def next_due(case: PenaltyCase) -> dt.date | None:
    """The date by which the next payment is due: the first unpaid instalment of an approved
    schedule, else 15 days after service (recomputed, failing closed, if not stored)."""
    if case.fine_amount is None or case.served_on is None or case.paid_on is not None:
        return None
    if approved_plan(case) is not None:
        rest = unpaid_instalments(case)
        return rest[0].due_on if rest else None
    return case.pay_by or periods.pay_by(case.served_on)


def outstanding(case: PenaltyCase, on: dt.date) -> tuple[Decimal, int, Decimal]:
    """(fine still unpaid, late days, surcharge due) if everything outstanding were paid on ``on``."""
    zero = Decimal("0.00")
    if case.fine_amount is None or case.served_on is None or case.paid_on is not None:
        return zero, 0, zero
    pauses = remedy_pauses(case)
    if approved_plan(case) is not None:
        fine, days, due = zero, 0, zero
        for inst in unpaid_instalments(case):
            d, amt = instalment_surcharge(inst, on, pauses)
            fine, days, due = fine + inst.amount, max(days, d), due + amt
        return fine, days, due
    pay_by = case.pay_by or periods.pay_by(case.served_on)
    days = xf72.late_days(pay_by, on, pauses)
    return case.fine_amount, days, xf72.amount(case.fine_amount, days)


def surcharge_due(case: PenaltyCase, on: dt.date) -> tuple[int, Decimal]:
    """(late days, surcharge) if the fine still unpaid were paid on ``on`` (XF-72 with XF-73
    pauses; per instalment when a schedule is approved, XF-66)."""
    _, days, due = outstanding(case, on)
    return days, due


def enforcement_window(case: PenaltyCase) -> tuple[dt.date, dt.date] | None:
    """(last day of the remedy periods, last day to apply to the court) — QZ-53. May raise CAL-2."""
    if case.served_on is None:
        return None
    concluded = [
        r.concluded_on
        for r in case.remedies.all()
        if r.kind == RemedyProceeding.Kind.RECONSIDERATION and r.concluded_on is not None
    ]
    end = periods.remedy_periods_end(case.served_on, concluded)
    # --- helper:due3 --- XF-72.2: after an approved deferral or instalment plan, the three months
    # run from the end of that period where it ends later.
    arranged = arrangement_end(case)
    start = max(end, arranged) if arranged is not None else end
    return end, periods.enforcement_apply_by(start)


def arrangement_end(case: PenaltyCase) -> dt.date | None:
    """XF-72.2: the last due day of an approved deferral or instalment plan, if any."""
    days = [
        i.due_on
        for i in case.instalments.select_related("arrangement")
        if i.arrangement.status == PaymentArrangement.Status.APPROVED
    ]
    return max(days) if days else None
    # --- /helper:due3 ---


def cash_on_spot(case: PenaltyCase) -> list[Payment]:
    """The payments collected in cash on the spot (XF-71)."""
    return [p for p in case.payments.all() if p.channel == Payment.Channel.ON_SPOT]


def cash_not_deposited(case: PenaltyCase) -> list[Payment]:
    """On-the-spot payments whose cash has not reached the bank yet (XF-71)."""
    deposited = set(
        CashRemittance.objects.filter(case=case, deposited_on__isnull=False).values_list(
            "payment_id", flat=True
        )
    )
    return [p for p in cash_on_spot(case) if p.pk not in deposited]
