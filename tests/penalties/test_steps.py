"""The step table (penalties/steps.py) agrees with the actions: the permission and the officer-of-the-
case rule of each step are the ones its action enforces, and a step offered to a user is never
refused for its status or the user's role — over random case histories (hypothesis)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chengguan.core import clock
from chengguan.core.errors import ChengguanError, Forbidden, NotFound, ProcedureError, StateError
from chengguan.demo.context import DemoContext
from chengguan.disclosure import actions as disclosure_actions
from chengguan.org.models import Staff
from chengguan.org.permissions import roles_for
from chengguan.penalties import actions, queries
from chengguan.penalties.models import (
    CashRemittance,
    Payment,
    PaymentArrangement,
    PenaltyCase,
    Preservation,
)
from chengguan.penalties.states import ALLOWED, Status
from chengguan.penalties.steps import LABELS, STEP, STEPS, TODO, offered, stepper
from chengguan.web.penalty_actions import CALLS
from chengguan.web.penalty_forms import FORMS
from tests.penalties.helpers import (
    PERSON,
    T0,
    at,
    fine_decision,
    notified,
    open_general,
    proposal,
)

T = TypeVar("T")
Pick = Callable[[Sequence[Any]], Any]
Attempt = Callable[[Staff, PenaltyCase, dt.date, Pick], object]

# Two officers of the case, an officer who is not, the head, the legal reviewer, a supervisor, the
# administrator and a head+officer of another bureau.
USERS = (
    "officer1",
    "officer2",
    "town_officer1",
    "head",
    "reviewer",
    "supervisor",
    "admin",
    "outsider",
)


def _first(options: Sequence[T]) -> T:
    return options[0]


def _officers(case: PenaltyCase) -> list[str]:
    return sorted(case.officers.values_list("username", flat=True))


def _id(rows: Any) -> int:
    """The first matching row's id, or 0 (not found) — the action decides what that means."""
    first = rows.order_by("id").first()
    return first.pk if first is not None else 0


def _decision(case: PenaltyCase) -> dict[str, Any]:
    if case.proposal:
        return {**fine_decision(), **case.proposal}
    return fine_decision()


def _amount(case: PenaltyCase) -> str:
    rest = list(case.instalments.filter(paid_on__isnull=True).order_by("due_on", "id"))
    return str(rest[0].amount if rest else case.fine_amount or "1")


