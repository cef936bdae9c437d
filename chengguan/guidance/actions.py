"""服务型行政执法 (decision 083): keyword-only actions, each one transaction with its ledger entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from chengguan.core import clock, links
from chengguan.core.errors import Forbidden, Invalid, NotFound, raise_invalid
from chengguan.core.numbering import document_number, next_number
from chengguan.core.pii import valid_credit_code
from chengguan.guidance import checks
from chengguan.guidance.models import ContactPoint, FollowUp, GuidanceRecord, RiskItem, Visit
from chengguan.guidance.states import EscalatedTo, GuidanceKind, PointKind, Status
from chengguan.guidance.transitions import transition
from chengguan.law.models import Domain, PowerItem
from chengguan.ledger.actions import record
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require

TEXT_MAX = 5000


def _text(
    errors: dict[str, str], field: str, label: str, value: str, limit: int, required: bool = True
) -> str:
    value = (value or "").strip()
    if required and not value:
        errors[field] = f"{label}必填"
    elif len(value) > limit:
        errors[field] = f"{label}不超过{limit}字"
    return value


def _day(errors: dict[str, str], field: str, label: str, value: dt.date | None) -> None:
    if value is None:
        errors[field] = f"{label}必填"
    elif value > clock.today():
        errors[field] = f"{label}不能晚于今天"


def _code(errors: dict[str, str], value: str, required: bool) -> str:
    code = "".join((value or "").split()).upper()
    if required and not code:
        errors["credit_code"] = "企业须填写统一社会信用代码"
    elif code and not valid_credit_code(code):
        errors["credit_code"] = "统一社会信用代码不正确（GB 32100，请核对校验位）"
    return code


def _own_unit(actor: Staff, unit_id: int | None, what: str) -> None:
    """A unit keeps its own points and records; the head acts for every unit."""
    if not actor.has_role("head") and actor.unit_id != unit_id:
        raise Forbidden(f"该{what}属于其他单位，您所在单位不能办理", details={"unit": unit_id})


def _staff(actor: Staff, usernames: Sequence[str], field: str) -> list[Staff]:
    names = list(dict.fromkeys(n.strip() for n in usernames if n and n.strip()))
    found = {
        s.username: s
        for s in Staff.objects.filter(bureau_id=actor.bureau_id, username__in=names, is_active=True)
    }
    unknown = [n for n in names if n not in found]
    if unknown:
        raise Invalid(
            f"未找到人员 {'、'.join(unknown)}", details={field: f"未找到 {'、'.join(unknown)}"}
        )
    return [found[n] for n in names]


# Contact points -------------------------------------------------------------------------------


def add_point(
    *,
    actor: Staff,
    kind: str,
    name: str,
    established_on: dt.date | None,
    liaison: str,
    credit_code: str = "",
    address: str = "",
    domains: Sequence[str] = (),
    unit: str = "",
    lon: float | None = None,
    lat: float | None = None,
) -> ContactPoint:
    """Registers a 服务型行政执法联系点 of the actor's unit (the head names the unit)."""
    require(actor, "guidance.points")
    errors: dict[str, str] = {}
    if kind not in PointKind.values:
        errors["kind"] = "类型应为 enterprise（企业）或 site（场所）"
    name = _text(errors, "name", "名称", name, 200)
    address = _text(errors, "address", "地址", address, 300, required=False)
    code = _code(errors, credit_code, required=kind == PointKind.ENTERPRISE)
    _day(errors, "established_on", "设立日期", established_on)
    bad = [d for d in domains if d not in Domain.values]
    if bad:
        errors["domains"] = f"领域取值不正确：{'、'.join(bad)}"
    if (lon is None) != (lat is None):
        errors["lon"] = "经度和纬度须同时填写"
    elif lon is not None and lat is not None and not (-180 <= lon <= 180 and -90 <= lat <= 90):
        errors["lon"] = "坐标超出范围"
    if not (liaison or "").strip():
        errors["liaison"] = "联络员必填"
    raise_invalid(errors)
    assert established_on is not None
    with transaction.atomic():
        if unit and unit.strip():
            found = OrgUnit.objects.filter(
                bureau_id=actor.bureau_id, code=unit.strip(), active=True
            ).first()
            if found is None:
                raise Invalid(f"未找到单位 {unit}", details={"unit": "未找到该单位"})
        else:
            found = actor.unit
        if found is None:
            raise Invalid("您未归属任何单位，请指定联系单位", details={"unit": "必填"})
        _own_unit(actor, found.pk, "联系点")
        (person,) = _staff(actor, [liaison], "liaison")
        if ContactPoint.objects.filter(bureau_id=actor.bureau_id, name=name).exists():
            raise Invalid("该联系点已登记", details={"name": "同名联系点已登记"})
        p = ContactPoint.objects.create(
            bureau_id=actor.bureau_id,
            unit=found,
            kind=kind,
            name=name,
            credit_code=code,
            address=address,
            domains=list(dict.fromkeys(domains)),
            established_on=established_on,
            liaison=person,
            lon=lon,
            lat=lat,
            created_by=actor,
            created_at=clock.now(),
        )
        record(
            actor,
            "guidance.point.add",
            p,
            {
                "kind": kind,
                "name": name,
                "unit": p.unit.code,
                "established_on": p.established_on.isoformat(),
                "liaison": person.username,
                "domains": p.domains,
            },
        )
    return p


