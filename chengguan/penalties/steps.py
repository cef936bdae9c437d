"""The steps of a penalty case as one table: label, permission, who may take it, and when it is offered.

Pages ask this module which steps to show (``offered``), how far the case has come (``stepper``) and
what each role has to do (``TODO``), so no page keeps its own copy of the rules. The table mirrors
what the actions enforce — the permission each one ``require``s and whether it must be taken by one
of the case's officers (tests/penalties/test_steps.py holds the two together) — and the action still
decides: a step offered here may be refused by law (e.g. XF-58 before legal review).

Permission names are plain strings: this module sits beside the actions, not above them, and must
not import them (they are split by phase and import the domain's reads, as this module does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from chengguan.core import clock
from chengguan.org.models import Staff
from chengguan.org.permissions import can
from chengguan.org.roles import Role
from chengguan.penalties import queries
from chengguan.penalties.models import PaymentArrangement, PenaltyCase, Preservation
from chengguan.penalties.states import ALLOWED, Status

# The permission of the steps an officer of the case takes (the actions' ``_on_case``).
ACT = "penalties.act"
# Publication is a disclosure action offered on the case page; disclosure grants the permission.
PUBLISH = "disclosure.publish"

S = Status
Offered = Callable[[PenaltyCase], bool]


def _always(case: PenaltyCase) -> bool:
    return True


@dataclass(frozen=True)
class Step:
    name: str  # the action's name in states.ALLOWED, the form and the URL
    label: str  # Chinese, as the page and the success message show it
    permission: str  # what the action ``require``s
    on_case: bool = False  # the actor must be one of the case's officers
    # Roles exempt from ``on_case`` (XF-27: the head transfers a case without investigating it).
    case_free_roles: frozenset[str] = frozenset()
    secondary: bool = False  # a side step: its form is not unfolded as the next step
    # The statuses it may start from; ``None`` → states.ALLOWED (the actions' own table).
    statuses: frozenset[str] | None = None
    # Whether it makes sense to offer it now, beyond status and role (the action checks the law).
    now: Offered = _always

    @property
    def starts(self) -> frozenset[str]:
        return self.statuses if self.statuses is not None else ALLOWED[self.name]


# Conditions of the steps (cheap reads; each asked only for a step that passed status and role).


def _hearing_right(case: PenaltyCase) -> bool:
    notice = case.notices.order_by("-id").first()
    return bool(notice and notice.hearing_right)


# --- helper:hearing2 ---
def _chair_named(case: PenaltyCase) -> bool:
    """XF-64: a challenge is of the chair the head named."""
    h = case.hearings.order_by("-id").first()
    return h is not None and h.chair_id is not None and h.chair_named_by_id is not None


# --- /helper:hearing2 ---


def _has_fine(case: PenaltyCase) -> bool:
    return bool(case.fine_amount)


def _not_filed(case: PenaltyCase) -> bool:
    return case.procedure == PenaltyCase.Procedure.SIMPLE and case.filed_on is None


def _closable(case: PenaltyCase) -> bool:
    if case.status == S.SERVED and case.fine_amount:
        return False
    if case.status == S.ENFORCEMENT:
        app = case.enforcements.first()
        return app is not None and app.concluded
    # XF-71: a case with on-the-spot cash not yet in the bank is not offered for closing.
    return not queries.cash_steps(case)


def _may_apply_arrangement(case: PenaltyCase) -> bool:
    taken = {a.status for a in case.arrangements.all()}
    return bool(case.fine_amount) and not (
        taken & {PaymentArrangement.Status.PENDING, PaymentArrangement.Status.APPROVED}
    )


def _arrangement_pending(case: PenaltyCase) -> bool:
    return any(a.status == PaymentArrangement.Status.PENDING for a in case.arrangements.all())


def _overdue(case: PenaltyCase) -> bool:
    return bool(case.fine_amount) and case.pay_by is not None and clock.today() > case.pay_by


def _demanded(case: PenaltyCase) -> bool:
    return bool(case.fine_amount) and case.demands.exists()


def _enforcement_open(case: PenaltyCase) -> bool:
    app = case.enforcements.first()
    return app is not None and not app.concluded


def _remedy_open(case: PenaltyCase) -> bool:
    return case.remedies.filter(concluded_on__isnull=True).exists()


def _preservation(status: str) -> Offered:
    def offered(case: PenaltyCase) -> bool:
        return any(p.status == status for p in case.preservations.all())

    return offered


def _cash(step: str) -> Offered:
    def offered(case: PenaltyCase) -> bool:
        return any(s == step for s, _, _ in queries.cash_steps(case))

    return offered


def _publishable(case: PenaltyCase) -> bool:
    # ``publications`` is the disclosure app's reverse relation: read, never imported (upper layer).
    return (
        case.decision_kind == PenaltyCase.Outcome.PENALTY
        and not case.publications.filter(status="published").exists()
    )


# Every step, in the order the case page lists their forms.
STEPS: tuple[Step, ...] = (
    Step("register", "立案", "penalties.register"),
    Step("evidence", "登记证据", ACT, on_case=True),
    Step(
        "preserve",
        "先行登记保存物品",
        ACT,
        on_case=True,
        now=_preservation(Preservation.Status.APPROVED),
    ),
    Step(
        "decide_preservation",
        "先行登记保存物品处理决定",
        "penalties.preservation",
        now=_preservation(Preservation.Status.PRESERVED),
    ),
    Step("conclude", "调查终结", ACT, on_case=True),
    Step("notify", "事先告知", ACT, on_case=True),
    Step("waive", "书面放弃陈述申辩", ACT, on_case=True, secondary=True),
    Step("statement", "陈述申辩", ACT, on_case=True, secondary=True),
    Step("request_hearing", "申请听证", ACT, on_case=True, secondary=True, now=_hearing_right),
    # --- helper:hearing2 --- XF-64: the head names the chair and decides a challenge of it.
    Step("name_chair", "指定听证主持人", "penalties.hearing_chair"),
    Step(
        "challenge_chair",
        "听证主持人回避申请",
        "penalties.hearing_chair",
        secondary=True,
        now=_chair_named,
    ),
    # --- /helper:hearing2 ---
    Step("hearing", "举行听证", ACT, on_case=True),
    Step("review", "法制审核", "penalties.review"),
    Step("discuss", "集体讨论", "penalties.discuss", secondary=True),
    Step("decide", "作出决定", "penalties.decide"),
    Step("serve", "送达", ACT, on_case=True),
    Step("pay", "缴纳罚款", ACT, on_case=True, now=_has_fine),
    Step("hand_in", "当场收缴罚款交至本机关", ACT, on_case=True, now=_cash("hand_in")),
    Step("deposit", "当场收缴罚款缴付银行", "penalties.deposit", now=_cash("deposit")),
    Step(
        "decide_arrangement", "审批暂缓/分期缴纳", "penalties.arrangement", now=_arrangement_pending
    ),
    Step("demand", "催告", ACT, on_case=True, now=_overdue),
    Step("apply_enforcement", "申请人民法院强制执行", "penalties.enforce", now=_demanded),
    Step("enforcement_outcome", "登记法院执行结果", "penalties.enforce", now=_enforcement_open),
    Step(
        "apply_arrangement",
        "登记暂缓/分期缴纳申请",
        ACT,
        on_case=True,
        secondary=True,
        now=_may_apply_arrangement,
    ),
    Step("file_onsite", "当场处罚备案", "penalties.file", now=_not_filed),
    Step("close", "结案", "penalties.close", now=_closable),
    Step("archive", "归档", "penalties.archive"),
    Step("extend", "延长办案期限", "penalties.extend", secondary=True),
    Step("recuse", "回避决定", "penalties.recuse", secondary=True),
    Step("approve_preservation", "批准先行登记保存", "penalties.preservation", secondary=True),
    # --- helper:due3 --- XF-22/XF-27: an officer of the case records the transfer (the head
    # approves a judicial one; the action also lets the head record it, not offered here).
    Step(
        "transfer",
        "案件移送",
        "penalties.transfer",
        on_case=True,
        case_free_roles=frozenset({Role.HEAD}),
        secondary=True,
    ),
    # --- /helper:due3 ---
    Step(
        "publish",
        "公示",
        PUBLISH,
        statuses=frozenset({S.DECIDED, S.SERVED, S.PAID, S.CLOSED, S.ARCHIVED}),
        now=_publishable,
    ),
    Step("record_remedy", "登记复议/诉讼", "penalties.remedy", secondary=True),
    Step(
        "conclude_remedy", "登记复议/诉讼结果", "penalties.remedy", secondary=True, now=_remedy_open
    ),
)
STEP: dict[str, Step] = {s.name: s for s in STEPS}
LABELS: dict[str, str] = {s.name: s.label for s in STEPS}


def offered(actor: Staff, case: PenaltyCase) -> list[str]:
    """The steps ``actor`` may start on ``case`` now, in page order."""
    officer_ids: set[int] | None = None
    out: list[str] = []
    for step in STEPS:
        if case.status not in step.starts or not can(actor, step.permission, case):
            continue
        if step.on_case and not actor.has_role(*step.case_free_roles):
            if officer_ids is None:
                officer_ids = {o.pk for o in case.officers.all()}
            if actor.pk not in officer_ids:
                continue
        if step.now(case):
            out.append(step.name)
    return out


# The stepper: the stages of the general procedure and the statuses that mean each is done.
STAGES: list[tuple[str, frozenset[str]]] = [
    ("立案", frozenset({S.PENDING_REGISTRATION})),
    ("调查取证", frozenset({S.REGISTERED, S.INVESTIGATING})),
    ("调查终结", frozenset({S.INVESTIGATED})),
    ("告知与陈述申辩", frozenset({S.NOTIFIED, S.HEARING_REQUESTED, S.HEARD})),
    ("决定", frozenset()),
    ("送达", frozenset({S.DECIDED})),
    ("执行", frozenset({S.SERVED, S.ENFORCEMENT})),
    ("结案", frozenset({S.PAID, S.TRANSFERRED})),
    ("归档", frozenset({S.CLOSED})),
]
_SERVE_STAGE = 5  # an on-the-spot decision skips straight to 送达


def stepper(case: PenaltyCase) -> list[dict[str, Any]]:
    """Each stage as done / current / to do; ``current`` is the stage the case waits in."""
    current = next((i for i, (_, sts) in enumerate(STAGES) if case.status in sts), len(STAGES))
    if case.procedure == PenaltyCase.Procedure.SIMPLE and case.status == S.DECIDED:
        current = _SERVE_STAGE
    return [
        {"label": label, "state": "done" if i < current else "current" if i == current else "todo"}
        for i, (label, _) in enumerate(STAGES)
    ]


class ToDo(NamedTuple):
    role: str
    statuses: frozenset[str]
    text: str


# What a role is expected to do, for 我的待办 (the first matching entry wins).
TODO: list[ToDo] = [
    ToDo(Role.HEAD, frozenset({S.PENDING_REGISTRATION}), "审批立案"),
    ToDo(Role.OFFICER, frozenset({S.REGISTERED, S.INVESTIGATING}), "调查取证"),
    ToDo(Role.OFFICER, frozenset({S.INVESTIGATED}), "事先告知"),
    ToDo(Role.OFFICER, frozenset({S.NOTIFIED}), "陈述申辩/听证"),
    ToDo(Role.OFFICER, frozenset({S.HEARING_REQUESTED}), "组织听证"),
    ToDo(Role.REVIEWER, frozenset({S.INVESTIGATED, S.NOTIFIED, S.HEARD}), "法制审核"),
    ToDo(Role.HEAD, frozenset({S.NOTIFIED, S.HEARD}), "作出决定"),
    ToDo(Role.OFFICER, frozenset({S.DECIDED}), "送达决定书"),
    ToDo(Role.HEAD, frozenset({S.ENFORCEMENT}), "强制执行与结案"),
    ToDo(Role.OFFICER, frozenset({S.SERVED}), "督促缴纳"),
    ToDo(Role.HEAD, frozenset({S.PAID, S.TRANSFERRED}), "批准结案"),
    ToDo(Role.REVIEWER, frozenset({S.CLOSED}), "归档"),
]
