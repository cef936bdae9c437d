"""The 文书 of a 查封/扣押 (行政强制法 第二十四条–第二十八条; issue #11 QZ-24), from ``SeizureData``."""

from __future__ import annotations

from collections.abc import Callable

from chengguan.documents.compose_parts import (
    QZF,
    clause,
    contact,
    day,
    numbered,
    officers_text,
    party_blocks,
    remedies,
    signature,
)
from chengguan.documents.layout import Block, Fields, Layout, Para, SignLine
from chengguan.documents.subject_data import SeizedItem, SeizureData
from chengguan.documents.subject_kinds import SeizureKind as K


def _title(kind: K, measure: str) -> str:
    """查封（扣押）决定书 printed as 扣押决定书 for a seizure, 查封决定书 for a seal."""
    return str(kind.label).replace("查封（扣押）", measure)


def _item_text(item: SeizedItem) -> str:
    note = f"（{clause(item.note)}）" if item.note.strip() else ""
    return f"{item.name}{item.quantity}{item.unit}{note}"


def _decision_ref(data: SeizureData) -> str:
    title = _title(K.DECISION, data.measure)
    return f"《{title}》（{data.decision_number}）" if data.decision_number else f"《{title}》"


def unavailable_reason(data: SeizureData, kind: str) -> str:
    if kind in (K.DECISION, K.LIST):
        return ""
    if kind == K.EXTENSION:
        return "" if data.extended_on else f"{data.measure}期限未延长"
    if kind == K.RELEASE:
        return "" if data.released_on else f"尚未解除{data.measure}"
    return "没有这种行政强制措施文书"


def decision(data: SeizureData, number: str) -> Layout:
    """查封（扣押）决定书 (QZ-24: 行政强制法第二十四条): the party, the facts, the reason and basis,
    the items, the place, the period, the remedies, the seal."""
    m = data.measure
    blocks: list[Block] = party_blocks(data.party)
    blocks.append(
        Para(
            f"本机关在办理{clause(data.cause)}一案（案件编号：{data.case_number}）中查明，"
            f"你（单位）{clause(data.facts)}。"
        )
    )
    blocks.append(
        Para(
            "为制止违法行为、防止证据损毁、避免危害发生，依据"
            f"{QZF}第九条、第二十二条、第二十三条、第二十四条的规定，本机关决定对你（单位）的下列"
            f"财物予以{m}（详见《{_title(K.LIST, m)}》）："
        )
    )
    blocks += numbered([_item_text(i) for i in data.items], chinese=False)
    blocks.append(
        Para(f"{m}的财物存放于{clause(data.place)}，由本机关妥善保管，不得使用或者损毁。")
    )
    blocks.append(
        Para(
            f"{m}期限为三十日，自{day(data.held_on)}起至{day(data.first_decide_by)}止。情况复杂的，"
            "经本机关负责人批准，可以延长，但延长期限不得超过三十日；延长的，本机关将书面告知你（单位）。"
        )
    )
    if data.emergency:
        approval = (
            f"已于{day(data.approved_on)}经本机关负责人批准"
            if data.approved_on
            else "执法人员将在二十四小时内向本机关负责人报告并补办批准手续"
        )
        blocks.append(Para(f"本次{m}系情况紧急时当场实施，{approval}。"))
    blocks.append(Para("你（单位）有权进行陈述和申辩。", lead=""))
    blocks.append(remedies(data.bureau, "本决定书"))
    blocks.append(Para(officers_text(data.officers), lead="执法人员：", indent=False))
    blocks.append(contact(data.bureau))
    blocks.append(signature(data.bureau, data.approved_on or data.held_on, data.issued_on))
    blocks.append(SignLine("当事人签收：　　　　　　　　年　　月　　日"))
    return Layout(data.bureau.name, _title(K.DECISION, m), number, blocks)


