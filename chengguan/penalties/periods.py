"""Every legal period of a penalty case, each naming its rule and unit (XF-85: 二日…七日 are working days).

Statutory numbers are constants here; local numbers come from LOCAL_RULES. A deadline whose end falls
in a year without calendar data raises CalendarMissing (CAL-2); ``maybe`` turns that into "not yet
known" for display, while the check that relies on the date recomputes it and fails closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from chengguan.core.rules import local
from chengguan.core.workdays import CalendarMissing, add_days, add_workdays

DECIDE_DAYS = 90  # XF-60, calendar days from 立案
SERVE_WORKDAYS = 7  # XF-61
HEARING_REQUEST_WORKDAYS = 5  # XF-64
HEARING_NOTICE_WORKDAYS = 7  # XF-64: the party is told 7 working days before the hearing
PAY_DAYS = 15  # XF-67, calendar days from service
PUBLISH_WORKDAYS = 7  # SZ-3
SURCHARGE_RATE = Decimal("0.03")  # XF-72, per day, capped at the fine itself
LIMITATION_YEARS = 2  # XF-36
LIMITATION_YEARS_GRAVE = 5  # XF-36 second sentence
SIMPLE_MAX_PERSON = Decimal("200")  # XF-51
SIMPLE_MAX_ORGANISATION = Decimal("3000")  # XF-51
ON_SPOT_MAX = Decimal("100")  # XF-68
RECONSIDERATION_DAYS = 60  # 行政复议法 第二十条
LITIGATION_MONTHS = 6  # 行政诉讼法 第四十六条
ADULT_AGE, CHILD_AGE = 18, 14  # XF-30


def maybe(fn: Callable[[], dt.date]) -> dt.date | None:
    try:
        return fn()
    except CalendarMissing:
        return None


def register_by(discovered: dt.date) -> dt.date:
    """XF-54 (local): 立案 within N working days of discovery."""
    return add_workdays(discovered, int(local("registration_workdays")))


def decide_by(registered: dt.date) -> dt.date:
    return add_days(registered, DECIDE_DAYS)


def statement_by(notice_served: dt.date) -> dt.date:
    """XF-44/XF-62 (local): the statement period after the notice is served."""
    return add_workdays(notice_served, int(local("statement_workdays")))


def hearing_request_by(notice_served: dt.date) -> dt.date:
    return add_workdays(notice_served, HEARING_REQUEST_WORKDAYS)


def earliest_hearing(notified: dt.date) -> dt.date:
    return add_workdays(notified, HEARING_NOTICE_WORKDAYS)


def serve_by(decided: dt.date) -> dt.date:
    return add_workdays(decided, SERVE_WORKDAYS)


def pay_by(served: dt.date) -> dt.date:
    return add_days(served, PAY_DAYS)


def publish_by(decided: dt.date) -> dt.date:
    return add_workdays(decided, PUBLISH_WORKDAYS)


def filing_due(decided: dt.date) -> dt.date:
    """XF-52 (local): an on-the-spot decision is filed with the bureau within N working days."""
    return add_workdays(decided, int(local("onsite_filing_workdays")))


def limitation_end(act_end: dt.date, grave: bool) -> dt.date:
    years = LIMITATION_YEARS_GRAVE if grave else LIMITATION_YEARS
    try:
        return act_end.replace(year=act_end.year + years)
    except ValueError:  # 29 February
        return act_end.replace(year=act_end.year + years, day=28)


def age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
