"""A report from the public with its photos (issue #15 item 10, decision 088).

The photos go through the staff uploads' own store (``ledger.store_blob``: the same size limit and
type list, stored by SHA-256, sealed at rest, one ledger entry each) and are named after the case
as staff photos are (decision 041), so the case page shows them with the others. Being from the
public they are also sniffed: the stored type is what the bytes are, and anything that is not a
JPEG, PNG, WebP or HEIC image is refused. All of it is checked before anything is written, and
the case and its photos are one transaction: a refused photo leaves no case behind."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from django.conf import settings
from django.db import transaction

from chengguan.citycases.actions.intake import report
from chengguan.citycases.models import CityCase
from chengguan.core.errors import Invalid, TooLarge, UnsupportedType
from chengguan.ledger.actions import store_blob
from chengguan.ledger.filetypes import sniff_upload

MAX_PUBLIC_PHOTOS = 3
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/heic": "heic"}
PHOTO_LABEL = "群众上传照片"


def _size(fileobj: Any) -> int:
    size = getattr(fileobj, "size", None)
    if isinstance(size, int):
        return size
    fileobj.seek(0, 2)
    end = int(fileobj.tell())
    fileobj.seek(0)
    return end


def check_photos(photos: Sequence[IO[bytes]]) -> list[tuple[IO[bytes], str]]:
    """Each photo with its sniffed type; refuses (writing nothing) too many, too big, not an image."""
    if len(photos) > MAX_PUBLIC_PHOTOS:
        raise Invalid(
            f"最多上传 {MAX_PUBLIC_PHOTOS} 张照片",
            details={"photos": f"最多上传 {MAX_PUBLIC_PHOTOS} 张照片，您选择了 {len(photos)} 张"},
        )
    limit = int(settings.MAX_UPLOAD_BYTES)
    checked: list[tuple[IO[bytes], str]] = []
    for n, photo in enumerate(photos, start=1):
        size = _size(photo)
        if size > limit:
            raise TooLarge(
                f"第 {n} 张照片超过 {limit // (1024 * 1024)} MB 上限",
                details={"photos": f"第 {n} 张照片超过 {limit // (1024 * 1024)} MB 上限"},
            )
        if size == 0:
            raise Invalid(f"第 {n} 张照片是空文件", details={"photos": f"第 {n} 张照片是空文件"})
        kind = sniff_upload(photo)
        if kind is None:
            raise UnsupportedType(
                f"第 {n} 张文件不是照片",
                details={"photos": f"第 {n} 张文件不是 JPEG、PNG、WebP 或 HEIC 格式的照片"},
            )
        checked.append((photo, kind))
    return checked


def report_with_photos(*, photos: Sequence[IO[bytes]] = (), **report_args: Any) -> CityCase:
    """``report`` (by the public: ``actor`` None and ``bureau``) and its 0–3 photos, at once."""
    checked = check_photos(photos)
    with transaction.atomic():
        case = report(**report_args)
        for n, (photo, kind) in enumerate(checked, start=1):
            store_blob(
                photo,
                actor=None,
                bureau_id=case.bureau_id,
                name=f"{case.number}-{PHOTO_LABEL}{n}.{EXTENSIONS[kind]}",
                content_type=kind,
                lon=case.lon,
                lat=case.lat,
            )
    return case
