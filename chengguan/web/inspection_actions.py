"""Which inspection actions this user may take now, the form each shows, and the call it makes.

The rules stay in chengguan.inspections (states.ALLOWED, permissions, checks): a button is shown
when the action may start for this user; what it then refuses is the action's word (rule id and
article), shown next to the form with the values kept (formspec.refill).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import QueryDict

from chengguan.core import clock
from chengguan.core.errors import Invalid
from chengguan.inspections import actions, queries
from chengguan.inspections.models import Inspection, InspectionPlan, SupervisedEntity
from chengguan.inspections.states import ALLOWED, PlanStatus, Reason, Status
from chengguan.org import queries as org_queries
from chengguan.org.models import Staff
from chengguan.org.permissions import can
from chengguan.org.roles import Role
from chengguan.web.formspec import ActionForm, Field, as_int, date, open_first_primary

LABELS = {
    "create": "登记检查",
    "approve": "批准检查",
    "check_in": "扫码入企",
    "record": "现场检查记录",
    "photo": "上传现场照片",
    "notify_result": "书面告知检查结果",
    "order_correction": "责令限期改正",
    "close": "办结",
    "recheck": "复查",
    "open_case": "立案查处",
}
PLAN_LABELS = {
    "create_plan": "制定抽查计划",
    "approve": "批准计划",
    "draw": "随机抽取",
    "publish": "公示抽查结果",
}


def _on_it(user: Staff, i: Inspection) -> bool:
    return can(user, "inspections.inspect", i) and i.officers.filter(pk=user.pk).exists()


def available(user: Staff, i: Inspection) -> list[str]:
    out: list[str] = []
    if (
        can(user, "inspections.approve", i)
        and i.approved_on is None
        and i.status in ALLOWED["approve"]
    ):
        out.append("approve")
    if not _on_it(user, i):
        return out
    s = i.status
    if s in ALLOWED["check_in"]:
        out.append("check_in")
    if s in ALLOWED["record"]:
        out.append("record")
    if s in actions.PHOTO_STATUSES:
        out.append("photo")
    if s in ALLOWED["notify_result"]:
        out.append("notify_result")
    if s in ALLOWED["order_correction"] and i.ok is False and i.correction_ordered_on is None:
        out.append("order_correction")
    if s in ALLOWED["close"]:
        out.append("close")
    if s in ALLOWED["recheck"] and i.correction_ordered_on and i.rechecked_on is None:
        out.append("recheck")
    if s in ALLOWED["open_case"] and i.ok is False and not i.case_id:
        out.append("open_case")
    return out


def _officer_choices(user: Staff) -> list[tuple[str, str]]:
    today = clock.today()
    people = (
        org_queries.staff(user)
        .filter(roles__role=Role.OFFICER, is_active=True)
        .prefetch_related("certificates")
        .select_related("unit")
        .distinct()
        .order_by("username")
    )

    def label(p: Staff) -> str:
        valid = any(c.is_valid(today) for c in p.certificates.all())
        unit = p.unit.name if p.unit else ""
        return f"{p.display_name}（{unit}）" + ("" if valid else " — 无有效执法证")

    return [(p.username, label(p)) for p in people]


def form_for(action: str, user: Staff, i: Inspection) -> ActionForm:
    label = LABELS[action]
    today = clock.today().isoformat()
    if action == "check_in":
        return ActionForm(
            action,
            label,
            [
                Field(
                    "code",
                    "检查码",
                    required=True,
                    help="输入或扫描《检查通知书》上的检查码（JC-5）",
                )
            ],
        )
    if action == "record":
        names = [(o.username, o.display_name) for o in i.officers.order_by("username")]
        return ActionForm(
            action,
            label,
            [
                Field(
                    "certificates_shown",
                    "已出示执法证件的检查人员（XF-55）",
                    "multi",
                    choices=names,
                    initial=[n for n, _ in names],
                ),
                Field("findings", "检查情况", "textarea", required=True),
                Field(
                    "ok",
                    "检查结论",
                    "radio",
                    required=True,
                    choices=[("1", "未发现问题"), ("0", "发现问题")],
                ),
                Field("photo", "现场照片（可选）", "file"),
            ],
        )
    if action == "photo":
        return ActionForm(
            action,
            label,
            [Field("photo", "照片", "file", required=True), Field("label", "说明")],
            primary=False,
        )
    if action == "notify_result":
        return ActionForm(
            action,
            label,
            [
                Field("result", "告知内容（检查结果告知书）", "textarea", required=True),
                Field("told_on", "告知日期", "date", initial=today),
            ],
        )
    if action == "order_correction":
        return ActionForm(
            action,
            label,
            [
                Field("content", "责令改正内容", "textarea", required=True),
                Field("deadline", "改正期限", "date", required=True, help="应晚于今天（ZL-1）"),
            ],
        )
    if action == "recheck":
        return ActionForm(
            action,
            label,
            [
                Field(
                    "result",
                    "复查结论",
                    "radio",
                    required=True,
                    choices=[("met", "已整改"), ("unmet", "未整改")],
                ),
                Field("on", "复查日期", "date", initial=today),
                Field("record", "复查记录", "textarea", required=True),
            ],
        )
    if action == "open_case":
        fields = [Field("facts", "违法事实（默认取检查情况）", "textarea")]
        if i.entity.kind == SupervisedEntity.Kind.SITE:
            fields += [
                Field(
                    "party_kind",
                    "当事人类别",
                    "select",
                    required=True,
                    choices=[("organisation", "法人或其他组织"), ("person", "公民")],
                ),
                Field("party_name", "当事人姓名/名称", required=True),
                Field("party_credit_code", "统一社会信用代码"),
                Field("party_address", "住址/地址"),
            ]
        return ActionForm(action, label, fields, primary=False)
    # approve, close: a confirmation
    return ActionForm(action, label, [], primary=action == "approve")


def forms_for(user: Staff, i: Inspection) -> list[ActionForm]:
    return open_first_primary([form_for(a, user, i) for a in available(user, i)])


def _optional_date(d: QueryDict, name: str, label: str) -> Any:
    return date(d, name, label) if d.get(name, "").strip() else None


def _party(d: QueryDict) -> dict[str, Any] | None:
    if not d.get("party_name", "").strip():
        return None
    return {
        "kind": d.get("party_kind", "organisation"),
        "name": d.get("party_name", "").strip(),
        "credit_code": d.get("party_credit_code", "").strip(),
        "address": d.get("party_address", "").strip(),
    }


def _record(u: Staff, pk: int, d: QueryDict) -> Inspection:
    if d.get("ok") not in {"0", "1"}:
        raise Invalid("请选择检查结论", details={"ok": "请选择未发现问题或发现问题"})
    return actions.record_findings(
        pk,
        actor=u,
        findings=d.get("findings", ""),
        ok=d.get("ok") == "1",
        certificates_shown=d.getlist("certificates_shown"),
    )


CALLS: dict[str, Callable[[Staff, int, QueryDict], Inspection]] = {
    "approve": lambda u, pk, d: actions.approve(pk, actor=u),
    "check_in": lambda u, pk, d: actions.check_in(pk, actor=u, code=d.get("code", "")),
    "record": _record,
    "notify_result": lambda u, pk, d: actions.notify_result(
        pk, actor=u, result=d.get("result", ""), told_on=_optional_date(d, "told_on", "告知日期")
    ),
    "order_correction": lambda u, pk, d: actions.order_correction(
        pk,
        actor=u,
        deadline=_optional_date(d, "deadline", "改正期限"),
        content=d.get("content", ""),
    ),
    "close": lambda u, pk, d: actions.close(pk, actor=u),
    "recheck": lambda u, pk, d: actions.recheck(
        pk,
        actor=u,
        on=_optional_date(d, "on", "复查日期"),
        result=d.get("result", ""),
        record_text=d.get("record", ""),
    ),
    "open_case": lambda u, pk, d: actions.open_case(
        pk, actor=u, facts=d.get("facts", ""), party=_party(d)
    ),
}


# The register's "登记检查" form --------------------------------------------------------------


def create_form(user: Staff, entity: SupervisedEntity) -> ActionForm | None:
    if not can(user, "inspections.create"):
        return None
    items = [(it.code, f"{it.code} {it.name}") for it in queries.items(user)]
    drawn = [
        (str(p.pk), f"{p.year}年 {p.item.name}（抽查计划 {p.pk}）")
        for p in queries.plans(user).filter(status=PlanStatus.DRAWN)
        if entity.pk in p.drawn_entities
    ]
    fields = [
        Field("items", "检查事项（可多选：综合查一次）", "multi", choices=items, initial=[]),
        Field("reason", "检查事由", "select", required=True, choices=list(Reason.choices)),
        Field(
            "officers",
            "检查人员（两名持证执法人员，含本人，JC-3）",
            "multi",
            choices=_officer_choices(user),
            initial=[user.username],
        ),
        Field(
            "planned_on", "计划检查日期", "date", required=True, initial=clock.today().isoformat()
        ),
    ]
    if drawn:
        fields.append(
            Field("plan", "按抽查计划（抽中本对象）", "select", choices=drawn, initial=drawn[0][0])
        )
    return ActionForm("create", LABELS["create"], fields, open=True)


def create(user: Staff, entity: SupervisedEntity, d: QueryDict) -> Inspection:
    plan = as_int(d.get("plan")) or None
    return actions.create_inspection(
        actor=user,
        entity=entity.pk,
        items=d.getlist("items"),
        officers=d.getlist("officers"),
        reason=d.get("reason", ""),
        planned_on=date(d, "planned_on", "计划检查日期"),
        plan=plan if d.get("reason") == Reason.PLAN else None,
    )


# Plans ---------------------------------------------------------------------------------------


def plan_create_form(user: Staff) -> ActionForm | None:
    if not can(user, "inspections.plan.create"):
        return None
    items = [(it.code, f"{it.code} {it.name}") for it in queries.items(user) if it.random]
    people = _officer_choices(user)
    return ActionForm(
        "create_plan",
        PLAN_LABELS["create_plan"],
        [
            Field("year", "年度", "number", required=True, initial=clock.today().year),
            Field("item", "检查事项（双随机事项）", "select", required=True, choices=items),
            Field("ratio", "抽查比例（如 0.05）", help="比例与数量填写一项"),
            Field("count", "抽查数量（户）", "number"),
            Field("officers", "执法人员库（不选则为全部持证执法人员）", "multi", choices=people),
            Field("recused", "回避人员", "multi", choices=people),
        ],
        open=False,
    )


def create_plan(user: Staff, d: QueryDict) -> InspectionPlan:
    ratio = d.get("ratio", "").strip() or None
    count_raw = d.get("count", "").strip()
    count: int | None = None
    if count_raw:
        count = as_int(count_raw)
        if count <= 0:
            raise Invalid("抽查数量应为正整数", details={"count": "应为正整数"})
    return actions.create_plan(
        actor=user,
        year=as_int(d.get("year")),
        item=d.get("item", ""),
        ratio=ratio,
        count=count,
        officers=d.getlist("officers"),
        recused=d.getlist("recused"),
    )


def plan_available(user: Staff, plan: InspectionPlan) -> list[str]:
    out: list[str] = []
    if plan.status == PlanStatus.DRAFT and can(user, "inspections.plan.approve", plan):
        out.append("approve")
    if plan.status == PlanStatus.APPROVED and can(user, "inspections.plan.draw", plan):
        out.append("draw")
    if (
        plan.status == PlanStatus.DRAWN
        and plan.published_on is None
        and can(user, "inspections.plan.publish", plan)
    ):
        out.append("publish")
    return out


def plan_forms(user: Staff, plan: InspectionPlan) -> list[ActionForm]:
    out = []
    for a in plan_available(user, plan):
        fields = []
        if a == "draw":
            fields = [
                Field(
                    "seed",
                    "随机种子（可选）",
                    help="不填则由系统生成；种子和抽取输入的哈希记入全过程记录，任何人可复核",
                )
            ]
        out.append(ActionForm(a, PLAN_LABELS[a], fields))
    return open_first_primary(out)


PLAN_CALLS: dict[str, Callable[[Staff, int, QueryDict], InspectionPlan]] = {
    "approve": lambda u, pk, d: actions.approve_plan(pk, actor=u),
    "draw": lambda u, pk, d: actions.draw_plan(
        pk, actor=u, seed=d.get("seed", "").strip()[:64] or None
    ),
    "publish": lambda u, pk, d: actions.publish_plan(pk, actor=u),
}

STATUS_LABELS = dict(Status.choices)
