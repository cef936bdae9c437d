"""The demo law data carries the statute's bounds (issue #11): every benchmark band is bounded, a
statute split by party kind is split in the data, and a percentage fine is checked against its base.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from chengguan.demo.law import ITEMS
from chengguan.law.models import Benchmark, Level, PowerItem
from tests.penalties.helpers import COMPANY, PERSON, T0, at, open_general, proposal, snapshot
from tests.penalties.test_rules import refused

pytestmark = pytest.mark.django_db


def _bounded(lv: Any) -> bool:
    money = lv.fine_min is not None and lv.fine_max is not None
    percent = lv.percent_min is not None and lv.percent_max is not None
    return money or percent


def test_every_demo_benchmark_band_has_a_lower_and_an_upper_bound(demo: Any) -> None:
    benches = Benchmark.objects.filter(bureau=demo.bureau).prefetch_related("levels")
    assert benches.count() >= len(ITEMS)
    for bench in benches:
        item = bench.power_item
        if "fine" not in item.penalty_types:
            continue
        # The statute's own range: in yuan, or as percentages of a named base.
        assert (item.fine_min is not None and item.fine_max is not None) or (
            item.fine_percent_min is not None
            and item.fine_percent_max is not None
            and item.fine_base_label
        ), item.code
        for lv in bench.levels.all():
            if lv.level == Level.NONE:
                continue
            assert _bounded(lv), (item.code, lv.level)


def test_the_burning_rule_is_split_by_party_kind_as_the_statute_is(demo: Any) -> None:
    org = PowerItem.objects.get(bureau=demo.bureau, code="HB004")
    person = PowerItem.objects.get(bureau=demo.bureau, code="HB007")
    assert (org.applies_to, org.fine_min, org.fine_max) == (
        "organisation",
        Decimal("10000"),
        Decimal("100000"),
    )
    assert (person.applies_to, person.fine_min, person.fine_max) == (
        "person",
        Decimal("500"),
        Decimal("2000"),
    )


def _investigating(demo: Any, item: str, party: dict[str, Any]) -> Any:
    from chengguan.penalties import actions

    case = open_general(demo, item=item, party=party)
    actions.register(case.pk, actor=demo.user("head"))
    actions.add_evidence(
        case.pk,
        actor=demo.user("officer1"),
        kind="inspection_record",
        description="现场检查笔录及照片6张",
        certificates_shown=["officer1", "officer2"],
    )
    return case


def _conclude(api: Any, case: Any, prop: dict[str, Any]) -> Any:
    return api("officer1").post(
        f"penalty-cases/{case.pk}/conclude", {"outcome": "penalty", "proposal": prop}
    )


def test_a_person_fined_above_the_persons_range_is_refused(api: Any, demo: Any) -> None:
    with at(T0):
        case = _investigating(demo, "HB007", PERSON)
        before = snapshot(case)
        r = _conclude(api, case, proposal("3000", "heavier"))
        refused(r, "CL-4")
        assert snapshot(case) == before
        ok = _conclude(api, case, proposal("1800", "heavier"))
    assert ok.status_code == 200, ok.content


def test_the_organisations_item_is_no_basis_for_a_person(api: Any, demo: Any) -> None:
    with at(T0):
        case = _investigating(demo, "HB004", PERSON)
        before = snapshot(case)
        r = _conclude(api, case, proposal("20000", "lighter"))
    refused(r, "XF-38")
    assert snapshot(case) == before


@pytest.mark.parametrize(
    "fine, base, code",
    [
        ("50000", None, "CL-4"),  # the base (工程造价) is missing
        ("50000", "100000", "CL-4"),  # 50 % of the cost: above the statute's 10 %
        ("4000", "100000", "CL-4"),  # 4 %: below the statute's 5 % without a mitigation ground
        ("9000", "100000", "CL-4"),  # 9 %: inside the statute, outside the 从轻 band (5–6.5 %)
    ],
)
def test_a_percentage_fine_outside_base_times_percentage_is_refused(
    api: Any, demo: Any, fine: str, base: str | None, code: str
) -> None:
    extra = {} if base is None else {"fine_base": base}
    with at(T0):
        case = _investigating(demo, "GH001", COMPANY)
        before = snapshot(case)
        r = _conclude(api, case, proposal(fine, "lighter", **extra))
    refused(r, code)
    assert snapshot(case) == before


def test_a_percentage_fine_inside_its_band_is_accepted(api: Any, demo: Any) -> None:
    with at(T0):
        case = _investigating(demo, "GH001", COMPANY)
        r = _conclude(api, case, proposal("6000", "lighter", fine_base="100000"))
    assert r.status_code == 200, r.content


def test_the_law_api_shows_the_statutes_shape(api: Any, demo: Any) -> None:
    reader = api("reviewer")
    hb = reader.get("law/power-items/HB007").json()
    assert (hb["applies_to"], hb["fine_min"], hb["fine_max"]) == ("person", "500.00", "2000.00")
    gh = reader.get("law/power-items/GH001").json()
    assert (gh["fine_percent_min"], gh["fine_percent_max"]) == ("5", "10")
    assert gh["fine_base_label"] == "建设工程造价"
    bench = reader.get("law/benchmarks", power_item="GH001").json()
    levels = {lv["level"]: lv for lv in bench["items"][0]["levels"]}
    assert (levels["lighter"]["percent_min"], levels["lighter"]["percent_max"]) == ("5", "6.5")
