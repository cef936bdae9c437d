"""Login, logout, navigation by role, and 我的待办 with its filters and htmx partial."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from chengguan.demo.context import DemoContext
from tests.conftest import PASSWORD


def test_pages_need_a_signed_in_user() -> None:
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_login_with_the_form_fields_of_the_contract_leads_to_the_worklist(
    demo: DemoContext,
) -> None:
    client = Client()
    page = client.get("/accounts/login/")
    assert (
        'name="username"' in page.content.decode() and 'for="id_password"' in page.content.decode()
    )
    response = client.post("/accounts/login/", {"username": "center", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert "我的待办" in home.content.decode()
    assert "王晓燕" in home.content.decode()


def test_wrong_password_shows_an_error_and_no_session(demo: DemoContext) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": "center", "password": "nope"})
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()
    assert client.get("/").status_code == 302


def test_logout_ends_the_session(web: Callable[[str], Client]) -> None:
    client = web("center")
    assert client.get("/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def nav(client: Client) -> str:
    body = client.get("/").content.decode()
    return body[body.index('<nav class="main"') : body.index("</nav>")]


def test_navigation_follows_the_role(web: Callable[[str], Client]) -> None:
    center, officer = nav(web("center")), nav(web("officer1"))
    handler, admin = nav(web("handler_sanitation")), nav(web("admin"))
    assert "指挥大屏" in center and "上报问题" in center and "网格地图" in center
    assert "行政处罚" not in center
    assert "指挥大屏" not in officer and "上报问题" not in officer
    assert "城管案件" in handler and "上报问题" not in handler
    assert "系统管理" in admin and "系统管理" not in center


def test_worklist_answers_htmx_with_the_results_fragment_only(web: Callable[[str], Client]) -> None:
    response = web("center").get(
        "/", {"q": "没有这个词", "kind": "city"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "共 0 项" in body


def test_worklist_ignores_a_bad_page_number(web: Callable[[str], Client]) -> None:
    assert web("center").get("/", {"page": "abc"}).status_code == 200
    assert web("center").get("/", {"page": "99999"}).status_code == 200


def test_an_unknown_page_is_a_chinese_404(web: Callable[[str], Client]) -> None:
    response = web("center").get("/no-such-page/")
    assert response.status_code == 404
    assert "未找到" in response.content.decode()


def test_front_end_libraries_come_from_npm_with_htmx_2() -> None:
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    lock = json.loads((root / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/htmx.org"]["version"].startswith("2.")
    for name in ("leaflet", "echarts"):
        assert f"node_modules/{name}" in lock["packages"]
    page = Client().get("/accounts/login/").content.decode()
    assert "/static/htmx.org/dist/htmx.min.js" in page
