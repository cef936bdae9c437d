"""CSV and .xlsx for the bureau's spreadsheets, safe to open (issue #12 item 8, issue #15 exports).

A cell whose text starts with ``=``, ``+``, ``-``, ``@`` (or a tab/CR before them) is a formula to
Excel and WPS: a party's name typed as ``=HYPERLINK(...)`` would run when a clerk opens the export.
Such cells get a leading apostrophe, the spreadsheet convention for "this is text". Control
characters other than tab and newline are dropped. A BOM lets Excel read the Chinese text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from chengguan.core.errors import Invalid
from chengguan.core.http import content_disposition

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return str(value)  # numbers stay numbers (a negative fine is not a formula)
    text = _CONTROL.sub("", str(value))
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def csv_text(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return "\ufeff" + buf.getvalue()


def xlsx_bytes(header: Iterable[str], rows: Iterable[Iterable[Any]], *, title: str) -> bytes:
    """One sheet, a bold header row. Text cells are stored as text (openpyxl would otherwise take
    ``=…`` for a formula); numbers and dates keep their type so the sheet can sum them."""
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = _CONTROL.sub("", title)[:31] or "Sheet1"
    sheet.append([safe_cell(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        values: list[Any] = []
        for value in row:
            if (
                value is None
                or isinstance(value, bool | int | float)
                or (hasattr(value, "isoformat") and not isinstance(value, str))
            ):
                values.append(value)
            else:
                values.append(_CONTROL.sub("", str(value)))
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def flatten(figures: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """A nested figures dict (the stats APIs) as (指标, 值) rows: keys joined with dots, lists
    numbered, so every number of the JSON answer is one row of the sheet."""
    rows: list[tuple[str, Any]] = []
    for key, value in figures.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            rows.extend(flatten(value, f"{name}."))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, Mapping):
                    label = item.get("key") or item.get("name") or item.get("code") or i
                    rows.extend(flatten(item, f"{name}[{label}]."))
                else:
                    rows.append((f"{name}[{i}]", item))
        else:
            rows.append((name, value))
    return rows


EXPORT_FORMATS = ("csv", "xlsx")
# An export is one response: beyond this many rows, narrow the filters.
EXPORT_LIMIT = 20_000
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_format(request: HttpRequest) -> str | None:
    """``?format=csv|xlsx`` asks for a file of what the page or endpoint shows; json/none: not."""
    wanted = request.GET.get("format", "")
    if wanted in ("", "json", "html"):
        return None
    if wanted not in EXPORT_FORMATS:
        raise Invalid("导出格式有误", details={"format": "可选：csv、xlsx"})
    return wanted


def table_response(
    fmt: str, *, name: str, title: str, header: list[str], rows: Iterable[Iterable[Any]]
) -> HttpResponse:
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(header, rows, title=title), content_type=_XLSX)
    else:
        response = HttpResponse(csv_text(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(f"{name}.{fmt}")
    return response


def figures_response(
    fmt: str, *, name: str, title: str, figures: Mapping[str, Any]
) -> HttpResponse:
    return table_response(
        fmt, name=name, title=title, header=["指标", "数值"], rows=flatten(figures)
    )
