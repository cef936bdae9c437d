"""What the demo builders share: the bureaus, the users by username, the options."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from chengguan.org.models import OrgUnit, Staff


@dataclass
class DemoContext:
    password: str
    year: int
    scale: str  # "minimal" | "county" | "province"
    say: Callable[[str], None] = print
    bureau: OrgUnit | None = None
    other_bureau: OrgUnit | None = None
    units: dict[str, OrgUnit] = field(default_factory=dict)
    users: dict[str, Staff] = field(default_factory=dict)
    # Issue #15 item 9 (decision 089): set when the demo is built for the current year (the
    # default): open work is then dated back from this day, so nothing is years overdue. ``None``
    # for a seed year (``--year 2024``), whose fixed dates the report and the tests rely on.
    today: dt.date | None = None

    @property
    def current(self) -> bool:
        return self.today is not None

    def year_done_by(self, month: int, day: int) -> int:
        """The year for a builder whose fixed dates run to ``month``/``day``: the demo year, but in
        the current-year demo before that day the year before, so that nothing is in the future."""
        if self.today is not None and self.today <= dt.date(self.year, month, day):
            return self.year - 1
        return self.year

    def ago(self, days: int) -> dt.date:
        """The day ``days`` calendar days before the demo's today (current-year demo only)."""
        assert self.today is not None, "ago() is for the current-year demo"
        return self.today - dt.timedelta(days=days)

    def user(self, username: str) -> Staff:
        return self.users[username]

    def unit(self, code: str) -> OrgUnit:
        return self.units[code]
