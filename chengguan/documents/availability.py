"""Which 文书 a case can produce in its current state: a decision document only once decided, etc."""

from __future__ import annotations

from chengguan.core import clock
from chengguan.documents.casedata import proposal_hearing_right
from chengguan.documents.kinds import Kind
from chengguan.penalties.models import PenaltyCase
from chengguan.penalties.states import Status

_AFTER_SERVICE = {Status.SERVED, Status.ENFORCEMENT, Status.PAID, Status.CLOSED, Status.ARCHIVED}
_DECIDED = {Status.DECIDED, *_AFTER_SERVICE}


def unavailable_reason(case: PenaltyCase, kind: str) -> str:
    """Why ``kind`` cannot be produced now (Chinese, says what comes first), or "" when it can."""
    general = case.procedure == PenaltyCase.Procedure.GENERAL
    outcome = case.decision_kind or case.outcome
    penalty = outcome == PenaltyCase.Outcome.PENALTY
    no_penalty = outcome in {
        PenaltyCase.Outcome.NO_PENALTY_MINOR,
        PenaltyCase.Outcome.NO_PENALTY_UNFOUNDED,
    }
    decided = case.decided_on is not None and case.status in _DECIDED
    if kind == Kind.STATEMENT_RECORD:  # helper:forms
        if case.statements.filter(waiver=False).exists():
            return ""
        return "当事人尚未提出陈述申辩"
    if kind == Kind.REGISTRATION:
        return "" if general else "简易程序案件不制作立案审批表"
    if kind == Kind.NOTICE:
        if not general:
            return "简易程序案件不制作事先告知书"
        if not (penalty and case.proposal):
            return "须先调查终结并提出拟处罚意见，方可制作行政处罚事先告知书"
        return ""
    if kind == Kind.HEARING_NOTICE:
        if not general:
            return "简易程序案件不制作听证告知书"
        notice = case.notices.order_by("-id").first()
        has_right = (
            notice.hearing_right
            if notice is not None
            else (penalty and bool(case.proposal) and proposal_hearing_right(case))
        )
        return "" if has_right else "拟作出的行政处罚不属于应当告知听证权利的情形"
    if kind == Kind.REVIEW_OPINION:
        return "" if case.reviews.exists() else "本案尚未进行法制审核"
    if kind == Kind.DISCUSSION_RECORD:
        return "" if case.discussions.exists() else "本案尚未进行集体讨论"
    if kind == Kind.DECISION:
        return (
            ""
            if general and penalty and decided
            else "须先作出行政处罚决定，方可制作行政处罚决定书"
        )
    if kind == Kind.ONSITE_DECISION:
        return (
            ""
            if not general and decided
            else "仅简易程序已作出当场处罚决定的案件可制作当场处罚决定书"
        )
    if kind == Kind.NO_PENALTY_DECISION:
        return (
            "" if no_penalty and decided else "须先作出不予行政处罚决定，方可制作不予行政处罚决定书"
        )
    if kind == Kind.SERVICE_RECEIPT:
        return "" if decided else "须先作出决定，方可制作送达回证"
    if kind == Kind.CLOSING_APPROVAL:
        if case.status in _AFTER_SERVICE or case.status == Status.TRANSFERRED:
            return ""
        return "须先送达决定书（或移送），方可制作结案审批表"
    if kind == Kind.DEMAND:
        return _demand_reason(case)
    # --- helper:execdocs --- decision 090
    if kind == Kind.COURT_APPLICATION:
        return _court_reason(case)
    if kind == Kind.TRANSFER_LETTER:
        return (
            ""
            if case.transfers.filter(kind="competent_body").exists()
            else "须先将案件移送有管辖权的机关（XF-22），方可制作案件移送书"
        )
    if kind == Kind.CRIME_TRANSFER:
        return (
            ""
            if case.transfers.filter(kind="judicial").exists()
            else "须先作出涉嫌犯罪案件移送决定（XF-27），方可制作涉嫌犯罪案件移送书"
        )
    # --- /helper:execdocs ---
    return "未知的文书种类"


# --- helper:execdocs ---
def _court_reason(case: PenaltyCase) -> str:
    """行政强制法第五十四条: the application follows a 催告 whose ten working days passed with the
    fine unpaid; once filed it stays printable."""
    if case.enforcements.exists():
        return ""
    last = case.demands.order_by("-served_on", "-id").first()
    if not case.fine_amount or last is None:
        return "须先送达催告书，催告期限届满仍未履行的，方可制作强制执行申请书"
    if case.paid_on is not None:
        return "罚款已缴纳，无须申请人民法院强制执行"
    if last.perform_by is None or clock.today() <= last.perform_by:
        return "催告书规定的履行期限尚未届满，届满后仍未履行的方可制作强制执行申请书"
    return ""


# --- /helper:execdocs ---


def _demand_reason(case: PenaltyCase) -> str:
    """A 催告书 is printed once the fine is overdue (to be served), and stays printable once one
    has been served (QZ-54)."""
    if case.demands.exists():
        return ""
    if not case.fine_amount or case.status != Status.SERVED:
        return "仅已送达罚款决定且逾期未缴纳的案件可制作催告书"
    due = case.pay_by
    if due is None or clock.today() <= due:
        return "当事人缴款期限尚未届满，届满后仍未缴纳的方可制作催告书"
    return ""
