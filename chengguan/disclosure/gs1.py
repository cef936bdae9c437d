"""The GS-1 fields of a penalty decision, in the order of the 双公示 data standard."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from chengguan.law.models import PenaltyType

# (key, label): JSON uses the keys, CSV the Chinese labels.
FIELDS: list[tuple[str, str]] = [
    ("party_name", "行政相对人名称"),
    ("party_category", "行政相对人类别"),
    ("credit_code", "统一社会信用代码"),
    ("legal_representative", "法定代表人"),
    ("id_type", "证件类型"),
    ("id_number", "证件号码"),
    ("decision_number", "处罚决定书文号"),
    ("violation_type", "违法行为类型"),
    ("facts", "违法事实"),
    ("basis", "处罚依据"),
    ("penalty_category", "处罚类别"),
    ("penalty_content", "处罚内容"),
    ("fine_10k", "罚款金额（万元）"),
    ("confiscation_10k", "没收违法所得、没收非法财物的金额（万元）"),
    ("permit", "暂扣或吊销证照名称及编号"),
    ("decided_on", "处罚决定日期"),
    ("valid_until", "处罚有效期"),
    ("expires_on", "公示截止期"),
    ("authority", "处罚机关"),
    ("authority_credit_code", "处罚机关统一社会信用代码"),
    ("data_source", "数据来源单位"),
    ("data_source_credit_code", "数据来源单位统一社会信用代码"),
    ("note", "备注"),
]
LABELS = dict(FIELDS)


def wan(yuan: Decimal | None) -> str:
    """Yuan → 万元 with six decimals (1 yuan = 0.000100 万元), as the standard's sample data."""
    if yuan is None:
        return "0"
    return str((Decimal(yuan) / Decimal(10000)).quantize(Decimal("0.000001")))


def penalty_labels(types: list[str]) -> str:
    labels = dict(PenaltyType.choices)
    return "、".join(str(labels.get(t, t)) for t in types)


def record_for(case: Any, *, expires_on: str) -> dict[str, Any]:
    """The clear GS-1 record of a decided case (encrypted at rest, masked on the way out)."""
    party = case.party
    bureau = case.bureau
    person = party.kind == "person"
    content = case.correction.strip()
    # --- helper:daily --- issue #15 item 5: "罚款人民币800.00元", not "罚款；罚款人民币800.00元"
    labels = dict(PenaltyType.choices)
    fine = f"罚款人民币{case.fine_amount.normalize():f}元" if case.fine_amount else ""
    named = [
        fine if t == PenaltyType.FINE and fine else str(labels.get(t, t))
        for t in case.penalty_types
    ]
    if fine and fine not in named:
        named.append(fine)
    parts = ["、".join(named)]
    # --- /helper:daily ---
    if content:
        parts.append(content)
    return {
        "party_kind": party.kind,
        "party_name": party.name,
        "party_category": "自然人" if person else "法人及非法人组织",
        "credit_code": "" if person else party.credit_code,
        "legal_representative": "" if person else party.legal_representative,
        "id_type": "身份证" if person else "",
        "id_number": party.id_number if person else "",
        "decision_number": case.decision_number,
        "violation_type": case.power_item.name,
        "facts": case.facts,
        "basis": case.power_item.legal_basis,
        "penalty_category": penalty_labels(list(case.penalty_types)),
        "penalty_content": "；".join(p for p in parts if p),
        "fine_10k": wan(case.fine_amount),
        "confiscation_10k": wan(case.confiscation_amount),
        "permit": "",
        "decided_on": case.decided_on.isoformat(),
        "valid_until": "",
        "expires_on": expires_on,
        "authority": bureau.name,
        "authority_credit_code": bureau.credit_code,
        "data_source": bureau.name,
        "data_source_credit_code": bureau.credit_code,
        "note": "",
    }
