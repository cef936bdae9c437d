"""行政检查 on the officer's phone (issue #13), in a real browser at 390x844: register a
complaint-driven visit from the 名录库, find it on today's list, enter its code at the door (JC-5),
record the findings with the certificates shown and a photo, order a correction with a deadline
(ZL-1) and tell the result in writing (JC-6)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.browser.conftest import login, shot

pytestmark = pytest.mark.browser

# A 1x1 PNG, as a phone camera's file would arrive.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
TARGET = "白羽乙商贸有限公司2"


def act(page: Any, action: str, label: str) -> None:
    box = page.locator(f"#action-{action}")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    box.get_by_role("button", name=f"确认{label}").click()
    page.wait_for_load_state("domcontentloaded")


def test_officers_phone_flow(new_page: Any) -> None:
    today = dt.date.today()
    page = new_page(width=390, height=844)
    login(page, "officer1")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="行政检查").click()
    page.get_by_role("link", name="检查对象名录库").click()
    page.get_by_label("名称、信用代码或地址").fill(TARGET)
    page.get_by_role("button", name="查询").click()
    page.get_by_role("link", name=TARGET).click()

    # 登记检查: a complaint (approval may follow, JC-2), two certified officers (JC-3).
    box = page.locator("#action-create")
    box.get_by_label(re.compile("^JCSX-001")).check()
    box.get_by_label("检查事由").select_option(value="complaint")
    box.get_by_label(re.compile("^刘洋")).check()
    box.get_by_label("计划检查日期").fill(today.isoformat())
    box.get_by_role("button", name="确认登记检查").click()
    page.wait_for_url(re.compile(r"/inspections/\d+/$"))
    code = page.locator("#inspection-code").inner_text().strip()
    assert len(code) == 12

    # Today's list has it; the code typed at the door checks in.
    page.get_by_role("link", name="今日检查").first.click()
    visit = page.locator(f".inspection-visit[data-code='{code}']")
    assert TARGET in visit.inner_text()
    page.get_by_label("检查码").fill(code.lower())
    page.get_by_role("button", name="确认入企").click()
    page.wait_for_url(re.compile(r"/inspections/\d+/$"))
    assert "已扫码入企" in page.locator("h1").inner_text()

    # The on-site record: both certificates shown (XF-55), findings, a photo.
    box = page.locator("#action-record")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    assert box.get_by_label("陈刚").is_checked() and box.get_by_label("刘洋").is_checked()
    box.get_by_label("检查情况").fill("门前责任区堆放纸箱杂物，影响通行")
    box.get_by_label("发现问题", exact=True).check()
    box.get_by_label("现场照片（可选）").set_input_files(
        files=[{"name": "门前.png", "mimeType": "image/png", "buffer": PNG}]
    )
    box.get_by_role("button", name="确认现场检查记录").click()
    page.wait_for_load_state("domcontentloaded")
    assert "已记录检查情况" in page.locator("h1").inner_text()
    assert page.locator("#h-photos").is_visible()
    assert page.get_by_role("img", name=re.compile("现场照片")).count() == 1

    # A deadline of today is refused with ZL-1 and the content is kept; then a week.
    box = page.locator("#action-order_correction")
    box.locator("summary").click()
    box.get_by_label("责令改正内容").fill("7日内清理门前堆放物")
    box.get_by_label("改正期限").fill(today.isoformat())
    act(page, "order_correction", "责令限期改正")
    refusal = page.locator("#refusal")
    assert "ZL-1" in refusal.inner_text() and "依据" in refusal.inner_text()
    box = page.locator("#action-order_correction")
    assert box.get_by_label("责令改正内容").input_value() == "7日内清理门前堆放物"
    box.get_by_label("改正期限").fill((today + dt.timedelta(days=7)).isoformat())
    act(page, "order_correction", "责令限期改正")
    deadline = (today + dt.timedelta(days=7)).isoformat()
    assert page.locator("#correction-deadline").inner_text() == deadline

    # The result told in writing (JC-6).
    box = page.locator("#action-notify_result")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    box.get_by_label("告知内容（检查结果告知书）").fill("发现门前堆放杂物，已责令7日内改正")
    act(page, "notify_result", "书面告知检查结果")
    assert "已书面告知结果" in page.locator("h1").inner_text()
    # Nothing sticks out of a phone's width.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, overflow
    shot(page, "inspection-phone")
