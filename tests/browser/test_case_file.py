"""From the staff case page, 下载完整案卷（PDF） downloads the whole 案卷 with the session, and its
卷内目录 lists the case's kept 文书 at the pages where they are (decision 086)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import login, shot

pytestmark = pytest.mark.browser


def text_of(pdf: bytes, page: int) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", "-f", str(page), "-l", str(page), "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8")


def test_the_case_page_link_downloads_the_case_file_with_a_right_index(new_page: Any) -> None:
    page = new_page()
    login(page, "officer1")
    page.goto("/penalties/")
    hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
    case_path = next(h for h in hrefs if h and re.fullmatch(r"/penalties/\d+/", h))
    page.goto(case_path)
    case_url = page.url
    # A 立案审批表 kept for the case (the PDF link of the documents card), with the same session.
    printed = page.request.get(case_url + "documents/registration.pdf")
    assert printed.status == 200, printed.text()[:300]
    shot(page, "case-file-link")
    assert page.get_by_role("button", name="打印").is_visible()
    # Printed: no navigation, forms or buttons; the facts, history and 文书 list stay.
    page.emulate_media(media="print")
    assert not page.locator("nav.main").is_visible()
    assert not page.get_by_role("button", name="打印").is_visible()
    assert not page.locator("section[aria-labelledby='h-actions']").is_visible()
    assert page.locator("#h-facts").is_visible() and page.locator("#h-timeline").is_visible()
    assert page.locator("#h-docs").is_visible()
    page.emulate_media(media="screen")
    with page.expect_download() as info:
        page.get_by_role("link", name="下载完整案卷（PDF）").click()
    download = info.value
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert download.suggested_filename.endswith(".pdf")
    index = text_of(pdf, 2)
    assert "卷内目录" in index and "立案审批表" in index and "备考表" in index
    row = next(line for line in index.splitlines() if "立案审批表" in line)
    first_page = int(re.findall(r"\s(\d+)(?:–\d+)?\s*$", row)[0])
    assert "立案审批表" in re.sub(r"\s+", "", text_of(pdf, first_page))
