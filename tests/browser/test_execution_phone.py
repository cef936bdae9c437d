"""The execution section on a phone (390x844): from the case page to the 催告 form; the demo bureau
has no power of its own, so the 催告 is refused with QZ-13 (申请人民法院强制执行), shown with its
rule and article, the typed obligation kept, and the page never wider than the phone."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.browser.conftest import login, shot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def fits_the_phone(page: Any) -> None:
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"page is {width}px wide on a {PHONE['width']}px phone"


def test_the_demand_form_on_a_phone_refused_with_QZ_13(new_page: Any) -> None:
    today = dt.date.today()
    officer = new_page(**PHONE)
    login(officer, "officer1")
    officer.goto("/penalties/new/")
    officer.get_by_label("权责事项（违法行为）").select_option(value="SZ001")
    officer.get_by_label("违法事实").fill(
        "当事人在人民路东段违法搭建彩钢棚约12平方米，占用城市道路"
    )
    officer.get_by_label("违法行为发生日期").fill(today.isoformat())
    officer.get_by_label("发现日期").fill(today.isoformat())
    officer.get_by_label(re.compile("^刘洋")).check()
    officer.get_by_label("当事人姓名/名称").fill("赵某某")
    officer.get_by_label("公民身份号码").fill("11010519491231002X")
    officer.get_by_role("button", name="登记案件").click()
    officer.wait_for_url(re.compile(r"/penalties/\d+/$"))

    section = officer.locator("#case-executions")
    assert "本案未启动本机关的行政强制执行" in section.inner_text()
    section.get_by_role("link", name="催告、决定与执行 →").click()
    officer.wait_for_url(re.compile(r"/executions/$"))
    assert "应当申请人民法院强制执行" in officer.locator("main").inner_text()
    box = officer.locator("#action-demand")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    box.get_by_label("执行种类").select_option(value="demolition")
    box.get_by_label("当事人应履行的义务").fill("自行拆除人民路东段违法搭建的彩钢棚")
    box.get_by_label("履行方式").fill("当事人自行拆除并清运建筑垃圾")
    fits_the_phone(officer)
    shot(officer, "execution-demand")
    box.get_by_role("button", name="确认催告（启动行政强制执行）").click()
    officer.wait_for_load_state("domcontentloaded")
    refusal = officer.locator("#refusal")
    assert "QZ-13" in refusal.inner_text() and "第十三条" in refusal.inner_text()
    box = officer.locator("#action-demand")
    assert (
        box.get_by_label("当事人应履行的义务").input_value() == "自行拆除人民路东段违法搭建的彩钢棚"
    )
    assert box.get_by_label("履行方式").input_value() == "当事人自行拆除并清运建筑垃圾"
    fits_the_phone(officer)
    shot(officer, "execution-refused-qz13")
