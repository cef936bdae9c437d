"""Bulk dispatch from the city-case list and "mark all read" (issue #15 item 7, decision 087)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from chengguan.citycases import actions
from chengguan.citycases.models import Category, CityCase
from chengguan.demo.context import DemoContext
from chengguan.inbox.actions import notify
from chengguan.inbox.models import Notification
from chengguan.ledger.models import Entry
from chengguan.org import actions as org_actions
from chengguan.org.roles import Role


def _case(
    demo: DemoContext, category: Category, spot: tuple[float, float], filed: bool
) -> CityCase:
    case = actions.report(
        actor=demo.user("inspector"),
        source="inspection",
        category=category.code,
        description="人行道上有暴露垃圾",
        lon=spot[0],
        lat=spot[1],
        address="人民路 12 号",
    )
    if filed:
        case = actions.file(actor=demo.user("center"), case_id=case.pk)
    case.refresh_from_db()
    return case


def _state(case: CityCase) -> tuple[str, int | None, int]:
    fresh = CityCase.objects.get(pk=case.pk)
    return fresh.status, fresh.unit_id, fresh.steps.count()


def test_the_list_offers_ticks_for_filed_cases_to_the_center_only(
    web: Callable[[str], Client], demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    filed = _case(demo, category, spot, filed=True)
    page = web("center").get("/cases/?status=filed").content.decode()
    assert 'id="bulk-form"' in page
    assert f'name="case" value="{filed.pk}"' in page
    inspector = web("inspector").get("/cases/").content.decode()
    assert 'id="bulk-form"' not in inspector and 'name="case"' not in inspector


def test_bulk_dispatch_does_each_case_and_refuses_the_unlawful_one_untouched(
    web: Callable[[str], Client], demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    one = _case(demo, category, spot, filed=True)
    two = _case(demo, category, spot, filed=True)
    if one.status != "filed" or two.status != "filed":  # auto-dispatch is on in this deployment
        raise AssertionError("the demo files without dispatching; the test needs filed cases")
    reported = _case(demo, category, spot, filed=False)
    unit = category.default_unit
    assert unit is not None
    before_reported = _state(reported)
    entries = Entry.objects.count()
    response = web("center").post(
        "/cases/bulk/",
        {"action": "dispatch", "unit": unit.code, "case": [one.pk, reported.pk, two.pk]},
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    body = response.content.decode()
    assert "已派遣 2 件" in body and "被拒绝 1 件" in body
    for done in (one, two):
        fresh = CityCase.objects.get(pk=done.pk)
        assert (fresh.status, fresh.unit_id) == ("dispatched", unit.pk)
    refused_row = body.split(f'data-case="{reported.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "被拒绝" in refused_row
    assert _state(reported) == before_reported
    # One ledger entry per dispatched case (the same action as the case page), none for the
    # refused one.
    new = list(Entry.objects.order_by("id")[entries:])
    assert sorted((e.action, e.subject_id) for e in new) == sorted(
        [("citycase.dispatch", str(one.pk)), ("citycase.dispatch", str(two.pk))]
    )


def test_bulk_dispatch_to_a_unit_that_cannot_take_it_refuses_every_case(
    web: Callable[[str], Client], demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    one = _case(demo, category, spot, filed=True)
    before, entries = _state(one), Entry.objects.count()
    response = web("center").post(
        "/cases/bulk/", {"action": "dispatch", "unit": "no-such-unit", "case": [one.pk]}
    )
    assert response.status_code == 200
    assert "处置部门 no-such-unit 不存在" in response.content.decode()
    assert _state(one) == before and Entry.objects.count() == entries


def test_bulk_dispatch_refuses_the_wrong_role_before_touching_anything(
    web: Callable[[str], Client], demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    one = _case(demo, category, spot, filed=True)
    before, entries = _state(one), Entry.objects.count()
    for who in ("inspector", "handler_sanitation", "officer1"):
        response = web(who).post("/cases/bulk/", {"action": "dispatch", "case": [one.pk]})
        assert response.status_code == 403, who
    assert _state(one) == before and Entry.objects.count() == entries


def test_another_bureaus_center_finds_none_of_our_cases(
    demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    one = _case(demo, category, spot, filed=True)
    other = demo.user("outsider").bureau
    center = org_actions.create_staff(
        actor=None,
        unit=other,
        username="other_center",
        password=demo.password,
        full_name="邻县指挥中心",
        roles=[Role.CENTER],
    )
    client = Client()
    client.force_login(center)
    before, entries = _state(one), Entry.objects.count()
    response = client.post("/cases/bulk/", {"action": "dispatch", "case": [one.pk]})
    assert response.status_code == 200
    body = response.content.decode()
    assert "未找到该案件" in body and one.number not in body
    assert _state(one) == before and Entry.objects.count() == entries


def test_bad_bulk_input_is_a_clear_400(web: Callable[[str], Client]) -> None:
    center = web("center")
    assert center.post("/cases/bulk/", {"action": "dispatch"}).status_code == 400
    assert (
        "请至少勾选一件案件" in center.post("/cases/bulk/", {"action": "dispatch"}).content.decode()
    )
    assert center.post("/cases/bulk/", {"action": "dispatch", "case": ["x"]}).status_code == 400
    assert center.post("/cases/bulk/", {"action": "explode", "case": ["1"]}).status_code == 400
    many = [str(i) for i in range(1, 102)]
    assert center.post("/cases/bulk/", {"action": "dispatch", "case": many}).status_code == 400
    assert center.get("/cases/bulk/").status_code == 302


def test_mark_all_read_marks_every_message_even_when_some_are_ticked(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    me = demo.user("center")
    for i in range(3):
        notify(recipients=[me], kind=Notification.Kind.OTHER, title=f"消息{i}", key=f"t:{i}")
    notes = list(Notification.objects.filter(recipient=me, read_at__isnull=True))
    assert len(notes) >= 3
    page = web("center").get("/inbox/").content.decode()
    assert 'id="mark-all-read"' in page
    response = web("center").post("/inbox/", {"id": [notes[0].pk], "all": "1"})
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=me, read_at__isnull=True).exists()
