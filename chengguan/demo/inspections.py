"""Demo data of 行政检查: a published 检查事项清单, a 名录库 of about 30 objects imported from a CSV
through the real import, one approved plan with its draw published (SJ-2), and a handful of
inspections in different states — all through the actions, at days of the demo year. Idempotent:
a bureau that has any inspection item is left as it is."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

from chengguan.core.clock import SHANGHAI, frozen_at
from chengguan.core.pii import uscc_check_char
from chengguan.demo.context import DemoContext
from chengguan.inspections import actions
from chengguan.inspections.models import InspectionItem

# (code, name, power item, basis, random, own yearly cap)
ITEMS = [
    (
        "JCSX-001",
        "门前责任区市容环境卫生检查",
        "SR006",
        "《城市市容和环境卫生管理条例》第十条、第三十四条",
        True,
        None,
    ),
    (
        "JCSX-002",
        "餐饮服务单位油烟净化设施使用情况检查",
        "SR005",
        "《中华人民共和国大气污染防治法》第八十一条",
        True,
        None,
    ),
    (
        "JCSX-003",
        "户外广告设施设置情况检查",
        "SR003",
        "《城市市容和环境卫生管理条例》第十一条",
        False,
        1,
    ),
]

PREFIXES = ["示范县", "白羽", "莲花", "城南", "北关", "东关"]
TRADES = [
    "餐饮有限公司",
    "商贸有限公司",
    "建筑工程有限公司",
    "广告传媒有限公司",
    "物业服务有限公司",
]
SITES = ["人民路户外广告牌", "城南安置小区工地", "北关大桥户外大屏", "东关商业街门头招牌"]
TRADERS = ["王记烧烤", "李家面馆", "老张水果店", "刘姐早餐店", "小马便利店", "陈记炒货"]
GRIDS = [("41132300100101", "白羽街道"), ("41132300200101", "西坪镇")]


@contextlib.contextmanager
def _on(day: dt.date) -> Iterator[None]:
    with frozen_at(dt.datetime.combine(day, dt.time(10), SHANGHAI)):
        yield


def register_csv() -> str:
    """The 名录库 as a bureau's sheet would give it: 20 enterprises, 4 sites, 6 traders."""
    rows = ["类型,名称,统一社会信用代码,地址,网格,乡镇（街道）"]
    for n in range(20):
        body = f"91411323MA47D{n:04d}"
        name = f"{PREFIXES[n % len(PREFIXES)]}{'甲乙丙丁戊己庚辛壬癸'[n % 10]}{TRADES[n % len(TRADES)]}"
        grid, town = GRIDS[n % 2]
        rows.append(
            f"企业,{name}{n + 1},{body}{uscc_check_char(body)},示范县人民路{n + 1}号,{grid},{town}"
        )
    for n, name in enumerate(SITES):
        grid, town = GRIDS[n % 2]
        rows.append(f"场所,{name},,示范县城关{n + 1}号,{grid},{town}")
    for n, name in enumerate(TRADERS):
        grid, town = GRIDS[n % 2]
        rows.append(f"个体工商户,{name},,示范县北街{n + 1}号,{grid},{town}")
    return "\n".join(rows) + "\n"


def build(ctx: DemoContext) -> None:
    bureau = ctx.bureau
    assert bureau is not None
    if InspectionItem.objects.filter(bureau=bureau).exists():
        return
    year = ctx.year_done_by(4, 30)  # --- helper:demo --- never in the future (decision 089)
    reviewer, head = ctx.user("reviewer"), ctx.user("head")
    officer = ctx.user("officer1")
    with _on(dt.date(year, 1, 8)):
        for code, name, power, basis, random, cap in ITEMS:
            item = actions.add_item(
                actor=reviewer,
                code=code,
                name=name,
                power_item=power,
                basis=basis,
                random=random,
                yearly_cap=cap,
            )
            actions.publish_item(item.pk, actor=reviewer)
        actions.import_entities(actor=reviewer, text=register_csv())
    with _on(dt.date(year, 3, 4)):
        plan = actions.create_plan(
            actor=reviewer,
            year=year,
            item="JCSX-002",
            count=6,
            officers=["officer1", "officer2"],
        )
        actions.approve_plan(plan.pk, actor=head)
        plan = actions.draw_plan(plan.pk, actor=head, seed=f"{year}-双随机-餐饮油烟")
        actions.publish_plan(plan.pk, actor=reviewer)
    pair = ["officer1", "officer2"]
    # Three drawn objects inspected: nothing found; findings ordered and met on 复查; ordered and
    # unmet (a ground for a case, left to the officer: no penalty case is opened here, so the
    # penalty demo keeps its own figures).
    outcomes = [("none", None), ("order", "met"), ("order", "unmet")]
    for n, (entity_id, (what, recheck)) in enumerate(
        zip(plan.drawn_entities, outcomes, strict=False)
    ):
        day = dt.date(year, 3, 11 + n)
        with _on(day):
            i = actions.create_inspection(
                actor=officer,
                item="JCSX-002",
                entity=entity_id,
                officers=pair,
                reason="plan",
                planned_on=day,
                plan=plan.pk,
            )
            actions.check_in(i.pk, actor=officer, code=i.code)
            ok = what == "none"
            actions.record_findings(
                i.pk,
                actor=officer,
                findings="油烟净化设施正常使用，清洗记录齐全"
                if ok
                else "油烟净化设施未开启，油污积存",
                ok=ok,
                certificates_shown=pair,
            )
            if what == "order":
                actions.order_correction(
                    i.pk,
                    actor=officer,
                    deadline=day + dt.timedelta(days=7),
                    content="7日内清洗油烟净化设施并保持正常使用",
                )
            actions.notify_result(i.pk, actor=officer, result="检查结果已书面告知")
            actions.close(i.pk, actor=officer)
        if recheck:
            with _on(day + dt.timedelta(days=8)):
                actions.recheck(
                    i.pk,
                    actor=officer,
                    on=None,
                    result=recheck,
                    record_text="已清洗，设施正常使用" if recheck == "met" else "逾期仍未整改",
                )
    # A complaint-driven joint visit (综合查一次), approved afterwards, still open.
    with _on(dt.date(year, 4, 8)):
        others = [
            e for e in actions.SupervisedEntity.objects.filter(bureau=bureau, kind="enterprise")
        ]
        target = next(e for e in others if e.pk not in plan.drawn_entities)
        i = actions.create_inspection(
            actor=officer,
            items=["JCSX-001", "JCSX-003"],
            entity=target.pk,
            officers=pair,
            reason="complaint",
            planned_on=dt.date(year, 4, 8),
        )
        actions.approve(i.pk, actor=head)
