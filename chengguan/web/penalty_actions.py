"""Which penalty-case actions this user may take now, their forms, and the calls they make.

As for city cases, the rules live in the domain (states.ALLOWED, permissions, checks); the page asks
them so it shows a form exactly when the action may start — and the action still decides, so a
refusal by law (e.g. XF-58 before legal review) comes back with its rule and article.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import QueryDict

from chengguan.core import clock
from chengguan.core.errors import Invalid, StateError
from chengguan.disclosure import actions as disclosure_actions
from chengguan.documents.casedata import bureau_data
from chengguan.law.models import Level, PenaltyType
from chengguan.org.checks import valid_certificate
from chengguan.org.models import Staff
from chengguan.org.permissions import can
from chengguan.org.roles import Role
from chengguan.penalties import actions, money, queries
from chengguan.penalties.models import (
    CertificateShown,
    EnforcementApplication,
    Evidence,
    Payment,
    PaymentArrangement,
    PenaltyCase,
    Preservation,
    RemedyProceeding,
)
from chengguan.penalties.states import ALLOWED, Status
from chengguan.web.formspec import ActionForm, Field, date, flag, open_first_primary

LABELS = {
    "register": "立案",
    "evidence": "登记证据",
    "conclude": "调查终结",
    "review": "法制审核",
    "discuss": "集体讨论",
    "notify": "事先告知",
    "statement": "陈述申辩",
    "waive": "书面放弃陈述申辩",
    "request_hearing": "申请听证",
    "hearing": "举行听证",
    "decide": "作出决定",
    "serve": "送达",
    "pay": "缴纳罚款",
    "file_onsite": "当场处罚备案",
    "extend": "延长办案期限",
    "close": "结案",
    "archive": "归档",
    "publish": "公示",
    "recuse": "回避决定",
    "record_remedy": "登记复议/诉讼",
    "conclude_remedy": "登记复议/诉讼结果",
    "apply_arrangement": "登记暂缓/分期缴纳申请",
    "decide_arrangement": "审批暂缓/分期缴纳",
    "demand": "催告",
    "apply_enforcement": "申请人民法院强制执行",
    "enforcement_outcome": "登记法院执行结果",
    "approve_preservation": "批准先行登记保存",
    "preserve": "先行登记保存物品",
    "decide_preservation": "先行登记保存物品处理决定",
    "hand_in": "当场收缴罚款交至本机关",
    "deposit": "当场收缴罚款缴付银行",
}
# action → (permission, must be one of the case's officers)
PERMS: dict[str, tuple[str, bool]] = {
    "register": ("penalties.register", False),
    "evidence": ("penalties.act", True),
    "conclude": ("penalties.act", True),
    "review": ("penalties.review", False),
    "discuss": ("penalties.discuss", False),
    "notify": ("penalties.act", True),
    "statement": ("penalties.act", True),
    "waive": ("penalties.act", True),
    "request_hearing": ("penalties.act", True),
    "hearing": ("penalties.act", True),
    "decide": ("penalties.decide", False),
    "serve": ("penalties.act", True),
    "pay": ("penalties.act", True),
    "file_onsite": ("penalties.file", False),
    "extend": ("penalties.extend", False),
    "close": ("penalties.close", False),
    "archive": ("penalties.archive", False),
    "recuse": ("penalties.recuse", False),
    "record_remedy": ("penalties.remedy", False),
    "conclude_remedy": ("penalties.remedy", False),
    "publish": ("disclosure.publish", False),
    "apply_arrangement": ("penalties.act", True),
    "decide_arrangement": ("penalties.arrangement", False),
    "demand": ("penalties.act", True),
    "apply_enforcement": ("penalties.enforce", False),
    "enforcement_outcome": ("penalties.enforce", False),
    "approve_preservation": ("penalties.preservation", False),
    "preserve": ("penalties.act", True),
    "decide_preservation": ("penalties.preservation", False),
    "hand_in": ("penalties.act", True),
    "deposit": ("penalties.deposit", False),
}
ORDER = [
    "register",
    "evidence",
    "preserve",
    "decide_preservation",
    "conclude",
    "notify",
    "waive",
    "statement",
    "request_hearing",
    "hearing",
    "review",
    "discuss",
    "decide",
    "serve",
    "pay",
    "hand_in",
    "deposit",
    "decide_arrangement",
    "demand",
    "apply_enforcement",
    "enforcement_outcome",
    "apply_arrangement",
    "file_onsite",
    "close",
    "archive",
    "extend",
    "recuse",
    "approve_preservation",
    "publish",
    "record_remedy",
    "conclude_remedy",
]
SECONDARY = {
    "approve_preservation",
    "extend",
    "statement",
    "request_hearing",
    "waive",
    "discuss",
    "recuse",
    "record_remedy",
    "conclude_remedy",
    "apply_arrangement",
}
# Actions of other domains offered on the case page, with the statuses they may start from.
EXTRA_ALLOWED = {
    "publish": frozenset(
        {Status.DECIDED, Status.SERVED, Status.PAID, Status.CLOSED, Status.ARCHIVED}
    ),
}

# The stepper: the stages of the general procedure and the statuses that mean each is done.
STAGES = [
    ("立案", {Status.PENDING_REGISTRATION}),
    ("调查取证", {Status.REGISTERED, Status.INVESTIGATING}),
    ("调查终结", {Status.INVESTIGATED}),
    ("告知与陈述申辩", {Status.NOTIFIED, Status.HEARING_REQUESTED, Status.HEARD}),
    ("决定", set()),
    ("送达", {Status.DECIDED}),
    ("执行", {Status.SERVED, Status.ENFORCEMENT}),
    ("结案", {Status.PAID, Status.TRANSFERRED}),
    ("归档", {Status.CLOSED}),
]


def stepper(case: PenaltyCase) -> list[dict[str, Any]]:
    """Each stage as done / current / to do; ``current`` is the stage the case waits in."""
    current = next((i for i, (_, sts) in enumerate(STAGES) if case.status in sts), len(STAGES))
    if case.procedure == PenaltyCase.Procedure.SIMPLE and case.status == Status.DECIDED:
        current = 5
    return [
        {"label": label, "state": "done" if i < current else "current" if i == current else "todo"}
        for i, (label, _) in enumerate(STAGES)
    ]


def available(user: Staff, case: PenaltyCase) -> list[str]:
    officer_ids = {o.pk for o in case.officers.all()}
    notice = case.notices.order_by("-id").first()
    out = []
    for action in ORDER:
        perm, on_case = PERMS[action]
        starts = ALLOWED.get(action) or EXTRA_ALLOWED.get(action, frozenset())
        if case.status not in starts or not can(user, perm, case):
            continue
        if action == "publish" and (
            case.decision_kind != PenaltyCase.Outcome.PENALTY
            or case.publications.filter(status="published").exists()
        ):
            continue
        if on_case and user.pk not in officer_ids:
            continue
        if action == "request_hearing" and not (notice and notice.hearing_right):
            continue
        if action == "pay" and not case.fine_amount:
            continue
        if action == "file_onsite" and (
            case.procedure != PenaltyCase.Procedure.SIMPLE or case.filed_on is not None
        ):
            continue
        if action == "close" and case.status == Status.SERVED and case.fine_amount:
            continue
        if not _execution_offered(action, case):
            continue
        out.append(action)
    return out


def _execution_offered(action: str, case: PenaltyCase) -> bool:
    """Execution forms only where they make sense now; the action still checks the law."""
    arrangements = list(case.arrangements.all())
    pending = [a for a in arrangements if a.status == PaymentArrangement.Status.PENDING]
    if action == "apply_arrangement":
        return (
            bool(case.fine_amount)
            and not pending
            and not any(a.status == PaymentArrangement.Status.APPROVED for a in arrangements)
        )
    if action == "decide_arrangement":
        return bool(pending)
    if action == "demand":
        return bool(case.fine_amount) and case.pay_by is not None and clock.today() > case.pay_by
    if action == "apply_enforcement":
        return bool(case.fine_amount) and case.demands.exists()
    if action == "enforcement_outcome":
        app = case.enforcements.first()
        return app is not None and not app.concluded
    if action == "close" and case.status == Status.ENFORCEMENT:
        app = case.enforcements.first()
        return app is not None and app.concluded
    if action == "conclude_remedy":
        return case.remedies.filter(concluded_on__isnull=True).exists()
    statuses = {p.status for p in case.preservations.all()}
    if action == "preserve":
        return Preservation.Status.APPROVED in statuses
    if action == "decide_preservation":
        return Preservation.Status.PRESERVED in statuses
    if action in ("hand_in", "deposit"):
        return any(step == action for step, _, _ in queries.cash_steps(case))
    # XF-71: a case with on-the-spot cash not yet in the bank is not offered for closing.
    return not (action == "close" and money.cash_not_deposited(case))


def _amount_due(case: PenaltyCase) -> Any:
    """What the pay form proposes: the next instalment with its surcharge, or the whole fine."""
    rest = money.unpaid_instalments(case)
    if rest:
        return (
            rest[0].amount
            + money.instalment_surcharge(
                rest[0], clock.today(), [(r.filed_on, r.concluded_on) for r in case.remedies.all()]
            )[1]
        )
    return case.fine_amount


def hearing_chairs(case: PenaltyCase) -> list[tuple[str, str]]:
    """Who may chair the hearing (XF-64, ORG-4): active staff of the bureau in an enforcement,
    legal or supervising role, never an investigating officer of the case or one who withdrew."""
    excluded = {o.pk for o in case.officers.all()}
    excluded |= set(case.recusals.filter(granted=True).values_list("officer_id", flat=True))
    rows = (
        Staff.objects.filter(
            bureau_id=case.bureau_id,
            is_active=True,
            roles__role__in=[Role.OFFICER, Role.REVIEWER, Role.HEAD, Role.SUPERVISOR],
        )
        .exclude(pk__in=excluded)
        .distinct()
        .order_by("username")
    )
    return [(p.username, f"{p.display_name}（{p.username}）") for p in rows]


def _decision_fields(initial: dict[str, Any] | None, with_deviation: bool) -> list[Field]:
    init = initial or {}
    fields = [
        Field(
            "penalty_types",
            "处罚种类",
            "multi",
            choices=list(PenaltyType.choices),
            initial=list(init.get("penalty_types") or []),
        ),
        Field("fine_amount", "罚款金额（元）", "number", initial=init.get("fine_amount") or ""),
        Field(
            "level",
            "裁量阶次",
            "select",
            required=True,
            choices=list(Level.choices),
            initial=init.get("level") or "general",
        ),
        Field(
            "grounds",
            "裁量情节（每行一条）",
            "textarea",
            initial="\n".join(init.get("grounds") or []),
        ),
        Field("correction", "责令改正内容", "textarea", initial=init.get("correction") or ""),
    ]
    if with_deviation:
        fields.append(Field("deviation_reason", "偏离裁量基准的理由（如有）", "textarea"))
    return fields


def decision_from(data: QueryDict) -> dict[str, Any]:
    return {
        "penalty_types": data.getlist("penalty_types"),
        "fine_amount": data.get("fine_amount", "").strip() or None,
        "level": data.get("level", ""),
        "grounds": [g.strip() for g in data.get("grounds", "").splitlines() if g.strip()],
        "correction": data.get("correction", ""),
        "deviation_reason": data.get("deviation_reason", ""),
    }


def form_for(action: str, user: Staff, case: PenaltyCase) -> ActionForm:
    today = clock.today().isoformat()
    label = LABELS[action]
    if action == "evidence":
        return ActionForm(
            action,
            label,
            [
                Field(
                    "kind", "证据种类", "select", required=True, choices=list(Evidence.Kind.choices)
                ),
                Field("description", "证据说明", "textarea", required=True),
                Field("file", "证据文件（可选）", "file"),
                _shown_field(case, "询问、检查笔录须记录两名以上执法人员出示执法证件"),
            ],
        )
    if action == "conclude":
        return ActionForm(
            action,
            label,
            [
                Field(
                    "outcome",
                    "调查结论",
                    "select",
                    required=True,
                    choices=list(PenaltyCase.Outcome.choices),
                    initial="penalty",
                ),
                Field("report", "调查终结报告", "textarea"),
                *_decision_fields(None, False),
            ],
        )
    if action == "review":
        return ActionForm(
            action,
            label,
            [
                Field(
                    "approved",
                    "审核结论",
                    "radio",
                    required=True,
                    choices=[("1", "同意"), ("0", "不同意，退回补正")],
                ),
                Field("opinion", "审核意见", "textarea", required=True),
            ],
        )
    if action == "discuss":
        return ActionForm(
            action,
            label,
            [
                Field("participants", "参加人员（每行一人，至少三人）", "textarea", required=True),
                Field("minutes", "讨论记录", "textarea", required=True),
                Field("conclusion", "讨论结论", "textarea", required=True),
            ],
            primary=False,
        )
    if action == "notify":
        return ActionForm(
            action,
            label,
            [Field("served_on", "告知书送达日期", "date", required=True, initial=today)],
        )
    if action == "statement":
        return ActionForm(
            action,
            label,
            [
                Field("content", "陈述申辩内容", "textarea", required=True),
                Field("accepted", "复核后采纳", "checkbox"),
            ],
            primary=False,
        )
    if action == "request_hearing":
        return ActionForm(
            action,
            label,
            [Field("requested_on", "申请日期", "date", required=True, initial=today)],
            primary=False,
        )
    if action == "hearing":
        return ActionForm(
            action,
            label,
            [
                Field("held_on", "听证日期", "date", required=True, initial=today),
                Field(
                    "chair",
                    "听证主持人（非本案调查人员）",
                    "select",
                    required=True,
                    choices=hearing_chairs(case),
                ),
                Field("record", "听证笔录", "textarea", required=True),
            ],
        )
    if action == "decide":
        return ActionForm(action, label, _decision_fields(case.proposal, True))
    if action == "serve":
        return ActionForm(
            action,
            label,
            [
                Field("served_on", "送达日期", "date", required=True, initial=today),
                Field(
                    "method",
                    "送达方式",
                    "select",
                    required=True,
                    choices=list(PenaltyCase.ServiceMethod.choices),
                    initial="direct",
                ),
                Field("consent", "当事人同意电子送达", "checkbox"),
                *_onsite_shown(case),
            ],
        )
    if action == "pay":
        return ActionForm(
            action,
            label,
            [
                Field(
                    "amount",
                    "缴纳金额（元）",
                    "number",
                    required=True,
                    initial=str(_amount_due(case) or ""),
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
                Field("receipt_no", "票据号", "text"),
            ],
        )
    if action == "extend":
        return ActionForm(
            action,
            label,
            [
                Field("until", "延长至", "date", required=True),
                Field("reason", "延期理由", "textarea", required=True),
            ],
            primary=False,
        )
    if action == "recuse":
        officers = [(o.username, o.display_name) for o in case.officers.all()]
        return ActionForm(
            action,
            label,
            [
                Field("officer", "申请回避的执法人员", "select", required=True, choices=officers),
                Field("reason", "回避理由", "textarea", required=True),
                Field(
                    "granted",
                    "决定",
                    "radio",
                    required=True,
                    choices=[("1", "准予回避"), ("0", "不予回避")],
                ),
                Field("replacement", "替换的执法人员（用户名，准予回避时填写）", "text"),
            ],
            primary=False,
        )
    if action == "record_remedy":
        return ActionForm(
            action,
            label,
            [
                Field(
                    "kind",
                    "类别",
                    "select",
                    required=True,
                    choices=[("reconsideration", "行政复议"), ("litigation", "行政诉讼")],
                ),
                Field("filed_on", "申请/起诉日期", "date", required=True, initial=today),
                Field("body", "复议机关/受理法院", "text"),
                Field("note", "说明", "textarea"),
            ],
            primary=False,
        )
    execution = _execution_form(action, label, case, today) or _preservation_form(
        action, label, case, today
    )
    if execution is not None:
        return execution
    # register, waive, file_onsite, close, archive, publish: a confirmation only
    return ActionForm(action, label, [], primary=action not in SECONDARY)


def _shown_field(case: PenaltyCase, help_text: str) -> Field:
    """XF-55: the case's officers with their certificate numbers, none ticked: the record says who
    actually showed a certificate, so each one is an affirmative entry, not a default."""
    today = clock.today()
    choices = []
    for o in case.officers.order_by("id").prefetch_related("certificates"):
        cert = valid_certificate(o, today)
        choices.append(
            (
                o.username,
                f"{o.display_name}（执法证 {cert.number}）"
                if cert
                else f"{o.display_name}（无有效执法证）",
            )
        )
    return Field(
        "certificates_shown",
        "出示执法证件的执法人员",
        "multi",
        choices=choices,
        initial=[],
        help=help_text,
    )


def _onsite_shown(case: PenaltyCase) -> list[Field]:
    """XF-52/XF-55: asked when an on-the-spot decision is handed over, unless already recorded."""
    if (
        case.procedure != PenaltyCase.Procedure.SIMPLE
        or case.certificates_shown.filter(
            occasion=CertificateShown.Occasion.ONSITE_DECISION
        ).exists()
    ):
        return []
    return [_shown_field(case, "当场作出处罚决定时，执法人员应当向当事人出示执法证件")]


def _preservation_form(action: str, label: str, case: PenaltyCase, today: str) -> ActionForm | None:
    if action == "approve_preservation":
        return ActionForm(
            action,
            label,
            [
                Field(
                    "reason",
                    "理由（证据可能灭失或者以后难以取得的情况）",
                    "textarea",
                    required=True,
                )
            ],
            primary=False,
        )
    if action == "preserve":
        return ActionForm(
            action,
            label,
            [
                Field(
                    "items",
                    "物品清单（每行一项：名称及特征 数量 存放地点/保管人）",
                    "textarea",
                    required=True,
                    help="例如：三轮车（蓝色） 1辆 局暂扣物品库",
                ),
                Field("preserved_on", "登记保存日期", "date", required=True, initial=today),
            ],
        )
    if action == "decide_preservation":
        rows = [
            (
                str(p.pk),
                f"{p.preserved_on:%Y-%m-%d}登记：" + "、".join(i["description"] for i in p.items),
            )
            for p in case.preservations.filter(status=Preservation.Status.PRESERVED)
        ]
        return ActionForm(
            action,
            label,
            [
                Field(
                    "preservation",
                    "先行登记保存",
                    "select",
                    required=True,
                    choices=rows,
                    initial=rows[0][0] if len(rows) == 1 else "",
                ),
                Field(
                    "handling",
                    "处理决定",
                    "select",
                    required=True,
                    choices=list(Preservation.Handling.choices),
                ),
                Field("note", "处理说明", "textarea", required=True),
                Field("late_reason", "逾期原因（超过七个工作日作出的必填）", "textarea"),
            ],
        )
    if action == "hand_in":
        return ActionForm(
            action,
            label,
            [
                Field("handed_in_on", "交至本机关日期", "date", required=True, initial=today),
                Field("receiver", "本机关接收人", "text", required=True),
                Field("late_reason", "逾期原因（超过二个工作日的必填）", "textarea"),
            ],
        )
    if action == "deposit":
        return ActionForm(
            action,
            label,
            [
                Field("deposited_on", "缴付银行日期", "date", required=True, initial=today),
                Field("bank_slip", "银行缴款单号", "text", required=True),
                Field("late_reason", "逾期原因（交至本机关后超过二个工作日的必填）", "textarea"),
            ],
        )
    return None


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


def _decide_preservation(user: Staff, pk: int, d: QueryDict) -> PenaltyCase:
    chosen = d.get("preservation", "")
    if not chosen.isdigit():
        raise Invalid("请选择先行登记保存记录", details={"preservation": "必选"})
    actions.decide_preservation(
        pk,
        preservation_id=int(chosen),
        actor=user,
        handling=d.get("handling", ""),
        note=d.get("note", ""),
        late_reason=d.get("late_reason", ""),
    )
    return PenaltyCase.objects.get(pk=pk)


def _pending_arrangement(case: PenaltyCase) -> PaymentArrangement | None:
    return case.arrangements.filter(status=PaymentArrangement.Status.PENDING).first()


def _execution_form(action: str, label: str, case: PenaltyCase, today: str) -> ActionForm | None:
    if action == "conclude_remedy":
        open_remedies = [
            (str(r.pk), f"{r.get_kind_display()}（{r.filed_on:%Y-%m-%d}提起）")
            for r in case.remedies.filter(concluded_on__isnull=True)
        ]
        return ActionForm(
            action,
            label,
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
            primary=False,
        )
    if action == "apply_arrangement":
        return ActionForm(
            action,
            label,
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
            primary=False,
        )
    if action == "decide_arrangement":
        pending = _pending_arrangement(case)
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
        return ActionForm(action, label + what, fields)
    if action == "demand":
        return ActionForm(
            action,
            label,
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
            primary=not case.demands.exists(),
        )
    if action == "apply_enforcement":
        return ActionForm(
            action,
            label,
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
    if action == "enforcement_outcome":
        app = case.enforcements.first()
        choices = list(EnforcementApplication.Outcome.choices)
        if app is not None and app.outcome == EnforcementApplication.Outcome.GRANTED:
            choices = [c for c in choices if c[0] in ("completed", "terminated")]
        return ActionForm(
            action,
            label,
            [
                Field("outcome", "法院处理结果", "select", required=True, choices=choices),
                Field("outcome_on", "结果日期", "date", required=True, initial=today),
                Field("ruling_number", "裁定书文号", "text"),
                Field("note", "说明", "textarea"),
            ],
        )
    return None


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


def _decide_arrangement(user: Staff, pk: int, d: QueryDict) -> PenaltyCase:
    case = PenaltyCase.objects.get(pk=pk)
    pending = _pending_arrangement(case)
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


def _conclude_remedy(user: Staff, pk: int, d: QueryDict) -> PenaltyCase:
    remedy = d.get("remedy", "")
    if not remedy.isdigit():
        raise Invalid("请选择复议或诉讼", details={"remedy": "必选"})
    actions.conclude_remedy(
        pk,
        remedy_id=int(remedy),
        actor=user,
        concluded_on=date(d, "concluded_on", "审结日期"),
        outcome=d.get("outcome", ""),
        head_appeared=flag(d, "head_appeared"),
        note=d.get("note", ""),
    )
    return PenaltyCase.objects.get(pk=pk)


def forms_for(user: Staff, case: PenaltyCase) -> list[ActionForm]:
    forms = [form_for(a, user, case) for a in available(user, case)]
    return open_first_primary(forms)


Call = Callable[[Staff, int, QueryDict, str], PenaltyCase]

CALLS: dict[str, Call] = {
    "register": lambda u, pk, d, blob: actions.register(pk, actor=u),
    "evidence": lambda u, pk, d, blob: actions.add_evidence(
        pk,
        actor=u,
        kind=d.get("kind", ""),
        description=d.get("description", ""),
        blob=blob or None,
        certificates_shown=d.getlist("certificates_shown"),
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
    "discuss": lambda u, pk, d, blob: actions.discuss(
        pk,
        actor=u,
        participants=[p.strip() for p in d.get("participants", "").splitlines() if p.strip()],
        minutes=d.get("minutes", ""),
        conclusion=d.get("conclusion", ""),
    ),
    "notify": lambda u, pk, d, blob: actions.notify(
        pk, actor=u, served_on=date(d, "served_on", "送达日期")
    ),
    "statement": lambda u, pk, d, blob: actions.statement(
        pk, actor=u, content=d.get("content", ""), accepted=flag(d, "accepted")
    ),
    "waive": lambda u, pk, d, blob: actions.waive(pk, actor=u),
    "request_hearing": lambda u, pk, d, blob: actions.request_hearing(
        pk, actor=u, requested_on=date(d, "requested_on", "申请日期")
    ),
    "hearing": lambda u, pk, d, blob: actions.hold_hearing(
        pk,
        actor=u,
        held_on=date(d, "held_on", "听证日期"),
        chair=d.get("chair", ""),
        record_text=d.get("record", ""),
    ),
    "decide": lambda u, pk, d, blob: actions.decide(pk, actor=u, decision=decision_from(d)),
    "serve": lambda u, pk, d, blob: actions.serve(
        pk,
        actor=u,
        served_on=date(d, "served_on", "送达日期"),
        method=d.get("method", ""),
        consent=flag(d, "consent"),
        certificates_shown=d.getlist("certificates_shown"),
    ),
    "pay": lambda u, pk, d, blob: actions.pay(
        pk,
        actor=u,
        amount=d.get("amount", ""),
        paid_on=date(d, "paid_on", "缴纳日期"),
        channel=d.get("channel", ""),
        receipt_no=d.get("receipt_no", ""),
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


def _approve_preservation(user: Staff, pk: int, d: QueryDict) -> PenaltyCase:
    actions.approve_preservation(pk, actor=user, reason=d.get("reason", ""))
    return PenaltyCase.objects.get(pk=pk)


def _preserve(user: Staff, pk: int, d: QueryDict) -> PenaltyCase:
    actions.preserve(
        pk,
        actor=user,
        items=items_from(d),
        preserved_on=date(d, "preserved_on", "登记保存日期"),
    )
    return PenaltyCase.objects.get(pk=pk)


def _remedy(user: Staff, pk: int, d: QueryDict) -> PenaltyCase:
    actions.record_remedy(
        pk,
        actor=user,
        kind=d.get("kind", ""),
        filed_on=date(d, "filed_on", "申请日期"),
        body=d.get("body", ""),
        note=d.get("note", ""),
    )
    return PenaltyCase.objects.get(pk=pk)


def _publish(user: Staff, pk: int) -> PenaltyCase:
    disclosure_actions.publish_decision(actor=user, case_id=pk)
    return PenaltyCase.objects.get(pk=pk)


# What a role is expected to do, for 我的待办 (the first matching entry wins).
TODO: list[tuple[str, frozenset[str], str]] = [
    (Role.HEAD, frozenset({Status.PENDING_REGISTRATION}), "审批立案"),
    (Role.OFFICER, frozenset({Status.REGISTERED, Status.INVESTIGATING}), "调查取证"),
    (Role.OFFICER, frozenset({Status.INVESTIGATED}), "事先告知"),
    (Role.OFFICER, frozenset({Status.NOTIFIED}), "陈述申辩/听证"),
    (Role.OFFICER, frozenset({Status.HEARING_REQUESTED}), "组织听证"),
    (Role.REVIEWER, frozenset({Status.INVESTIGATED, Status.NOTIFIED, Status.HEARD}), "法制审核"),
    (Role.HEAD, frozenset({Status.NOTIFIED, Status.HEARD}), "作出决定"),
    (Role.OFFICER, frozenset({Status.DECIDED}), "送达决定书"),
    (Role.HEAD, frozenset({Status.ENFORCEMENT}), "强制执行与结案"),
    (Role.OFFICER, frozenset({Status.SERVED}), "督促缴纳"),
    (Role.HEAD, frozenset({Status.PAID, Status.TRANSFERRED}), "批准结案"),
    (Role.REVIEWER, frozenset({Status.CLOSED}), "归档"),
]
