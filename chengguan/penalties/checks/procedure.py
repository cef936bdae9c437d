"""Checks of the later procedure: hearing, review, service, payment, execution, remedies,
certificates shown, preservation and on-the-spot cash.

Pure functions returning Violations; see the package docstring."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from chengguan.core.errors import Violation
from chengguan.law.registry import violation
from chengguan.org.checks import enforcing_officers
from chengguan.org.models import Staff
from chengguan.penalties import periods
from chengguan.penalties.models import PenaltyCase

# Hearing, review, service, payment ---------------------------------------------------------------


def hearing_request(
    has_right: bool, request_by: dt.date | None, requested_on: dt.date
) -> list[Violation]:
    if not has_right:
        return [
            violation("XF-63", "本案拟作出的处罚不属于依法应当告知听证的情形；当事人可以陈述申辩")
        ]
    if request_by is not None and requested_on > request_by:
        return [
            violation(
                "XF-64",
                f"当事人应在告知后五个工作日内（{request_by:%Y-%m-%d}前）要求听证，"
                "已逾期；可记录陈述申辩",
                request_by=request_by.isoformat(),
            )
        ]
    return []


def hearing(
    *,
    chair: Staff,
    officers: Sequence[Staff],
    notified_on: dt.date,
    held_on: dt.date,
    earliest: dt.date,
) -> list[Violation]:
    """XF-64: notified 7 working days before; chaired by someone who did not investigate."""
    if chair.pk in {o.pk for o in officers}:
        return [
            violation(
                "XF-64",
                f"听证由非本案调查人员主持；{chair.display_name}是本案调查人员，请另行指定主持人",
                chair=chair.username,
            )
        ]
    if held_on < earliest:
        return [
            violation(
                "XF-64",
                f"应当在举行听证的七个工作日前通知当事人；"
                f"{notified_on:%Y-%m-%d}通知的，听证最早于{earliest:%Y-%m-%d}举行",
                earliest=earliest.isoformat(),
            )
        ]
    return []


# --- helper:forms ---
def statement_review(*, accepted: bool, opinion: str) -> list[Violation]:
    """XF-45: the bureau re-examines the party's facts, reasons and evidence; a statement it does
    not adopt is answered with the reasons why (复核意见)."""
    if not accepted and not opinion.strip():
        return [
            violation(
                "XF-45",
                "对当事人的陈述申辩不予采纳的，须在复核意见中写明不予采纳的理由（review_opinion）",
                field="review_opinion",
            )
        ]
    return []


# --- /helper:forms ---


def waiver(
    *,
    record: str,
    has_blob: bool,
    blob_used_elsewhere: bool,
    witnesses: Sequence[str],
    officers: Sequence[Staff],
) -> list[Violation]:
    """XF-62: a waiver of the statement and hearing is the party's written act: its words recorded,
    and the page the party signed (a file of this case) or two officers of the case witnessing it."""
    if not record.strip():
        return [
            violation(
                "XF-62",
                "放弃陈述、申辩和听证须有当事人的书面意思表示；请记录放弃书的内容（record）",
                field="record",
            )
        ]
    if has_blob:
        if blob_used_elsewhere:
            return [
                violation(
                    "XF-62",
                    "所附放弃书文件已作为其他案件的材料，不能作为本案当事人的放弃书",
                    field="blob",
                )
            ]
        return []
    names = {o.username for o in officers}
    if len(set(witnesses)) < 2 or set(witnesses) - names:
        return [
            violation(
                "XF-62",
                "放弃陈述、申辩和听证须附当事人签字的放弃书，或由本案两名执法人员见证"
                "（witnessed_by）",
                field="witnessed_by",
            )
        ]
    return []


def extension(
    *,
    today: dt.date,
    deadline: dt.date,
    until: dt.date,
    max_days: int,
    done: int,
    max_done: int,
    discussion_approves: bool,
) -> list[Violation]:
    """XF-60: approved before the period in force has passed, by at most ``max_days`` past it; the
    head alone approves ``max_done`` extensions, a further one needs a collective discussion."""
    if today > deadline:
        return [
            violation(
                "XF-60",
                f"办案期限已于{deadline:%Y-%m-%d}届满，延长办案期限须在期限届满前批准",
                deadline=deadline.isoformat(),
            )
        ]
    latest = deadline + dt.timedelta(days=max_days)
    if until > latest:
        return [
            violation(
                "XF-60",
                f"每次延长办案期限不得超过{max_days}日，即最迟延长至{latest:%Y-%m-%d}",
                latest=latest.isoformat(),
            )
        ]
    if done >= max_done and not discussion_approves:
        return [
            violation(
                "XF-60",
                f"本案已延长办案期限{done}次；再次延长须经行政机关负责人集体讨论决定"
                "（在上次延期后集体讨论并同意再次延长）",
                extensions=done,
            )
        ]
    return []


def reviewer_qualified(reviewer: Staff, first_time: bool) -> list[Violation]:
    if first_time and not reviewer.legal_qualified:
        return [
            violation(
                "XF-58",
                "初次从事行政处罚决定法制审核的人员，应当取得法律职业资格；"
                "请由具有法律职业资格的审核人员审核",
            )
        ]
    return []


def service(
    *,
    decided_on: dt.date,
    served_on: dt.date,
    method: str,
    consent: bool,
    serve_by: dt.date | None,
    late_reason: str,
) -> list[Violation]:
    """XF-61: within 7 working days; electronic service only with the party's consent."""
    if served_on < decided_on:
        return [violation("XF-61", "送达日期不能早于决定日期")]
    if method == PenaltyCase.ServiceMethod.ELECTRONIC and not consent:
        return [
            violation(
                "XF-61",
                "当事人同意并签订确认书的，方可采用电子送达；"
                "请取得当事人书面同意或改用其他送达方式",
            )
        ]
    if serve_by is not None and served_on > serve_by and not late_reason.strip():
        return [
            violation(
                "XF-61",
                f"当事人不在场的，应当在七个工作日内（{serve_by:%Y-%m-%d}前）送达；"
                "逾期送达须写明原因",
                serve_by=serve_by.isoformat(),
            )
        ]
    return []


