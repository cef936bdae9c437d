"""Issue #11: an adversarial, model-based test of the penalty procedure (hypothesis stateful testing).

A careless officer (and a few wrong people) drive penalty cases **through the HTTP API** with random
sequences of actions, random actors, random dates (past, future, around each legal deadline, with the
clock moved forward) and random amounts. After every step the invariants below are checked over every
case of the run. They state what the law requires of a whole case file, independent of how the code
enforces it:

- a refused request (4xx) changed nothing: the cases, their related rows, the ledger;
- no request answers 5xx;
- every status change has exactly one ledger entry carrying ``from``/``to``, and the chain of those
  entries leads from the case's creation to its current status;
- no penalty decision while a hearing right is open and unwaived, nor while a requested hearing is not
  held (XF-63); no decision heavier than the notice (XF-45); no decision without a notice (XF-44);
- no decision without an approved legal review where one is required (XF-58), and that review is of
  the case as it stands (XF-58 sharpened) by someone who is not an investigator (ORG-4);
- the decided fine lies in the statutory range and in the band of the chosen level of the benchmark in
  force on the act date, unless a departure was approved (CL-4/CL-6, XF-37);
- the surcharge is never below what the recorded, proven dates give (XF-72, TM-2, XF-70, XF-73);
- recorded dates are neither in the future nor before the event they depend on (TM-1);
- a decision comes within the 90 days or an extension approved in time (XF-60), is made by a head who
  did not investigate, names at least two officers (XF-42), and imposes a penalty type (XF-9).

Invariants that fail today because another engineer's rule is not merged yet are listed in
``PENDING_INVARIANTS`` and skipped while listed; the lead removes an entry once its rule is merged.
``MACHINE_DISCOVER=1`` runs the machine without failing and prints which invariants broke (used to
keep that list honest).

Profiles: ``HYPOTHESIS_PROFILE=ci`` (the default here: bounded, < 60 s) and ``deep`` (``make
test-deep``: many more and longer runs).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from chengguan.core import workdays
from chengguan.law import queries as law_queries
from chengguan.ledger.models import Entry
from chengguan.org.models import Staff
from chengguan.penalties import checks, periods
from chengguan.penalties import surcharge as xf72
from chengguan.penalties.actions.hearing import basis
from chengguan.penalties.models import PenaltyCase
from chengguan.penalties.states import ALLOWED
from tests.penalties.helpers import COMPANY, PERSON, T0, at, person_id, snapshot

# name → the rule id whose enforcement makes it hold, and what breaks today. Skipped while listed.
PENDING_INVARIANTS: dict[str, str] = {}

DISCOVER = os.environ.get("MACHINE_DISCOVER") == "1"
FOUND: dict[str, str] = {}
# How far the runs got (successful steps by path tail), printed with MACHINE_DISCOVER=1.
REACHED: dict[str, int] = {}
REFUSED: dict[str, int] = {}

settings.register_profile(
    "ci",
    # Bounded for CI (< 60 s on a busy 2-CPU machine); `make test-deep` explores far more.
    max_examples=8,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    derandomize=True,
    print_blob=True,
)
settings.register_profile(
    "deep",
    max_examples=400,
    stateful_step_count=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    print_blob=True,
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Who may act: the case's officers, the head, the reviewer; and the wrong people: an officer of a
# town team (another department), the supervisor, an officer without a valid certificate, a user of
# another bureau.
OFFICERS = ("officer1", "officer2")
WRONG = ("town_officer1", "supervisor", "officer_nocert", "outsider", "reviewer", "head")
USERS = ("officer1", "officer2", "head", "reviewer", "town_officer1", "supervisor")
USERS += ("officer_nocert", "outsider")


def who(*right: str) -> st.SearchStrategy[str]:
    """Mostly the right person (so the procedure gets somewhere), sometimes anybody."""
    wrong = [u for u in USERS if u not in right]
    return st.sampled_from([*right] * (16 // len(right)) + wrong)


TAIL_ACTION = {
    "remedies": "record_remedy",
    "arrangements": "apply_arrangement",
    "enforcement": "apply_enforcement",
}


# Offsets (days) from "today" for a recorded date: mostly today, sometimes back-dated or future.
DAY = st.sampled_from([0, 0, 0, 0, -1, -3, -8, -20, 1, 6])
AMOUNT = st.sampled_from(["50", "200", "1000", "3000", "5000", "9999", "10000", "15000", "25000"])
LEVEL = st.sampled_from(["lighter", "lighter", "general", "heavier", "mitigated", "none"])
CORRECTION = "责令立即停止占用城市道路，恢复道路原状"


def proposal(fine: str, level: str, **extra: Any) -> dict[str, Any]:
    return {
        "penalty_types": ["fine"],
        "fine_amount": fine,
        "level": level,
        "grounds": [],
        "correction": CORRECTION,
        **extra,
    }


def entries(case_id: int) -> list[Entry]:
    return list(
        Entry.objects.filter(
            subject_type="penalties.penaltycase", subject_id=str(case_id)
        ).order_by("seq")
    )


def payload(e: Entry) -> dict[str, Any]:
    data = json.loads(e.payload)
    return data if isinstance(data, dict) else {}


def local_day(e: Entry) -> dt.date:
    from chengguan.core.clock import local

    return local(e.at).date()


def last_before(items: list[Entry], action: str, seq: int) -> Entry | None:
    found = [e for e in items if e.action == action and e.seq < seq]
    return found[-1] if found else None


class PenaltyMachine(RuleBasedStateMachine):
    """One run: a few cases of the demo bureau, a clock, and whoever happens to act."""

    clients: Callable[[str], Any]
    demo: Any

    def __init__(self) -> None:
        super().__init__()
        # Each run is a savepoint inside the test's transaction, rolled back in teardown.
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.today = T0
        self.cases: list[int] = []
        self.steps: list[str] = []

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # -- the one way this machine acts --------------------------------------------------------

    def check(self, name: str, ok: bool, detail: str = "") -> None:
        if ok:
            return
        if DISCOVER:
            FOUND.setdefault(name + (" (pending)" if name in PENDING_INVARIANTS else ""), detail)
            return
        if name in PENDING_INVARIANTS:
            return
        raise AssertionError(f"invariant {name} broken: {detail}\nsteps: {self.steps[-12:]}")

    def post(self, user: str, path: str, body: dict[str, Any] | None = None) -> Any:
        before = {pk: snapshot(PenaltyCase(pk=pk)) for pk in self.cases}
        statuses = {pk: before[pk]["status"] for pk in self.cases}
        ledger_before = Entry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        with at(self.today):
            r = self.clients(user).post(path, body or {})
        self.steps.append(f"{self.today} {user} {path} {body} → {r.status_code}")
        assert r.status_code < 500, f"{path} answered {r.status_code}: {r.content[:400]!r}"
        if r.status_code >= 400:
            # A refusal changed nothing (the case row, its related rows, the ledger).
            for pk in self.cases:
                self.check(
                    "refusal_changes_nothing",
                    snapshot(PenaltyCase(pk=pk)) == before[pk],
                    f"{path} refused with {r.status_code} but case {pk} changed",
                )
            self.check(
                "refusal_changes_nothing",
                (Entry.objects.order_by("-id").values_list("id", flat=True).first() or 0)
                == ledger_before,
                f"{path} refused with {r.status_code} but the ledger grew",
            )
            body_json = r.json()
            code = str(body_json.get("error", {}).get("code"))
            key = f"{path.rsplit('/', 1)[-1]}:{user}:{code}"
            if code == "invalid":
                key += ":" + json.dumps(body_json["error"].get("details"), ensure_ascii=False)[:80]
            REFUSED[key] = REFUSED.get(key, 0) + 1
            self.check(
                "refusal_names_a_rule",
                isinstance(body_json.get("error", {}).get("code"), str)
                and bool(body_json["error"].get("message")),
                f"{path} refused without an error envelope: {body_json}",
            )
            return r
        tail = path.rsplit("/", 1)[-1] if not path[-1].isdigit() else path
        REACHED[tail] = REACHED.get(tail, 0) + 1
        # Every status change has exactly one ledger entry with from/to; no other step moves it.
        for pk in self.cases:
            now_status = PenaltyCase.objects.values_list("status", flat=True).get(pk=pk)
            moved = [
                payload(e)
                for e in Entry.objects.filter(
                    id__gt=ledger_before, subject_type="penalties.penaltycase", subject_id=str(pk)
                )
                if "to" in payload(e) and payload(e).get("from") != payload(e).get("to")
            ]
            if now_status != statuses[pk]:
                self.check(
                    "one_entry_per_status_change",
                    len(moved) == 1
                    and moved[0]["from"] == statuses[pk]
                    and moved[0]["to"] == now_status,
                    f"case {pk} {statuses[pk]}→{now_status} with entries {moved}",
                )
            else:
                self.check(
                    "one_entry_per_status_change",
                    not moved,
                    f"case {pk} stayed {now_status} but entries say {moved}",
                )
        return r

    def pick(self, i: int, action: str) -> int:
        """A case where ``action`` may start (mostly), or any case (1 in 6: the state refusal)."""
        ready = [pk for pk in self.cases if self.status_of(pk) in ALLOWED.get(action, ())]
        if ready and i % 6:
            return ready[i % len(ready)]
        return self.cases[i % len(self.cases)]

    def can(self, action: str) -> bool:
        return any(self.status_of(pk) in ALLOWED.get(action, ()) for pk in self.cases)

    @staticmethod
    def status_of(pk: int) -> str:
        return str(PenaltyCase.objects.values_list("status", flat=True).get(pk=pk))

    def case_path(self, i: int, tail: str, action: str | None = None) -> str:
        action = action or TAIL_ACTION.get(tail, tail)
        return f"penalty-cases/{self.pick(i, action)}/{tail}"

    def day(self, offset: int) -> str:
        return (self.today + dt.timedelta(days=offset)).isoformat()

    def status(self, i: int) -> str:
        return str(
            PenaltyCase.objects.values_list("status", flat=True).get(
                pk=self.cases[i % len(self.cases)]
            )
        )

    # -- rules ---------------------------------------------------------------------------------

    def _open(
        self, user: str, company: bool, item: str, act_back: int, complex_case: bool, public: bool
    ) -> None:
        party = dict(COMPANY if company else PERSON)
        if not company:
            # A different person per case, so that XF-29 (no second fine) is not the only answer.
            party["id_number"] = person_id(serial=f"{len(self.cases) + 100:03d}"[-3:])
        r = self.post(
            user,
            "penalty-cases",
            {
                "procedure": "general",
                "power_item": item,
                "party": party,
                "facts": "当事人在人民路东段擅自占用城市道路摆摊经营，占道约6平方米",
                "act_date": self.day(-act_back),
                "discovered_date": self.day(0),
                "officers": list(OFFICERS),
                "complex_case": complex_case,
                "public_interest": public,
            },
        )
        if r.status_code == 201:
            self.cases.append(r.json()["id"])

    @initialize(
        company=st.booleans(),
        item=st.sampled_from(["SZ001", "SZ001", "SZ002"]),
        act_back=st.sampled_from([14, 14, 30, 800]),
        complex_case=st.booleans(),
        public=st.sampled_from([False, False, True]),
    )
    def first_case(
        self, company: bool, item: str, act_back: int, complex_case: bool, public: bool
    ) -> None:
        self._open("officer1", company, item, act_back, complex_case, public)
        if not self.cases:  # e.g. XF-36 limitation: open a lawful one so the run has a case
            self._open("officer1", company, item, 14, complex_case, public)
        assert self.cases

    @precondition(lambda self: len(self.cases) < 3)
    @rule(
        user=who(*OFFICERS),
        company=st.booleans(),
        item=st.sampled_from(["SZ001", "SZ002"]),
        act_back=st.sampled_from([1, 14, 800]),
        complex_case=st.booleans(),
    )
    def open_case(
        self, user: str, company: bool, item: str, act_back: int, complex_case: bool
    ) -> None:
        self._open(user, company, item, act_back, complex_case, False)

    @rule(i=st.integers(0, 2), variant=st.integers(0, 5))
    def lawful_step(self, i: int, variant: int) -> None:
        """The next step a careful officer would take, by the right person on lawful dates: it
        takes runs deep into the procedure, where the adversarial rules then strike."""
        pk = self.cases[i % len(self.cases)]
        case = PenaltyCase.objects.get(pk=pk)
        path = f"penalty-cases/{pk}/"
        st_ = case.status
        # The officers on the case now (a recusal may have replaced one): the careful one acts.
        mine = sorted(case.officers.values_list("username", flat=True))
        me = mine[0] if mine else "officer1"
        if st_ == "pending_registration":
            self.post("head", path + "register")
        elif st_ in {"registered", "investigating"} and not case.evidence.exists():
            self.post(
                me,
                path + "evidence",
                {
                    "kind": "inspection_record",
                    "description": "现场检查笔录及照片6张",
                    "certificates_shown": mine,
                },
            )
        elif st_ == "investigating":
            fine, level = [("5000", "lighter"), ("15000", "heavier"), ("10000", "general")][
                variant % 3
            ]
            self.post(
                me,
                path + "conclude",
                {"outcome": "penalty", "proposal": proposal(fine, level), "report": "调查终结"},
            )
        elif st_ == "investigated":
            self.post(me, path + "notify", {"served_on": self.day(0)})
        elif st_ == "notified":
            notice = case.notices.order_by("-id").first()
            # A party with the right asks for a hearing half the time (XF-64 is reached).
            if variant % 2 == 0 and notice is not None and notice.hearing_right:
                self.post(me, path + "request_hearing", {"requested_on": self.day(0)})
            elif variant % 3 == 1:
                self.post(
                    me,
                    path + "statement",
                    {
                        "content": "当事人陈述申辩",
                        "accepted": False,
                        "review_opinion": "所称事实无证据支持",
                        "received_on": self.day(0),
                    },
                )
            else:
                self.today += dt.timedelta(days=8)  # past both the statement and hearing windows
                self.decide_lawfully(case, path)
        elif st_ == "hearing_requested":
            asked = case.hearings.order_by("-id").first()
            if asked is not None and asked.chair_named_by_id is None:
                # XF-64: the head names a chair who did not investigate the case.
                self.post("head", path + "name_chair", {"chair": "supervisor"})
                return
            self.today += dt.timedelta(days=14)
            self.post(
                me,
                path + "hearing",
                {
                    "held_on": self.day(0),
                    "notified_on": asked.requested_on.isoformat() if asked else self.day(-12),
                    "record": "听证笔录",
                    "transcript_signed": True,
                },
            )
        elif st_ in {"heard"}:
            self.decide_lawfully(case, path)
        elif st_ == "decided":
            self.post(me, path + "serve", {"served_on": self.day(0), "method": "direct"})
        elif st_ == "served":
            if variant % 2:
                self.today += dt.timedelta(days=20)  # late: the surcharge runs
            from chengguan.penalties import money

            _, due = money.surcharge_due(case, self.today)
            self.post(
                me,
                path + "pay",
                {
                    "amount": str((case.fine_amount or Decimal(0)) + due),
                    "paid_on": self.day(0),
                    "channel": "bank",
                    "receipt_no": "NO.2025-0001",
                    "voucher_no": "YH.2025-0001",
                },
            )
        elif st_ in {"paid", "transferred"}:
            self.post("head", path + "close")
        elif st_ == "closed":
            self.post("reviewer", path + "archive")

    def decide_lawfully(self, case: PenaltyCase, path: str) -> None:
        told = case.notices.order_by("-id").first()
        prop = dict(case.proposal or (told.proposal if told else {}) or {})
        held = case.hearings.filter(held_on__isnull=False).exists()
        needs_review = case.complex_case or case.public_interest or held
        last = case.reviews.order_by("-id").first()
        # XF-58/XF-65: a careful officer asks for a review of the case as it stands now.
        if needs_review and (last is None or not last.approved or last.basis != basis(case)):
            self.post("reviewer", path + "review", {"approved": True, "opinion": "同意"})
        if not case.discussions.exists():
            self.post(
                "head",
                path + "discuss",
                {
                    "participants": ["head", "deputy1", "deputy2"],
                    "minutes": "讨论拟处罚意见",
                    "conclusion": f"同意罚款{prop.get('fine_amount')}元",
                },
            )
        prop.setdefault("correction", CORRECTION)
        self.post("head", path + "decide", {k: v for k, v in prop.items() if v is not None})

    @rule(days=st.sampled_from([1, 1, 2, 3, 4, 5, 8, 16, 45, 100]))
    def advance_clock(self, days: int) -> None:
        self.today += dt.timedelta(days=days)

    @precondition(lambda self: self.can("register"))
    @rule(i=st.integers(0, 2), user=who("head"))
    def register(self, i: int, user: str) -> None:
        self.post(user, self.case_path(i, "register"))

    @precondition(lambda self: self.can("evidence"))
    @rule(
        i=st.integers(0, 2),
        user=who(*OFFICERS),
        kind=st.sampled_from(["inspection_record", "statement", "document", "photo"]),
        on=DAY,
        shown=st.sampled_from([list(OFFICERS), list(OFFICERS), ["officer1"], []]),
    )
    def evidence(self, i: int, user: str, kind: str, on: int, shown: list[str]) -> None:
        self.post(
            user,
            self.case_path(i, "evidence"),
            {
                "kind": kind,
                "description": "现场检查笔录及照片",
                "collected_on": self.day(on),
                "certificates_shown": shown,
            },
        )

    @precondition(lambda self: self.can("conclude"))
    @rule(
        i=st.integers(0, 2),
        user=who(*OFFICERS),
        outcome=st.sampled_from(["penalty", "penalty", "penalty", "no_penalty_minor", "transfer"]),
        fine=AMOUNT,
        level=LEVEL,
    )
    def conclude(self, i: int, user: str, outcome: str, fine: str, level: str) -> None:
        body: dict[str, Any] = {"outcome": outcome, "report": "调查终结报告"}
        if outcome == "penalty":
            body["proposal"] = proposal(fine, level)
        self.post(user, self.case_path(i, "conclude"), body)

    @precondition(lambda self: self.can("notify"))
    @rule(i=st.integers(0, 2), user=who(*OFFICERS), on=DAY)
    def notify(self, i: int, user: str, on: int) -> None:
        self.post(user, self.case_path(i, "notify"), {"served_on": self.day(on)})

    @precondition(lambda self: self.can("statement"))
    @rule(i=st.integers(0, 2), user=who(*OFFICERS), on=DAY, accepted=st.booleans())
    def statement(self, i: int, user: str, on: int, accepted: bool) -> None:
        self.post(
            user,
            self.case_path(i, "statement"),
            {"content": "当事人称系初次违法", "accepted": accepted, "received_on": self.day(on)},
        )

    @precondition(lambda self: self.can("waive"))
    @rule(i=st.integers(0, 2), user=who(*OFFICERS), written=st.booleans())
    def waive(self, i: int, user: str, written: bool) -> None:
        if written:
            # XF-62: the party's words recorded, witnessed by the two officers of the case.
            self.post(
                user,
                self.case_path(i, "waive"),
                {"record": "当事人书面放弃陈述申辩和听证", "witnessed_by": list(OFFICERS)},
            )
            return
        # The careless officer's empty waiver: there is no signed page behind it.
        r = self.post(user, self.case_path(i, "waive"), {})
        self.check(
            "waiver_is_written",
            r.status_code >= 400,
            "an empty waive {} was accepted as the party's written waiver",
        )

    @precondition(lambda self: self.can("request_hearing"))
    @rule(i=st.integers(0, 2), user=who(*OFFICERS), on=DAY)
    def request_hearing(self, i: int, user: str, on: int) -> None:
        self.post(user, self.case_path(i, "request_hearing"), {"requested_on": self.day(on)})

    @precondition(lambda self: self.can("name_chair"))
    @rule(
        i=st.integers(0, 2),
        user=who("head"),
        chair=st.sampled_from(["supervisor", "supervisor", "officer1", "reviewer"]),
    )
    def name_chair(self, i: int, user: str, chair: str) -> None:
        self.post(user, self.case_path(i, "name_chair"), {"chair": chair})

    @precondition(lambda self: self.can("challenge_chair"))
    @rule(i=st.integers(0, 2), user=who("head"), upheld=st.booleans())
    def challenge_chair(self, i: int, user: str, upheld: bool) -> None:
        self.post(
            user,
            self.case_path(i, "challenge_chair"),
            {"reason": "当事人认为主持人与本案有利害关系", "upheld": upheld},
        )

    @precondition(lambda self: self.can("hearing"))
    @rule(
        i=st.integers(0, 2),
        user=who(*OFFICERS),
        on=DAY,
        chair=st.sampled_from(["", "", "supervisor", "officer1"]),
        notified_back=st.sampled_from([3, 10, 12]),
        signed=st.sampled_from([True, True, False]),
    )
    def hearing(
        self, i: int, user: str, on: int, chair: str, notified_back: int, signed: bool
    ) -> None:
        self.post(
            user,
            self.case_path(i, "hearing"),
            {
                "held_on": self.day(on),
                "chair": chair,
                "notified_on": self.day(on - notified_back),
                "record": "听证笔录：当事人陈述申辩意见",
                "transcript_signed": signed,
            },
        )

    @precondition(lambda self: self.can("review"))
    @rule(i=st.integers(0, 2), user=who("reviewer"), approved=st.sampled_from([True, True, False]))
    def review(self, i: int, user: str, approved: bool) -> None:
        self.post(
            user,
            self.case_path(i, "review"),
            {"approved": approved, "opinion": "主体合法、事实清楚、证据确凿、程序合法"},
        )

    @precondition(lambda self: self.can("discuss"))
    @rule(
        i=st.integers(0, 2),
        user=who("head"),
        participants=st.sampled_from(
            [
                ["head", "deputy1", "deputy2"],
                ["head", "deputy1", "deputy2"],
                ["张建华", "副局长甲", "副局长乙"],
                ["head"],
                ["officer1", "officer2", "reviewer"],
            ]
        ),
        # CL-6: a ruling on a departure about some proposal (perhaps not the one decided).
        about=st.sampled_from([None, None, ("lighter", "3000"), ("general", "5000")]),
    )
    def discuss(
        self, i: int, user: str, participants: list[str], about: tuple[str, str] | None
    ) -> None:
        body: dict[str, Any] = {
            "participants": participants,
            "minutes": "集体讨论记录",
            "conclusion": "同意",
        }
        if about is not None:
            body |= {"about_level": about[0], "about_fine": about[1], "approves_deviation": True}
        self.post(user, self.case_path(i, "discuss"), body)

    @precondition(lambda self: self.can("extend"))
    @rule(i=st.integers(0, 2), user=who("head"), until=st.sampled_from([10, 30, 3000]))
    def extend(self, i: int, user: str, until: int) -> None:
        self.post(
            user,
            self.case_path(i, "extend"),
            {"until": self.day(until), "reason": "案情复杂需进一步调查"},
        )

    @precondition(lambda self: self.can("decide"))
    @rule(
        i=st.integers(0, 2),
        user=who("head"),
        fine=AMOUNT,
        level=LEVEL,
        deviation=st.sampled_from(["", "", "当事人经济困难"]),
        kind=st.sampled_from(["penalty", "penalty", "penalty", "other"]),
    )
    def decide(self, i: int, user: str, fine: str, level: str, deviation: str, kind: str) -> None:
        if kind == "penalty":
            body = proposal(fine, level, deviation_reason=deviation)
        else:
            body = {"penalty_types": [], "level": "none", "education": "已对当事人进行教育"}
            body["transferred_to"] = "示范县公安局"
        self.post(user, self.case_path(i, "decide"), body)

    @precondition(lambda self: self.can("serve"))
    @rule(
        i=st.integers(0, 2),
        user=who(*OFFICERS),
        on=DAY,
        method=st.sampled_from(["direct", "direct", "post", "electronic", "notice", "left"]),
    )
    def serve(self, i: int, user: str, on: int, method: str) -> None:
        self.post(user, self.case_path(i, "serve"), {"served_on": self.day(on), "method": method})

    @precondition(lambda self: self.can("pay"))
    @rule(
        i=st.integers(0, 2),
        user=who(*OFFICERS),
        on=st.sampled_from([0, 0, -1, -5, -30, -60, 1]),
        part=st.sampled_from(["all", "all", "half"]),
        channel=st.sampled_from(["bank", "bank", "online", "on_spot"]),
        receipt=st.sampled_from(["", "", "NO.2025-0001"]),
        voucher=st.sampled_from(["", "YH.2025-0001", "YH.2025-0001"]),
    )
    def pay(
        self, i: int, user: str, on: int, part: str, channel: str, receipt: str, voucher: str
    ) -> None:
        case = PenaltyCase.objects.get(pk=self.pick(i, "pay"))
        if case.fine_amount is None:
            amount = "100.00"
        else:
            fine = case.fine_amount
            if part == "all":
                from chengguan.penalties import money

                with at(self.today):
                    _, due = money.surcharge_due(case, self.today + dt.timedelta(days=on))
                amount = str(fine + due)
            else:
                amount = str((fine / 2).quantize(Decimal("0.01")))
        self.post(
            user,
            f"penalty-cases/{case.pk}/pay",
            {
                "amount": amount,
                "paid_on": self.day(on),
                "channel": channel,
                "receipt_no": receipt,
                "voucher_no": voucher,
            },
        )

    @precondition(lambda self: self.can("record_remedy"))
    @rule(
        i=st.integers(0, 2),
        user=who("reviewer", "head", *OFFICERS),
        kind=st.sampled_from(["reconsideration", "litigation"]),
        on=DAY,
        proven=st.booleans(),
    )
    def record_remedy(self, i: int, user: str, kind: str, on: int, proven: bool) -> None:
        body: dict[str, Any] = {"kind": kind, "filed_on": self.day(on), "body": "示范县人民政府"}
        if proven:
            body |= {"proof_number": "示政复受字〔2025〕1号", "proof_date": self.day(0)}
        self.post(user, self.case_path(i, "remedies"), body)

    # --- helper:due3 --- XF-27/XF-22: transfers with random approvers, dates and receipts.
    @precondition(lambda self: self.can("transfer"))
    @rule(
        i=st.integers(0, 2),
        user=who(*OFFICERS, "head"),
        kind=st.sampled_from(["judicial", "judicial", "competent_body"]),
        approver=st.sampled_from(["head", "head", "", "reviewer"]),
        decided=st.sampled_from([0, 0, 0, 0, -1, -5, 1]),
        handed=st.sampled_from([0, 0, 1, 2]),
        receipt=st.sampled_from(["接收回执1号", "接收回执1号", ""]),
    )
    def transfer(
        self, i: int, user: str, kind: str, approver: str, decided: int, handed: int, receipt: str
    ) -> None:
        body = {
            "kind": kind,
            "to": "示范县公安局" if kind == "judicial" else "示范县市场监督管理局",
            "reason": "涉嫌犯罪" if kind == "judicial" else "不属本机关职权",
            "decided_on": self.day(decided),
            "handed_over_on": self.day(decided + handed),
            "receipt": receipt,
            "approved_by": approver,
        }
        self.post(user, self.case_path(i, "transfer"), body)

    # --- /helper:due3 ---

    @precondition(lambda self: self.can("conclude_remedy"))
    @rule(
        i=st.integers(0, 2),
        user=who("reviewer", *OFFICERS),
        outcome=st.sampled_from(["upheld", "withdrawn", "won", "revoked"]),
        on=DAY,
    )
    def conclude_remedy(self, i: int, user: str, outcome: str, on: int) -> None:
        case = self.pick(i, "conclude_remedy")
        remedy = PenaltyCase.objects.get(pk=case).remedies.filter(concluded_on__isnull=True).first()
        if remedy is None:
            return
        self.post(
            user,
            f"penalty-cases/{case}/remedies/{remedy.pk}/conclude",
            {"concluded_on": self.day(on), "outcome": outcome},
        )

    @precondition(lambda self: self.can("apply_arrangement"))
    @rule(
        i=st.integers(0, 2),
        user=who(*OFFICERS),
        kind=st.sampled_from(["deferral", "instalments"]),
        on=DAY,
    )
    def apply_arrangement(self, i: int, user: str, kind: str, on: int) -> None:
        self.post(
            user,
            self.case_path(i, "arrangements"),
            {"kind": kind, "applied_on": self.day(on), "reason": "经营困难"},
        )

    @precondition(lambda self: self.can("decide_arrangement"))
    @rule(i=st.integers(0, 2), user=who("head"), approved=st.booleans(), due=st.integers(5, 60))
    def decide_arrangement(self, i: int, user: str, approved: bool, due: int) -> None:
        case = PenaltyCase.objects.get(pk=self.pick(i, "decide_arrangement"))
        pending = case.arrangements.filter(status="pending").first()
        if pending is None:
            return
        body: dict[str, Any] = {"approved": approved, "opinion": "同意"}
        if pending.kind == "deferral":
            body["due_on"] = self.day(due)
        elif case.fine_amount is not None:
            half = (case.fine_amount / 2).quantize(Decimal("0.01"))
            body["instalments"] = [
                {"amount": str(half), "due_on": self.day(due)},
                {"amount": str(case.fine_amount - half), "due_on": self.day(due + 30)},
            ]
        self.post(user, f"penalty-cases/{case.pk}/arrangements/{pending.pk}/decide", body)

    @precondition(lambda self: self.can("demand"))
    @rule(i=st.integers(0, 2), user=who(*OFFICERS), on=DAY)
    def demand(self, i: int, user: str, on: int) -> None:
        self.post(
            user, self.case_path(i, "demand"), {"served_on": self.day(on), "method": "direct"}
        )

    @precondition(lambda self: self.can("apply_enforcement"))
    @rule(i=st.integers(0, 2), user=who("head"), on=DAY)
    def apply_enforcement(self, i: int, user: str, on: int) -> None:
        self.post(
            user,
            self.case_path(i, "enforcement"),
            {"court": "示范县人民法院", "applied_on": self.day(on), "document_number": "示执申1号"},
        )

    @precondition(lambda self: self.can("recuse"))
    @rule(
        i=st.integers(0, 2),
        user=who("head"),
        officer=st.sampled_from(list(OFFICERS)),
        replacement=st.sampled_from(["town_officer1", "reviewer", "officer_nocert", None]),
        granted=st.booleans(),
    )
    def recuse(
        self, i: int, user: str, officer: str, replacement: str | None, granted: bool
    ) -> None:
        self.post(
            user,
            self.case_path(i, "recuse"),
            {
                "officer": officer,
                "reason": "与当事人有利害关系",
                "granted": granted,
                "replacement": replacement,
            },
        )

    @precondition(lambda self: self.can("close"))
    @rule(i=st.integers(0, 2), user=who("head"))
    def close(self, i: int, user: str) -> None:
        self.post(user, self.case_path(i, "close"))

    @precondition(lambda self: self.can("archive"))
    @rule(i=st.integers(0, 2), user=who("reviewer"))
    def archive(self, i: int, user: str) -> None:
        self.post(user, self.case_path(i, "archive"))

    @rule(
        i=st.integers(0, 2),
        user=st.sampled_from(USERS),
        tail=st.sampled_from(sorted(set(ALLOWED) - {"recuse"} | {"waive", "close", "archive"})),
        body=st.sampled_from([{}, {"served_on": "2099-01-01"}, {"amount": "-1"}, {"x": None}]),
    )
    def anything(self, i: int, user: str, tail: str, body: dict[str, Any]) -> None:
        # Anybody posting any step with a thin or absurd body, in whatever state the case is.
        self.post(user, f"penalty-cases/{self.cases[i % len(self.cases)]}/{tail}", body)

    @rule(i=st.integers(0, 2), user=st.sampled_from(["outsider", "town_officer1", "head"]))
    def read_case(self, i: int, user: str) -> None:
        # Another bureau never sees the case; reading never writes.
        before = Entry.objects.count()
        r = self.clients(user).get(f"penalty-cases/{self.cases[i % len(self.cases)]}")
        assert r.status_code < 500
        if user == "outsider":
            self.check("outsider_sees_nothing", r.status_code == 404, f"got {r.status_code}")
        self.check("reading_writes_nothing", Entry.objects.count() == before, "a GET wrote")

    # -- invariants over every case -------------------------------------------------------------

    # --- helper:due3 ---
    def check_transfer(self, case: PenaltyCase, log: list[Entry]) -> None:
        """XF-27/XF-22: a transferred case is suspended (no decision after it, only closing), and a
        judicial transfer was approved by a head, in time or with its reason, with a receipt."""
        moved = [e for e in log if e.action == "penalty.transfer"]
        self.check("one_transfer", len(moved) <= 1, f"case {case.pk}: {len(moved)} transfers")
        if not moved:
            return
        seq = moved[0].seq
        later = [e.action for e in log if e.seq > seq]
        self.check(
            "suspended_after_transfer",
            set(later) <= {"penalty.close", "penalty.archive"}
            and case.status in {"transferred", "closed", "archived"},
            f"case {case.pk} after its transfer: {later}, status {case.status}",
        )
        t = case.transfers.get()
        self.check("transfer_receipt", bool(t.receipt.strip()), f"case {case.pk}")
        if t.kind == "judicial":
            approved = t.approved_by is not None and t.approved_by.has_role("head")
            on_time = (t.decided_on - t.reported_on).days <= 3 and (
                t.handed_over_on - t.decided_on
            ).days <= 1
            self.check(
                "judicial_transfer_lawful",
                approved and (on_time or bool(t.late_reason.strip())),
                f"case {case.pk}: approver {t.approved_by}, {t.reported_on}→{t.decided_on}→"
                f"{t.handed_over_on}",
            )

    # --- /helper:due3 ---

    @invariant()
    def whole_cases_are_lawful(self) -> None:
        for pk in self.cases:
            self.check_case(PenaltyCase.objects.select_related("party", "power_item").get(pk=pk))

    def check_case(self, case: PenaltyCase) -> None:
        log = entries(case.pk)
        self.check_transfer(case, log)  # helper:due3
        moves = [(payload(e), e) for e in log if "to" in payload(e)]
        # The chain of status entries starts at creation and ends at the current status.
        chain_ok = bool(moves) and moves[0][0].get("from") is None
        for (a, _), (b, _) in itertools.pairwise(moves):
            chain_ok = chain_ok and b.get("from") == a.get("to")
        self.check(
            "status_chain_in_ledger",
            chain_ok and moves[-1][0].get("to") == case.status,
            f"case {case.pk} status {case.status}, ledger moves {[m for m, _ in moves]}",
        )
        officers = list(case.officers.all())
        self.check("two_officers", len(officers) >= 2, f"case {case.pk} has {len(officers)}")
        self.check_dates(case, log)
        decide = next((e for e in log if e.action == "penalty.decide"), None)
        if decide is not None and case.decision_kind == PenaltyCase.Outcome.PENALTY:
            self.check_decision(case, log, decide, officers)
        if case.decided_on and case.registered_on:
            limit = case.extension_until or periods.decide_by(case.registered_on)
            self.check(
                "decided_in_time",
                case.decided_on <= limit,
                f"decided {case.decided_on} after {limit}",
            )
        if case.extension_until and case.registered_on:
            normal = periods.decide_by(case.registered_on)
            extends = [e for e in log if e.action == "penalty.extend"]
            self.check(
                "extension_lawful",
                case.extension_until <= normal + dt.timedelta(days=30)
                and len(extends) <= 1
                and all(local_day(e) <= normal for e in extends),
                f"extended to {case.extension_until} ({len(extends)}×) from {normal}",
            )
        self.check_surcharge(case, log)
        # XF-64: a held hearing had a chair named by the head who did not investigate, seven working
        # days strictly between the notice and the hearing, and a signed (or annotated) transcript.
        for h in case.hearings.filter(held_on__isnull=False):
            assert h.notified_on is not None and h.held_on is not None
            between = sum(
                workdays.is_workday(h.notified_on + dt.timedelta(days=n))
                for n in range(1, (h.held_on - h.notified_on).days)
            )
            self.check(
                "held_hearing_lawful",
                h.chair_named_by_id is not None
                and h.chair_id not in {o.pk for o in officers}
                and between >= 7
                and (h.transcript_signed or bool(h.unsigned_note.strip())),
                f"case {case.pk}: hearing {h.pk} chair {h.chair_id} named by "
                f"{h.chair_named_by_id}, {between} working days, signed {h.transcript_signed}",
            )

    def check_decision(
        self, case: PenaltyCase, log: list[Entry], decide: Entry, officers: list[Staff]
    ) -> None:
        pk, seq = case.pk, decide.seq
        decided = checks.decision_from_json(payload(decide).get("decision"))
        assert decided is not None
        self.check("penalty_has_type", bool(decided.penalty_types), f"case {pk}: no penalty type")
        self.check(
            "decider_not_investigator",
            case.decided_by_id not in {o.pk for o in officers},
            f"case {pk} decided by an investigator",
        )
        notice = case.notices.order_by("-id").first()
        self.check("notice_before_decision", notice is not None, f"case {pk} decided unnotified")
        if notice is None:
            return
        told = checks.decision_from_json(notice.proposal)
        if told is not None:
            self.check(
                "not_heavier_than_notice",
                decided.fine <= told.fine,
                f"case {pk}: notified {told.fine}, decided {decided.fine}",
            )
        hearings = list(case.hearings.all())
        held = any(h.held_on for h in hearings)
        self.check(
            "requested_hearing_held",
            not hearings or held,
            f"case {pk} decided with a hearing requested and not held",
        )
        waived = any(
            e.action == "penalty.waive"
            or (e.action == "penalty.statement" and payload(e).get("waiver"))
            for e in log
            if e.seq < seq
        )
        if notice.hearing_right and not held and not waived:
            self.check(
                "hearing_window_respected",
                notice.hearing_request_by is not None
                and case.decided_on is not None
                and case.decided_on > notice.hearing_request_by,
                f"case {pk} decided {case.decided_on}, hearing window until "
                f"{notice.hearing_request_by}",
            )
        # XF-58: a review where required, approved, of the case as it stands, by a non-investigator.
        reasons = checks.review_reasons(
            case, decided, held, law_queries.review_catalogue(case.bureau_id)
        )
        review = last_before(log, "penalty.review", seq)
        if reasons:
            self.check(
                "review_before_decision",
                review is not None and bool(case.reviews.order_by("-id").first().approved),
                f"case {pk} decided without an approved review ({reasons})",
            )
            if review is not None:
                later = [
                    e
                    for e in log
                    if review.seq < e.seq < seq
                    and e.action
                    in {"penalty.notify", "penalty.statement", "penalty.hearing", "penalty.waive"}
                ]
                self.check(
                    "review_is_current",
                    not later,
                    f"case {pk}: review at {review.seq} older than {[e.action for e in later]}",
                )
                last_review = case.reviews.order_by("-id").first()
                self.check(
                    "reviewer_not_investigator",
                    last_review is None or last_review.reviewer_id not in {o.pk for o in officers},
                    f"case {pk}: the reviewer is an investigator",
                )
        # CL-4/CL-6 against the benchmark in force on the act date (XF-37).
        item = case.power_item
        if "fine" in decided.penalty_types:
            if decided.level != "mitigated":
                self.check(
                    "fine_in_statutory_range",
                    (item.fine_min is None or decided.fine >= item.fine_min)
                    and (item.fine_max is None or decided.fine <= item.fine_max),
                    f"case {pk}: {decided.fine} outside {item.fine_min}–{item.fine_max}",
                )
            bench = law_queries.applicable_benchmark(item, case.act_date)
            level = (
                next((lv for lv in bench.levels.all() if lv.level == decided.level), None)
                if bench
                else None
            )
            discussions = [e for e in log if e.action == "penalty.discuss" and e.seq < seq]
            if level is not None and not level.contains(decided.fine):
                self.check(
                    "outside_band_only_with_approval",
                    bool(decided.deviation_reason.strip()) and bool(discussions),
                    f"case {pk}: {decided.fine} outside the {decided.level} band unapproved",
                )
                heads = set(
                    Staff.objects.filter(bureau_id=case.bureau_id, roles__role="head").values_list(
                        "username", flat=True
                    )
                )
                last_change = max(
                    (e.seq for e in log if e.action in {"penalty.conclude", "penalty.notify"}),
                    default=0,
                )
                about_this = [
                    d for d in case.discussions.all() if len(set(d.participants) & heads) >= 3
                ]
                self.check(
                    "deviation_approved_for_this_proposal",
                    bool(about_this) and any(e.seq > last_change for e in discussions),
                    f"case {pk}: departure approved by a discussion not about this proposal",
                )

    def check_dates(self, case: PenaltyCase, log: list[Entry]) -> None:
        """TM-1: recorded dates are not in the future of their entry, nor before what they follow."""
        bad: list[str] = []
        notice = case.notices.order_by("id").first()
        for ev in case.evidence.all():
            if ev.collected_on > ev.created_at.date() + dt.timedelta(days=1):
                bad.append(f"evidence {ev.collected_on} in the future")
        for s in case.statements.all():
            if notice is not None and s.received_on < notice.served_on:
                bad.append(f"statement {s.received_on} before notice {notice.served_on}")
            if s.received_on > self.today:
                bad.append(f"statement {s.received_on} in the future")
        for h in case.hearings.all():
            if notice is not None and h.requested_on < notice.served_on:
                bad.append(f"hearing request {h.requested_on} before notice")
        if notice is not None and case.concluded_on and notice.served_on < case.concluded_on:
            bad.append(f"notice {notice.served_on} before the conclusion {case.concluded_on}")
        for p in case.payments.all():
            if case.served_on and p.paid_on < case.served_on:
                bad.append(f"payment {p.paid_on} before service {case.served_on}")
        for r in case.remedies.all():
            if case.decided_on and r.filed_on < case.decided_on:
                bad.append(f"remedy filed {r.filed_on} before the decision")
        self.check("recorded_dates_truthful", not bad, f"case {case.pk}: {bad}")

    def check_surcharge(self, case: PenaltyCase, log: list[Entry]) -> None:
        """XF-72: each full payment carries at least the surcharge its dates give."""
        if case.fine_amount is None or case.served_on is None or case.arrangements.exists():
            return
        pay_by = case.pay_by or periods.pay_by(case.served_on)
        pays = [e for e in log if e.action == "penalty.pay"]
        all_pauses = [(r.filed_on, r.concluded_on) for r in case.remedies.all()]
        proven = [
            (r.filed_on, r.concluded_on)
            for r in case.remedies.all()
            if r.recorded_by.roles.filter(role__in=["reviewer", "head"]).exists()
            and r.proof_number
            and r.recorded_by_id not in {o.pk for o in case.officers.all()}
        ]
        for p in case.payments.order_by("id"):
            if p.fine < case.fine_amount:
                continue  # part payments are settled against the rest; checked on the full one
            on_record = xf72.amount(case.fine_amount, xf72.late_days(pay_by, p.paid_on, all_pauses))
            self.check(
                "surcharge_from_recorded_dates",
                p.surcharge >= on_record,
                f"case {case.pk}: paid {p.paid_on}, surcharge {p.surcharge} < {on_record}",
            )
            entry = next((e for e in pays if payload(e).get("payment") == p.pk), None)
            entered = local_day(entry) if entry is not None else self.today
            if not (p.receipt_no or p.voucher_no) and entered > p.paid_on:
                on_entry = xf72.amount(
                    case.fine_amount, xf72.late_days(pay_by, entered, all_pauses)
                )
                if workdays_between(p.paid_on, entered) > 3:
                    self.check(
                        "surcharge_from_entry_day",
                        p.surcharge >= on_entry,
                        f"case {case.pk}: back-dated {p.paid_on} (entered {entered}) without "
                        f"proof, surcharge {p.surcharge} < {on_entry}",
                    )
            proven_due = xf72.amount(case.fine_amount, xf72.late_days(pay_by, p.paid_on, proven))
            self.check(
                "surcharge_pauses_proven",
                p.surcharge >= proven_due,
                f"case {case.pk}: surcharge {p.surcharge} < {proven_due} (unproven pause)",
            )


def workdays_between(a: dt.date, b: dt.date) -> int:
    try:
        return workdays.workdays_between(a, b)
    except Exception:  # CAL-2 outside the calendar: count calendar days (errs towards checking)
        return (b - a).days


@pytest.mark.django_db
def test_penalty_procedure_survives_an_adversarial_officer(api: Any, demo: Any) -> None:
    for username in USERS:
        api(username)  # sign everyone in now: a token issued inside a run is rolled back with it
    PenaltyMachine.clients = staticmethod(api)  # type: ignore[assignment]
    PenaltyMachine.demo = demo
    FOUND.clear()
    chosen = PROFILE
    if os.environ.get("MACHINE_EXAMPLES"):  # a quick override for exploring, e.g. 40
        chosen = settings(PROFILE, max_examples=int(os.environ["MACHINE_EXAMPLES"]))
    run_state_machine_as_test(PenaltyMachine, settings=chosen)
    if DISCOVER:
        print("\nMACHINE_DISCOVER steps that succeeded:", dict(sorted(REACHED.items())))
        print("MACHINE_DISCOVER refusals:", dict(sorted(REFUSED.items())))
        print("MACHINE_DISCOVER broken invariants:")
        for name, detail in sorted(FOUND.items()):
            print(f"  {name}: {detail}")


def test_pending_invariants_name_real_checks() -> None:
    """Every pending entry names an invariant the machine checks, and cites a rule id."""
    import inspect
    import re

    source = inspect.getsource(PenaltyMachine)
    for name, why in PENDING_INVARIANTS.items():
        assert f'"{name}"' in source, name
        assert re.match(r"[A-Z]{2}-\d+", why), why
