"""The yearly rule-of-law report in the staff UI: pick a year, read every figure with its method,
download the report as .docx, .pdf or .md.

The page asks the reports app for everything (``figures.compute`` and ``service.annual_report_for``)
and so shows exactly what the CLI and the API produce, for the user's own bureau only.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chengguan.core import clock
from chengguan.core.errors import ChengguanError, Invalid
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.reports.figures import compute
from chengguan.reports.queries import default_year  # --- helper:demo ---
from chengguan.reports.service import annual_report_for
from chengguan.web.context import page
from chengguan.web.errors import refusal, staff_page

FIRST_YEAR = 2000
FORMATS = [("docx", "Word（.docx）"), ("pdf", "PDF（.pdf）"), ("md", "Markdown（.md）")]


def _me(request: HttpRequest) -> Staff:
    assert isinstance(request.user, Staff)
    return request.user


def parse_year(raw: str) -> int:
    """A report year between 2000 and this year: a future year has no records to count."""
    last = clock.today().year
    message = f"年度应为 {FIRST_YEAR} 到 {last} 之间的年份"
    try:
        year = int(raw.strip())
    except ValueError:
        raise Invalid(f"年度无效：{message}。") from None
    if not FIRST_YEAR <= year <= last:
        raise Invalid(f"年度无效：{message}。")
    return year


def _years() -> list[int]:
    return list(range(clock.today().year, FIRST_YEAR - 1, -1))


@staff_page
def annual(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    require(me, "reports.view")
    # --- helper:demo --- issue #15 item 9: the page opens on a year that has records.
    raw = request.GET.get("year", str(default_year(me.bureau_id, clock.today().year)))
    ctx: dict[str, Any] = {"years": _years(), "formats": FORMATS, "bureau": me.bureau}
    try:
        year = parse_year(raw)
    except ChengguanError as exc:
        ctx.update(error=refusal(exc), year=None)
        return render(
            request, "web/reports.html", page(request, "reports", **ctx), status=exc.status
        )
    assert me.bureau is not None
    figures = compute(me.bureau, year)
    sections = [
        {"name": name, "figures": list(rows)}
        for name, rows in groupby(figures, lambda f: f.section)
    ]
    ctx.update(year=year, sections=sections, count=len(figures.items))
    return render(request, "web/reports.html", page(request, "reports", **ctx))


@staff_page
def download(request: HttpRequest, year: str, fmt: str) -> HttpResponse:
    me = _me(request)
    # Permission before parsing, so a user without the role learns nothing from the year check.
    require(me, "reports.view")
    content, content_type, name = annual_report_for(me, parse_year(year), fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["Cache-Control"] = "private, no-store"
    return response
