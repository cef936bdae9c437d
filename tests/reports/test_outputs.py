from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django.core.management import call_command

from chengguan.reports import service
from chengguan.reports.builder import build
from chengguan.reports.models import NarrativeTemplate
from tests.conftest import error_code


def test_docx_sets_east_asian_fonts_and_pdf_is_a_pdf(demo):
    report = build(demo.bureau, 2024)
    docx = service.render(report, "docx")
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    assert 'w:eastAsia="仿宋_GB2312"' in xml
    assert "法治政府建设情况的报告" in xml
    assert xml.count("<pic:pic") == 4  # the four charts
    pdf = service.render(report, "pdf")
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000


def test_a_bureau_template_replaces_the_shipped_paragraph(demo):
    NarrativeTemplate.objects.create(
        bureau=demo.bureau,
        key="intro",
        body="本局{{ year }}年共办理处罚案件{{ f.penalty_total }}件。",
    )
    text = service.render(build(demo.bureau, 2019, with_charts=False), "md").decode()
    assert "本局2019年共办理处罚案件0件。" in text


def test_command_writes_markdown_with_chart_files(demo, tmp_path: Path):
    out = tmp_path / "r.md"
    call_command(
        "report",
        "annual",
        "--year",
        "2024",
        "--format",
        "md",
        "--out",
        str(out),
        "--bureau",
        "demo",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 示范县城市管理局关于2024年法治政府建设情况的报告")
    charts = sorted((tmp_path / "r_图表").glob("*.png"))
    assert len(charts) == 4 and all(p.read_bytes().startswith(b"\x89PNG") for p in charts)


def test_api_figures_and_download_are_for_the_readers_bureau_only(api, demo):
    r = api("supervisor").get("reports/annual/2024/figures")
    assert r.status_code == 200
    body = r.json()
    assert body["bureau"] == "demo"
    assert body["figures"]["penalty_total"]["method"]
    md = api("head").get("reports/annual/2024", format="md")
    assert md.status_code == 200 and "data:image/png;base64" in md.content.decode()
    assert "attachment" in md["Content-Disposition"]
    assert api("officer1").get("reports/annual/2024/figures").status_code == 403
    assert error_code(api("officer1").get("reports/annual/2024/figures")) == "forbidden"
    # outsider is a head of the other bureau: it gets that bureau's report, never demo's.
    out = api("outsider").get("reports/annual/2024/figures")
    assert out.status_code == 200 and out.json()["bureau"] == "other"
    other_md = api("outsider").get("reports/annual/2024", format="md").content.decode()
    assert demo.bureau.name not in other_md and "邻县城市管理局" in other_md
    assert api(None).get("reports/annual/2024/figures").status_code == 401
    assert error_code(api("head").get("reports/annual/1800/figures")) == "invalid"
