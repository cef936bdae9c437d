"""A citizen reports a problem on the portal from a phone and follows it by its number and code."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser


def test_a_citizen_reports_and_follows_by_number_and_code(new_page: Any) -> None:
    page = new_page(width=375, height=812)
    page.goto("/portal/")
    shot(page, "portal-home")
    page.get_by_role("link", name="反映问题").first.click()
    page.get_by_label("问题类别").select_option(label="暴露垃圾")
    page.get_by_label("问题描述").fill("公交站台旁有一堆生活垃圾，已经好几天了")
    page.wait_for_selector("#pick-map path.leaflet-interactive")
    page.locator("#pick-map").scroll_into_view_if_needed()
    box = page.locator("#pick-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.get_by_label("纬度").input_value() != ""
    page.get_by_label("地址或参照物").fill("建设路公交站")
    shot(page, "portal-report")
    page.get_by_role("button", name="提交").click()
    page.wait_for_url(re.compile(r"/portal/track/"))
    number = page.locator("#new-number").inner_text()
    assert re.fullmatch(r"\d{10}", number)
    code = page.locator("#new-code").inner_text()
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{8}", code)
    shot(page, "portal-reported")

    # later, from another browser: follow it by the number and the query code (issue 12, item 3)
    other = new_page(width=1280)
    other.goto("/portal/")
    other.get_by_role("link", name="查询进度").first.click()
    other.get_by_label("受理编号").fill(number)
    other.get_by_label("查询码").fill(code)
    other.get_by_role("button", name="查询").click()
    assert "已上报" in other.locator("#case-status").inner_text()
    assert "公交站台旁有一堆生活垃圾" in other.content()
    shot(other, "portal-track")
    other.get_by_role("link", name="执法公示").click()
    assert other.get_by_role("heading", name=re.compile("执法人员")).is_visible()
    shot(other, "portal-disclosure")
