"""Issue #11 item 2: a model-based test of 查封/扣押 histories (hypothesis stateful testing).

Random sequences of seize / approve / extend / release / dispose on one registered penalty case, by
random actors (the case's officers, heads, and wrong people: the reviewer, an officer of a town team,
an officer without a certificate, a user of another bureau), with the clock moved around the 24-hour
(QZ-19), 30-day and 60-day (QZ-25) limits, and the case decided at some point (with or without
confiscation). After every step the invariants below hold over every measure of the run:

- a refused step changed nothing (the case, every measure, the ledger); no step raises anything but a
  refusal (ChengguanError);
- every status change has exactly one ledger entry ``measure.<action>`` with ``from``/``to``, and an
  accepted step writes exactly one entry (the extension too, a status-preserving step);
- at most one extension, of at most 30 days: the period never exceeds 30 + 30 days from the day held;
- no step but the release is accepted on a measure past its lawful end (QZ-28), nor an approval of
  an emergency measure after its 24 hours (QZ-19), nor anything on a released/disposed measure;
- every open measure past its end, or taken in an emergency and not approved in 24 hours, is listed
  by ``measures.queries.overdue`` (what the daily list and the pages flag), and nothing else is;
- a disposal follows a decision that confiscates the property (QZ-28) and is never "use" (QZ-26).

Profiles: ``HYPOTHESIS_PROFILE=ci`` (default: bounded for CI) and ``deep`` (``make test-deep``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from chengguan.core.clock import SHANGHAI, frozen_at
from chengguan.core.errors import ChengguanError
from chengguan.ledger.models import Entry
from chengguan.measures import actions, queries
from chengguan.measures.checks import HOLD_DAYS, MAX_EXTENSION_DAYS
from chengguan.measures.models import Seizure
from chengguan.measures.states import OPEN
from chengguan.penalties.models import PenaltyCase
from chengguan.penalties.states import Status as CaseStatus
from tests.penalties.helpers import T0, open_general, snapshot

CI = settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
    derandomize=True,
    print_blob=True,
)
DEEP = settings(CI, max_examples=300, stateful_step_count=60, derandomize=False)
# How far the runs got: accepted and refused steps by verb and code (MACHINE_DISCOVER=1 prints).
REACHED: dict[str, int] = {}
PROFILE = DEEP if os.environ.get("HYPOTHESIS_PROFILE") == "deep" else CI

OFFICERS = ("officer1", "officer2")
HEADS = ("head", "deputy1")
WRONG = ("reviewer", "town_officer1", "officer_nocert", "outsider", "supervisor")
USERS = (*OFFICERS, *HEADS, *WRONG)


def who(*right: str) -> st.SearchStrategy[str]:
    """Mostly the right person (so histories get somewhere), sometimes anybody."""
    wrong = [u for u in USERS if u not in right]
    return st.sampled_from([*right] * (12 // len(right)) + wrong)


# Clock moves in hours: within and just past the 24 hours, around day 30 and day 60.
HOURS = st.sampled_from([1, 5, 20, 23, 25, 48, 24 * 6, 24 * 27, 24 * 29, 24 * 31, 24 * 45])
# A step on a measure may first let time pass, so the 24-hour and 30-day edges are met often.
LATER = st.sampled_from([0, 0, 0, 0, 0, 0, 0, 1, 23, 25, 24 * 30, 24 * 31, 24 * 61])
RELEASE_REASONS = [c for c, _ in Seizure.ReleaseReason.choices]
HANDLINGS = ["confiscate", "confiscate", *(c for c, _ in Seizure.Handling.choices), "use"]
ITEMS = [{"name": "三轮车（蓝色）", "quantity": "1", "unit": "辆"}]


def payload(e: Entry) -> dict[str, Any]:
    data = json.loads(e.payload)
    return data if isinstance(data, dict) else {}


class SeizureMachine(RuleBasedStateMachine):
    demo: Any
    seizures = Bundle("seizures")

    def __init__(self) -> None:
        super().__init__()
        # Each run is a savepoint inside the test's transaction, rolled back in teardown.
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.now = dt.datetime.combine(T0, dt.time(9), SHANGHAI)
        with frozen_at(self.now):
            self.case = open_general(self.demo)
            from chengguan.penalties import actions as penalty_actions

            penalty_actions.register(self.case.pk, actor=self.demo.user("head"))
        self.steps: list[str] = []

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # -- the one way this machine acts ------------------------------------------------------------

    def _state(self) -> tuple[Any, ...]:
        return (
            snapshot(self.case),
            list(Seizure.objects.order_by("id").values()),
            Entry.objects.count(),
        )

    def act(self, label: str, fn: Any, seizure: int | None = None, **kw: Any) -> Seizure | None:
        before_state = self._state()
        before = Seizure.objects.filter(pk=seizure).first() if seizure else None
        last = Entry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        with frozen_at(self.now):
            try:
                result = fn(**kw) if seizure is None else fn(seizure, **kw)
            except ChengguanError as exc:
                self.steps.append(f"{self.now:%m-%d %H} {label} → {exc.code}")
                key = f"{label.split()[0]}:{exc.code}"
                REACHED[key] = REACHED.get(key, 0) + 1
                assert self._state() == before_state, f"refused {label} changed something"
                return None
        self.steps.append(f"{self.now:%m-%d %H} {label} → ok")
        REACHED[f"{label.split()[0]}:ok"] = REACHED.get(f"{label.split()[0]}:ok", 0) + 1
        new = list(Entry.objects.filter(id__gt=last).order_by("id"))
        assert len(new) == 1, f"{label}: {len(new)} ledger entries, expected exactly one"
        entry, body = new[0], payload(new[0])
        assert entry.action.startswith("measure."), entry.action
        assert body.get("seizure") == result.pk and body.get("to") == result.status
        assert body.get("from") == (before.status if before else ""), (label, body)
        self.check_step(label, before, result)
        return result

    def check_step(self, label: str, before: Seizure | None, after: Seizure) -> None:
        today = self.now.astimezone(SHANGHAI).date()
        if before is None:
            return
        assert before.status in OPEN, f"{label} on a closed measure"
        verb = label.split()[0]
        if verb == "approve":
            assert before.report_by is not None and self.now <= before.report_by, "QZ-19"
        if verb == "extend":
            assert today <= before.decide_by, "QZ-28: extended after its end"
            assert before.extended_on is None, "QZ-25: extended twice"
        if verb == "dispose":
            decided = self.case_row().decided_on
            assert decided is not None and decided <= before.decide_by, "QZ-28: disposed too late"
            assert "confiscate_property" in self.case_row().penalty_types or (
                after.handling == "transfer"
            ), "QZ-28: disposal without confiscation"
            assert after.handling != "use", "QZ-26"

    def case_row(self) -> PenaltyCase:
        return PenaltyCase.objects.get(pk=self.case.pk)

    # -- rules ------------------------------------------------------------------------------------

    @initialize(target=seizures, emergency=st.booleans())
    def first_measure(self, emergency: bool) -> int:
        """Every run starts with one lawful measure (approved beforehand or an emergency one)."""
        s = self.act(
            f"seize officer1 emergency={emergency}",
            actions.seize,
            case_id=self.case.pk,
            actor=self.demo.user("officer1"),
            kind="seal",
            items=ITEMS,
            place="原地",
            condition="完好",
            certificates_shown=list(OFFICERS),
            approved_by=None if emergency else "head",
            emergency=emergency,
        )
        assert s is not None, self.steps
        return s.pk

    @rule(hours=HOURS)
    def wait(self, hours: int) -> None:
        self.now += dt.timedelta(hours=hours)
        self.steps.append(f"wait {hours}h")

    @rule(
        target=seizures,
        actor=who(*OFFICERS),
        approver=st.sampled_from(["head", "head", "deputy1", "officer2", None, None]),
        shown=st.sampled_from([OFFICERS, OFFICERS, ("officer1",), ()]),
        party_signed=st.booleans(),
        witnesses=st.sampled_from([[], ["王某"]]),
    )
    def seize(
        self,
        actor: str,
        approver: str | None,
        shown: tuple[str, ...],
        party_signed: bool,
        witnesses: list[str],
    ) -> int:
        s = self.act(
            f"seize {actor} approver={approver} shown={len(shown)}",
            actions.seize,
            case_id=self.case.pk,
            actor=self.demo.user(actor),
            kind="seize",
            items=ITEMS,
            place="局暂扣物品库",
            condition="完好",
            certificates_shown=list(shown),
            approved_by=approver,
            emergency=approver is None,
            party_signed=party_signed,
            witnesses=witnesses,
        )
        return s.pk if s else 0

    @rule(seizure=seizures, actor=who(*HEADS), later=LATER)
    def approve(self, seizure: int, later: int, actor: str) -> None:
        self.now += dt.timedelta(hours=later)
        if seizure:
            self.act(f"approve {actor}", actions.approve, seizure, actor=self.demo.user(actor))

    @rule(
        seizure=seizures,
        actor=who(*HEADS),
        days=st.sampled_from([0, 1, 15, 30, 30, 31]),
        later=LATER,
    )
    def extend(self, seizure: int, later: int, actor: str, days: int) -> None:
        self.now += dt.timedelta(hours=later)
        if seizure:
            self.act(
                f"extend {actor} {days}",
                actions.extend,
                seizure,
                actor=self.demo.user(actor),
                days=days,
                reason="案情复杂，需检验鉴定",
            )

    @rule(
        seizure=seizures,
        actor=who(*OFFICERS, "head"),
        reason=st.sampled_from(RELEASE_REASONS),
        back=st.sampled_from([0, 0, 1, 40, -1]),
        later=LATER,
    )
    def release(self, seizure: int, later: int, actor: str, reason: str, back: int) -> None:
        self.now += dt.timedelta(hours=later)
        if seizure:
            self.act(
                f"release {actor} {reason} -{back}d",
                actions.release,
                seizure,
                actor=self.demo.user(actor),
                reason=reason,
                returned_on=self.now.astimezone(SHANGHAI).date() - dt.timedelta(days=back),
            )

    @rule(seizure=seizures, actor=who(*HEADS), handling=st.sampled_from(HANDLINGS), later=LATER)
    def dispose(self, seizure: int, later: int, actor: str, handling: str) -> None:
        self.now += dt.timedelta(hours=later)
        if seizure:
            self.act(
                f"dispose {actor} {handling}",
                actions.dispose,
                seizure,
                actor=self.demo.user(actor),
                handling=handling,
                note="依处罚决定处理",
            )

    @rule(confiscate=st.sampled_from([True, True, False]))
    def case_decided(self, confiscate: bool) -> None:
        """The penalty decision (its own workflow, tested elsewhere) as a fact of the case file."""
        case = self.case_row()
        if case.decided_on is not None:
            return
        PenaltyCase.objects.filter(pk=case.pk).update(
            status=CaseStatus.DECIDED,
            decided_on=self.now.astimezone(SHANGHAI).date(),
            penalty_types=["fine", "confiscate_property"] if confiscate else ["fine"],
        )
        self.steps.append(f"decided confiscate={confiscate}")

    # -- invariants over every measure --------------------------------------------------------------

    @invariant()
    def the_period_is_lawful(self) -> None:
        for s in Seizure.objects.filter(case_id=self.case.pk):
            limit = HOLD_DAYS + (MAX_EXTENSION_DAYS if s.extended_on else 0)
            assert (s.decide_by - s.held_on).days <= limit, (s.pk, s.decide_by, self.steps)
            assert (s.decide_by - s.held_on).days <= HOLD_DAYS + MAX_EXTENSION_DAYS
            extensions = sum(
                1
                for e in Entry.objects.filter(action="measure.extend")
                if payload(e).get("seizure") == s.pk
            )
            assert extensions <= 1, (s.pk, extensions, self.steps)
            if s.emergency and s.approved_at is not None:
                assert s.report_by is not None and s.approved_at <= s.report_by, "QZ-19"

    @invariant()
    def every_status_change_has_its_entry(self) -> None:
        for s in Seizure.objects.filter(case_id=self.case.pk):
            moves = [
                payload(e)
                for e in Entry.objects.filter(action__startswith="measure.").order_by("id")
                if payload(e).get("seizure") == s.pk
            ]
            assert moves and moves[0]["from"] == "", (s.pk, moves)
            chain = [m["to"] for m in moves]
            for prev, m in zip(chain, moves[1:], strict=False):
                assert m["from"] == prev, (s.pk, moves)
            assert chain[-1] == s.status, (s.pk, chain, s.status)

    @invariant()
    def overdue_lists_exactly_what_must_be_released(self) -> None:
        with frozen_at(self.now):
            today = self.now.astimezone(SHANGHAI).date()
            listed = set(queries.overdue(self.case.bureau_id).values_list("pk", flat=True))
            for s in Seizure.objects.filter(case_id=self.case.pk):
                due = s.open and (s.decide_by < today or s.report_overdue(self.now))
                assert (s.pk in listed) == due, (s.pk, s.status, s.decide_by, self.steps[-6:])


@pytest.mark.django_db
def test_seizure_histories_keep_the_law(demo: Any) -> None:
    SeizureMachine.demo = demo
    chosen = PROFILE
    if os.environ.get("MACHINE_EXAMPLES"):
        chosen = settings(PROFILE, max_examples=int(os.environ["MACHINE_EXAMPLES"]))
    run_state_machine_as_test(SeizureMachine, settings=chosen)
    if os.environ.get("MACHINE_DISCOVER") == "1":
        print("\nMACHINE_DISCOVER steps:", dict(sorted(REACHED.items())))
