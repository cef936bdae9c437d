"""The command-centre dashboard (指挥大屏): today's intake, open cases by unit, overdue, indicators."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chengguan.citycases import queries
from chengguan.citycases.states import OPEN_STATUSES, Source
from chengguan.core import clock
from chengguan.core.errors import Invalid
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.web.context import page
from chengguan.web.errors import staff_page
from chengguan.web.views.shell import filter_dates

RATES = [
    ("filing_rate", "立案率"),
    ("disposal_rate", "处置率"),
    ("on_time_disposal_rate", "按期处置率"),
    ("closure_rate", "结案率"),
    ("on_time_closure_rate", "按期结案率"),
    ("rework_rate", "返工率"),
    ("return_rate", "退单率"),
]


# helper:forms (issue #15 item 6): the trend is drawn per day up to this many days, per month
# beyond, so that a year's range stays a readable line.
DAILY_LIMIT = 92
MAX_RANGE_DAYS = 5 * 366


def default_range(today: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(today.year, 1, 1), today


def _trend(cases: Any, date_from: dt.date, date_to: dt.date) -> dict[str, list[Any]]:
    """Cases reported per day (or per month for a long range) within the range, zeros included."""
    start, end = queries.period(date_from, date_to)
    rows = cases.filter(reported_at__gte=start, reported_at__lt=end)
    if (date_to - date_from).days < DAILY_LIMIT:
        per_day = {
            r["d"]: r["n"]
            for r in rows.annotate(d=TruncDate("reported_at", tzinfo=clock.SHANGHAI))
            .values("d")
            .annotate(n=Count("id"))
        }
        days = [date_from + dt.timedelta(days=i) for i in range((date_to - date_from).days + 1)]
        return {
            "days": [d.strftime("%m-%d") for d in days],
            "values": [per_day.get(d, 0) for d in days],
        }
    per_month: dict[tuple[int, int], int] = {}
    for r in (
        rows.annotate(d=TruncDate("reported_at", tzinfo=clock.SHANGHAI))
        .values("d")
        .annotate(n=Count("id"))
    ):
        key = (r["d"].year, r["d"].month)
        per_month[key] = per_month.get(key, 0) + r["n"]
    months: list[tuple[int, int]] = []
    y, m = date_from.year, date_from.month
    while (y, m) <= (date_to.year, date_to.month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return {
        "days": [f"{y}-{m:02d}" for y, m in months],
        "values": [per_month.get(k, 0) for k in months],
    }


def dashboard_data(
    user: Staff, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> dict[str, Any]:
    today = clock.today()
    default_from, default_to = default_range(today)
    date_from, date_to = date_from or default_from, date_to or default_to
    year = queries.indicators(user, date_from, date_to)
    day = queries.indicators(user, today, today)
    cases = queries.cases(user)
    open_rows = cases.filter(status__in=OPEN_STATUSES)
    by_unit = list(
        open_rows.filter(unit__isnull=False)
        .values("unit__name")
        .annotate(n=Count("id"))
        .order_by("-n")[:15]
    )
    waiting = open_rows.filter(unit__isnull=True).count()
    labels = dict(Source.choices)
    return {
        "today": day["reported"],
        "open": open_rows.count(),
        "overdue": open_rows.filter(current_due__lt=clock.now()).count(),
        "year": year,
        "from": date_from,
        "to": date_to,
        "per_month": (date_to - date_from).days >= DAILY_LIMIT,
        "charts": {
            "units": {
                "names": [r["unit__name"] for r in by_unit] + (["待派遣"] if waiting else []),
                "values": [r["n"] for r in by_unit] + ([waiting] if waiting else []),
            },
            "sources": [
                {"name": labels.get(k, k), "value": v["reported"]}
                for k, v in year["by_source"].items()
            ],
            "rates": {
                "names": [label for _, label in RATES],
                "values": [round(100 * year[key], 1) for key, _ in RATES],
            },
            "daily": _trend(cases, date_from, date_to),
        },
        "rates": [(label, round(100 * year[key], 2)) for key, label in RATES],
    }


@staff_page
def dashboard(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, Staff)
    require(request.user, "citycases.stats")
    # The range is kept in the URL (?from=&to=); a bad date or an inverted range is a 400.
    date_from, date_to = filter_dates(request)
    if date_from and not date_to:
        date_to = max(date_from, clock.today())
    if date_to and not date_from:
        date_from = dt.date(date_to.year, 1, 1)
    if date_from and date_to and (date_to - date_from).days > MAX_RANGE_DAYS:
        raise Invalid("统计期间最长五年", details={"from": "期间过长"})
    data = dashboard_data(request.user, date_from, date_to)
    return render(request, "web/dashboard.html", page(request, "dashboard", d=data))
