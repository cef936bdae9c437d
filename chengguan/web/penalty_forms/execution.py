"""Forms of execution and remedies: payment, on-the-spot cash, deferral, demand, court, 复议/诉讼."""

from __future__ import annotations

from typing import Any

from chengguan.core import clock
from chengguan.documents.casedata import bureau_data
from chengguan.penalties import money
from chengguan.penalties.models import (
    EnforcementApplication,
    Payment,
    PaymentArrangement,
    PenaltyCase,
    RemedyProceeding,
)
from chengguan.penalties.steps import Step
from chengguan.web.formspec import ActionForm, Field
from chengguan.web.penalty_forms.backdate import backdate_fields
from chengguan.web.penalty_forms.fields import Builder, form


def amount_due(case: PenaltyCase) -> Any:
    """What the pay form proposes: the next instalment with its surcharge, or the whole fine."""
    rest = money.unpaid_instalments(case)
    if rest:
        return (
            rest[0].amount
            + money.instalment_surcharge(rest[0], clock.today(), money.remedy_pauses(case))[1]
        )
    return case.fine_amount


def pending_arrangement(case: PenaltyCase) -> PaymentArrangement | None:
    return case.arrangements.filter(status=PaymentArrangement.Status.PENDING).first()


def _pay(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(
        step,
        [
            Field(
                "amount",
                "缴纳金额（元）",
                "number",
                required=True,
                initial=str(amount_due(case) or ""),
            ),
            Field("paid_on", "缴纳日期", "date", required=True, initial=today),
            Field(
                "channel",
                "缴纳方式",
                "select",
                required=True,
                choices=list(Payment.Channel.choices),
                initial="bank",
            ),
            Field("voucher_no", "银行/电子缴款凭证号", "text"),
            Field("receipt_no", "当场收缴票据号", "text"),
            # helper:due3 (XF-69): only in the areas the bureau lists as remote.
            Field(
                "remote_request",
                "当事人申请当场缴纳的理由（边远、水上、交通不便地区）",
                "textarea",
            ),
            *backdate_fields(case),
        ],
    )


def _hand_in(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(
        step,
        [
            Field("handed_in_on", "交至本机关日期", "date", required=True, initial=today),
            Field("receiver", "本机关接收人", "text", required=True),
            Field("late_reason", "逾期原因（超过二个工作日的必填）", "textarea"),
        ],
    )


def _deposit(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(
        step,
        [
            Field("deposited_on", "缴付银行日期", "date", required=True, initial=today),
            Field("bank_slip", "银行缴款单号", "text", required=True),
            Field("late_reason", "逾期原因（交至本机关后超过二个工作日的必填）", "textarea"),
        ],
    )


def _record_remedy(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(
        step,
        [
            Field(
                "kind",
                "类别",
                "select",
                required=True,
                choices=[("reconsideration", "行政复议"), ("litigation", "行政诉讼")],
            ),
            Field("filed_on", "申请/起诉日期", "date", required=True, initial=today),
            Field("body", "复议机关/受理法院", "text", required=True),
            # XF-73: the acceptance notice proves the proceeding (only then the surcharge pauses).
            Field("proof_number", "受理通知书文号", "text", required=True),
            Field("proof_date", "受理通知书日期", "date", required=True, initial=today),
            Field("note", "说明", "textarea"),
            *backdate_fields(case),
        ],
    )


def _conclude_remedy(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    open_remedies = [
        (str(r.pk), f"{r.get_kind_display()}（{r.filed_on:%Y-%m-%d}提起）")
        for r in case.remedies.filter(concluded_on__isnull=True)
    ]
    return form(
        step,
        [
            Field(
                "remedy",
                "复议/诉讼",
                "select",
                required=True,
                choices=open_remedies,
                initial=open_remedies[0][0] if len(open_remedies) == 1 else "",
            ),
            Field("concluded_on", "审结日期", "date", required=True, initial=today),
            Field(
                "outcome",
                "结果",
                "select",
                required=True,
                choices=list(RemedyProceeding.Outcome.choices),
            ),
            Field("head_appeared", "行政机关负责人出庭应诉", "checkbox"),
            Field("note", "说明", "textarea"),
        ],
    )


def _apply_arrangement(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(
        step,
        [
            Field(
                "kind",
                "申请事项",
                "select",
                required=True,
                choices=list(PaymentArrangement.Kind.choices),
            ),
            Field("applied_on", "申请日期", "date", required=True, initial=today),
            Field("reason", "申请理由（当事人确有经济困难的情况）", "textarea", required=True),
        ],
    )


def _decide_arrangement(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    pending = pending_arrangement(case)
    fields = [
        Field(
            "approved",
            "审批结论",
            "radio",
            required=True,
            choices=[("1", "批准"), ("0", "不予批准")],
        ),
        Field("opinion", "审批意见（理由）", "textarea", required=True),
    ]
    if pending is not None and pending.kind == PaymentArrangement.Kind.DEFERRAL:
        fields.append(Field("due_on", "暂缓缴纳至（批准时填写）", "date"))
    else:
        fields.append(
            Field(
                "schedule",
                "分期计划（批准时填写，每行一期：金额 期限）",
                "textarea",
                help=f"各期金额合计应等于罚款 {case.fine_amount} 元，例如：2000 2025-07-10",
            )
        )
    what = f"：{pending.get_kind_display()}，{pending.reason}" if pending else ""
    return ActionForm(step.name, step.label + what, fields)


def _demand(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(
        step,
        [
            Field("served_on", "催告书送达日期", "date", required=True, initial=today),
            Field(
                "method",
                "送达方式",
                "select",
                required=True,
                choices=list(PenaltyCase.ServiceMethod.choices),
                initial="direct",
            ),
        ],
        # A repeated demand is a side step; the first one is the next thing to do.
        primary=not case.demands.exists(),
    )


def _apply_enforcement(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(
        step,
        [
            Field(
                "court",
                "受理法院",
                "text",
                required=True,
                initial=bureau_data(case.bureau).court,
            ),
            Field("applied_on", "申请日期", "date", required=True, initial=today),
            Field("document_number", "强制执行申请书文号", "text", required=True),
        ],
    )


def _enforcement_outcome(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    app = case.enforcements.first()
    choices = list(EnforcementApplication.Outcome.choices)
    if app is not None and app.outcome == EnforcementApplication.Outcome.GRANTED:
        choices = [c for c in choices if c[0] in ("completed", "terminated")]
    return form(
        step,
        [
            Field("outcome", "法院处理结果", "select", required=True, choices=choices),
            Field("outcome_on", "结果日期", "date", required=True, initial=today),
            Field("ruling_number", "裁定书文号", "text"),
            Field("note", "说明", "textarea"),
        ],
    )


FORMS: dict[str, Builder] = {
    "pay": _pay,
    "hand_in": _hand_in,
    "deposit": _deposit,
    "record_remedy": _record_remedy,
    "conclude_remedy": _conclude_remedy,
    "apply_arrangement": _apply_arrangement,
    "decide_arrangement": _decide_arrangement,
    "demand": _demand,
    "apply_enforcement": _apply_enforcement,
    "enforcement_outcome": _enforcement_outcome,
}
