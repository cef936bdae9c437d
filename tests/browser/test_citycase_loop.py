"""The closed loop in a real browser by four users: the inspector reports from a phone, the centre
files and dispatches to the proposed unit, the unit's handler handles, the inspector verifies, the
centre closes; the case page shows the whole record."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import login, shot

pytestmark = pytest.mark.browser

PNG = Path(__file__).with_name("scene.png")
HANDLERS = {
    "环境卫生管理中心": "handler_sanitation",
    "园林绿化中心": "handler_greening",
    "市政工程管理处": "handler_municipal",
    "西坪镇综合行政执法队": "town_officer1",
    "白羽街道综合行政执法队": "town_officer1",
}


def act(page: Any, action: str, label: str, fill: dict[str, str] | None = None) -> None:
    box = page.locator(f"#action-{action}")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    for name, value in (fill or {}).items():
        box.get_by_label(name).fill(value)
    box.get_by_role("button", name=f"确认{label}").click()
    page.wait_for_load_state("domcontentloaded")


def open_from_worklist(page: Any, number: str, todo: str) -> None:
    page.goto("/")
    row = page.locator("tr", has=page.get_by_role("link", name=number))
    assert todo in row.inner_text()
    row.get_by_role("link", name=number).click()
    page.wait_for_url(re.compile(r"/cases/\d+/$"))


def test_the_closed_loop_by_four_users(new_page: Any, tmp_path: Path) -> None:
    photo = tmp_path / "scene.png"
    photo.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c63f80f00000101000518d84e0000000049454e44ae426082"
        )
    )

    # 1. the inspector, on a phone: category, description, photo, a click on the map
    phone = new_page(width=375, height=812)
    login(phone, "inspector")
    phone.get_by_role("navigation", name="主导航").get_by_role("link", name="上报问题").click()
    phone.get_by_label("问题类别").select_option(label="暴露垃圾（E0101）")
    phone.get_by_label("问题描述").fill("人民路口人行道上有一堆暴露垃圾")
    phone.get_by_label("现场照片").set_input_files(str(photo))
    phone.wait_for_selector("#pick-map path.leaflet-interactive")
    phone.locator("#pick-map").scroll_into_view_if_needed()
    box = phone.locator("#pick-map").bounding_box()
    phone.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert phone.get_by_label("经度").input_value() != ""
    phone.get_by_label("地址或参照物").fill("人民路与解放路交叉口")
    shot(phone, "citycase-report")
    phone.get_by_role("button", name="提交上报").click()
    phone.wait_for_url(re.compile(r"/cases/\d+/$"))
    status = phone.get_by_role("status").first.inner_text()
    number = re.search(r"案件编号 (\d+)", status).group(1)  # type: ignore[union-attr]
    assert phone.locator("#h-photos").is_visible()
    shot(phone, "citycase-reported")

    # 2. the centre files it and dispatches it to the unit the routing table proposes
    desk = new_page()
    login(desk, "center")
    open_from_worklist(desk, number, "立案或不予立案")
    act(desk, "file", "立案")
    unit_select = desk.locator("#action-dispatch select[name=unit]")
    proposed = unit_select.locator("option:checked").inner_text()
    assert proposed.endswith("（建议）")
    unit_name = proposed.removesuffix("（建议）")
    act(desk, "dispatch", "派遣")
    assert "已派遣" in desk.locator("h1").inner_text()
    shot(desk, "citycase-dispatched")

    # 3. the unit's handler handles it
    handler = new_page(width=375, height=812)
    login(handler, HANDLERS[unit_name])
    open_from_worklist(handler, number, "处置或退单")
    act(handler, "handle", "处置完毕", {"处置结果": "已清运，地面已冲洗"})
    assert "已处置" in handler.locator("h1").inner_text()

    # 4. the inspector verifies on site
    phone.goto("/")
    open_from_worklist(phone, number, "现场核查")
    box = phone.locator("#action-verify")
    box.get_by_label("通过（问题已解决）").check()
    box.get_by_label("核查意见").fill("现场已清理干净")
    box.get_by_role("button", name="确认核查").click()
    phone.wait_for_load_state("domcontentloaded")
    assert "已核查" in phone.locator("h1").inner_text()

    # 5. the centre closes it; the record shows every step
    open_from_worklist(desk, number, "结案")
    act(desk, "close", "结案")
    assert "已结案" in desk.locator("h1").inner_text()
    timeline = desk.locator("ol.timeline").inner_text()
    for step in ("上报", "立案", "派遣", "处置", "核查", "结案"):
        assert step in timeline
    shot(desk, "citycase-closed")
    phone.goto(desk.url.replace(desk.url.split("/cases/")[0], ""))
    shot(phone, "citycase-closed")


def test_map_and_dashboard_render(new_page: Any) -> None:
    for width in (375, 1280):
        page = new_page(width=width)
        login(page, "center")
        page.get_by_role("navigation", name="主导航").get_by_role("link", name="网格地图").click()
        page.wait_for_selector("#overview-map path.leaflet-interactive")
        shot(page, "map")
        page.get_by_role("navigation", name="主导航").get_by_role("link", name="指挥大屏").click()
        page.wait_for_selector("#ch-daily svg")
        shot(page, "dashboard")