# A valid input for each step, built from the case as it stands (ids of its open records).
ATTEMPT: dict[str, Attempt] = {
    "register": lambda u, c, d, pick: actions.register(c.pk, actor=u),
    "evidence": lambda u, c, d, pick: actions.add_evidence(
        c.pk,
        actor=u,
        kind="inspection_record",
        description="现场检查笔录及照片6张",
        certificates_shown=_officers(c),
    ),
    "preserve": lambda u, c, d, pick: actions.preserve(
        c.pk,
        actor=u,
        items=[{"description": "三轮车（蓝色）", "quantity": "1辆", "location": "局暂扣物品库"}],
        preserved_on=d,
    ),
    "decide_preservation": lambda u, c, d, pick: actions.decide_preservation(
        c.pk,
        preservation_id=_id(c.preservations.filter(status=Preservation.Status.PRESERVED)),
        actor=u,
        handling=pick(list(Preservation.Handling.values)),
        note="经查明，物品与案件无关，予以退还",
    ),
    "conclude": lambda u, c, d, pick: actions.conclude(
        c.pk,
        actor=u,
        outcome="penalty",
        report="事实清楚，证据确凿",
        proposal=pick([proposal("5000", "lighter"), proposal()]),
    ),
    "notify": lambda u, c, d, pick: actions.notify(c.pk, actor=u, served_on=d),
    "waive": lambda u, c, d, pick: actions.waive(
        c.pk,
        actor=u,
        record="当事人书面表示放弃陈述、申辩和要求听证的权利",
        witnessed_by=["officer1", "officer2"],
    ),
    "statement": lambda u, c, d, pick: actions.statement(
        c.pk, actor=u, content="当事人称系初次违法", accepted=pick([False, True])
    ),
    "request_hearing": lambda u, c, d, pick: actions.request_hearing(c.pk, actor=u, requested_on=d),
    "hearing": lambda u, c, d, pick: actions.hold_hearing(
        c.pk,
        actor=u,
        held_on=d,
        record_text="听证笔录：当事人到场陈述",
        transcript_signed=True,
    ),
    "name_chair": lambda u, c, d, pick: actions.name_chair(
        c.pk,
        actor=u,
        chair=pick([p.username for p in queries.hearing_chairs(c)] or ["reviewer"]),
    ),
    "challenge_chair": lambda u, c, d, pick: actions.challenge_chair(
        c.pk, actor=u, reason="当事人认为主持人与本案有利害关系", upheld=pick([False, True])
    ),
    "review": lambda u, c, d, pick: actions.review(
        c.pk, actor=u, approved=pick([True, True, False]), opinion="事实清楚，程序合法"
    ),
    "discuss": lambda u, c, d, pick: actions.discuss(
        c.pk,
        actor=u,
        participants=["head", "deputy1", "deputy2"],
        minutes="讨论记录",
        conclusion="同意处罚",
    ),
    "decide": lambda u, c, d, pick: actions.decide(c.pk, actor=u, decision=_decision(c)),
    "serve": lambda u, c, d, pick: actions.serve(
        c.pk,
        actor=u,
        served_on=d,
        method="direct",
        certificates_shown=_officers(c) if c.procedure == PenaltyCase.Procedure.SIMPLE else None,
    ),
    "pay": lambda u, c, d, pick: actions.pay(
        c.pk,
        actor=u,
        amount=_amount(c),
        paid_on=d,
        channel=pick([Payment.Channel.BANK, Payment.Channel.ON_SPOT]),
        receipt_no="豫财罚001",
        voucher_no="YH001",
    ),
    "hand_in": lambda u, c, d, pick: actions.hand_in(
        c.pk, actor=u, handed_in_on=d, receiver="财务股 王会计", late_reason="外勤未归"
    ),
    "deposit": lambda u, c, d, pick: actions.deposit(
        c.pk, actor=u, deposited_on=d, bank_slip="YH0001", late_reason="银行停业"
    ),
    "decide_arrangement": lambda u, c, d, pick: actions.decide_arrangement(
        c.pk,
        arrangement_id=_id(c.arrangements.filter(status=PaymentArrangement.Status.PENDING)),
        actor=u,
        approved=False,
        opinion="不符合暂缓缴纳条件",
    ),
    "demand": lambda u, c, d, pick: actions.demand(c.pk, actor=u, served_on=d, method="direct"),
    "apply_enforcement": lambda u, c, d, pick: actions.apply_enforcement(
        c.pk,
        actor=u,
        court="示范县人民法院",
        applied_on=d,
        document_number="示城管强申〔2025〕1号",
    ),
    "enforcement_outcome": lambda u, c, d, pick: actions.enforcement_outcome(
        c.pk, actor=u, outcome=pick(["granted", "refused", "completed"]), outcome_on=d
    ),
    "apply_arrangement": lambda u, c, d, pick: actions.apply_arrangement(
        c.pk,
        actor=u,
        kind=pick(list(PaymentArrangement.Kind.values)),
        applied_on=d,
        reason="当事人确有经济困难",
    ),
    "file_onsite": lambda u, c, d, pick: actions.file_onsite(c.pk, actor=u),
    "close": lambda u, c, d, pick: actions.close(c.pk, actor=u),
    "archive": lambda u, c, d, pick: actions.archive(c.pk, actor=u),
    "extend": lambda u, c, d, pick: actions.extend(
        c.pk, actor=u, until=d + dt.timedelta(days=30), reason="案情复杂"
    ),
    # Not granted: a granted recusal takes the officer off the case (XF-43 for that person).
    "recuse": lambda u, c, d, pick: actions.recuse(
        c.pk, actor=u, officer="officer2", reason="当事人申请回避", granted=False
    ),
    # helper:due3 (XF-27): a lawful judicial transfer, approved by the head.
    "transfer": lambda u, c, d, pick: actions.transfer(
        c.pk,
        actor=u,
        kind="judicial",
        to="示范县公安局",
        reason="涉嫌非法经营罪",
        decided_on=max(d, c.discovered_date),
        handed_over_on=max(d, c.discovered_date),
        receipt="接收回执1号",
        approved_by="head",
    ),
    "approve_preservation": lambda u, c, d, pick: actions.approve_preservation(
        c.pk, actor=u, reason="证据可能灭失"
    ),
    "publish": lambda u, c, d, pick: disclosure_actions.publish_decision(actor=u, case_id=c.pk),
    "record_remedy": lambda u, c, d, pick: actions.record_remedy(
        c.pk,
        actor=u,
        kind=pick(["reconsideration", "litigation"]),
        filed_on=d,
        body="示范县人民政府",
        proof_number="示政复受字〔2025〕1号",
        proof_date=d,
    ),
    "conclude_remedy": lambda u, c, d, pick: actions.conclude_remedy(
        c.pk,
        remedy_id=_id(c.remedies.filter(concluded_on__isnull=True)),
        actor=u,
        concluded_on=d,
        outcome=pick(["upheld", "revoked"]),
    ),
}


