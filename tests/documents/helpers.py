"""Reading generated files back the way a user's software would."""

from __future__ import annotations

import io

from docx import Document as open_docx

from chengguan.documents.data import CaseData


def docx_text(content: bytes) -> str:
    doc = open_docx(io.BytesIO(content))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def xf59_items(data: CaseData, number: str) -> dict[str, str]:
    """What 《行政处罚法》第五十九条 requires a decision to state, as text each file must contain."""
    assert data.decision is not None and data.decision.decided_on is not None
    from chengguan.documents.chinese import seal_date

    items = {
        "文号": number,
        "当事人姓名或名称": data.party.name,
        "当事人地址": data.party.address,
        "违法事实": data.facts[:20],
        "违反的规定": data.violated_provision,
        "处罚依据": data.penalty_provision,
        "责令改正 (XF-28)": data.decision.correction[:12],
        "履行方式和期限 (XF-67)": "自收到本决定书之日起十五日内",
        "缴款地点": data.bureau.payment_place,
        "加处罚款 (XF-72)": "每日按罚款数额的百分之三加处罚款",
        "行政复议期限和机关": f"六十日内向{data.bureau.reconsideration_body}申请行政复议",
        "行政诉讼期限和法院": f"六个月内直接向{data.bureau.court}提起行政诉讼",
        "行政机关名称": data.bureau.name,
        "决定日期": seal_date(data.decision.decided_on),
        "印章": "（印章）",
    }
    for n, item in enumerate(data.evidence, start=1):
        items[f"证据{n}"] = item.description
    for label in data.decision.penalty_labels:
        items[f"处罚种类 {label}"] = label
    if data.decision.fine_amount is not None:
        items["罚款金额"] = f"罚款人民币{data.decision.fine_amount.normalize():f}元"
    return items
