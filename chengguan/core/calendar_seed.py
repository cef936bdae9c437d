"""What the chinesecalendar package knows: every day of the years it has the State Council notice for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import chinese_calendar


def package_years() -> range:
    # The package raises NotImplementedError outside the years it covers; find them by probing.
    years = [y for y in range(2004, 2100) if _known(y)]
    return range(years[0], years[-1] + 1) if years else range(0)


def _known(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def package_days() -> Iterator[tuple[dt.date, bool, str]]:
    for year in package_years():
        day = dt.date(year, 1, 1)
        while day.year == year:
            _on_holiday, name = chinese_calendar.get_holiday_detail(day)
            workday = chinese_calendar.is_workday(day)
            label = ""
            if name is not None:
                label = str(getattr(name, "value", name))
                if workday:
                    label = f"{label}调休上班"
            yield day, workday, label[:40]
            day += dt.timedelta(days=1)
