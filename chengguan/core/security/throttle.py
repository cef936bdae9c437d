"""One failed-login throttle for the web, admin and API logins, by username AND by client address.

An attempt is counted *before* the password is checked, in a transaction holding the counter rows
(``select_for_update``): parallel attempts queue on the rows, so no more than the limit of password
checks pass in a window, whatever the number of workers. A success gives its slot back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest

from chengguan.core import clock
from chengguan.core.errors import Throttled
from chengguan.core.models import LoginThrottle, SecurityEvent
from chengguan.core.security.events import record_event


def client_ip(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def _keys(username: str, ip: str) -> list[tuple[str, int]]:
    keys = [(f"user:{username[:200]}", settings.LOGIN_THROTTLE_FAILURES)]
    if ip:
        keys.append((f"ip:{ip}", settings.LOGIN_THROTTLE_IP_FAILURES))
    # A fixed order: two attempts never lock the same rows in opposite orders (no deadlock).
    return sorted(keys)


class LoginLocked(Throttled):
    """Too many failed logins for this username or from this address (429)."""


def _reserve(username: str, ip: str, channel: str) -> None:
    try:
        _count(username, ip)
    except LoginLocked as exc:
        # Recorded after the counting transaction rolled back, so the event is kept.
        record_event(
            kind=SecurityEvent.Kind.LOGIN_LOCKED,
            username=username,
            ip=ip,
            channel=channel,
            detail=str(exc.details.get("by", "")),
        )
        raise


def _count(username: str, ip: str, keys: list[tuple[str, int]] | None = None) -> None:
    now = clock.now()
    window = dt.timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS)
    keys = keys if keys is not None else _keys(username, ip)
    with transaction.atomic():
        LoginThrottle.objects.bulk_create(
            [LoginThrottle(key=k, count=0, window_start=now) for k, _ in keys],
            ignore_conflicts=True,
        )
        rows = {
            r.key: r
            for r in LoginThrottle.objects.select_for_update()
            .filter(key__in=[k for k, _ in keys])
            .order_by("key")
        }
        for key, _limit in keys:
            row = rows[key]
            if row.window_start + window <= now:
                row.count, row.window_start = 0, now
        for key, limit in keys:
            row = rows[key]
            if row.count >= limit:
                minutes = max(1, int((row.window_start + window - now).total_seconds() // 60) + 1)
                raise LoginLocked(
                    f"登录失败次数过多，该账号或来源地址已被暂时锁定，请 {minutes} 分钟后再试",
                    details={"username": username, "by": key.split(":", 1)[0]},
                )
        for key, _limit in keys:
            row = rows[key]
            row.count += 1
            row.save(update_fields=["count", "window_start"])


def _release(username: str, ip: str) -> None:
    """A success: the username starts afresh; the address gets back the slot this try took."""
    with transaction.atomic():
        LoginThrottle.objects.filter(key=f"user:{username[:200]}").update(count=0)
        if ip:
            LoginThrottle.objects.filter(key=f"ip:{ip}", count__gt=0).update(count=F("count") - 1)


def throttled_authenticate(
    request: HttpRequest | None, *, username: str, password: str, channel: str
) -> Any:
    """The staff member for these credentials, or None; raises ``LoginLocked`` when locked out."""
    ip = client_ip(request)
    _reserve(username, ip, channel)
    user = authenticate(request, username=username, password=password)
    if user is None:
        record_event(
            kind=SecurityEvent.Kind.LOGIN_FAILED, username=username, ip=ip, channel=channel
        )
        return None
    _release(username, ip)
    record_event(
        kind=SecurityEvent.Kind.LOGIN_OK, username=username, staff=user, ip=ip, channel=channel
    )
    return user


# Decision 079: the second factor (TOTP or a recovery code) has its own counter per username, on
# the same rows and window, so a stolen password cannot be followed by a million code guesses.
SECOND_FACTOR_LOCKED = "totp.locked"


def second_factor_slot(request: HttpRequest | None, *, username: str, channel: str) -> None:
    """Count one code check before it is made; raises ``LoginLocked`` when over the limit."""
    keys = [(f"totp:{username[:200]}", settings.TOTP_FAILURES)]
    try:
        _count(username, "", keys)
    except LoginLocked as exc:
        record_event(
            kind=SECOND_FACTOR_LOCKED,
            username=username,
            ip=client_ip(request),
            channel=channel,
            detail="二次验证失败次数过多",
        )
        raise LoginLocked(
            exc.message.replace("登录失败", "验证码错误"),
            details={"username": username, "by": "totp"},
        ) from exc


def second_factor_release(username: str) -> None:
    LoginThrottle.objects.filter(key=f"totp:{username[:200]}").update(count=0)


class IntakeLimited(Throttled):
    """Too many public reports from one address in the window (429)."""


def public_intake_slot(request: HttpRequest | None, *, channel: str) -> None:
    """Issue #12 item 8: the portal and Open311 take at most PUBLIC_INTAKE_LIMIT reports per
    client address per PUBLIC_INTAKE_WINDOW_SECONDS. Counted on the login throttle's rows (key
    ``intake:ADDRESS``), locked while counting, so parallel workers cannot exceed it either."""
    ip = client_ip(request)
    if not ip:
        return
    now = clock.now()
    window = dt.timedelta(seconds=settings.PUBLIC_INTAKE_WINDOW_SECONDS)
    key = f"intake:{ip}"
    with transaction.atomic():
        LoginThrottle.objects.bulk_create(
            [LoginThrottle(key=key, count=0, window_start=now)], ignore_conflicts=True
        )
        row = LoginThrottle.objects.select_for_update().get(key=key)
        if row.window_start + window <= now:
            row.count, row.window_start = 0, now
        if row.count >= settings.PUBLIC_INTAKE_LIMIT:
            minutes = max(1, int((row.window_start + window - now).total_seconds() // 60) + 1)
            raise IntakeLimited(
                f"提交过于频繁，请 {minutes} 分钟后再试；紧急情况请拨打 12345",
                details={"by": "ip", "channel": channel},
            )
        row.count += 1
        row.save(update_fields=["count", "window_start"])
