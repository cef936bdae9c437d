"""The county year of 行政检查 (``demo --scale county``, issue #13): a 名录库 of a few hundred
enterprises, traders and sites imported in one go (the import is itself a bulk write with one ledger
entry), a random-inspection plan per quarter drawn and published (SJ-1/SJ-2), the drawn objects
inspected through the real actions — nothing found, or a correction order met or unmet on 复查 —
and complaint-driven visits besides.

Everything after the import goes through the actions, so every rule (JC-1…JC-6, ZL-1, SJ-1/2) holds
for the data as it holds for a bureau's own: a visit an action refuses (an officer's certificate
cancelled in between, the yearly cap reached) is left out whole, as a bureau would not have made it.
No penalty case is opened (the penalty figures stay the county year's own). Idempotent: a bureau
whose register already has the county's objects is left as it is.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from chengguan.core.clock import SHANGHAI, frozen_at
from chengguan.core.errors import ChengguanError
from chengguan.core.pii import uscc_check_char
from chengguan.core.workdays import is_workday
from chengguan.demo.context import DemoContext
from chengguan.demo.inspections import GRIDS
from chengguan.inspections import actions, queries
from chengguan.inspections.models import Inspection, SupervisedEntity
from chengguan.org.checks import valid_certificate
from chengguan.org.models import Staff

# The county's objects carry this 统一社会信用代码 stem (the minimal demo's use MA47D).
STEM = "91411323MA9K"
ENTITIES = 400  # at scale 1
TRADES = [
    "餐饮有限公司",
    "商贸有限公司",
    "建筑工程有限公司",
    "广告传媒有限公司",
    "物业服务有限公司",
    "汽车维修有限公司",
    "农贸市场管理有限公司",
    "酒店管理有限公司",
]
PLACES = ["丹水", "回车", "五里桥", "莲花", "紫金", "白羽", "城关", "西峡口", "双龙", "桑坪"]
SITES = ["工地", "户外广告牌", "户外大屏", "门头招牌"]
TRADERS = ["烧烤", "面馆", "水果店", "早餐店", "便利店", "炒货", "理发店", "五金店"]
# (quarter's first month, item, share of the register drawn)
PLANS = [
    (2, "JCSX-001", "0.05"),
    (5, "JCSX-002", "0.05"),
    (8, "JCSX-001", "0.05"),
    (10, "JCSX-002", "0.05"),
]


def _on(day: dt.date, hour: int = 10) -> Any:
    return frozen_at(dt.datetime.combine(day, dt.time(hour), SHANGHAI))


def _workday(day: dt.date) -> dt.date:
    while not is_workday(day):
        day += dt.timedelta(days=1)
    return day


def register_csv(count: int, rng: random.Random) -> str:
    """The county's sheet: 70% enterprises, 20% individual traders, 10% sites."""
    rows = ["类型,名称,统一社会信用代码,地址,网格,乡镇（街道）"]
    for n in range(count):
        grid, town = GRIDS[n % len(GRIDS)]
        place = PLACES[n % len(PLACES)]
        share = n % 10
        if share < 7:
            body = f"{STEM}{n:05d}"[:17]
            name = f"{place}{rng.choice('鑫顺达恒泰丰源盛华宏')}{TRADES[n % len(TRADES)]}{n + 1}"
            rows.append(
                f"企业,{name},{body}{uscc_check_char(body)},示范县{place}路{n + 1}号,{grid},{town}"
            )
        elif share < 9:
            name = f"{place}{rng.choice('王李张刘陈杨')}记{TRADERS[n % len(TRADERS)]}{n + 1}"
            rows.append(f"个体工商户,{name},,示范县{place}街{n + 1}号,{grid},{town}")
        else:
            rows.append(
                f"场所,{place}{SITES[n % len(SITES)]}{n + 1},,示范县{place}片区{n + 1}号,{grid},{town}"
            )
    return "\n".join(rows) + "\n"


def _visit(
    i: Inspection, officer: Staff, pair: list[str], day: dt.date, rng: random.Random
) -> None:
    """check in, record, (order), tell, close, and 复查 after the deadline — one visit's day."""
    with _on(day):
        actions.check_in(i.pk, actor=officer, code=i.code)
        ok = rng.random() < 0.75
        actions.record_findings(
            i.pk,
            actor=officer,
            findings="经检查，未发现违法违规问题" if ok else "门前责任区堆放杂物，卫生保洁不到位",
            ok=ok,
            certificates_shown=pair,
        )
        deadline = None
        if not ok:
            deadline = _workday(day + dt.timedelta(days=7))
            actions.order_correction(
                i.pk, actor=officer, deadline=deadline, content="限期清理堆放物，落实门前责任"
            )
        actions.notify_result(
            i.pk,
            actor=officer,
            result="未发现问题" if ok else "发现问题，已责令限期改正",
        )
        actions.close(i.pk, actor=officer)
    if deadline is not None:
        later = _workday(deadline + dt.timedelta(days=1))
        with _on(later, 15):
            met = rng.random() < 0.85
            actions.recheck(
                i.pk,
                actor=officer,
                on=None,
                result="met" if met else "unmet",
                record_text="已按期整改" if met else "逾期未整改，移交立案审查",
            )


