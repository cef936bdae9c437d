"""Issue #12 item 6: kept 文书 and evidence files are sealed with the data key on disk (decision
079); the file is 0600, its name and the ledger keep the SHA-256 of the clear bytes, and
``ledger verify`` still re-hashes them."""

from __future__ import annotations

import hashlib
import io
import zipfile

from django.db import transaction

from chengguan.core.sealing import MAGIC
from chengguan.documents.models import Document
from chengguan.ledger.actions import blob_path, store_blob
from chengguan.ledger.queries import verify
from chengguan.ledger.storage import read_blob
from tests.documents import cases

DOCX_NAMES = ("decision.docx", "registration.docx")


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(
            z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")
        )


def test_a_kept_document_is_sealed_on_disk_and_served_clear(api, demo):
    case = cases.decided(demo)
    r = api("officer1").get(f"penalty-cases/{case.pk}/documents/decision.docx")
    assert r.status_code == 200, r.content
    printed = bytes(r.content)
    assert cases.PERSON["id_number"] in _docx_text(printed)  # the 文书 names the party
    doc = Document.objects.filter(case=case).latest("id")
    path = blob_path(doc.sha256)
    stored = path.read_bytes()
    assert stored[: len(MAGIC)] == MAGIC
    assert path.stat().st_mode & 0o777 == 0o600
    assert b"PK\x03\x04" not in stored  # not the .docx zip
    for clear in (cases.PERSON["id_number"], cases.PERSON["phone"], cases.PERSON["name"]):
        assert clear.encode() not in stored
    # The name, the row and the ledger keep the clear bytes' hash; verify re-hashes them.
    assert hashlib.sha256(read_blob(doc.sha256)).hexdigest() == doc.sha256
    kept = api("head").get(f"penalty-cases/{case.pk}/documents/{doc.pk}/file")
    assert kept.status_code == 200
    assert kept.content == printed
    assert verify(files=True).ok


def test_an_evidence_file_with_personal_data_is_sealed(demo):
    id_number, phone = cases.PERSON["id_number"], cases.PERSON["phone"]
    content = f"\xff\xd8 身份证 {id_number} 电话 {phone}".encode()
    with transaction.atomic():
        blob = store_blob(io.BytesIO(content), actor=demo.user("officer1"), name="询问笔录.jpg")
    path = blob_path(blob.sha256)
    try:
        stored = path.read_bytes()
        assert id_number.encode() not in stored and phone.encode() not in stored
        assert path.stat().st_mode & 0o777 == 0o600
        assert read_blob(blob.sha256) == content
        assert blob.sha256 == hashlib.sha256(content).hexdigest()
    finally:
        path.unlink(missing_ok=True)  # the blob row rolls back; its file would not


def test_a_sealed_file_changed_on_disk_is_reported_by_verify(demo):
    content = b"\xff\xd8 sealed evidence " + str(demo.bureau.pk).encode() + b" x"
    with transaction.atomic():
        blob = store_blob(io.BytesIO(content), actor=demo.user("officer1"), name="现场2.jpg")
    path = blob_path(blob.sha256)
    try:
        assert verify(files=True).ok
        stored = bytearray(path.read_bytes())
        stored[-1] ^= 0x01  # one bit of the ciphertext's tag
        path.write_bytes(bytes(stored))
        result = verify(files=True)
        assert not result.ok
    finally:
        path.unlink(missing_ok=True)


def test_an_old_clear_file_is_still_read_and_sealed_when_stored_again(demo):
    content = b"\xff\xd8 written before sealing"
    sha = hashlib.sha256(content).hexdigest()
    path = blob_path(sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    try:
        assert read_blob(sha) == content
        with transaction.atomic():
            store_blob(io.BytesIO(content), actor=demo.user("officer1"), name="旧.jpg")
        assert path.read_bytes()[: len(MAGIC)] == MAGIC
        assert read_blob(sha) == content
    finally:
        path.unlink(missing_ok=True)
