"""The 文书 of a 行政许可 application (issue #14; LEGAL-RULES §12 XK-32, XK-38, XK-42), and the
licence itself, each from ``PermitData``."""

from __future__ import annotations

from collections.abc import Callable

from chengguan.core.pii import mask_id_number
from chengguan.documents.compose_parts import (
    XKF,
    clause,
    contact,
    day,
    numbered,
    party_blocks,
    remedies,
    signature,
)
from chengguan.documents.data import Party
from chengguan.documents.layout import Block, Fields, Layout, Para, SignLine
from chengguan.documents.subject_data import PermitData
from chengguan.documents.subject_kinds import PermitDocKind as K


def unavailable_reason(data: PermitData, kind: str) -> str:
    if kind == K.ACCEPTANCE:
        return "" if data.accepted_on else "申请尚未受理"
    if kind == K.MATERIALS:
        return "" if data.materials_requested_on and data.missing else "本申请未要求补正材料"
    if kind in (K.GRANT, K.LICENCE):
        return "" if data.granted is True else "须先作出准予行政许可决定"
    if kind == K.REFUSAL:
        return "" if data.granted is False else "须先作出不予行政许可决定"
    if kind == K.EXTENSION:
        return "" if data.extended else "审批期限未延长"
    return "没有这种行政许可文书"


def _applied(data: PermitData) -> str:
    return (
        f"你（单位）于{day(data.received_on)}提出的{clause(data.kind_name)}申请"
        f"（申请编号：{data.application_number}）"
    )


def _applicant(data: PermitData) -> list[Block]:
    return party_blocks(data.applicant, who="申请人")


def acceptance(data: PermitData, number: str) -> Layout:
    """受理通知书 (行政许可法第三十二条): accepted, with the materials received and the period."""
    blocks = _applicant(data)
    blocks.append(
        Para(
            f"{_applied(data)}，经审查，申请事项属于本机关职权范围，申请材料齐全、符合法定形式。"
            f"根据{XKF}第三十二条第一款第（五）项的规定，本机关决定予以受理。"
        )
    )
    if data.materials:
        blocks.append(Para("、".join(clause(m) for m in data.materials) + "。", lead="已收材料："))
    blocks.append(
        Para(
            f"本机关将自受理之日起二十个工作日内（{day(data.decide_by)}前）作出行政许可决定。"
            "依法需要听证、检验、检测、鉴定和专家评审的，所需时间不计算在上述期限内。"
        )
    )
    blocks.append(contact(data.bureau))
    blocks.append(signature(data.bureau, data.accepted_on, data.issued_on))
    return Layout(data.bureau.name, K.ACCEPTANCE.label, number, blocks)


def materials(data: PermitData, number: str) -> Layout:
    """补正材料通知书 (XK-32): every missing item at once (一次性告知)."""
    blocks = _applicant(data)
    blocks.append(
        Para(
            f"{_applied(data)}，经审查，申请材料不齐全或者不符合法定形式。根据{XKF}第三十二条第一款"
            "第（四）项的规定，现一次性告知你（单位）需要补正的全部内容如下："
        )
    )
    blocks += numbered(list(data.missing))
    blocks.append(
        Para(
            "请你（单位）按照上述要求一次补齐材料后提交本机关。本机关自收到全部补正材料之日起，"
            "依法决定是否受理。"
        )
    )
    blocks.append(contact(data.bureau))
    blocks.append(signature(data.bureau, data.materials_requested_on, data.issued_on))
    return Layout(data.bureau.name, K.MATERIALS.label, number, blocks)


def _validity(data: PermitData) -> str:
    return f"自{day(data.valid_from)}起至{day(data.valid_to)}止"


