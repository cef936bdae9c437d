"""What a file really is, read from its first bytes (content sniffing).

The staff uploads trust the declared type against ``ALLOWED_BLOB_TYPES``; a file from the public
(the portal's report photos, decision 088) must also *be* an image: the type stored is the one
sniffed here, never the one the browser sent, so a script renamed ``photo.jpg`` is refused.
Pure: no Django, no model."""

from __future__ import annotations

from typing import IO

HEAD_BYTES = 32
# ISO BMFF brands of HEIF/HEIC stills (what phones write).
HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp", "image/heic")


def sniff_image(head: bytes) -> str | None:
    """The image type of a file starting with ``head``, or None if it is none of IMAGE_TYPES."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return "image/heic"
    return None


def sniff_upload(fileobj: IO[bytes]) -> str | None:
    """``sniff_image`` of an open file, which is left at its start."""
    fileobj.seek(0)
    head = fileobj.read(HEAD_BYTES)
    fileobj.seek(0)
    return sniff_image(head)