def payment(
    *,
    procedure: str,
    channel: str,
    amount: Decimal,
    fine: Decimal,
    surcharge_due: Decimal,
    receipt_no: str,
    impracticable: bool,
    instalment: int | None = None,
    remote: bool = False,
) -> list[Violation]:
    """XF-67 罚缴分离, XF-68 on-the-spot collection, XF-70 receipt, XF-66 partial payment, XF-72
    surcharge. ``fine`` is the fine this payment must settle: the whole fine, or with an approved
    schedule the instalment ``instalment``."""
    if channel == "on_spot" and not remote:  # XF-69 (``remote``) is checked by remote_collection
        if procedure != PenaltyCase.Procedure.SIMPLE:
            return [
                violation(
                    "XF-67",
                    "作出罚款决定的行政机关应当与收缴罚款的机构分离；"
                    "普通程序的罚款由当事人到指定银行或通过电子支付缴纳",
                )
            ]
        if fine > periods.ON_SPOT_MAX and not impracticable:
            return [
                violation(
                    "XF-68",
                    f"当场收缴罚款仅限{periods.ON_SPOT_MAX}元以下，"
                    "或不当场收缴事后难以执行的；请当事人到银行或电子支付缴纳",
                )
            ]
    if channel == "on_spot" and not receipt_no.strip():
        return [violation("XF-70", "当场收缴罚款须出具财政部门统一制发的专用票据；请登记票据号")]
    if amount < fine:
        if instalment is not None:
            return [
                violation(
                    "XF-66",
                    f"经批准分期（暂缓）缴纳的，应按期足额缴纳；第{instalment}期应缴罚款{fine}元"
                    + (f"及加处罚款{surcharge_due}元" if surcharge_due else ""),
                    instalment=instalment,
                    due=str(fine + surcharge_due),
                )
            ]
        return [
            violation(
                "XF-66",
                f"罚款应一次缴清（{fine}元）；未经批准分期缴纳的，不能部分缴纳。"
                "当事人确有经济困难的，可以申请暂缓或者分期缴纳",
                due=str(fine + surcharge_due),
            )
        ]
    if amount < fine + surcharge_due:
        return [
            violation(
                "XF-72",
                f"逾期缴纳罚款的，每日按罚款数额的百分之三加处罚款；"
                f"应缴{fine + surcharge_due}元（罚款{fine}元，加处罚款{surcharge_due}元）",
                due=str(fine + surcharge_due),
                surcharge=str(surcharge_due),
            )
        ]
    return []


def arrangement_application(*, pending: bool, approved: bool) -> list[Violation]:
    """XF-66: one application at a time, and no second schedule once one is in force."""
    if pending:
        return [violation("XF-66", "已有暂缓或分期缴纳申请待负责人审批；请先审批该申请")]
    if approved:
        return [
            violation(
                "XF-66",
                "本案已批准暂缓或分期缴纳，当事人应按批准的期限缴纳；不能再次申请",
            )
        ]
    return []