def record_visit(
    point_id: int,
    *,
    actor: Staff,
    visited_on: dt.date | None,
    officers: Sequence[str],
    topics: str,
    problems: str = "",
    follow_up: str = "",
) -> Visit:
    """One visit to a contact point by its unit's staff."""
    require(actor, "guidance.points")
    errors: dict[str, str] = {}
    _day(errors, "visited_on", "走访日期", visited_on)
    topics = _text(errors, "topics", "走访内容", topics, TEXT_MAX)
    problems = _text(errors, "problems", "发现问题", problems, TEXT_MAX, required=False)
    follow_up = _text(errors, "follow_up", "后续跟进", follow_up, TEXT_MAX, required=False)
    if not [o for o in officers if o and o.strip()]:
        errors["officers"] = "至少列明一名走访人员"
    raise_invalid(errors)
    assert visited_on is not None
    with transaction.atomic():
        p = ContactPoint.objects.select_for_update().filter(pk=point_id).first()
        if p is None:
            raise NotFound("未找到该联系点，或您无权查看")
        require(actor, "guidance.points", p)
        _own_unit(actor, p.unit_id, "联系点")
        if visited_on < p.established_on:
            raise Invalid("走访日期早于联系点设立日期", details={"visited_on": "早于设立日期"})
        people = _staff(actor, officers, "officers")
        v = Visit.objects.create(
            bureau_id=p.bureau_id,
            point=p,
            visited_on=visited_on,
            topics=topics,
            problems=problems,
            follow_up=follow_up,
            recorded_by=actor,
            recorded_at=clock.now(),
        )
        v.officers.set(people)
        record(
            actor,
            "guidance.point.visit",
            p,
            {
                "visit": v.pk,
                "visited_on": visited_on.isoformat(),
                "officers": [s.username for s in people],
                "problems": bool(problems),
            },
        )
    return v


# Legal-risk list --------------------------------------------------------------------------------


def add_risk(
    *, actor: Staff, power_item: str, risk: str, legal_basis: str, advice: str
) -> RiskItem:
    """One risk of the 行政相对人法律风险防控清单 under a power item of the bureau's 权责清单."""
    require(actor, "guidance.risks")
    errors: dict[str, str] = {}
    risk = _text(errors, "risk", "风险点", risk, TEXT_MAX)
    legal_basis = _text(errors, "legal_basis", "法律依据", legal_basis, TEXT_MAX)
    advice = _text(errors, "advice", "防控建议", advice, TEXT_MAX)
    if not (power_item or "").strip():
        errors["power_item"] = "权责事项编码必填"
    raise_invalid(errors)
    with transaction.atomic():
        item = PowerItem.objects.filter(
            bureau_id=actor.bureau_id, code=power_item.strip(), active=True
        ).first()
        if item is None:
            raise Invalid(
                f"权责清单中没有有效事项 {power_item}", details={"power_item": "未找到该事项"}
            )
        r = RiskItem.objects.create(
            bureau_id=actor.bureau_id,
            power_item=item,
            risk=risk,
            legal_basis=legal_basis,
            advice=advice,
            created_by=actor,
            created_at=clock.now(),
        )
        record(actor, "guidance.risk.add", r, {"power_item": item.code, "risk": risk[:200]})
    return r


def publish_risk(risk_id: int, *, actor: Staff) -> RiskItem:
    """Puts a risk on the portal's published list (once; a second publish is refused)."""
    with transaction.atomic():
        r = RiskItem.objects.select_for_update().filter(pk=risk_id).first()
        if r is None:
            raise NotFound("未找到该风险防控事项")
        require(actor, "guidance.risks", r)
        if r.published_on is not None:
            raise Invalid("该事项已公布", details={"published_on": r.published_on.isoformat()})
        r.published_on = clock.today()
        r.save(update_fields=["published_on"])
        record(actor, "guidance.risk.publish", r, {"published_on": r.published_on.isoformat()})
    return r


# 行政指导 ----------------------------------------------------------------------------------------


