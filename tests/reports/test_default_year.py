"""Issue #15 item 9: the report page opens on a year with records, not on an empty year."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from chengguan.core import clock
from chengguan.reports.queries import default_year, has_records


def _opened_on(demo, moment: dt.datetime) -> str:
    client = Client()
    client.force_login(demo.user("head"))
    with clock.frozen_at(moment):
        body = client.get("/reports/").content.decode()
    start = body.index('<select id="r-year"')
    select = body[start : body.index("</select>", start)]
    return select.split(" selected")[0].rsplit('value="', 1)[1].split('"')[0]


@pytest.mark.parametrize(
    ("moment", "year"),
    [
        # early in the year after the seed year: the year just ended, as a report is written
        (dt.datetime(2025, 2, 10, 9), "2024"),
        # during the seed year itself: last year is empty, this year has the cases
        (dt.datetime(2024, 9, 1, 9), "2024"),
        # nothing in either year: last year, as before (and the page says there is no data)
        (dt.datetime(2031, 6, 1, 9), "2030"),
    ],
)
def test_the_page_opens_on_a_year_with_records(demo, moment: dt.datetime, year: str) -> None:
    assert _opened_on(demo, moment) == year


def test_default_year_is_per_bureau(demo) -> None:
    assert has_records(demo.bureau.pk, 2024)
    assert not has_records(demo.other_bureau.pk, 2024)
    assert default_year(demo.bureau.pk, 2024) == 2024
    assert default_year(demo.other_bureau.pk, 2025) == 2024  # nothing anywhere: the year before
    assert default_year(None, 2025) == 2024
