"""The login view shared by the web and admin logins: a password of someone with a second factor
opens the code step (``second_factor.VERIFY_PAGE``) instead of the session (decision 079)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import views as auth_views
from django.http import HttpResponse, HttpResponseRedirect

from chengguan.org import second_factor


class SecondFactorLoginView(auth_views.LoginView):
    channel = "web"

    def form_valid(self, form: Any) -> HttpResponse:
        next_url = self.get_success_url()
        channel = "admin" if self.request.path.startswith("/admin/") else self.channel
        if second_factor.defer_login(
            self.request, form.get_user(), next_url=next_url, channel=channel
        ):
            return HttpResponseRedirect(
                f"{second_factor.VERIFY_PAGE}?{urlencode({'next': next_url})}"
            )
        return super().form_valid(form)
