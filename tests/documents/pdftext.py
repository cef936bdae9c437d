"""Text out of a PDF for assertions: poppler's ``pdftotext`` when installed, else a small reader.

The small reader understands what WeasyPrint writes (Flate streams, Identity-H fonts with ToUnicode
maps, hex strings in TJ/Tj), which is all these tests need; it is not a general PDF parser.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib

_STREAM = re.compile(rb"<<(?P<dict>(?:(?!>>\s*stream).)*?)>>\s*stream\r?\n", re.S)
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9a-fA-F]*)>")
_TEXT_OPS = re.compile(
    rb"\[(?P<array>[^\]]*)\]\s*TJ|<(?P<hex>[0-9a-fA-F]*)>\s*Tj|(?P<move>Tm|Td|TD|T\*)"
)


def _streams(pdf: bytes) -> list[bytes]:
    out = []
    for m in _STREAM.finditer(pdf):
        start = m.end()
        end = pdf.find(b"endstream", start)
        raw = pdf[start:end]
        if b"FlateDecode" in m.group("dict"):
            try:
                raw = zlib.decompress(raw)
            except zlib.error:
                continue
        out.append(raw)
    return out


def inflated(pdf: bytes) -> bytes:
    """The file with every Flate stream decompressed (object streams hold the page dictionaries)."""
    return pdf + b"\n".join(_streams(pdf))


def _unicode(hexstr: bytes) -> str:
    return bytes.fromhex(hexstr.decode()).decode("utf-16-be")


def builtin_text(pdf: bytes) -> str:
    streams = _streams(pdf)
    cmap: dict[int, str] = {}
    for s in streams:
        if b"begincmap" not in s:
            continue
        for block in _BFCHAR.findall(s):
            pairs = _HEX.findall(block)
            for src, dst in zip(pairs[::2], pairs[1::2], strict=True):
                cmap[int(src, 16)] = _unicode(dst)
        for block in _BFRANGE.findall(s):
            nums = _HEX.findall(block)
            for lo, hi, dst in zip(nums[::3], nums[1::3], nums[2::3], strict=True):
                base = ord(_unicode(dst))
                for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                    cmap[code] = chr(base + offset)
    lines: list[str] = []
    for s in streams:
        if b"BT" not in s or b"begincmap" in s:
            continue
        current = ""
        for m in _TEXT_OPS.finditer(s):
            if m.group("move"):
                lines.append(current)
                current = ""
                continue
            chunks = (
                _HEX.findall(m.group("array")) if m.group("array") is not None else [m.group("hex")]
            )
            for chunk in chunks:
                codes = bytes.fromhex(chunk.decode())
                for i in range(0, len(codes) - 1, 2):
                    current += cmap.get(int.from_bytes(codes[i : i + 2], "big"), "\ufffd")
        lines.append(current)
    return "\n".join(line for line in lines if line)


def pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext"):
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
        )
        return done.stdout.decode("utf-8")
    return builtin_text(pdf)


def squeeze(text: str) -> str:
    """Without whitespace and page footers: line and page breaks fall anywhere in Chinese text."""
    return re.sub(r"第\d+页共\d+页", "", re.sub(r"\s+", "", text))
