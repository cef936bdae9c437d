"""``chengguan demo --scale province``: a province above the demo bureau (issue #16, decision 085).

The demo bureau and the neighbouring one are placed under a city body of a province body, with a
provincial supervisor ``province`` (the demo password). ``--bureaus B`` adds B more county bureaus
under the province (half of them through the city), each with the demo's units, categories and
grids and a county-shaped year of city cases written in bulk by the county demo's generator
(``--cases-per-bureau``; the seed county's 55,401 at full scale). Penalty cases stay with the demo
bureau: they go through the real actions, which do not scale to a province's year here.
"""

from __future__ import annotations

import random
from typing import Any

from django.db import transaction

from chengguan.demo import citycases as city_demo
from chengguan.demo import county
from chengguan.demo import org as org_demo
from chengguan.demo.context import DemoContext
from chengguan.ledger.actions import record
from chengguan.org import actions as org_actions
from chengguan.org import oversight_bodies
from chengguan.org.models import OrgUnit, RoleAssignment, Staff
from chengguan.org.roles import Role

PROVINCE = {"code": "demo_province", "name": "示范省城市管理局", "division_code": "410000"}
CITY = {"code": "demo_city", "name": "示范市城市管理局", "division_code": "411300"}
# The accounts a county year's city cases name (the county generator looks them up by these keys).
LOOP_PEOPLE = [
    ("inspector", "信息采集员", "center", Role.INSPECTOR),
    ("center", "受理员", "center", Role.CENTER),
    ("hotline", "12345受理员", "hotline_office", Role.HOTLINE),
    ("handler_sanitation", "环卫处置员", "sanitation", Role.HANDLER),
    ("handler_greening", "园林处置员", "greening", Role.HANDLER),
    ("handler_municipal", "市政处置员", "municipal", Role.HANDLER),
]


def _body(spec: dict[str, str], kind: str, above: OrgUnit | None) -> OrgUnit:
    existing = OrgUnit.objects.filter(code=spec["code"], kind=kind).first()
    return existing or oversight_bodies.create_body(kind=kind, above=above, **spec)


def build_levels(ctx: DemoContext) -> tuple[OrgUnit, OrgUnit]:
    province = _body(PROVINCE, OrgUnit.Kind.PROVINCE, None)
    city = _body(CITY, OrgUnit.Kind.CITY, province)
    for code in ("demo", "other"):
        bureau = OrgUnit.objects.get(code=code, kind=OrgUnit.Kind.BUREAU)
        if bureau.oversight_id is None:
            oversight_bodies.place(unit=bureau, above=city)
    if not Staff.objects.filter(username="province").exists():
        ctx.users["province"] = org_actions.create_staff(
            actor=None,
            unit=province,
            username="province",
            password=ctx.password,
            full_name="省级监督员",
            roles=[Role.PROVINCE],
        )
    return province, city


def _staff(bureau: OrgUnit, unit: OrgUnit, username: str, name: str, role: str) -> Staff:
    """A generated bureau's account without a login (as the county demo's staff)."""
    existing = Staff.objects.filter(username=username).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        staff = Staff(username=username, bureau=bureau, unit=unit, full_name=name, is_staff=False)
        staff.set_unusable_password()
        staff.save()
        RoleAssignment.objects.create(staff=staff, role=role, unit=unit)
        record(
            None,
            "org.staff.create",
            staff,
            {"username": username, "unit": unit.code, "roles": [role]},
            bureau_id=bureau.pk,
        )
    return staff


def build_bureau(
    ctx: DemoContext, index: int, above: OrgUnit, cases: int, seed: int = 2024
) -> OrgUnit:
    """One generated county bureau with a year of city cases (idempotent)."""
    code = f"county{index:02d}"
    bureau = OrgUnit.objects.filter(code=code, kind=OrgUnit.Kind.BUREAU).first()
    if bureau is None:
        bureau = org_actions.create_bureau(
            code=code,
            name=f"示范省第{index}县城市管理局",
            short_name=f"{index}县城管",
            division_code=f"41{index:02d}23",
            oversight=above,
        )
    sub = DemoContext(password=ctx.password, year=ctx.year, scale="county", say=ctx.say)
    sub.bureau = bureau
    sub.units["demo"] = bureau
    for unit_code, name, kind, parent, external in org_demo.UNITS:
        unit = OrgUnit.objects.filter(bureau=bureau, code=unit_code).first()
        if unit is None:
            unit = org_actions.create_unit(
                actor=None,
                bureau=bureau,
                parent=sub.units[parent],
                code=unit_code,
                name=name,
                kind=kind,
                external=external,
            )
        sub.units[unit_code] = unit
    for key, name, unit_code, role in LOOP_PEOPLE:
        sub.users[key] = _staff(bureau, sub.units[unit_code], f"{code}_{key}", name, role)
    city_demo.build_categories(sub)
    city_demo.build_grids(sub)
    if cases > 0:
        year = county.Year(
            ctx=sub,
            scale=cases / county.SEED["citycases"],
            rng=random.Random(seed + index),
            days=county.workdays(ctx.year),
        )
        county.build_citycases(year)
    return bureau


def build(ctx: DemoContext, *, bureaus: int = 0, cases_per_bureau: int = 2000) -> dict[str, Any]:
    province, city = build_levels(ctx)
    made = []
    for i in range(1, bureaus + 1):
        ctx.say(f"  · 第 {i}/{bureaus} 个县级机关")
        made.append(build_bureau(ctx, i, city if i % 2 else province, cases_per_bureau))
    return {"province": province, "city": city, "bureaus": made}
