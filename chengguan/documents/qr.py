"""QR codes for 文书 (segno, pure Python): a PNG both the .docx and the PDF embed."""

from __future__ import annotations

import functools
import io

import segno


@functools.lru_cache(maxsize=256)
def png(data: str) -> bytes:
    """The QR code of ``data`` as a PNG, error correction M (a printed page may get a crease),
    at a scale that prints about 3 cm wide."""
    out = io.BytesIO()
    segno.make(data, error="m").save(out, kind="png", scale=8, border=2)
    return out.getvalue()
