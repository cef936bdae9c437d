"""Transports of status messages to the provincial 一网通办 platform, chosen by setting
``YWTB_TRANSPORT``: ``file`` (JSON lines under CHENGGUAN_HOME; development and tests) or ``http``
(POST to ``YWTB_URL`` with retries and backoff). A transport knows nothing of our tables: it
takes the message as a dict and returns the receipt, or raises ``DeliveryError``."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings


class DeliveryError(Exception):
    def __init__(self, message: str, tries: int = 1) -> None:
        super().__init__(message)
        self.tries = tries


class Transport(Protocol):
    def send(self, message: dict[str, Any]) -> tuple[dict[str, Any], int]:
        """(the receipt, the number of tries it took)."""
        ...


class FileTransport:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or Path(settings.HOME) / "ywtb" / "outbox.jsonl"

    def send(self, message: dict[str, Any]) -> tuple[dict[str, Any], int]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(message, ensure_ascii=False, sort_keys=True) + "\n")
        return {"transport": "file", "path": str(self.path)}, 1


class HttpTransport:
    def __init__(
        self,
        url: str,
        *,
        retries: int = 3,
        backoff: float = 0.5,
        timeout: float = 10.0,
    ) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError("YWTB_URL must be an http(s) URL")
        self.url, self.retries, self.backoff, self.timeout = url, retries, backoff, timeout

    def _once(self, body: bytes) -> dict[str, Any]:
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        with urllib.request.urlopen(
            request, timeout=self.timeout
        ) as response:  # the URL is the operator's setting, checked to be http(s) above
            raw = response.read().decode("utf-8") or "{}"
            try:
                parsed = json.loads(raw)
            except ValueError:
                parsed = {"body": raw[:500]}
            receipt = parsed if isinstance(parsed, dict) else {"body": parsed}
            return {**receipt, "http_status": response.status}

    def send(self, message: dict[str, Any]) -> tuple[dict[str, Any], int]:
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        last = ""
        for attempt in range(1, self.retries + 1):
            try:
                return self._once(body), attempt
            except (urllib.error.URLError, OSError, TimeoutError) as exc:
                # HTTPError is a URLError: a 5xx (or 4xx) is retried like a refused connection,
                # since the platform's outages show as either.
                last = str(exc)
            if attempt < self.retries:
                time.sleep(self.backoff * 2 ** (attempt - 1))
        raise DeliveryError(last or "delivery failed", tries=self.retries)


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
