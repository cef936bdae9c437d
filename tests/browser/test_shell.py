"""The shell in a real browser: sign in, see the role's navigation and worklist, sign out."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import login, shot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [375, 1280])
def test_center_signs_in_sees_worklist_and_signs_out(new_page: Any, width: int) -> None:
    page = new_page(width=width)
    page.goto("/")
    assert "/accounts/login/" in page.url
    shot(page, "login")
    login(page, "center")
    assert page.get_by_role("heading", name="我的待办").is_visible()
    nav = page.get_by_role("navigation", name="主导航")
    assert nav.get_by_role("link", name="我的待办").get_attribute("aria-current") == "page"
    assert nav.get_by_role("link", name="行政处罚").count() == 0
    shot(page, "worklist-center")
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url("**/accounts/login/")


def test_wrong_password_is_refused_with_a_message(new_page: Any) -> None:
    page = new_page(width=375)
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill("center")
    page.get_by_label("密码").fill("wrong-password")
    page.keyboard.press("Enter")
    assert page.get_by_role("alert").inner_text().startswith("用户名或密码错误")


@pytest.mark.parametrize("width", [375, 1280])
def test_officer_worklist_is_ordered_by_due_time_with_overdue_marks(
    new_page: Any, width: int
) -> None:
    page = new_page(width=width)
    login(page, "officer1")
    rows = page.locator("#results tbody tr")
    assert rows.count() > 0
    shot(page, "worklist-officer1")
    # htmx: filtering replaces only the results, the URL follows for the back button
    page.get_by_label("只看已超期").check()
    page.wait_for_url("**/?*overdue=1*")
    assert page.locator("#results").is_visible()
    overdue_rows = page.locator("#results tbody tr")
    for i in range(overdue_rows.count()):
        assert "已超期" in overdue_rows.nth(i).inner_text()
