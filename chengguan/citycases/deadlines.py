"""Due times of each step (SC-6, RX-2), from the category, the urgency and the working calendar."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from chengguan.citycases.models import Category, CityCase
from chengguan.citycases.states import HOTLINE_SOURCES
from chengguan.core.clock import SHANGHAI
from chengguan.core.rules import local
from chengguan.core.workdays import add_work_hours, add_workdays


def _hours(value: Decimal | float | int) -> float:
    return float(value)


def end_of_workday(day: dt.date) -> dt.datetime:
    """The end of the last working period of ``day`` (18:00 by default, SC-6)."""
    _, finish = local("work_hours")[-1]
    return dt.datetime.combine(day, dt.time.fromisoformat(finish), SHANGHAI)


def after_workdays(start: dt.datetime, n: int) -> dt.datetime:
    """A limit of n working days: the end of the n-th working day after the start day."""
    return end_of_workday(add_workdays(start.astimezone(SHANGHAI).date(), n))


def file_due(category: Category, reported_at: dt.datetime) -> dt.datetime:
    return add_work_hours(reported_at, _hours(category.file_limit_hours))


def dispatch_due(category: Category, filed_at: dt.datetime) -> dt.datetime:
    return add_work_hours(filed_at, _hours(category.dispatch_limit_hours))


def handle_due(category: Category, urgent: bool, dispatched_at: dt.datetime) -> dt.datetime:
    limit = category.urgent_handle_limit if urgent else category.handle_limit
    if category.handle_limit_unit == Category.LimitUnit.WORKDAYS:
        return after_workdays(dispatched_at, limit)
    return add_work_hours(dispatched_at, limit)


def verify_due(category: Category, handled_at: dt.datetime) -> dt.datetime:
    return add_work_hours(handled_at, _hours(category.verify_limit_hours))


def close_due(case: CityCase, verified_at: dt.datetime) -> dt.datetime:
    """Hotline-type orders keep the reply deadline set at intake; others count from verification."""
    if case.source in HOTLINE_SOURCES and case.close_due is not None:
        return case.close_due
    return add_work_hours(verified_at, _hours(case.category.close_limit_hours))


def hotline_due(source: str, reported_at: dt.datetime) -> dt.datetime | None:
    """RX-2: 办结/答复 within the source's number of working days (LOCAL_RULES)."""
    if source not in HOTLINE_SOURCES:
        return None
    return after_workdays(reported_at, int(local("hotline_reply_workdays")[source]))
