"""Organisation endpoints: units, staff (never a password or its hash), certificates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.api.pagination import paginate
from chengguan.core import clock
from chengguan.org import actions, queries, second_factor
from chengguan.org.models import Certificate, OrgUnit, Staff
from chengguan.org.permissions import require

router = Router(tags=["组织与人员"])


def unit_out(unit: OrgUnit) -> dict[str, Any]:
    return {
        "id": unit.pk,
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "kind_label": unit.get_kind_display(),
        "parent": unit.parent.code if unit.parent else None,
        "division_code": unit.division_code,
        "external": unit.external,
    }


def certificate_out(cert: Certificate) -> dict[str, Any]:
    return {
        "id": cert.pk,
        "holder": cert.holder.username,
        "holder_name": cert.holder.display_name,
        "number": cert.number,
        "kind": cert.kind,
        "issuer": cert.issuer,
        "issued_on": cert.issued_on,
        "expires_on": cert.expires_on,
        "status": cert.effective_status(clock.today()),
        "reason": cert.reason,
        "reason_text": cert.reason_text,
        "status_changed_at": cert.status_changed_at,
    }


def staff_out(person: Staff) -> dict[str, Any]:
    return {
        "id": person.pk,
        "username": person.username,
        "name": person.display_name,
        "unit": person.unit.code if person.unit else None,
        "roles": sorted({r.role for r in person.roles.all()}),
        "is_auxiliary": person.is_auxiliary,
        "is_active": person.is_active,
        "certificates": [certificate_out(c) for c in person.certificates.all()],
    }


@router.get("/units", response={200: dict, **ERRORS}, summary="单位列表")
def list_units(request: HttpRequest) -> dict[str, Any]:
    me = actor(request)
    require(me, "org.view")
    return paginate(request, queries.units(me).select_related("parent"), unit_out)


@router.get("/staff", response={200: dict, **ERRORS}, summary="人员列表")
def list_staff(request: HttpRequest) -> dict[str, Any]:
    me = actor(request)
    require(me, "org.view")
    return paginate(request, queries.staff(me), staff_out)


@router.get("/staff/{staff_id}", response={200: dict, **ERRORS}, summary="人员详情")
def get_staff(request: HttpRequest, staff_id: int) -> dict[str, Any]:
    me = actor(request)
    require(me, "org.view")
    return staff_out(queries.staff_member(me, staff_id))


@router.get("/certificates", response={200: dict, **ERRORS}, summary="执法证件列表")
def list_certificates(request: HttpRequest, holder: str | None = None) -> dict[str, Any]:
    me = actor(request)
    require(me, "org.view")
    return paginate(request, queries.certificates(me, holder), certificate_out)


class CertificateIn(Schema):
    holder: str = Field(min_length=1)
    number: str = Field(min_length=1, max_length=40)
    kind: str = "行政执法证"
    issuer: str = ""
    issued_on: dt.date
    expires_on: dt.date


class CertificateReasonIn(Schema):
    reason: str = Field(min_length=1, max_length=200)
    reason_text: str = ""


@router.post("/certificates", response={201: dict, **ERRORS}, summary="登记执法证件")
def issue_certificate(request: HttpRequest, payload: CertificateIn) -> Status[dict[str, Any]]:
    me = actor(request)
    require(me, "org.certificate.issue")
    holder = queries.staff_by_username(me, payload.holder)
    cert = actions.issue_certificate(
        actor=me,
        holder=holder,
        number=payload.number,
        kind=payload.kind,
        issued_on=payload.issued_on,
        expires_on=payload.expires_on,
        issuer=payload.issuer,
    )
    return Status(201, certificate_out(cert))


@router.post(
    "/certificates/{cert_id}/suspend", response={200: dict, **ERRORS}, summary="暂扣执法证件"
)
def suspend_certificate(
    request: HttpRequest, cert_id: int, payload: CertificateReasonIn
) -> dict[str, Any]:
    me = actor(request)
    cert = actions.suspend_certificate(
        actor=me,
        certificate_id=queries.certificate(me, cert_id).pk,
        reason=payload.reason,
        reason_text=payload.reason_text,
    )
    return certificate_out(cert)


@router.post(
    "/certificates/{cert_id}/cancel", response={200: dict, **ERRORS}, summary="注销执法证件"
)
def cancel_certificate(
    request: HttpRequest, cert_id: int, payload: CertificateReasonIn
) -> dict[str, Any]:
    me = actor(request)
    cert = actions.cancel_certificate(
        actor=me,
        certificate_id=queries.certificate(me, cert_id).pk,
        reason=payload.reason,
        reason_text=payload.reason_text,
    )
    return certificate_out(cert)


# --- helper:security ---
class TotpResetIn(Schema):
    reason: str = Field("", max_length=200)


@router.post(
    "/staff/{staff_id}/totp/reset",
    response={204: None, **ERRORS},
    summary="重置二次验证（安全管理员）",
)
def reset_totp(request: HttpRequest, staff_id: int, payload: TotpResetIn) -> Status[None]:
    """Decision 079: a lost phone; the person enrols again at the next login."""
    me = actor(request)
    person = queries.staff_member(me, staff_id)  # another bureau's person: 404
    second_factor.reset(actor=me, staff=person, reason=payload.reason)
    return Status(204, None)


# --- /helper:security ---