def demand(*, due: dt.date, served_on: dt.date) -> list[Violation]:
    """QZ-54: the demand comes after the party failed to pay by the due date, not before."""
    if served_on <= due:
        return [
            violation(
                "QZ-54",
                f"当事人的缴款期限至{due:%Y-%m-%d}届满，届满前尚未逾期，不能催告；"
                "逾期仍未缴纳的，方可送达催告书",
                due=due.isoformat(),
            )
        ]
    return []


def enforcement_application(
    *,
    applied_on: dt.date,
    revoked: bool,
    remedy_pending: bool,
    periods_end: dt.date,
    apply_by: dt.date,
    demand_served_on: dt.date | None,
    demand_perform_by: dt.date | None,
) -> list[Violation]:
    """QZ-53: after the remedy periods expire and within three months of that; QZ-54: only after a
    催告书 whose ten working days have passed. No application against a decision under review."""
    found: list[Violation] = []
    if revoked:
        found.append(violation("QZ-53", "行政处罚决定已被撤销，不能申请强制执行"))
    if remedy_pending:
        found.append(
            violation(
                "QZ-53",
                "当事人已申请行政复议或提起行政诉讼且尚未审结；"
                "请待复议、诉讼审结后再决定是否申请强制执行",
            )
        )
    if applied_on <= periods_end:
        found.append(
            violation(
                "QZ-53",
                f"当事人申请行政复议或提起行政诉讼的期限至{periods_end:%Y-%m-%d}届满，"
                "期限届满前不能申请人民法院强制执行",
                periods_end=periods_end.isoformat(),
            )
        )
    if demand_served_on is None or demand_perform_by is None:
        found.append(
            violation(
                "QZ-54",
                "申请人民法院强制执行前，应当以书面形式催告当事人履行义务；请先送达催告书",
            )
        )
    elif applied_on <= demand_perform_by:
        found.append(
            violation(
                "QZ-54",
                f"催告书于{demand_served_on:%Y-%m-%d}送达，当事人的十个工作日履行期至"
                f"{demand_perform_by:%Y-%m-%d}届满；届满后仍未履行的，方可申请强制执行",
                perform_by=demand_perform_by.isoformat(),
            )
        )
    if applied_on > apply_by:
        found.append(
            violation(
                "QZ-53",
                f"申请人民法院强制执行的期限（复议、诉讼期限届满之日起三个月）已于"
                f"{apply_by:%Y-%m-%d}届满，不能再申请",
                apply_by=apply_by.isoformat(),
                periods_end=periods_end.isoformat(),
            )
        )
    return found


def remedy(
    *, served_on: dt.date | None, filed_on: dt.date, today: dt.date, pending_same_kind: bool
) -> list[Violation]:
    """XF-73: only a recorded, real proceeding pauses the surcharge."""
    if served_on is None or filed_on < served_on:
        return [
            violation(
                "XF-73",
                "复议或诉讼的申请日期不能早于处罚决定送达日期；"
                "只有依法提起的复议、诉讼期间不计加处罚款",
            )
        ]
    if filed_on > today:
        return [violation("XF-73", "不能登记尚未提起的复议或诉讼")]
    if pending_same_kind:
        return [violation("XF-73", "已有同类复议或诉讼尚未审结；请先登记其结果")]
    return []


def close(case: PenaltyCase, *, cash_not_deposited: int = 0) -> list[Violation]:
    found: list[Violation] = []
    if case.procedure == PenaltyCase.Procedure.SIMPLE and case.filed_on is None:
        found.append(
            violation(
                "XF-52",
                "当场作出的行政处罚决定应当报所属行政机关备案；请先备案再结案",
                filing_due=case.filing_due.isoformat() if case.filing_due else None,
            )
        )
    if cash_not_deposited:
        found.append(
            violation(
                "XF-71",
                "当场收缴的罚款尚未缴付指定银行；请先登记交至本机关和缴付银行的情况再结案",
                payments=cash_not_deposited,
            )
        )
    return found


# 出示执法证件 (XF-55, XF-52) ------------------------------------------------------------------------


def certificates_shown(shown: Sequence[Staff], on: dt.date, where: str) -> list[Violation]:
    """XF-55: at least two officers (XF-42) showed a valid certificate (ORG-1), none of them an
    auxiliary (ORG-2). The officer checks of ``org.checks`` decide; the refusal cites XF-55 because
    what is missing is the record of showing, not the case's staffing."""
    underlying = enforcing_officers(shown, on)
    if not underlying:
        return []
    why = "；".join(v.message for v in underlying)
    return [
        violation(
            "XF-55",
            f"{where}应当记录两名以上执法人员出示有效的执法证件（{why}）；"
            "请勾选实际出示证件的持证执法人员",
            shown=[p.username for p in shown],
            because=[v.rule for v in underlying],
        )
    ]


