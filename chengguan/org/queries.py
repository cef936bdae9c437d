"""Reads of the organisation, always scoped to the reader's bureau."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from chengguan.core.errors import NotFound
from chengguan.org.models import Certificate, OrgUnit, Staff
from chengguan.org.roles import Role


def actor_bureau_id(actor: Staff) -> int:
    """The id of the bureau the actor works for; an account of no bureau sees nothing (404)."""
    if actor.bureau_id is None:
        raise NotFound("未找到所属机关")
    return actor.bureau_id


def actor_bureau(actor: Staff) -> OrgUnit:
    """The bureau the actor works for (404 for an account of no bureau), as a row."""
    if actor.bureau is None:
        raise NotFound("未找到所属机关")
    return actor.bureau


def units(reader: Staff) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(bureau_id=reader.bureau_id).order_by("id")


def unit_by_code(reader: Staff, code: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(bureau_id=reader.bureau_id, code=code).first()
    if unit is None:
        raise NotFound(f"未找到单位 {code}", details={"unit": code})
    return unit


def staff(reader: Staff) -> QuerySet[Staff]:
    return (
        Staff.objects.filter(bureau_id=reader.bureau_id)
        .select_related("unit")
        .prefetch_related("roles", "certificates")
        .order_by("id")
    )


def staff_member(reader: Staff, pk: int) -> Staff:
    person = staff(reader).filter(pk=pk).first()
    if person is None:
        raise NotFound("未找到该人员，或您无权查看")
    return person


def staff_by_username(reader: Staff, username: str) -> Staff:
    person = staff(reader).filter(username=username).first()
    if person is None:
        raise NotFound(f"未找到人员 {username}", details={"username": username})
    return person


def certificates(reader: Staff, holder: str | None = None) -> QuerySet[Certificate]:
    rows = Certificate.objects.filter(bureau_id=reader.bureau_id).select_related("holder")
    if holder:
        rows = rows.filter(holder__username=holder)
    return rows.order_by("id")


def certificate(reader: Staff, pk: int) -> Certificate:
    cert = certificates(reader).filter(pk=pk).first()
    if cert is None:
        raise NotFound("未找到该执法证件，或您无权查看")
    return cert


# --- added by lintrules ---
# Public reads (portal, public endpoints): no reader, the bureau is the one asked for.


def bureau_by_code(code: str) -> OrgUnit | None:
    return OrgUnit.objects.filter(code=code, kind=OrgUnit.Kind.BUREAU).first()


def certificates_in_force(bureau: OrgUnit, on: dt.date) -> QuerySet[Certificate]:
    """The bureau's valid certificates on ``on``, by unit and number (the public officer list)."""
    return (
        Certificate.objects.filter(
            bureau=bureau,
            status=Certificate.Status.VALID,
            expires_on__gte=on,
            issued_on__lte=on,
        )
        .select_related("holder__unit")
        .order_by("holder__unit__code", "number")
    )


# --- helper:execution ---
def heads(bureau_id: int) -> QuerySet[Staff]:
    """The active staff holding the head role in a bureau (TM-2: who may approve a 补记)."""
    return (
        Staff.objects.filter(bureau_id=bureau_id, is_active=True, roles__role=Role.HEAD)
        .distinct()
        .order_by("id")
    )


# --- /helper:execution ---


def display_names(usernames: list[str]) -> dict[str, str]:
    """username → the name a page shows (refusal messages name people, not login ids)."""
    rows = Staff.objects.filter(username__in=usernames).values_list("username", "full_name")
    return {u: n for u, n in rows if n}
