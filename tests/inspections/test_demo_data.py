"""The demo's 行政检查 (chengguan/demo/inspections.py): a published list, a 名录库 imported from a CSV,
a drawn and published plan whose draw verifies, a handful of inspections; built once."""

from __future__ import annotations

from django.test import Client

from chengguan.demo import inspections as demo_inspections
from chengguan.inspections import queries
from chengguan.inspections.models import (
    Inspection,
    InspectionItem,
    InspectionPlan,
    SupervisedEntity,
)
from chengguan.ledger.models import Entry


def test_the_demo_has_a_register_a_published_draw_and_inspections(demo):
    bureau = demo.bureau
    assert InspectionItem.objects.filter(bureau=bureau, published=True).count() == 3
    assert SupervisedEntity.objects.filter(bureau=bureau).count() == 30
    plan = InspectionPlan.objects.get(bureau=bureau)
    assert plan.status == "drawn" and plan.published_on is not None and not plan.publish_late
    assert queries.draw_verified(plan)["reproduced"] is True
    visits = Inspection.objects.filter(bureau=bureau)
    assert visits.filter(status="closed").count() == 3
    joint = visits.get(status="open")
    assert {i.code for i in joint.items.all()} == {"JCSX-001", "JCSX-003"}
    f = queries.figures(bureau, demo.year)
    assert f["total"] == 4 and f["joint"] == 1
    assert f["corrections"] == {
        "ordered": 2,
        "rechecked": 2,
        "met": 1,
        "unmet": 1,
        "met_share": "50.00",
    }
    page = Client().get(f"/portal/inspections/plans/{plan.pk}.json")
    assert page.status_code == 200 and len(page.json()["objects"]) == 6


def test_the_demo_builder_is_idempotent(demo):
    before = (Entry.objects.count(), Inspection.objects.count(), SupervisedEntity.objects.count())
    demo_inspections.build(demo)
    assert (
        Entry.objects.count(),
        Inspection.objects.count(),
        SupervisedEntity.objects.count(),
    ) == before
