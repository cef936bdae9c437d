"""``/api/v1/{inspections|seizures|permits}/{id}/documents…`` (decision 081): POST makes a 文书
(文号 once, kept file, ledger entry), GET lists or reads a kept copy and never makes one; each
subject's 文书 have the audience of the subject, and a refusal changes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from chengguan.documents.models import Document, DocumentNumber
from chengguan.ledger.models import Entry
from tests.conftest import error_code
from tests.documents import subjects
from tests.documents.helpers import docx_text
from tests.documents.pdftext import pdf_text, squeeze
from tests.documents.subjects import snapshot

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _entries(action: str, subject_type: str, pk: int) -> list[dict[str, Any]]:
    return [
        json.loads(e.payload)
        for e in Entry.objects.filter(
            action=action, subject_type=subject_type, subject_id=str(pk)
        ).order_by("seq")
    ]


def _text(response: Any) -> str:
    if response["Content-Type"] == DOCX:
        return squeeze(docx_text(response.content))
    return squeeze(pdf_text(response.content))


# 行政检查 ------------------------------------------------------------------------------------------


def test_an_inspection_prints_its_notice_with_the_code_and_keeps_it(api, demo):
    i = subjects.rechecked_inspection(demo)
    base = f"inspections/{i.pk}/documents"
    listed = api("officer1").get(base)
    assert listed.status_code == 200, listed.content
    body = listed.json()
    assert body["items"] == []
    assert {k["kind"] for k in body["available"]} == {
        "inspection_notice",
        "inspection_record",
        "inspection_result",
        "correction_order",
        "recheck_record",
    }
    # Nothing made yet: a GET of the file says so and writes nothing.
    before = snapshot()
    r = api("officer1").get(f"{base}/inspection_notice.pdf")
    assert r.status_code == 404 and "尚未制作" in r.json()["error"]["message"]
    assert snapshot() == before

    made = api("officer1").post(f"{base}/inspection_notice.docx")
    assert made.status_code == 201, made.content
    assert made["Content-Type"] == DOCX
    text = _text(made)
    doc = Document.objects.get(pk=int(made["X-Document-Id"]))
    assert doc.inspection_id == i.pk and doc.case_id is None and doc.blob_id is not None
    for want in (
        i.entity.name,
        i.code,
        f"/portal/inspections/{i.code}",
        i.item.name,
        "陈刚",  # officer1, with the certificate number shown
        doc.number,
        "示范县城市管理局",
    ):
        assert squeeze(want) in text, want
    assert "检通字" in doc.number
    assert made["Location"] == f"/api/v1/{base}/{doc.pk}/file"
    generated = _entries("document.generate", "inspections.inspection", i.pk)
    assert generated[-1]["sha256"] == doc.sha256 and generated[-1]["number"] == doc.number
    assert "personal_data" not in generated[-1]  # it names an enterprise, not a person

    # The PDF keeps the 文号; the kept copy comes back byte for byte, read without any write.
    pdf = api("head").post(f"{base}/inspection_notice.pdf")
    assert pdf.status_code == 201 and pdf["Content-Type"] == "application/pdf"
    assert i.code in _text(pdf) and b"/Image" in pdf.content
    assert Document.objects.get(pk=int(pdf["X-Document-Id"])).number == doc.number
    assert DocumentNumber.objects.filter(inspection=i, kind="inspection_notice").count() == 1
    before = snapshot()
    latest = api("supervisor").get(f"{base}/inspection_notice.pdf")
    assert latest.status_code == 200 and latest.content == pdf.content
    kept = api("reviewer").get(f"{base}/{doc.pk}/file")
    assert kept.status_code == 200 and kept.content == made.content
    assert kept["X-Content-SHA256"] == doc.sha256
    assert api("officer1").get(base).json()["count"] == 2
    assert snapshot() == before


@pytest.mark.parametrize(
    ("kind", "facts"),
    [
        ("inspection_record", ["检查情况", "出示行政执法证件"]),
        ("inspection_result", ["现将检查结果告知如下"]),
        ("correction_order", ["责令你（单位）于", "第二十八条第一款", "申请行政复议"]),
        ("recheck_record", ["复查结论", "已按要求改正"]),
    ],
)
def test_each_inspection_document_states_its_record(api, demo, kind, facts):
    i = subjects.rechecked_inspection(demo)
    r = api("officer1").post(f"inspections/{i.pk}/documents/{kind}.docx")
    assert r.status_code == 201, r.content
    text = _text(r)
    for want in [*facts, i.findings[:8], i.entity.name]:
        assert squeeze(want) in text, want
    if kind in ("correction_order", "recheck_record"):
        assert squeeze(i.correction_content[:10]) in text


def test_inspection_documents_are_refused_outside_the_inspections_audience(api, demo):
    i = subjects.rechecked_inspection(demo)
    base = f"inspections/{i.pk}/documents"
    api("officer1").post(f"{base}/inspection_notice.pdf")
    doc = Document.objects.filter(inspection=i).latest("id")
    before = snapshot()
    for who, status in (
        ("outsider", 404),  # another bureau
        ("town_officer1", 404),  # another team (ORG-5)
        ("handler_sanitation", 403),  # a role without inspections.view
    ):
        assert api(who).get(base).status_code == status, who
        assert api(who).post(f"{base}/inspection_record.pdf").status_code == status, who
        assert api(who).get(f"{base}/inspection_notice.pdf").status_code == status, who
        assert api(who).get(f"{base}/{doc.pk}/file").status_code == status, who
    # Readers who do not work inspections read the kept copies but do not print.
    for who in ("supervisor", "reviewer"):
        assert api(who).get(base).status_code == 200
        r = api(who).post(f"{base}/inspection_record.pdf")
        assert r.status_code == 403 and error_code(r) == "forbidden", who
    # Bad names: unknown kind, a penalty case's kind, unknown format.
    for name in ("nonsense.pdf", "decision.pdf", "inspection_notice.txt", "inspection_notice"):
        assert api("officer1").post(f"{base}/{name}").status_code == 404, name
    assert api("officer1").get("inspections/999999/documents").status_code == 404
    assert snapshot() == before


def test_an_inspection_not_yet_carried_out_has_no_record_to_print(api, demo):
    i = subjects.open_inspection(demo)
    base = f"inspections/{i.pk}/documents"
    kinds = {k["kind"]: k["reason"] for k in api("officer1").get(base).json()["kinds"]}
    assert kinds["inspection_notice"] == ""
    assert "须先记录现场检查情况" in kinds["inspection_record"]
    before = snapshot()
    r = api("officer1").post(f"{base}/inspection_record.pdf")
    assert r.status_code == 409 and "须先记录现场检查情况" in r.json()["error"]["message"]
    assert api("officer1").post(f"{base}/recheck_record.docx").status_code == 409
    assert snapshot() == before
    # The joint inspection's notice names both items it covers (综合查一次).
    text = _text(api("officer1").post(f"{base}/inspection_notice.docx"))
    for item in i.items.all():
        assert squeeze(item.name) in text


# 查封/扣押 ----------------------------------------------------------------------------------------


def test_a_seizure_prints_its_decision_and_list_and_downloads_are_recorded(api, demo):
    s = subjects.seizure(demo)
    base = f"seizures/{s.pk}/documents"
    body = api("officer1").get(base).json()
    assert {k["kind"] for k in body["available"]} == {"seizure_decision", "seizure_list"}
    made = api("officer1").post(f"{base}/seizure_decision.pdf")
    assert made.status_code == 201, made.content
    text = _text(made)
    for want in (
        "扣押决定书",
        "李四",
        s.case.number,
        "三轮车（蓝色）1辆",
        subjects.PLACE,
        "第二十四条",
    ):
        assert squeeze(want) in text, want
    listing = api("head").post(f"{base}/seizure_list.docx")
    assert listing.status_code == 201
    number = Document.objects.get(pk=int(made["X-Document-Id"])).number
    assert squeeze(number) in _text(listing)  # the list cites its decision's 文号
    # The case's ledger tells the measure's story (decision 070), its 文书 included.
    generated = _entries("document.generate", "penalties.penaltycase", s.case_id)
    assert [g["kind"] for g in generated] == ["seizure_decision", "seizure_list"]
    assert {g["seizure"] for g in generated} == {s.pk}
    assert generated[0]["personal_data"]  # the case's party is named
    # A kept copy names the party: taking it is recorded (PI-1), nothing else is written.
    documents = Document.objects.count()
    r = api("reviewer").get(f"{base}/seizure_decision.pdf")
    assert r.status_code == 200 and r.content == made.content
    assert Document.objects.count() == documents
    taken = _entries("document.download", "penalties.penaltycase", s.case_id)[-1]
    assert taken["kind"] == "seizure_decision" and taken["seizure"] == s.pk


def test_a_seizure_extension_and_release_print_only_once_they_happened(api, demo):
    s = subjects.seizure(demo)
    base = f"seizures/{s.pk}/documents"
    before = snapshot()
    r = api("head").post(f"{base}/seizure_extension.pdf")
    assert r.status_code == 409 and "期限未延长" in r.json()["error"]["message"]
    assert api("head").post(f"{base}/seizure_release.pdf").status_code == 409
    assert snapshot() == before
    s = subjects.seizure(demo, extended=True, released=True)
    base = f"seizures/{s.pk}/documents"
    ext = api("head").post(f"{base}/seizure_extension.docx")
    assert ext.status_code == 201, ext.content
    assert squeeze("延长10日") in _text(ext) and squeeze("案情复杂") in _text(ext)
    rel = api("officer1").post(f"{base}/seizure_release.docx")
    assert rel.status_code == 201, rel.content
    assert squeeze("解除扣押") in _text(rel) and squeeze("不再需要查封扣押") in _text(rel)


def test_seizure_documents_follow_the_case_scope(api, demo):
    s = subjects.seizure(demo)
    base = f"seizures/{s.pk}/documents"
    api("officer1").post(f"{base}/seizure_decision.pdf")
    doc = Document.objects.filter(seizure=s).latest("id")
    before = snapshot()
    for who, status in (
        ("outsider", 404),
        ("town_officer1", 404),
        ("handler_sanitation", 403),
    ):
        assert api(who).get(base).status_code == status, who
        assert api(who).post(f"{base}/seizure_list.pdf").status_code == status, who
        assert api(who).get(f"{base}/{doc.pk}/file").status_code == status, who
    for who in ("reviewer", "supervisor"):
        assert api(who).post(f"{base}/seizure_list.pdf").status_code == 403, who
    # A document of another subject is not reachable through this one.
    other = subjects.seizure(demo)
    assert api("officer1").get(f"seizures/{other.pk}/documents/{doc.pk}/file").status_code == 404
    assert snapshot()[0] == before[0] and snapshot()[1] == before[1]


# 行政许可 ------------------------------------------------------------------------------------------


def test_a_granted_permit_prints_its_decision_licence_and_extension(api, demo):
    app = subjects.granted_permit(demo)
    base = f"permits/{app.pk}/documents"
    body = api("reviewer").get(base).json()
    assert {k["kind"] for k in body["available"]} == {
        "permit_acceptance",
        "permit_grant",
        "permit_extension",
        "permit_licence",
    }
    accept = api("reviewer").post(f"{base}/permit_acceptance.docx")
    assert accept.status_code == 201, accept.content
    assert squeeze("决定予以受理") in _text(accept) and squeeze(app.number) in _text(accept)
    grant = api("head").post(f"{base}/permit_grant.pdf")
    assert grant.status_code == 201, grant.content
    text = _text(grant)
    for want in ("准予行政许可", "广告设施每半年进行一次安全检测", "第三十八条第一款"):
        assert squeeze(want) in text, want
    licence = api("head").post(f"{base}/permit_licence.docx")
    text = _text(licence)
    grant_number = Document.objects.get(pk=int(grant["X-Document-Id"])).number
    assert squeeze(grant_number) in text and squeeze(app.kind.name) in text
    assert app.applicant_id not in text  # a person's ID number is masked on the licence
    ext = api("head").post(f"{base}/permit_extension.pdf")
    assert ext.status_code == 201 and squeeze("需要现场勘验设置地点") in _text(ext)
    numbers = list(DocumentNumber.objects.filter(permit=app).values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 4
    before = snapshot()
    r = api("head").post(f"{base}/permit_refusal.pdf")
    assert r.status_code == 409 and "不予行政许可决定" in r.json()["error"]["message"]
    assert api("reviewer").post(f"{base}/permit_materials.pdf").status_code == 409
    assert snapshot() == before


def test_a_refused_permit_tells_the_reasons_and_remedies_and_what_was_missing(api, demo):
    app = subjects.refused_permit(demo)
    base = f"permits/{app.pk}/documents"
    refusal = api("head").post(f"{base}/permit_refusal.docx")
    assert refusal.status_code == 201, refusal.content
    text = _text(refusal)
    for want in ("设置地点位于城市主干道禁设区域", "六十日内", "申请行政复议", "提起行政诉讼"):
        assert squeeze(want) in text, want
    missing = api("reviewer").post(f"{base}/permit_materials.pdf")
    assert missing.status_code == 201 and squeeze("结构安全性能报告") in _text(missing)
    assert api("head").post(f"{base}/permit_licence.pdf").status_code == 409


def test_permit_documents_follow_the_handling_unit(api, demo):
    app = subjects.granted_permit(demo)
    base = f"permits/{app.pk}/documents"
    api("head").post(f"{base}/permit_grant.pdf")
    doc = Document.objects.filter(permit=app).latest("id")
    before = snapshot()
    for who, status in (
        ("outsider", 404),  # another bureau
        ("officer1", 404),  # a squad: the legal office handles this kind
        ("handler_sanitation", 403),  # no permits.view
    ):
        assert api(who).get(base).status_code == status, who
        assert api(who).post(f"{base}/permit_licence.pdf").status_code == status, who
        assert api(who).get(f"{base}/{doc.pk}/file").status_code == status, who
    r = api("supervisor").post(f"{base}/permit_licence.pdf")
    assert r.status_code == 403
    assert snapshot() == before


# 建议提案 -----------------------------------------------------------------------------------------


def test_a_replied_suggestion_prints_its_reply_letter_for_the_handling_units(api, demo):
    s = subjects.replied_suggestion(demo)
    base = f"suggestions/{s.pk}/documents"
    made = api("handler_sanitation").post(f"{base}/suggestion_reply.docx")
    assert made.status_code == 201, made.content
    text = _text(made)
    for want in (
        "答复函",
        "尊敬的代表：",
        "《关于加强人民路夜市环境卫生管理的建议》（人大代表建议第45号）",
        "已在人民路夜市增设垃圾收集点6处",
        "夜市收市后1小时内完成保洁",
        "二〇二五年五月六日",  # the seal's date is the reply's
    ):
        assert squeeze(want) in text, want
    doc = Document.objects.get(pk=int(made["X-Document-Id"]))
    assert doc.suggestion_id == s.pk and "复字" in doc.number
    before = snapshot()
    for who, status in (("outsider", 404), ("handler_municipal", 404)):
        assert api(who).get(base).status_code == status, who
        assert api(who).post(f"{base}/suggestion_reply.pdf").status_code == status, who
        assert api(who).get(f"{base}/{doc.pk}/file").status_code == status, who
    for who in ("supervisor", "hotline"):  # they read suggestions but do not reply
        assert api(who).get(f"{base}/{doc.pk}/file").status_code == 200, who
        assert api(who).post(f"{base}/suggestion_reply.pdf").status_code == 403, who
    assert snapshot() == before


def test_a_suggestion_not_yet_replied_has_no_letter(api, demo):
    with subjects.at(subjects.T0):
        s = subjects.suggestions.register(
            actor=demo.user("hotline"),
            kind="cppcc",
            number="第7号",
            title="关于规范户外广告设置的提案",
            assigned_on=subjects.T0,
            units=["sanitation"],
        )
    before = snapshot()
    r = api("handler_sanitation").post(f"suggestions/{s.pk}/documents/suggestion_reply.pdf")
    assert r.status_code == 409 and "尚未答复" in r.json()["error"]["message"]
    assert snapshot() == before


# The one-subject rule -----------------------------------------------------------------------------


def test_a_document_row_belongs_to_exactly_one_subject(demo):
    i = subjects.rechecked_inspection(demo)
    s = subjects.seizure(demo)
    common = {
        "bureau": demo.bureau,
        "kind": "inspection_notice",
        "number": "X〔2026〕1号",
        "format": "pdf",
        "sha256": "0" * 64,
        "size": 1,
        "created_by": demo.user("officer1"),
    }
    for subject in ({}, {"inspection": i, "seizure": s}, {"inspection": i, "case": s.case}):
        # none, or two at once: refused by the one-subject check
        with pytest.raises(IntegrityError), transaction.atomic():
            Document.objects.create(**common, **subject)
        with pytest.raises(IntegrityError), transaction.atomic():
            DocumentNumber.objects.create(
                bureau=demo.bureau, kind="inspection_notice", number="Y1", **subject
            )