def issue(
    *,
    actor: Staff,
    kind: str,
    to_name: str,
    basis: str,
    content: str,
    issued_on: dt.date | None,
    to_credit_code: str = "",
    point: int | None = None,
    power_item: str = "",
    correct_by: dt.date | None = None,
) -> GuidanceRecord:
    """Records advice, a 提醒函 or a 告诫书; the two letters set a date to correct by."""
    require(actor, "guidance.advise")
    errors: dict[str, str] = {}
    if kind not in GuidanceKind.values:
        errors["kind"] = "类别应为 advice（行政建议）、reminder（提醒函）或 warning（告诫书）"
    to_name = _text(errors, "to_name", "指导对象", to_name, 200)
    code = _code(errors, to_credit_code, required=False)
    if "credit_code" in errors:
        errors["to_credit_code"] = errors.pop("credit_code")
    basis = _text(errors, "basis", "依据", basis, TEXT_MAX)
    content = _text(errors, "content", "指导内容", content, TEXT_MAX)
    _day(errors, "issued_on", "发出日期", issued_on)
    if kind in (GuidanceKind.REMINDER, GuidanceKind.WARNING) and correct_by is None:
        errors["correct_by"] = "提醒函、告诫书须写明改正期限"
    elif correct_by is not None and issued_on is not None and correct_by < issued_on:
        errors["correct_by"] = "改正期限不能早于发出日期"
    raise_invalid(errors)
    assert issued_on is not None
    with transaction.atomic():
        p = None
        if point is not None:
            p = ContactPoint.objects.filter(pk=point, bureau_id=actor.bureau_id).first()
            if p is None:
                raise Invalid("未找到该联系点", details={"point": "未找到该联系点"})
            _own_unit(actor, p.unit_id, "联系点")
        item = None
        if power_item and power_item.strip():
            item = PowerItem.objects.filter(
                bureau_id=actor.bureau_id, code=power_item.strip(), active=True
            ).first()
            if item is None:
                raise Invalid(
                    f"权责清单中没有有效事项 {power_item}", details={"power_item": "未找到该事项"}
                )
        unit = p.unit if p is not None else actor.unit
        if unit is None:
            raise Invalid("您未归属任何单位，不能发出行政指导", details={"unit": "无所属单位"})
        bureau = actor.bureau
        assert bureau is not None
        n = next_number(bureau.pk, "guidance", issued_on.year)
        prefix = f"{bureau.short_name or bureau.name}指字"
        g = GuidanceRecord(
            bureau_id=bureau.pk,
            unit=unit,
            number=document_number(prefix, issued_on.year, n),
            kind=kind,
            point=p,
            to_name=to_name,
            to_credit_code=code,
            power_item=item,
            basis=basis,
            content=content,
            issued_on=issued_on,
            correct_by=correct_by,
            issued_by=actor,
            created_at=clock.now(),
        )
        transition(
            g,
            to=Status.OPEN,
            actor=actor,
            action="create",
            payload={
                "number": g.number,
                "kind": kind,
                "to": to_name,
                "unit": unit.code,
                "issued_on": issued_on.isoformat(),
                "correct_by": correct_by.isoformat() if correct_by else None,
                "power_item": item.code if item else None,
            },
        )
    return g


def _lock(pk: int, actor: Staff) -> GuidanceRecord:
    g = GuidanceRecord.objects.select_for_update().filter(pk=pk).first()
    if g is None:
        raise NotFound("未找到该行政指导记录，或您无权查看")
    require(actor, "guidance.advise", g)
    _own_unit(actor, g.unit_id, "行政指导")
    return g


def follow_up(
    pk: int, *, actor: Staff, visited_on: dt.date | None, corrected: bool | None, note: str = ""
) -> GuidanceRecord:
    """回访: corrected closes the record; not corrected leaves it open for escalation."""
    errors: dict[str, str] = {}
    _day(errors, "visited_on", "回访日期", visited_on)
    if corrected is None:
        errors["corrected"] = "请填写是否已改正"
    note = _text(errors, "note", "回访情况", note, TEXT_MAX, required=False)
    raise_invalid(errors)
    assert visited_on is not None and corrected is not None
    with transaction.atomic():
        g = _lock(pk, actor)
        checks.require_transition(g, "follow_up")
        if visited_on < g.issued_on:
            raise Invalid("回访日期早于发出日期", details={"visited_on": "早于发出日期"})
        f = FollowUp.objects.create(
            bureau_id=g.bureau_id,
            record=g,
            visited_on=visited_on,
            corrected=corrected,
            note=note,
            visited_by=actor,
        )
        transition(
            g,
            to=Status.CORRECTED if corrected else Status.NOT_CORRECTED,
            actor=actor,
            action="follow_up",
            payload={"follow_up": f.pk, "visited_on": visited_on.isoformat(), "note": note},
        )
    return g


def escalate(pk: int, *, actor: Staff, to: str, **fields: Any) -> GuidanceRecord:
    """A not-corrected 行政指导 becomes a city case or an inspection, opened by that workflow's own
    action (its permissions and rules apply) through ``core.links``; the record keeps the link."""
    if to not in EscalatedTo.values:
        raise Invalid(
            "转入类别应为 city_case（数字城管案件）或 inspection（行政检查）",
            details={"to": "取值不正确"},
        )
    with transaction.atomic():
        g = _lock(pk, actor)
        checks.require_transition(g, "escalate")
        link = "citycases.open_from" if to == EscalatedTo.CITY_CASE else "inspections.open_from"
        try:
            opened_id, opened_number = links.ask(link, actor=actor, record=g, **fields)
        except LookupError as exc:
            raise Invalid("该业务未启用，不能转入", details={"to": to}) from exc
        g.escalated_to, g.escalated_id, g.escalated_number = to, opened_id, opened_number
        transition(
            g,
            to=Status.ESCALATED,
            actor=actor,
            action="escalate",
            payload={"to": to, "id": opened_id, "number": opened_number},
            update_fields=["escalated_to", "escalated_id", "escalated_number"],
        )
    return g
