"""Reads of 行政许可, scoped: the reader's bureau, and outside the bureau-wide roles only the
kinds the reader's unit handles (a squad does not see the legal office's applications)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from chengguan.core import clock, workdays
from chengguan.core.errors import NotFound
from chengguan.core.pii import mask_id_number, mask_name, query_code_matches, scrub
from chengguan.core.rules import local
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require
from chengguan.permits import stalls
from chengguan.permits.checks import DECIDE_WORKDAYS, EXTENSION_WORKDAYS
from chengguan.permits.models import (
    PermitApplication,
    PermitKind,
    PermitLink,
    PermitStatusMessage,
    StallAllocation,
    StallPoint,
)
from chengguan.permits.states import DEEMED_ACCEPTED, ApplicantKind, Channel, Status

BUREAU_WIDE = ("head", "supervisor", "admin")


def bureau_wide(reader: Staff) -> bool:
    return reader.has_role(*BUREAU_WIDE)


def handles(reader: Staff, unit_id: int | None) -> bool:
    """Whether the reader's unit handles a kind of this unit (empty = the whole bureau's)."""
    return unit_id is None or bureau_wide(reader) or reader.unit_id == unit_id


def kinds(reader: Staff) -> QuerySet[PermitKind]:
    require(reader, "permits.view")
    return PermitKind.objects.filter(bureau_id=reader.bureau_id, active=True).order_by("code")


def applications(reader: Staff) -> QuerySet[PermitApplication]:
    require(reader, "permits.view")
    rows = PermitApplication.objects.filter(bureau_id=reader.bureau_id)
    if not bureau_wide(reader):
        rows = rows.filter(Q(unit__isnull=True) | Q(unit_id=reader.unit_id))
    return rows.select_related("kind").order_by("-received_on", "-id")


# --- helper:forms ---
def application_units(reader: Staff) -> QuerySet[OrgUnit]:
    """The units handling the applications this reader sees: the list's unit filter."""
    return OrgUnit.objects.filter(
        pk__in=applications(reader).exclude(unit=None).values("unit_id")
    ).order_by("code")


# --- /helper:forms ---


def application(reader: Staff, app_id: int) -> PermitApplication:
    found = applications(reader).filter(pk=app_id).first()
    if found is None:
        raise NotFound("未找到该许可申请，或您无权查看")
    return found


# The clock (XK-32, XK-42) -------------------------------------------------------------------------


def start_day(app: PermitApplication) -> dt.date:
    """The day the (complete) application was received: the supplement's day after a notice."""
    return app.supplemented_on or app.received_on


def deemed_accepted(app: PermitApplication, today: dt.date) -> bool:
    """XK-32: neither accepted nor told within 5 working days → accepted on receipt."""
    return app.status == Status.RECEIVED and today > app.accept_by


def decide_by(app: PermitApplication, today: dt.date) -> dt.date | None:
    """XK-42: stored once accepted; for a deemed acceptance it runs from receipt."""
    if app.decide_by is not None:
        return app.decide_by
    if deemed_accepted(app, today):
        days = DECIDE_WORKDAYS + app.excluded_workdays
        if app.extended:
            days += EXTENSION_WORKDAYS
        return workdays.add_workdays(start_day(app), days)
    return None


def shown_status(app: PermitApplication, today: dt.date) -> str:
    return DEEMED_ACCEPTED if deemed_accepted(app, today) else app.status


# Publication (XK-40) ----------------------------------------------------------------------------


def public_record(app: PermitApplication) -> dict[str, Any]:
    """As published (双公示): a person's name and ID masked as penalties are (GS-2); nothing else
    personal (no phone)."""
    person = app.applicant_kind == ApplicantKind.PERSON
    name = app.applicant_name
    masked = person and local("mask_person_name")
    if masked:
        name = mask_name(name)
    return {
        "number": app.number,
        "kind": app.kind.name,
        "legal_basis": app.kind.legal_basis,
        "applicant": name,
        "applicant_kind": app.applicant_kind,
        "id_number": mask_id_number(app.applicant_id) if person else app.applicant_id,
        "decided_on": app.decided_on.isoformat() if app.decided_on else None,
        "valid_from": app.valid_from.isoformat() if app.valid_from else None,
        "valid_to": app.valid_to.isoformat() if app.valid_to else None,
        # Free text holds whatever was typed: numbers and the person's name are scrubbed too.
        "conditions": scrub(app.conditions, names=[app.applicant_name] if masked else []),
        "published_on": app.published_on.isoformat() if app.published_on else None,
        "bureau": app.bureau.name,
    }


