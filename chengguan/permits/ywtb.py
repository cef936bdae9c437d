"""Transports of status messages to the provincial 一网通办 platform, chosen by setting
``YWTB_TRANSPORT``: ``file`` (JSON lines under CHENGGUAN_HOME; development and tests) or ``http``
(POST to ``YWTB_URL`` with retries and backoff). The transports themselves are generic
(``core.transports``, shared with the provincial exchange); this module picks one by setting."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from chengguan.core.transports import DeliveryError, HttpTransport, Transport
from chengguan.core.transports import FileTransport as _FileTransport

__all__ = ["DeliveryError", "FileTransport", "HttpTransport", "Transport", "configured"]


class FileTransport(_FileTransport):
    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path or Path(settings.HOME) / "ywtb" / "outbox.jsonl")


def configured() -> Transport:
    kind = getattr(settings, "YWTB_TRANSPORT", "file")
    if kind == "http":
        return HttpTransport(
            settings.YWTB_URL,
            retries=settings.YWTB_RETRIES,
            backoff=settings.YWTB_BACKOFF,
            timeout=settings.YWTB_TIMEOUT,
        )
    if kind == "file":
        return FileTransport()
    raise ValueError(f"unknown YWTB_TRANSPORT {kind!r} (file|http)")
