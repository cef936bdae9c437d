"""Session and password policy for signed-in pages (GB/T 22239 level 3, decision 072).

- A session ends after ``SESSION_IDLE_SECONDS`` without a request and, whatever the activity,
  ``SESSION_COOKIE_AGE`` seconds after the login; each end is a ``session.expired`` security event.
  Wall-clock time, not ``core.clock``: the business clock may be frozen or moved (tests, a replay)
  while a person's session is real.
- Someone whose password was set by another person, or has expired, reaches nothing but the
  password page until they change it (outside demo mode).
- Every response carries the Content-Security-Policy of the settings.
- Every 403 a signed-in person meets is an ``access.denied`` security event (decision 073).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import urlencode

from chengguan.core.models import SecurityEvent
from chengguan.core.security.events import record_event
from chengguan.core.security.throttle import client_ip
from chengguan.org import second_factor  # --- helper:security ---

LOGIN_AT = "cg_login_at"
SEEN_AT = "cg_seen_at"
PASSWORD_PAGE = "/accounts/password/"
# Reachable while a password change is due: the page itself, leaving, and what has no session.
_OPEN_WHILE_DUE = (PASSWORD_PAGE, "/accounts/logout/", "/static/", "/portal/", "/open311/", "/api/")
# The idle clock is written at most this often (a session write per request would cost more).
_SEEN_RESOLUTION = dt.timedelta(seconds=60)


@receiver(user_logged_in)
def _stamp_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[LOGIN_AT] = now
        request.session[SEEN_AT] = now


def password_change_due(user: Any) -> bool:
    if settings.DEMO_MODE:
        return False
    return bool(getattr(user, "must_change_password", False)) or user.password_expired()


class SessionPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            ended = self._expired(request)
            if ended:
                record_event(
                    kind=SecurityEvent.Kind.SESSION_EXPIRED,
                    username=user.get_username(),
                    staff=user,
                    ip=client_ip(request),
                    channel="web",
                    detail=ended,
                )
                logout(request)
                return HttpResponseRedirect(
                    f"{settings.LOGIN_URL}?{urlencode({'next': request.get_full_path()})}"
                )
            if password_change_due(user) and not request.path.startswith(_OPEN_WHILE_DUE):
                return HttpResponseRedirect(PASSWORD_PAGE)
            # --- helper:security ---
            # Decision 079: an administrator without the required second factor enrols first.
            if (
                second_factor.required(user)
                and not request.path.startswith((*_OPEN_WHILE_DUE, second_factor.ENROL_PAGE))
                and not second_factor.enrolled(user)
            ):
                return HttpResponseRedirect(second_factor.ENROL_PAGE)
            # --- /helper:security ---
        response = self.get_response(request)
        if response.status_code == 403:
            self._denied(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response

    @staticmethod
    def _denied(request: HttpRequest) -> None:
        """A permission refusal is a security event (an API caller is known by its token)."""
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return
        record_event(
            kind=SecurityEvent.Kind.ACCESS_DENIED,
            username=user.get_username(),
            staff=user,
            ip=client_ip(request),
            channel="api" if request.path.startswith("/api/") else "web",
            detail=f"{request.method} {request.path}"[:300],
        )

    @staticmethod
    def _expired(request: HttpRequest) -> str:
        now = time.time()
        session = request.session
        login_at = session.get(LOGIN_AT)
        seen_at = session.get(SEEN_AT)
        if login_at is None or seen_at is None:
            # A session from before this policy (or a test's force_login): start its clocks now.
            session[LOGIN_AT] = login_at or now
            session[SEEN_AT] = now
            return ""
        if now - float(login_at) > settings.SESSION_COOKIE_AGE:
            return "超过会话最长时间"
        if now - float(seen_at) > settings.SESSION_IDLE_SECONDS:
            return "长时间未操作"
        if now - float(seen_at) > _SEEN_RESOLUTION.total_seconds():
            session[SEEN_AT] = now
        return ""
