"""XF-27 / XF-22: the transfer (移送) of a suspected crime to the judiciary and of a matter outside
the bureau's powers to the competent body (《行政处罚法》第二十二条、第二十七条; 国务院令第310号).

Pure functions returning Violations; the action loads the case, the approving head and the dates.
"""

from __future__ import annotations

import datetime as dt

from chengguan.core.errors import Violation
from chengguan.law.registry import violation

JUDICIAL = "judicial"
COMPETENT_BODY = "competent_body"

# 国务院令第310号第五条、第八条: decided within 3 days of the report, handed over within 24 hours.
DECIDE_DAYS = 3
HAND_OVER_DAYS = 1  # 24 hours, recorded as dates: the next day at the latest


def transfer(
    *,
    kind: str,
    reported_on: dt.date,
    decided_on: dt.date,
    handed_over_on: dt.date,
    approver_is_head: bool | None,
    receipt: str,
    late_reason: str,
) -> list[Violation]:
    """What a lawful transfer records: for a suspected crime the head's approval, the decision
    within 3 days of the report and the file handed over within 24 hours of it (a late step needs
    its reason: the transfer itself is never refused for lateness, the lateness is recorded);
    for either kind the receiving body's receipt (接收回执)."""
    rule = "XF-27" if kind == JUDICIAL else "XF-22"
    if kind == JUDICIAL and not approver_is_head:
        return [
            violation(
                "XF-27",
                "涉嫌犯罪案件的移送须经本机关负责人批准（国务院令第310号第五条）；"
                "请写明批准移送的负责人（approved_by）",
                field="approved_by",
            )
        ]
    if kind == JUDICIAL and not late_reason.strip():
        by = decided_on - reported_on
        if by.days > DECIDE_DAYS:
            return [
                violation(
                    "XF-27",
                    f"应当自接到涉嫌犯罪报告之日（{reported_on}）起{DECIDE_DAYS}日内作出移送决定，"
                    f"本次决定于{decided_on}，已逾期；请写明逾期理由（late_reason）",
                    field="decided_on",
                    reported_on=reported_on.isoformat(),
                )
            ]
        if (handed_over_on - decided_on).days > HAND_OVER_DAYS:
            return [
                violation(
                    "XF-27",
                    f"应当自作出移送决定（{decided_on}）起24小时内向司法机关移交案卷，"
                    f"本次移交于{handed_over_on}，已逾期；请写明逾期理由（late_reason）",
                    field="handed_over_on",
                )
            ]
    if not receipt.strip():
        return [
            violation(
                rule,
                "移送须记录接收机关签收的回执（receipt：回执编号或签收情况）",
                field="receipt",
            )
        ]
    return []


def suspended(kind: str, to: str) -> list[Violation]:
    """A transferred case is suspended: no penalty decision or other step of the procedure."""
    if kind == JUDICIAL:
        return [
            violation(
                "XF-27",
                f"本案已作为涉嫌犯罪案件移送{to}，行政处罚程序中止，不能作出处罚决定或继续办理；"
                "待司法机关作出处理后，依其结果结案或恢复办理",
                transferred_to=to,
            )
        ]
    return [
        violation(
            "XF-22",
            f"本案已移送有管辖权的{to}，本机关不再作出处罚决定或继续办理",
            transferred_to=to,
        )
    ]


# XF-74 -----------------------------------------------------------------------------------------

AUCTION = "auction"
DESTRUCTION = "destruction"
STATE_RULES = "state_rules"
MIN_WITNESSES = 2


def disposal(
    *,
    method: str,
    confiscated: bool,
    revoked: bool,
    remedy_pending: bool,
    auctioneer: str,
    proceeds_recorded: bool,
    treasury_voucher: str,
    witnesses: int,
    basis: str,
) -> list[Violation]:
    """XF-74: only goods a decision confiscated, not while that decision is under review or after
    it was revoked; an auction names the auctioneer and pays the proceeds into the treasury;
    a destruction has witnesses; other handling names the State's provision it follows."""
    if not confiscated:
        return [
            violation(
                "XF-74",
                "本案决定未没收非法财物，不能处置；查封扣押或先行登记保存的物品应依其程序处理",
            )
        ]
    if revoked:
        return [violation("XF-74", "没收决定已被撤销，物品应当返还，不能处置")]
    if remedy_pending:
        return [
            violation(
                "XF-74",
                "当事人对没收决定申请的行政复议或行政诉讼尚未审结；请待审结后再处置罚没物品",
            )
        ]
    if method == AUCTION and (
        not auctioneer.strip() or not proceeds_recorded or not treasury_voucher.strip()
    ):
        return [
            violation(
                "XF-74",
                "罚没物品公开拍卖的，须写明拍卖机构、拍卖款金额及全部上缴国库的凭证号",
                field="treasury_voucher",
            )
        ]
    if method == DESTRUCTION and witnesses < MIN_WITNESSES:
        return [
            violation(
                "XF-74",
                f"销毁罚没物品须有{MIN_WITNESSES}名以上见证人在场并记录（witnesses）",
                field="witnesses",
            )
        ]
    if method == STATE_RULES and not basis.strip():
        return [
            violation(
                "XF-74",
                "按国家有关规定处理罚没物品的，须写明所依据的规定（basis）",
                field="basis",
            )
        ]
    return []
