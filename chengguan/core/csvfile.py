"""CSV for the bureau's spreadsheets, safe to open (issue #12 item 8).

A cell whose text starts with ``=``, ``+``, ``-``, ``@`` (or a tab/CR before them) is a formula to
Excel and WPS: a party's name typed as ``=HYPERLINK(...)`` would run when a clerk opens the export.
Such cells get a leading apostrophe, the spreadsheet convention for "this is text". Control
characters other than tab and newline are dropped. A BOM lets Excel read the Chinese text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

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
