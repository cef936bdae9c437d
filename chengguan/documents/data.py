"""The plain data a 文书 is built from: no models, so every builder can be tested on its own.

``casedata.case_data`` fills these from a penalty case; tests may build them by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Bureau:
    name: str  # 示范县城市管理局
    reconsideration_body: str  # 行政复议机关 (XF-59): 示范县人民政府
    court: str  # 有管辖权的人民法院 (XF-59): 示范县人民法院
    payment_place: str  # XF-67: the bank / e-payment channel that collects fines
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Party:
    kind: str  # "person" | "organisation"
    name: str
    id_number: str = ""  # 身份证号码 or 统一社会信用代码
    address: str = ""
    phone: str = ""
    legal_representative: str = ""

    @property
    def id_label(self) -> str:
        return "身份证号码" if self.kind == "person" else "统一社会信用代码"


@dataclass(frozen=True)
class Officer:
    name: str
    certificate: str = ""


@dataclass(frozen=True)
class Evidence:
    kind_label: str  # 书证, 现场笔录 … (XF-46)
    description: str


@dataclass(frozen=True)
class Decision:
    penalty_labels: tuple[str, ...]  # 警告, 罚款 … (XF-9)
    fine_amount: Decimal | None
    level_label: str  # 从轻 …
    correction: str  # 责令改正 (XF-28)
    grounds: tuple[str, ...] = ()
    decided_on: dt.date | None = None
    confiscation_amount: Decimal | None = None
    reasoning: str = ""  # benchmark reasoning, 陈述申辩 adopted or not


@dataclass(frozen=True)
class Notice:
    served_on: dt.date | None
    statement_by: dt.date | None = None
    hearing_right: bool = False
    hearing_by: dt.date | None = None


@dataclass(frozen=True)
class Review:
    approved: bool
    opinion: str
    reviewer: str
    reviewed_on: dt.date | None


@dataclass(frozen=True)
class Discussion:
    held_on: dt.date | None
    chair: str
    participants: tuple[str, ...]
    minutes: str
    conclusion: str


@dataclass(frozen=True)
class Service:
    served_on: dt.date | None
    method_label: str  # 直接送达 …
    place: str = ""
    recipient: str = ""
    server_names: tuple[str, ...] = ()
    # SD-1/SD-2: the day the service took effect (post receipt, 30 days after a public notice) and
    # what the method recorded (留置 witnesses, earlier failed attempts).
    effective_on: dt.date | None = None
    witnesses: tuple[str, ...] = ()
    attempts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Payment:
    amount: Decimal
    paid_on: dt.date | None
    channel_label: str
    receipt_no: str = ""


@dataclass(frozen=True)
class Demand:
    """催告 (行政强制法第三十五条): what is owed, as of when, and by when to perform."""

    fine_due: Decimal  # the fine still unpaid
    surcharge_due: Decimal  # XF-72, computed up to ``as_of``
    as_of: dt.date | None
    pay_by: dt.date | None  # the missed payment date
    served_on: dt.date | None = None  # blank on a 催告书 printed before service
    perform_by: dt.date | None = None  # ten working days after service (QZ-54)
    partly_paid: bool = False
    schedule: str = ""  # an approved deferral or instalment plan, in words (XF-66)


# --- helper:forms ---
@dataclass(frozen=True)
class StatementRow:
    """One 陈述申辩 as recorded, with the bureau's 复核 (XF-45)."""

    received_on: dt.date
    content: str
    accepted: bool | None
    review_opinion: str = ""
    recorder: str = ""


# --- /helper:forms ---
# --- helper:execdocs --- decision 090: the 移送书 and the court application
@dataclass(frozen=True)
class TransferData:
    """移送 (XF-22 to the competent body, XF-27 a suspected crime to the public security organ)."""

    kind: str  # "judicial" | "competent_body"
    to: str
    reason: str
    reported_on: dt.date | None
    decided_on: dt.date | None
    approver: str = ""
    handed_over_on: dt.date | None = None
    receipt: str = ""
    late_reason: str = ""


@dataclass(frozen=True)
class CourtApplication:
    """申请人民法院强制执行 (行政强制法第五十三条–第五十五条): what is asked of which court."""

    court: str
    fine_due: Decimal
    surcharge_due: Decimal
    applied_on: dt.date | None = None  # blank on an application printed before it is filed
    demand_served_on: dt.date | None = None
    demand_perform_by: dt.date | None = None


# --- /helper:execdocs ---


@dataclass
class CaseData:
    """Everything any of the ten 文书 may print about one case."""

    bureau: Bureau
    case_number: str  # the case's own number (案件编号)
    cause: str  # 案由: the power item's name
    party: Party
    facts: str
    act_date: dt.date | None
    discovered_date: dt.date | None
    violated_provision: str  # the provision the act breaks
    penalty_provision: str  # 处罚依据 with article
    officers: tuple[Officer, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    procedure: str = "general"  # "general" | "simple"
    decision_number: str = ""  # 文号 of the 决定书, once decided
    decision_title: str = "行政处罚决定书"  # or 当场处罚决定书 / 不予行政处罚决定书
    source: str = ""  # 案件来源
    registered_on: dt.date | None = None
    registration_approver: str = ""
    registration_opinion: str = ""  # helper:forms: the head's own words on the 立案审批表
    decision: Decision | None = None  # decided, or the proposal while not yet decided
    proposal: Decision | None = None  # what the 事先告知 told the party (XF-44, XF-45)
    notice: Notice | None = None
    review: Review | None = None
    discussion: Discussion | None = None
    service: Service | None = None
    payments: tuple[Payment, ...] = ()
    no_penalty_reason: str = ""  # 不予处罚: why (XF-33 minor / unfounded)
    no_penalty_provision: str = ""
    education_record: str = ""  # XF-33: the education given when a penalty is waived
    statement: str = ""  # 陈述申辩 and how it was treated
    statements: tuple[StatementRow, ...] = ()  # helper:forms: for the 陈述申辩笔录
    hearing_held_on: dt.date | None = None
    closed_on: dt.date | None = None
    closing_summary: str = ""
    transferred_to: str = ""  # XF-57: the judicial body a case was transferred to
    demand: Demand | None = None  # the latest 催告 (QZ-54), or what one would ask for now
    enforcement: str = ""  # QZ-53: the application to the court and its outcome, in words
    # --- helper:execdocs ---
    transfer: TransferData | None = None  # the latest 移送 (XF-22 / XF-27)
    file_list: tuple[str, ...] = ()  # the 案卷 handed over with a transfer: 文书 and evidence
    court_application: CourtApplication | None = None
    # --- /helper:execdocs ---
    # The day the 文书 is issued (the date under the seal).
    issued_on: dt.date = field(default_factory=dt.date.today)
