"""``Idempotency-Key`` on API writes: the same key and body get the first reply, not a second record.

A placeholder row is claimed before the write runs, so two concurrent requests with one key cannot
both write. Only successful replies are kept: a refused request may be retried with the same key.

The claim is a lease: a worker killed mid-request (kill -9) leaves its placeholder "in progress";
after ``IDEMPOTENCY_LEASE_SECONDS`` the next retry takes it over (one conditional UPDATE, so only
one retry wins). Kept replies may hold personal data (a revealed phone number): the body is sealed
with the data key, and rows expire after ``IDEMPOTENCY_TTL_SECONDS``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from chengguan.api.auth import client_ip, staff_for_token
from chengguan.api.errors import envelope
from chengguan.api.models import IdempotentReply
from chengguan.core.sealing import seal, unseal

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
PREFIXES = ("/api/v1/", "/open311/")
PENDING = 0


def _scope(request: HttpRequest) -> str:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header.lower().startswith("bearer "):
        staff = staff_for_token(header[7:].strip())
        if staff is not None:
            return f"staff:{staff.pk}"
    return f"anon:{client_ip(request)}"


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.META.get("HTTP_IDEMPOTENCY_KEY", "").strip()
        if not key or request.method not in WRITE_METHODS or not request.path.startswith(PREFIXES):
            return self.get_response(request)
        if len(key) > 200:
            return JsonResponse(
                envelope(
                    "invalid",
                    "Idempotency-Key 过长（最多 200 个字符）",
                    details={"Idempotency-Key": "过长"},
                ),
                status=400,
            )
        scope = _scope(request)
        digest = hashlib.sha256(
            request.method.encode() + b" " + request.path.encode() + b"\n" + request.body
        ).hexdigest()
        now = timezone.now()
        expired = now - dt.timedelta(seconds=int(settings.IDEMPOTENCY_TTL_SECONDS))
        old = IdempotentReply.objects.filter(created_at__lt=expired)
        # Look before deleting: a DELETE takes SQLite's write lock even when it matches nothing,
        # and this runs on every keyed write.
        if old.exists():
            old.delete()
        try:
            with transaction.atomic():
                claim = IdempotentReply.objects.create(
                    scope=scope,
                    key=key,
                    method=request.method or "",
                    path=request.path[:300],
                    body_digest=digest,
                    status=PENDING,
                    content_type="",
                    body=b"",
                )
        except IntegrityError:
            first = IdempotentReply.objects.filter(scope=scope, key=key).first()
            if first is None:  # the first attempt failed and released the key meanwhile
                return self.get_response(request)
            if first.body_digest != digest:
                return JsonResponse(
                    envelope(
                        "idempotency_key_reused",
                        "该 Idempotency-Key 已用于另一个请求，请为新请求使用新的键",
                    ),
                    status=409,
                )
            stale = now - dt.timedelta(seconds=int(settings.IDEMPOTENCY_LEASE_SECONDS))
            if first.status == PENDING and _take_over(first, stale=stale, now=now):
                return self._run(request, first)
            if first.status == PENDING:
                return JsonResponse(
                    envelope(
                        "idempotency_in_progress", "相同 Idempotency-Key 的请求正在处理，请稍后重试"
                    ),
                    status=409,
                )
            reply = HttpResponse(
                unseal(bytes(first.body)), status=first.status, content_type=first.content_type
            )
            reply["Idempotent-Replay"] = "true"
            return reply
        return self._run(request, claim)

    def _run(self, request: HttpRequest, claim: IdempotentReply) -> HttpResponse:
        response = self.get_response(request)
        if 200 <= response.status_code < 300 and not response.streaming:
            claim.status = response.status_code
            claim.content_type = response.get("Content-Type", "application/json")
            claim.body = seal(response.content)
            claim.save(update_fields=["status", "content_type", "body"])
        else:
            claim.delete()
        return response


def _take_over(claim: IdempotentReply, *, stale: dt.datetime, now: dt.datetime) -> bool:
    """Renew a placeholder whose lease ran out; True for the one retry whose UPDATE matched."""
    taken = IdempotentReply.objects.filter(
        pk=claim.pk, status=PENDING, created_at__lt=stale
    ).update(created_at=now)
    if taken:
        claim.created_at = now
    return bool(taken)
