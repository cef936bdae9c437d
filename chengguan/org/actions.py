"""Every write to the organisation: staff, roles, certificates. Each is atomic with its ledger entry."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction

from chengguan.core import clock
from chengguan.core.errors import Invalid, NotFound, StateError, enforce
from chengguan.law.registry import violation
from chengguan.ledger.actions import record
from chengguan.ledger.changes import changes, snapshot
from chengguan.org.models import Certificate, OrgUnit, RoleAssignment, Staff
from chengguan.org.oversight_bodies import check_above as check_oversight  # --- helper:province ---
from chengguan.org.permissions import require


def create_bureau(
    *,
    code: str,
    name: str,
    division_code: str,
    credit_code: str = "",
    short_name: str = "",
    address: str = "",
    phone: str = "",
    oversight: OrgUnit | None = None,  # --- helper:province --- the body above it (decision 085)
) -> OrgUnit:
    """A new bureau (root unit); its chain starts with this entry. Used by setup, not by users."""
    # --- helper:province ---
    if oversight is not None:
        check_oversight(OrgUnit.Kind.BUREAU, oversight)
    # --- /helper:province ---
    with transaction.atomic():
        bureau = OrgUnit.objects.create(
            oversight=oversight,  # --- helper:province ---
            code=code,
            name=name,
            kind=OrgUnit.Kind.BUREAU,
            division_code=division_code,
            credit_code=credit_code,
            short_name=short_name,
            address=address,
            phone=phone,
        )
        bureau.bureau = bureau
        bureau.save(update_fields=["bureau"])
        record(
            None,
            "org.bureau.create",
            bureau,
            {
                "code": code,
                "name": name,
                "division_code": division_code,
                "oversight": oversight.code if oversight else None,  # --- helper:province ---
            },
        )
    return bureau


def create_unit(
    *,
    actor: Staff | None,
    bureau: OrgUnit,
    parent: OrgUnit,
    code: str,
    name: str,
    kind: str,
    external: bool = False,
) -> OrgUnit:
    with transaction.atomic():
        if actor is not None:
            require(actor, "org.staff.manage", bureau)
        if parent.bureau_id != bureau.pk:
            raise Invalid("上级单位不属于该机关", details={"parent": "上级单位不属于该机关"})
        unit = OrgUnit.objects.create(
            bureau=bureau, parent=parent, code=code, name=name, kind=kind, external=external
        )
        record(
            actor,
            "org.unit.create",
            unit,
            {"code": code, "name": name, "kind": kind, "parent": parent.code},
        )
    return unit


def create_staff(
    *,
    actor: Staff | None,
    unit: OrgUnit,
    username: str,
    password: str,
    full_name: str,
    roles: list[str],
    is_auxiliary: bool = False,
    legal_qualified: bool = False,
    post: str = "",
    password_hash: str = "",  # --- helper:demo --- decision 089: hashed once for many accounts
) -> Staff:
    with transaction.atomic():
        if actor is not None:
            require(actor, "org.staff.manage", unit)
        if Staff.objects.filter(username=username).exists():
            raise Invalid(f"用户名 {username} 已存在", details={"username": "用户名已存在"})
        if unit.bureau_id is None:
            raise Invalid("单位不属于任何机关", details={"unit": "单位不属于任何机关"})
        staff = Staff(
            username=username,
            bureau_id=unit.bureau_id,
            unit=unit,
            full_name=full_name,
            is_auxiliary=is_auxiliary,
            legal_qualified=legal_qualified,
            post=post,
            is_staff=True,
        )
        if actor is not None:
            # Decision 072: a person chose this password: the rules apply, and the holder
            # changes it at the first login. The demo and the CLI (actor None) set their own.
            try:
                validate_password(password, staff)
            except DjangoValidationError as exc:
                message = "；".join(exc.messages)
                raise Invalid(f"密码不符合要求：{message}", details={"password": message}) from exc
            staff.must_change_password = True
        # --- helper:demo --- the demo (actor None) hashes its one shared password once: PBKDF2
        # per account was most of the demo's load time (decision 089).
        if password_hash and actor is None:
            staff.password = password_hash
        else:
            staff.set_password(password)
        # --- /helper:demo ---
        staff.save()
        for role in roles:
            RoleAssignment.objects.create(staff=staff, role=role, unit=unit)
        record(
            actor,
            "org.staff.create",
            staff,
            {"username": username, "unit": unit.code, "roles": sorted(roles)},
            bureau_id=unit.bureau_id,
        )
    return staff


def issue_certificate(
    *,
    actor: Staff,
    holder: Staff,
    number: str,
    kind: str,
    issued_on: dt.date,
    expires_on: dt.date,
    issuer: str = "",
) -> Certificate:
    number = number.strip()
    errors: dict[str, str] = {}
    if not number:
        errors["number"] = "证件编号不能为空"
    if expires_on <= issued_on:
        errors["expires_on"] = "有效期至必须晚于发证日期"
    if errors:
        raise Invalid("执法证件信息有误", details=errors)
    with transaction.atomic():
        require(actor, "org.certificate.issue", holder)
        if holder.is_auxiliary:
            enforce(
                [violation("ORG-2", "协管员（辅助人员）不得持有行政执法证件，不能作为执法人员")]
            )
        try:
            with transaction.atomic():
                cert = Certificate.objects.create(
                    bureau_id=holder.bureau_id,
                    holder=holder,
                    number=number,
                    kind=kind or "行政执法证",
                    issuer=issuer,
                    issued_on=issued_on,
                    expires_on=expires_on,
                )
        except IntegrityError as exc:
            raise Invalid(
                f"证件编号 {number} 已存在", details={"number": "证件编号已存在"}
            ) from exc
        record(
            actor,
            "org.certificate.issue",
            cert,
            {
                "holder": holder.username,
                "number": number,
                "kind": cert.kind,
                "issued_on": issued_on.isoformat(),
                "expires_on": expires_on.isoformat(),
            },
        )
    return cert


def _change_certificate(
    *,
    actor: Staff,
    certificate_id: int,
    perm: str,
    to: str,
    reason: str,
    reason_text: str,
    action: str,
) -> Certificate:
    reason_text = (reason_text or "").strip()
    if not reason and not reason_text:
        raise Invalid("必须填写原因", details={"reason": "必须填写原因"})
    if reason and reason not in Certificate.Reason.values:
        # A free-text reason is accepted as "other" so API clients may send plain words.
        reason, reason_text = Certificate.Reason.OTHER, reason_text or reason
    with transaction.atomic():
        cert = Certificate.objects.select_for_update().filter(pk=certificate_id).first()
        if cert is None:
            raise NotFound("未找到该执法证件")
        require(actor, perm, cert)
        if cert.status == Certificate.Status.CANCELLED:
            raise StateError("该证件已注销，不能再变更状态")
        if cert.status == to:
            raise StateError(f"该证件已是“{Certificate.Status(to).label}”状态")
        fields = ["status", "reason", "reason_text"]
        old = snapshot(cert, fields)
        cert.status = to
        cert.reason = reason or Certificate.Reason.OTHER
        cert.reason_text = reason_text
        cert.status_changed_at = clock.now()
        cert.save(update_fields=["status", "reason", "reason_text", "status_changed_at"])
        record(
            actor,
            action,
            cert,
            {
                "number": cert.number,
                "from": old["status"],
                "to": to,
                "reason": cert.reason,
                "reason_text": reason_text,
                **changes(old, snapshot(cert, fields)),
            },
        )
    return cert


def suspend_certificate(
    *, actor: Staff, certificate_id: int, reason: str, reason_text: str = ""
) -> Certificate:
    return _change_certificate(
        actor=actor,
        certificate_id=certificate_id,
        perm="org.certificate.suspend",
        to=Certificate.Status.SUSPENDED,
        reason=reason,
        reason_text=reason_text,
        action="org.certificate.suspend",
    )


def cancel_certificate(
    *, actor: Staff, certificate_id: int, reason: str, reason_text: str = ""
) -> Certificate:
    return _change_certificate(
        actor=actor,
        certificate_id=certificate_id,
        perm="org.certificate.cancel",
        to=Certificate.Status.CANCELLED,
        reason=reason,
        reason_text=reason_text,
        action="org.certificate.cancel",
    )


def reinstate_certificate(
    *, actor: Staff, certificate_id: int, reason: str, reason_text: str = ""
) -> Certificate:
    return _change_certificate(
        actor=actor,
        certificate_id=certificate_id,
        perm="org.certificate.reinstate",
        to=Certificate.Status.VALID,
        reason=reason,
        reason_text=reason_text,
        action="org.certificate.reinstate",
    )


def set_password_change_due(*, actor: Staff | None, staff: Staff, due: bool) -> None:
    """Decision 072: a password someone else set is changed by its holder at the next login
    (``due=True``, after an administrator's reset); the holder's own change clears it. One place
    that writes the flag, with its ledger entry; runs inside the caller's transaction."""
    with transaction.atomic():
        if Staff.objects.filter(pk=staff.pk).update(must_change_password=due):
            staff.must_change_password = due
            record(
                actor,
                "org.staff.password_change_due" if due else "org.staff.password_changed",
                staff,
                {"must_change_password": due},
                bureau_id=staff.bureau_id,
            )