def public_permits(bureau: OrgUnit | None = None) -> QuerySet[PermitApplication]:
    rows = PermitApplication.objects.filter(status=Status.GRANTED, published_on__isnull=False)
    if bureau is not None:
        rows = rows.filter(bureau=bureau)
    return rows.select_related("kind", "bureau").order_by("-published_on", "-id")


def overdue_publications(
    today: dt.date, bureau_id: int | None = None
) -> QuerySet[PermitApplication]:
    """XK-40: granted, not public, past the 7 working days."""
    rows = PermitApplication.objects.filter(
        status=Status.GRANTED, published_on__isnull=True, publish_by__lt=today
    )
    if bureau_id is not None:
        rows = rows.filter(bureau_id=bureau_id)
    return rows.select_related("kind").order_by("publish_by", "id")


def unsent_messages() -> QuerySet[PermitStatusMessage]:
    return PermitStatusMessage.objects.filter(sent_at__isnull=True).order_by("id")


# --- helper:stalls --- 瓜果季便民临时摊点 ------------------------------------------------------------


def stall_points(reader: Staff) -> QuerySet[StallPoint]:
    require(reader, "permits.view")
    return StallPoint.objects.filter(bureau_id=reader.bureau_id).order_by("season_from", "id")


def stall_point(reader: Staff, point_id: int) -> StallPoint:
    found = stall_points(reader).filter(pk=point_id).first()
    if found is None:
        raise NotFound("未找到该摊点点位，或您无权查看")
    return found


def taken_places(point: StallPoint) -> int:
    """Places held: allocated to an application not refused."""
    return (
        PermitApplication.objects.filter(stall_point=point, stall_place__isnull=False)
        .exclude(status=Status.REFUSED)
        .count()
    )


def free_places(point: StallPoint) -> int:
    return max(point.capacity - taken_places(point), 0)


def _open(point: StallPoint, when: dt.datetime) -> bool:
    moment = clock.local(when)
    return stalls.open_at(
        season_from=point.season_from,
        season_to=point.season_to,
        opens_at=point.opens_at,
        closes_at=point.closes_at,
        day=moment.date(),
        time=moment.time().replace(tzinfo=None),
    )


def point_open_at(bureau_id: int | None, lon: float, lat: float, when: dt.datetime) -> int | None:
    """The stall point open at ``when`` (local season and hours) whose polygon holds the place;
    None outside every open point. What citycases asks through ``core.links`` to tell street
    trading inside an open point from the rest."""
    day = clock.local(when).date()
    rows = StallPoint.objects.filter(
        bureau_id=bureau_id, season_from__lte=day, season_to__gte=day
    ).order_by("id")
    for point in rows:
        if _open(point, when) and stalls.contains(point.geometry, lon, lat):
            return point.pk
    return None


def public_points(today: dt.date, bureau: OrgUnit | None = None) -> QuerySet[StallPoint]:
    """Points whose season has not ended (open today or to come): the public map."""
    rows = StallPoint.objects.filter(season_to__gte=today)
    if bureau is not None:
        rows = rows.filter(bureau=bureau)
    return rows.select_related("bureau").order_by("season_from", "id")


def public_point(point: StallPoint, today: dt.date) -> dict[str, Any]:
    """A GeoJSON Feature: the point, its season, hours, rules and free places — nothing about
    the keepers."""
    return {
        "type": "Feature",
        "geometry": point.geometry,
        "properties": {
            "id": point.pk,
            "name": point.name,
            "bureau": point.bureau.name,
            "season_from": point.season_from.isoformat(),
            "season_to": point.season_to.isoformat(),
            "hours": f"{point.opens_at:%H:%M}-{point.closes_at:%H:%M}",
            "in_season": point.season_from <= today <= point.season_to,
            "capacity": point.capacity,
            "free": free_places(point),
            "rules": point.rules,
        },
    }


