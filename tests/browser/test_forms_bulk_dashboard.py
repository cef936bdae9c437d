"""Decision 087 in a real browser: the centre ticks filed cases on the list and dispatches them in
one go (each case its own action), and the dashboard's date range is kept in the URL with its
chart labels inside their boxes at 375 px and 1366 px (screenshots under CHENGGUAN_HOME)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.browser.conftest import login, shot

pytestmark = pytest.mark.browser


def test_bulk_dispatch_from_the_case_list(new_page: Any) -> None:
    desk = new_page(width=1366)
    login(desk, "center")
    desk.goto("/cases/?status=filed")
    boxes = desk.locator('input[type=checkbox][name="case"]')
    count = boxes.count()
    assert count >= 1, "the demo has filed cases waiting for dispatch"
    numbers = []
    for i in range(count):
        box = boxes.nth(i)
        numbers.append(box.get_attribute("aria-label").removeprefix("选择 "))
        box.check()
    shot(desk, "citycase-bulk-ticked")
    desk.get_by_role("button", name="派遣所勾选的案件").click()
    desk.wait_for_load_state("domcontentloaded")
    assert "批量派遣结果" in desk.locator("h1").inner_text()
    rows = desk.locator("#bulk-results tbody tr")
    assert rows.count() == count
    done = desk.locator("#bulk-results tbody tr.done").count()
    summary = desk.locator("#bulk-summary").inner_text()
    assert f"共 {count} 件" in summary and f"已派遣 {done} 件" in summary
    for i in range(count):
        text = rows.nth(i).inner_text()
        assert numbers[i] in text
        assert "已派遣" in text or "被拒绝" in text
    shot(desk, "citycase-bulk-result")
    # What was dispatched is no longer waiting; what was refused still is.
    desk.goto("/cases/?status=filed")
    assert desk.locator('input[type=checkbox][name="case"]').count() == count - done


def _inside(page: Any, chart: str) -> list[str]:
    """The texts of a chart's SVG that reach outside the chart's box (should be none)."""
    return list(
        page.evaluate(
            """(id) => {
                const box = document.getElementById(id).getBoundingClientRect();
                const out = [];
                for (const t of document.querySelectorAll('#' + id + ' svg text')) {
                    const r = t.getBoundingClientRect();
                    if (!t.textContent.trim() || r.width === 0) continue;
                    if (r.left < box.left - 1 || r.right > box.right + 1 ||
                        r.top < box.top - 1 || r.bottom > box.bottom + 1) out.push(t.textContent);
                }
                return out;
            }""",
            chart,
        )
    )


def test_the_dashboard_range_is_kept_and_its_labels_fit(new_page: Any) -> None:
    today = dt.date.today()
    start = (today - dt.timedelta(days=40)).isoformat()
    for width in (375, 1366):
        page = new_page(width=width)
        login(page, "center")
        page.goto("/dashboard/")
        page.get_by_label("统计期间从").fill(start)
        page.get_by_label("至", exact=True).fill(today.isoformat())
        page.get_by_role("button", name="查看").click()
        page.wait_for_url(re.compile(r"from=" + start))
        page.wait_for_selector("#ch-daily svg")
        assert page.get_by_label("统计期间从").input_value() == start
        assert (
            f"统计期间：{start} 至 {today.isoformat()}"
            in page.locator("#dashboard-period").inner_text()
        )
        assert "按日" in page.locator("main").inner_text()
        for chart in ("ch-daily", "ch-units", "ch-rates", "ch-sources"):
            if page.locator(f"#{chart} svg").count():
                assert _inside(page, chart) == [], (width, chart)
        shot(page, "dashboard-range")
        # A year's range is drawn per month.
        page.goto(f"/dashboard/?from={today.year - 1}-01-01&to={today.isoformat()}")
        page.wait_for_selector("#ch-daily svg")
        assert "按月" in page.locator("main").inner_text()
        for chart in ("ch-daily", "ch-units", "ch-rates", "ch-sources"):
            if page.locator(f"#{chart} svg").count():
                assert _inside(page, chart) == [], (width, chart)
        shot(page, "dashboard-year")
