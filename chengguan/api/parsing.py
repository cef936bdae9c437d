"""Values as the REST API reads and writes them: query-string dates and money amounts.

One definition for every router (law, penalties, city cases used to keep their own copies). Part of
the REST kit, so it imports no domain.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest

from chengguan.core.errors import Invalid

# The dates any period of ours can take: the records start in the 1990s, plans reach decades ahead.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2199, 12, 31)


def query_date(request: HttpRequest, name: str, *, message: str = "日期格式有误") -> dt.date | None:
    """``?name=YYYY-MM-DD`` as a date; absent or empty is ``None``, anything else a 400.

    ``message`` is the error's message; the field detail is always the same.
    """
    raw = request.GET.get(name)
    if not raw:
        return None
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise Invalid(message, details={name: "应为日期（YYYY-MM-DD）"}) from exc
    if not EARLIEST <= value <= LATEST:
        # 0001-01-01 or 9999-12-31 overflow the period arithmetic (a day before, a day after).
        raise Invalid(message, details={name: f"日期应在 {EARLIEST} 至 {LATEST} 之间"})
    return value


def money_out(value: Decimal | None) -> str | None:
    """An amount as the API answers it: a string with two decimals (no float rounding)."""
    return None if value is None else f"{value:.2f}"
