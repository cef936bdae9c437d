"""The one writer of a city case's status (decision 062): nothing else assigns it, each step's
ledger entry and timeline row say from which status to which, and a refused step changes nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from chengguan.citycases import actions, transitions
from chengguan.citycases.models import CaseStep, CityCase
from chengguan.citycases.states import Status
from chengguan.core.errors import ChengguanError, StateError
from chengguan.demo.context import DemoContext
from chengguan.ledger.models import Entry
from tests.citycases.conftest import CITY

ROOT = Path(__file__).resolve().parents[2] / "chengguan"

# `case.status = …` or `case.status, case.x = …`, and a queryset `.update(status=…)`.
ASSIGN = re.compile(r"\bcase\.status\b(\s*,[^=\n]*)?\s*=(?!=)|\.update\([^)]*\bstatus\s*=")
# The county demo year builds new, unsaved rows already in their final status and bulk-inserts
# them with their steps (decision 052): a generator of history, not a change of a case.
EXEMPT = {ROOT / "citycases" / "transitions.py", ROOT / "demo" / "county.py"}


def _about_city_cases(path: Path, text: str) -> bool:
    return path.is_relative_to(ROOT / "citycases") or "chengguan.citycases" in text


def test_no_status_assignment_of_a_city_case_outside_the_writer() -> None:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts or path in EXEMPT:
            continue
        text = path.read_text(encoding="utf-8")
        if not _about_city_cases(path, text):
            continue
        for n, line in enumerate(text.splitlines(), 1):
            if ASSIGN.search(line):
                found.append(f"{path.relative_to(ROOT.parent)}:{n}: {line.strip()}")
    assert found == [], "status changes of a city case go through citycases.transitions:\n" + (
        "\n".join(found)
    )


def test_the_pattern_sees_both_forms() -> None:
    assert ASSIGN.search("        case.status = Status.FILED")
    assert ASSIGN.search("        case.status, case.filed_at = Status.FILED, now")
    assert ASSIGN.search("CityCase.objects.filter(pk=1).update(status='closed')")
    assert not ASSIGN.search("    if case.status == Status.CLOSED:")


def _entries(case: CityCase) -> list[dict[str, Any]]:
    rows = Entry.objects.filter(subject_type="citycases.citycase", subject_id=str(case.pk))
    return [
        {"action": e.action, **json.loads(e.payload)} for e in rows.order_by("bureau_id", "seq")
    ]


def _report(demo: DemoContext, source: str = "inspection") -> CityCase:
    hotline = source != "inspection"
    return actions.report(
        actor=demo.user("hotline" if hotline else "inspector"),
        source=source,
        category="E0101",
        description="性质测试",
        lon=CITY["lon"],
        lat=CITY["lat"],
        requester_name="李四" if hotline else "",
        requester_phone="13900001111" if hotline else "",
    )


def test_the_writer_records_from_and_to(demo: DemoContext) -> None:
    case = _report(demo)
    actions.file(actor=demo.user("center"), case_id=case.pk)
    actions.dispatch(actor=demo.user("center"), case_id=case.pk, unit="sanitation")
    actions.handle(actor=demo.user("handler_sanitation"), case_id=case.pk, result="已清理")
    actions.verify(actor=demo.user("inspector"), case_id=case.pk, passed=False, note="仍有垃圾")
    got = [(e["action"], e.get("from"), e.get("to"), e.get("status")) for e in _entries(case)]
    # Decision 093: a step states the status once, as its "to"; the report (no step) as "status".
    assert got == [
        ("citycase.report", None, None, "reported"),
        ("citycase.file", "reported", "filed", None),
        ("citycase.dispatch", "filed", "dispatched", None),
        ("citycase.handle", "dispatched", "handled", None),
        ("citycase.rework", "handled", "dispatched", None),
    ]
    steps = CaseStep.objects.filter(case_id=case.pk).order_by("at", "pk")
    last = steps.values_list("action", "from_status", "to_status").last()
    assert last == ("rework", "handled", "dispatched")


def test_the_writer_refuses_a_row_the_table_does_not_allow(demo: DemoContext) -> None:
    case = _report(demo)
    with pytest.raises(StateError) as exc:
        transitions.transition(case, to=Status.CLOSED, actor=demo.user("center"), action="close")
    assert exc.value.details == {"status": "reported", "action": "close"}
    with pytest.raises(ValueError, match="cannot lead to"):
        transitions.transition(case, to=Status.MERGED, actor=demo.user("center"), action="file")
    case.refresh_from_db()
    assert case.status == Status.REPORTED and len(_entries(case)) == 1


# ---------------------------------------------------------------------------------------------
# random histories


ACTORS = ["center", "hotline", "inspector", "handler_sanitation", "handler_greening"]
ACTIONS = [
    "file",
    "reject",
    "merge",
    "dispatch",
    "return_case",
    "handle",
    "verify",
    "close",
    "callback",
    "reopen",
    "request_extension",
    "decide_extension",
    "suspend",
    "resume",
    "reveal_requester",
]

PROPER = {
    **dict.fromkeys(ACTIONS, "center"),
    **dict.fromkeys(["return_case", "handle", "request_extension"], "handler_sanitation"),
    "verify": "inspector",
    "callback": "hotline",
    "reveal_requester": "hotline",
}
NEXT = {
    "reported": "file",
    "filed": "dispatch",
    "dispatched": "handle",
    "handled": "verify",
    "verified": "close",
    "closed": "reopen",
}


def _arguments(name: str, variant: int, other: int, case_id: int) -> dict[str, Any]:
    """Valid arguments for ``variant`` 0 and 1 (1 = the other outcome), invalid ones for 2."""
    bad = variant == 2
    return {
        "file": {"category": "NOPE"} if bad else {"urgent": variant == 1},
        "reject": {"reason": "" if bad else "非城管职责"},
        "merge": {"into": case_id if bad else other},
        "dispatch": {"unit": "nope" if bad else "sanitation"},
        "return_case": {"reason": "" if bad else "非本部门职责"},
        "handle": {"result": "" if bad else "已处置"},
        "verify": {"passed": variant == 0, "note": "" if bad else "核查意见"},
        "close": {"reply": "" if variant else "已答复诉求人"},
        "callback": {"satisfaction": "bogus" if bad else "satisfied"},
        "reopen": {"reason": "" if bad else "问题复发"},
        "request_extension": {"hours": 0 if bad else 4, "reason": "需采购配件"},
        "decide_extension": {"approved": variant == 0, "note": ""},
        "suspend": {"reason": "" if bad else "产权纠纷"},
        "resume": {"note": ""},
        "reveal_requester": {"reason": "" if bad else "回访"},
    }[name]


class CaseHistory(RuleBasedStateMachine):
    """One case driven by random actions of random users; every step is checked against the
    ledger and the timeline, and every refusal against the row and the counts."""

    demo: DemoContext

    @initialize(source=st.sampled_from(["inspection", "hotline"]))
    def start(self, source: str) -> None:
        self.case = _report(self.demo, source)
        self.other = _report(self.demo).pk  # an open case to merge into

    def _row(self) -> dict[str, Any]:
        return CityCase.objects.filter(pk=self.case.pk).values().get()

    @rule(
        name=st.sampled_from(ACTIONS),
        who=st.one_of(st.none(), st.sampled_from(ACTORS)),  # None: the user whose job it is
        variant=st.integers(min_value=0, max_value=2),
    )
    def act(self, name: str, who: str | None, variant: int) -> None:
        self._check(name, who or PROPER[name], variant)

    @rule(variant=st.integers(min_value=0, max_value=2))
    def advance(self, variant: int) -> None:
        """The next step of the closed loop by the user whose job it is, so histories go deep."""
        status = CityCase.objects.values_list("status", flat=True).get(pk=self.case.pk)
        name = NEXT.get(status, "reveal_requester")
        self._check(name, PROPER[name], variant)

    def _check(self, name: str, who: str, variant: int) -> None:
        before_row = self._row()
        before_entries = _entries(self.case)
        before_steps = CaseStep.objects.filter(case_id=self.case.pk).count()
        kwargs = _arguments(name, variant, self.other, self.case.pk)
        try:
            getattr(actions, name)(actor=self.demo.user(who), case_id=self.case.pk, **kwargs)
        except ChengguanError:
            event(f"{name} refused")
            assert self._row() == before_row
            assert _entries(self.case) == before_entries
            assert CaseStep.objects.filter(case_id=self.case.pk).count() == before_steps
            return
        new = _entries(self.case)[len(before_entries) :]
        # The action's single entry (filing with auto-dispatch is two actions: file, dispatch).
        assert len(new) == (2 if name == "file" and len(new) == 2 else 1), new
        now = self._row()["status"]
        event(f"{name} → {now}")
        if name == "reveal_requester":
            assert "from" not in new[0] and now == before_row["status"]
            return
        status = before_row["status"]
        for e in new:
            assert e["from"] == status and "status" not in e, e  # stated once, as "to"
            status = e["to"]
        assert status == now
        steps = CaseStep.objects.filter(case_id=self.case.pk).order_by("at", "pk")
        recent = list(steps.values_list("from_status", "to_status"))[before_steps:]
        assert recent == [(e["from"], e["to"]) for e in new]

    @invariant()
    def status_is_known(self) -> None:
        if hasattr(self, "case"):
            assert self._row()["status"] in Status.values


@pytest.mark.parametrize("auto_dispatch", [False, True])
def test_random_histories(demo: DemoContext, settings: Any, auto_dispatch: bool) -> None:
    settings.LOCAL_RULES = {**settings.LOCAL_RULES, "citycase_auto_dispatch": auto_dispatch}
    machine = type("Machine", (CaseHistory,), {"demo": demo})
    run_state_machine_as_test(
        machine, settings=hypothesis_settings(max_examples=12, stateful_step_count=25)
    )
