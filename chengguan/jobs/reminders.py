"""The periodic jobs (issue #15, decision 075). Each is an idempotent function of "now": the
worker runs them on a schedule (``tasks.py``), ``chengguan jobs run NAME`` runs one by hand, and
running one twice, or in two workers at once, tells nobody anything twice (inbox keys)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Q

from chengguan.citycases import rollups  # --- helper:rollups ---
from chengguan.citycases.models import CityCase
from chengguan.citycases.states import OPEN_STATUSES
from chengguan.core import clock
from chengguan.core.rules import local
from chengguan.disclosure.actions import withdraw_revoked
from chengguan.exchange import actions as exchange
from chengguan.exchange.transport import configured as exchange_transport
from chengguan.inbox.actions import notify
from chengguan.inbox.models import Notification
from chengguan.org.models import Staff
from chengguan.org.roles import Role
from chengguan.penalties import queries as penalty_queries
from chengguan.penalties.models import PenaltyCase
from chengguan.penalties.states import OPEN as PENALTY_OPEN
from chengguan.permits import queries as permit_queries  # --- helper:permits2 ---

Kind = Notification.Kind


def _staff(bureau_id: int, *roles: str, unit_id: int | None = None) -> list[Staff]:
    rows = Staff.objects.filter(bureau_id=bureau_id, is_active=True, roles__role__in=roles)
    if unit_id is not None:
        rows = rows.filter(Q(unit_id=unit_id) | Q(roles__unit_id=unit_id))
    return list(rows.distinct())


def city_case_deadlines(now: dt.datetime | None = None) -> int:
    """A case whose current step is due within the lead time, or overdue, is told to whoever holds
    it: the handling unit's handlers once dispatched, the command centre before."""
    now = now or clock.now()
    lead = dt.timedelta(hours=int(str(local("reminder_lead_hours_citycase"))))
    sent = 0
    rows = CityCase.objects.filter(
        status__in=OPEN_STATUSES, suspended=False, current_due__isnull=False
    ).filter(current_due__lte=now + lead)
    for case in rows.select_related("unit").iterator():
        due = case.current_due
        assert due is not None
        overdue = due < now
        holders = (
            _staff(case.bureau_id, Role.HANDLER, unit_id=case.unit_id)
            if case.unit_id
            else _staff(case.bureau_id, Role.CENTER)
        )
        if overdue:
            holders += _staff(case.bureau_id, Role.CENTER)
        when = clock.local(due).strftime("%m-%d %H:%M")
        sent += notify(
            recipients=holders,
            kind=Kind.OVERDUE if overdue else Kind.DUE_SOON,
            title=f"案件 {case.number} {'已超期' if overdue else '即将到期'}（时限 {when}）",
            link=f"/cases/{case.pk}/",
            key=f"{'overdue' if overdue else 'due_soon'}:citycase:{case.pk}:{due.isoformat()}",
        )
    return sent


def penalty_case_deadlines(today: dt.date | None = None) -> int:
    """Each open penalty case's next steps due within the lead days go to its officers; each missed
    statutory period (XF-60, XF-61 …) to its officers and the bureau's heads."""
    today = today or clock.today()
    lead = dt.timedelta(days=int(str(local("reminder_lead_days_penalty"))))
    sent = 0
    cases = PenaltyCase.objects.filter(status__in=PENALTY_OPEN).prefetch_related("officers")
    for case in cases.iterator(chunk_size=200):
        check = penalty_queries.compliance(case, today)
        officers = list(case.officers.all())
        for v in check["violations"]:
            due = v["details"].get("due", "")
            sent += notify(
                recipients=officers + _staff(case.bureau_id, Role.HEAD),
                kind=Kind.OVERDUE,
                title=f"处罚案件 {case.number}：{v['message']}（{v['code']}）",
                link=f"/penalties/{case.pk}/",
                key=f"overdue:penalty:{case.pk}:{v['code']}:{due}",
            )
        for step in check["next"]:
            due = step.get("due")
            if not isinstance(due, dt.date) or not today <= due <= today + lead:
                continue
            sent += notify(
                recipients=officers,
                kind=Kind.DUE_SOON,
                title=f"处罚案件 {case.number} 的“{step['action']}”须在 {due:%Y-%m-%d} 前完成",
                link=f"/penalties/{case.pk}/",
                key=f"due_soon:penalty:{case.pk}:{step['action']}:{due.isoformat()}",
            )
    return sent