def _refusal(action: str, user: Staff, case: PenaltyCase, pick: Pick) -> ChengguanError | None:
    """What refuses ``action`` taken by ``user`` on ``case`` now with a valid input (None: done)."""
    try:
        ATTEMPT[action](user, case, clock.today(), pick)
    except ChengguanError as exc:
        return exc
    return None


# A transferred case's status refusal names its rule (XF-27 / XF-22: the case is suspended because
# it was transferred): still a refusal for the status, with the reason the law gives.
_SUSPENSION_RULES = {"XF-27", "XF-22"}


def _for_state_or_role(exc: ChengguanError | None, status: str = "") -> bool:
    if (
        status == "transferred"
        and isinstance(exc, ProcedureError)
        and getattr(exc, "rule", "") in _SUSPENSION_RULES
    ):
        return True
    return isinstance(exc, StateError | Forbidden | NotFound)


# The table ----------------------------------------------------------------------------------------


def test_every_action_of_the_state_table_is_one_step_and_publish_is_disclosure_s() -> None:
    assert [s.name for s in STEPS if s.name != "publish"] == [
        s.name for s in STEPS if s.name in ALLOWED
    ]
    assert set(STEP) == set(ALLOWED) | {"publish"}
    assert set(ATTEMPT) == set(STEP)
    # The case page has a call for every step and a form (or a confirmation) for each.
    assert set(CALLS) == set(STEP)
    assert set(FORMS) < set(STEP)
    assert all(STEP[a].starts == ALLOWED[a] for a in ALLOWED)
    assert all(LABELS[s.name] for s in STEPS)
    assert {t.role for t in TODO} <= {"officer", "reviewer", "head"}


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.name)
def test_the_permission_of_each_step_is_the_one_its_action_requires(
    demo: DemoContext, step: Any
) -> None:
    with at(T0):
        case = open_general(demo)
        supervisor = demo.user("supervisor")
        assert not supervisor.has_role(*roles_for(step.permission))
        exc = _refusal(step.name, supervisor, case, _first)
        assert isinstance(exc, Forbidden), exc
        assert exc.details == {"permission": step.permission}


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.name)
def test_a_step_on_case_is_refused_to_an_officer_who_is_not_on_the_case(
    demo: DemoContext, step: Any
) -> None:
    """...and a step that is not on case is not refused to a holder of its permission who is not."""
    with at(T0):
        case = open_general(demo)
        holder = next(
            demo.user(u)
            for u in ("town_officer1", "head", "reviewer", "admin")
            if demo.user(u).has_role(*roles_for(step.permission))
        )
        assert holder.username not in _officers(case)
        exc = _refusal(step.name, holder, case, _first)
        if step.on_case:
            assert isinstance(exc, Forbidden), exc
            assert exc.details == {"officer": holder.username}
        else:
            assert not isinstance(exc, Forbidden), exc


