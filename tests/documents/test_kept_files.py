"""Every generated 文书 is kept byte for byte (decision 031) and served back only if its hash holds."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from django.test import Client

from chengguan.documents.models import Document
from chengguan.ledger.actions import blob_path
from chengguan.ledger.models import Blob, Entry
from chengguan.ledger.storage import read_blob
from chengguan.penalties.models import PenaltyCase
from tests.conftest import error_code
from tests.documents import cases
from tests.documents.cases import at

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def web(demo) -> Callable[[str], Client]:
    """A staff-page client signed in as a demo user (as tests/web/conftest.py does)."""

    def make(username: str) -> Client:
        client = Client()
        client.force_login(demo.user(username))
        return client

    return make


def generate(api, case: PenaltyCase, name: str) -> bytes:
    r = api("officer1").get(f"penalty-cases/{case.pk}/documents/{name}")
    assert r.status_code == 200, r.content
    return bytes(r.content)


def file_url(case: PenaltyCase, doc: Document) -> str:
    return f"penalty-cases/{case.pk}/documents/{doc.pk}/file"


@contextlib.contextmanager
def replaced(path: Path, content: bytes | None) -> Iterator[None]:
    """Tamper with (or remove) a stored file for the test, then put the original back: the blob
    store is on disk and outlives the test's rolled-back transaction."""
    original = path.read_bytes()
    try:
        if content is None:
            path.unlink()
        else:
            path.write_bytes(content)
        yield
    finally:
        path.write_bytes(original)


def test_a_generated_document_is_kept_and_served_back_byte_for_byte(api, demo):
    case = cases.decided(demo)
    printed = generate(api, case, "decision.pdf")
    doc = Document.objects.get(case=case)
    digest = hashlib.sha256(printed).hexdigest()
    assert doc.blob is not None and doc.blob.sha256 == digest == doc.sha256
    assert (doc.blob.size, doc.blob.content_type) == (len(printed), "application/pdf")
    assert read_blob(digest) == printed  # sealed on disk (decision 079)

    r = api("head").get(file_url(case, doc))
    assert r.status_code == 200, r.content
    assert r.content == printed
    assert r["Content-Type"] == "application/pdf"
    assert r["X-Content-SHA256"] == digest
    name = f"行政处罚决定书（{case.decision_number}）.pdf"
    assert f"filename*=UTF-8''{quote(name, safe='')}" in r["Content-Disposition"]


def test_the_blob_and_the_document_are_one_ledger_transaction(api, demo):
    case = cases.decided(demo)
    before = Entry.objects.count()
    printed = generate(api, case, "decision.docx")
    digest = hashlib.sha256(printed).hexdigest()
    actions = list(Entry.objects.order_by("-id").values_list("action", flat=True)[:2])
    assert sorted(actions) == ["blob.store", "document.generate"]
    assert Entry.objects.count() == before + 2
    assert Entry.objects.filter(action="blob.store", subject_id=digest).exists()


def test_the_same_bytes_are_stored_once(api, demo):
    case = cases.decided(demo)
    with at(cases.SERVED):  # same moment, same case data → the renderer gives the same bytes
        first = generate(api, case, "decision.docx")
        second = generate(api, case, "decision.docx")
    assert first == second
    digest = hashlib.sha256(first).hexdigest()
    docs = list(Document.objects.filter(case=case))
    assert len(docs) == 2 and {d.blob_id for d in docs} == {digest}
    assert Blob.objects.filter(sha256=digest).count() == 1


def test_both_formats_are_kept_with_their_content_types(api, demo):
    case = cases.decided(demo)
    generate(api, case, "service_receipt.docx")
    generate(api, case, "service_receipt.pdf")
    officer = api("officer1")
    types = {}
    for doc in Document.objects.filter(case=case):
        r = officer.get(file_url(case, doc))
        assert r.status_code == 200, r.content
        assert hashlib.sha256(r.content).hexdigest() == doc.sha256
        types[doc.format] = r["Content-Type"]
    assert types == {"docx": DOCX, "pdf": "application/pdf"}


