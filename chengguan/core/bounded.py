"""Counts that stop (issue #16 item 2, decision 092): a list page or an API page says "超过 1000
条" instead of counting every row a search matches across a province."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

COUNT_CAP = 1000


def bounded_count(rows: QuerySet[Any], cap: int | None = None) -> tuple[int, bool]:
    """(count, is_estimate): a COUNT over at most ``cap`` + 1 rows (``SELECT COUNT(*) FROM
    (… LIMIT cap+1)``); past the cap the answer is ``cap``, a lower bound, and an estimate.
    ``cap`` defaults to ``COUNT_CAP`` as it is at the call."""
    cap = COUNT_CAP if cap is None else cap
    n = rows[: cap + 1].count()
    return (cap, True) if n > cap else (n, False)
