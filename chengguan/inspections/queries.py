"""Reads of 行政检查, scoped: the reader's bureau, and a town/street team sees only its own (ORG-5)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from chengguan.core import clock
from chengguan.core.errors import NotFound
from chengguan.core.pii import mask_name
from chengguan.core.rules import local
from chengguan.inspections import draw
from chengguan.inspections.models import (
    Inspection,
    InspectionFeedback,
    InspectionItem,
    InspectionPlan,
    SupervisedEntity,
)
from chengguan.inspections.states import PlanStatus, Reason
from chengguan.ledger.models import Entry
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require

M = TypeVar("M", bound=Model)


def team_only(reader: Staff) -> bool:
    """A town/street team member without a bureau-wide role: sees and acts for the team only."""
    unit = reader.unit
    return (
        unit is not None
        and unit.kind in (OrgUnit.Kind.TOWN, OrgUnit.Kind.STREET)
        and not reader.has_role("head", "reviewer", "supervisor", "admin")
    )


def _scoped(reader: Staff, rows: QuerySet[M]) -> QuerySet[M]:
    require(reader, "inspections.view")
    rows = rows.filter(bureau_id=reader.bureau_id)
    if team_only(reader):
        rows = rows.filter(unit_id=reader.unit_id)
    return rows


def items(reader: Staff, *, published_only: bool = True) -> QuerySet[InspectionItem]:
    """JC-1: the published list; a town team sees the items of the powers delegated to it (ORG-3)."""
    require(reader, "inspections.view")
    rows = InspectionItem.objects.filter(bureau_id=reader.bureau_id)
    if team_only(reader):
        rows = rows.filter(power_item__delegated_to=reader.unit_id)
    if published_only:
        rows = rows.filter(published=True)
    return rows.select_related("power_item").order_by("code")


def item_by_code(reader: Staff, code: str) -> InspectionItem | None:
    return items(reader, published_only=False).filter(code=code).first()


def entities(reader: Staff) -> QuerySet[SupervisedEntity]:
    return _scoped(reader, SupervisedEntity.objects.all()).order_by("id")


def entity(reader: Staff, entity_id: int) -> SupervisedEntity:
    found = entities(reader).filter(pk=entity_id).first()
    if found is None:
        raise NotFound("未找到该检查对象，或您无权查看")
    return found


def plans(reader: Staff) -> QuerySet[InspectionPlan]:
    return _scoped(reader, InspectionPlan.objects.select_related("item")).order_by("-year", "id")


def plan(reader: Staff, plan_id: int) -> InspectionPlan:
    found = plans(reader).filter(pk=plan_id).first()
    if found is None:
        raise NotFound("未找到该抽查计划，或您无权查看")
    return found


def inspections(reader: Staff) -> QuerySet[Inspection]:
    return _scoped(reader, Inspection.objects.select_related("item", "entity")).order_by("-id")


# --- helper:forms ---
def inspection_units(reader: Staff) -> QuerySet[OrgUnit]:
    """The units of the inspections this reader sees: the list's unit filter."""
    return OrgUnit.objects.filter(pk__in=inspections(reader).values("unit_id")).order_by("code")


# --- /helper:forms ---


def inspection(reader: Staff, inspection_id: int) -> Inspection:
    found = inspections(reader).filter(pk=inspection_id).first()
    if found is None:
        raise NotFound("未找到该行政检查，或您无权查看")
    return found


def by_code(code: str) -> Inspection | None:
    """The public check of a code (扫码入企, JC-5): no reader, the code itself is the key."""
    normal = "".join((code or "").split()).upper()[:16]
    if not normal:
        return None
    return (
        Inspection.objects.filter(code=normal)
        .select_related("item", "unit", "bureau")
        .prefetch_related("officers__certificates")
        .first()
    )


