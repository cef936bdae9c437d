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
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.web.context import page
from chengguan.web.errors import staff_page

RATES = [
    ("filing_rate", "立案率"),
    ("disposal_rate", "处置率"),
    ("on_time_disposal_rate", "按期处置率"),
    ("closure_rate", "结案率"),
    ("on_time_closure_rate", "按期结案率"),
    ("rework_rate", "返工率"),
    ("return_rate", "退单率"),
]


def dashboard_data(user: Staff) -> dict[str, Any]:
    today = clock.today()
    year = queries.indicators(user, dt.date(today.year, 1, 1), today)
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
    start, _ = queries.period(today - dt.timedelta(days=13), today)
    daily = {
        r["d"]: r["n"]
        for r in cases.filter(reported_at__gte=start)
        .annotate(d=TruncDate("reported_at", tzinfo=clock.SHANGHAI))
        .values("d")
        .annotate(n=Count("id"))
        .order_by("d")
    }
    days = [today - dt.timedelta(days=i) for i in range(13, -1, -1)]
    labels = dict(Source.choices)
    return {
        "today": day["reported"],
        "open": open_rows.count(),
        "overdue": open_rows.filter(current_due__lt=clock.now()).count(),
        "year": year,
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
            "daily": {
                "days": [d.strftime("%m-%d") for d in days],
                "values": [daily.get(d, 0) for d in days],
            },
        },
        "rates": [(label, round(100 * year[key], 2)) for key, label in RATES],
    }


@staff_page
def dashboard(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, Staff)
    require(request.user, "citycases.stats")
    return render(
        request, "web/dashboard.html", page(request, "dashboard", d=dashboard_data(request.user))
    )
