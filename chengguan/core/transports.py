"""Transports of an outbox to an outside platform (一网通办 status messages, decision 074; the
provincial exchange, decision 094): ``FileTransport`` writes JSON lines (development and tests),
``HttpTransport`` POSTs with retries and backoff. A transport knows nothing of our tables: it takes
the message as a dict and returns the receipt with the number of tries, or raises
``DeliveryError``."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Protocol


class DeliveryError(Exception):
    def __init__(self, message: str, tries: int = 1) -> None:
        super().__init__(message)
        self.tries = tries


class Transport(Protocol):
    def send(self, message: dict[str, Any]) -> tuple[dict[str, Any], int]:
        """(the receipt, the number of tries it took)."""
        ...


class FileTransport:
    def __init__(self, path: Path) -> None:
        self.path = path

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
            raise ValueError("the transport URL must be an http(s) URL")
        self.url, self.retries, self.backoff, self.timeout = url, retries, backoff, timeout

    def _once(self, body: bytes, key: str | None = None) -> dict[str, Any]:
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if key:
            # A message that carries its own key (the provincial exchange's) says so in the
            # header too, so the platform can drop a repeat before parsing the body.
            headers["Idempotency-Key"] = key
        request = urllib.request.Request(self.url, data=body, method="POST", headers=headers)
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
                key = message.get("key")
                return self._once(body, key if isinstance(key, str) else None), attempt
            except (urllib.error.URLError, OSError, TimeoutError) as exc:
                # HTTPError is a URLError: a 5xx (or 4xx) is retried like a refused connection,
                # since the platform's outages show as either.
                last = str(exc)
            if attempt < self.retries:
                time.sleep(self.backoff * 2 ** (attempt - 1))
        raise DeliveryError(last or "delivery failed", tries=self.retries)