# 先行登记保存 (XF-56) -----------------------------------------------------------------------------


def preservation_registration(
    *, approved_on: dt.date | None, preserved_on: dt.date
) -> list[Violation]:
    """XF-56: items are preserved by registration only after the head approved it."""
    if approved_on is None:
        return [
            violation(
                "XF-56",
                "先行登记保存证据须经行政机关负责人批准；请先报负责人批准，再登记保存物品",
            )
        ]
    if preserved_on < approved_on:
        return [
            violation(
                "XF-56",
                f"负责人于{approved_on:%Y-%m-%d}批准先行登记保存，登记保存日期不能早于批准日期",
                approved_on=approved_on.isoformat(),
            )
        ]
    return []


def preservation_decision(
    *, decide_by: dt.date, decided_on: dt.date, late_reason: str
) -> list[Violation]:
    """XF-56: a decision on the items within seven working days; a late one only with a reason."""
    if decided_on > decide_by and not late_reason.strip():
        return [
            violation(
                "XF-56",
                f"对先行登记保存的物品应当在七个工作日内（{decide_by:%Y-%m-%d}前）作出处理决定，"
                "已逾期；逾期作出的须写明逾期原因",
                decide_by=decide_by.isoformat(),
            )
        ]
    return []


def preservations_decided(undecided: Sequence[dt.date | None]) -> list[Violation]:
    """XF-56: the investigation does not end while preserved items wait for a decision."""
    if undecided:
        first = min((d for d in undecided if d is not None), default=None)
        return [
            violation(
                "XF-56",
                "尚有先行登记保存的物品未作出处理决定，不能调查终结；请先作出处理决定"
                + (f"（应于{first:%Y-%m-%d}前）" if first else ""),
                open=len(undecided),
            )
        ]
    return []


# 当场收缴罚款的上缴 (XF-71) ------------------------------------------------------------------------


def cash_hand_in(
    *, hand_in_by: dt.date, handed_in_on: dt.date, late_reason: str
) -> list[Violation]:
    if handed_in_on > hand_in_by and not late_reason.strip():
        return [
            violation(
                "XF-71",
                f"当场收缴的罚款应当自收缴之日起二个工作日内（{hand_in_by:%Y-%m-%d}前）"
                "交至行政机关，已逾期；逾期交纳的须写明原因",
                due=hand_in_by.isoformat(),
            )
        ]
    return []


def cash_deposit(
    *, handed_in: bool, deposit_by: dt.date | None, deposited_on: dt.date, late_reason: str
) -> list[Violation]:
    if not handed_in or deposit_by is None:
        return [
            violation(
                "XF-71",
                "当场收缴的罚款须先由执法人员交至本机关，再由本机关缴付指定银行；"
                "请先登记交至本机关的情况",
            )
        ]
    if deposited_on > deposit_by and not late_reason.strip():
        return [
            violation(
                "XF-71",
                f"行政机关应当在二个工作日内（{deposit_by:%Y-%m-%d}前）将罚款缴付指定的银行，"
                "已逾期；逾期缴付的须写明原因",
                due=deposit_by.isoformat(),
            )
        ]
    return []


# --- helper:due3 --- XF-72.2 ---------------------------------------------------------------------


def after_arrangement(applied_on: dt.date, arrangement_end: dt.date | None) -> list[Violation]:
    """XF-72.2: after an approved deferral or instalment plan the party is not in default before
    its end; the period for applying to the court runs from then."""
    if arrangement_end is None or applied_on > arrangement_end:
        return []
    return [
        violation(
            "XF-72.2",
            f"已批准暂缓或分期缴纳罚款，缴纳期限至{arrangement_end:%Y-%m-%d}届满；"
            "期限届满前不能申请人民法院强制执行，申请期限自期限届满之日起计算",
            arrangement_end=arrangement_end.isoformat(),
        )
    ]


# --- /helper:due3 ---


# --- helper:due3 --- XF-69 ----------------------------------------------------------------------


def remote_collection(*, unit_code: str, unit_name: str, listed: Sequence[str]) -> list[Violation]:
    """XF-69: on-the-spot collection on the party's request beyond XF-68 only for a case of a unit
    the bureau lists as remote, on water or poorly connected (setting ``on_spot_remote_units``)."""
    if unit_code in listed:
        return []
    return [
        violation(
            "XF-69",
            f"“{unit_name}”不在本机关确定的边远、水上、交通不便地区名单内，"
            "不能因当事人申请当场收缴罚款；请当事人到指定银行或通过电子支付缴纳",
            unit=unit_code,
        )
    ]


# --- /helper:due3 ---
