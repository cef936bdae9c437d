"""The report's blocks as Markdown, .docx (python-docx) and PDF (WeasyPrint)."""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

from chengguan.reports.builder import Report
from chengguan.reports.charts import CJK_FONT

# 公文 fonts (GB/T 9704) as the bureau's Word has them; w:eastAsia must be set on every run, or Word
# falls back to its Latin font for Chinese text.
DOCX_TITLE_FONT = "方正小标宋简体"
DOCX_HEADING_FONT = "黑体"
DOCX_BODY_FONT = "仿宋_GB2312"


def to_markdown(report: Report, asset_dir: Path | None = None, asset_prefix: str = "") -> str:
    """Charts go to ``asset_dir`` as PNG files when given, else inline as data: URIs."""
    out: list[str] = []
    chart_no = 0
    for block in report.blocks:
        if block.kind == "title":
            out.append(f"# {block.text}\n")
        elif block.kind == "meta":
            out.append(f"*{block.text}*\n")
        elif block.kind == "h1":
            out.append(f"## {block.text}\n")
        elif block.kind == "h2":
            out.append(f"### {block.text}\n")
        elif block.kind == "p":
            out.append(f"{block.text}\n")
        elif block.kind == "image":
            chart_no += 1
            if asset_dir is not None:
                asset_dir.mkdir(parents=True, exist_ok=True)
                name = f"chart{chart_no}.png"
                (asset_dir / name).write_bytes(block.png)
                src = f"{asset_prefix}{name}"
            else:
                src = "data:image/png;base64," + base64.b64encode(block.png).decode()
            out.append(f"![{block.text}]({src})\n\n{block.text}\n")
        elif block.kind == "table":
            head, *rows = block.rows
            out.append("| " + " | ".join(head) + " |")
            out.append("|" + "---|" * len(head))
            for row in rows:
                out.append("| " + " | ".join(c.replace("|", "｜") for c in row) + " |")
            out.append("")
    return "\n".join(out)


def _east_asian(run: object, font: str, size_pt: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn  # deferred: python-docx is loaded only to write a .docx
    from docx.shared import Pt  # deferred: as above

    run.font.name = font  # type: ignore[attr-defined]
    run.font.size = Pt(size_pt)  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    rpr = run._element.get_or_add_rPr()  # type: ignore[attr-defined]
    rfonts = rpr.get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), font)
    rfonts.set(qn("w:ascii"), font)
    rfonts.set(qn("w:hAnsi"), font)


def to_docx(report: Report) -> bytes:
    from docx import Document  # deferred: python-docx is loaded only to write a .docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # deferred: as above
    from docx.shared import Cm, Pt  # deferred: as above

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name = DOCX_BODY_FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", DOCX_BODY_FONT
    )
    for block in report.blocks:
        if block.kind == "title":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _east_asian(p.add_run(block.text), DOCX_TITLE_FONT, 22)
        elif block.kind == "meta":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _east_asian(p.add_run(block.text), DOCX_BODY_FONT, 12)
        elif block.kind in ("h1", "h2"):
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(32)
            font = DOCX_HEADING_FONT if block.kind == "h1" else "楷体_GB2312"
            _east_asian(p.add_run(block.text), font, 16)
        elif block.kind == "p":
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(32)
            p.paragraph_format.line_spacing = Pt(28)
            _east_asian(p.add_run(block.text), DOCX_BODY_FONT, 16)
        elif block.kind == "image":
            doc.add_picture(io.BytesIO(block.png), width=Cm(15))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            cap = doc.add_paragraph()
            cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _east_asian(cap.add_run(block.text), DOCX_BODY_FONT, 12)
        elif block.kind == "table":
            head, *rows = block.rows
            table = doc.add_table(rows=1, cols=len(head))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, head, strict=True):
                cell.text = ""
                _east_asian(cell.paragraphs[0].add_run(text), DOCX_HEADING_FONT, 10.5)
            for row in rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = ""
                    _east_asian(cell.paragraphs[0].add_run(text), DOCX_BODY_FONT, 10.5)
            for row_cells in table.rows:
                for width, cell in zip(
                    (Cm(1.2), Cm(4.0), Cm(2.2), Cm(8.4)), row_cells.cells, strict=False
                ):
                    cell.width = width
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


CSS = """
@font-face { font-family: "CJK"; src: url("file://%(font)s"); }
@page { size: A4; margin: 30mm 24mm 28mm 26mm;
        @bottom-center { content: "— " counter(page) " —"; font-family: "CJK"; font-size: 10pt; } }
body { font-family: "CJK", "WenQuanYi Zen Hei", sans-serif; font-size: 14pt; line-height: 1.75; }
h1.title { text-align: center; font-size: 20pt; line-height: 1.5; margin: 0 0 6pt; }
p.meta { text-align: center; font-size: 10.5pt; color: #555; text-indent: 0; margin-bottom: 18pt; }
h2 { font-size: 15pt; margin: 14pt 0 4pt; text-indent: 2em; }
h3 { font-size: 14pt; margin: 10pt 0 4pt; text-indent: 2em; font-weight: normal; }
p { text-indent: 2em; margin: 0 0 6pt; text-align: justify; }
figure { margin: 8pt 0 12pt; text-align: center; page-break-inside: avoid; }
figure img { width: 150mm; }
figcaption { font-size: 10.5pt; color: #333; }
table { border-collapse: collapse; width: 100%%; font-size: 9pt; line-height: 1.4; }
th, td { border: 0.6pt solid #444; padding: 3pt 4pt; vertical-align: top; }
th { background: #eee; }
td:nth-child(1), td:nth-child(3) { text-align: center; white-space: nowrap; }
"""


def to_html(report: Report) -> str:
    parts = [
        f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>{html.escape(report.title)}</title>"
        f"<style>{CSS % {'font': CJK_FONT}}</style></head><body>"
    ]
    for block in report.blocks:
        text = html.escape(block.text)
        if block.kind == "title":
            parts.append(f"<h1 class='title'>{text}</h1>")
        elif block.kind == "meta":
            parts.append(f"<p class='meta'>{text}</p>")
        elif block.kind == "h1":
            parts.append(f"<h2>{text}</h2>")
        elif block.kind == "h2":
            parts.append(f"<h3>{text}</h3>")
        elif block.kind == "p":
            parts.append(f"<p>{text}</p>")
        elif block.kind == "image":
            data = base64.b64encode(block.png).decode()
            parts.append(
                f"<figure><img src='data:image/png;base64,{data}' alt='{text}'>"
                f"<figcaption>{text}</figcaption></figure>"
            )
        elif block.kind == "table":
            head, *rows = block.rows
            parts.append(
                "<table><thead><tr>"
                + "".join(f"<th>{html.escape(c)}</th>" for c in head)
                + "</tr></thead><tbody>"
            )
            for row in rows:
                parts.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
            parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "".join(parts)


def to_pdf(report: Report) -> bytes:
    from weasyprint import HTML  # deferred: loading Pango costs time at start-up

    return HTML(string=to_html(report)).write_pdf()  # type: ignore[no-any-return]
