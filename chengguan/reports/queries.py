"""Reads for the report pages that are not figures: which year to open on (decision 089)."""

from __future__ import annotations

from chengguan.citycases.models import CityCase
from chengguan.penalties.models import PenaltyCase


def has_records(bureau_id: int, year: int) -> bool:
    """Whether the bureau has a case of that year (a penalty case found, a city case reported)."""
    return (
        PenaltyCase.objects.filter(bureau_id=bureau_id, discovered_date__year=year).exists()
        or CityCase.objects.filter(bureau_id=bureau_id, reported_at__year=year).exists()
    )


def default_year(bureau_id: int | None, this_year: int) -> int:
    """The report is normally written early in the year about the year just ended; when that year
    has no case of the bureau (a new bureau, the current-year demo), this year if it has one
    (issue #15 item 9: the page opened on an empty year)."""
    last = this_year - 1
    if bureau_id is None or has_records(bureau_id, last):
        return last
    return this_year if has_records(bureau_id, this_year) else last
