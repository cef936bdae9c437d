"""Staff downloads of a subject's 文书 (``/documents/<subject>/<id>/…``) and the include template
``web/_subject_documents.html`` the domain pages use (decision 081)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from chengguan.documents.models import Document
from tests.documents import subjects
from tests.documents.subjects import snapshot


def _client(demo: Any, username: str) -> Client:
    client = Client()
    client.force_login(demo.user(username))
    return client


def test_a_post_makes_the_file_and_a_get_reads_the_kept_copy(demo):
    i = subjects.rechecked_inspection(demo)
    officer = _client(demo, "officer1")
    url = f"/documents/inspection/{i.pk}/inspection_notice.pdf"
    before = snapshot()
    missing = officer.get(url)
    assert missing.status_code == 404 and "尚未制作" in missing.content.decode()
    assert snapshot() == before
    made = officer.post(url)
    assert made.status_code == 200 and made["Content-Type"] == "application/pdf"
    assert "attachment" in made["Content-Disposition"]
    doc = Document.objects.filter(inspection=i).latest("id")
    assert officer.get(url).content == made.content
    assert officer.get(f"/documents/inspection/{i.pk}/files/{doc.pk}").content == made.content
    # Refusals are the error page with the status, and change nothing.
    before = snapshot()
    assert _client(demo, "outsider").post(url).status_code == 404
    assert _client(demo, "town_officer1").get(url).status_code == 404
    assert _client(demo, "supervisor").post(url).status_code == 403
    assert officer.post(f"/documents/nonsense/{i.pk}/inspection_notice.pdf").status_code == 404
    assert officer.post(f"/documents/inspection/{i.pk}/inspection_notice.txt").status_code == 404
    assert officer.put(url).status_code == 405
    assert snapshot() == before
    # Anonymous: to the login page.
    assert Client().get(url).status_code in (302, 403)


def test_the_include_lists_kinds_forms_and_kept_copies_for_the_reader(demo):
    s = subjects.seizure(demo)
    _client(demo, "officer1").post(f"/documents/seizure/{s.pk}/seizure_decision.docx")
    request = RequestFactory().get("/")

    def page(username: str) -> str:
        request.user = demo.user(username)
        return render_to_string(
            "web/_subject_documents.html", {"subject": "seizure", "object": s}, request=request
        )

    officer = page("officer1")
    assert f"/documents/seizure/{s.pk}/seizure_list.pdf" in officer  # a form to make it
    assert 'method="post"' in officer and "csrfmiddlewaretoken" in officer
    assert "期限未延长" in officer  # the extension: not yet, and why
    doc = Document.objects.get(seizure=s)
    assert f"/documents/seizure/{s.pk}/files/{doc.pk}" in officer
    reviewer = page("reviewer")  # reads, does not print
    assert "您的角色只能查阅已生成的文书" in reviewer and 'method="post"' not in reviewer
    assert f"/documents/seizure/{s.pk}/files/{doc.pk}" in reviewer
    assert page("outsider").strip() == ""
    assert page("town_officer1").strip() == ""


def test_the_admin_lists_each_document_with_its_subject(demo):
    i = subjects.rechecked_inspection(demo)
    _client(demo, "officer1").post(f"/documents/inspection/{i.pk}/inspection_notice.pdf")
    admin = _client(demo, "admin")
    for url in ("/admin/documents/document/", "/admin/documents/documentnumber/"):
        page = admin.get(url)
        assert page.status_code == 200, url
        text = page.content.decode()
        assert f"行政检查 {i.code}" in text and "行政检查 行政检查" not in text, url
