"""The exchange's transport, chosen by setting (``CHENGGUAN_PROVINCE_EXCHANGE_TRANSPORT``)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from chengguan.core.transports import FileTransport, HttpTransport, Transport


def configured() -> Transport | None:
    """The configured transport, or None when the exchange is off (the default)."""
    kind = settings.EXCHANGE_TRANSPORT
    if kind == "off":
        return None
    if kind == "http":
        return HttpTransport(
            settings.EXCHANGE_URL,
            retries=settings.EXCHANGE_RETRIES,
            backoff=settings.EXCHANGE_BACKOFF,
            timeout=settings.EXCHANGE_TIMEOUT,
        )
    if kind == "file":
        return FileTransport(Path(settings.HOME) / "exchange" / "outbox.jsonl")
    raise ValueError(f"unknown CHENGGUAN_PROVINCE_EXCHANGE_TRANSPORT {kind!r} (off|file|http)")
