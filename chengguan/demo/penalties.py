"""Demo penalty cases in different states, built through the real actions at dates of the demo year.

A seed year (``--year 2024``) keeps its fixed dates; the current-year demo (decision 089) starts
each case a number of days before today, so the open ones are in their periods, not years overdue."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db import transaction

from chengguan.core.clock import SHANGHAI, frozen_at
from chengguan.core.pii import id_check_char, uscc_check_char
from chengguan.demo.context import DemoContext
from chengguan.penalties import actions
from chengguan.penalties.models import PenaltyCase


@contextlib.contextmanager
def _on(day: dt.date) -> Iterator[None]:
    with frozen_at(dt.datetime.combine(day, dt.time(10), SHANGHAI)):
        yield


def _person(name: str, birth: str, serial: str, address: str) -> dict[str, Any]:
    base = f"411323{birth}{serial}"
    return {
        "kind": "person",
        "name": name,
        "id_number": base + id_check_char(base),
        "address": address,
        "phone": "139" + birth[2:8] + serial[:2],
    }


def _company(name: str, body: str, rep: str) -> dict[str, Any]:
    return {
        "kind": "organisation",
        "name": name,
        "credit_code": body + uscc_check_char(body),
        "legal_representative": rep,
        "address": "示范县产业集聚区",
    }


def _fine(amount: str, level: str, correction: str, **extra: Any) -> dict[str, Any]:
    return {
        "penalty_types": ["fine"],
        "fine_amount": amount,
        "level": level,
        "grounds": [],
        "correction": correction,
        **extra,
    }


def build(ctx: DemoContext) -> None:
    bureau = ctx.bureau
    assert bureau is not None
    if PenaltyCase.objects.filter(bureau=bureau).exists():
        return  # idempotent: the demo cases are built once
    # All or nothing, so that a failure never leaves half the demo cases behind.
    with transaction.atomic():
        _build(ctx)


def _start(ctx: DemoContext, month: int, day: int, days_ago: int) -> dt.date:
    """A case's first day: the seed year's fixed date, or ``days_ago`` before the demo's today."""
    return ctx.ago(days_ago) if ctx.current else dt.date(ctx.year, month, day)


def _d(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=days)


