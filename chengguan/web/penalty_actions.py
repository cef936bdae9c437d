"""The penalty-case forms a user sees now, and the action call each form makes.

The rules live in the domain: ``penalties.steps`` says which steps this user may start now (from
states.ALLOWED and the permission each action requires), ``web.penalty_forms`` builds each step's
form, and the action still decides, so a refusal by law (e.g. XF-58 before legal review) comes back
with its rule and article.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import QueryDict

from chengguan.core.errors import Invalid, StateError
from chengguan.disclosure import actions as disclosure_actions
from chengguan.org.models import Staff
from chengguan.penalties import actions, queries
from chengguan.penalties.checks.opening import GROUNDS
from chengguan.penalties.models import PenaltyCase
from chengguan.penalties.steps import offered
from chengguan.web import penalty_forms
from chengguan.web.formspec import ActionForm, date, flag, open_first_primary
from chengguan.web.penalty_forms.execution import pending_arrangement


def forms_for(user: Staff, case: PenaltyCase) -> list[ActionForm]:
    forms = [form_for(a, user, case) for a in offered(user, case)]
    return open_first_primary(forms)


def form_for(action: str, user: Staff, case: PenaltyCase) -> ActionForm:
    return penalty_forms.form_for(action, case)


# Reading the forms -------------------------------------------------------------------------------


def grounds_from(data: QueryDict) -> list[str]:
    """The ticked grounds; a line typed with the Chinese label (an older form, a paste) is read as
    its id, so nobody has to know ``refused_correction``."""
    by_label = {label: key for key, label in GROUNDS.items()}
    found: list[str] = []
    for value in data.getlist("grounds"):
        for line in value.splitlines():
            text = line.strip()
            if text:
                key = by_label.get(text.split("】")[-1], text)
                if key not in found:
                    found.append(key)
    return found


def decision_from(data: QueryDict) -> dict[str, Any]:
    return {
        "penalty_types": data.getlist("penalty_types"),
        "fine_amount": data.get("fine_amount", "").strip() or None,
        "level": data.get("level", ""),
        "grounds": grounds_from(data),
        "correction": data.get("correction", ""),
        "deviation_reason": data.get("deviation_reason", ""),
    }


def items_from(data: QueryDict) -> list[dict[str, str]]:
    """The lines of the preservation form (``三轮车（蓝色） 1辆 局暂扣物品库``) as item rows."""
    rows: list[dict[str, str]] = []
    for n, line in enumerate(data.get("items", "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.replace("\u3000", " ").rsplit(maxsplit=2)
        if len(parts) != 3:
            raise Invalid(
                "物品清单格式有误",
                details={"items": f"第{n}行应为“名称及特征 数量 存放地点/保管人”"},
            )
        rows.append({"description": parts[0], "quantity": parts[1], "location": parts[2]})
    return rows


def schedule_from(data: QueryDict) -> list[dict[str, Any]]:
    """The instalment lines of the approval form (``2000 2025-07-10``) as the action's rows."""
    rows: list[dict[str, Any]] = []
    for n, line in enumerate(data.get("schedule", "").splitlines(), start=1):
        parts = line.replace("，", " ").replace(",", " ").split()
        if not parts:
            continue
        if len(parts) != 2:
            raise Invalid(
                "分期计划格式有误",
                details={"schedule": f"第{n}行应为“金额 期限”，如 2000 2025-07-10"},
            )
        rows.append({"amount": parts[0], "due_on": parts[1]})
    return rows


# --- helper:hearing2 ---
def _discuss(u: Staff, pk: int, d: QueryDict) -> object:
    """CL-6: the heads who took part (usernames), and the proposal a ruling on a departure is
    about; ``approves_deviation`` is "" (no ruling), "1" or "0"."""
    ruling = d.get("approves_deviation", "")
    return actions.discuss(
        pk,
        actor=u,
        participants=d.getlist("participants"),
        minutes=d.get("minutes", ""),
        conclusion=d.get("conclusion", ""),
        about_level=d.get("about_level", "") if ruling else "",
        about_fine=(d.get("about_fine", "").strip() or None) if ruling else None,
        approves_deviation={"1": True, "0": False}.get(ruling),
    )


