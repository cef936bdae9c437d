"""A case and its first step in one statement (core.db.inserts, decision 093)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext

from chengguan.citycases.actions import locate_grid
from chengguan.citycases.models import CaseStep, Category, CityCase
from chengguan.core import clock
from chengguan.core.db.inserts import insert_with_child
from tests.citycases.conftest import CITY


def _pair(demo, **case_fields) -> tuple[CityCase, CaseStep]:
    grid = locate_grid(demo.bureau.pk, CITY["lon"], CITY["lat"])
    now = clock.now()
    case = CityCase(
        bureau=demo.bureau,
        number=case_fields.pop("number", "2099000001"),
        source="hotline",
        category=Category.objects.get(bureau=demo.bureau, code="E0101"),
        description="插入测试",
        location=dict(CITY),
        lon=CITY["lon"],
        lat=CITY["lat"],
        grid=grid,
        area_unit=grid.unit,
        reported_at=now,
        requester_name="王五",
        requester_phone="13812345678",
        **case_fields,
    )
    step = CaseStep(at=now, action="report", to_status=case.status, actor_name="测试")
    return case, step


def test_both_rows_are_written_and_linked(demo):
    case, step = _pair(demo)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        insert_with_child(case, step, "case")
    writes = [
        q for q in queries.captured_queries if q["sql"].lstrip().upper()[:4] in {"INSE", "WITH"}
    ]
    assert len(writes) == (1 if connection.vendor == "postgresql" else 2)
    assert case.pk is not None and step.pk is not None
    assert not case._state.adding and not step._state.adding
    stored = CaseStep.objects.select_related("case").get(pk=step.pk)
    assert stored.case_id == case.pk and stored.case.number == "2099000001"
    assert stored.case.requester_phone == "13812345678"  # read back clear through the field
    with connection.cursor() as cur:
        cur.execute("SELECT requester_phone FROM citycases_citycase WHERE id = %s", [case.pk])
        (raw,) = cur.fetchone()
    assert "13812345678" not in raw  # stored encrypted, as save() stores it
    # The instances behave as saved ones: an update goes to the same row.
    case.description = "已更新"
    case.save()
    assert CityCase.objects.get(pk=case.pk).description == "已更新"


def test_a_failing_child_leaves_no_parent(demo):
    before = CityCase.objects.count()
    case, step = _pair(demo)
    step.actor_id = 987654321  # no such staff: the foreign key refuses the step
    with pytest.raises(DatabaseError), transaction.atomic():
        insert_with_child(case, step, "case")
        connection.check_constraints()  # SQLite checks deferred keys at commit; ask now
    assert CityCase.objects.count() == before


def test_a_duplicate_number_writes_neither_row(demo):
    existing = CityCase.objects.filter(bureau=demo.bureau).first()
    steps = CaseStep.objects.count()
    case, step = _pair(demo, number=existing.number)
    with pytest.raises(DatabaseError), transaction.atomic():
        insert_with_child(case, step, "case")
    assert CaseStep.objects.count() == steps
    assert CityCase.objects.filter(number=existing.number, bureau=demo.bureau).count() == 1


def test_refusals_change_nothing(demo):
    count = CityCase.objects.count()
    case, step = _pair(demo)
    with transaction.atomic():
        with pytest.raises(ValueError):
            insert_with_child(case, step, "actor")  # not a key to the parent
        case.pk = 1
        with pytest.raises(ValueError):
            insert_with_child(case, step, "case")  # not a new row
    assert CityCase.objects.count() == count


def test_a_model_with_save_receivers_is_saved_the_ordinary_way(demo):
    heard: list[str] = []

    def listener(sender, instance, created, **kwargs) -> None:
        heard.append(type(instance).__name__)

    post_save.connect(listener, sender=CaseStep, dispatch_uid="test-inserts")
    try:
        case, step = _pair(demo)
        with transaction.atomic():
            insert_with_child(case, step, "case")
    finally:
        post_save.disconnect(dispatch_uid="test-inserts", sender=CaseStep)
    assert heard == ["CaseStep"]
    assert CaseStep.objects.get(pk=step.pk).case_id == case.pk