def grant_decision(data: PermitData, number: str) -> Layout:
    """准予行政许可决定书 (行政许可法第三十八条第一款, 第三十九条)."""
    blocks = _applicant(data)
    accepted = f"，本机关于{day(data.accepted_on)}受理" if data.accepted_on else ""
    blocks.append(
        Para(
            f"{_applied(data)}{accepted}。经审查，你（单位）的申请符合法定条件、标准。根据"
            f"{clause(data.legal_basis)}和{XKF}第三十八条第一款的规定，本机关决定准予行政许可："
        )
    )
    items = [f"许可事项：{clause(data.kind_name)}"]
    if data.location:
        items.append(f"许可地点：{clause(data.location)}")
    items.append(f"许可有效期：{_validity(data)}")
    if data.conditions.strip():
        items.append(f"许可条件：{clause(data.conditions)}")
    blocks += numbered(items)
    blocks.append(
        Para(
            f"本机关将依法向你（单位）颁发{K.LICENCE.label}。请你（单位）在有效期内按照许可的事项和"
            "条件从事活动，接受本机关的监督检查。本决定将依法公开。"
        )
    )
    blocks.append(contact(data.bureau))
    blocks.append(signature(data.bureau, data.decided_on, data.issued_on))
    return Layout(data.bureau.name, K.GRANT.label, number, blocks)


def refusal(data: PermitData, number: str) -> Layout:
    """不予行政许可决定书 (XK-38: 行政许可法第三十八条第二款): in writing, reasons and remedies."""
    blocks = _applicant(data)
    accepted = f"，本机关于{day(data.accepted_on)}受理" if data.accepted_on else ""
    reasons = clause(data.reasons).removeprefix("经审查，").removeprefix("经审查")
    blocks.append(
        Para(
            f"{_applied(data)}{accepted}。经审查，{reasons or '你（单位）的申请不符合法定条件、标准'}。"
            f"根据{XKF}第三十八条第二款的规定，本机关决定不予行政许可。"
        )
    )
    blocks.append(remedies(data.bureau, "本决定书"))
    blocks.append(contact(data.bureau))
    blocks.append(signature(data.bureau, data.decided_on, data.issued_on))
    blocks.append(SignLine("申请人签收：　　　　　　　　年　　月　　日"))
    return Layout(data.bureau.name, K.REFUSAL.label, number, blocks)


def extension(data: PermitData, number: str) -> Layout:
    """延长审批期限通知书 (XK-42: 行政许可法第四十二条第一款): ten more working days, the reason."""
    blocks = _applicant(data)
    accepted = f"，本机关已于{day(data.accepted_on)}受理" if data.accepted_on else ""
    reason = clause(data.extension_reason)
    because = f"因{reason}，" if reason else ""
    blocks.append(
        Para(
            f"{_applied(data)}{accepted}。{because}本机关不能在二十个工作日内作出决定。根据{XKF}"
            "第四十二条第一款的规定，经本机关负责人批准，审批期限延长十个工作日，本机关将于"
            f"{day(data.decide_by)}前作出行政许可决定。"
        )
    )
    blocks.append(contact(data.bureau))
    blocks.append(signature(data.bureau, None, data.issued_on))
    return Layout(data.bureau.name, K.EXTENSION.label, number, blocks)


def _holder_id(party: Party) -> str:
    """A licence is shown to anyone (posted at the site): a person's ID number is masked on it."""
    if not party.id_number:
        return "—"
    return mask_id_number(party.id_number) if party.kind == "person" else party.id_number


def licence(data: PermitData, number: str) -> Layout:
    """许可证 (行政许可法第三十九条): holder, what is permitted, where, conditions, validity."""
    holder = data.applicant
    rows: list[tuple[str, str]] = [
        ("持证人", holder.name),
        (holder.id_label, _holder_id(holder)),
        ("许可事项", data.kind_name),
    ]
    if data.location:
        rows.append(("许可地点", data.location))
    rows += [
        ("有效期限", _validity(data)),
        ("许可条件", data.conditions.strip() or "按照准予行政许可决定书载明的事项执行"),
        ("许可依据", data.legal_basis or "—"),
        (
            "准予许可决定",
            f"《{K.GRANT.label}》"
            + (f"（{data.decision_number}）" if data.decision_number else ""),
        ),
        ("发证日期", day(data.decided_on)),
    ]
    blocks: list[Block] = [
        Fields(tuple(rows)),
        Para("本证应当在许可地点明示，接受监督检查；不得涂改、出租、出借或者以其他方式转让。"),
        signature(data.bureau, data.decided_on, data.issued_on),
    ]
    return Layout(data.bureau.name, K.LICENCE.label, number, blocks)


BUILDERS: dict[str, Callable[[PermitData, str], Layout]] = {
    K.ACCEPTANCE: acceptance,
    K.MATERIALS: materials,
    K.GRANT: grant_decision,
    K.REFUSAL: refusal,
    K.EXTENSION: extension,
    K.LICENCE: licence,
}
