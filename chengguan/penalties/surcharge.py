"""XF-72 加处罚款 with the XF-73 pause: pure arithmetic on dates, no database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from chengguan.penalties.periods import SURCHARGE_RATE

CENT = Decimal("0.01")


def late_days(
    pay_by: dt.date, on: dt.date, pauses: Iterable[tuple[dt.date, dt.date | None]] = ()
) -> int:
    """Days after ``pay_by`` up to and including ``on`` on which the surcharge runs.

    A pause (filed_on, concluded_on) covers filed_on..concluded_on inclusive; an open pause
    (concluded_on None) covers every day from filed_on. Calendar days: XF-72 counts days, not
    working days.
    """
    if on <= pay_by:
        return 0
    spans = [(a, b) for a, b in pauses]
    days = 0
    day = pay_by + dt.timedelta(days=1)
    while day <= on:
        if not any(a <= day and (b is None or day <= b) for a, b in spans):
            days += 1
        day += dt.timedelta(days=1)
    return days


def amount(fine: Decimal, days: int) -> Decimal:
    """3 % of the fine per day, never more than the fine itself."""
    raw = (fine * SURCHARGE_RATE * days).quantize(CENT, rounding=ROUND_HALF_UP)
    return min(raw, fine)
