"""The 文书 of a 行政检查 (issue #13; LEGAL-RULES §11 JC-2…JC-6, ZL-1), each from ``InspectionData``."""

from __future__ import annotations

from collections.abc import Callable

from chengguan.documents.compose_parts import (
    XFF,
    clause,
    contact,
    day,
    numbered,
    officers_text,
    party_blocks,
    remedies,
    signature,
)
from chengguan.documents.layout import Block, Fields, Layout, Para, QRCode, SignLine
from chengguan.documents.subject_data import InspectionData
from chengguan.documents.subject_kinds import InspectionKind as K


def _items(data: InspectionData) -> str:
    return "、".join(data.items)


def _basis(data: InspectionData) -> str:
    return "；".join(clause(b) for b in data.basis) or "有关法律、法规、规章"


def unavailable_reason(data: InspectionData, kind: str) -> str:
    """Why ``kind`` cannot be printed now (Chinese, says what comes first), or ""."""
    if kind == K.NOTICE:
        return ""
    if kind == K.RECORD:
        return "" if data.recorded_on else "须先记录现场检查情况，方可制作现场检查笔录"
    if kind == K.RESULT:
        return "" if data.recorded_on else "须先记录现场检查情况，方可制作检查结果告知书"
    if kind == K.CORRECTION:
        return "" if data.correction_ordered_on else "本次检查未责令改正"
    if kind == K.RECHECK:
        return "" if data.rechecked_on else "尚未复查，复查后方可制作复查记录"
    return "没有这种检查文书"


def notice(data: InspectionData, number: str) -> Layout:
    """检查通知书: what, why, on what basis, by whom, and the code the enterprise verifies (JC-5)."""
    blocks: list[Block] = party_blocks(data.entity, who="被检查单位")
    blocks.append(
        Para(
            f"根据{_basis(data)}的规定，本机关定于{day(data.planned_on)}对你（单位）进行行政检查。"
            "现将有关事项通知如下："
        )
    )
    blocks += numbered(
        [
            f"检查事项：{_items(data)}",
            f"检查事由：{data.reason}",
            f"实施单位：{data.unit}",
            f"检查人员：{officers_text(data.officers)}，检查时将出示行政执法证件",
            f"检查码：{data.code}。你（单位）可以扫描下方二维码或者访问{data.verify_url}"
            "核验本次检查是否真实、是否经过批准",
        ]
    )
    blocks.append(
        Para(
            "请你（单位）予以配合，如实提供有关情况和资料。检查人员少于两人或者未出示行政执法证件的，"
            "你（单位）有权拒绝检查；检查人员与你（单位）有直接利害关系的，你（单位）有权申请回避。"
        )
    )
    blocks.append(QRCode(data.verify_url, caption=f"检查码：{data.code}（扫码核验）"))
    blocks.append(contact(data.bureau))
    blocks.append(signature(data.bureau, data.approved_on or data.planned_on, data.issued_on))
    blocks.append(SignLine("被检查单位签收：　　　　　　　　年　　月　　日"))
    return Layout(data.bureau.name, K.NOTICE.label, number, blocks)


def _conclusion(data: InspectionData) -> str:
    if data.ok is None:
        return "—"
    return "未发现违法违规问题" if data.ok else "发现问题，见检查情况"


def record(data: InspectionData, number: str) -> Layout:
    """现场检查笔录 (XF-55): when, where, who with which certificates, what was found."""
    entity = data.entity
    rows = (
        ("检查码", data.code),
        ("检查时间", day(data.recorded_on)),
        ("检查地点", entity.address or "—"),
        ("被检查单位", entity.name),
        (entity.id_label, entity.id_number or "—"),
        ("检查事项", _items(data)),
        ("检查依据", _basis(data)),
        ("检查事由", data.reason),
        ("检查人员", officers_text(data.officers)),
        (
            "告知事项",
            "检查人员已出示行政执法证件，表明身份，告知被检查单位检查事项、依据，"
            "以及申请回避、陈述和申辩的权利。",
        ),
        ("检查情况", data.findings or "—"),
        ("检查结论", _conclusion(data)),
    )
    blocks: list[Block] = [
        Fields(rows),
        SignLine("检查人员签名：　　　　　　　　"),
        SignLine("被检查单位负责人签名：　　　　　　　　（拒绝签名的，由检查人员注明）"),
    ]
    return Layout(data.bureau.name, K.RECORD.label, number, blocks)


