"""简易程序 in a real browser: an officer on a phone opens an on-the-spot case, is refused with XF-51
(rule id and article on the page) for a fine above 200 yuan for a citizen, corrects the amount,
decides on the spot, serves the decision, records the on-the-spot payment, and the legal office
files (备案) the decision."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.browser.conftest import login, shot

pytestmark = pytest.mark.browser

FACTS = "当事人在人民路12号店外摆放水果摊占用人行道约3平方米，经当场指出仍未收回"


def act(page: Any, action: str, label: str) -> None:
    box = page.locator(f"#action-{action}")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    box.get_by_role("button", name=f"确认{label}").click()
    page.wait_for_load_state("domcontentloaded")


def fill_decision(page: Any, amount: str) -> None:
    """The 当场处罚决定 part of the form: a fine of ``amount`` yuan at the lighter level."""
    fine = page.get_by_label("罚款", exact=True)
    if not fine.is_checked():
        fine.check()
    page.get_by_label("罚款金额（元）").fill(amount)
    page.get_by_label("裁量阶次").select_option(value="lighter")
    page.get_by_label("责令改正内容").fill("立即收回摊位，恢复人行道通行")


def status(page: Any) -> str:
    return str(page.locator("#case-status").inner_text())


def test_onsite_fine_is_refused_over_the_limit_then_decided_paid_and_filed(new_page: Any) -> None:
    today = dt.date.today().isoformat()
    officer = new_page(width=375, height=812)  # field staff decide on the spot, on a phone
    login(officer, "officer1")
    officer.get_by_role("navigation", name="主导航").get_by_role(
        "link", name="新建处罚案件"
    ).click()
    officer.get_by_label("简易程序（当场处罚）").check()
    officer.get_by_label("权责事项（违法行为）").select_option(value="SZ001")
    officer.get_by_label("违法事实").fill(FACTS)
    officer.get_by_label("违法行为发生日期").fill(today)
    officer.get_by_label("发现日期").fill(today)
    officer.get_by_label(re.compile("^刘洋")).check()
    officer.get_by_label("当事人类别").select_option(value="person")
    officer.get_by_label("当事人姓名/名称").fill("赵某某")
    officer.get_by_label("公民身份号码").fill("11010519491231002X")
    fill_decision(officer, "500")
    officer.get_by_role("button", name="登记案件").click()
    officer.wait_for_load_state("domcontentloaded")

    # XF-51: on the spot a citizen may be fined at most 200 yuan; nothing is opened
    refusal = officer.locator("#refusal")
    assert refusal.is_visible()
    text = refusal.inner_text()
    assert "XF-51" in text and "第五十一条" in text and "200" in text
    assert officer.url.endswith("/penalties/new/")
    assert officer.locator("h1").inner_text() == "新建行政处罚案件"
    # what the officer typed about the case and the party is still there
    assert officer.get_by_label("违法事实").input_value() == FACTS
    assert officer.get_by_label("当事人姓名/名称").input_value() == "赵某某"
    shot(officer, "penalty-simple-refused-xf51")

    # corrected to 100 yuan: decided on the spot, with a 当场处罚决定书 number
    fill_decision(officer, "100")
    officer.get_by_role("button", name="登记案件").click()
    officer.wait_for_url(re.compile(r"/penalties/\d+/$"))
    case_url = officer.url
    assert "已登记，案件编号" in officer.get_by_role("status").first.inner_text()
    assert "已决定" in status(officer)
    assert "简易程序" in officer.locator("h1").inner_text()
    facts = officer.locator("#h-facts").locator("xpath=..").inner_text()
    assert "罚款 100" in facts and "当罚决字" in facts
    assert officer.locator("#refusal").count() == 0
    shot(officer, "penalty-simple-decided")

    # the decision is handed over on the spot
    box = officer.locator("#action-serve")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    box.get_by_label("送达方式").select_option(value="direct")
    # XF-55: each officer who showed a certificate is ticked by hand; nothing is ticked for them
    for shown in box.locator("input[name=certificates_shown]").all():
        assert not shown.is_checked()
        shown.check()
    act(officer, "serve", "送达")
    assert "已送达" in status(officer)

    # on-the-spot payment, if the page offers it for this case
    pay = officer.locator("#action-pay")
    if pay.count():
        if pay.get_attribute("open") is None:
            pay.locator("summary").click()
        assert pay.get_by_label("缴纳金额（元）").input_value().startswith("100")
        channel = pay.get_by_label("缴纳方式")
        if channel.locator("option[value=on_spot]").count():
            channel.select_option(value="on_spot")
        pay.get_by_label("票据号").fill("豫财罚0042")
        act(officer, "pay", "缴纳罚款")
        assert "已缴纳" in status(officer)
        assert "缴纳" in officer.locator("#h-facts").locator("xpath=..").inner_text()
        shot(officer, "penalty-simple-paid")
    # filing is the legal office's, not the officer's
    assert officer.locator("#action-file_onsite").count() == 0

    reviewer = new_page()
    login(reviewer, "reviewer")
    reviewer.goto(case_url)
    assert reviewer.locator("#action-file_onsite").count() == 1
    act(reviewer, "file_onsite", "当场处罚备案")
    assert "当场处罚备案：已完成" in reviewer.get_by_role("status").first.inner_text()
    assert reviewer.locator("#action-file_onsite").count() == 0  # filed once only
    assert "当场处罚备案" in reviewer.locator(".timeline").inner_text()
    shot(reviewer, "penalty-simple-filed")
