"""Case and document numbers: per bureau, kind and year, without duplicates or gaps.

The counter row is locked inside the caller's transaction, so a number is only used up when the
record that carries it commits: a rolled-back action leaves no gap.
"""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction

from chengguan.core.models import Counter

# One statement both locks the row (PostgreSQL row lock; SQLite already holds the write lock) and
# reads the new value: intake takes a number per report, and the ORM's two statements cost more.
_TAKE = (
    "UPDATE core_counter SET value = value + 1"
    " WHERE bureau_id = %s AND kind = %s AND year = %s RETURNING value"
)


def next_number(bureau_id: int, kind: str, year: int) -> int:
    if not connection.in_atomic_block:
        raise RuntimeError("next_number must run inside the transaction that uses the number")
    with connection.cursor() as cur:
        cur.execute(_TAKE, [bureau_id, kind, year])
        row = cur.fetchone()
        if row is None:
            try:
                with transaction.atomic():
                    Counter.objects.create(bureau_id=bureau_id, kind=kind, year=year, value=0)
            except IntegrityError:
                pass  # another transaction created it first; take from theirs below
            cur.execute(_TAKE, [bureau_id, kind, year])
            row = cur.fetchone()
    return int(row[0])


def document_number(prefix: str, year: int, n: int) -> str:
    """The form of a 文号: ``西城管罚决字〔2024〕12号``."""
    return f"{prefix}〔{year}〕{n}号"
