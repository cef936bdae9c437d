"""查封扣押 on a phone (390x844), the way a field officer holds a vendor's goods on the street: first
refused with QZ-18 for one certificate (the typed items kept), then registered with a photo per item
as an emergency measure, approved afterwards by the head, and released with the return receipt."""

from __future__ import annotations

import datetime as dt
import re
import struct
import zlib
from typing import Any

import pytest

from tests.browser.conftest import login, shot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def png() -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x20\x60\xc0" * 8 for _ in range(8))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def fits_the_phone(page: Any) -> None:
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"page is {width}px wide on a {PHONE['width']}px phone"


def act(page: Any, action: str, label: str) -> None:
    box = page.locator(f"#action-{action}")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    box.get_by_role("button", name=f"确认{label}").click()
    page.wait_for_load_state("domcontentloaded")


def test_register_with_photos_approve_and_release_on_a_phone(new_page: Any) -> None:
    today = dt.date.today()
    officer = new_page(**PHONE)
    login(officer, "officer1")
    officer.goto("/penalties/new/")
    officer.get_by_label("权责事项（违法行为）").select_option(value="SZ001")
    officer.get_by_label("违法事实").fill(
        "当事人在人民路东段擅自占用城市道路摆摊经营，占道约6平方米"
    )
    officer.get_by_label("违法行为发生日期").fill(today.isoformat())
    officer.get_by_label("发现日期").fill(today.isoformat())
    officer.get_by_label(re.compile("^刘洋")).check()
    officer.get_by_label("当事人姓名/名称").fill("王某某")
    officer.get_by_label("公民身份号码").fill("11010519491231002X")
    officer.get_by_role("button", name="登记案件").click()
    officer.wait_for_url(re.compile(r"/penalties/\d+/$"))
    case_url = officer.url

    head = new_page(**PHONE)
    login(head, "head")
    head.goto(case_url)
    act(head, "register", "立案")
    assert "已立案" in head.locator("#case-status").inner_text()

    officer.goto(case_url)
    assert "本案未采取查封、扣押措施" in officer.locator("#case-measures").inner_text()
    officer.get_by_role("link", name="查封扣押与罚没物品处置 →").click()
    officer.wait_for_url(re.compile(r"/seizures/$"))
    box = officer.locator("#action-register")
    box.get_by_label("扣押", exact=True).check()
    box.get_by_label("物品1 名称及特征").fill("三轮车（蓝色）")
    box.get_by_label("物品1 数量").fill("1")
    box.get_by_label("物品1 单位").fill("辆")
    box.get_by_label("物品1 照片").set_input_files(
        {"name": "cart.png", "mimeType": "image/png", "buffer": png()}
    )
    box.get_by_label("物品2 名称及特征").fill("西瓜")
    box.get_by_label("物品2 数量").fill("40")
    box.get_by_label("物品2 单位").fill("个")
    box.get_by_label("保管地点").fill("局暂扣物品库")
    box.get_by_label("物品状况").fill("车况完好，西瓜新鲜")
    box.get_by_label(re.compile("^情况紧急，当场实施")).check()
    box.get_by_label(re.compile("^陈刚")).check()  # only one certificate shown: QZ-18
    fits_the_phone(officer)
    shot(officer, "seizure-register")
    box.get_by_role("button", name="确认登记查封扣押").click()
    officer.wait_for_load_state("domcontentloaded")
    refusal = officer.locator("#refusal")
    assert "QZ-18" in refusal.inner_text() and "第十八条" in refusal.inner_text()
    box = officer.locator("#action-register")
    assert box.get_by_label("物品1 名称及特征").input_value() == "三轮车（蓝色）"
    assert box.get_by_label("保管地点").input_value() == "局暂扣物品库"
    shot(officer, "seizure-refused-qz18")

    # the photo is chosen again (a browser never refills a file input) and both officers ticked
    box.get_by_label("物品1 照片").set_input_files(
        {"name": "cart.png", "mimeType": "image/png", "buffer": png()}
    )
    box.get_by_label(re.compile("^刘洋")).check()
    box.get_by_role("button", name="确认登记查封扣押").click()
    officer.wait_for_url(re.compile(r"/seizures/\d+/$"))
    assert "待补批" in officer.locator("#seizure-status").inner_text()
    assert "剩余 30 日" in officer.locator("#seizure-clock").inner_text()
    img = officer.get_by_role("img", name="三轮车（蓝色）的照片")
    img.wait_for()
    assert img.evaluate("el => el.complete && el.naturalWidth") == 8
    fits_the_phone(officer)
    shot(officer, "seizure-pending")
    seizure_url = officer.url

    # the head approves within the 24 hours (QZ-19)
    head.goto(seizure_url)
    act(head, "approve", "负责人批准（补批）")
    assert "查封扣押中" in head.locator("#seizure-status").inner_text()
    shot(head, "seizure-approved")

    # released and returned, with the signed receipt photographed
    officer.goto(seizure_url)
    box = officer.locator("#action-release")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    box.get_by_label("解除理由").select_option(value="no_longer_needed")
    box.get_by_label("领取人（当事人或其委托的人）").fill("王某某")
    box.get_by_label("领取人已在退还清单上签收").check()
    box.get_by_label("退还签收单照片").set_input_files(
        {"name": "receipt.png", "mimeType": "image/png", "buffer": png()}
    )
    act(officer, "release", "解除并退还")
    assert "已解除" in officer.locator("#seizure-status").inner_text()
    assert "由 王某某 领取，已签收" in officer.locator("#h-facts + dl").inner_text()
    fits_the_phone(officer)
    shot(officer, "seizure-released")

    officer.goto(case_url)
    assert "已解除" in officer.locator("#case-measures").inner_text()