def used_this_year(entity_id: int, year: int, *, item_id: int | None) -> int:
    """JC-4: inspections of the object in the year that count against the cap (not complaints);
    a joint visit (综合查一次) is one inspection whatever the number of its items."""
    rows = Inspection.objects.filter(entity_id=entity_id, planned_on__year=year).exclude(
        reason=Inspection.Reason.COMPLAINT
    )
    if item_id is not None:
        rows = rows.filter(Q(item_id=item_id) | Q(items=item_id))
    return rows.values("pk").distinct().count()


# --- helper:inspections2 ---
def recent_visits(
    entity_id: int, item_ids: Sequence[int], *, planned_on: dt.date, days: int
) -> list[tuple[str, dt.date]]:
    """JC-4: visits of the object for any of these items within ``days`` of the day (either
    side): (item name, day) for each item so covered."""
    if days <= 0 or not item_ids:
        return []
    span = dt.timedelta(days=days)
    rows = (
        Inspection.objects.filter(
            Q(item_id__in=item_ids) | Q(items__in=item_ids),
            entity_id=entity_id,
            planned_on__gt=planned_on - span,
            planned_on__lt=planned_on + span,
        )
        .distinct()
        .prefetch_related("items")
        .select_related("item")
    )
    wanted = set(item_ids)
    out: dict[str, dt.date] = {}
    for visit in rows:
        covered = {visit.item, *visit.items.all()}
        for it in covered:
            if it.pk in wanted and (it.name not in out or visit.planned_on > out[it.name]):
                out[it.name] = visit.planned_on
    return sorted(out.items())


def entity_history(reader: Staff, entity: SupervisedEntity) -> QuerySet[Inspection]:
    """The object's visits as the reader may see them, newest first, with their items."""
    return (
        inspections(reader)
        .filter(entity=entity)
        .prefetch_related("items")
        .order_by("-planned_on", "-id")
    )


def public_plan(plan_id: int) -> dict[str, Any] | None:
    """SJ-2: a published draw as the portal shows it, with the outcome of each drawn object's
    inspection. Organisations by name; an individual trader (kind ``person``) by masked name only;
    no addresses, no findings' text."""
    plan = (
        InspectionPlan.objects.filter(pk=plan_id, published_on__isnull=False)
        .select_related("item", "unit", "bureau")
        .first()
    )
    if plan is None:
        return None
    objects = SupervisedEntity.objects.in_bulk(plan.drawn_entities)
    visits: dict[int, Inspection] = {}
    for visit in Inspection.objects.filter(plan=plan).order_by("id"):
        visits.setdefault(visit.entity_id, visit)
    names = dict(
        Staff.objects.filter(
            bureau_id=plan.bureau_id, username__in={u for p in plan.drawn_pairs for u in p}
        ).values_list("username", "full_name")
    )
    rows = []
    for n, pk in enumerate(plan.drawn_entities):
        e = objects.get(pk)
        if e is None:
            continue
        person = e.kind == SupervisedEntity.Kind.PERSON
        rows.append(
            {
                "name": mask_name(e.name) if person else e.name,
                "kind": e.get_kind_display(),
                "credit_code": e.credit_code or None if e.kind == e.Kind.ENTERPRISE else None,
                "town": e.town or None,
                "officers": [names.get(u, u) for u in plan.drawn_pairs[n]],
                **outcome(visits.get(pk)),
            }
        )
    return {
        "id": plan.pk,
        "bureau": plan.bureau.name,
        "unit": plan.unit.name,
        "year": plan.year,
        "item": {"code": plan.item.code, "name": plan.item.name, "basis": plan.item.basis},
        "ratio": str(plan.ratio) if plan.ratio is not None else None,
        "count": plan.count,
        "drawn_on": clock.local(plan.drawn_at).date().isoformat() if plan.drawn_at else None,
        "seed": plan.seed,
        "inputs_hash": plan.inputs_hash,
        "published_on": plan.published_on.isoformat() if plan.published_on else None,
        "objects": rows,
    }