def item_list(data: SeizureData, number: str) -> Layout:
    """查封（扣押）财物清单 (QZ-24): each item by name, quantity and unit, signed on the spot."""
    m = data.measure
    rows: list[tuple[str, str]] = [
        ("当事人", data.party.name),
        ("案件编号", data.case_number),
        ("决定书", _decision_ref(data)),
        ("实施日期", day(data.held_on)),
    ]
    for n, item in enumerate(data.items, start=1):
        note = f"；{clause(item.note)}" if item.note.strip() else ""
        rows.append((f"{n}．{item.name}", f"{item.quantity}{item.unit}{note}"))
    rows += [
        ("物品状况", data.condition or "—"),
        ("保管地点", data.place or "—"),
        ("执法人员", officers_text(data.officers)),
        ("当事人到场", "是" if data.party_present else "否"),
    ]
    if data.witnesses:
        rows.append(("见证人", "、".join(data.witnesses)))
    blocks: list[Block] = [
        Fields(tuple(rows)),
        SignLine("当事人签名：　　　　　　　　（当事人不到场或者拒绝签名的，由见证人签名并注明）"),
        SignLine("见证人签名：　　　　　　　　"),
        SignLine("执法人员签名：　　　　　　　　"),
    ]
    return Layout(data.bureau.name, _title(K.LIST, m), number, blocks)


def extension(data: SeizureData, number: str) -> Layout:
    """延长查封（扣押）期限通知书 (QZ-25: 行政强制法第二十五条): once, at most 30 days, in writing."""
    m = data.measure
    blocks: list[Block] = party_blocks(data.party)
    blocks.append(
        Para(
            f"本机关于{day(data.held_on)}依据{_decision_ref(data)}对你（单位）的财物予以{m}，"
            f"期限至{day(data.first_decide_by)}止。"
        )
    )
    reason = clause(data.extension_reason)
    because = f"因{reason}，" if reason else "因情况复杂，"
    blocks.append(
        Para(
            f"{because}经本机关负责人批准，依据{QZF}第二十五条第一款的规定，本机关决定将{m}期限延长"
            f"{data.extension_days or 0}日，至{day(data.decide_by)}止。"
        )
    )
    blocks.append(remedies(data.bureau, "本通知书"))
    blocks.append(contact(data.bureau))
    blocks.append(signature(data.bureau, data.extended_on, data.issued_on))
    blocks.append(SignLine("当事人签收：　　　　　　　　年　　月　　日"))
    return Layout(data.bureau.name, _title(K.EXTENSION, m), number, blocks)


def release(data: SeizureData, number: str) -> Layout:
    """解除查封（扣押）决定书 (QZ-28: 行政强制法第二十八条): why, from when, the items returned."""
    m = data.measure
    blocks: list[Block] = party_blocks(data.party)
    blocks.append(
        Para(f"本机关于{day(data.held_on)}依据{_decision_ref(data)}对你（单位）的下列财物予以{m}：")
    )
    blocks += numbered([_item_text(i) for i in data.items], chinese=False)
    reason = clause(data.release_reason)
    note = clause(data.release_note)
    why = f"鉴于{reason}" + (f"（{note}）" if note else "")
    blocks.append(
        Para(f"{why}，依据{QZF}第二十八条的规定，本机关决定自{day(data.released_on)}起解除{m}。")
    )
    if data.returned_on:
        blocks.append(
            Para(
                f"上述财物于{day(data.returned_on)}退还你（单位），请持本决定书到"
                f"{clause(data.place)}领取，并当场清点。"
            )
        )
    blocks.append(contact(data.bureau))
    blocks.append(signature(data.bureau, data.released_on, data.issued_on))
    blocks.append(SignLine("当事人签收：　　　　　　　　年　　月　　日"))
    return Layout(data.bureau.name, _title(K.RELEASE, m), number, blocks)


BUILDERS: dict[str, Callable[[SeizureData, str], Layout]] = {
    K.DECISION: decision,
    K.LIST: item_list,
    K.EXTENSION: extension,
    K.RELEASE: release,
}
