"""The 行政强制执行 forms on a penalty case's execution pages (decision 090), and the action each one
calls. As for the measures (web/measure_actions.py) a form is offered by role, status and whether
the user is an officer of the case; the action still decides, so a refusal by law (QZ-35/36/37/43/
44, TM-1/TM-2) comes back with its rule and article and the form keeps what was typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.http import QueryDict

from chengguan.core import clock
from chengguan.core.errors import Invalid
from chengguan.execution import actions
from chengguan.execution.models import Execution
from chengguan.execution.states import ALLOWED
from chengguan.org.models import Staff
from chengguan.org.permissions import can
from chengguan.org.roles import Role
from chengguan.penalties.models import PenaltyCase
from chengguan.web.formspec import ActionForm, Field, as_int, date, flag

LABELS = {
    "statement": "记录陈述申辩",
    "review": "复核陈述申辩",
    "decide": "作出强制执行决定",
    "notice": "发布限期自行拆除公告",
    "execute": "实施强制执行",
    "end": "终结强制执行",
}
PERMISSIONS = {action: f"execution.{action}" for action in LABELS}
# The steps only an officer of the case takes (the head may also end).
ON_CASE = {"demand", "statement", "notice", "execute", "end"}
METHODS = [
    ("direct", "直接送达"),
    ("left", "留置送达"),
    ("post", "邮寄送达"),
    ("electronic", "电子送达"),
    ("entrusted", "委托/转交送达"),
    ("public", "公告送达"),
]


def _on_case(user: Staff, case: PenaltyCase) -> bool:
    return case.officers.filter(pk=user.pk).exists()


def _backdate_fields() -> list[Field]:
    return [
        Field(
            "backdate_reason",
            "补记理由（日期早于今天3个工作日以上时填写）",
            "text",
            help="TM-2：补记须写明理由并经负责人批准",
        ),
        Field("backdate_approved_by", "批准补记的负责人（用户名）", "text"),
    ]


def demand_form(user: Staff, case: PenaltyCase) -> ActionForm | None:
    """QZ-35: the written 催告 that opens an execution, for an officer of the case."""
    if not can(user, "execution.demand", case) or not _on_case(user, case):
        return None
    today = clock.today()
    orders = [
        (str(o.pk), f"{o.content}（期限 {o.deadline:%Y-%m-%d}）") for o in case.corrections.all()
    ]
    return ActionForm(
        "demand",
        "催告（启动行政强制执行）",
        [
            Field(
                "kind", "执行种类", "select", required=True, choices=list(Execution.Kind.choices)
            ),
            Field("obligation", "当事人应履行的义务", "textarea", required=True),
            Field("correction_id", "未履行的责令改正", "select", choices=orders),
            Field("served_on", "催告书送达日期", "date", required=True, initial=today.isoformat()),
            Field("method", "送达方式", "select", required=True, choices=METHODS, initial="direct"),
            Field(
                "perform_by",
                "履行期限",
                "date",
                required=True,
                initial=(today + dt.timedelta(days=10)).isoformat(),
            ),
            Field("way", "履行方式", "text", required=True),
            Field("amount", "涉及金额（元，罚款时填写）", "number"),
            Field("rights_told", "已告知当事人陈述、申辩的权利", "checkbox", initial=True),
            *_backdate_fields(),
        ],
        open=True,
    )


def _decimal(raw: str) -> Decimal | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        return Decimal(raw)
    except InvalidOperation as exc:
        raise Invalid("金额无效", details={"amount": "应为数字"}) from exc


def demand(user: Staff, case: PenaltyCase, d: QueryDict) -> Execution:
    return actions.demand(
        case.pk,
        actor=user,
        kind=d.get("kind", ""),
        obligation=d.get("obligation", ""),
        served_on=date(d, "served_on", "催告书送达日期"),
        method=d.get("method", ""),
        perform_by=date(d, "perform_by", "履行期限"),
        way=d.get("way", ""),
        rights_told=flag(d, "rights_told"),
        amount=_decimal(d.get("amount", "")),
        correction_id=as_int(d.get("correction_id")) or None,
        backdate_reason=d.get("backdate_reason", ""),
        backdate_approved_by=d.get("backdate_approved_by", ""),
    )


def _form(action: str, ex: Execution) -> ActionForm:
    today = clock.today().isoformat()
    fields: list[Field]
    primary = True
    if action == "statement":
        fields = [
            Field("received_on", "陈述申辩日期", "date", required=True, initial=today),
            Field("text", "陈述申辩内容", "textarea"),
            Field("said_nothing", "当事人在催告期限内未提出陈述申辩", "checkbox"),
            *_backdate_fields(),
        ]
        primary = not ex.statement and not ex.statement_none
    elif action == "review":
        fields = [
            Field("opinion", "复核意见", "textarea", required=True),
            Field("adopted", "陈述申辩成立，予以采纳", "checkbox"),
        ]
        primary = bool(ex.statement) and not ex.review_opinion
    elif action == "decide":
        fields = [
            Field("reason", "强制执行理由", "textarea", required=True),
            Field("method", "强制执行方式", "text", required=True),
            Field(
                "scheduled_at",
                "拟执行时间",
                "text",
                required=True,
                help="如 2025-06-24 10:00（不得在夜间或法定节假日，QZ-43）",
            ),
            Field("emergency", "情况紧急", "checkbox"),
            Field("emergency_reason", "紧急情况说明", "textarea"),
        ]
    elif action == "notice":
        fields = [
            Field("posted_on", "公告日期", "date", required=True, initial=today),
            Field("place", "公告地点", "text", required=True),
            Field("demolish_by", "限期自行拆除至", "date", required=True),
            *_backdate_fields(),
        ]
    elif action == "execute":
        fields = [
            Field("result", "执行情况", "textarea", required=True),
            Field("emergency", "情况紧急（夜间或节假日实施）", "checkbox"),
            Field("emergency_reason", "紧急情况说明", "textarea"),
        ]
    else:
        fields = [
            Field(
                "reason",
                "终结理由",
                "select",
                required=True,
                choices=list(Execution.EndReason.choices),
            ),
            Field("note", "终结说明", "textarea"),
        ]
        primary = False
    return ActionForm(action, LABELS[action], fields, primary=primary)


def forms_for(user: Staff, ex: Execution) -> list[ActionForm]:
    """The steps this user may take on the execution now (role, status, on the case)."""
    case = ex.case
    forms = []
    for action in LABELS:
        if ex.status not in ALLOWED[action] or not can(user, PERMISSIONS[action], case):
            continue
        if action == "notice" and ex.kind != Execution.Kind.DEMOLITION:
            continue
        exempt = action == "end" and user.has_role(Role.HEAD)
        if action in ON_CASE and not exempt and not _on_case(user, case):
            continue
        forms.append(_form(action, ex))
    for form in forms:
        if form.primary:
            form.open = True
            break
    return forms


def _moment(d: QueryDict, name: str, label: str) -> dt.datetime:
    raw = d.get(name, "").strip().replace("T", " ")
    try:
        value = dt.datetime.fromisoformat(raw)
    except ValueError as exc:
        raise Invalid(f"{label}无效", details={name: "应为 年-月-日 时:分"}) from exc
    return value if value.tzinfo else value.replace(tzinfo=clock.SHANGHAI)


Call = Callable[[Staff, int, QueryDict], Execution]

CALLS: dict[str, Call] = {
    "statement": lambda u, eid, d: actions.statement(
        eid,
        actor=u,
        received_on=date(d, "received_on", "陈述申辩日期"),
        text=d.get("text", ""),
        said_nothing=flag(d, "said_nothing"),
        backdate_reason=d.get("backdate_reason", ""),
        backdate_approved_by=d.get("backdate_approved_by", ""),
    ),
    "review": lambda u, eid, d: actions.review(
        eid, actor=u, opinion=d.get("opinion", ""), adopted=flag(d, "adopted")
    ),
    "decide": lambda u, eid, d: actions.decide(
        eid,
        actor=u,
        reason=d.get("reason", ""),
        method=d.get("method", ""),
        scheduled_at=_moment(d, "scheduled_at", "拟执行时间"),
        emergency=flag(d, "emergency"),
        emergency_reason=d.get("emergency_reason", ""),
    ),
    "notice": lambda u, eid, d: actions.notice(
        eid,
        actor=u,
        posted_on=date(d, "posted_on", "公告日期"),
        place=d.get("place", ""),
        demolish_by=date(d, "demolish_by", "限期自行拆除日期"),
        backdate_reason=d.get("backdate_reason", ""),
        backdate_approved_by=d.get("backdate_approved_by", ""),
    ),
    "execute": lambda u, eid, d: actions.execute(
        eid,
        actor=u,
        result=d.get("result", ""),
        emergency=flag(d, "emergency"),
        emergency_reason=d.get("emergency_reason", ""),
    ),
    "end": lambda u, eid, d: actions.end(
        eid, actor=u, reason=d.get("reason", ""), note=d.get("note", "")
    ),
}
