"""The TOTP second factor (decision 079): enrolment, the check after the password, recovery, reset.

- Optional for everyone; with ``settings.TOTP_REQUIRED_FOR_ADMINS`` the 系统/安全/审计管理员 must
  enrol before they reach anything (web: the session policy sends them to the enrolment page; API:
  no token is issued).
- Every code check is counted by the shared throttle (``totp:USERNAME``) before it is made, and a
  success gives the count back; over ``settings.TOTP_FAILURES`` the account is locked for the login
  window, right code or not.
- A code is accepted once: the device row is locked while it is checked and keeps the last step
  used, so the same code (or an older one) is refused afterwards, even within its 30 seconds.
- Recovery codes are kept as keyed hashes (the PII blind-index key), each usable once.
- Enrolment, confirmation, a used recovery code and a reset are writes: each has its ledger entry.
  Every check (ok, failed, locked) is a security event; a refused check changes no ledger entry.
- Wall-clock time (``time.time()``), not ``core.clock``: the code on the phone follows real time,
  whatever the business clock of a test or a replay says.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from chengguan.core import clock
from chengguan.core.errors import Forbidden, Invalid, StateError, Unauthenticated
from chengguan.core.pii import blind_index
from chengguan.core.security import totp
from chengguan.core.security.events import record_event
from chengguan.core.security.throttle import client_ip, second_factor_release, second_factor_slot
from chengguan.ledger.actions import record
from chengguan.org.models import RecoveryCode, Staff, TotpDevice
from chengguan.org.permissions import require
from chengguan.org.roles import ADMIN_ROLES

RECOVERY_CODES = 10

# Security-trail kinds (core.models.SecurityEvent.kind is free text; these name the TOTP events).
EVENT_ENROLLED = "totp.enrolled"
EVENT_OK = "totp.ok"
EVENT_FAILED = "totp.failed"
EVENT_RECOVERY = "totp.recovery"
EVENT_RESET = "totp.reset"


def required(staff: Any) -> bool:
    """Must this person have a second factor? (The admin roles, when the setting is on.)"""
    has_role = getattr(staff, "has_role", None)
    return bool(settings.TOTP_REQUIRED_FOR_ADMINS) and callable(has_role) and has_role(*ADMIN_ROLES)


def enrolled(staff: Any) -> bool:
    pk = getattr(staff, "pk", None)
    if pk is None:
        return False
    return TotpDevice.objects.filter(staff_id=pk, confirmed_at__isnull=False).exists()


def pending_device(staff: Staff) -> TotpDevice | None:
    return TotpDevice.objects.filter(staff=staff, confirmed_at__isnull=True).first()


def _recovery_digest(code: str) -> str:
    return blind_index("totp-recovery|" + totp.recovery_normal(code))


def begin_enrolment(*, actor: Staff) -> TotpDevice:
    """A new secret for the actor's own device, not yet in force until a code confirms it.

    An enrolled person cannot replace the factor themselves: whoever holds only their session
    must not be able to move the second factor to their own phone. A reset by the 安全管理员 comes
    first.
    """
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().filter(staff=actor).first()
        if device is not None and device.confirmed_at is not None:
            raise StateError("已启用二次验证；如需更换手机，请安全管理员先重置")
        if device is None:
            device = TotpDevice(staff=actor)
        device.secret = totp.new_secret()
        device.created_at = clock.now()
        device.last_step = 0
        device.save()
        record(actor, "org.staff.totp.begin", actor, {}, bureau_id=actor.bureau_id)
    return device


def provisioning(device: TotpDevice) -> dict[str, str]:
    """What the enrolment page shows: the otpauth:// URI, its QR code (inline SVG), the secret."""
    import segno  # only the enrolment page needs it

    uri = totp.provisioning_uri(
        device.secret, account=device.staff.username, issuer=settings.TOTP_ISSUER
    )
    qr = segno.make(uri, error="m")
    return {
        "uri": uri,
        "qr_svg": qr.svg_inline(scale=5, dark="#000", light="#fff"),
        "secret": totp.grouped(device.secret),
    }


def confirm_enrolment(
    *, actor: Staff, code: str, request: HttpRequest | None = None, now: float | None = None
) -> list[str]:
    """The first code from the phone puts the device in force; returns the recovery codes (shown
    once, only their hashes are kept)."""
    second_factor_slot(request, username=actor.username, channel="web")
    moment = time.time() if now is None else now
    codes = [totp.new_recovery_code() for _ in range(RECOVERY_CODES)]
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().filter(staff=actor).first()
        if device is None or device.confirmed_at is not None:
            raise StateError("没有待启用的二次验证，请先生成密钥")
        step = totp.matching_step(device.secret, code, moment)
        if step is not None:
            device.confirmed_at = clock.now()
            device.last_step = step
            device.save(update_fields=["confirmed_at", "last_step"])
            RecoveryCode.objects.bulk_create(
                [RecoveryCode(device=device, digest=_recovery_digest(c)) for c in codes]
            )
            record(
                actor,
                "org.staff.totp.enrol",
                actor,
                {"recovery_codes": RECOVERY_CODES},
                bureau_id=actor.bureau_id,
            )
    ip = client_ip(request)
    if step is None:
        record_event(
            kind=EVENT_FAILED, username=actor.username, staff=actor, ip=ip, channel="web",
            detail="启用时验证码错误",
        )  # fmt: skip
        raise Invalid("验证码错误，请核对手机时间后重新输入", details={"code": "验证码错误"})
    second_factor_release(actor.username)
    record_event(kind=EVENT_ENROLLED, username=actor.username, staff=actor, ip=ip, channel="web")
    return codes


