"""The one writer of an inspection's and a plan's status (``inspections/transitions.py``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from chengguan.inspections import actions, transitions
from chengguan.ledger.models import Entry
from tests.inspections.helpers import T0, at, entity, items

PACKAGE = Path(transitions.__file__).parent


def test_no_status_assignment_outside_transitions() -> None:
    pattern = re.compile(r"\.status\s*(,[^=\n]*)?=(?!=)")
    offenders = [
        f"{path.name}:{n}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "transitions.py" and "migrations" not in path.parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_each_step_writes_one_entry_with_from_and_to(demo) -> None:
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        officer, head = demo.users["officer1"], demo.users["head"]
        i = actions.create_inspection(
            actor=officer,
            item="JC-R1",
            entity=e.pk,
            officers=["officer1", "officer2"],
            reason="plan",
            planned_on=T0,
        )
        actions.approve(i.pk, actor=head)
        actions.check_in(i.pk, actor=officer, code=i.code)
        steps = [
            (x.action, json.loads(x.payload)["from"], json.loads(x.payload)["to"])
            for x in Entry.objects.filter(
                subject_type="inspections.inspection", subject_id=str(i.pk)
            ).order_by("seq")
        ]
        assert steps == [
            ("inspection.create", "", "open"),
            ("inspection.approve", "open", "open"),
            ("inspection.check_in", "open", "checked_in"),
        ]