def result(data: InspectionData, number: str) -> Layout:
    """检查结果告知书 (JC-6): the result told in writing, and what follows from it."""
    blocks: list[Block] = party_blocks(data.entity, who="被检查单位")
    blocks.append(
        Para(
            f"本机关于{day(data.recorded_on)}依据{_basis(data)}的规定，对你（单位）进行了行政检查"
            f"（检查事项：{_items(data)}；检查码：{data.code}）。现将检查结果告知如下："
        )
    )
    if data.findings:
        blocks.append(Para(f"{clause(data.findings)}。", lead="检查情况："))
    if data.ok:
        blocks.append(Para("经检查，未发现违法违规问题。"))
    elif data.ok is not None:
        blocks.append(Para("经检查，发现上述问题。"))
    told = clause(data.result)
    if told and told not in clause(data.findings):
        blocks.append(Para(f"{told}。", lead="检查结论："))
    if data.correction_ordered_on and data.correction_deadline:
        blocks.append(
            Para(
                f"本机关已责令你（单位）于{day(data.correction_deadline)}前改正"
                f"（{clause(data.correction_content)}），期限届满后将进行复查。"
            )
        )
    if data.case_number:
        blocks.append(
            Para(f"对发现的违法行为，本机关已依法立案查处（案件编号：{data.case_number}）。")
        )
    blocks.append(Para("你（单位）对检查结果有异议的，可以向本机关提出陈述和申辩。"))
    blocks.append(contact(data.bureau))
    blocks.append(signature(data.bureau, data.result_told_on or data.recorded_on, data.issued_on))
    blocks.append(SignLine("被检查单位签收：　　　　　　　　年　　月　　日"))
    return Layout(data.bureau.name, K.RESULT.label, number, blocks)


def correction(data: InspectionData, number: str) -> Layout:
    """责令（限期）改正通知书 (XF-28, ZL-1): what is wrong, the provision, by when, the 复查."""
    blocks: list[Block] = party_blocks(data.entity, who="当事人")
    findings = clause(data.findings) or "存在违法违规问题"
    blocks.append(
        Para(
            f"本机关于{day(data.recorded_on)}对你（单位）进行行政检查（检查码：{data.code}），"
            f"发现你（单位）存在下列问题：{findings}。"
        )
    )
    provision = clause(data.correction_provision)
    broke = f"上述行为违反了{provision}的规定。" if provision else ""
    blocks.append(
        Para(
            f"{broke}根据{XFF}第二十八条第一款的规定，现责令你（单位）于"
            f"{day(data.correction_deadline)}前改正：{clause(data.correction_content)}。"
        )
    )
    blocks.append(
        Para(
            "本机关将在改正期限届满后进行复查。逾期不改正的，本机关将依法查处。"
            "改正完成后，请及时告知本机关。"
        )
    )
    blocks.append(remedies(data.bureau, "本通知书"))
    blocks.append(contact(data.bureau))
    blocks.append(signature(data.bureau, data.correction_ordered_on, data.issued_on))
    blocks.append(SignLine("当事人签收：　　　　　　　　年　　月　　日"))
    return Layout(data.bureau.name, K.CORRECTION.label, number, blocks)


def recheck(data: InspectionData, number: str) -> Layout:
    """复查记录 (ZL-1): the order, its deadline, and whether it was met."""
    if data.recheck_met is None:
        verdict = "—"
    elif data.recheck_met:
        verdict = "已按要求改正"
    else:
        verdict = "未按要求改正" + (
            f"，已立案查处（案件编号：{data.case_number}）" if data.case_number else "，将依法查处"
        )
    rows = (
        ("检查码", data.code),
        ("被检查单位", data.entity.name),
        ("地址", data.entity.address or "—"),
        ("原检查日期", day(data.recorded_on)),
        ("发现的问题", data.findings or "—"),
        ("责令改正内容", data.correction_content or "—"),
        ("改正期限", day(data.correction_deadline) if data.correction_deadline else "—"),
        ("复查日期", day(data.rechecked_on)),
        ("复查人员", data.recheck_by or officers_text(data.officers)),
        ("复查情况", data.recheck_record or "—"),
        ("复查结论", verdict),
    )
    blocks: list[Block] = [
        Fields(rows),
        SignLine("复查人员签名：　　　　　　　　"),
        SignLine("被检查单位负责人签名：　　　　　　　　（拒绝签名的，由复查人员注明）"),
    ]
    return Layout(data.bureau.name, K.RECHECK.label, number, blocks)


BUILDERS: dict[str, Callable[[InspectionData, str], Layout]] = {
    K.NOTICE: notice,
    K.RECORD: record,
    K.RESULT: result,
    K.CORRECTION: correction,
    K.RECHECK: recheck,
}
