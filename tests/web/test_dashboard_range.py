"""The dashboard's date range (issue #15 item 6, decision 087): kept in the URL, the figures of the
range, a bad range a 400, and another bureau's reader sees only its own bureau's figures."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable

from django.test import Client

from chengguan.citycases.models import CityCase
from chengguan.core import clock
from chengguan.demo.context import DemoContext


def _kpi(body: str, kpi: str) -> int:
    match = re.search(rf'id="{kpi}">(\d+)<', body)
    assert match is not None, kpi
    return int(match.group(1))


def _reported(demo: DemoContext, start: dt.date, end: dt.date) -> int:
    lo = dt.datetime.combine(start, dt.time.min, tzinfo=clock.SHANGHAI)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=clock.SHANGHAI)
    return CityCase.objects.filter(
        bureau=demo.bureau, reported_at__gte=lo, reported_at__lt=hi
    ).count()


def test_the_range_is_kept_and_counts_only_its_cases(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    first = CityCase.objects.filter(bureau=demo.bureau).order_by("reported_at").first()
    assert first is not None
    day = clock.local(first.reported_at).date()
    body = web("center").get("/dashboard/", {"from": day, "to": day}).content.decode()
    assert f'name="from" value="{day.isoformat()}"' in body
    assert f'name="to" value="{day.isoformat()}"' in body
    assert _kpi(body, "kpi-reported") == _reported(demo, day, day) >= 1
    data = json.loads(body.split('id="chart-data" type="application/json">', 1)[1].split("<", 1)[0])
    assert data["daily"]["days"] == [day.strftime("%m-%d")]
    assert data["daily"]["values"] == [_reported(demo, day, day)]
    # A range before any case counts none; a long range is drawn per month.
    empty = web("center").get("/dashboard/", {"from": "2001-01-01", "to": "2001-12-31"})
    assert _kpi(empty.content.decode(), "kpi-reported") == 0
    assert "按月" in empty.content.decode()
    # The default is the current year.
    today = clock.today()
    default = web("center").get("/dashboard/").content.decode()
    assert f'name="from" value="{today.year}-01-01"' in default


def test_a_bad_range_is_a_400_in_chinese(web: Callable[[str], Client]) -> None:
    inverted = web("center").get("/dashboard/", {"from": "2025-02-01", "to": "2025-01-01"})
    assert inverted.status_code == 400 and "日期" in inverted.content.decode()
    assert web("center").get("/dashboard/", {"from": "2025-13-01"}).status_code == 400
    too_long = web("center").get("/dashboard/", {"from": "2001-01-01", "to": "2025-01-01"})
    assert too_long.status_code == 400 and "五年" in too_long.content.decode()


def test_another_bureau_sees_only_its_own_figures(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    first = CityCase.objects.filter(bureau=demo.bureau).order_by("reported_at").first()
    assert first is not None
    span = {"from": clock.local(first.reported_at).date(), "to": clock.today()}
    ours = web("center").get("/dashboard/", span).content.decode()
    assert _kpi(ours, "kpi-reported") >= 1
    response = web("outsider").get("/dashboard/", span)
    assert response.status_code == 200
    body = response.content.decode()
    assert _kpi(body, "kpi-reported") == 0
    web_anon = Client()
    assert web_anon.get("/dashboard/").status_code == 302
