"""Basic accessibility checked by axe-core (npm devDependency) in the real browser: labelled inputs,
contrast, landmarks, keyboard-reachable controls — at phone width, on the main pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import login

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    None: [
        "/accounts/login/",
        "/portal/",
        "/portal/report/",
        "/portal/track/",
        "/portal/disclosure/",
        # round 2 (issues #13, #14): the enterprise's page, stall points, the legal-risk list
        "/portal/inspections/",
        "/portal/stall-points/",
        "/portal/legal-risks/",
        "/portal/stall-applications/",  # the status query form (helper:portal)
    ],
    "inspector": ["/", "/cases/new/"],
    "center": ["/", "/cases/", "/map/", "/dashboard/"],
    "officer1": [
        "/",
        "/penalties/new/",
        "/penalties/",
        "/inbox/",
        "/inspections/",
        "/inspections/code/",
        "/inspections/register/",
        "/inspections/items/",
        "/guidance/",
        "/guidance/records/",
    ],
    "head": ["/inspections/approvals/", "/inspections/plans/", "/permits/", "/suggestions/"],
    "reviewer": ["/permits/stall-points/", "/guidance/risks/", "/permits/new/"],
}


def violations(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['target']}"
        for v in result
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize("user", list(PAGES))
def test_main_pages_have_no_serious_accessibility_violations(
    new_page: Any, user: str | None
) -> None:
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    page = new_page(width=375, height=812)
    if user:
        login(page, user)
    found = {}
    for url in PAGES[user]:
        response = page.goto(url)
        # a page the user may not open would be checked as an error page: that is not the point
        assert response is not None and response.status == 200, (url, response and response.status)
        page.wait_for_load_state("networkidle")
        problems = violations(page)
        if problems:
            found[url] = problems
    assert not found, found


def test_login_works_with_the_keyboard_alone(new_page: Any) -> None:
    page = new_page(width=375, height=812)
    page.goto("/accounts/login/")
    # the username field has the focus on arrival
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type("center")
    page.keyboard.press("Tab")
    page.keyboard.type("browser-pass-123")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    assert page.get_by_role("heading", name="我的待办").is_visible()
    page.keyboard.press("Tab")  # on every page the first stop is the skip link
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
