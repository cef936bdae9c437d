"""Every write to the law data; each is atomic with its ledger entry.

The legal office (reviewer) and the administrator maintain the lists; a benchmark version, once
published, is never edited: a change is a new version (XF-34 names the version a decision applied).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from chengguan.core.errors import Invalid, StateError, enforce
from chengguan.law import checks
from chengguan.law.models import (
    Benchmark,
    BenchmarkLevel,
    ExemptionItem,
    Level,
    PenaltyType,
    PowerItem,
    ReviewCatalogue,
)
from chengguan.ledger.actions import record
from chengguan.ledger.changes import changes, snapshot
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require


def _check_types(types: list[str], field: str = "penalty_types") -> None:
    unknown = [t for t in types if t not in PenaltyType.values]
    if unknown:
        raise Invalid(
            "处罚种类不在法定种类内", details={field: f"未知处罚种类：{'、'.join(unknown)}"}
        )


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def _percent(value: Any) -> Decimal | None:  # helper:due3
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.001"))


def create_power_item(
    *,
    actor: Staff,
    code: str,
    name: str,
    domain: str,
    legal_basis: str,
    penalty_types: list[str],
    fine_min: Any = None,
    fine_max: Any = None,
    violated_provision: str = "",
    fine_note: str = "",
    delegated_to: list[OrgUnit] | None = None,
    # --- helper:due3 --- the statute's shape (decision 066/076): party kind, percentage, versions.
    applies_to: str = "",
    fine_percent_min: Any = None,
    fine_percent_max: Any = None,
    fine_base_label: str = "",
    effective_from: dt.date | None = None,
    effective_until: dt.date | None = None,
    supersedes: PowerItem | None = None,
    # --- /helper:due3 ---
) -> PowerItem:
    _check_types(penalty_types)
    lo, hi = _money(fine_min), _money(fine_max)
    if lo is not None and hi is not None and lo > hi:
        raise Invalid("罚款下限不能高于上限", details={"fine_min": "罚款下限不能高于上限"})
    # --- helper:due3 ---
    plo, phi = _percent(fine_percent_min), _percent(fine_percent_max)
    if plo is not None and phi is not None and plo > phi:
        raise Invalid(
            "罚款比例下限不能高于上限", details={"fine_percent_min": "罚款比例下限不能高于上限"}
        )
    if applies_to not in ("", "person", "organisation"):
        raise Invalid("适用对象无效", details={"applies_to": "应为 person|organisation 或留空"})
    if effective_from and effective_until and effective_until < effective_from:
        raise Invalid("失效日期早于施行日期", details={"effective_until": "不能早于施行日期"})
    if supersedes is not None and supersedes.bureau_id != actor.bureau_id:
        raise Invalid("取代的事项不属于本机关", details={"supersedes": "取代的事项不属于本机关"})
    # --- /helper:due3 ---
    with transaction.atomic():
        require(actor, "law.manage")
        if PowerItem.objects.filter(bureau_id=actor.bureau_id, code=code).exists():
            raise Invalid(f"事项编码 {code} 已存在", details={"code": "事项编码已存在"})
        item = PowerItem.objects.create(
            bureau_id=actor.bureau_id,
            code=code,
            name=name,
            domain=domain,
            legal_basis=legal_basis,
            violated_provision=violated_provision,
            penalty_types=list(penalty_types),
            fine_min=lo,
            fine_max=hi,
            fine_note=fine_note,
            # --- helper:due3 ---
            applies_to=applies_to,
            fine_percent_min=plo,
            fine_percent_max=phi,
            fine_base_label=fine_base_label,
            effective_from=effective_from,
            effective_until=effective_until,
            supersedes=supersedes,
            # --- /helper:due3 ---
        )
        units = list(delegated_to or [])
        if any(u.bureau_id != actor.bureau_id for u in units):
            raise Invalid("赋权单位不属于本机关", details={"delegated_to": "赋权单位不属于本机关"})
        item.delegated_to.set(units)
        record(
            actor,
            "law.power_item.create",
            item,
            {
                "code": code,
                "name": name,
                "legal_basis": legal_basis,
                "penalty_types": list(penalty_types),
                "fine_min": str(lo),
                "fine_max": str(hi),
                "delegated_to": sorted(u.code for u in units),
                # --- helper:due3 ---
                "applies_to": applies_to or None,
                "fine_percent": [str(plo), str(phi)]
                if plo is not None or phi is not None
                else None,
                "effective_from": effective_from.isoformat() if effective_from else None,
                "effective_until": effective_until.isoformat() if effective_until else None,
                "supersedes": supersedes.code if supersedes is not None else None,
                # --- /helper:due3 ---
            },
        )
    return item


def create_benchmark(
    *,
    actor: Staff,
    power_item: PowerItem,
    title: str,
    levels: list[dict[str, Any]],
    published_on: dt.date | None = None,
    effective_from: dt.date | None = None,  # helper:due3 (XF-37)
) -> Benchmark:
    """A new version; ``levels`` = [{"level", "conditions", "fine_min"?, "fine_max"?, ...}]."""
    errors: dict[str, str] = {}
    seen: set[str] = set()
    for i, lv in enumerate(levels):
        if lv.get("level") not in Level.values or lv["level"] in seen:
            errors[f"levels.{i}.level"] = "裁量阶次无效或重复"
        seen.add(str(lv.get("level")))
        if not str(lv.get("conditions", "")).strip():
            errors[f"levels.{i}.conditions"] = "须写明适用情形"
        _check_types(list(lv.get("penalty_types", [])), f"levels.{i}.penalty_types")
    if not levels:
        errors["levels"] = "至少一个裁量阶次"
    if errors:
        raise Invalid("裁量基准内容有误", details=errors)
    with transaction.atomic():
        require(actor, "law.manage", power_item)
        enforce(checks.benchmark_levels(power_item, levels))
        last = Benchmark.objects.filter(power_item=power_item).order_by("-version").first()
        bench = Benchmark.objects.create(
            bureau_id=power_item.bureau_id,
            power_item=power_item,
            version=(last.version + 1) if last else 1,
            title=title,
            published_on=published_on,
            effective_from=effective_from,  # helper:due3
        )
        BenchmarkLevel.objects.bulk_create(
            [
                BenchmarkLevel(
                    benchmark=bench,
                    level=lv["level"],
                    conditions=lv["conditions"],
                    fine_min=_money(lv.get("fine_min")),
                    fine_max=_money(lv.get("fine_max")),
                    penalty_types=list(lv.get("penalty_types", [])),
                    # --- helper:due3 --- a percentage band for percentage fines (CL-4).
                    percent_min=_percent(lv.get("percent_min")),
                    percent_max=_percent(lv.get("percent_max")),
                    # --- /helper:due3 ---
                )
                for lv in levels
            ]
        )
        record(
            actor,
            "law.benchmark.create",
            bench,
            {
                "power_item": power_item.code,
                "version": bench.version,
                "title": title,
                "published_on": published_on.isoformat() if published_on else None,
                "effective_from": effective_from.isoformat() if effective_from else None,
                "levels": [{k: str(v) for k, v in lv.items()} for lv in levels],
            },
        )
    return bench


def publish_benchmark(*, actor: Staff, benchmark_id: int, published_on: dt.date) -> Benchmark:
    with transaction.atomic():
        bench = Benchmark.objects.select_for_update().get(pk=benchmark_id)
        require(actor, "law.manage", bench)
        if bench.published_on is not None:
            raise StateError("该版本裁量基准已公布，不能再修改；如需调整请制定新版本")
        before = snapshot(bench, ["published_on"])
        bench.published_on = published_on
        bench.save(update_fields=["published_on"])
        record(
            actor,
            "law.benchmark.publish",
            bench,
            {
                "power_item": bench.power_item.code,
                "version": bench.version,
                "published_on": published_on.isoformat(),
                **changes(before, snapshot(bench, ["published_on"])),
            },
        )
    return bench


def create_exemption(
    *,
    actor: Staff,
    code: str,
    power_item: PowerItem,
    kind: str,
    conditions: str,
    correction_days: int | None = None,
    published_on: dt.date | None = None,
) -> ExemptionItem:
    if kind not in ExemptionItem.Kind.values:
        raise Invalid("免罚类别无效", details={"kind": "应为 minor 或 first"})
    with transaction.atomic():
        require(actor, "law.manage", power_item)
        item = ExemptionItem.objects.create(
            bureau_id=power_item.bureau_id,
            code=code,
            power_item=power_item,
            kind=kind,
            conditions=conditions,
            correction_days=correction_days,
            published_on=published_on,
        )
        record(
            actor,
            "law.exemption.create",
            item,
            {"code": code, "power_item": power_item.code, "kind": kind, "conditions": conditions},
        )
    return item


def create_catalogue_entry(
    *,
    actor: Staff,
    code: str,
    title: str,
    penalty_types: list[str] | None = None,
    fine_person_at_least: Any = None,
    fine_organisation_at_least: Any = None,
    power_items: list[PowerItem] | None = None,
) -> ReviewCatalogue:
    _check_types(list(penalty_types or []))
    with transaction.atomic():
        require(actor, "law.manage")
        entry = ReviewCatalogue.objects.create(
            bureau_id=actor.bureau_id,
            code=code,
            title=title,
            penalty_types=list(penalty_types or []),
            fine_person_at_least=_money(fine_person_at_least),
            fine_organisation_at_least=_money(fine_organisation_at_least),
        )
        entry.power_items.set(power_items or [])
        record(
            actor,
            "law.review_catalogue.create",
            entry,
            {
                "code": code,
                "title": title,
                "penalty_types": list(penalty_types or []),
                "fine_person_at_least": str(fine_person_at_least),
                "fine_organisation_at_least": str(fine_organisation_at_least),
                "power_items": sorted(p.code for p in power_items or []),
            },
        )
    return entry