def outcome(visit: Inspection | None) -> dict[str, Any]:
    """The public outcome of a visit: only once the result was told in writing (JC-6)."""
    if visit is None:
        return {"inspected_on": None, "outcome": "尚未检查"}
    if visit.result_told_on is None:
        return {"inspected_on": None, "outcome": "检查中"}
    if visit.ok:
        text = "未发现问题"
    elif visit.case_id:
        text = "发现问题，已立案查处"
    elif visit.correction_ordered_on:
        text = "发现问题，已责令限期改正"
        if visit.rechecked_on is not None:
            text += "，复查已整改" if visit.recheck_met else "，复查未整改"
    else:
        text = "发现问题"
    return {
        "inspected_on": visit.recorded_on.isoformat() if visit.recorded_on else None,
        "outcome": text,
    }


def overdue_publications(today: dt.date, bureau_id: int | None = None) -> QuerySet[InspectionPlan]:
    """SJ-2: drawn plans whose result is not yet published and whose due day has passed."""
    rows = InspectionPlan.objects.filter(
        status=PlanStatus.DRAWN, published_on__isnull=True, publish_due__lt=today
    )
    if bureau_id is not None:
        rows = rows.filter(bureau_id=bureau_id)
    return rows.select_related("item", "bureau").order_by("publish_due", "id")


def figures(bureau: OrgUnit, year: int) -> dict[str, Any]:
    """The year's figures of 涉企行政检查 (the statistics of the yearly report), by the planned
    day: counts by reason, by item (a joint visit counts for each of its items) and by town;
    per-enterprise frequency; the share with findings; correction orders met on 复查."""
    visits = list(
        Inspection.objects.filter(bureau=bureau, planned_on__year=year)
        .select_related("item", "entity")
        .prefetch_related("items")
    )
    by_reason = {r.value: 0 for r in Reason}
    by_item: dict[str, int] = {}
    by_town: dict[str, int] = {}
    per_entity: dict[int, int] = {}
    joint = 0
    for v in visits:
        by_reason[v.reason] = by_reason.get(v.reason, 0) + 1
        codes = {v.item.code, *(x.code for x in v.items.all())}
        joint += len(codes) > 1
        for code in codes:
            by_item[code] = by_item.get(code, 0) + 1
        town = v.entity.town or "未填写"
        by_town[town] = by_town.get(town, 0) + 1
        if v.entity.is_enterprise:
            per_entity[v.entity_id] = per_entity.get(v.entity_id, 0) + 1
    recorded = [v for v in visits if v.recorded_on is not None]
    found = [v for v in recorded if v.ok is False]
    orders = [v for v in visits if v.correction_ordered_on is not None]
    rechecked = [v for v in orders if v.rechecked_on is not None]
    met = sum(1 for v in rechecked if v.recheck_met)
    counts = list(per_entity.values())
    return {
        "year": year,
        "total": len(visits),
        "joint": joint,
        "by_reason": by_reason,
        "by_item": dict(sorted(by_item.items())),
        "by_town": dict(sorted(by_town.items())),
        "frequency": {
            "enterprises": len(counts),
            "max": max(counts, default=0),
            "mean": _ratio(sum(counts), len(counts), percent=False),
        },
        "findings": {
            "recorded": len(recorded),
            "with_findings": len(found),
            "share": _ratio(len(found), len(recorded)),
        },
        "corrections": {
            "ordered": len(orders),
            "rechecked": len(rechecked),
            "met": met,
            "unmet": len(rechecked) - met,
            "met_share": _ratio(met, len(rechecked)),
        },
        "cases": sum(1 for v in visits if v.case_id is not None),
        "method": (
            f"{year}年计划检查日期在当年的本局行政检查；合并检查（综合查一次）计为一次，按事项统计时"
            "计入其每个事项；频次按企业和个体工商户统计；发现问题比例 = 发现问题的检查 ÷ 已记录检查"
            "情况的检查；复查整改率 = 复查已整改 ÷ 已复查的责令改正。"
        ),
    }


def _ratio(numerator: int, denominator: int, *, percent: bool = True) -> str | None:
    """Two decimals, half up, as a string (a percentage unless ``percent`` is false); None when
    nothing was to be counted."""
    if not denominator:
        return None
    value = Decimal(numerator) * (100 if percent else 1) / Decimal(denominator)
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# --- /helper:inspections2 ---


