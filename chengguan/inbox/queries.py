"""Reads of the inbox: always the reader's own messages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from chengguan.inbox.models import Notification


def inbox(reader: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    rows = Notification.objects.filter(recipient=reader)
    return rows.filter(read_at__isnull=True) if unread_only else rows


def unread_count(reader: Any) -> int:
    return int(Notification.objects.filter(recipient=reader, read_at__isnull=True).count())
