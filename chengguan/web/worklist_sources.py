"""The worklist sources of each domain, built on that domain's queries (registered on import, by
``WebConfig.ready()``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case as DbCase
from django.db.models import DateField, F, Q, QuerySet, When
from django.db.models.functions import Coalesce
from django.urls import reverse

from chengguan.citycases import queries as city_queries
from chengguan.citycases.models import CityCase
from chengguan.citycases.states import HOTLINE_SOURCES, Status
from chengguan.core import clock
from chengguan.org.models import Staff
from chengguan.org.roles import Role
from chengguan.penalties import queries as pen_queries
from chengguan.penalties.models import PenaltyCase
from chengguan.penalties.states import OPEN as PENALTY_OPEN
from chengguan.penalties.states import Status as PStatus
from chengguan.penalties.steps import TODO as PENALTY_TODO
from chengguan.web.worklist import Filters, Source, WorkItem, source

# What each role is expected to do at each status (the first matching role wins).
CITY_TODO: list[tuple[str, str, str]] = [
    (Role.CENTER, Status.REPORTED, "立案或不予立案"),
    (Role.CENTER, Status.FILED, "派遣"),
    (Role.CENTER, Status.VERIFIED, "结案"),
    (Role.HOTLINE, Status.REPORTED, "受理立案"),
    (Role.HOTLINE, Status.VERIFIED, "答复并办结"),
    (Role.HANDLER, Status.DISPATCHED, "处置或退单"),
    (Role.INSPECTOR, Status.HANDLED, "现场核查"),
]


def _city_q(user: Staff) -> Q | None:
    q: Q | None = None
    statuses: set[str] = set()
    for role, status, _ in CITY_TODO:
        if not user.has_role(role):
            continue
        part = Q(status=status)
        statuses.add(status)
        if role == Role.HOTLINE:
            part &= Q(source__in=HOTLINE_SOURCES)
        if role == Role.HANDLER:
            part &= Q(unit_id=user.unit_id, suspended=False)
        q = part if q is None else q | part
    if user.has_role(Role.HOTLINE):
        part = Q(status=Status.CLOSED, source__in=HOTLINE_SOURCES, callback_at__isnull=True)
        statuses.add(Status.CLOSED)
        q = part if q is None else q | part
    if user.has_role(Role.CENTER):
        part = Q(status=Status.DISPATCHED) & Q(city_queries.pending_extension())
        statuses.add(Status.DISPATCHED)
        q = part if q is None else q | part
    if user.has_role(Role.SUPERVISOR):  # 执法监督: every case past its current due time
        part = Q(current_due__lt=clock.now())
        return part if q is None else q | part
    # Redundant for the answer, but it lets the database narrow by the (bureau, status) index
    # before the ORs; without it a search scanned the whole year of cases (bench/bench_web.py).
    return None if q is None else Q(status__in=sorted(statuses)) & q


def _todo(user: Staff, case: CityCase) -> str:
    if case.status == Status.CLOSED:
        return "回访"
    if case.status == Status.DISPATCHED and user.has_role(Role.CENTER):
        return "审批延期"
    for role, status, todo in CITY_TODO:
        if case.status == status and user.has_role(role):
            return todo
    return "督办（已超期）" if user.has_role(Role.SUPERVISOR) else "办理"


@source
def city_cases(user: Staff, filters: Filters) -> Source | None:
    q = _city_q(user)
    if q is None:
        return None
    rows: QuerySet[CityCase] = city_queries.cases(user).filter(q)
    if filters.q:
        rows = rows.filter(
            Q(number__icontains=filters.q)
            | Q(description__icontains=filters.q)
            | Q(address__icontains=filters.q)
        )
    if filters.overdue:
        rows = rows.filter(current_due__lt=clock.now())

    def first(n: int) -> list[WorkItem]:
        # NULL due times (a suspended or closed case) sort last on both databases.
        ordered = rows.order_by(F("current_due").asc(nulls_last=True), "id")
        return [
            WorkItem(
                kind="city",
                kind_label="城管案件",
                number=c.number,
                title=f"{c.category.name}：{c.description[:40]}",
                status_label=c.get_status_display(),
                todo=_todo(user, c),
                due=c.current_due,
                url=reverse("web:citycase", args=[c.pk]),
            )
            for c in ordered[:n]
        ]

    return Source(kind="city", count=rows.count, first=first)


# The date a penalty case waits for now, computed in the database so it can sort and filter.
PENALTY_DUE = DbCase(
    When(status=PStatus.PENDING_REGISTRATION, then=F("register_by")),
    When(status=PStatus.DECIDED, then=F("serve_by")),
    When(status=PStatus.SERVED, then=F("pay_by")),
    When(
        status__in=[PStatus.ENFORCEMENT, PStatus.PAID, PStatus.TRANSFERRED, PStatus.CLOSED],
        then=None,
    ),
    default=Coalesce(F("extension_until"), F("decide_by")),
    output_field=DateField(),
)


def _end_of(on: dt.date | None) -> dt.datetime | None:
    # A legal period runs to the end of its last day.
    if on is None:
        return None
    return dt.datetime.combine(on, dt.time(23, 59), clock.SHANGHAI)


@source
def penalty_cases(user: Staff, filters: Filters) -> Source | None:
    wanted = [
        (role, statuses, todo) for role, statuses, todo in PENALTY_TODO if user.has_role(role)
    ]
    supervising = user.has_role(Role.SUPERVISOR)
    if not wanted and not supervising:
        return None
    rows = pen_queries.cases(user).annotate(due_on=PENALTY_DUE)
    q = Q(pk__in=[])
    for role, statuses, _ in wanted:
        part = Q(status__in=statuses)
        if role == Role.OFFICER:
            part &= Q(officers=user)
        if role == Role.REVIEWER and PStatus.CLOSED not in statuses:
            part &= ~Q(reviews__approved=True)
        q |= part
    if supervising:  # 执法监督: every open case past its legal date
        q |= Q(status__in=PENALTY_OPEN, due_on__lt=clock.today())
    rows = rows.filter(q).distinct()
    if filters.q:
        rows = rows.filter(
            Q(number__icontains=filters.q)
            | Q(party__name__icontains=filters.q)
            | Q(facts__icontains=filters.q)
        )
    if filters.overdue:
        rows = rows.filter(due_on__lt=clock.today())

    def todo(case: PenaltyCase) -> str:
        return next((t for _, sts, t in wanted if case.status in sts), "督办（已超期）")

    def first(n: int) -> list[WorkItem]:
        return [
            WorkItem(
                kind="penalty",
                kind_label="行政处罚",
                number=c.number,
                title=f"{c.power_item.name}：{c.party.name}",
                status_label=c.get_status_display(),
                todo=todo(c),
                due=_end_of(c.due_on),
                url=reverse("web:penalty", args=[c.pk]),
            )
            for c in rows.select_related("power_item", "party").order_by(
                F("due_on").asc(nulls_last=True), "id"
            )[:n]
        ]

    return Source(kind="penalty", count=rows.count, first=first)