def allocation(reader: Staff, allocation_id: int) -> StallAllocation:
    require(reader, "permits.view")
    found = (
        StallAllocation.objects.filter(pk=allocation_id, bureau_id=reader.bureau_id)
        .select_related("point")
        .first()
    )
    if found is None:
        raise NotFound("未找到该摊位分配记录，或您无权查看")
    return found


def verify_allocation(found: StallAllocation) -> bool:
    """Recompute an allocation from its recorded seed and inputs: True when the inputs still hash
    to the recorded value (also in the ledger entry) and give the same places."""
    inputs = dict(found.inputs)
    if stalls.inputs_hash(inputs) != found.inputs_hash:
        return False
    return stalls.recompute(found.seed, inputs) == [list(pair) for pair in found.chosen]


# --- /helper:stalls ---


# --- helper:permits2 --- expiry (issue #14), the conditions later inspections check ------------


def expiring(
    today: dt.date, within_days: int, bureau_id: int | None = None
) -> QuerySet[PermitApplication]:
    """Granted permits whose validity ends within ``within_days`` of today (today included): the
    expiry reminder job's rows and the "即将到期" list. Expired permits are not "near expiry"."""
    rows = PermitApplication.objects.filter(
        status=Status.GRANTED,
        valid_to__gte=today,
        valid_to__lte=today + dt.timedelta(days=within_days),
    )
    if bureau_id is not None:
        rows = rows.filter(bureau_id=bureau_id)
    return rows.select_related("kind", "unit").order_by("valid_to", "id")


def expiring_for(reader: Staff, today: dt.date) -> QuerySet[PermitApplication]:
    """``expiring`` within the bureau's lead days, scoped as ``applications`` is."""
    days = int(str(local("permit_expiry_reminder_days")))
    return applications(reader).filter(pk__in=expiring(today, days, reader.bureau_id).values("pk"))


def permit_conditions(bureau_id: int | None, holder_id: str) -> list[dict[str, Any]]:
    """The permits in force a holder (ID number or 统一社会信用代码) has from the bureau, with the
    conditions printed on each licence: what a later inspection of the holder checks.

    A plain read for the inspection side (which sits beside the case workflows, above permits):
    ``from chengguan.permits.queries import permit_conditions``. The ID is encrypted at rest, so
    the match runs in Python over the bureau's granted permits."""
    today = clock.today()
    wanted = "".join(str(holder_id or "").split()).upper()
    if not wanted:
        return []
    rows = PermitApplication.objects.filter(
        bureau_id=bureau_id, status=Status.GRANTED, valid_to__gte=today
    ).select_related("kind")
    out = []
    for app in rows.order_by("valid_to", "id"):
        if "".join(str(app.applicant_id or "").split()).upper() != wanted:
            continue
        if app.valid_from is not None and app.valid_from > today:
            continue
        out.append(
            {
                "id": app.pk,
                "number": app.number,
                "kind": app.kind.name,
                "kind_code": app.kind.code,
                "location": app.location,
                "valid_from": app.valid_from.isoformat() if app.valid_from else None,
                "valid_to": app.valid_to.isoformat() if app.valid_to else None,
                "conditions": app.conditions,
            }
        )
    return out


def kind_choices(bureau_id: int | None) -> list[tuple[str, str]]:
    """(code, name) of the bureau's active kinds: what a case's 无证 statement may name (the
    case's handlers need not hold ``permits.view``; kinds are public bureau data)."""
    rows = PermitKind.objects.filter(bureau_id=bureau_id, active=True).order_by("code")
    return [(k.code, f"{k.name}（{k.code}）") for k in rows]


