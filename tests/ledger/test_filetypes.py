"""Content sniffing of public photos: the bytes decide the type, not the name or the header."""

from __future__ import annotations

import io

import pytest

from chengguan.ledger.filetypes import sniff_image, sniff_upload


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\xff\xd8\xff\xe1\x00\x18Exif", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "image/heic"),
        (b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00", "image/heic"),
        (b"\x00\x00\x00\x18ftypisom\x00\x00\x00\x00", None),  # an MP4 video
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", None),
        (b"%PDF-1.7", None),
        (b"<svg xmlns=", None),
        (b"GIF89a", None),
        (b"", None),
    ],
)
def test_sniff(head: bytes, kind: str | None) -> None:
    assert sniff_image(head) == kind


def test_sniff_upload_leaves_the_file_at_its_start() -> None:
    f = io.BytesIO(b"\x89PNG\r\n\x1a\nrest")
    f.read(3)
    assert sniff_upload(f) == "image/png"
    assert f.tell() == 0