def disclosure_withdrawals(today: dt.date | None = None) -> int:
    """XF-48: publications of decisions since revoked come down (the CLI's withdraw-revoked)."""
    return len(withdraw_revoked(on=today))


def yearly_publication_reminder(today: dt.date | None = None) -> int:
    """SZ-4: last year's enforcement data is published by 31 January; heads and reviewers are
    reminded once a year, from 2 January."""
    today = today or clock.today()
    if today.month != 1 or today.day < 2:
        return 0
    sent = 0
    bureaus = Staff.objects.filter(is_active=True).values_list("bureau_id", flat=True).distinct()
    for bureau_id in bureaus:
        sent += notify(
            recipients=_staff(bureau_id, Role.HEAD, Role.REVIEWER),
            kind=Kind.OTHER,
            title=f"请于1月31日前公开{today.year - 1}年度行政执法数据（SZ-4）",
            link="/reports/",
            key=f"sz4:{today.year}",
        )
    return sent


# --- helper:permits2 ---
def permit_expiry(today: dt.date | None = None) -> int:
    """A granted permit whose validity ends within ``permit_expiry_reminder_days`` is told once to
    the unit that handles its kind (its officers and reviewers; the legal office's reviewers
    when the kind names no unit), so the holder can be reminded to apply for renewal in time."""
    today = today or clock.today()
    days = int(str(local("permit_expiry_reminder_days")))
    sent = 0
    for app in permit_queries.expiring(today, days).iterator():
        assert app.valid_to is not None
        holders = (
            _staff(app.bureau_id, Role.OFFICER, Role.REVIEWER, unit_id=app.unit_id)
            if app.unit_id
            else _staff(app.bureau_id, Role.REVIEWER)
        )
        sent += notify(
            recipients=holders,
            kind=Kind.DUE_SOON,
            title=f"行政许可 {app.number}（{app.kind.name}）将于 {app.valid_to:%Y-%m-%d} 到期",
            link=f"/permits/{app.pk}/",
            # One message per permit and validity end: a renewed permit's new end tells again.
            key=f"expiry:permit:{app.pk}:{app.valid_to.isoformat()}",
        )
    return sent


# --- /helper:permits2 ---


def province_exchange() -> dict[str, int]:
    """Decision 094: queue what changed since the last run and send what is due; nothing while
    the exchange is off. Idempotent: a record unchanged since it was queued is not queued again."""
    transport = exchange_transport()
    if transport is None:
        return {"queued": 0, "sent": 0, "failed": 0}
    queued = sum(exchange.collect().values())
    return {"queued": queued, **exchange.send(transport=transport)}


def province_exchange_annual(today: dt.date | None = None) -> dict[str, int]:
    """SZ-4: in January, the previous year's figures of every bureau (queued again only if they
    changed; the five-minute job sends them)."""
    today = today or clock.today()
    if exchange_transport() is None or today.month != 1:
        return {"queued": 0}
    return {"queued": sum(exchange.annual(year=today.year - 1).values())}


# --- helper:rollups ---
def citycase_rollups() -> int:
    """Recount the indicator rollup of every (bureau, day) whose cases changed (decision 092)."""
    return rollups.refresh()


# --- /helper:rollups ---


JOBS: dict[str, Callable[..., Any]] = {
    "city-case-deadlines": city_case_deadlines,
    "penalty-case-deadlines": penalty_case_deadlines,
    "disclosure-withdrawals": disclosure_withdrawals,
    "yearly-publication-reminder": yearly_publication_reminder,
    "permit-expiry": permit_expiry,  # --- helper:permits2 ---
    "province-exchange": province_exchange,
    "province-exchange-annual": province_exchange_annual,
    "citycase-rollups": citycase_rollups,  # --- helper:rollups ---
}