def link_payload(link: PermitLink) -> dict[str, Any]:
    """What the case's ledger entry and API say about the link."""
    return {
        "id": link.pk,
        "unlicensed": link.permit_id is None,
        "kind": link.kind.code,
        "kind_name": link.kind.name,
        "permit": link.permit.number if link.permit is not None else None,
        "permit_id": link.permit_id,
        "note": link.note,
    }


def year_figures(bureau: OrgUnit, year: int) -> dict[str, int]:
    """The annual report's 行政许可 counts: applications received in the year (received_on), and
    the decisions made in it (decided_on) — granted, refused, made within the statutory period
    (not ``decided_late``), and those whose period had been extended (XK-42)."""
    received = PermitApplication.objects.filter(bureau=bureau, received_on__year=year)
    decided = PermitApplication.objects.filter(bureau=bureau, decided_on__year=year)
    return {
        "applications": received.count(),
        "decided": decided.count(),
        "granted": decided.filter(status=Status.GRANTED).count(),
        "refused": decided.filter(status=Status.REFUSED).count(),
        "on_time": decided.filter(decided_late=False).count(),
        "extended": decided.filter(extended=True).count(),
    }


def point_applications(point: StallPoint) -> QuerySet[PermitApplication]:
    """The applications for places at a point, first come first (the staff page's list)."""
    return (
        PermitApplication.objects.filter(stall_point=point)
        .select_related("kind")
        .order_by("received_on", "id")
    )


def point_unit_at(
    bureau_id: int | None, lon: float, lat: float, when: dt.datetime
) -> tuple[int, int | None] | None:
    """(stall point id, its managing unit id | None) of the point open at ``when`` that holds the
    place, or None: where citycases routes street trading inside an open point."""
    found = point_open_at(bureau_id, lon, lat, when)
    if found is None:
        return None
    unit_id = StallPoint.objects.filter(pk=found).values_list("unit_id", flat=True).first()
    return found, unit_id


# --- /helper:permits2 ---


# --- helper:portal --- a stall keeper's application from the public portal (decision 088) ------


def stall_kind_code(bureau_id: int) -> str | None:
    """The code of the bureau's 便民临时摊点 kind while it is taking applications, else None."""
    return (
        PermitKind.objects.filter(bureau_id=bureau_id, name=stalls.STALL_KIND_NAME, active=True)
        .values_list("code", flat=True)
        .first()
    )


def public_stall_point(bureau: OrgUnit, point_id: int, today: dt.date) -> StallPoint | None:
    """A point of the public map (its season not over), or None."""
    return public_points(today, bureau).filter(pk=point_id).first()


def public_application(bureau: OrgUnit, number: str, code: str) -> PermitApplication | None:
    """A portal application by its number AND query code; None for every miss alike (no such
    number, one entered at the counter, a wrong code), the code compared in constant time."""
    app = (
        PermitApplication.objects.filter(bureau=bureau, number=number, channel=Channel.PORTAL)
        .select_related("stall_point", "kind")
        .first()
        if number
        else None
    )
    if not query_code_matches(code, app.query_code_digest if app is not None else ""):
        return None
    return app


def public_stall_status(app: PermitApplication) -> dict[str, Any]:
    """What the applicant is told: the point, the status in words, the place once allocated; the
    name masked and the goods scrubbed, nothing else of the application."""
    if app.status == Status.REFUSED:
        label, step = "不予行政许可", app.reasons and scrub(app.reasons, names=[app.applicant_name])
    elif app.stall_place is not None:
        label, step = "已分配", f"第 {app.stall_place} 号摊位"
    elif app.status == Status.MATERIALS_REQUESTED:
        label, step = "需补正材料", "、".join(app.missing)
    else:
        label, step = "待分配", "已收到申请，分配结果将在此公布（先到先得或公开摇号）"
    return {
        "number": app.number,
        "point": app.stall_point.name if app.stall_point else "",
        "received_on": app.received_on,
        "applicant": mask_name(app.applicant_name),
        "goods": scrub(app.goods, names=[app.applicant_name]),
        "status": label,
        "detail": step or "",
        "allocated": app.stall_place is not None and app.status != Status.REFUSED,
        "place": app.stall_place,
    }


# --- /helper:portal ---
