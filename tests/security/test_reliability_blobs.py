"""Issue 12 item 7: blobs are shared by content hash, but each use is linked to its case; storing
the same bytes twice (in parallel, or for a second case) never fails and never loses a use."""

from __future__ import annotations

import hashlib
import io
import threading
import time
import uuid

import pytest
from django.db import connection, connections, transaction

from chengguan.citycases.models import CityCase
from chengguan.ledger.actions import store_blob
from chengguan.ledger.models import Blob, BlobLink, Entry
from chengguan.ledger.storage import blob_path

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def _report_with_photo(client, category, spot, description: str) -> CityCase:
    photo = io.BytesIO(PNG)
    photo.name = "scene.png"
    response = client.post(
        "/cases/new/",
        {
            "source": "inspection",
            "category": category.code,
            "description": description,
            "address": "人民路",
            "lon": spot[0],
            "lat": spot[1],
            "photo": photo,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return CityCase.objects.get(description=description)


def test_the_same_photo_bytes_show_on_a_second_case(web, category, spot):
    client = web("inspector")
    first = _report_with_photo(client, category, spot, "第一处垃圾")
    second = _report_with_photo(client, category, spot, "第二处垃圾")
    sha = Blob.objects.get(links__name__startswith=f"{first.number}-").sha256
    for case in (first, second):
        page = client.get(f"/cases/{case.pk}/").content.decode()
        assert sha in page, case.number
        assert client.get(f"/cases/{case.pk}/photos/{sha}").status_code == 200
    assert Blob.objects.filter(pk=sha).count() == 1
    assert BlobLink.objects.filter(blob_id=sha, name__startswith=second.number).count() == 1


def test_a_photo_of_one_case_is_not_served_under_another(web, category, spot, demo):
    client = web("inspector")
    first = _report_with_photo(client, category, spot, "只属于第一处")
    other = CityCase.objects.filter(bureau=demo.bureau).exclude(pk=first.pk).first()
    assert other is not None
    sha = Blob.objects.get(links__name__startswith=f"{first.number}-").sha256
    assert client.get(f"/cases/{other.pk}/photos/{sha}").status_code == 404


def test_storing_the_same_bytes_again_links_once_and_records_each_store(demo):
    content = f"相同内容 {uuid.uuid4()}".encode()
    officer = demo.user("officer1")
    before = Entry.objects.count()
    try:
        with transaction.atomic():
            a = store_blob(io.BytesIO(content), actor=officer, name="a.txt")
            b = store_blob(io.BytesIO(content), actor=officer, name="a.txt")
            c = store_blob(io.BytesIO(content), actor=officer, name="b.txt")
        assert a.pk == b.pk == c.pk
        assert sorted(BlobLink.objects.filter(blob=a).values_list("name", flat=True)) == [
            "a.txt",
            "b.txt",
        ]
        assert Entry.objects.count() == before + 3
        assert blob_path(a.pk).stat().st_mode & 0o077 == 0
    finally:
        blob_path(hashlib.sha256(content).hexdigest()).unlink(missing_ok=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; the race is PostgreSQL's"
)
def test_ten_parallel_stores_of_the_same_bytes_all_succeed(demo):
    """Ten generations of one document at once: one blob row, ten ledger entries, no error.

    The threads use their own connections and commit (the test's transaction cannot hold them);
    the content is unique to this run, so the committed rows collide with nothing."""
    content = f"同一文书 {uuid.uuid4()}".encode()
    sha = hashlib.sha256(content).hexdigest()
    officer = demo.user("officer1")
    barrier = threading.Barrier(10)
    errors: list[BaseException] = []

    def generate() -> None:
        try:
            barrier.wait()
            with transaction.atomic():
                store_blob(io.BytesIO(content), actor=officer, name="决定书.pdf")
                time.sleep(0.05)  # hold the transaction open, as rendering a PDF does
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=generate) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Blob.objects.filter(pk=sha).count() == 1
    assert Entry.objects.filter(action="blob.store", subject_id=sha).count() == 10
