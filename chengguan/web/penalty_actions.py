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
from chengguan.disclosure import actions as disclosure_actions
from chengguan.law.models import Level, PenaltyType
from chengguan.org.models import Staff
from chengguan.org.permissions import can
from chengguan.org.roles import Role
from chengguan.penalties import actions
from chengguan.penalties.models import Evidence, Payment, PenaltyCase
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
    "publish": ("disclosure.publish", False),
}
ORDER = [
    "register",
    "evidence",
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
    "file_onsite",
    "close",
    "archive",
    "extend",
    "recuse",
    "publish",
    "record_remedy",
]
SECONDARY = {
    "extend",
    "statement",
    "request_hearing",
    "waive",
    "discuss",
    "recuse",
    "record_remedy",
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
    ("执行", {Status.SERVED}),
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
        out.append(action)
    return out


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
                Field("chair", "听证主持人（用户名）", "text", required=True),
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
                    initial=str(case.fine_amount or ""),
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
    # register, waive, file_onsite, close, archive, publish: a confirmation only
    return ActionForm(action, label, [], primary=action not in SECONDARY)


def forms_for(user: Staff, case: PenaltyCase) -> list[ActionForm]:
    forms = [form_for(a, user, case) for a in available(user, case)]
    return open_first_primary(forms)


Call = Callable[[Staff, int, QueryDict, str], PenaltyCase]

CALLS: dict[str, Call] = {
    "register": lambda u, pk, d, blob: actions.register(pk, actor=u),
    "evidence": lambda u, pk, d, blob: actions.add_evidence(
        pk, actor=u, kind=d.get("kind", ""), description=d.get("description", ""), blob=blob or None
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
    "publish": lambda u, pk, d, blob: _publish(u, pk),
}


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
    (Role.OFFICER, frozenset({Status.SERVED}), "督促缴纳"),
    (Role.HEAD, frozenset({Status.PAID, Status.TRANSFERRED}), "批准结案"),
    (Role.REVIEWER, frozenset({Status.CLOSED}), "归档"),
]
