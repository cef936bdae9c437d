"""Issue #15 item 10: a public report may carry 1-3 photos, checked as the staff uploads are (size
limit, type) and sniffed (the bytes must be an image); stored sealed by hash, shown to staff on
the case page and never on the public pages (decision 088)."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from shapely.geometry import shape

from chengguan.citycases.models import Category, CityCase, Grid
from chengguan.core.models import LoginThrottle
from chengguan.demo.context import DemoContext
from chengguan.ledger.actions import blob_path
from chengguan.ledger.models import Blob, BlobLink, Entry
from chengguan.ledger.storage import read_blob

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x11" * 64


def png(seed: int = 0) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" + bytes([seed % 256, 0, 0])))
        + chunk(b"IEND", b"")
    )


def upload(data: bytes, name: str) -> io.BytesIO:
    f = io.BytesIO(data)
    f.name = name
    return f


@pytest.fixture(autouse=True)
def blobs(settings: Any, tmp_path: Path) -> Path:
    settings.BLOB_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def spot(demo: DemoContext) -> tuple[float, float]:
    grid = Grid.objects.filter(bureau=demo.bureau).order_by("code").first()
    assert grid is not None
    p = shape(grid.geometry).representative_point()
    return (p.x, p.y)


@pytest.fixture
def category(demo: DemoContext) -> Category:
    cat = Category.objects.filter(bureau=demo.bureau, public=True, active=True).first()
    assert cat is not None
    return cat


@pytest.fixture
def staff(demo: DemoContext) -> Callable[[str], Client]:
    def make(username: str) -> Client:
        client = Client()
        client.force_login(demo.user(username))
        return client

    return make


def _post(
    category: Category, spot: tuple[float, float], photos: list[io.BytesIO], **extra: Any
) -> Any:
    data: dict[str, Any] = {
        "category": category.code,
        "description": extra.pop("description", "路口有人乱倒建筑垃圾"),
        "lon": spot[0],
        "lat": spot[1],
        "address": "建设路口",
    }
    if photos:
        data["photos"] = photos
    return Client().post("/portal/report/", data, REMOTE_ADDR=extra.pop("ip", "10.8.0.1"))


def _counts() -> tuple[int, ...]:
    return (
        CityCase.objects.count(),
        Blob.objects.count(),
        BlobLink.objects.count(),
        Entry.objects.count(),
    )


def test_the_form_offers_a_photo_field_and_multipart(demo: DemoContext) -> None:
    html = Client().get("/portal/report/").content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'name="photos"' in html and "multiple" in html and "最多 3 张" in html


def test_photos_are_stored_sealed_and_shown_to_staff_only(
    demo: DemoContext,
    category: Category,
    spot: tuple[float, float],
    staff: Callable[[str], Client],
) -> None:
    # The second one is declared as a JPEG but is a PNG: the sniffed type is stored.
    r = _post(category, spot, [upload(JPEG, "a.jpg"), upload(png(7), "b.jpg")])
    assert r.status_code == 302, r.content.decode()[:3000]
    case = CityCase.objects.get(description="路口有人乱倒建筑垃圾")
    links = BlobLink.objects.filter(name__startswith=f"{case.number}-").order_by("name")
    assert [link.name for link in links] == [
        f"{case.number}-群众上传照片1.jpg",
        f"{case.number}-群众上传照片2.png",
    ]
    assert [link.linked_by_id for link in links] == [None, None]
    first, second = (link.blob for link in links)
    assert first.content_type == "image/jpeg" and second.content_type == "image/png"
    assert first.bureau_id == demo.bureau.pk and first.uploaded_by_id is None
    assert read_blob(first.sha256) == JPEG
    assert JPEG not in blob_path(first.sha256).read_bytes()  # sealed at rest (decision 079)
    stored = Entry.objects.filter(action="blob.store", subject_id__in=[first.sha256, second.sha256])
    assert stored.count() == 2 and {e.bureau_id for e in stored} == {demo.bureau.pk}

    # Staff see them on the case page and can open them.
    page = staff("center").get(f"/cases/{case.pk}/").content.decode()
    assert first.sha256 in page and second.sha256 in page
    got = staff("center").get(f"/cases/{case.pk}/photos/{first.sha256}")
    assert got.status_code == 200 and b"".join(got.streaming_content) == JPEG
    # Another bureau does not; nor the public, neither by URL nor on the follow-up page.
    assert staff("outsider").get(f"/cases/{case.pk}/photos/{first.sha256}").status_code == 404
    anonymous = Client().get(f"/cases/{case.pk}/photos/{first.sha256}")
    assert anonymous.status_code in (302, 403, 404)
    follow = Client().get(f"/portal/track/?number={case.number}&code=WRONG").content.decode()
    assert first.sha256 not in follow


def test_a_report_without_photos_still_works(category: Category, spot: tuple[float, float]) -> None:
    assert _post(category, spot, []).status_code == 302


@pytest.mark.parametrize(
    ("photos", "status", "message"),
    [
        ([upload(png(n), f"{n}.png") for n in range(4)], 400, "最多上传 3 张照片"),
        ([upload(b"#!/bin/sh\necho hi\n", "x.jpg")], 415, "不是 JPEG、PNG、WebP 或 HEIC"),
        ([upload(JPEG, "a.jpg"), upload(b"%PDF-1.4 not a photo", "b.png")], 415, "第 2 张"),
        ([upload(b"", "empty.jpg")], 400, "空文件"),
        ([upload(JPEG + b"\x00" * 2000, "big.jpg")], 413, "MB 上限"),
    ],
)
def test_bad_photos_are_refused_in_chinese_and_write_nothing(
    settings: Any,
    blobs: Path,
    category: Category,
    spot: tuple[float, float],
    photos: list[io.BytesIO],
    status: int,
    message: str,
) -> None:
    settings.MAX_UPLOAD_BYTES = 1024 * 1024 if status != 413 else 1000
    settings.PUBLIC_INTAKE_LIMIT = 1
    before = _counts()
    r = _post(category, spot, photos, ip="10.8.0.9")
    assert r.status_code == status
    assert message in r.content.decode()
    assert _counts() == before
    assert not [p for p in blobs.rglob("*") if p.is_file()]  # no file on disk either
    # The refused try took no intake slot: a good report from the address still goes through.
    assert not LoginThrottle.objects.filter(key="intake:10.8.0.9").exists()
    assert _post(category, spot, [upload(JPEG, "ok.jpg")], ip="10.8.0.9").status_code == 302


def test_photos_are_throttled_with_the_report(
    settings: Any, category: Category, spot: tuple[float, float]
) -> None:
    settings.PUBLIC_INTAKE_LIMIT = 1
    assert _post(category, spot, [upload(JPEG, "a.jpg")], ip="10.8.0.5").status_code == 302
    before = _counts()
    r = _post(category, spot, [upload(png(1), "b.png")], ip="10.8.0.5", description="第二次")
    assert r.status_code == 429 and "提交过于频繁" in r.content.decode()
    assert _counts() == before


def test_a_refused_report_stores_no_photo(
    category: Category, spot: tuple[float, float], blobs: Path
) -> None:
    before = _counts()
    r = _post(category, (0.1, 0.1), [upload(JPEG, "a.jpg")], ip="10.8.0.6")
    assert r.status_code == 400 and "不在本局任何单元网格内" in r.content.decode()
    assert _counts() == before