def draw_verified(plan: InspectionPlan) -> dict[str, Any]:
    """SJ-1: recompute the draw from the seed and inputs' hash the ledger recorded; reproduced only
    if the stored inputs still hash to the recorded value and give the stored result."""
    entry = (
        Entry.objects.filter(
            bureau_id=plan.bureau_id,
            action="inspection.plan.draw",
            subject_type=InspectionPlan._meta.label_lower,
            subject_id=str(plan.pk),
        )
        .order_by("-seq")
        .first()
    )
    if entry is None or plan.status != PlanStatus.DRAWN:
        return {"reproduced": False, "reason": "该计划尚未抽取"}
    logged = json.loads(entry.payload)
    seed, wanted = str(logged.get("seed", "")), str(logged.get("inputs_hash", ""))
    same_inputs = draw.inputs_hash(plan.draw_inputs) == wanted
    try:
        again = draw.recompute(seed, plan.draw_inputs)
    except (KeyError, TypeError, ValueError):
        return {"reproduced": False, "seed": seed, "inputs_hash": wanted}
    same_result = (
        again.entities == logged.get("entities") == plan.drawn_entities
        and again.pairs == logged.get("officers") == plan.drawn_pairs
    )
    return {
        "reproduced": bool(same_inputs and same_result),
        "seed": seed,
        "inputs_hash": wanted,
        "ledger_seq": entry.seq,
    }


# --- helper:insp-web ---
def photo_prefix(inspection: Inspection) -> str:
    """The evidence-blob name prefix of an inspection's photos (fixed width: no id is another's
    prefix)."""
    return f"JC{inspection.pk:08d}-"


def my_day(reader: Staff, day: dt.date) -> QuerySet[Inspection]:
    """The officer's day: the inspections naming the reader, planned for the day or earlier and
    not yet closed (yesterday's unfinished visit is still today's work), soonest first."""
    return (
        inspections(reader)
        .filter(officers=reader, planned_on__lte=day)
        .exclude(status=Inspection.Status.CLOSED)
        .prefetch_related("officers")
        .order_by("planned_on", "id")
    )


def my_upcoming(reader: Staff, day: dt.date) -> QuerySet[Inspection]:
    return (
        inspections(reader)
        .filter(officers=reader, planned_on__gt=day)
        .exclude(status=Inspection.Status.CLOSED)
        .order_by("planned_on", "id")
    )


def mine_by_code(reader: Staff, code: str) -> Inspection | None:
    """An inspection of the reader's scope by its code, as typed or scanned (spaces, case)."""
    normal = "".join((code or "").split()).upper()[:16]
    if not normal:
        return None
    return inspections(reader).filter(code=normal).first()


def awaiting_approval(reader: Staff) -> QuerySet[Inspection]:
    """JC-2: the head's queue — inspections without approval, those due soonest first."""
    return (
        inspections(reader)
        .filter(approved_on__isnull=True)
        .exclude(status=Inspection.Status.CLOSED)
        .prefetch_related("officers")
        .order_by("approval_due", "planned_on", "id")
    )


def plans_awaiting_approval(reader: Staff) -> QuerySet[InspectionPlan]:
    return plans(reader).filter(status=PlanStatus.DRAFT)


def complaints(reader: Staff) -> QuerySet[InspectionFeedback]:
    """The enterprises' words on the inspections the reader may see, newest first."""
    return (
        InspectionFeedback.objects.filter(inspection__in=inspections(reader).values("pk"))
        .select_related("inspection", "inspection__entity")
        .order_by("-created_at", "-id")
    )