def _certified(names: list[str], day: dt.date, people: dict[str, Staff]) -> bool:
    return all(valid_certificate(people[n], day) is not None for n in names)


def _pool(people: dict[str, Staff], day: dt.date) -> list[str]:
    """The bureau-wide officers certified on the day: a town team inspects only its own objects
    and powers (ORG-5/ORG-3), so the county's plans draw from the brigade's squads and offices."""
    return sorted(
        n
        for n, p in people.items()
        if p.has_role("officer")
        and not p.is_auxiliary
        and not queries.team_only(p)
        and valid_certificate(p, day) is not None
    )


def build(ctx: DemoContext, scale: float = 1.0, seed: int = 2024) -> dict[str, int]:
    bureau = ctx.bureau
    assert bureau is not None
    done = {"entities": 0, "plans": 0, "inspections": 0, "complaints": 0}
    if SupervisedEntity.objects.filter(bureau=bureau, credit_code__startswith=STEM).exists():
        return done
    if not actions.InspectionItem.objects.filter(bureau=bureau, code="JCSX-001").exists():
        return done  # the minimal demo's 检查事项清单 comes first
    rng = random.Random(seed)
    year = ctx.year
    reviewer, head = ctx.user("reviewer"), ctx.user("head")
    count = max(20, round(ENTITIES * scale))
    with _on(dt.date(year, 1, 15)):
        report = actions.import_entities(actor=reviewer, text=register_csv(count, rng))
    done["entities"] = int(report["created"])
    people = {
        s.username: s
        for s in Staff.objects.filter(bureau=bureau, is_active=True).prefetch_related(
            "certificates", "roles"
        )
    }
    for month, item, ratio in PLANS:
        day = _workday(dt.date(year, month, 3))
        pool = _pool(people, day)
        with _on(day):
            plan = actions.create_plan(
                actor=reviewer, year=year, item=item, ratio=ratio, officers=pool
            )
            actions.approve_plan(plan.pk, actor=head)
            try:
                plan = actions.draw_plan(plan.pk, actor=head, seed=f"{year}-{month:02d}-{item}")
            except ChengguanError:
                continue  # too few eligible officers at a tiny scale: the plan stays approved
        done["plans"] += 1
        for n, (entity_id, pair) in enumerate(
            zip(plan.drawn_entities, plan.drawn_pairs, strict=True)
        ):
            on = _workday(day + dt.timedelta(days=7 + n % 40))
            if on.year != year or not _certified(pair, on, people):
                continue
            officer = people[pair[0]]
            try:
                with transaction.atomic():
                    with _on(on, 9):
                        visit = actions.create_inspection(
                            actor=officer,
                            item=item,
                            entity=entity_id,
                            officers=pair,
                            reason="plan",
                            planned_on=on,
                            plan=plan.pk,
                        )
                    _visit(visit, officer, pair, on, rng)
            except ChengguanError:
                continue  # e.g. the object's yearly cap (JC-4): no such visit is made
            done["inspections"] += 1
        with _on(_workday(day + dt.timedelta(days=14)), 16):
            actions.publish_plan(plan.pk, actor=reviewer)
    # Complaint-driven visits (approved afterwards within the setting, JC-2), about one in ten.
    enterprises = list(
        SupervisedEntity.objects.filter(bureau=bureau, credit_code__startswith=STEM).values_list(
            "pk", flat=True
        )
    )
    officers = _pool(people, dt.date(year, 1, 2))
    for n in range(max(2, count // 10)):
        on = _workday(dt.date(year, 1 + n % 11, 10 + n % 15))
        pair = rng.sample(officers, 2)
        if not _certified(pair, on, people):
            continue
        officer = people[pair[0]]
        try:
            with transaction.atomic():
                with _on(on, 9):
                    visit = actions.create_inspection(
                        actor=officer,
                        item="JCSX-001",
                        entity=rng.choice(enterprises),
                        officers=pair,
                        reason="complaint",
                        planned_on=on,
                    )
                    actions.approve(visit.pk, actor=head)
                _visit(visit, officer, pair, on, rng)
        except ChengguanError:
            continue
        done["complaints"] += 1
    ctx.say(
        f"  行政检查：名录库 {done['entities']} 个对象，抽查计划 {done['plans']} 个，"
        f"计划检查 {done['inspections']} 次，投诉举报检查 {done['complaints']} 次"
    )
    return done
