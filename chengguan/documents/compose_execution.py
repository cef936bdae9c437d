"""The 文书 of the bureau's own compulsory execution (行政强制法 第三十五条–第四十四条; decision 090),
from ``ExecutionData``: the 催告书 (QZ-35), the 行政强制执行决定书 (QZ-37) and the 强制拆除公告 (QZ-44)."""

from __future__ import annotations

from collections.abc import Callable

from chengguan.documents.chinese import yuan
from chengguan.documents.compose_parts import (
    QZF,
    clause,
    contact,
    day,
    officers_text,
    party_blocks,
    remedies,
    signature,
)
from chengguan.documents.layout import Block, Layout, Para, SignLine
from chengguan.documents.subject_data import ExecutionData
from chengguan.documents.subject_kinds import ExecutionKind as K
from chengguan.documents.wording import cause_text, order_clause


def unavailable_reason(data: ExecutionData, kind: str) -> str:
    if kind == K.DEMAND:
        return ""
    if kind == K.DECISION:
        return "" if data.executed_decided_on else "尚未作出行政强制执行决定"
    if kind == K.NOTICE:
        if data.kind != "demolition":
            return "只有强制拆除发布限期自行拆除公告"
        return "" if data.notice_posted_on else "尚未发布限期自行拆除公告"
    return "没有这种行政强制执行文书"


def _decision_ref(data: ExecutionData) -> str:
    number = f"（{data.decision_number}）" if data.decision_number else ""
    return f"《{data.decision_title}》{number}"


def _background(data: ExecutionData) -> str:
    """本机关于…对你（单位）…一案作出《行政处罚决定书》（文号），该决定书已于…送达。"""
    text = (
        f"本机关于{day(data.decided_on)}对你（单位）{cause_text(clause(data.cause))}一案作出"
        f"{_decision_ref(data)}，该决定书已于{day(data.served_on)}送达。"
    )
    order = order_clause(data.correction)
    if order:
        text += f"本机关责令你（单位）{order}，期限至{day(data.correction_deadline)}。"
        if data.correction_checked_on:
            text += f"经{day(data.correction_checked_on)}复查，你（单位）未按期履行。"
    return text


def _demand_ref(data: ExecutionData) -> str:
    number = f"（{data.demand_number}）" if data.demand_number else ""
    return f"《催告书》{number}"


def demand(data: ExecutionData, number: str) -> Layout:
    """催告书 (QZ-35, 行政强制法第三十五条): the duty, the period, the way, the amount of a money
    duty, and the right to state and defend (第三十六条)."""
    blocks: list[Block] = party_blocks(data.party)
    blocks.append(Para(_background(data) + "至今你（单位）仍未履行下列义务："))
    blocks.append(Para(f"{clause(data.obligation)}。"))
    blocks.append(
        Para(
            f"根据{QZF}第三十四条、第三十五条的规定，现催告你（单位）于{day(data.demand_perform_by)}"
            f"前履行上述义务。履行方式：{clause(data.demand_way)}。"
        )
    )
    if data.demand_amount is not None:
        blocks.append(
            Para(
                f"涉及金钱给付的金额为{yuan(data.demand_amount)}，请持本催告书到"
                f"{clause(data.bureau.payment_place) or '本机关指定的地点'}缴纳。"
            )
        )
    blocks.append(
        Para(
            f"根据{QZF}第三十六条的规定，你（单位）收到本催告书后有权进行陈述和申辩，可以在上述"
            "期限内向本机关书面或者口头提出。本机关将充分听取你（单位）的意见，对提出的事实、理由"
            "和证据进行记录、复核；你（单位）提出的事实、理由或者证据成立的，本机关将予以采纳。"
        )
    )
    blocks.append(
        Para(
            f"逾期仍不履行且无正当理由的，本机关将依据{clause(data.basis)}和{QZF}第三十七条的规定，"
            "依法作出强制执行决定。"
        )
    )
    blocks.append(contact(data.bureau))
    blocks.append(signature(data.bureau, data.demand_served_on, data.issued_on))
    blocks.append(SignLine(f"送达方式：{data.demand_method}"))
    blocks.append(SignLine("当事人签收：　　　　　　　　年　　月　　日"))
    return Layout(data.bureau.name, K.DEMAND.label, number, blocks)


