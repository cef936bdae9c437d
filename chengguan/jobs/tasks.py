"""The schedule of the periodic jobs, for the huey worker (`chengguan worker`; decision 075).

huey's Django app finds this module by name. Each task only calls the idempotent job function;
a missed run (the worker was down) is caught up by the next one.
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from chengguan.jobs import reminders


@db_periodic_task(crontab(minute="*/10"))
def city_case_deadlines() -> int:
    return reminders.city_case_deadlines()


@db_periodic_task(crontab(minute="5", hour="*"))
def penalty_case_deadlines() -> int:
    return reminders.penalty_case_deadlines()


@db_periodic_task(crontab(minute="15", hour="1"))
def disclosure_withdrawals() -> int:
    return reminders.disclosure_withdrawals()


@db_periodic_task(crontab(minute="0", hour="9", day="2-31", month="1"))
def yearly_publication_reminder() -> int:
    return reminders.yearly_publication_reminder()


# --- helper:permits2 ---
@db_periodic_task(crontab(minute="30", hour="8"))
def permit_expiry() -> int:
    return reminders.permit_expiry()


# --- /helper:permits2 ---


# The provincial data exchange (decision 094): nothing happens while it is off (the default).
@db_periodic_task(crontab(minute="*/5"))
def province_exchange() -> dict[str, int]:
    return reminders.province_exchange()


# SZ-4: the previous year's figures by 31 January (again only if they changed).
@db_periodic_task(crontab(minute="0", hour="6", day="2-31", month="1"))
def province_exchange_annual() -> dict[str, int]:
    return reminders.province_exchange_annual()


# --- helper:rollups ---
@db_periodic_task(crontab(minute="*"))
def citycase_rollups() -> int:
    return reminders.citycase_rollups()


# --- /helper:rollups ---