def verify(
    *,
    staff: Staff,
    code: str,
    request: HttpRequest | None,
    channel: str,
    now: float | None = None,
) -> str:
    """Check a code (or a recovery code) of an enrolled person after the password.

    Returns ``"totp"`` or ``"recovery"``; raises ``LoginLocked`` (429) when over the limit and
    ``Unauthenticated`` (401, code ``totp_invalid``) for a wrong, replayed or used code.
    """
    second_factor_slot(request, username=staff.username, channel=channel)
    moment = time.time() if now is None else now
    how, reason, remaining = "", "验证码错误", 0
    with transaction.atomic():
        device = (
            TotpDevice.objects.select_for_update()
            .filter(staff=staff, confirmed_at__isnull=False)
            .first()
        )
        if device is None:
            raise StateError("尚未启用二次验证")
        step = totp.matching_step(device.secret, code, moment)
        if step is not None and step > device.last_step:
            device.last_step = step
            device.save(update_fields=["last_step"])
            how = "totp"
        elif step is not None:
            reason = "验证码已使用（同一验证码只能用一次）"
        elif totp.recovery_normal(code):
            used = (
                RecoveryCode.objects.select_for_update()
                .filter(device=device, digest=_recovery_digest(code), used_at__isnull=True)
                .first()
            )
            if used is not None:
                used.used_at = clock.now()
                used.save(update_fields=["used_at"])
                remaining = device.recovery_codes.filter(used_at__isnull=True).count()
                record(
                    staff,
                    "org.staff.totp.recovery_used",
                    staff,
                    {"remaining": remaining},
                    bureau_id=staff.bureau_id,
                )
                how = "recovery"
    ip = client_ip(request)
    if not how:
        record_event(
            kind=EVENT_FAILED, username=staff.username, staff=staff, ip=ip, channel=channel,
            detail=reason,
        )  # fmt: skip
        raise Unauthenticated(reason, code="totp_invalid")
    second_factor_release(staff.username)
    record_event(
        kind=EVENT_RECOVERY if how == "recovery" else EVENT_OK,
        username=staff.username,
        staff=staff,
        ip=ip,
        channel=channel,
        detail=f"剩余恢复码 {remaining} 个" if how == "recovery" else "",
    )
    return how


def check_for_token(staff: Staff, *, code: str, request: HttpRequest | None) -> None:
    """The API token's second step: an enrolled account sends ``otp``; an administrator who must
    enrol and has not gets no token (the web enrolment page comes first)."""
    if enrolled(staff):
        if not totp.normalise(code):
            raise Unauthenticated(
                "该账号已启用二次验证，请同时提交验证码（otp）", code="totp_required"
            )
        verify(staff=staff, code=code, request=request, channel="api")
    elif required(staff):
        raise Forbidden("管理员账号须先登录网页启用二次验证", code="totp_enrolment_required")


def reset(*, actor: Staff, staff: Staff, reason: str = "") -> None:
    """The 安全管理员 removes a person's second factor (lost phone); they enrol again at the next
    login. Another bureau's person is not found (404), another role is refused (403)."""
    with transaction.atomic():
        require(actor, "org.totp.reset", staff)
        deleted, _ = TotpDevice.objects.filter(staff=staff).delete()
        if not deleted:
            raise StateError("该人员未启用二次验证")
        record(
            actor,
            "org.staff.totp.reset",
            staff,
            {"staff": staff.username, "reason": reason[:200]},
            bureau_id=staff.bureau_id,
        )
    record_event(
        kind=EVENT_RESET,
        username=staff.username,
        staff=staff,
        channel="admin",
        detail=f"由 {actor.username} 重置"[:300],
    )


# The login step between the password and the session (web and admin logins alike).

PENDING = "cg_2fa_pending"
VERIFY_PAGE = "/accounts/totp/"
ENROL_PAGE = "/accounts/totp/enrol/"
# A password accepted this long ago no longer opens the code step (the form has to start again).
PENDING_SECONDS = 300


def defer_login(request: HttpRequest, user: Any, *, next_url: str, channel: str) -> bool:
    """Keep the password-checked user aside until the code is checked; True if a code is due."""
    if not enrolled(user):
        return False
    request.session.cycle_key()
    request.session[PENDING] = {
        "uid": user.pk,
        "backend": getattr(user, "backend", "django.contrib.auth.backends.ModelBackend"),
        "at": time.time(),
        "next": next_url,
        "channel": channel,
    }
    return True


def pending_login(request: HttpRequest) -> tuple[Staff, dict[str, Any]] | None:
    """The person waiting for the code step, if the password was accepted recently enough."""
    data = request.session.get(PENDING)
    if not isinstance(data, dict):
        return None
    if time.time() - float(data.get("at", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    uid = data.get("uid")
    if not isinstance(uid, int):
        return None
    staff = Staff.objects.filter(pk=uid, is_active=True).first()
    if staff is None:
        return None
    return staff, data
