"""Case and document numbers: per bureau, kind and year, without duplicates or gaps.

The counter row is locked inside the caller's transaction, so a number is only used up when the
record that carries it commits: a rolled-back action leaves no gap.
"""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction

from chengguan.core.models import Counter


def next_number(bureau_id: int, kind: str, year: int) -> int:
    if not connection.in_atomic_block:
        raise RuntimeError("next_number must run inside the transaction that uses the number")
    counter = (
        Counter.objects.select_for_update()
        .filter(bureau_id=bureau_id, kind=kind, year=year)
        .first()
    )
    if counter is None:
        try:
            with transaction.atomic():
                Counter.objects.create(bureau_id=bureau_id, kind=kind, year=year, value=0)
        except IntegrityError:
            pass  # another transaction created it first; lock theirs below
        counter = Counter.objects.select_for_update().get(bureau_id=bureau_id, kind=kind, year=year)
    counter.value += 1
    counter.save(update_fields=["value"])
    return counter.value


def document_number(prefix: str, year: int, n: int) -> str:
    """The form of a 文号: ``西城管罚决字〔2024〕12号``."""
    return f"{prefix}〔{year}〕{n}号"
