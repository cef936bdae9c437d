"""What the demo builders share: the bureaus, the users by username, the options."""

from __future__ import annotations

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

    def user(self, username: str) -> Staff:
        return self.users[username]

    def unit(self, code: str) -> OrgUnit:
        return self.units[code]
