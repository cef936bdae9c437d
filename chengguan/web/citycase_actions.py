"""Which city-case actions this user may take now, the form each one shows, and the call it makes.

The rules themselves live in citycases (states.TRANSITIONS, permissions, checks); this module only
asks them, so a button is shown exactly when the action would be allowed to start.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import QueryDict

from chengguan.citycases import actions, queries
from chengguan.citycases.models import CityCase, Extension
from chengguan.citycases.states import (
    ACTION_LABELS,
    HOTLINE_SOURCES,
    OPEN_STATUSES,
    TRANSITIONS,
    Satisfaction,
)
from chengguan.org import queries as org_queries
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import can
from chengguan.org.roles import Role  # --- helper:permits2 ---
from chengguan.permits import queries as permit_queries  # --- helper:permits2 ---
from chengguan.web.formspec import ActionForm, Field, as_int, open_first_primary
from chengguan.web.formspec import flag as _bool

PERMS = {
    "file": "citycases.file",
    "reject": "citycases.reject",
    "merge": "citycases.merge",
    "dispatch": "citycases.dispatch",
    "return": "citycases.return",
    "handle": "citycases.handle",
    "verify": "citycases.verify",
    "close": "citycases.close",
    "callback": "citycases.callback",
    "reopen": "citycases.reopen",
    "extend": "citycases.extend",
    "decide_extension": "citycases.decide_extension",
    "suspend": "citycases.suspend",
    "resume": "citycases.suspend",
}
# Actions of the unit the case was dispatched to (ORG-5).
UNIT_ACTIONS = frozenset({"return", "handle", "extend"})
ORDER = [
    "file",
    "dispatch",
    "handle",
    "verify",
    "close",
    "callback",
    "decide_extension",
    "extend",
    "return",
    "reject",
    "merge",
    "suspend",
    "resume",
    "reopen",
]


def _pending_extension(case: CityCase) -> bool:
    return case.extensions.filter(decision=Extension.Decision.PENDING).exists()


def available(user: Staff, case: CityCase) -> list[str]:
    pending: bool | None = None
    out: list[str] = []
    for action in ORDER:
        starts, _ = TRANSITIONS[action]
        if case.status not in starts or not can(user, PERMS[action], case):
            continue
        if action in UNIT_ACTIONS and (case.unit_id is None or case.unit_id != user.unit_id):
            continue
        if action in {"return", "handle", "extend", "suspend"} and case.suspended:
            continue
        if action == "resume" and not case.suspended:
            continue
        if action == "merge" and not case.duplicate_candidates:
            continue
        if action == "callback" and (case.source not in HOTLINE_SOURCES or case.callback_at):
            continue
        if action in {"extend", "decide_extension"}:
            if pending is None:
                pending = _pending_extension(case)
            if pending != (action == "decide_extension"):
                continue
        out.append(action)
    return out


def dispatch_units(user: Staff) -> list[OrgUnit]:
    rows = org_queries.units(user).filter(active=True, kind__in=actions.DISPATCH_KINDS)
    return list(rows.order_by("kind", "code"))


def form_for(action: str, user: Staff, case: CityCase) -> ActionForm:
    label = ACTION_LABELS.get(action, action)
    reason = Field("reason", "理由", "textarea", required=True)
    if action == "file":
        cats = [(c.code, f"{c.code} {c.major_name}·{c.name}") for c in queries.categories(user)]
        return ActionForm(
            action,
            "立案",
            [
                Field(
                    "category",
                    "案件类别",
                    "select",
                    choices=cats,
                    initial=case.category.code,
                    help="如上报的类别有误，可在立案时更正",
                ),
                Field("urgent", "紧急案件", "checkbox", initial="1" if case.urgent else ""),
            ],
        )
    if action == "dispatch":
        proposed = case.proposed_unit
        units = [
            (u.code, u.name + ("（建议）" if proposed and u.pk == proposed.pk else ""))
            for u in dispatch_units(user)
        ]
        return ActionForm(
            action,
            "派遣",
            [
                Field(
                    "unit",
                    "处置部门",
                    "select",
                    required=True,
                    choices=units,
                    initial=proposed.code if proposed else "",
                    help=f"派遣规则建议：{proposed.name}"
                    if proposed
                    else "派遣规则没有建议部门，请选择",
                ),
                Field("note", "派遣说明", "textarea"),
            ],
        )
    if action == "handle":
        return ActionForm(
            action,
            "处置完毕",
            [
                Field("result", "处置结果", "textarea", required=True),
                Field("photo", "处置后照片（可选）", "file"),
            ],
        )
    if action == "verify":
        return ActionForm(
            action,
            "核查",
            [
                Field(
                    "passed",
                    "核查结论",
                    "radio",
                    required=True,
                    choices=[("1", "通过（问题已解决）"), ("0", "不通过（返工）")],
                ),
                Field("note", "核查意见", "textarea", help="不通过时必须填写返工理由"),
                # --- helper:daily --- issue #15 item 4: the photo taken on site at verification
                Field("photo", "核查现场照片（可选）", "file"),
                # --- /helper:daily ---
            ],
        )
    if action == "close":
        hotline = case.source in HOTLINE_SOURCES
        return ActionForm(
            action,
            "结案",
            [
                Field(
                    "reply",
                    "答复诉求人" if hotline else "结案说明",
                    "textarea",
                    required=hotline,
                    initial=case.reply,
                    help="12345、信访等工单须先答复诉求人方可办结" if hotline else "",
                ),
                # --- helper:service --- the "721" outcome the case itself cannot tell
                Field(
                    "outcome_721",
                    "721分类",
                    "radio",
                    choices=[
                        ("service", "服务（处置、劝导、指导解决）"),
                        ("management", "管理（责令整改、约谈等）"),
                        ("enforcement", "执法（立案查处）"),
                    ],
                    help="已立案查处的案件统计时计为执法",
                ),
                # --- /helper:service ---
            ],
        )
    if action == "callback":
        return ActionForm(
            action,
            "回访",
            [
                Field(
                    "satisfaction",
                    "满意度",
                    "select",
                    required=True,
                    choices=list(Satisfaction.choices),
                ),
                Field("note", "回访记录", "textarea"),
            ],
        )
    if action == "merge":
        dups = list(queries.cases(user).filter(pk__in=case.duplicate_candidates))
        return ActionForm(
            action,
            "合并为重复诉求",
            [
                Field(
                    "into",
                    "合并至",
                    "select",
                    required=True,
                    choices=[(str(d.pk), f"{d.number} {d.description[:20]}") for d in dups],
                ),
                Field("reason", "说明", "textarea"),
            ],
            primary=False,
        )
    if action == "extend":
        return ActionForm(
            action,
            "申请延期",
            [
                Field("hours", "延长（工作时）", "number", required=True, initial="4"),
                reason,
            ],
            primary=False,
        )
    if action == "decide_extension":
        ext = case.extensions.filter(decision=Extension.Decision.PENDING).first()
        help_text = f"申请延长 {ext.hours} 工作时：{ext.reason}" if ext else ""
        return ActionForm(
            action,
            "审批延期",
            [
                Field(
                    "approved",
                    "审批结论",
                    "radio",
                    required=True,
                    choices=[("1", "批准"), ("0", "不批准")],
                    help=help_text,
                ),
                Field("note", "审批意见", "textarea"),
            ],
        )
    if action == "resume":
        return ActionForm(action, "恢复办理", [Field("note", "说明", "textarea")])
    # return, reject, reopen, suspend: a reason only
    return ActionForm(
        action, label, [reason], primary=action not in {"return", "reject", "reopen", "suspend"}
    )


# --- helper:permits2 --- 涉及的许可 (issue #14): not a transition, shown on open cases
# The matters a permit governs (street trading, advertising, construction waste): the form is
# offered on their cases only, to keep other case pages to their workflow (the API takes any).
PERMIT_MATTERS = ("广告", "摊", "占道经营", "游商", "建筑垃圾", "渣土")


def _may_link_permit(user: Staff, case: CityCase) -> bool:
    if case.status not in OPEN_STATUSES or not can(user, "citycases.link_permit", case):
        return False
    named = case.category.code in queries.STREET_TRADING or any(
        word in case.category.name for word in PERMIT_MATTERS
    )
    if not named and case.permit_link_id is None:
        return False
    return user.has_role(Role.CENTER, Role.INSPECTOR) or (
        case.unit_id is not None and case.unit_id == user.unit_id
    )


def _link_permit_form(case: CityCase) -> ActionForm:
    return ActionForm(
        "link_permit",
        "登记涉及的许可",
        [
            Field(
                "permit", "涉及的许可证编号", help="当事人持有许可但违反许可条件或超出范围时填写"
            ),
            Field(
                "unlicensed_kind",
                "无证：应取得的许可",
                "select",
                choices=permit_queries.kind_choices(case.bureau_id),
                help="未取得许可（无证）时选择；与许可证编号二选一",
            ),
            Field("note", "说明"),
        ],
        primary=False,
    )


# --- /helper:permits2 ---


def forms_for(user: Staff, case: CityCase) -> list[ActionForm]:
    forms = [form_for(a, user, case) for a in available(user, case)]
    if _may_link_permit(user, case):  # --- helper:permits2 ---
        forms.append(_link_permit_form(case))
    return open_first_primary(forms)


CALLS: dict[str, Callable[[Staff, int, QueryDict], CityCase]] = {
    "file": lambda u, pk, d: actions.file(
        actor=u, case_id=pk, category=d.get("category") or None, urgent=_bool(d, "urgent")
    ),
    "reject": lambda u, pk, d: actions.reject(actor=u, case_id=pk, reason=d.get("reason", "")),
    "merge": lambda u, pk, d: actions.merge(
        actor=u, case_id=pk, into=as_int(d.get("into")), reason=d.get("reason", "")
    ),
    "dispatch": lambda u, pk, d: actions.dispatch(
        actor=u, case_id=pk, unit=d.get("unit") or None, note=d.get("note", "")
    ),
    "return": lambda u, pk, d: actions.return_case(actor=u, case_id=pk, reason=d.get("reason", "")),
    "handle": lambda u, pk, d: actions.handle(actor=u, case_id=pk, result=d.get("result", "")),
    "verify": lambda u, pk, d: actions.verify(
        actor=u, case_id=pk, passed=_bool(d, "passed"), note=d.get("note", "")
    ),
    "close": lambda u, pk, d: actions.close(
        actor=u,
        case_id=pk,
        reply=d.get("reply", ""),
        outcome_721=d.get("outcome_721", ""),  # --- helper:service ---
    ),
    "callback": lambda u, pk, d: actions.callback(
        actor=u, case_id=pk, satisfaction=d.get("satisfaction", ""), note=d.get("note", "")
    ),
    "reopen": lambda u, pk, d: actions.reopen(actor=u, case_id=pk, reason=d.get("reason", "")),
    "extend": lambda u, pk, d: actions.request_extension(
        actor=u, case_id=pk, hours=d.get("hours", ""), reason=d.get("reason", "")
    ),
    "decide_extension": lambda u, pk, d: actions.decide_extension(
        actor=u, case_id=pk, approved=_bool(d, "approved"), note=d.get("note", "")
    ),
    "suspend": lambda u, pk, d: actions.suspend(actor=u, case_id=pk, reason=d.get("reason", "")),
    "resume": lambda u, pk, d: actions.resume(actor=u, case_id=pk, note=d.get("note", "")),
    # --- helper:permits2 ---
    "link_permit": lambda u, pk, d: actions.link_permit(
        actor=u,
        case_id=pk,
        permit=d.get("permit", ""),
        unlicensed_kind=d.get("unlicensed_kind", ""),
        note=d.get("note", ""),
    ),
    # --- /helper:permits2 ---
}