def _heard(data: ExecutionData) -> str:
    if data.statement_none:
        return "你（单位）在催告期限内未提出陈述、申辩。"
    if data.statement.strip():
        verdict = (
            f"本机关经复核认为：{clause(data.review_opinion)}。"
            if data.review_opinion.strip()
            else ""
        )
        return (
            f"你（单位）于{day(data.statement_on)}提出陈述、申辩：{clause(data.statement)}。"
            f"{verdict}"
        )
    return ""


def decision(data: ExecutionData, number: str) -> Layout:
    """行政强制执行决定书 (QZ-37, 行政强制法第三十七条): the party, the reason and basis, the way and
    time of the execution, the remedies and their periods, the bureau's name, seal and date."""
    blocks: list[Block] = party_blocks(data.party)
    blocks.append(
        Para(
            _background(data)
            + f"本机关于{day(data.demand_served_on)}向你（单位）送达{_demand_ref(data)}，催告你（单位）"
            f"于{day(data.demand_perform_by)}前{clause(data.obligation)}。" + _heard(data)
        )
    )
    blocks.append(
        Para(
            f"催告期限届满，你（单位）仍未履行。强制执行的理由：{clause(data.decision_reason)}。依据"
            f"{clause(data.basis)}和{QZF}第三十七条的规定，本机关决定对你（单位）{data.kind_label}。"
        )
    )
    when = data.scheduled_text or "另行通知"
    blocks.append(Para(f"强制执行的方式：{clause(data.method)}。", indent=False))
    blocks.append(Para(f"强制执行的时间：{when}。", indent=False))
    if data.emergency and data.emergency_reason.strip():
        blocks.append(Para(f"因情况紧急（{clause(data.emergency_reason)}），本机关依法立即实施。"))
    if data.kind == "demolition":
        blocks.append(
            Para(
                f"依据{QZF}第四十四条的规定，本机关将另行公告限期你（单位）自行拆除；你（单位）在法定"
                "期限内不申请行政复议或者提起行政诉讼，又不拆除的，本机关将依法强制拆除。"
            )
        )
    blocks.append(remedies(data.bureau, "本决定"))
    blocks.append(Para(officers_text(data.officers), lead="执法人员：", indent=False))
    blocks.append(contact(data.bureau))
    blocks.append(signature(data.bureau, data.executed_decided_on, data.issued_on))
    blocks.append(SignLine("当事人签收：　　　　　　　　年　　月　　日"))
    return Layout(data.bureau.name, K.DECISION.label, number, blocks)


def notice(data: ExecutionData, number: str) -> Layout:
    """强制拆除公告 (QZ-44, 行政强制法第四十四条): posted, with the party's own period to demolish;
    forced demolition only after it and the remedy periods."""
    party = data.party
    order = order_clause(data.correction)
    ordered = f"，责令其{order}" if order else ""
    blocks: list[Block] = [
        Para(
            f"{party.name}{cause_text(clause(data.cause))}一案，本机关已依法作出{_decision_ref(data)}"
            f"{ordered}。经催告，当事人逾期仍未履行，本机关已依法作出"
            + (
                f"《行政强制执行决定书》（{data.execution_decision_number}）。"
                if data.execution_decision_number
                else "《行政强制执行决定书》。"
            )
        ),
        Para(
            f"根据{QZF}第四十四条的规定，现予公告：限{party.name}于{day(data.notice_demolish_by)}前"
            f"{clause(data.obligation)}。"
        ),
        Para(
            "当事人在法定期限内不申请行政复议或者提起行政诉讼，又逾期不自行拆除的，本机关将依法"
            "强制拆除。"
        ),
        Para(f"特此公告。公告张贴地点：{clause(data.notice_place)}。"),
        contact(data.bureau),
        signature(data.bureau, data.notice_posted_on, data.issued_on),
    ]
    return Layout(data.bureau.name, K.NOTICE.label, number, blocks)


BUILDERS: dict[str, Callable[[ExecutionData, str], Layout]] = {
    K.DEMAND: demand,
    K.DECISION: decision,
    K.NOTICE: notice,
}