def _build(ctx: DemoContext) -> None:
    o1, o2 = ctx.user("officer1"), ctx.user("officer2")
    head, reviewer = ctx.user("head"), ctx.user("reviewer")
    pair = ["officer1", "officer2"]

    # 1. A general case with a hearing, 立案 → 归档.
    d = _start(ctx, 4, 8, 45)
    with _on(d):
        c = actions.open_case(
            actor=o1,
            procedure="general",
            power_item="SZ001",
            party=_person("张国强", "19800512", "031", "示范县城关镇建设路16号"),
            facts="当事人在人民路与建设路交叉口东北角擅自占用城市道路经营水果，占道面积约12平方米，"
            "经多次劝导拒不改正",
            act_date=_d(d, -7),
            discovered_date=d,
            officers=pair,
        )
        actions.register(c.pk, actor=head)
        actions.add_evidence(
            c.pk,
            actor=o1,
            kind="inspection_record",
            description="现场检查笔录一份，现场照片8张",
            certificates_shown=pair,
        )
        actions.add_evidence(
            c.pk, actor=o2, kind="statement", description="询问笔录一份", certificates_shown=pair
        )
        actions.conclude(
            c.pk,
            actor=o1,
            outcome="penalty",
            proposal=_fine(
                "15000",
                "heavier",
                "责令立即停止占用城市道路，恢复道路原状",
                grounds=["refused_correction"],
            ),
        )
    with _on(_d(d, 1)):
        actions.notify(c.pk, actor=o1, served_on=_d(d, 1))
    with _on(_d(d, 2)):
        actions.request_hearing(c.pk, actor=o1, requested_on=_d(d, 2))
        # XF-64: the head names a chair who did not investigate the case.
        actions.name_chair(c.pk, actor=head, chair="supervisor")
    with _on(_d(d, 14)):
        actions.hold_hearing(
            c.pk,
            actor=o1,
            held_on=_d(d, 14),
            notified_on=_d(d, 2),
            record_text="当事人承认占道经营事实，称系生活所迫，请求从轻处罚",
            transcript_signed=True,
        )
        actions.statement(c.pk, actor=o1, content="当事人在听证中请求从轻处罚", accepted=True)
        actions.review(
            c.pk,
            actor=reviewer,
            approved=True,
            opinion="主体合法，事实清楚，证据确凿，程序合法，适用依据正确，裁量适当",
        )
        actions.discuss(
            c.pk,
            actor=head,
            participants=["head", "deputy1", "deputy2"],
            minutes="听取承办人汇报、听证情况和法制审核意见",
            conclusion="罚款一万元",
        )
    with _on(_d(d, 15)):
        actions.decide(
            c.pk,
            actor=head,
            decision=_fine("10000", "general", "责令立即停止占用城市道路，恢复道路原状"),
        )
        actions.serve(c.pk, actor=o1, served_on=_d(d, 15), method="direct")
    with _on(_d(d, 28)):
        # XF-70: the bank's voucher is the proof of payment (罚缴分离).
        actions.pay(
            c.pk,
            actor=o1,
            amount="10000",
            paid_on=_d(d, 28),
            channel="bank",
            voucher_no=f"YH{_d(d, 28):%Y%m%d}00318",
        )
        actions.close(c.pk, actor=head)
        actions.archive(c.pk, actor=reviewer)

    # 2. A restaurant's lampblack case, notified and waiting for the statement period.
    d = _start(ctx, 5, 13, 2)
    with _on(d):
        c = actions.open_case(
            actor=o1,
            procedure="general",
            power_item="HB001",
            party=_company("示范县味香源餐饮有限公司", "91411323MA44K7RP1", "刘志刚"),
            facts="当事人经营的餐馆未正常使用油烟净化设施，油烟超标排放",
            act_date=_d(d, -3),
            discovered_date=d,
            officers=pair,
        )
        actions.register(c.pk, actor=head)
        actions.add_evidence(
            c.pk, actor=o2, kind="expert_opinion", description="油烟排放检测报告（超标1.8倍）"
        )
        actions.conclude(
            c.pk,
            actor=o2,
            outcome="penalty",
            proposal=_fine("8000", "lighter", "责令立即改正，正常使用油烟净化设施"),
        )
        actions.notify(c.pk, actor=o1, served_on=d)

    # 3. Waiting for 立案 approval.
    d = _start(ctx, 5, 20, 3)
    with _on(d):
        actions.open_case(
            actor=o2,
            procedure="general",
            power_item="SR011",
            party=_person("王秀兰", "19720918", "046", "示范县城关镇解放路3号"),
            facts="当事人在解放路人行道堆放建材约5立方米，影响通行",
            act_date=_d(d, -1),
            discovered_date=d,
            officers=["officer2", "officer1"],
        )

    # 4. An on-the-spot decision, served, paid, filed and closed.
    d = _start(ctx, 3, 12, 20)
    with _on(d):
        c = actions.open_case(
            actor=o1,
            procedure="simple",
            power_item="JT001",
            party=_person("赵磊", "19950203", "017", "示范县白羽街道"),
            facts="小型汽车停放于人民路人行道上，驾驶人在场拒绝驶离",
            act_date=d,
            discovered_date=d,
            officers=pair,
            decision=_fine("100", "general", "责令立即驶离人行道"),
        )
        # XF-52/XF-55: both officers showed their certificates when handing the decision over.
        actions.serve(
            c.pk,
            actor=o1,
            served_on=d,
            method="direct",
            certificates_shown=pair,
        )
        actions.pay(
            c.pk,
            actor=o1,
            amount="100",
            paid_on=d,
            channel="on_spot",
            receipt_no="豫财罚字0001234",
        )
    with _on(_d(d, 1)):
        # XF-71: the cash reaches the bureau and the bank before the case is closed.
        actions.hand_in(c.pk, actor=o1, handed_in_on=_d(d, 1), receiver="局财务室")
        actions.deposit(c.pk, actor=head, deposited_on=_d(d, 1), bank_slip="豫财缴0000517")
        actions.file_onsite(c.pk, actor=reviewer)
        actions.close(c.pk, actor=head)

    # 5. A first violation on the 免罚清单: 不予处罚 with an education record.
    d = _start(ctx, 6, 3, 5)
    with _on(d):
        c = actions.open_case(
            actor=o1,
            procedure="general",
            power_item="SR003",
            party=_person("孙晓", "19990721", "052", "示范县西坪镇"),
            facts="当事人在公交站亭张贴小广告3张",
            act_date=_d(d, -2),
            discovered_date=d,
            officers=pair,
        )
        actions.register(c.pk, actor=head)
        actions.add_evidence(c.pk, actor=o1, kind="audiovisual", description="执法记录仪视频")
        actions.conclude(c.pk, actor=o1, outcome="no_penalty_minor")
        actions.decide(
            c.pk,
            actor=head,
            decision={
                "level": "none",
                "exemption": "MF002",
                "education": "向当事人宣讲《城市市容和环境卫生管理条例》，当事人当场清除张贴物并签字",
            },
        )

    # 6. A construction-waste case under reconsideration (the surcharge is paused, XF-73).
    d = _start(ctx, 6, 11, 22)
    with _on(d):
        c = actions.open_case(
            actor=o1,
            procedure="general",
            power_item="SR014",
            party=_company("示范县鑫源建筑工程有限公司", "91411323MA45N2QT7", "陈立"),
            facts="当事人将建筑垃圾约30立方米倾倒于滨河路绿化带旁",
            act_date=_d(d, -6),
            discovered_date=d,
            officers=pair,
        )
        actions.register(c.pk, actor=head)
        actions.add_evidence(
            c.pk,
            actor=o1,
            kind="inspection_record",
            description="勘验笔录及无人机航拍照片",
            certificates_shown=pair,
        )
        actions.conclude(
            c.pk,
            actor=o1,
            outcome="penalty",
            proposal=_fine("12000", "lighter", "责令三日内清运建筑垃圾，恢复原状"),
        )
        actions.notify(c.pk, actor=o1, served_on=d)
        # XF-62: the waiver is written, witnessed by the two officers of the case.
        actions.waive(
            c.pk,
            actor=o1,
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=[o.username for o in c.officers.all()],
        )
        actions.decide(
            c.pk, actor=head, decision=_fine("12000", "lighter", "责令三日内清运建筑垃圾，恢复原状")
        )
        actions.serve(c.pk, actor=o1, served_on=d, method="direct")
    with _on(_d(d, 20)):
        actions.record_remedy(
            c.pk,
            actor=reviewer,
            kind="reconsideration",
            filed_on=_d(d, 17),
            body="示范县人民政府",
            # XF-73: the acceptance notice, recorded by the legal reviewer.
            proof_number=f"示政复受字〔{_d(d, 20).year}〕12号",
            proof_date=_d(d, 20),
        )

    if not ctx.current:
        return
    # 7. (current-year demo) Registered 80 days ago and still under investigation: XF-60's 90 days
    # to decide run out in ten days, so the case leads the officers' 即将到期 list.
    d = ctx.ago(80)
    with _on(d):
        c = actions.open_case(
            actor=o2,
            procedure="general",
            power_item="SR014",
            party=_company("示范县恒通渣土运输有限公司", "91411323MA46P8WX3", "周海"),
            facts="当事人运输建筑垃圾的车辆未密闭，沿滨河路抛洒约两公里",
            act_date=_d(d, -1),
            discovered_date=d,
            officers=["officer2", "officer1"],
        )
        actions.register(c.pk, actor=head)
    with _on(_d(d, 3)):
        actions.add_evidence(
            c.pk,
            actor=o2,
            kind="inspection_record",
            description="现场检查笔录、车辆照片及沿线抛洒照片12张",
            certificates_shown=["officer2", "officer1"],
        )