def test_a_tampered_file_is_refused_with_409_naming_the_document(api, demo):
    case = cases.decided(demo)
    printed = generate(api, case, "decision.pdf")
    doc = Document.objects.get(case=case)
    with replaced(blob_path(doc.sha256), printed + b"%tampered"):
        r = api("officer1").get(file_url(case, doc))
    assert r.status_code == 409
    assert error_code(r) == "document_altered"
    message = r.json()["error"]["message"]
    assert "行政处罚决定书" in message and case.decision_number in message
    assert "哈希不一致" in message
    assert r.json()["error"]["details"]["document_id"] == str(doc.pk)


def test_a_lost_file_is_refused_with_409_not_a_500(api, demo, web):
    case = cases.decided(demo)
    generate(api, case, "decision.docx")
    doc = Document.objects.get(case=case)
    with replaced(blob_path(doc.sha256), None):
        r = api("officer1").get(file_url(case, doc))
        page = web("officer1").get(f"/penalties/{case.pk}/documents/{doc.pk}/file")
    assert r.status_code == 409 and error_code(r) == "document_altered"
    assert "已丢失" in r.json()["error"]["message"]
    assert page.status_code == 409
    assert "已丢失" in page.content.decode()


def test_a_document_generated_before_files_were_kept_is_not_found_with_a_reason(api, demo):
    case = cases.decided(demo)
    generate(api, case, "decision.docx")
    doc = Document.objects.get(case=case)
    Document.objects.filter(pk=doc.pk).update(blob=None)
    r = api("officer1").get(file_url(case, doc))
    assert r.status_code == 404
    assert "没有留存文件" in r.json()["error"]["message"]
    listed = api("officer1").get(f"penalty-cases/{case.pk}/documents").json()["items"]
    assert (listed[0]["kept"], listed[0]["file"]) == (False, None)


def test_the_list_links_each_kept_file(api, demo):
    case = cases.decided(demo)
    generate(api, case, "decision.pdf")
    doc = Document.objects.get(case=case)
    [item] = api("officer1").get(f"penalty-cases/{case.pk}/documents").json()["items"]
    assert item["kept"] is True
    assert item["file"] == f"/api/v1/{file_url(case, doc)}"


def test_outsider_and_a_wrong_case_get_404(api, demo):
    case = cases.decided(demo)
    generate(api, case, "decision.pdf")
    doc = Document.objects.get(case=case)
    r = api("outsider").get(file_url(case, doc))
    assert r.status_code == 404 and error_code(r) == "not_found"
    other = cases.investigated(demo)
    assert (
        api("officer1").get(f"penalty-cases/{other.pk}/documents/{doc.pk}/file").status_code == 404
    )
    assert (
        api("officer1").get(f"penalty-cases/{case.pk}/documents/999999999/file").status_code == 404
    )
    assert api(None).get(file_url(case, doc)).status_code == 401


def test_the_case_page_lists_the_kept_copies_with_download_links(api, demo, web):
    case = cases.decided(demo)
    printed = generate(api, case, "decision.pdf")
    doc = Document.objects.get(case=case)
    html = web("officer1").get(f"/penalties/{case.pk}/").content.decode()
    link = f"/penalties/{case.pk}/documents/{doc.pk}/file"
    assert "已生成的文书" in html
    assert link in html
    assert case.decision_number in html and doc.sha256[:12] in html
    r = web("officer1").get(link)
    assert r.status_code == 200
    assert r.content == printed
    assert r["Content-Type"] == "application/pdf"
    assert web("outsider").get(link).status_code == 404


def test_the_openapi_document_lists_the_kept_file_with_both_file_types(api, demo):
    schema = api(None).get("openapi.json").json()
    op = schema["paths"]["/api/v1/penalty-cases/{case_id}/documents/{document_id}/file"]["get"]
    assert set(op["responses"]["200"]["content"]) == {DOCX, "application/pdf"}
    assert {"404", "409"} <= set(op["responses"])
