"""A penalty case from 立案 to decision in a real browser; the head first tries to decide without
legal review and is refused with XF-58 and its article, then decides after the review."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.browser.conftest import login, shot

pytestmark = pytest.mark.browser


def act(page: Any, action: str, label: str) -> None:
    box = page.locator(f"#action-{action}")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    box.get_by_role("button", name=f"确认{label}").click()
    page.wait_for_load_state("domcontentloaded")


def open_case(page: Any, number: str) -> None:
    page.goto("/")
    page.get_by_role("link", name=number).click()
    page.wait_for_url(re.compile(r"/penalties/\d+/$"))


def test_from_registration_to_decision_with_the_xf58_refusal(new_page: Any) -> None:
    today = dt.date.today()
    officer = new_page()
    login(officer, "officer1")
    officer.get_by_role("navigation", name="主导航").get_by_role(
        "link", name="新建处罚案件"
    ).click()
    officer.get_by_label("权责事项（违法行为）").select_option(value="SR006")
    officer.get_by_label("违法事实").fill("某餐馆未履行门前卫生责任区清扫保洁义务，经责令仍未改正")
    officer.get_by_label("违法行为发生日期").fill((today - dt.timedelta(days=2)).isoformat())
    officer.get_by_label("发现日期").fill(today.isoformat())
    officer.get_by_label(re.compile("^刘洋")).check()
    officer.get_by_label("涉及重大公共利益").check()
    officer.get_by_label("当事人姓名/名称").fill("王某某")
    officer.get_by_label("公民身份号码").fill("11010519491231002X")
    shot(officer, "penalty-new")
    officer.get_by_role("button", name="登记案件").click()
    officer.wait_for_url(re.compile(r"/penalties/\d+/$"))
    number = officer.locator("h1").inner_text().split(" ")[0]
    case_url = officer.url
    assert "待立案" in officer.locator("#case-status").inner_text()

    head = new_page()
    login(head, "head")
    open_case(head, number)
    act(head, "register", "立案")
    assert "已立案" in head.locator("#case-status").inner_text()

    officer.goto(case_url)
    box = officer.locator("#action-evidence")
    box.get_by_label("证据种类").select_option(value="inspection_record")
    box.get_by_label("证据说明").fill("现场检查笔录一份，照片三张")
    # XF-55: each officer who showed a certificate is ticked by hand; nothing is ticked for them
    for shown in box.locator("input[name=certificates_shown]").all():
        assert not shown.is_checked()
        shown.check()
    act(officer, "evidence", "登记证据")
    box = officer.locator("#action-conclude")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    box.get_by_label("罚款", exact=True).check()
    box.get_by_label("罚款金额（元）").fill("500")
    box.get_by_label("责令改正内容").fill("立即清扫门前责任区并保持整洁")
    act(officer, "conclude", "调查终结")
    act(officer, "notify", "事先告知")
    # XF-62: the waiver is written: the party's words, witnessed by the two officers of the case
    box = officer.locator("#action-waive")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    box.get_by_label("放弃书内容").fill(
        "本人对拟处罚决定无异议，放弃陈述、申辩和听证的权利。王某某"
    )
    witnesses = box.locator("input[name=witnessed_by]").all()
    assert len(witnesses) == 2
    for witness in witnesses:
        witness.check()
    act(officer, "waive", "书面放弃陈述申辩")
    shot(officer, "penalty-notified")

    # the head tries to decide before the legal review: refused with XF-58 and its article
    head.goto(case_url)
    act(head, "decide", "作出决定")
    refusal = head.locator("#refusal")
    assert refusal.is_visible()
    text = refusal.inner_text()
    assert "XF-58" in text and "第五十八条" in text
    assert "已告知" in head.locator("#case-status").inner_text()
    shot(head, "penalty-refused-xf58")

    reviewer = new_page(width=375, height=812)
    login(reviewer, "reviewer")
    open_case(reviewer, number)
    box = reviewer.locator("#action-review")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    box.get_by_label("同意", exact=True).check()
    box.get_by_label("审核意见").fill("事实清楚，证据确凿，程序合法，同意拟处罚意见")
    act(reviewer, "review", "法制审核")
    shot(reviewer, "penalty-reviewed")

    head.goto(case_url)
    act(head, "decide", "作出决定")
    assert "已决定" in head.locator("#case-status").inner_text()
    assert head.get_by_role("link", name="PDF").count() > 0
    shot(head, "penalty-decided")
    head.set_viewport_size({"width": 375, "height": 812})
    shot(head, "penalty-decided")
