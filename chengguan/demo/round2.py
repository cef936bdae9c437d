"""The round-2 domains in the current-year demo (issues #14 and #11, decision 089): permit
applications at every stage, deputies' suggestions and service-type enforcement (contact points,
行政指导 with their 回访, so the 721 figures come out of records) — all through the real actions,
at days counted back from the demo's today, so the open ones sit inside their periods.

Built only for the current-year demo (``ctx.current``): a seed year (``--year 2024``) keeps the
records the report tests count. Compulsory execution by the bureau (强制执行) is left out: it
needs ``bureau_execution_powers`` (LOCAL_RULES) for the demo bureau, which is off by default.
Each builder is idempotent by a marker row.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db import transaction

from chengguan.core.clock import SHANGHAI, frozen_at
from chengguan.core.pii import id_check_char, uscc_check_char
from chengguan.core.rules import local
from chengguan.demo.context import DemoContext
from chengguan.guidance import actions as guidance
from chengguan.guidance.models import ContactPoint
from chengguan.permits import actions as permits
from chengguan.permits.models import PermitApplication
from chengguan.suggestions import actions as suggestions
from chengguan.suggestions.models import Suggestion


@contextlib.contextmanager
def _on(day: dt.date, hour: int = 10) -> Iterator[None]:
    with frozen_at(dt.datetime.combine(day, dt.time(hour), SHANGHAI)):
        yield


def _uscc(n: int) -> str:
    body = f"91411323MA48R{n:04d}"
    return body + uscc_check_char(body)


def _person_id(n: int) -> str:
    base = f"4113231975{(n % 12) + 1:02d}1{n % 10}2{n:02d}"
    return base + id_check_char(base)


# (kind, applicant, location, days ago received, steps) — steps: what happened after receipt,
# each (days after receipt, action).
PERMITS: list[tuple[str, dict[str, Any], str, int, list[tuple[int, str]]]] = [
    (
        "XK-GG",
        {"kind": "organisation", "name": "示范县华联商贸有限公司", "credit_code": _uscc(1)},
        "人民路与建设路交叉口华联商厦楼顶，单面 12m×4m",
        40,
        [(1, "accept"), (18, "grant"), (20, "publish")],
    ),
    (
        "XK-JZLJ",
        {"kind": "organisation", "name": "示范县城建工程有限公司", "credit_code": _uscc(2)},
        "城南安置小区三期工地至县建筑垃圾消纳场",
        26,
        [(1, "accept"), (19, "grant")],  # granted; 双公示 still due within 7 working days
    ),
    (
        "XK-GG",
        {"kind": "organisation", "name": "示范县鑫辉广告传媒有限公司", "credit_code": _uscc(3)},
        "滨河路北段公交站亭灯箱 6 处",
        28,
        [(2, "accept")],  # the 20 working days to decide run out in a few days
    ),
    (
        "XK-JZLJ",
        {"kind": "organisation", "name": "示范县宏达装饰工程有限公司", "credit_code": _uscc(4)},
        "解放路商住楼装修工程",
        9,
        [(1, "accept")],
    ),
    (
        "XK-GG",
        {"kind": "person", "name": "韩立军", "id_number": _person_id(5)},
        "白羽路 116 号门头招牌",
        6,
        [(2, "request_materials")],  # 一次性告知: the structure report is missing
    ),
    (
        "XK-JZLJ",
        {"kind": "organisation", "name": "示范县顺风运输有限公司", "credit_code": _uscc(6)},
        "东关旧城改造片区",
        30,
        [(1, "accept"), (12, "refuse")],
    ),
    (
        "XK-GG",
        {"kind": "organisation", "name": "示范县万家福超市有限公司", "credit_code": _uscc(7)},
        "文化路 58 号外墙",
        2,
        [],  # received, to be accepted within 5 working days
    ),
]


def build_permits(ctx: DemoContext) -> None:
    if not ctx.current or ctx.bureau is None:
        return
    if PermitApplication.objects.filter(bureau=ctx.bureau, stall_point__isnull=True).exists():
        return
    reviewer, head = ctx.user("reviewer"), ctx.user("head")
    kinds = {
        "XK-GG": [
            "申请书",
            "申请人身份证明",
            "设置场地使用证明",
            "广告设施设计图及效果图",
            "结构安全性能报告",
        ],
        "XK-JZLJ": [
            "申请书",
            "申请人身份证明",
            "建筑垃圾处置方案",
            "运输车辆及驾驶人员证明",
            "消纳场地证明",
        ],
    }
    validity = {"XK-GG": 1095, "XK-JZLJ": 365}
    with transaction.atomic():
        for n, (kind, applicant, location, ago, steps) in enumerate(PERMITS):
            received = ctx.ago(ago)
            materials = list(kinds[kind])
            if any(action == "request_materials" for _, action in steps):
                materials = materials[:-1]
            with _on(received):
                app, _ = permits.apply(
                    actor=reviewer,
                    kind=kind,
                    applicant=applicant,
                    materials=materials,
                    location=location,
                    received_on=received,
                    # One application in three comes from 一网通办, with the platform's number.
                    channel="ywtb" if n % 3 == 1 else "counter",
                    external_number=f"YWTB{received:%Y%m%d}{n:04d}" if n % 3 == 1 else "",
                )
            for after, action in steps:
                day = received + dt.timedelta(days=after)
                with _on(day, 15):
                    if action == "accept":
                        permits.accept(app.pk, actor=reviewer)
                    elif action == "request_materials":
                        permits.request_materials(app.pk, actor=reviewer, missing=[kinds[kind][-1]])
                    elif action == "grant":
                        permits.grant_permit(
                            app.pk,
                            actor=head,
                            valid_from=day + dt.timedelta(days=1),
                            valid_to=day + dt.timedelta(days=validity[kind]),
                        )
                    elif action == "refuse":
                        permits.refuse(
                            app.pk,
                            actor=head,
                            reasons="经现场核查，申请的消纳场地已停止接收建筑垃圾，"
                            "不符合《城市建筑垃圾管理规定》第七条规定的条件",
                        )
                    elif action == "publish":
                        permits.publish(app.pk, actor=reviewer)


def build_stall_decisions(ctx: DemoContext) -> None:
    """The stall applications of the season accepted and decided after the lottery: a place and
    the keeper's pledge → granted for the season (XK-TD's 120 days); no place drawn → refused."""
    if not ctx.current or ctx.bureau is None:
        return
    reviewer, head = ctx.user("reviewer"), ctx.user("head")
    waiting = (
        PermitApplication.objects.filter(
            bureau=ctx.bureau, stall_point__isnull=False, status="received"
        )
        .select_related("stall_point", "kind")
        .order_by("id")
    )
    with transaction.atomic():
        for app in waiting:
            point = app.stall_point
            assert point is not None
            # The lottery is drawn four days before the season opens (demo.permits.build_stalls).
            drawn = point.season_from - dt.timedelta(days=4)
            with _on(drawn, 15):
                permits.accept(app.pk, actor=reviewer)
            with _on(drawn + dt.timedelta(days=1)):
                fresh = PermitApplication.objects.get(pk=app.pk)
                if fresh.stall_place is None:
                    permits.refuse(
                        app.pk,
                        actor=head,
                        reasons=f"{point.name}摊位已满，经公开摇号未获分配摊位",
                    )
                    continue
                last = point.season_from + dt.timedelta(days=(app.kind.validity_days or 120) - 1)
                permits.grant_permit(
                    app.pk,
                    actor=head,
                    valid_from=point.season_from,
                    valid_to=min(point.season_to, last),
                )
            with _on(drawn + dt.timedelta(days=2)):  # XK-40: 双公示 within 7 working days
                permits.publish(app.pk, actor=reviewer)


# (kind, number, title, lead and co units, days ago assigned, reply (days after, lead user),
#  satisfaction)
SUGGESTIONS: list[tuple[str, str, str, list[str], int, tuple[int, str] | None, str]] = [
    (
        "npc",
        "第1号",
        "关于加强老城区背街小巷环境卫生管理的建议",
        ["sanitation", "street1"],
        84,
        (40, "handler_sanitation"),
        "satisfied",
    ),
    (
        "cppcc",
        "第12号",
        "关于规范设置瓜果季便民临时摊点的提案",
        ["brigade", "legal"],
        80,
        (55, "head"),
        "basically",
    ),
    (
        "npc",
        "第7号",
        "关于增设城区公共厕所和垃圾分类投放点的建议",
        ["sanitation", "municipal"],
        70,
        None,  # due in about three weeks
        "",
    ),
    (
        "npc",
        "第15号",
        "关于修复滨河路破损人行道和路灯的建议",
        ["municipal"],
        60,
        (30, "handler_municipal"),
        "unsatisfied",  # to be handled again
    ),
    (
        "cppcc",
        "第20号",
        "关于加强餐饮油烟治理的提案",
        ["brigade", "sanitation"],
        20,
        None,
        "",
    ),
]


def build_suggestions(ctx: DemoContext) -> None:
    if not ctx.current or ctx.bureau is None:
        return
    if Suggestion.objects.filter(bureau=ctx.bureau).exists():
        return
    hotline = ctx.user("hotline")
    with transaction.atomic():
        for kind, number, title, units, ago, reply, level in SUGGESTIONS:
            assigned = ctx.ago(ago)
            with _on(assigned):
                s = suggestions.register(
                    actor=hotline,
                    kind=kind,
                    number=f"{assigned.year}年{number}",
                    title=title,
                    assigned_on=assigned,
                    units=units,
                )
            if reply is None:
                continue
            replied = assigned + dt.timedelta(days=reply[0])
            with _on(replied):
                suggestions.reply(
                    s.pk,
                    actor=ctx.user(reply[1]),
                    replied_on=replied,
                    document=f"示城管复〔{replied.year}〕{reply[0]}号",
                    text=f"关于《{title}》的答复：我局已研究制定整改方案，明确责任单位和完成时限，"
                    "并将办理情况纳入日常督查。",
                )
            if level:
                with _on(replied + dt.timedelta(days=5)):
                    suggestions.satisfaction(s.pk, actor=hotline, level=level)


# Contact points: (kind, name, credit code n, unit, liaison, days ago set up, domains)
POINTS: list[tuple[str, str, int | None, str, str, int, list[str]]] = [
    ("enterprise", "示范县老味道餐饮有限公司", 11, "squad1", "officer1", 90, ["environment"]),
    ("site", "人民路步行街", None, "squad1", "officer2", 85, ["sanitation"]),
    ("site", "西坪镇农贸市场", None, "town1", "town_officer1", 80, ["sanitation"]),
]
# 行政指导: (kind, to, credit n, basis, content, days ago issued, days to correct, follow-up
# after days → corrected?)
RECORDS: list[tuple[str, str, int, str, str, str, int, int, tuple[int, bool] | None]] = [
    (
        "advice",
        "示范县老味道餐饮有限公司",
        11,
        "SR005",
        "《中华人民共和国大气污染防治法》第八十一条",
        "建议每季度清洗油烟净化设施并留存记录，排烟口避开居民窗户。",
        60,
        0,
        None,
    ),
    (
        "reminder",
        "示范县老街坊餐饮店",
        12,
        "SR005",
        "《中华人民共和国大气污染防治法》第八十一条",
        "油烟净化设施未正常使用，请于十日内清洗维护并保持正常运行。",
        40,
        10,
        (11, True),  # corrected at the 回访: no case opened
    ),
    (
        "reminder",
        "示范县好运来百货店",
        13,
        "SR006",
        "《城市市容和环境卫生管理条例》第十条",
        "门前责任区堆放货物，请于三日内清理，落实门前三包责任。",
        25,
        3,
        (4, True),
    ),
    (
        "warning",
        "示范县聚鑫建材经营部",
        14,
        "SR011",
        "《城市市容和环境卫生管理条例》第十四条",
        "在人行道堆放建材影响通行，经提醒未改正，请于五日内清理完毕，逾期将依法处理。",
        15,
        5,
        (6, False),  # not corrected: open for escalation (a case or an inspection)
    ),
    (
        "reminder",
        "示范县利民水果店",
        15,
        "SR006",
        "《城市市容和环境卫生管理条例》第十条",
        "店外占道摆放水果，请即日起在店内经营。",
        3,
        7,
        None,  # the 回访 is due in a few days
    ),
]


def build_guidance(ctx: DemoContext) -> None:
    if not ctx.current or ctx.bureau is None:
        return
    if ContactPoint.objects.filter(bureau=ctx.bureau).exists():
        return
    head = ctx.user("head")
    officer = ctx.user("officer1")
    with transaction.atomic():
        points: dict[str, int] = {}
        for kind, name, n, unit, liaison, ago, domains in POINTS:
            with _on(ctx.ago(ago)):
                p = guidance.add_point(
                    actor=head,
                    kind=kind,
                    name=name,
                    established_on=ctx.ago(ago),
                    liaison=liaison,
                    credit_code=_uscc(n) if n is not None else "",
                    address="示范县城关镇",
                    domains=domains,
                    unit=unit,
                )
            points[name] = p.pk
            visited = ctx.ago(ago - 30)
            with _on(visited):
                guidance.record_visit(
                    p.pk,
                    actor=ctx.user(liaison),
                    visited_on=visited,
                    officers=[liaison],
                    topics="宣讲门前三包、油烟治理和占道经营的规定，听取经营者意见",
                    problems="个别商户门前堆放杂物",
                    follow_up="发提醒函，十日后回访",
                )
        for kind, to, n, power, basis, content, ago, days, follow in RECORDS:
            issued = ctx.ago(ago)
            with _on(issued):
                g = guidance.issue(
                    actor=officer,
                    kind=kind,
                    to_name=to,
                    to_credit_code=_uscc(n),
                    basis=basis,
                    content=content,
                    issued_on=issued,
                    point=points.get(to),
                    power_item=power,
                    correct_by=issued + dt.timedelta(days=days) if days else None,
                )
            if follow is not None:
                back = issued + dt.timedelta(days=follow[0])
                with _on(back):
                    guidance.follow_up(
                        g.pk,
                        actor=officer,
                        visited_on=back,
                        corrected=follow[1],
                        note="已清理完毕" if follow[1] else "现场仍堆放建材约3立方米",
                    )


def execution_note(ctx: DemoContext) -> None:
    """强制执行 by the bureau is demonstrated only where the local rule gives it the power."""
    if not ctx.current or ctx.bureau is None:
        return
    powers: dict[str, Any] = local("bureau_execution_powers")
    if ctx.bureau.code not in powers and "*" not in powers:
        ctx.say(
            "  未创建强制执行演示：本机关未在 LOCAL_RULES 的 bureau_execution_powers 中获得"
            "法律授权的强制执行权（QZ-13），须申请人民法院强制执行"
        )
