"""The yearly report page: figures with their methods, downloads in three formats, refusals."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

import docx
import pytest
from django.test import Client

from chengguan.reports.builder import OUTLINE
from chengguan.reports.figures import compute

Web = Callable[[str | None], Client]
HEADING = next(text for level, text, _, _ in OUTLINE if level == "h1")


def text_of(response: Any) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


def download(client: Client, year: int | str, fmt: str) -> Any:
    r = client.get(f"/reports/annual/{year}.{fmt}")
    assert r.status_code == 200, r.content[:500]
    assert "attachment" in r["Content-Disposition"]
    return r


def test_the_page_shows_every_figure_with_its_method_and_the_download_links(
    web: Web, demo: Any
) -> None:
    r = web("head").get("/reports/", {"year": "2024"})
    assert r.status_code == 200
    body = r.content.decode()
    figures = compute(demo.bureau, 2024)
    for f in figures:
        row = body[body.index(f'id="figure-{f.key}"') :]
        row = unescape(row[: row.index("</tr>")])
        assert f.label in row and f.text in row and f.method in row, f.key
    for fmt in ("docx", "pdf", "md"):
        assert f'href="/reports/annual/2024.{fmt}"' in body
    assert '<label for="r-year">报告年度</label>' in body
    assert demo.bureau.name in text_of(r)


def test_the_navigation_offers_the_report_to_the_roles_that_may_read_it(web: Web) -> None:
    for user in ("head", "supervisor", "reviewer", "admin"):
        assert 'href="/reports/"' in web(user).get("/").content.decode(), user
    for user in ("officer1", "center", "inspector"):
        assert 'href="/reports/"' not in web(user).get("/").content.decode(), user


def test_docx_download_has_the_report_headings(web: Web, demo: Any) -> None:
    r = download(web("supervisor"), 2024, "docx")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert ".docx" in r["Content-Disposition"]
    paragraphs = [p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs]
    assert f"{demo.bureau.name}关于2024年法治政府建设情况的报告" in paragraphs
    assert HEADING in paragraphs


def test_pdf_download_carries_a_known_figure(web: Web, demo: Any, tmp_path: Path) -> None:
    r = download(web("head"), 2024, "pdf")
    assert r.content.startswith(b"%PDF") and r["Content-Type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(r.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    figure = compute(demo.bureau, 2024)["penalty_total"]
    # the appendix lists every figure as label, value, method
    assert re.search(re.escape(figure.label) + r"\S{0,4}" + re.escape(figure.text), flat), flat[
        -3000:
    ]
    assert re.sub(r"\s+", "", HEADING) in flat


def test_markdown_download_is_the_report_text(web: Web, demo: Any) -> None:
    r = download(web("reviewer"), 2024, "md")
    text = r.content.decode("utf-8")
    assert text.startswith(f"# {demo.bureau.name}关于2024年法治政府建设情况的报告")
    assert compute(demo.bureau, 2024)["penalty_total"].method in text


def test_a_role_without_report_access_gets_403_on_the_page_and_the_files(web: Web) -> None:
    officer = web("officer1")
    r = officer.get("/reports/", {"year": "2024"})
    assert r.status_code == 403 and "无权操作" in r.content.decode()
    for fmt in ("docx", "pdf", "md"):
        assert officer.get(f"/reports/annual/2024.{fmt}").status_code == 403
    # even a bad year is refused for the role first
    assert officer.get("/reports/annual/1800.pdf").status_code == 403
    anonymous = web(None).get("/reports/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


@pytest.mark.parametrize(
    "url",
    [
        "/reports/?year=1999",
        "/reports/?year=2999",
        "/reports/?year=abc",
        "/reports/annual/1800.pdf",
        "/reports/annual/3000.docx",
        "/reports/annual/twenty.md",
    ],
)
def test_a_year_out_of_range_is_a_400_in_chinese(web: Web, url: str) -> None:
    r = web("head").get(url)
    assert r.status_code == 400
    text = text_of(r)
    assert "年度无效" in text and "2000" in text


def test_an_unknown_format_is_a_400(web: Web) -> None:
    r = web("head").get("/reports/annual/2024.xls")
    assert r.status_code == 400 and "md、docx 或 pdf" in text_of(r)


def test_outsider_sees_only_its_own_bureau(web: Web, demo: Any) -> None:
    outsider = web("outsider")  # head of the other bureau: it may read reports, but only its own
    page = outsider.get("/reports/", {"year": "2024"})
    assert page.status_code == 200
    assert demo.bureau.name not in text_of(page) and "邻县城市管理局" in text_of(page)
    md = download(outsider, 2024, "md").content.decode("utf-8")
    assert demo.bureau.name not in md and "邻县城市管理局" in md
    words = docx.Document(io.BytesIO(download(outsider, 2024, "docx").content)).paragraphs
    assert not any(demo.bureau.name in p.text for p in words)
    ours = compute(demo.bureau, 2024)["penalty_total"]
    theirs = compute(demo.other_bureau, 2024)["penalty_total"]
    row = page.content.decode()
    row = row[row.index('id="figure-penalty_total"') :]
    assert f">{theirs.text}" in row[: row.index("</tr>")]
    assert ours.value != theirs.value  # so the check above tells the bureaux apart
