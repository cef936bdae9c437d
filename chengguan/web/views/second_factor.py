"""The TOTP pages (decision 079): the code step after the password, and the enrolment."""

from __future__ import annotations

from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from chengguan.core.errors import ChengguanError
from chengguan.core.security.throttle import LoginLocked
from chengguan.org import second_factor
from chengguan.org.models import Staff
from chengguan.web.context import page


def _safe_next(request: HttpRequest, target: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@never_cache
@login_not_required
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of a login: the code from the phone, or one recovery code."""
    pending = second_factor.pending_login(request)
    if pending is None:
        return HttpResponseRedirect("/accounts/login/")
    staff, data = pending
    error, status = "", 200
    if request.method == "POST":
        code = request.POST.get("code", "")[:40]
        try:
            how = second_factor.verify(
                staff=staff, code=code, request=request, channel=str(data.get("channel", "web"))
            )
        except LoginLocked as exc:
            error, status = exc.message, 429
            request.session.pop(second_factor.PENDING, None)
        except ChengguanError as exc:
            error, status = exc.message, exc.status
        else:
            request.session.pop(second_factor.PENDING, None)
            auth_login(request, staff, backend=str(data["backend"]))
            if how == "recovery":
                request.session["cg_2fa_recovery_used"] = True
            return HttpResponseRedirect(_safe_next(request, str(data.get("next", ""))))
    return render(
        request,
        "web/totp_verify.html",
        page(request, error=error, username=staff.username),
        status=status,
    )


@never_cache
@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    """Bind a phone: a secret (QR code, otpauth:// URI, base32 text), then its first code."""
    assert isinstance(request.user, Staff)
    user = request.user
    error, status = "", 200
    if request.method == "POST":
        try:
            if request.POST.get("step") == "start":
                second_factor.begin_enrolment(actor=user)
                return HttpResponseRedirect(second_factor.ENROL_PAGE)
            codes = second_factor.confirm_enrolment(
                actor=user, code=request.POST.get("code", "")[:40], request=request
            )
        except LoginLocked as exc:
            error, status = exc.message, 429
        except ChengguanError as exc:
            error, status = exc.message, exc.status
        else:
            # Shown once, in the answer to the POST: only their hashes are kept.
            return render(
                request,
                "web/totp_enrol.html",
                page(request, done=True, recovery_codes=codes),
            )
    device = second_factor.pending_device(user)
    context = page(
        request,
        error=error,
        enrolled=second_factor.enrolled(user),
        required=second_factor.required(user),
        setup=second_factor.provisioning(device) if device is not None else None,
    )
    return render(request, "web/totp_enrol.html", context, status=status)