# --- /helper:hearing2 ---


# The calls each form makes (the result is not used: the page is read again) ---------------


Call = Callable[[Staff, int, QueryDict, str], object]

CALLS: dict[str, Call] = {
    "register": lambda u, pk, d, blob: actions.register(pk, actor=u, opinion=d.get("opinion", "")),
    "evidence": lambda u, pk, d, blob: actions.add_evidence(
        pk,
        actor=u,
        kind=d.get("kind", ""),
        description=d.get("description", ""),
        blob=blob or None,
        certificates_shown=d.getlist("certificates_shown"),
        # --- helper:daily --- issue #15 item 4: the day the evidence was taken (TM-1/TM-2)
        collected_on=date(d, "collected_on", "取证日期"),
        backdate_reason=d.get("backdate_reason", ""),
        backdate_approved_by=d.get("backdate_approved_by", ""),
        # --- /helper:daily ---
    ),
    "approve_preservation": lambda u, pk, d, blob: _approve_preservation(u, pk, d),
    "preserve": lambda u, pk, d, blob: _preserve(u, pk, d),
    "decide_preservation": lambda u, pk, d, blob: _decide_preservation(u, pk, d),
    "hand_in": lambda u, pk, d, blob: actions.hand_in(
        pk,
        actor=u,
        handed_in_on=date(d, "handed_in_on", "交至本机关日期"),
        receiver=d.get("receiver", ""),
        late_reason=d.get("late_reason", ""),
    ),
    "deposit": lambda u, pk, d, blob: actions.deposit(
        pk,
        actor=u,
        deposited_on=date(d, "deposited_on", "缴付银行日期"),
        bank_slip=d.get("bank_slip", ""),
        late_reason=d.get("late_reason", ""),
    ),
    "conclude": lambda u, pk, d, blob: actions.conclude(
        pk,
        actor=u,
        outcome=d.get("outcome", ""),
        report=d.get("report", ""),
        proposal=decision_from(d) if d.get("outcome") == "penalty" else None,
    ),
    "review": lambda u, pk, d, blob: actions.review(
        pk, actor=u, approved=flag(d, "approved"), opinion=d.get("opinion", "")
    ),
    "discuss": lambda u, pk, d, blob: _discuss(u, pk, d),
    "notify": lambda u, pk, d, blob: actions.notify(
        pk, actor=u, served_on=date(d, "served_on", "送达日期")
    ),
    "statement": lambda u, pk, d, blob: actions.statement(
        pk,
        actor=u,
        content=d.get("content", ""),
        accepted=flag(d, "accepted"),
        review_opinion=d.get("review_opinion", ""),  # helper:forms
    ),
    "waive": lambda u, pk, d, blob: actions.waive(
        pk,
        actor=u,
        record=d.get("record", ""),
        blob=blob or None,
        witnessed_by=d.getlist("witnessed_by"),
    ),
    "request_hearing": lambda u, pk, d, blob: actions.request_hearing(
        pk, actor=u, requested_on=date(d, "requested_on", "申请日期")
    ),
    "hearing": lambda u, pk, d, blob: actions.hold_hearing(
        pk,
        actor=u,
        held_on=date(d, "held_on", "听证日期"),
        record_text=d.get("record", ""),
        notified_on=date(d, "notified_on", "通知听证日期") if d.get("notified_on") else None,
        transcript_signed=flag(d, "transcript_signed"),
        unsigned_note=d.get("unsigned_note", ""),
    ),
    # --- helper:hearing2 --- XF-64
    "name_chair": lambda u, pk, d, blob: actions.name_chair(pk, actor=u, chair=d.get("chair", "")),
    "challenge_chair": lambda u, pk, d, blob: actions.challenge_chair(
        pk, actor=u, reason=d.get("reason", ""), upheld=flag(d, "upheld")
    ),
    # --- /helper:hearing2 ---
    "decide": lambda u, pk, d, blob: actions.decide(pk, actor=u, decision=decision_from(d)),
    "serve": lambda u, pk, d, blob: actions.serve(
        pk,
        actor=u,
        served_on=date(d, "served_on", "送达日期"),
        method=d.get("method", "") or "direct",
        consent=flag(d, "consent"),
        certificates_shown=d.getlist("certificates_shown"),
        recipient=d.get("recipient", ""),
        witnesses=_names(d.get("witnesses", "")),
        photo_blob=blob or None,
        receipt_signed_on=(
            date(d, "receipt_signed_on", "邮寄回执签收日期")
            if d.get("receipt_signed_on", "").strip()
            else None
        ),
        attempts=_attempts_from(d.get("attempts", "")),
        backdate_reason=d.get("backdate_reason", ""),
        backdate_approved_by=d.get("backdate_approved_by", ""),
    ),
    "pay": lambda u, pk, d, blob: actions.pay(
        pk,
        actor=u,
        amount=d.get("amount", ""),
        paid_on=date(d, "paid_on", "缴纳日期"),
        channel=d.get("channel", ""),
        receipt_no=d.get("receipt_no", ""),
        voucher_no=d.get("voucher_no", ""),
        backdate_reason=d.get("backdate_reason", ""),
        backdate_approved_by=d.get("backdate_approved_by", ""),
        remote_request=d.get("remote_request", ""),  # helper:due3 (XF-69)
    ),
    "file_onsite": lambda u, pk, d, blob: actions.file_onsite(pk, actor=u),
    "extend": lambda u, pk, d, blob: actions.extend(
        pk, actor=u, until=date(d, "until", "延长日期"), reason=d.get("reason", "")
    ),
    "close": lambda u, pk, d, blob: actions.close(pk, actor=u),
    "archive": lambda u, pk, d, blob: actions.archive(pk, actor=u),
    "recuse": lambda u, pk, d, blob: actions.recuse(
        pk,
        actor=u,
        officer=d.get("officer", ""),
        reason=d.get("reason", ""),
        granted=flag(d, "granted"),
        replacement=d.get("replacement", "").strip() or None,
    ),
    # --- helper:due3 ---
    "transfer": lambda u, pk, d, blob: actions.transfer(
        pk,
        actor=u,
        kind=d.get("kind", ""),
        to=d.get("to", ""),
        reason=d.get("reason", ""),
        decided_on=date(d, "decided_on", "移送决定日期"),
        handed_over_on=date(d, "handed_over_on", "移交案卷日期"),
        receipt=d.get("receipt", ""),
        approved_by=d.get("approved_by", ""),
        suspected_crime_on=(
            date(d, "suspected_crime_on", "发现涉嫌犯罪日期")
            if d.get("suspected_crime_on", "").strip()
            else None
        ),
        late_reason=d.get("late_reason", ""),
    ),
    # --- /helper:due3 ---
    "record_remedy": lambda u, pk, d, blob: _remedy(u, pk, d),
    "conclude_remedy": lambda u, pk, d, blob: _conclude_remedy(u, pk, d),
    "apply_arrangement": lambda u, pk, d, blob: actions.apply_arrangement(
        pk,
        actor=u,
        kind=d.get("kind", ""),
        applied_on=date(d, "applied_on", "申请日期"),
        reason=d.get("reason", ""),
    ),
    "decide_arrangement": lambda u, pk, d, blob: _decide_arrangement(u, pk, d),
    "demand": lambda u, pk, d, blob: actions.demand(
        pk, actor=u, served_on=date(d, "served_on", "送达日期"), method=d.get("method", "")
    ),
    "apply_enforcement": lambda u, pk, d, blob: actions.apply_enforcement(
        pk,
        actor=u,
        court=d.get("court", ""),
        applied_on=date(d, "applied_on", "申请日期"),
        document_number=d.get("document_number", ""),
    ),
    "enforcement_outcome": lambda u, pk, d, blob: actions.enforcement_outcome(
        pk,
        actor=u,
        outcome=d.get("outcome", ""),
        outcome_on=date(d, "outcome_on", "结果日期"),
        ruling_number=d.get("ruling_number", ""),
        note=d.get("note", ""),
    ),
    "publish": lambda u, pk, d, blob: _publish(u, pk),
}


