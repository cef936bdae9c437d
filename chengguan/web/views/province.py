"""The supervisor's page (issue #16, decision 085): the bureaus below the body, a year's figures
side by side. Read-only, like its API (/api/v1/province/…); case files are read there, recorded."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chengguan.core import clock
from chengguan.core.errors import ChengguanError
from chengguan.org.models import Staff
from chengguan.province import queries
from chengguan.web.context import page
from chengguan.web.errors import refusal, staff_page
from chengguan.web.views.reports import parse_year


@staff_page
def overview(request: HttpRequest) -> HttpResponse:
    me = request.user
    assert isinstance(me, Staff)
    body = queries.body(me)
    years = list(range(clock.today().year, 1999, -1))
    ctx: dict[str, Any] = {"body": body, "years": years}
    try:
        year = parse_year(request.GET.get("year", str(clock.today().year - 1)))
    except ChengguanError as exc:
        ctx.update(error=refusal(exc), year=None)
        return render(
            request, "web/province.html", page(request, "province", **ctx), status=exc.status
        )
    ctx.update(year=year, figures=queries.indicators(me, year))
    return render(request, "web/province.html", page(request, "province", **ctx))
