"""City-case pages: report, list, the case page with only the allowed actions, the whole loop through
the forms, refusals shown with their rule, and nothing of bureau demo for ``outsider``."""

from __future__ import annotations

import io
from collections.abc import Callable

from django.test import Client

from chengguan.citycases import actions
from chengguan.citycases.models import Category, CityCase
from chengguan.demo.context import DemoContext
from chengguan.ledger.models import Blob

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def _report(
    demo: DemoContext,
    category: Category,
    spot: tuple[float, float],
    source: str = "inspection",
    who: str = "inspector",
) -> CityCase:
    return actions.report(
        actor=demo.user(who),
        source=source,
        category=category.code,
        description="人行道上有暴露垃圾",
        lon=spot[0],
        lat=spot[1],
        address="人民路 12 号",
        requester_name="张三" if who == "hotline" else "",
        requester_phone="13812345678" if who == "hotline" else "",
    )


def test_report_form_offers_categories_and_position_fields(
    web: Callable[[str], Client], category: Category
) -> None:
    body = web("inspector").get("/cases/new/").content.decode()
    assert category.code in body
    assert 'for="id_lon"' in body and 'for="id_lat"' in body and 'capture="environment"' in body
    assert "使用当前位置" in body


def test_an_inspector_reports_with_a_photo_and_lands_on_the_case_page(
    web: Callable[[str], Client], category: Category, spot: tuple[float, float]
) -> None:
    photo = io.BytesIO(PNG)
    photo.name = "scene.png"
    response = web("inspector").post(
        "/cases/new/",
        {
            "source": "inspection",
            "category": category.code,
            "description": "路边堆放垃圾",
            "address": "人民路",
            "lon": spot[0],
            "lat": spot[1],
            "photo": photo,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case = CityCase.objects.get(description="路边堆放垃圾")
    assert response["Location"] == f"/cases/{case.pk}/"
    assert case.reported_by.username == "inspector" and case.source == "inspection"
    blob = Blob.objects.get(original_name__startswith=f"{case.number}-")
    page = web("inspector").get(response["Location"]).content.decode()
    assert case.number in page and "全过程记录" in page and blob.sha256 in page
    assert web("inspector").get(f"/cases/{case.pk}/photos/{blob.sha256}").status_code == 200


def test_a_point_outside_every_grid_is_shown_next_to_the_position_and_writes_nothing(
    web: Callable[[str], Client], category: Category
) -> None:
    before = CityCase.objects.count()
    response = web("inspector").post(
        "/cases/new/",
        {
            "source": "inspection",
            "category": category.code,
            "description": "远处的问题",
            "lon": "0.5",
            "lat": "0.5",
        },
    )
    assert response.status_code == 400
    assert "不在本局任何单元网格内" in response.content.decode()
    assert CityCase.objects.count() == before


def test_a_handler_may_not_report(web: Callable[[str], Client]) -> None:
    response = web("handler_sanitation").get("/cases/new/")
    assert response.status_code == 403
    assert "您的角色不能执行此操作" in response.content.decode()


def test_the_case_page_shows_only_the_actions_this_user_may_take_now(
    web: Callable[[str], Client], demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    case = _report(demo, category, spot)
    center = web("center").get(f"/cases/{case.pk}/").content.decode()
    inspector = web("inspector").get(f"/cases/{case.pk}/").content.decode()
    assert 'id="action-file"' in center and 'id="action-reject"' in center
    assert 'id="action-dispatch"' not in center
    assert 'id="action-' not in inspector and "当前没有需要您办理的操作" in inspector


def test_the_whole_loop_through_the_forms(
    web: Callable[[str], Client], demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    case = _report(demo, category, spot)
    url = f"/cases/{case.pk}/"
    assert web("center").post(url + "file/", {"category": category.code}).status_code == 302
    page = web("center").get(url).content.decode()
    case.refresh_from_db()
    assert case.status == "filed" and case.proposed_unit is not None
    assert f"{case.proposed_unit.name}（建议）" in page
    assert (
        web("center").post(url + "dispatch/", {"unit": case.proposed_unit.code}).status_code == 302
    )
    handler = next(
        u
        for u in demo.users.values()
        if u.unit_id == case.proposed_unit.pk and u.has_role("handler")
    )
    hclient = Client()
    hclient.force_login(handler)
    assert 'id="action-handle"' in hclient.get(url).content.decode()
    assert hclient.post(url + "handle/", {"result": "已清理"}).status_code == 302
    assert (
        web("inspector").post(url + "verify/", {"passed": "0", "note": "仍有残留"}).status_code
        == 302
    )
    case.refresh_from_db()
    assert case.status == "dispatched" and case.rework_count == 1
    assert hclient.post(url + "handle/", {"result": "已彻底清理"}).status_code == 302
    assert (
        web("inspector").post(url + "verify/", {"passed": "1", "note": "已解决"}).status_code == 302
    )
    assert web("center").post(url + "close/", {"reply": ""}).status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"
    page = web("center").get(url).content.decode()
    for label in ("上报", "立案", "派遣", "处置", "返工", "核查", "结案"):
        assert f"<strong>{label}</strong>" in page


def test_a_refusal_is_shown_with_its_rule_and_nothing_changes(
    web: Callable[[str], Client], demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    case = _report(demo, category, spot)
    response = web("center").post(f"/cases/{case.pk}/reject/", {"reason": "  "})
    body = response.content.decode()
    assert response.status_code == 409
    assert "SC-5" in body and "必须填写理由" in body
    case.refresh_from_db()
    assert case.status == "reported"


def test_a_hotline_order_cannot_close_without_a_reply(
    web: Callable[[str], Client], demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    case = _report(demo, category, spot, source="hotline", who="hotline")
    hot, center = demo.user("hotline"), demo.user("center")
    actions.file(actor=hot, case_id=case.pk)
    case.refresh_from_db()
    actions.dispatch(actor=center, case_id=case.pk, unit=case.proposed_unit.code)
    handler = next(
        u
        for u in demo.users.values()
        if u.unit_id == case.proposed_unit.pk and u.has_role("handler")
    )
    actions.handle(actor=handler, case_id=case.pk, result="已处理")
    actions.verify(actor=center, case_id=case.pk, passed=True)
    page = web("hotline").get(f"/cases/{case.pk}/").content.decode()
    assert "张*" in page and "13812345678" not in page
    response = web("hotline").post(f"/cases/{case.pk}/close/", {"reply": ""})
    assert response.status_code == 409 and "RX-2" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "verified"


def test_an_action_this_user_may_not_take_is_refused(
    web: Callable[[str], Client], demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    case = _report(demo, category, spot)
    response = web("inspector").post(f"/cases/{case.pk}/file/", {})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == "reported"
    assert web("center").post(f"/cases/{case.pk}/nonsense/", {}).status_code == 404


def test_outsider_and_another_units_handler_see_nothing(
    web: Callable[[str], Client], demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    case = _report(demo, category, spot)
    actions.file(actor=demo.user("center"), case_id=case.pk)
    case.refresh_from_db()
    actions.dispatch(actor=demo.user("center"), case_id=case.pk, unit=case.proposed_unit.code)
    other_handler = next(
        u
        for u in ("handler_sanitation", "handler_greening", "handler_municipal")
        if demo.user(u).unit_id != case.proposed_unit.pk
    )
    for who in ("outsider", other_handler):
        assert web(who).get(f"/cases/{case.pk}/").status_code == 404
        assert web(who).post(f"/cases/{case.pk}/handle/", {"result": "x"}).status_code == 404
        assert case.number not in web(who).get("/cases/").content.decode()
        assert case.number not in web(who).get("/map/cases.json").content.decode()
    assert web("outsider").get("/map/grids.json").json()["features"] == []


def test_list_filters_and_worklist_find_the_case(
    web: Callable[[str], Client], demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    case = _report(demo, category, spot)
    listing = web("center").get("/cases/", {"status": "reported", "q": case.number})
    assert case.number in listing.content.decode()
    assert case.number not in web("center").get("/cases/", {"status": "closed"}).content.decode()
    work = web("center").get("/", {"q": case.number}).content.decode()
    assert case.number in work and "立案或不予立案" in work
    assert case.number not in web("handler_sanitation").get("/").content.decode()


def test_map_and_dashboard_pages(
    web: Callable[[str], Client], demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    case = _report(demo, category, spot)
    assert web("center").get("/map/").status_code == 200
    grids = web("center").get("/map/grids.json").json()
    assert grids["type"] == "FeatureCollection" and grids["features"]
    numbers = [c["number"] for c in web("center").get("/map/cases.json").json()["items"]]
    assert case.number in numbers
    dash = web("center").get("/dashboard/")
    assert dash.status_code == 200
    body = dash.content.decode()
    assert "今日受理" in body and 'id="chart-data"' in body and "echarts.min.js" in body


def test_the_hotline_sees_the_full_requester_only_after_giving_a_reason_pi1(
    web: Callable[[str], Client], demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    case = _report(demo, category, spot, source="hotline", who="hotline")
    url = f"/cases/{case.pk}/"
    page = web("hotline").get(url).content.decode()
    assert "138****5678" in page and "13812345678" not in page and "查看完整联系方式" in page
    assert "查看完整联系方式" not in web("inspector").get(url).content.decode()
    refused = web("hotline").post(url + "requester/", {"reason": ""})
    assert refused.status_code == 409
    assert "PI-1" in refused.content.decode() and "13812345678" not in refused.content.decode()
    shown = web("hotline").post(url + "requester/", {"reason": "回访诉求人"})
    assert shown.status_code == 200 and shown["Cache-Control"] == "no-store"
    assert "13812345678" in shown.content.decode() and "已记入全过程记录" in shown.content.decode()
    # the next visit is masked again
    assert "13812345678" not in web("hotline").get(url).content.decode()
    assert web("inspector").post(url + "requester/", {"reason": "好奇"}).status_code == 403
    assert web("outsider").post(url + "requester/", {"reason": "好奇"}).status_code == 404
