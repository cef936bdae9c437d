"""The plain data the 文书 of an inspection, a seizure and a permit application print (decision 081).

No models, as ``data.py`` for the case: ``read_subjects`` fills these, tests may build them by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from chengguan.documents.data import Bureau, Officer, Party


@dataclass(frozen=True)
class InspectionData:
    bureau: Bureau
    unit: str  # 实施单位
    code: str  # 检查码 (JC-5)
    items: tuple[str, ...]  # 检查事项 (综合查一次: several)
    basis: tuple[str, ...]  # 检查依据 of each item
    entity: Party
    reason: str  # 检查事由, as its label
    planned_on: dt.date
    officers: tuple[Officer, ...]
    verify_url: str  # the portal page that checks the code
    approved_on: dt.date | None = None
    approver: str = ""
    recorded_on: dt.date | None = None
    findings: str = ""
    ok: bool | None = None
    result: str = ""
    result_told_on: dt.date | None = None
    correction_content: str = ""
    correction_deadline: dt.date | None = None
    correction_ordered_on: dt.date | None = None
    correction_provision: str = ""  # the power item's provision the order rests on
    rechecked_on: dt.date | None = None
    recheck_met: bool | None = None
    recheck_record: str = ""
    recheck_by: str = ""
    case_number: str = ""  # the penalty case opened from it, if any
    issued_on: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class SeizedItem:
    name: str
    quantity: str
    unit: str
    note: str = ""


@dataclass(frozen=True)
class SeizureData:
    bureau: Bureau
    measure: str  # 查封 | 扣押
    case_number: str
    cause: str  # the case's 案由
    party: Party
    facts: str
    legal_basis: str  # the power item's provision (the law that gives the measure)
    items: tuple[SeizedItem, ...]
    place: str  # 保管地点
    condition: str
    held_on: dt.date
    decide_by: dt.date  # the end of the period (QZ-25: 30 days)
    officers: tuple[Officer, ...]
    emergency: bool = False
    approved_on: dt.date | None = None
    approver: str = ""
    party_present: bool = True
    witnesses: tuple[str, ...] = ()
    extended_on: dt.date | None = None
    extension_days: int | None = None
    extension_reason: str = ""
    released_on: dt.date | None = None
    release_reason: str = ""  # as its label
    release_note: str = ""
    returned_on: dt.date | None = None
    decision_number: str = ""  # the 文号 of its 查封（扣押）决定书, once printed
    issued_on: dt.date = field(default_factory=dt.date.today)

    @property
    def first_decide_by(self) -> dt.date:
        """The end of the first period, before any extension (QZ-25)."""
        if self.extension_days:
            return self.decide_by - dt.timedelta(days=self.extension_days)
        return self.decide_by


@dataclass(frozen=True)
class PermitData:
    bureau: Bureau
    application_number: str
    kind_name: str  # 许可事项名称
    legal_basis: str  # 设定依据
    applicant: Party
    location: str
    period: str  # the period applied for, in words
    materials: tuple[str, ...]  # submitted
    received_on: dt.date
    accept_by: dt.date | None = None
    accepted_on: dt.date | None = None
    missing: tuple[str, ...] = ()
    materials_requested_on: dt.date | None = None
    decide_by: dt.date | None = None
    extended: bool = False
    extension_reason: str = ""
    decided_on: dt.date | None = None
    granted: bool | None = None
    reasons: str = ""
    remedies: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    conditions: str = ""
    decision_number: str = (
        ""  # the 文号 of its 准予行政许可决定书, once printed (the licence cites it)
    )
    issued_on: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class SuggestionData:
    bureau: Bureau
    kind: str  # 人大代表建议 | 政协委员提案
    addressee: str  # 代表 | 委员
    number: str  # 第45号
    title: str
    assigned_on: dt.date
    lead_unit: str
    co_units: tuple[str, ...] = ()
    reply_text: str = ""  # the latest reply
    replied_on: dt.date | None = None
    round: int = 0  # 0 = no reply yet; 2+ = redone after an unsatisfied answer
    issued_on: dt.date = field(default_factory=dt.date.today)


# --- helper:execdocs --- the bureau's own compulsory execution (decision 090)
@dataclass(frozen=True)
class ExecutionData:
    """One 行政强制执行 by the bureau (行政强制法 §§35–44) on a penalty case's unperformed decision."""

    bureau: Bureau
    case_number: str
    cause: str  # the case's 案由
    party: Party
    kind: str  # demolition | removal | fine
    kind_label: str  # 强制拆除违法建筑物、构筑物、设施 …
    basis: str  # the law that gives this bureau the power (QZ-13)
    obligation: str  # 应履行的义务
    decision_title: str  # the penalty decision it executes: 行政处罚决定书
    decision_number: str
    decided_on: dt.date | None  # of the penalty decision
    served_on: dt.date | None  # of the penalty decision
    demand_served_on: dt.date
    demand_method: str  # as its label: 直接送达 …
    demand_perform_by: dt.date
    demand_way: str
    demand_amount: Decimal | None = None
    rights_told: bool = True
    correction: str = ""  # the 责令限期拆除/改正 not performed, in the officer's words
    correction_deadline: dt.date | None = None
    correction_checked_on: dt.date | None = None
    statement_on: dt.date | None = None
    statement: str = ""
    statement_none: bool = False
    review_opinion: str = ""
    review_adopted: bool | None = None
    executed_decided_on: dt.date | None = None  # QZ-37: the execution decision's day
    decision_reason: str = ""
    method: str = ""
    scheduled_text: str = ""  # 2025年6月24日10时00分
    emergency: bool = False
    emergency_reason: str = ""
    notice_posted_on: dt.date | None = None
    notice_place: str = ""
    notice_demolish_by: dt.date | None = None
    demand_number: str = ""  # the 文号 of its 催告书, once printed
    execution_decision_number: str = ""  # the 文号 of its 强制执行决定书, once printed
    officers: tuple[Officer, ...] = ()
    issued_on: dt.date = field(default_factory=dt.date.today)


# --- /helper:execdocs ---
