"""Forms of the general procedure: investigation, preservation, notice and hearing, decision."""

from __future__ import annotations

from chengguan.core import clock
from chengguan.core.rules import local
from chengguan.law.models import Level
from chengguan.org import queries as org_queries
from chengguan.penalties import queries
from chengguan.penalties.models import Evidence, PenaltyCase, Preservation
from chengguan.penalties.steps import Step
from chengguan.web.formspec import ActionForm, Field
from chengguan.web.penalty_forms.backdate import backdate_fields
from chengguan.web.penalty_forms.fields import (
    Builder,
    decision_fields,
    form,
    onsite_shown,
    shown_field,
)


def hearing_chairs(case: PenaltyCase) -> list[tuple[str, str]]:
    """The choices of the chair (XF-64, ORG-4), as the domain lists who is eligible."""
    return [(p.username, f"{p.display_name}（{p.username}）") for p in queries.hearing_chairs(case)]


# CL-6: the levels a discussion may rule on (not "none").
LEVELS = [(v, label) for v, label in Level.choices if v != Level.NONE]


def _evidence(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(
        step,
        [
            Field("kind", "证据种类", "select", required=True, choices=list(Evidence.Kind.choices)),
            Field("description", "证据说明", "textarea", required=True),
            Field("file", "证据文件（可选）", "file"),
            # --- helper:daily --- issue #15 item 4: the day of the inspection, not the entry day
            Field(
                "collected_on",
                "取证日期",
                "date",
                required=True,
                initial=today,
                help="检查、询问或收集证据的当日，不是录入系统的日期",
            ),
            *backdate_fields(case),
            # --- /helper:daily ---
            shown_field(case, "询问、检查笔录须记录两名以上执法人员出示执法证件"),
        ],
    )


def _conclude(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(
        step,
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
            *decision_fields(None, False),
        ],
    )


def _review(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(
        step,
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


def _discuss(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    """CL-6: the heads who took part are chosen from the bureau's heads; a ruling on a departure
    from the benchmark names the proposal (level and amount) it is about."""
    heads = [(p.username, f"{p.display_name}（{p.username}）") for p in queries.heads(case)]
    proposal = case.proposal or {}
    return form(
        step,
        [
            Field(
                "participants",
                f"参加讨论的负责人（至少{local('deviation_discussion_heads')}名）",
                "multi",
                required=True,
                choices=heads,
                initial=[],
            ),
            Field("minutes", "讨论记录", "textarea", required=True),
            Field("conclusion", "讨论结论", "textarea", required=True),
            Field(
                "approves_deviation",
                "是否就偏离裁量基准作出结论",
                "radio",
                choices=[("", "不涉及"), ("1", "同意偏离"), ("0", "不同意偏离")],
                initial="",
            ),
            Field(
                "about_level",
                "所讨论的裁量阶次",
                "select",
                choices=[("", "—"), *LEVELS],
                initial=str(proposal.get("level") or ""),
            ),
            Field(
                "about_fine",
                "所讨论的罚款金额（元）",
                "text",
                initial=str(proposal.get("fine_amount") or ""),
            ),
        ],
    )


def _notify(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(step, [Field("served_on", "告知书送达日期", "date", required=True, initial=today)])


def _statement(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(
        step,
        [
            Field("content", "陈述申辩内容", "textarea", required=True),
            Field("accepted", "复核后采纳", "checkbox"),
            # helper:forms (XF-45): the re-examination, with the reasons where not adopted.
            Field(
                "review_opinion",
                "复核意见",
                "textarea",
                help="对当事人提出的事实、理由和证据的复核情况；不予采纳的，须写明理由",
            ),
        ],
    )


# --- helper:forms ---
def _heads(case: PenaltyCase) -> list[tuple[str, str]]:
    """The active heads of the case's bureau, by name (the server still checks the role)."""
    return [(p.username, p.display_name) for p in queries.heads(case)]


def _register(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    """立案审批: the head writes the opinion that the 立案审批表 prints."""
    return form(
        step,
        [Field("opinion", "负责人审批意见", "textarea", required=True, initial="同意立案。")],
    )


# --- /helper:forms ---


def _request_hearing(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(step, [Field("requested_on", "申请日期", "date", required=True, initial=today)])


def _hearing(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    """XF-64: held by the chair the head named; the transcript signed or the refusal noted."""
    h = case.hearings.select_related("chair").order_by("-id").first()
    chair = h.chair.display_name if h is not None and h.chair and h.chair_named_by_id else None
    return form(
        step,
        [
            Field("held_on", "听证日期", "date", required=True, initial=today),
            Field(
                "notified_on",
                "通知听证日期（至少在听证七个工作日前）",
                "date",
                initial=h.requested_on.isoformat() if h is not None else "",
                help=f"听证主持人：{chair}" if chair else "尚未指定听证主持人，请先由负责人指定",
            ),
            Field("record", "听证笔录", "textarea", required=True),
            Field("transcript_signed", "笔录已交当事人核对并签字", "checkbox"),
            Field("unsigned_note", "当事人拒绝签字的，主持人注明情况", "textarea"),
        ],
    )


# --- helper:hearing2 ---
def _name_chair(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(
        step,
        [
            Field(
                "chair",
                "听证主持人（非本案调查人员）",
                "select",
                required=True,
                choices=hearing_chairs(case),
            )
        ],
    )


def _challenge_chair(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(
        step,
        [
            Field("reason", "当事人申请主持人回避的理由", "textarea", required=True),
            Field(
                "upheld",
                "决定",
                "radio",
                required=True,
                choices=[("1", "准予回避（另行指定主持人）"), ("0", "不予回避")],
            ),
        ],
    )


# --- /helper:hearing2 ---


def _decide(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(step, decision_fields(case.proposal, True))


def _serve(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(
        step,
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
            # SD-1: what 留置送达 and 邮寄送达 need on the record.
            Field("witnesses", "留置送达见证人（多人以顿号分隔）", "text"),
            Field("file", "留置送达照片或录像", "file"),
            Field("receipt_signed_on", "邮寄回执签收日期", "date"),
            Field("recipient", "受送达人/代收人", "text"),
            *backdate_fields(case),
            # SD-2: 公告送达 only after other methods failed, one attempt a line.
            Field(
                "attempts",
                "此前送达未果记录（公告送达必填，每行：日期 方式 原因，如 2025-06-04 邮寄送达 退回）",
                "textarea",
            ),
            *onsite_shown(case),
        ],
    )


def _extend(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(
        step,
        [
            Field("until", "延长至", "date", required=True),
            Field("reason", "延期理由", "textarea", required=True),
        ],
    )


def _recuse(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    officers = [(o.username, o.display_name) for o in case.officers.all()]
    return form(
        step,
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
            # Issue #15 item 5: picked from the bureau's certified officers not on the case,
            # not typed as a username.
            Field(
                "replacement",
                "替换的执法人员（准予回避时选择）",
                "select",
                choices=_replacements(case),
            ),
        ],
    )


def _replacements(case: PenaltyCase) -> list[tuple[str, str]]:
    on_case = set(case.officers.values_list("pk", flat=True))
    seen: dict[str, str] = {}
    for cert in org_queries.certificates_in_force(case.bureau, clock.today()):
        holder = cert.holder
        if holder.pk not in on_case and holder.is_active and not holder.is_auxiliary:
            seen.setdefault(holder.username, f"{holder.display_name}（执法证 {cert.number}）")
    return list(seen.items())


# --- helper:due3 ---
def _transfer(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    """XF-22/XF-27: 移送 with the head's approval, the dates and the receiving body's receipt."""
    return form(
        step,
        [
            Field(
                "kind",
                "移送类别",
                "radio",
                required=True,
                choices=[
                    ("judicial", "涉嫌犯罪移送司法机关"),
                    ("competent_body", "移送有管辖权的机关"),
                ],
            ),
            Field("to", "接收机关", "text", required=True),
            Field("reason", "移送理由（涉嫌罪名或管辖依据）", "textarea", required=True),
            Field(
                "suspected_crime_on",
                "发现涉嫌犯罪日期",
                "date",
                help="不填则为案件发现日期；移送决定应在其后3日内作出",
            ),
            Field("decided_on", "移送决定日期", "date", required=True, initial=today),
            # helper:forms (issue #15 item 5): the approving head picked from the bureau's heads
            Field(
                "approved_by",
                "批准移送的负责人",
                "select",
                choices=[("", "本人为负责人时可不选"), *_heads(case)],
            ),
            Field(
                "handed_over_on",
                "移交案卷日期",
                "date",
                required=True,
                initial=today,
                help="应在移送决定后24小时内移交",
            ),
            Field("receipt", "接收回执（编号或签收情况）", "text", required=True),
            Field("late_reason", "逾期理由（逾期时填写）", "textarea"),
        ],
    )


# --- /helper:due3 ---


def _approve_preservation(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(
        step,
        [
            Field(
                "reason",
                "理由（证据可能灭失或者以后难以取得的情况）",
                "textarea",
                required=True,
            )
        ],
    )


def _preserve(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    return form(
        step,
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


def _decide_preservation(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    rows = [
        (
            str(p.pk),
            f"{p.preserved_on:%Y-%m-%d}登记：" + "、".join(i["description"] for i in p.items),
        )
        for p in case.preservations.filter(status=Preservation.Status.PRESERVED)
    ]
    return form(
        step,
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


def _waive(step: Step, case: PenaltyCase, today: str) -> ActionForm:
    """XF-62: the written waiver: its words, and the signed page or two witnessing officers."""
    return form(
        step,
        [
            Field("record", "放弃书内容", "textarea", required=True),
            Field("file", "当事人签字的放弃书（扫描件）", "file"),
            Field(
                "witnessed_by",
                "见证执法人员（无签字放弃书时须两名）",
                "multi",
                choices=[(o.username, o.display_name) for o in case.officers.order_by("id")],
                initial=[],
            ),
        ],
    )


FORMS: dict[str, Builder] = {
    "evidence": _evidence,
    "conclude": _conclude,
    "review": _review,
    "discuss": _discuss,
    "notify": _notify,
    "register": _register,  # helper:forms
    "statement": _statement,
    "waive": _waive,
    "request_hearing": _request_hearing,
    "hearing": _hearing,
    "name_chair": _name_chair,  # helper:hearing2
    "challenge_chair": _challenge_chair,  # helper:hearing2
    "decide": _decide,
    "serve": _serve,
    "extend": _extend,
    "recuse": _recuse,
    "transfer": _transfer,  # helper:due3
    "approve_preservation": _approve_preservation,
    "preserve": _preserve,
    "decide_preservation": _decide_preservation,
}