def _attempts_from(text: str) -> list[dict[str, str]]:
    """SD-2 attempts typed one a line as "日期 方式 原因"; the method by its code or its label."""
    by_label = {label: code for code, label in PenaltyCase.ServiceMethod.choices}
    rows = []
    for n, line in enumerate(text.splitlines(), start=1):
        parts = line.split(maxsplit=2)
        if not parts:
            continue
        if len(parts) < 3:
            raise Invalid(
                "送达未果记录有误",
                details={"attempts": f"第{n}行应为：日期 方式 原因"},
            )
        on, method, result = parts
        rows.append({"on": on, "method": by_label.get(method, method), "result": result})
    return rows


def _names(text: str) -> list[str]:
    """Witness names typed in one box, separated by 、，, or spaces."""
    for sep in "，,；; ":
        text = text.replace(sep, "、")
    return [n for n in (part.strip() for part in text.split("、")) if n]


def _decide_preservation(user: Staff, pk: int, d: QueryDict) -> object:
    chosen = d.get("preservation", "")
    if not chosen.isdigit():
        raise Invalid("请选择先行登记保存记录", details={"preservation": "必选"})
    return actions.decide_preservation(
        pk,
        preservation_id=int(chosen),
        actor=user,
        handling=d.get("handling", ""),
        note=d.get("note", ""),
        late_reason=d.get("late_reason", ""),
    )