def test_what_each_user_is_offered_on_a_notified_case(demo: DemoContext) -> None:
    with at(T0):
        case = notified(demo)  # a 15,000 yuan proposal: the party may ask for a hearing
        got = {u: offered(demo.user(u), case) for u in USERS}
    officer = ["waive", "statement", "request_hearing", "transfer"]
    assert got == {
        "officer1": officer,
        "officer2": officer,
        "town_officer1": [],
        "head": ["discuss", "decide", "extend", "recuse", "transfer"],
        "reviewer": ["review"],
        "supervisor": [],
        "admin": [],
        "outsider": [],
    }
    assert [s["state"] for s in stepper(case)][:5] == ["done", "done", "done", "current", "todo"]


# Random histories ---------------------------------------------------------------------------------


def _open(demo: DemoContext, simple: bool) -> PenaltyCase:
    if not simple:
        return open_general(demo)
    return actions.open_case(
        actor=demo.user("officer1"),
        procedure="simple",
        power_item="JT001",
        party=dict(PERSON),
        facts="机动车停放占用人行道，驾驶人在场拒绝驶离",
        act_date=T0,
        discovered_date=T0,
        officers=["officer1", "officer2"],
        decision=fine_decision("50"),
    )


@settings(
    max_examples=12,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_offered_steps_are_never_refused_for_their_status_or_the_user_s_role(
    demo: DemoContext, data: st.DataObject
) -> None:
    """Each step of a random history is one that some user is offered, taken by that user with a
    valid input: the law may refuse it (a rule id), but never its status or the user's role. And one
    step the table withholds by status, role or officership is refused for exactly that."""

    def pick(options: Sequence[Any]) -> Any:
        return data.draw(st.sampled_from(list(options)))

    # Each example in its own rolled-back transaction: hypothesis needs examples that do not
    # depend on each other (an earlier example's fine would refuse this one's by XF-29).
    with transaction.atomic():
        _history(demo, pick)
        transaction.set_rollback(True)


def _history(demo: DemoContext, pick: Pick) -> None:
    users = {u: demo.user(u) for u in USERS}
    day = T0
    with at(day):
        case = _open(demo, pick([False, True]))
    for _ in range(pick(range(4, 25))):
        day += dt.timedelta(days=pick([0, 0, 1, 3, 20]))
        with at(day):
            case = PenaltyCase.objects.get(pk=case.pk)
            now = {u: offered(users[u], case) for u in USERS}
            assert now["outsider"] == []

            withheld = [
                (u, s.name)
                for u in USERS
                for s in STEPS
                if case.status not in s.starts
                or not users[u].has_role(*roles_for(s.permission))
                or users[u].bureau_id != case.bureau_id
                or (
                    s.on_case
                    and u not in _officers(case)
                    and not users[u].has_role(*s.case_free_roles)
                )
            ]
            u, action = pick(withheld)
            exc = _refusal(action, users[u], case, pick)
            assert _for_state_or_role(exc, case.status), (u, action, case.status, exc)

            choices = [(u, a) for u in USERS for a in now[u]]
            if not choices:
                break
            # Mostly the main next step, so that histories reach the later stages.
            forward = [(u, a) for u, a in choices if not STEP[a].secondary]
            u, action = pick(forward if forward and pick([True, True, False]) else choices)
            exc = _refusal(action, users[u], case, pick)
            assert not _for_state_or_role(exc), (u, action, case.status, exc, exc and exc.details)


def test_cash_steps_follow_the_remittance(demo: DemoContext) -> None:
    """XF-71 as offered: hand in, then deposit, then close — each only when it is due."""
    with at(T0):
        case = _open(demo, simple=True)
        o1, head = demo.user("officer1"), demo.user("head")
        actions.serve(
            case.pk,
            actor=o1,
            served_on=T0,
            method="direct",
            certificates_shown=["officer1", "officer2"],
        )
        actions.pay(case.pk, actor=o1, amount="50", paid_on=T0, channel="on_spot", receipt_no="1")
        case.refresh_from_db()
        assert case.status == Status.PAID
        assert "hand_in" in offered(o1, case) and "close" not in offered(head, case)
        actions.hand_in(case.pk, actor=o1, handed_in_on=T0, receiver="王会计")
        assert "deposit" in offered(head, case) and "hand_in" not in offered(o1, case)
        actions.deposit(case.pk, actor=head, deposited_on=T0, bank_slip="YH1")
        assert CashRemittance.objects.filter(case=case, deposited_on=T0).exists()
        assert "close" in offered(head, case)
