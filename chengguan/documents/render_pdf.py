"""A ``Layout`` as an A4 PDF through WeasyPrint, with a CJK font embedded from the system.

WenQuanYi Zen Hei is used because WeasyPrint subsets it quickly; a full Noto CJK costs about 6 s per
PDF (DESIGN.md §9).
"""

from __future__ import annotations

import base64
from pathlib import Path

from django.template.loader import render_to_string

from chengguan.documents.layout import Fields, Layout, Para, QRCode, Signature, SignLine

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc"),
)


def font_url() -> str:
    """The ``file://`` URL of the CJK font, or "" to let fontconfig find one by name."""
    for path in FONT_CANDIDATES:
        if path.exists():
            return path.as_uri()
    return ""


def _blocks(layout: Layout) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for block in layout.blocks:
        if isinstance(block, Para):
            out.append(
                {"type": "para", "lead": block.lead, "text": block.text, "indent": block.indent}
            )
        elif isinstance(block, Fields):
            out.append({"type": "fields", "rows": block.rows})
        elif isinstance(block, Signature):
            out.append(
                {
                    "type": "signature",
                    "body": block.body,
                    "date": block.date_text,
                    "seal": block.seal,
                }
            )
        elif isinstance(block, SignLine):
            out.append({"type": "signline", "text": block.text})
        # --- helper:documents --- the PNG inline: WeasyPrint fetches nothing over the network
        elif isinstance(block, QRCode):
            data = base64.b64encode(block.png()).decode("ascii")
            out.append(
                {"type": "qr", "src": f"data:image/png;base64,{data}", "text": block.caption}
            )
        # --- /helper:documents ---
    return out


def html(layout: Layout) -> str:
    return render_to_string(
        "documents/document.html",
        {
            "layout": layout,
            "blocks": _blocks(layout),
            "font_url": font_url(),
        },
    )


def render(layout: Layout) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango costs time at startup

    pdf = HTML(string=html(layout)).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def warm() -> None:
    """Load WeasyPrint, Pango and the font once (about 1–2 s), e.g. when a server worker starts,
    so that the first user's PDF does not pay for it."""
    render(Layout(bureau="预热", title="预热", number="〔0〕0号"))
