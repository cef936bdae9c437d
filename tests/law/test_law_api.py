"""The law data of the demo bureau as API.md lists it."""

from __future__ import annotations

from decimal import Decimal

from chengguan.core.rules import local
from chengguan.law.models import Benchmark, ExemptionItem, PowerItem
from tests.conftest import error_code


def test_power_items_have_bases_types_ranges_and_delegation(api, demo):
    r = api("officer1").get("law/power-items", page_size=200)
    assert r.status_code == 200, r.content
    items = {i["code"]: i for i in r.json()["items"]}
    assert len(items) >= 30
    domains = {i["domain"] for i in items.values()}
    assert {
        "sanitation",
        "greening",
        "municipal",
        "planning",
        "environment",
        "commerce",
        "traffic",
    } <= domains
    for item in items.values():
        assert item["legal_basis"].startswith("《") and "第" in item["legal_basis"]
        assert item["penalty_types"]
    assert "town1" in items["SZ001"]["delegated_to"]
    assert items["GH001"]["delegated_to"] == []
    threshold = Decimal(str(local("hearing_threshold_person")))
    assert Decimal(items["SZ001"]["fine_max"]) >= threshold


def test_every_power_item_has_a_published_benchmark_with_levels(demo):
    for item in PowerItem.objects.filter(bureau=demo.bureau):
        bench = Benchmark.objects.filter(power_item=item, published_on__isnull=False).first()
        assert bench is not None, item.code
        levels = {lv.level for lv in bench.levels.all()}
        assert {"none", "lighter", "general", "heavier"} <= levels


def test_exemption_list_and_review_catalogue(api, demo):
    assert ExemptionItem.objects.filter(bureau=demo.bureau).count() >= 10
    r = api("reviewer").get("law/exemptions")
    assert r.json()["count"] >= 10
    cat = api("reviewer").get("law/review-catalogue").json()["items"]
    assert any("GH001" in c["power_items"] for c in cat)
    bench = api("officer1").get("law/benchmarks", power_item="SZ001").json()["items"][0]
    assert bench["published_on"] and len(bench["levels"]) >= 4


def test_unknown_power_item_is_404_and_anonymous_is_401(api, demo):
    r = api("officer1").get("law/power-items/NOPE")
    assert r.status_code == 404 and error_code(r) == "not_found"
    assert api(None).get("law/power-items").status_code == 401
    assert api("outsider").get("law/power-items/SZ001").status_code == 404


def test_benchmark_band_outside_the_statutory_range_is_refused(demo):
    import pytest

    from chengguan.core.errors import ProcedureError
    from chengguan.law import actions

    item = PowerItem.objects.get(bureau=demo.bureau, code="SZ001")
    versions = Benchmark.objects.filter(power_item=item).count()
    with pytest.raises(ProcedureError) as err:
        actions.create_benchmark(
            actor=demo.user("reviewer"),
            power_item=item,
            title="第二版",
            levels=[
                {
                    "level": "heavier",
                    "conditions": "从重",
                    "fine_min": 15000,
                    "fine_max": 30000,
                    "penalty_types": ["fine"],
                }
            ],
        )
    assert err.value.code == "CL-1"
    assert Benchmark.objects.filter(power_item=item).count() == versions
