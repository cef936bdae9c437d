"""Penalty cases built through the real penalty actions, at fixed dates the calendar covers."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

from chengguan.core.clock import SHANGHAI, frozen_at
from chengguan.core.pii import id_check_char
from chengguan.penalties import actions
from chengguan.penalties.models import PenaltyCase

D = dt.date
OPENED = D(2025, 6, 3)  # a Tuesday
NOTIFIED = D(2025, 6, 4)
DECIDED = D(2025, 6, 10)
SERVED = D(2025, 6, 11)
PAID = D(2025, 6, 13)

_BASE = "411323198803071" + "23"
PERSON: dict[str, Any] = {
    "kind": "person",
    "name": "王小明",
    "id_number": _BASE + id_check_char(_BASE),
    "address": "示范县城关镇解放路66号",
    "phone": "13900139000",
}
FACTS = "在示范县人民路与建设路交叉口东侧人行道上擅自摆摊经营水果，占用城市道路约5平方米"
CORRECTION = "立即停止占用城市道路的行为，并于2025年6月15日前清除摊点、恢复道路原状"
EVIDENCE = (
    ("inspection_record", "2025年6月3日现场检查笔录一份、现场照片4张"),
    ("statement", "2025年6月3日对当事人的询问笔录一份"),
)


@contextlib.contextmanager
def at(day: dt.date, hour: int = 10) -> Iterator[None]:
    with frozen_at(dt.datetime.combine(day, dt.time(hour), SHANGHAI)):
        yield


def proposal(fine: str = "500", level: str = "lighter") -> dict[str, Any]:
    return {
        "penalty_types": ["fine"],
        "fine_amount": fine,
        "level": level,
        "grounds": [],
        "correction": CORRECTION,
    }


def investigated(demo: Any, prop: dict[str, Any] | None = None) -> PenaltyCase:
    with at(OPENED):
        case = actions.open_case(
            actor=demo.user("officer1"),
            procedure="general",
            power_item="SZ001",
            party=dict(PERSON),
            facts=FACTS,
            act_date=D(2025, 6, 2),
            discovered_date=OPENED,
            officers=["officer1", "officer2"],
        )
        actions.register(case.pk, actor=demo.user("head"))
        for kind, description in EVIDENCE:
            actions.add_evidence(
                case.pk,
                actor=demo.user("officer1"),
                kind=kind,
                description=description,
                certificates_shown=["officer1", "officer2"],
            )
        return actions.conclude(
            case.pk, actor=demo.user("officer1"), outcome="penalty", proposal=prop or proposal()
        )


def reviewed_and_discussed(demo: Any, case: PenaltyCase) -> PenaltyCase:
    with at(OPENED):
        actions.review(
            case.pk,
            actor=demo.user("reviewer"),
            approved=True,
            opinion="主体合法，事实清楚，证据确凿，程序合法，适用依据正确，裁量适当",
        )
        return actions.discuss(
            case.pk,
            actor=demo.user("head"),
            participants=["head", "deputy1", "deputy2"],
            minutes="听取承办人汇报和法制审核意见后讨论",
            conclusion="同意罚款人民币500元",
        )


def decided(demo: Any, *, full: bool = False) -> PenaltyCase:
    """A general case decided (fine 500 yuan, 从轻); ``full`` adds review and discussion."""
    case = investigated(demo)
    if full:
        reviewed_and_discussed(demo, case)
    with at(NOTIFIED):
        actions.notify(case.pk, actor=demo.user("officer1"), served_on=NOTIFIED)
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
    with at(DECIDED):
        return actions.decide(case.pk, actor=demo.user("head"), decision=proposal())


def served(demo: Any, case: PenaltyCase) -> PenaltyCase:
    with at(SERVED):
        return actions.serve(
            case.pk,
            actor=demo.user("officer1"),
            served_on=SERVED,
            method="direct",
            recipient=PERSON["name"],
        )


def paid(demo: Any, case: PenaltyCase) -> PenaltyCase:
    with at(PAID):
        return actions.pay(
            case.pk,
            actor=demo.user("officer1"),
            amount="500",
            paid_on=PAID,
            channel="bank",
            receipt_no="豫财罚2025000123",
            voucher_no="YH2025000123",
        )


def onsite(demo: Any) -> PenaltyCase:
    with at(OPENED):
        return actions.open_case(
            actor=demo.user("officer1"),
            procedure="simple",
            power_item="SZ001",
            party=dict(PERSON),
            facts=FACTS,
            act_date=OPENED,
            discovered_date=OPENED,
            officers=["officer1", "officer2"],
            decision={
                "penalty_types": ["fine"],
                "fine_amount": "100",
                "level": "lighter",
                "grounds": [],
                "correction": "立即停止占道经营，清理占用的人行道",
            },
        )


def not_penalized(demo: Any) -> PenaltyCase:
    """A first minor violation on the exemption list (免罚清单 MF007), waived with education."""
    with at(OPENED):
        case = actions.open_case(
            actor=demo.user("officer1"),
            procedure="general",
            power_item="SZ001",
            party=dict(PERSON),
            facts="在人民路店外占道经营，占用人行道约1平方米，经指出后当场改正",
            act_date=OPENED,
            discovered_date=OPENED,
            officers=["officer1", "officer2"],
        )
        actions.register(case.pk, actor=demo.user("head"))
        actions.add_evidence(
            case.pk,
            actor=demo.user("officer1"),
            kind="inspection_record",
            description="现场检查笔录一份",
            certificates_shown=["officer1", "officer2"],
        )
        actions.conclude(case.pk, actor=demo.user("officer1"), outcome="no_penalty_minor")
    with at(DECIDED):
        return actions.decide(
            case.pk,
            actor=demo.user("head"),
            decision={
                "penalty_types": [],
                "level": "none",
                "exemption": "MF007",
                "education": "向当事人宣讲《城市道路管理条例》相关规定，当事人表示今后不再占道经营",
                "correction": "立即停止占道经营，清理占用的人行道",
            },
        )


def heard_and_decided(demo: Any) -> PenaltyCase:
    """A 15,000-yuan proposal (hearing right, XF-63), a hearing, review, discussion, then 12,000."""
    case = investigated(demo, proposal("15000", "heavier"))
    with at(NOTIFIED):
        actions.notify(case.pk, actor=demo.user("officer1"), served_on=NOTIFIED)
    with at(D(2025, 6, 5)):
        actions.request_hearing(case.pk, actor=demo.user("officer1"), requested_on=D(2025, 6, 5))
        actions.name_chair(case.pk, actor=demo.user("head"), chair="supervisor")
    with at(D(2025, 6, 17)):
        actions.hold_hearing(
            case.pk,
            actor=demo.user("officer1"),
            held_on=D(2025, 6, 17),
            record_text="听证笔录：当事人称系初次占道",
            notified_on=D(2025, 6, 5),
            transcript_signed=True,
        )
        actions.statement(
            case.pk, actor=demo.user("officer1"), content="当事人请求从轻处罚", accepted=True
        )
        reviewed_and_discussed(demo, case)
    with at(D(2025, 6, 18)):
        return actions.decide(
            case.pk, actor=demo.user("head"), decision=proposal("12000", "general")
        )


def transferred(demo: Any) -> PenaltyCase:
    """XF-57: a case the head transfers to the judiciary."""
    with at(OPENED):
        case = actions.open_case(
            actor=demo.user("officer1"),
            procedure="general",
            power_item="SZ001",
            party=dict(PERSON),
            facts=FACTS + "，并以暴力阻碍执法人员依法执行职务",
            act_date=OPENED,
            discovered_date=OPENED,
            officers=["officer1", "officer2"],
        )
        actions.register(case.pk, actor=demo.user("head"))
        actions.add_evidence(
            case.pk,
            actor=demo.user("officer1"),
            kind="audiovisual",
            description="执法记录仪视频一段",
        )
        actions.conclude(case.pk, actor=demo.user("officer1"), outcome="transfer")
    with at(DECIDED):
        # XF-27: the transfer step (the head's approval, the dates, the receipt; decision 076).
        return actions.transfer(
            case.pk,
            actor=demo.user("head"),
            kind="judicial",
            to="示范县公安局",
            reason="涉嫌妨害公务罪",
            decided_on=DECIDED,
            handed_over_on=DECIDED,
            receipt="示公受字〔2025〕8号 接收回执",
            suspected_crime_on=DECIDED,
        )
