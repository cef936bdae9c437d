"""Bearer tokens; the failed-login throttle is shared with the web login (core/security).

The kit sits at the bottom of the import order (docs/architecture.md): it reaches the staff model
through Django's ``AUTH_USER_MODEL`` (``get_user_model()``) as any reusable app would, and names
``org.Staff`` only for type hints.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.http import HttpRequest
from ninja.security import HttpBearer

from chengguan.api.models import ApiToken
from chengguan.core import clock
from chengguan.core.errors import Forbidden, Unauthenticated
from chengguan.core.models import SecurityEvent
from chengguan.core.security.events import record_event
from chengguan.core.security.throttle import client_ip, throttled_authenticate

if TYPE_CHECKING:
    from chengguan.org.models import Staff


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# Every API request runs this statement first; written out, it costs a fraction of what the ORM
# spends building it (bench/bench_citycases.py, intake). It names the tables of the user model
# (org_staff) and of its roles, and primes the role cache ``Staff.role_ids()`` reads: data coupling
# to the user model that no import shows, kept for speed (decision 060). The roles come in the same
# statement, joined by a comma (role codes are identifiers), one round trip instead of two
# (decision 093).
_ROLES_AGG = {"postgresql": "string_agg(r.role, ',')", "sqlite": "group_concat(r.role, ',')"}
_TOKEN_STAFF = (
    "SELECT s.*, (SELECT {agg} FROM org_roleassignment r WHERE r.staff_id = s.id) AS cg_roles"
    " FROM org_staff s JOIN api_apitoken t ON t.staff_id = s.id"
    " WHERE t.digest = %s AND t.revoked = %s AND t.expires_at > %s AND s.is_active = %s"
)


def staff_for_token(token: str) -> Staff | None:
    now = connection.ops.adapt_datetimefield_value(clock.now())
    sql = _TOKEN_STAFF.format(agg=_ROLES_AGG[connection.vendor])  # the two databases we run on
    found = list(get_user_model().objects.raw(sql, [_digest(token), False, now, True]))
    if not found:
        return None
    staff = found[0]
    staff._role_ids = {role for role in (getattr(staff, "cg_roles", None) or "").split(",") if role}
    return staff


def issue_token(
    request: HttpRequest,
    username: str,
    password: str,
    *,
    second_factor: Callable[[Staff], None] | None = None,
) -> tuple[str, dt.datetime]:
    """Check the password through the throttle shared with the web and admin logins; then
    ``second_factor(staff)`` (installed by the assembly, decision 079) may refuse by raising."""
    staff = throttled_authenticate(request, username=username, password=password, channel="api")
    if staff is None:
        raise Unauthenticated("用户名或密码错误")
    if second_factor is not None:
        second_factor(staff)
    if not settings.DEMO_MODE and (
        getattr(staff, "must_change_password", False) or staff.password_expired()
    ):
        # Decision 072: a password someone else set, or an expired one, opens only the web
        # password page; no token is issued on it.
        raise Forbidden(
            "须先登录网页修改密码（密码由他人设置或已过期）", code="password_change_required"
        )
    token = secrets.token_urlsafe(32)
    expires = clock.now() + dt.timedelta(hours=settings.API_TOKEN_TTL_HOURS)
    with transaction.atomic():
        ApiToken.objects.create(staff=staff, digest=_digest(token), expires_at=expires)
        record_event(
            kind=SecurityEvent.Kind.TOKEN_ISSUED,
            username=username,
            staff=staff,
            ip=client_ip(request),
            channel="api",
        )
    return token, expires


def _bearer(request: HttpRequest) -> str:
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else ""


def revoke_token(request: HttpRequest) -> None:
    """Revoke the token the request came with (a client's logout)."""
    staff = actor(request)
    with transaction.atomic():
        ApiToken.objects.filter(digest=_digest(_bearer(request)), staff=staff).update(revoked=True)
        record_event(
            kind=SecurityEvent.Kind.TOKEN_REVOKED,
            username=staff.username,
            staff=staff,
            ip=client_ip(request),
            channel="api",
        )


def rotate_token(request: HttpRequest) -> tuple[str, dt.datetime]:
    """A new token for the same person; the presented one stops working in the same transaction."""
    staff = actor(request)
    token = secrets.token_urlsafe(32)
    expires = clock.now() + dt.timedelta(hours=settings.API_TOKEN_TTL_HOURS)
    with transaction.atomic():
        revoked = ApiToken.objects.filter(
            digest=_digest(_bearer(request)), staff=staff, revoked=False
        ).update(revoked=True)
        if revoked != 1:  # a concurrent rotation of the same token already took it
            raise Unauthenticated("令牌已失效，请重新登录")
        ApiToken.objects.create(staff=staff, digest=_digest(token), expires_at=expires)
        record_event(
            kind=SecurityEvent.Kind.TOKEN_ROTATED,
            username=staff.username,
            staff=staff,
            ip=client_ip(request),
            channel="api",
        )
    return token, expires


def revoke_all(staff: Staff, *, reason: str) -> int:
    """Revoke every live token of a person (their password changed, their account was closed)."""
    count = ApiToken.objects.filter(staff=staff, revoked=False).update(revoked=True)
    if count:
        record_event(
            kind=SecurityEvent.Kind.TOKEN_REVOKED,
            username=staff.username,
            staff=staff,
            channel="api",
            detail=f"{reason}：吊销 {count} 个令牌",
        )
    return count


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Staff | None:
        staff = staff_for_token(token)
        if staff is not None:
            request.user = staff
        return staff


def actor(request: HttpRequest) -> Staff:
    """The signed-in staff member of an authenticated API request."""
    staff = getattr(request, "auth", None)
    if not isinstance(staff, get_user_model()):
        raise Unauthenticated("未登录或令牌无效")
    return staff
