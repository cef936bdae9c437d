"""Sending and reading messages. ``notify`` runs inside the caller's transaction (a dispatch and
its message commit together, or neither); it is idempotent by (recipient, key)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from chengguan.core import clock
from chengguan.inbox.models import Notification


def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    title: str,
    link: str = "",
    key: str,
) -> int:
    """Tell each recipient once; returns how many new messages were written."""
    now = clock.now()
    people = [p for p in recipients if p is not None and getattr(p, "is_active", True)]
    if not people:
        return 0
    key = key[:200]
    unique = {p.pk: p for p in people}
    # One read of who already has it (a dispatch runs this on every step); the unique constraint
    # still settles two jobs racing for the same message (ignore_conflicts).
    told = set(
        Notification.objects.filter(recipient_id__in=unique, key=key).values_list(
            "recipient_id", flat=True
        )
    )
    rows = [
        Notification(
            bureau_id=p.bureau_id,
            recipient=p,
            kind=kind,
            title=title[:200],
            link=link[:300],
            key=key,
            created_at=now,
        )
        for pk, p in unique.items()
        if pk not in told
    ]
    if rows:
        with transaction.atomic():
            Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def mark_read(*, reader: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the reader's own messages read (all unread ones when ``ids`` is None)."""
    rows = Notification.objects.filter(recipient=reader, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return int(rows.update(read_at=clock.now()))
