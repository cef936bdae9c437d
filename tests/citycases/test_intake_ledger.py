"""The report's ledger entry says what the report adds and nothing empty (decision 093)."""

from __future__ import annotations

import json
from typing import Any

from chengguan.citycases import actions
from chengguan.citycases.models import CityCase
from chengguan.demo.context import DemoContext
from chengguan.ledger.models import Entry
from chengguan.ledger.queries import verify
from tests.citycases.conftest import CITY


def _report_entry(case: CityCase) -> dict[str, Any]:
    entry = Entry.objects.get(
        subject_type="citycases.citycase", subject_id=str(case.pk), action="citycase.report"
    )
    return json.loads(entry.payload)


def _report(demo: DemoContext, **extra: Any) -> CityCase:
    return actions.report(
        actor=demo.user(extra.pop("who", "inspector")),
        source=extra.pop("source", "inspection"),
        category="E0101",
        description="人行道上有暴露垃圾",
        lon=extra.pop("lon", CITY["lon"]),
        lat=extra.pop("lat", CITY["lat"]),
        **extra,
    )


def test_a_plain_report_states_its_facts_without_empty_keys(demo):
    far = {"lon": CITY["lon"] + 0.004, "lat": CITY["lat"] + 0.004}  # nothing open nearby
    case = _report(demo, **far)
    payload = _report_entry(case)
    assert payload == {
        "number": case.number,
        "status": "reported",
        "source": "inspection",
        "category": "E0101",
        "grid": case.grid.code,
        "lon": far["lon"],
        "lat": far["lat"],
        "urgent": False,
    }


def test_a_requester_and_duplicates_are_stated_masked_and_listed(demo):
    first = _report(demo)
    second = _report(
        demo,
        who="hotline",
        source="hotline",
        requester_name="王小明",
        requester_phone="13812345678",
    )
    payload = _report_entry(second)
    assert payload["requester"] == "王**" and payload["phone"] == "138****5678"
    assert first.pk in payload["duplicates"]
    assert "13812345678" not in json.dumps(payload, ensure_ascii=False)
    result = verify()
    assert result.ok, result.reason