def entity_year(entity: SupervisedEntity, year: int) -> dict[str, Any]:
    """The enterprise's year at a glance (JC-4): inspections this year against the cap, by item's
    own cap too, the correction orders and their 复查, the cases opened from its inspections.
    A handful of aggregate queries whatever the register's size (the reviewer's page)."""
    visits = list(
        Inspection.objects.filter(entity=entity, planned_on__year=year)
        .select_related("item")
        .prefetch_related("items", "officers")
        .order_by("planned_on", "id")
    )
    counted = [v for v in visits if v.reason != Reason.COMPLAINT]
    per_item: dict[int, dict[str, Any]] = {}
    for v in counted:
        for it in {v.item, *v.items.all()}:
            row = per_item.setdefault(
                it.pk, {"code": it.code, "name": it.name, "cap": it.yearly_cap, "used": 0}
            )
            row["used"] += 1
    cap = int(local("inspection_yearly_cap"))
    orders = [v for v in visits if v.correction_ordered_on]
    return {
        "year": year,
        "enterprise": entity.is_enterprise,
        "cap": cap,
        "used": len(counted),
        "complaints": len(visits) - len(counted),
        "over": entity.is_enterprise and len(counted) >= cap,
        "items": sorted(per_item.values(), key=lambda r: r["code"]),
        "visits": visits,
        "orders": len(orders),
        "orders_open": sum(1 for v in orders if v.rechecked_on is None),
        "orders_met": sum(1 for v in orders if v.recheck_met is True),
        "orders_unmet": sum(1 for v in orders if v.recheck_met is False),
        "cases": [v.case_number for v in visits if v.case_number],
        "with_findings": sum(1 for v in visits if v.ok is False),
    }


def drawn_rows(plan: InspectionPlan) -> list[dict[str, Any]]:
    """The staff view of a draw: each drawn object (None if it left the register) and the names of
    its drawn officers, in the draw's order."""
    drawn = SupervisedEntity.objects.in_bulk(plan.drawn_entities)
    names = dict(
        Staff.objects.filter(
            bureau_id=plan.bureau_id, username__in={u for p in plan.drawn_pairs for u in p}
        ).values_list("username", "full_name")
    )
    return [
        {"entity": drawn.get(pk), "officers": [names.get(u) or u for u in plan.drawn_pairs[n]]}
        for n, pk in enumerate(plan.drawn_entities)
    ]


def own_inspection(code: str, credit_code: str) -> Inspection | None:
    """The portal's "my inspection": the code and the inspected enterprise's 统一社会信用代码
    together; a trader or a site has no code and is not shown here."""
    found = by_code(code)
    wanted = "".join((credit_code or "").split()).upper()
    if found is None or not wanted or len(wanted) != 18:
        return None
    if found.entity.credit_code.upper() != wanted:
        return None
    return found


def public_result(found: Inspection) -> dict[str, Any]:
    """What the inspected enterprise sees of its own inspection: the result once told in writing
    (JC-6), the correction order and its 复查, the case number — never staff notes."""
    told = found.result_told_on is not None
    return {
        "code": found.code,
        "entity": found.entity.name,
        "item": found.item.name,
        "items": [i.name for i in found.items.all()] or [found.item.name],
        "planned_on": found.planned_on,
        "status": found.get_status_display(),
        "told": told,
        "told_on": found.result_told_on,
        "result": found.result if told else "",
        "findings": found.findings if told else "",
        "ok": found.ok if told else None,
        "correction_deadline": found.correction_deadline,
        "correction_content": found.correction_content,
        "rechecked_on": found.rechecked_on,
        "recheck_met": found.recheck_met,
        "case_number": found.case_number,
        **outcome(found),
    }


def published_plans(bureau_id: int) -> QuerySet[InspectionPlan]:
    """SJ-2: the bureau's published draws, newest first (the portal's list)."""
    return (
        InspectionPlan.objects.filter(bureau_id=bureau_id, published_on__isnull=False)
        .select_related("item")
        .order_by("-published_on", "-id")
    )


def published_items(bureau_id: int) -> QuerySet[InspectionItem]:
    """JC-1: the bureau's published 检查事项清单 (the portal's list)."""
    return (
        InspectionItem.objects.filter(bureau_id=bureau_id, published=True)
        .select_related("power_item")
        .order_by("code")
    )


# --- /helper:insp-web ---
