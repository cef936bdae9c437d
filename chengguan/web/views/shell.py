"""Login, logout, the password page and 我的待办."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from chengguan.api.parsing import query_date
from chengguan.core import clock
from chengguan.core.errors import Invalid
from chengguan.core.security.forms import ThrottledAuthenticationForm
from chengguan.inbox import actions as inbox_actions
from chengguan.inbox import queries as inbox_queries
from chengguan.org import actions as org_actions
from chengguan.org.models import Staff
from chengguan.org.views import SecondFactorLoginView  # --- helper:security ---
from chengguan.web.context import page
from chengguan.web.errors import staff_page
from chengguan.web.worklist import Filters, WorkPage, worklist


# --- helper:security --- the TOTP step after the password (decision 079)
class LoginView(SecondFactorLoginView):  # --- /helper:security ---
    template_name = "web/login.html"
    redirect_authenticated_user = True
    # The failed-login throttle shared with the admin and API logins (core/security).
    authentication_form = ThrottledAuthenticationForm


class PasswordChangeView(auth_views.PasswordChangeView):
    """The holder's own password change; the password rules run in the form (decision 072)."""

    template_name = "web/password_change.html"
    success_url = "/"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["due"] = bool(getattr(user, "must_change_password", False)) or (
            user.is_authenticated and user.password_expired()  # type: ignore[union-attr]
        )
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            user = form.user
            if user.must_change_password:
                org_actions.set_password_change_due(actor=user, staff=user, due=False)
        messages.success(self.request, "密码已修改，其他设备上的登录和接口令牌已失效。")
        return response


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def filter_dates(request: HttpRequest) -> tuple[dt.date | None, dt.date | None]:
    """The list pages' ``from``/``to`` (YYYY-MM-DD); a bad or out-of-range value is a 400 (the
    API's own parser and bounds)."""
    start, end = query_date(request, "from"), query_date(request, "to")
    if start and end and end < start:
        raise Invalid("日期范围有误", details={"to": "结束日期不能早于开始日期"})
    return start, end


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=clock.SHANGHAI)


def page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


@staff_page
def worklist_view(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, Staff)
    filters = Filters(
        q=request.GET.get("q", "").strip()[:100],
        kind=request.GET.get("kind", "") if request.GET.get("kind") in {"city", "penalty"} else "",
        overdue=request.GET.get("overdue") == "1",
    )
    result = worklist(request.user, filters, page_number(request))
    query = request.GET.copy()
    query.pop("page", None)
    ctx = page(request, "worklist", work=result, filters=filters, query=query.urlencode())
    if is_htmx(request):
        return render(request, "web/_worklist_results.html", ctx)
    return render(request, "web/worklist.html", ctx)


@staff_page
def inbox_view(request: HttpRequest) -> HttpResponse:
    """``/inbox/``: the signed-in person's messages, newest first; POST marks them read."""
    assert isinstance(request.user, Staff)
    me = request.user
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()]
        # helper:forms (issue #15 item 7): "全部标为已读" marks every message, ticked or not.
        everything = request.POST.get("all") == "1"
        inbox_actions.mark_read(reader=me, ids=None if everything else (ids or None))
        return redirect("web:inbox")
    size = 30
    rows = inbox_queries.inbox(me)
    pager = WorkPage(items=[], count=rows.count(), page=1, size=size)
    pager.page = min(page_number(request), pager.pages)
    items = list(rows[(pager.page - 1) * size : pager.page * size])
    return render(
        request, "web/inbox.html", page(request, "inbox", notes=items, pager=pager, query="")
    )
