"""The one writer of a penalty case's status (``penalties/transitions.py``).

Every status change goes through ``transition``, which checks ``states.ALLOWED``/``states.LEADS_TO``
and writes the step's single ledger entry with ``"from"`` and ``"to"``: so the statuses a case went
through can be read back from its ledger, and nothing else in the package assigns ``case.status``.
"""

from __future__ import annotations

import itertools
import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Q
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chengguan.core import links
from chengguan.core.errors import StateError
from chengguan.ledger.models import Entry
from chengguan.penalties import actions, transitions
from chengguan.penalties.models import PenaltyCase
from chengguan.penalties.states import ALLOWED, LEADS_TO, Status
from tests.penalties.helpers import T0, at, open_general

PACKAGE = Path(transitions.__file__).parent


def _steps(case: PenaltyCase) -> list[tuple[str, str]]:
    """The entries of the case that changed its status, oldest first: (from, to)."""
    rows = Entry.objects.filter(
        subject_type="penalties.penaltycase", subject_id=str(case.pk)
    ).order_by("seq")
    out = []
    for e in rows:
        body = json.loads(e.payload)
        if "to" in body:
            out.append((body["from"], body["to"]))
    return out


def _fresh(template: PenaltyCase) -> PenaltyCase:
    """An unsaved copy of a demo case, to be created by the ``open`` transition."""
    case = PenaltyCase.objects.get(pk=template.pk)
    case.pk = None
    case._state.adding = True
    case.number = f"测试{uuid.uuid4().hex[:12]}"
    case.decision_number = ""
    return case


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(choices=st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=14))
def test_random_legal_histories_are_read_back_from_the_ledger(
    demo: Any, choices: list[int]
) -> None:
    """A random walk through the transition table: each status change's entry names the status
    the case really had before and the one it really has after, and they chain."""
    template = PenaltyCase.objects.order_by("id").first()
    assert template is not None
    actor = demo.user("officer1")
    with transaction.atomic():
        case = _fresh(template)
        first = sorted(LEADS_TO["open"])[choices[0] % len(LEADS_TO["open"])]
        transitions.transition(case, to=first, actor=actor, action="penalty.open", payload={})
        seen: list[tuple[str | None, str]] = [(None, PenaltyCase.objects.get(pk=case.pk).status)]
        for pick in choices[1:]:
            now = PenaltyCase.objects.get(pk=case.pk).status
            moves = sorted(
                (step, to)
                for step, starts in ALLOWED.items()
                if now in starts
                for to in LEADS_TO.get(step, ())
            )
            if not moves:
                break
            step, to = moves[pick % len(moves)]
            transitions.transition(
                case, to=to, actor=actor, action=f"penalty.{step}", payload={"n": pick}
            )
            seen.append((now, PenaltyCase.objects.get(pk=case.pk).status))
        assert _steps(case) == seen
        assert all(a == b for (_, a), (b, _) in itertools.pairwise(seen))
        transaction.set_rollback(True)


def test_every_demo_case_history_chains_to_its_status(demo: Any) -> None:
    """The demo is built through the real actions: for every case, the from/to of its entries
    start at creation, chain, and end at the status the case has."""
    checked = 0
    for case in PenaltyCase.objects.order_by("id"):
        steps = _steps(case)
        assert steps, case.number
        assert steps[0][0] is None
        assert all(a == b for (_, a), (b, _) in itertools.pairwise(steps)), case.number
        assert steps[-1][1] == case.status, case.number
        checked += 1
    assert checked > 5


def test_one_entry_per_action_with_from_and_to(demo: Any) -> None:
    with at(T0):
        before = Entry.objects.count()
        case = open_general(demo)
        assert Entry.objects.count() == before + 1
        actions.register(case.pk, actor=demo.user("head"))
    assert Entry.objects.count() == before + 2
    assert _steps(case) == [
        (None, Status.PENDING_REGISTRATION),
        (Status.PENDING_REGISTRATION, Status.REGISTERED),
    ]


def test_a_step_not_allowed_from_the_status_is_the_same_state_error(demo: Any) -> None:
    with at(T0):
        case = open_general(demo)
    before = Entry.objects.count()
    with pytest.raises(StateError) as err:
        transitions.transition(
            case, to=Status.CLOSED, actor=demo.user("head"), action="penalty.close"
        )
    assert err.value.details == {"status": Status.PENDING_REGISTRATION, "action": "close"}
    assert "待立案" in str(err.value)
    assert PenaltyCase.objects.get(pk=case.pk).status == Status.PENDING_REGISTRATION
    assert Entry.objects.count() == before


def test_a_target_the_step_does_not_lead_to_is_refused(demo: Any) -> None:
    with at(T0):
        case = open_general(demo)
    with pytest.raises(StateError) as err:
        transitions.transition(
            case, to=Status.ARCHIVED, actor=demo.user("head"), action="penalty.register"
        )
    assert err.value.details["to"] == Status.ARCHIVED
    assert PenaltyCase.objects.get(pk=case.pk).status == Status.PENDING_REGISTRATION


def test_edits_record_old_and_new(demo: Any) -> None:
    with at(T0):
        case = open_general(demo)
        actions.register(case.pk, actor=demo.user("head"))
        actions.extend(
            case.pk, actor=demo.user("head"), until=T0.replace(month=9, day=30), reason="案情复杂"
        )
    entry = Entry.objects.filter(action="penalty.extend", subject_id=str(case.pk)).get()
    body = json.loads(entry.payload)
    assert body["old"] == {"extension_until": None, "extension_reason": ""}
    assert body["new"] == {"extension_until": "2025-09-30", "extension_reason": "案情复杂"}


# Assignments of a status outside the transition writer: ``case.status = …``, ``c.status = …``,
# a tuple assignment naming ``status``, or a bulk ``update(status=…)`` of cases.
_DIRECT = re.compile(
    r"\b(?:case|c|penalty_case)\.status\s*(?:,[^=\n]*)?=(?!=)"
    r"|PenaltyCase\.objects[^\n]*\.update\([^)]*\bstatus\s*="
)


def test_no_status_is_assigned_outside_the_transition_writer() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "transitions.py" or "migrations" in path.parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _DIRECT.search(line):
                found.append(f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}")
    assert found == []


@pytest.mark.parametrize(
    ("line", "bad"),
    [
        ("        case.status = Status.CLOSED", True),
        ("    c.status, c.closed_on = 'closed', today", True),
        ("PenaltyCase.objects.filter(pk=1).update(status='closed')", True),
        ("        if case.status == Status.REGISTERED:", False),
        ("        a.status = PaymentArrangement.Status.APPROVED", False),
    ],
)
def test_the_grep_rule_itself(line: str, bad: bool) -> None:
    assert bool(_DIRECT.search(line)) is bad


def test_links_unanswered_is_lookup_error() -> None:
    with pytest.raises(LookupError):
        links.ask("citycases.case_in_bureau_not_a_link", 1, 1)
    with pytest.raises(KeyError):
        links.provide("nobody.asked", lambda: None)


def test_links_are_installed_by_the_answering_apps(demo: Any) -> None:
    # citycases and disclosure are installed: their ready() installed the answers.
    assert links.ask("citycases.case_in_bureau", demo.user("head").bureau_id, -1) is False
    counts = links.ask("disclosure.publication_counts", demo.user("head").bureau_id or 0, Q())
    assert set(counts) == {"disclosed", "disclosed_on_time"}
