"""The public portal: report through the same validation as Open311, follow by number, 执法公示."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from shapely.geometry import shape

from chengguan.citycases import actions as city
from chengguan.citycases.models import Category, CityCase, Grid
from chengguan.core import clock
from chengguan.demo.context import DemoContext
from chengguan.disclosure import actions as disclosure
from chengguan.penalties import actions as pen


@pytest.fixture
def spot(demo: DemoContext) -> tuple[float, float]:
    grid = Grid.objects.filter(bureau=demo.bureau).order_by("code").first()
    assert grid is not None
    p = shape(grid.geometry).representative_point()
    return (p.x, p.y)


@pytest.fixture
def public_category(demo: DemoContext) -> Category:
    cat = Category.objects.filter(bureau=demo.bureau, public=True, active=True).first()
    assert cat is not None
    return cat


def test_home_links_the_three_services(demo: DemoContext) -> None:
    body = Client().get("/portal/").content.decode()
    assert demo.bureau.name in body
    for label in ("反映问题", "查询进度", "执法公示"):
        assert label in body


def test_a_citizen_reports_and_is_given_the_number_to_follow(
    demo: DemoContext, public_category: Category, spot: tuple[float, float]
) -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get("/portal/report/")
    assert public_category.name in page.content.decode()
    token = page.cookies["csrftoken"].value
    response = client.post(
        "/portal/report/",
        {
            "csrfmiddlewaretoken": token,
            "category": public_category.code,
            "description": "小区门口井盖缺失",
            "lon": spot[0],
            "lat": spot[1],
            "address": "幸福路",
            "name": "赵六",
            "phone": "13700000000",
        },
    )
    assert response.status_code == 302
    case = CityCase.objects.get(description="小区门口井盖缺失")
    assert case.source == "public" and case.reported_by is None
    assert "code=" not in response["Location"]  # the query code is in no URL, log or history
    followed = client.get(response["Location"]).content.decode()
    assert case.number in followed and "已受理" in followed and "查询码" in followed
    assert "赵六" not in followed and "13700000000" not in followed


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"description": ""}, "必填"),
        ({"lon": "0.1", "lat": "0.1"}, "不在本局任何单元网格内"),
        ({"category": "NOPE"}, "选择一个有效的选项"),
    ],
)
def test_bad_reports_are_refused_and_write_nothing(
    demo: DemoContext,
    public_category: Category,
    spot: tuple[float, float],
    change: dict[str, str],
    message: str,
) -> None:
    before = CityCase.objects.count()
    data = {
        "category": public_category.code,
        "description": "路灯不亮",
        "lon": spot[0],
        "lat": spot[1],
        **change,
    }
    response = Client().post("/portal/report/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert CityCase.objects.count() == before


def test_a_category_closed_to_the_public_is_refused_as_in_open311(
    demo: DemoContext, spot: tuple[float, float]
) -> None:
    hidden = Category.objects.filter(bureau=demo.bureau, public=False, active=True).first()
    if hidden is None:
        pytest.skip("the demo has no non-public category")
    response = Client().post(
        "/portal/report/",
        {"category": hidden.code, "description": "x", "lon": spot[0], "lat": spot[1]},
    )
    assert response.status_code == 400


def test_following_shows_public_steps_without_names(
    demo: DemoContext, public_category: Category, spot: tuple[float, float]
) -> None:
    # Issue #12 (3): tracking is for the public's own reports, by number and query code.
    case = city.report(
        actor=None,
        bureau=demo.bureau,
        public=True,
        source="public",
        category=public_category.code,
        description="广场上有暴露垃圾",
        lon=spot[0],
        lat=spot[1],
    )
    city.file(actor=demo.user("center"), case_id=case.pk)
    body = (
        Client()
        .get("/portal/track/", {"number": case.number, "code": case.query_code})
        .content.decode()
    )
    assert "已立案" in body and "立案" in body
    assert demo.user("center").display_name not in body
    missing = Client().get("/portal/track/", {"number": "999999999", "code": case.query_code})
    assert missing.status_code == 404 and "没有找到" in missing.content.decode()


def test_disclosure_shows_bureau_officers_powers_and_benchmarks(demo: DemoContext) -> None:
    body = Client().get("/portal/disclosure/").content.decode()
    assert demo.bureau.credit_code in body
    assert "陈刚" in body and demo.user("officer1").certificates.first().number in body
    assert "马骏" not in body  # the cancelled certificate is not shown
    assert "外局人员" not in body  # another bureau's officer
    assert "SR006" in body and "裁量基准" in body


def test_disclosure_shows_published_decisions_masked(demo: DemoContext) -> None:
    with clock.frozen_at(dt.datetime(2024, 6, 12, 10, 0)):
        today = clock.today()
        case = pen.open_case(
            actor=demo.user("officer1"),
            procedure="simple",
            power_item="SR001",
            party={"kind": "person", "name": "张大明", "id_number": "11010519491231002X"},
            facts="随地乱扔烟头",
            act_date=today,
            discovered_date=today,
            officers=["officer1", "officer2"],
            decision={
                "penalty_types": ["fine"],
                "fine_amount": "30",
                "level": "general",
                "correction": "立即捡拾",
            },
        )
        disclosure.publish_decision(actor=demo.user("reviewer"), case_id=case.pk)
        body = Client().get("/portal/disclosure/").content.decode()
    case.refresh_from_db()
    assert case.decision_number in body
    assert "张大明" not in body and "11010519491231002X" not in body
