"""A 文书 as a short list of blocks, so that the .docx and the PDF renderer print the same text."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Para:
    """A body paragraph; ``lead`` is printed bold before the text (``当事人：``)."""

    text: str
    lead: str = ""
    indent: bool = True  # first-line indent of two characters


@dataclass(frozen=True)
class Fields:
    """A form table of label → value rows (审批表, 送达回证)."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Signature:
    """The issuing body, the date in Chinese and where the seal goes, right-aligned."""

    body: str
    date_text: str
    seal: str = "（印章）"


@dataclass(frozen=True)
class SignLine:
    """A line left for a hand signature, e.g. ``当事人签名：``."""

    text: str


# --- helper:documents ---
@dataclass(frozen=True)
class QRCode:
    """A QR code of ``data`` (a URL the reader's phone opens), printed with its caption under it:
    the 检查通知书's code check (JC-5). Both renderers embed the same PNG."""

    data: str
    caption: str = ""

    def png(self) -> bytes:
        from chengguan.documents.qr import png  # segno is loaded only for a 文书 that has one

        return png(self.data)


Block = Para | Fields | Signature | SignLine | QRCode
# --- /helper:documents ---


@dataclass
class Layout:
    bureau: str  # first title line: the issuing body
    title: str  # second title line: the kind of 文书
    number: str  # 文号, printed right under the title
    blocks: list[Block] = field(default_factory=list)

    def text(self) -> str:
        """All printed text in order (what a reader of either file sees)."""
        lines = [self.bureau, self.title, self.number]
        for block in self.blocks:
            if isinstance(block, Para):
                lines.append(block.lead + block.text)
            elif isinstance(block, Fields):
                lines.extend(f"{label} {value}" for label, value in block.rows)
            elif isinstance(block, Signature):
                lines.extend([block.body, block.date_text, block.seal])
            elif isinstance(block, QRCode):  # --- helper:documents ---
                lines.append(block.caption)
            else:
                lines.append(block.text)
        return "\n".join(lines)
