"""A law edit keeps the old and new values in its ledger entry (decision 062)."""

from __future__ import annotations

import datetime as dt
import json

from chengguan.demo.context import DemoContext
from chengguan.law import actions
from chengguan.law.models import PowerItem
from chengguan.ledger.models import Entry


def test_publishing_a_benchmark_records_the_old_and_new_date(demo: DemoContext) -> None:
    item = PowerItem.objects.get(bureau=demo.bureau, code="SZ001")
    bench = actions.create_benchmark(
        actor=demo.user("reviewer"),
        power_item=item,
        title="第二版",
        levels=[{"level": "general", "conditions": "一般情形", "penalty_types": []}],
    )
    actions.publish_benchmark(
        actor=demo.user("reviewer"), benchmark_id=bench.pk, published_on=dt.date(2024, 6, 1)
    )
    entry = Entry.objects.get(action="law.benchmark.publish", subject_id=str(bench.pk))
    payload = json.loads(entry.payload)
    assert payload["old"] == {"published_on": None}
    assert payload["new"] == {"published_on": "2024-06-01"}
