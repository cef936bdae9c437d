"""Checks on who may be named on an enforcement act (XF-42, ORG-1, ORG-2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from chengguan.core.errors import Violation
from chengguan.law.registry import violation
from chengguan.org.models import Certificate, Staff


def valid_certificate(staff: Staff, on: dt.date) -> Certificate | None:
    for cert in staff.certificates.all():
        if cert.is_valid(on):
            return cert
    return None


def enforcing_officers(officers: Iterable[Staff], on: dt.date) -> list[Violation]:
    """XF-42 (at least two), ORG-2 (no auxiliary staff), ORG-1 (each holds a valid certificate)."""
    people = list(officers)
    found: list[Violation] = []
    if len({p.pk for p in people}) < 2:
        found.append(
            violation(
                "XF-42",
                "行政处罚应当由两名以上具有执法资格的执法人员实施",
                officers=[p.username for p in people],
            )
        )
    for person in people:
        if person.is_auxiliary:
            found.append(
                violation(
                    "ORG-2",
                    f"{person.display_name} 是协管员（辅助人员），不能作为执法人员",
                    officer=person.username,
                )
            )
        elif valid_certificate(person, on) is None:
            found.append(
                violation(
                    "ORG-1",
                    f"{person.display_name} 没有有效的行政执法证件（未持证、已过期、暂扣或注销），不能作为执法人员",
                    officer=person.username,
                )
            )
    return found
