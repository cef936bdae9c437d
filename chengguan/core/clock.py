"""The one source of "now", so tests and the demo generator can move time."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from django.utils import timezone

SHANGHAI = ZoneInfo("Asia/Shanghai")
_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """Aware current time (UTC-based), or the frozen time inside ``frozen_at``."""
    return _frozen if _frozen is not None else timezone.now()


def today() -> dt.date:
    """Today's date in Asia/Shanghai: legal periods count local calendar days."""
    return now().astimezone(SHANGHAI).date()


def local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(SHANGHAI)


@contextlib.contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[dt.datetime]:
    """Freeze ``now()`` (process-wide; for tests and bulk generation, not for request handling)."""
    global _frozen
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=SHANGHAI)
    previous, _frozen = _frozen, moment
    try:
        yield moment
    finally:
        _frozen = previous
