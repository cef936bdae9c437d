"""A ``Layout`` as a Word document: A4, 仿宋 body, 宋体 title, fonts set for East Asian text.

Word picks the East Asian font of a run from ``w:rFonts/@w:eastAsia``; python-docx's ``font.name``
sets only the Latin slots, so without it the Chinese falls back to the reader's default font.
"""

from __future__ import annotations

import copy
import functools
import io
import zipfile

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.shared import OxmlElement
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from chengguan.documents.layout import Fields, Layout, Para, QRCode, Signature, SignLine

BODY_FONT = "仿宋"
TITLE_FONT = "宋体"
BODY_SIZE = Pt(16)  # 三号 (GB/T 9704)
TABLE_SIZE = Pt(14)  # 四号
TITLE_SIZE = Pt(22)  # 二号
BUREAU_SIZE = Pt(18)  # 小二


def _east_asian(element_rpr: object, font: str) -> None:
    rfonts = element_rpr.get_or_add_rFonts()  # type: ignore[attr-defined]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), font)


@functools.cache
def _rpr(font: str, half_points: int, bold: bool) -> BaseOxmlElement:
    """Run properties built once per style and copied per run (python-docx's setters are slow)."""
    rpr = OxmlElement("w:rPr")
    rfonts = OxmlElement("w:rFonts")
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), font)
    rpr.append(rfonts)
    if bold:
        rpr.append(OxmlElement("w:b"))
        rpr.append(OxmlElement("w:bCs"))
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), str(half_points))
        rpr.append(size)
    return rpr


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    font: str = BODY_FONT,
    size: Pt = BODY_SIZE,
    bold: bool = False,
) -> Run:
    run = paragraph.add_run()
    run._r.insert(0, copy.deepcopy(_rpr(font, round(size.pt * 2), bold)))
    run.text = text
    return run


def _setup(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(30), Mm(28)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT  # type: ignore[attr-defined]
    normal.font.size = BODY_SIZE  # type: ignore[attr-defined]
    rpr = normal.element.get_or_add_rPr()
    _east_asian(rpr, BODY_FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    fmt = normal.paragraph_format  # type: ignore[attr-defined]
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(28)


def _centered(doc: DocxDocument, text: str, size: Pt) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.line_spacing = Pt(size.pt * 1.5)
    _run(p, text, font=TITLE_FONT, size=size, bold=True)


def _cell_text(cell: _Cell, text: str, *, bold: bool = False) -> None:
    p = cell.paragraphs[0]
    p.paragraph_format.line_spacing = Pt(22)
    lines = text.split("\n")
    for n, line in enumerate(lines):
        run = _run(p, line, size=TABLE_SIZE, bold=bold)
        if n < len(lines) - 1:
            run.add_break()


def _fields(doc: DocxDocument, block: Fields) -> None:
    table = doc.add_table(rows=len(block.rows), cols=2)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, (label, value) in zip(table.rows, block.rows, strict=True):
        row.cells[0].width, row.cells[1].width = Mm(38), Mm(118)
        _cell_text(row.cells[0], label, bold=True)
        _cell_text(row.cells[1], value)


_KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid"}
_DROP_PARTS = ("stylesWithEffects", "customXml", "webSettings")


@functools.cache
def _template() -> bytes:
    """python-docx's default template without what a 文书 never uses.

    The default carries ~800 KB of table styles, a Word 2010 style copy and a thumbnail; opening
    and zipping them again was most of the time a document took.
    """
    doc = new_document()
    styles = doc.styles.element
    for style in list(styles.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in _KEEP_STYLES:
            styles.remove(style)
    # Word applies Chinese line-breaking rules (no 。，at a line start) by the East Asian language.
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:eastAsia"), "zh-CN")
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(_DROP_PARTS):
            doc.part.drop_rel(rid)
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype.endswith("thumbnail"):
            package_rels.pop(rid)
    _setup(doc)
    out = io.BytesIO()
    doc.save(out)
    return _fixed_zip_times(out.getvalue())


def render(layout: Layout) -> bytes:
    doc = new_document(io.BytesIO(_template()))
    doc.core_properties.title = layout.title
    doc.core_properties.author = layout.bureau
    doc.core_properties.language = "zh-CN"
    _centered(doc, layout.bureau, BUREAU_SIZE)
    _centered(doc, layout.title, TITLE_SIZE)
    number = doc.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    number.paragraph_format.space_after = Pt(12)
    _run(number, layout.number)
    for block in layout.blocks:
        if isinstance(block, Para):
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            if block.indent:
                p.paragraph_format.first_line_indent = Pt(BODY_SIZE.pt * 2)
            if block.lead:
                _run(p, block.lead, bold=True)
            _run(p, block.text)
        elif isinstance(block, Fields):
            _fields(doc, block)
        elif isinstance(block, Signature):
            doc.add_paragraph()
            for line in (block.body, block.date_text, block.seal):
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                p.paragraph_format.right_indent = Pt(BODY_SIZE.pt * 2)
                _run(p, line)
        elif isinstance(block, SignLine):
            p = doc.add_paragraph()
            p.paragraph_format.space_before = Pt(12)
            _run(p, block.text)
        # --- helper:documents ---
        elif isinstance(block, QRCode):
            doc.add_picture(io.BytesIO(block.png()), width=Mm(32))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            if block.caption:
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _run(p, block.caption, size=TABLE_SIZE)
        # --- /helper:documents ---
    out = io.BytesIO()
    doc.save(out)
    return _fixed_zip_times(out.getvalue())


# The zip entries of a .docx carry the wall-clock time of saving; two renderings a second apart
# of the same case data differed in those bytes only, so the kept copy was stored twice. Every
# entry gets one fixed time: the same data gives the same bytes (decision 067's one blob).
_ZIP_EPOCH = (2020, 1, 1, 0, 0, 0)


def _fixed_zip_times(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
