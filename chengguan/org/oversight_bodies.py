"""The supervising bodies above bureaus (issue #16, decision 085): a province, optionally a city
between it and its counties. Set up from the command line (``chengguan bureau``), never by users.

A body is a root like a bureau (``bureau`` points to itself): its supervisors' reads are recorded on
its own chain as well as on the chain of the bureau they read. Bureaus and city bodies name the body
above them in ``oversight``; there are at most two levels above a bureau, by construction.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Q, QuerySet

from chengguan.core.errors import Invalid, NotFound
from chengguan.ledger.actions import record
from chengguan.org.models import OrgUnit

BODY_KINDS = (OrgUnit.Kind.PROVINCE, OrgUnit.Kind.CITY)


def body_by_code(code: str) -> OrgUnit:
    body = OrgUnit.objects.filter(code=code, kind__in=BODY_KINDS, bureau_id=F("pk")).first()
    if body is None:
        raise NotFound(f"未找到主管部门 {code}")
    return body


def bureau_by_code(code: str) -> OrgUnit:
    bureau = OrgUnit.objects.filter(code=code, kind=OrgUnit.Kind.BUREAU).first()
    if bureau is None:
        raise NotFound(f"未找到机关 {code}")
    return bureau


def check_above(kind: str, above: OrgUnit | None) -> None:
    """A city body sits under a province (or stands alone); a bureau under a city or a province."""
    if above is None:
        return
    if above.kind not in BODY_KINDS or above.bureau_id != above.pk:
        raise Invalid("上级主管部门无效", details={"oversight": "只能是省级或市级主管部门"})
    if kind == OrgUnit.Kind.CITY and above.kind != OrgUnit.Kind.PROVINCE:
        raise Invalid("上级主管部门无效", details={"oversight": "市级主管部门的上级只能是省级"})
    if kind == OrgUnit.Kind.PROVINCE:
        raise Invalid("上级主管部门无效", details={"oversight": "省级主管部门没有上级"})


def create_body(
    *,
    kind: str,
    code: str,
    name: str,
    division_code: str,
    above: OrgUnit | None = None,
    short_name: str = "",
) -> OrgUnit:
    """A province or city body; its chain starts with this entry."""
    if kind not in BODY_KINDS:
        raise Invalid("主管部门类型无效", details={"kind": "只能是 province 或 city"})
    for field, value in (("code", code), ("name", name), ("division_code", division_code)):
        if not value.strip():
            raise Invalid("缺少必填项", details={field: "不能为空"})
    check_above(kind, above)
    with transaction.atomic():
        if OrgUnit.objects.filter(code=code, kind__in=(*BODY_KINDS, OrgUnit.Kind.BUREAU)).exists():
            raise Invalid(f"代码 {code} 已被使用", details={"code": "已有同代码的机关或主管部门"})
        body = OrgUnit.objects.create(
            code=code,
            name=name,
            kind=kind,
            division_code=division_code,
            short_name=short_name,
            oversight=above,
        )
        body.bureau = body
        body.save(update_fields=["bureau"])
        record(
            None,
            "org.body.create",
            body,
            {
                "code": code,
                "name": name,
                "kind": kind,
                "division_code": division_code,
                "oversight": above.code if above else None,
            },
        )
    return body


def place(*, unit: OrgUnit, above: OrgUnit | None) -> OrgUnit:
    """Put a bureau (or a city body) under a supervising body, or take it out (``above=None``).
    Recorded on the placed unit's chain with the old and new body."""
    if unit.bureau_id != unit.pk or unit.kind not in (OrgUnit.Kind.BUREAU, OrgUnit.Kind.CITY):
        raise Invalid(
            "只能调整机关或市级主管部门的上级", details={"unit": "不是机关或市级主管部门"}
        )
    check_above(unit.kind, above)
    with transaction.atomic():
        locked = OrgUnit.objects.select_for_update().get(pk=unit.pk)
        old = locked.oversight.code if locked.oversight_id and locked.oversight else None
        locked.oversight = above
        locked.save(update_fields=["oversight"])
        record(
            None,
            "org.oversight.change",
            locked,
            {"oversight": {"old": old, "new": above.code if above else None}},
        )
    return locked


def overseen_bureaus(body: OrgUnit) -> QuerySet[OrgUnit]:
    """The bureaus a body supervises: directly, or through a city body under it."""
    return OrgUnit.objects.filter(
        Q(oversight=body) | Q(oversight__oversight=body), kind=OrgUnit.Kind.BUREAU
    ).order_by("code")
