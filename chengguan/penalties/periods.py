"""Every legal period of a penalty case, each naming its rule and unit (XF-85: 二日…七日 are working days).

Statutory numbers are constants here; local numbers come from LOCAL_RULES. A deadline whose end falls
in a year without calendar data raises CalendarMissing (CAL-2); ``maybe`` turns that into "not yet
known" for display, while the check that relies on the date recomputes it and fails closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal

from chengguan.core.rules import local
from chengguan.core.workdays import CalendarMissing, add_days, add_months, add_workdays

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
LITIGATION_AFTER_RECONSIDERATION_DAYS = 15  # 行政诉讼法 第四十五条
DEMAND_WORKDAYS = 10  # QZ-54 "十日", working days by QZ-69
ENFORCEMENT_APPLY_MONTHS = 3  # QZ-53
# Not a legal number: how early the overdue list starts warning of the QZ-53 deadline.
ENFORCEMENT_WARN_DAYS = 30
ADULT_AGE, CHILD_AGE = 18, 14  # XF-30
PRESERVATION_DECIDE_WORKDAYS = 7  # XF-56 "七日" (XF-85: working days)
CASH_TO_BUREAU_WORKDAYS = 2  # XF-71: from collection to the bureau
CASH_TO_BANK_WORKDAYS = 2  # XF-71: from the bureau to the bank


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


def demand_perform_by(demand_served: dt.date) -> dt.date:
    """QZ-54/QZ-69: the party has ten working days after the 催告书 is served to perform."""
    return add_workdays(demand_served, DEMAND_WORKDAYS)


def remedy_periods_end(
    served: dt.date, reconsiderations_concluded: Iterable[dt.date] = ()
) -> dt.date:
    """The last day on which the party may still seek a remedy against the decision: 60 days for
    行政复议 and 6 months for 行政诉讼 from service, and 15 days after a concluded 行政复议
    (the party may then still sue)."""
    ends = [add_days(served, RECONSIDERATION_DAYS), add_months(served, LITIGATION_MONTHS)]
    ends += [add_days(d, LITIGATION_AFTER_RECONSIDERATION_DAYS) for d in reconsiderations_concluded]
    return max(ends)


def enforcement_apply_by(periods_end: dt.date) -> dt.date:
    """QZ-53: the court is applied to within three months after the remedy periods expire."""
    return add_months(periods_end, ENFORCEMENT_APPLY_MONTHS)


def preservation_decide_by(preserved: dt.date) -> dt.date:
    """XF-56: a decision on items preserved by registration within seven working days."""
    return add_workdays(preserved, PRESERVATION_DECIDE_WORKDAYS)


def cash_hand_in_by(collected: dt.date) -> dt.date:
    """XF-71: cash collected on the spot reaches the bureau within two working days."""
    return add_workdays(collected, CASH_TO_BUREAU_WORKDAYS)


def cash_deposit_by(handed_in: dt.date) -> dt.date:
    """XF-71: the bureau pays the cash into the bank within two more working days."""
    return add_workdays(handed_in, CASH_TO_BANK_WORKDAYS)


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
