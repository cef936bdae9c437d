"""A holiday notice entered in bulk by the system administrator (issue #15 item 9, decision 089).

``preview`` reads: the rows the notice would change, and nothing is written. ``apply`` writes them
in one transaction with one ledger entry in the administrator's bureau (the calendar is one for
the deployment, as in the admin, decision 071). With ``confirm_year`` the other days of the
notice's years that are missing or only drafted are confirmed Monday–Friday, so the provisional
banner goes away once the notice is in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from chengguan.core import workdays
from chengguan.core.errors import Invalid
from chengguan.core.holiday_notice import NoticeDay, parse
from chengguan.core.models import CalendarDay
from chengguan.ledger.actions import record
from chengguan.org.models import Staff
from chengguan.org.permissions import require

WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class Change:
    date: dt.date
    line: int
    old: bool | None  # is_workday before; None = the day is not in the calendar
    old_name: str
    old_source: str
    new: bool
    new_name: str

    @property
    def weekday(self) -> str:
        return f"周{WEEKDAYS[self.date.weekday()]}"

    @staticmethod
    def label(is_workday: bool | None) -> str:
        return "（无）" if is_workday is None else ("工作日" if is_workday else "休息日")

    @property
    def old_label(self) -> str:
        return self.label(self.old)

    @property
    def new_label(self) -> str:
        return self.label(self.new)


@dataclass
class Plan:
    days: list[NoticeDay]
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    confirmed: list[dt.date] = field(default_factory=list)  # draft/missing days set Mon–Fri
    years: list[int] = field(default_factory=list)


def _year(raw: str | int | None) -> int | None:
    if raw is None or str(raw).strip() == "":
        return None
    try:
        year = int(str(raw).strip())
    except ValueError:
        raise Invalid("年度应为四位数字，如 2027", details={"year": "格式错误"}) from None
    if not 2000 <= year <= 2100:
        raise Invalid("年度应在 2000 到 2100 之间", details={"year": "超出范围"})
    return year


def _plan(text: str, year: str | int | None, confirm_year: bool) -> Plan:
    days = parse(text, _year(year))
    plan = Plan(days=days, years=sorted({d.date.year for d in days}))
    existing = {
        row.date: row for row in CalendarDay.objects.filter(date__in=[d.date for d in days])
    }
    for d in days:
        row = existing.get(d.date)
        if (
            row is not None
            and row.is_workday == d.is_workday
            and row.name == d.name
            and row.source == CalendarDay.Source.ADMIN
        ):
            plan.unchanged += 1
            continue
        plan.changes.append(
            Change(
                date=d.date,
                line=d.line,
                old=row.is_workday if row is not None else None,
                old_name=row.name if row is not None else "",
                old_source=row.get_source_display() if row is not None else "",
                new=d.is_workday,
                new_name=d.name,
            )
        )
    if confirm_year:
        listed = {d.date for d in days}
        for y in plan.years:
            kept = set(
                CalendarDay.objects.filter(date__year=y)
                .exclude(source=CalendarDay.Source.DRAFT)
                .values_list("date", flat=True)
            )
            day = dt.date(y, 1, 1)
            while day.year == y:
                if day not in listed and day not in kept:
                    plan.confirmed.append(day)
                day += dt.timedelta(days=1)
    return plan


def preview(
    *, actor: Staff, text: str, year: str | int | None = None, confirm_year: bool = False
) -> Plan:
    """What ``apply`` would change; writes nothing."""
    require(actor, "org.calendar.notice")
    return _plan(text, year, confirm_year)


def apply(
    *, actor: Staff, text: str, year: str | int | None = None, confirm_year: bool = False
) -> Plan:
    """Write the notice's days (source 管理员录入) and one ledger entry, all or nothing."""
    with transaction.atomic():
        require(actor, "org.calendar.notice")
        plan = _plan(text, year, confirm_year)
        if not plan.changes and not plan.confirmed:
            raise Invalid("通知中的日期与现有工作日历一致，无需更改", details={"text": "无变化"})
        CalendarDay.objects.bulk_create(
            [
                CalendarDay(
                    date=c.date,
                    is_workday=c.new,
                    name=c.new_name,
                    source=CalendarDay.Source.ADMIN,
                )
                for c in plan.changes
            ]
            + [
                CalendarDay(
                    date=day, is_workday=day.weekday() < 5, name="", source=CalendarDay.Source.ADMIN
                )
                for day in plan.confirmed
            ],
            update_conflicts=True,
            unique_fields=["date"],
            update_fields=["is_workday", "name", "source", "updated_at"],
        )
        record(
            actor,
            "org.calendar.notice",
            (
                "core.calendarday",
                f"{plan.years[0]}" if len(plan.years) == 1 else "-".join(map(str, plan.years)),
            ),
            {
                "years": plan.years,
                "days": [
                    {
                        "date": c.date.isoformat(),
                        "old": c.old,
                        "new": c.new,
                        "name": c.new_name,
                        "line": c.line,
                    }
                    for c in plan.changes
                ],
                "confirmed": len(plan.confirmed),
            },
            bureau_id=actor.bureau_id,
        )
        # Deadlines computed after this must see the new days at once (this process, now and
        # again after the commit; the others reload within workdays.CACHE_SECONDS).
        workdays.invalidate()
        transaction.on_commit(workdays.invalidate)
    return plan
