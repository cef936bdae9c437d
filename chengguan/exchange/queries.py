"""Reads of the exchange outbox."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from chengguan.exchange.models import ExchangeRecord


def due(now: dt.datetime) -> QuerySet[ExchangeRecord]:
    """Unsent records whose backoff has run out, oldest first."""
    return ExchangeRecord.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now), sent_at__isnull=True
    ).order_by("id")


def latest(bureau_id: int, kind: str, source_id: str) -> ExchangeRecord | None:
    return (
        ExchangeRecord.objects.filter(bureau_id=bureau_id, kind=kind, source_id=source_id)
        .order_by("-version")
        .first()
    )


def of_day(bureau_id: int, start: dt.datetime, end: dt.datetime) -> QuerySet[ExchangeRecord]:
    return ExchangeRecord.objects.filter(
        bureau_id=bureau_id, created_at__gte=start, created_at__lt=end
    ).order_by("id")


def earlier_unsent(row: ExchangeRecord) -> bool:
    """Whether an earlier version of the row's source is not delivered yet (it goes first)."""
    return ExchangeRecord.objects.filter(
        bureau_id=row.bureau_id,
        kind=row.kind,
        source_id=row.source_id,
        version__lt=row.version,
        sent_at__isnull=True,
    ).exists()
