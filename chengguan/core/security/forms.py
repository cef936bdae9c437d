"""The web and admin login forms, both going through the shared throttle."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from chengguan.core.security.throttle import LoginLocked, throttled_authenticate


class _Throttled:
    channel = "web"

    def clean(self: Any) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = throttled_authenticate(
                    self.request, username=username, password=password, channel=self.channel
                )
            except LoginLocked as exc:
                raise forms.ValidationError(exc.message, code="locked") from exc
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class ThrottledAuthenticationForm(_Throttled, AuthenticationForm):
    channel = "web"


class ThrottledAdminAuthenticationForm(_Throttled, AdminAuthenticationForm):
    channel = "admin"
