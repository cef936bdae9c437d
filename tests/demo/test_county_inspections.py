"""The county year of 行政检查 (``demo --scale county``, issue #13) at a small scale: a register
imported whole, quarterly plans drawn and published, every drawn visit that was made closed within
the rules, complaint visits besides, the ledger intact, the figures counting what was made, and a
second run adding nothing."""

from __future__ import annotations

from chengguan.demo import county_inspections
from chengguan.inspections import queries
from chengguan.inspections.models import Inspection, InspectionPlan, SupervisedEntity
from chengguan.ledger.queries import verify


def test_county_inspections_are_made_within_the_rules(demo):
    demo.say = lambda _: None
    before = Inspection.objects.filter(bureau=demo.bureau).count()
    done = county_inspections.build(demo, scale=0.1)
    assert done["entities"] == 40
    assert (
        SupervisedEntity.objects.filter(
            bureau=demo.bureau, credit_code__startswith=county_inspections.STEM
        ).count()
        == 28
    )  # 70% enterprises; traders and sites carry no code
    plans = InspectionPlan.objects.filter(bureau=demo.bureau, seed__contains="-JCSX-")
    assert plans.count() == done["plans"] == 4
    for plan in plans:
        assert plan.published_on is not None and not plan.publish_late
        assert queries.draw_verified(plan)["reproduced"]
    made = Inspection.objects.filter(bureau=demo.bureau).count() - before
    assert made == done["inspections"] + done["complaints"] > 0
    for i in Inspection.objects.filter(bureau=demo.bureau, plan__in=plans):
        assert i.status == Inspection.Status.CLOSED and i.approved_on is not None
        assert i.officers.count() == 2 and len(i.certificates) == 2
        assert i.result_told_on is not None
        if not i.ok:
            assert i.correction_deadline and i.correction_deadline > i.recorded_on
            assert i.rechecked_on and i.rechecked_on > i.correction_deadline
    # JC-4: no enterprise over the yearly cap outside complaints.
    for e in SupervisedEntity.objects.filter(bureau=demo.bureau, kind="enterprise"):
        assert queries.used_this_year(e.pk, demo.year, item_id=None) <= 2
    assert verify().ok
    figures = queries.figures(demo.bureau, demo.year)
    assert (
        figures["total"]
        == Inspection.objects.filter(bureau=demo.bureau, planned_on__year=demo.year).count()
    )
    assert county_inspections.build(demo, scale=0.1) == {
        "entities": 0,
        "plans": 0,
        "inspections": 0,
        "complaints": 0,
    }