def _decide_arrangement(user: Staff, pk: int, d: QueryDict) -> object:
    pending = pending_arrangement(queries.case(user, pk))
    if pending is None:
        raise StateError("没有待审批的暂缓或分期缴纳申请")
    approved = flag(d, "approved")
    due = d.get("due_on", "").strip()
    return actions.decide_arrangement(
        pk,
        arrangement_id=pending.pk,
        actor=user,
        approved=approved,
        opinion=d.get("opinion", ""),
        due_on=date(d, "due_on", "暂缓缴纳期限") if approved and due else None,
        instalments=schedule_from(d) if approved else None,
    )


def _conclude_remedy(user: Staff, pk: int, d: QueryDict) -> object:
    remedy = d.get("remedy", "")
    if not remedy.isdigit():
        raise Invalid("请选择复议或诉讼", details={"remedy": "必选"})
    return actions.conclude_remedy(
        pk,
        remedy_id=int(remedy),
        actor=user,
        concluded_on=date(d, "concluded_on", "审结日期"),
        outcome=d.get("outcome", ""),
        head_appeared=flag(d, "head_appeared"),
        note=d.get("note", ""),
    )


def _approve_preservation(user: Staff, pk: int, d: QueryDict) -> object:
    return actions.approve_preservation(pk, actor=user, reason=d.get("reason", ""))


def _preserve(user: Staff, pk: int, d: QueryDict) -> object:
    return actions.preserve(
        pk,
        actor=user,
        items=items_from(d),
        preserved_on=date(d, "preserved_on", "登记保存日期"),
    )


def _remedy(user: Staff, pk: int, d: QueryDict) -> object:
    return actions.record_remedy(
        pk,
        actor=user,
        kind=d.get("kind", ""),
        filed_on=date(d, "filed_on", "申请日期"),
        body=d.get("body", ""),
        note=d.get("note", ""),
        proof_number=d.get("proof_number", ""),
        proof_date=(
            date(d, "proof_date", "受理通知书日期") if d.get("proof_date", "").strip() else None
        ),
        backdate_reason=d.get("backdate_reason", ""),
        backdate_approved_by=d.get("backdate_approved_by", ""),
    )


def _publish(user: Staff, pk: int) -> object:
    return disclosure_actions.publish_decision(actor=user, case_id=pk)
