"""The whole 案卷 as one PDF (decision 086): §9 order, page numbers that hold, evidence, 备考表, the
read recorded, nothing generated."""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PIL import Image

from chengguan.documents.case_file_order import SECTIONS, section_of, sort_key
from chengguan.documents.models import Document
from chengguan.ledger.actions import blob_path, store_blob
from chengguan.ledger.models import Blob, Entry
from chengguan.penalties import actions as penalty_actions
from chengguan.penalties.models import PenaltyCase
from tests.conftest import error_code
from tests.documents import cases
from tests.documents.cases import OPENED, SERVED, at

URL = "penalty-cases/{}/case-file.pdf"
# Generated deliberately out of §9 order: the file must put them back.
SCRAMBLED = (
    "decision",
    "service_receipt",
    "registration",
    "discussion_record",
    "notice",
    "review_opinion",
)
IN_ORDER = (
    "registration",
    "notice",
    "review_opinion",
    "discussion_record",
    "decision",
    "service_receipt",
)
TITLES = {
    "registration": "立案审批表",
    "notice": "行政处罚事先告知书",
    "review_opinion": "法制审核意见书",
    "discussion_record": "集体讨论记录",
    "decision": "行政处罚决定书",
    "service_receipt": "送达回证",
}
ROW = re.compile(
    r"^\s*(?P<n>\d+)\s+(?P<title>\S+)\s+(?P<number>\S+〔\d{4}〕\d+号)\s+\d{4}-\d\d-\d\d\s+"
    r"(?P<first>\d+)(?:–(?P<last>\d+))?"
)


def page_count(pdf: bytes) -> int:
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    match = re.search(rb"Pages:\s+(\d+)", out)
    assert match is not None
    return int(match.group(1))


def page_text(pdf: bytes, page: int, *, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page)]
    if layout:
        args.append("-layout")
    done = subprocess.run([*args, "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def index_rows(pdf: bytes) -> dict[str, tuple[int, int]]:
    """文号 → (first page, last page) as the printed 卷内目录 (page 2) states them."""
    rows: dict[str, tuple[int, int]] = {}
    for line in page_text(pdf, 2, layout=True).splitlines():
        m = ROW.match(line)
        if m:
            first = int(m.group("first"))
            rows[m.group("number")] = (first, int(m.group("last") or first))
    return rows


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


@contextmanager
def replaced(path: Path, content: bytes) -> Iterator[None]:
    original = path.read_bytes()
    try:
        path.write_bytes(content)
        yield
    finally:
        path.write_bytes(original)


def with_evidence(demo, case: PenaltyCase) -> tuple[Blob, Blob]:
    officer = demo.user("officer1")
    with at(OPENED):
        photo = store_blob(
            io.BytesIO(png()), actor=officer, name="现场照片.png", content_type="image/png"
        )
        text = store_blob(
            io.BytesIO(f"案卷测试询问录音文字稿 {case.pk}".encode()),
            actor=officer,
            name="询问文字稿.txt",
            content_type="text/plain",
        )
        for blob, description in ((photo, "现场照片：占道摊点全景"), (text, "询问录音文字稿")):
            penalty_actions.add_evidence(
                case.pk,
                actor=officer,
                kind="electronic" if blob is text else "audiovisual",
                description=description,
                blob=blob.sha256,
            )
    return photo, text


def registered(demo) -> PenaltyCase:
    with at(OPENED):
        case = penalty_actions.open_case(
            actor=demo.user("officer1"),
            procedure="general",
            power_item="SZ001",
            party=dict(cases.PERSON),
            facts=cases.FACTS,
            act_date=cases.D(2025, 6, 2),
            discovered_date=OPENED,
            officers=["officer1", "officer2"],
        )
        return penalty_actions.register(case.pk, actor=demo.user("head"))


@pytest.fixture
def full_case(api, demo) -> tuple[PenaltyCase, dict[str, Document], tuple[Blob, Blob]]:
    """A general case served, with review, discussion, a photo and a text file as evidence."""
    case = registered(demo)
    blobs = with_evidence(demo, case)
    with at(OPENED):
        for kind, description in cases.EVIDENCE:
            penalty_actions.add_evidence(
                case.pk,
                actor=demo.user("officer1"),
                kind=kind,
                description=description,
                certificates_shown=["officer1", "officer2"],
            )
        penalty_actions.conclude(
            case.pk, actor=demo.user("officer1"), outcome="penalty", proposal=cases.proposal()
        )
    cases.reviewed_and_discussed(demo, case)
    with at(cases.NOTIFIED):
        penalty_actions.notify(case.pk, actor=demo.user("officer1"), served_on=cases.NOTIFIED)
        penalty_actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
    with at(cases.DECIDED):
        penalty_actions.decide(case.pk, actor=demo.user("head"), decision=cases.proposal())
    case = cases.served(demo, case)
    with at(SERVED):
        for kind in SCRAMBLED:
            r = api("officer1").get(f"penalty-cases/{case.pk}/documents/{kind}.pdf")
            assert r.status_code == 200, (kind, r.content)
        # Regenerated: the file holds the latest generation once and says so in the 备考表.
        r = api("officer1").get(f"penalty-cases/{case.pk}/documents/registration.pdf")
        assert r.status_code == 200
    latest = {d.kind: d for d in Document.objects.filter(case=case).order_by("id")}
    return case, latest, blobs


def test_the_file_holds_every_kept_document_in_section_9_order_at_the_pages_its_index_says(
    api, demo, full_case
):
    case, docs, (photo, text) = full_case
    before = (Document.objects.count(), Blob.objects.count())
    with at(SERVED):
        r = api("reviewer").get(URL.format(case.pk))
    assert r.status_code == 200, r.content
    pdf = bytes(r.content)
    assert r["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''" in r["Content-Disposition"]
    total = page_count(pdf)
    assert r["X-Page-Count"] == str(total)
    assert r["X-Content-SHA256"] == hashlib.sha256(pdf).hexdigest()

    # Every page carries its number in the file.
    for page in range(1, total + 1):
        assert f"卷内第{page}页（共{total}页）" in flat(page_text(pdf, page)), page

    # Cover.
    cover = flat(page_text(pdf, 1))
    for expected in ("行政处罚案卷", case.number, cases.PERSON["name"], "擅自占用城市道路", "陈刚"):
        assert expected in cover, expected
    assert case.decision_number in cover

    # The index lists the six 文书 in §9 order, each at the page where it really is.
    rows = index_rows(pdf)
    numbers = [docs[kind].number for kind in IN_ORDER]
    assert list(rows) == numbers, rows
    index_text = flat(page_text(pdf, 2))
    positions = [index_text.index(TITLES[kind]) for kind in IN_ORDER]
    assert positions == sorted(positions)
    previous_last = 2
    for kind in IN_ORDER:
        first, last = rows[docs[kind].number]
        assert first == previous_last + 1, (kind, first, previous_last)
        head = flat(page_text(pdf, first))
        assert TITLES[kind] in head and docs[kind].number in head, (kind, first)
        previous_last = last

    # Then the evidence: the photo embedded, the other file listed with its SHA-256.
    evidence_page = previous_last + 1
    listed = flat(page_text(pdf, evidence_page))
    assert "证据材料" in listed and "询问录音文字稿" in listed and text.sha256 in listed
    assert cases.EVIDENCE[0][1][:10] in listed  # the evidence without a file is listed too
    images = subprocess.run(
        ["pdfimages", "-f", str(evidence_page), "-l", str(total), "-list", "-"],
        input=pdf,
        capture_output=True,
        check=False,
    )
    if images.returncode == 0:  # pdfimages reads stdin on recent poppler only
        assert b"image" in images.stdout
    photo_text = "".join(flat(page_text(pdf, p)) for p in range(evidence_page, total))
    assert photo.sha256 in photo_text and "占道摊点全景" in photo_text

    # Last, the 备考表: the page count, who compiled it, each 文书's generation entry.
    remarks = flat(page_text(pdf, total))
    assert "备考表" in remarks and f"本卷共{total}页" in remarks
    assert demo.user("reviewer").display_name in remarks
    for kind in IN_ORDER:
        entry = Entry.objects.get(
            action="document.generate", payload__contains=f'"document":{docs[kind].pk},'
        )
        assert f"#{entry.seq}" in remarks, kind
        assert docs[kind].sha256 in remarks
    assert "立案审批表（1次）" in remarks  # generated twice: the latest is filed

    # A read: no 文书 generated, no file stored.
    assert (Document.objects.count(), Blob.objects.count()) == before


def test_the_read_is_recorded_as_a_personal_data_access_with_the_files_hash(api, demo, full_case):
    case, docs, _ = full_case
    with at(SERVED):
        r = api("head").get(URL.format(case.pk))
    assert r.status_code == 200
    entry = Entry.objects.filter(action="document.case_file").latest("id")
    assert entry.actor_id == demo.user("head").pk
    assert (entry.subject_type, entry.subject_id) == ("penalties.penaltycase", str(case.pk))
    payload = json.loads(entry.payload)
    assert payload["sha256"] == hashlib.sha256(r.content).hexdigest()
    assert payload["pages"] == page_count(r.content)
    assert sorted(payload["documents"]) == sorted(d.pk for d in docs.values())
    assert "id_number" in payload["personal_data"]


def test_a_case_without_kept_documents_still_gets_cover_index_evidence_and_remarks(api, demo):
    case = cases.investigated(demo)
    with at(OPENED):
        r = api("officer1").get(URL.format(case.pk))
    assert r.status_code == 200, r.content
    pdf = bytes(r.content)
    assert page_count(pdf) == 4
    assert "行政处罚案卷" in flat(page_text(pdf, 1))
    index = flat(page_text(pdf, 2))
    assert "卷内目录" in index and "证据材料（2件）" in index and "备考表" in index
    assert index_rows(pdf) == {}
    assert "证据材料" in flat(page_text(pdf, 3))
    remarks = flat(page_text(pdf, 4))
    assert "备考表" in remarks and "本卷共4页" in remarks and "本案尚未生成任何执法文书" in remarks
    assert not Document.objects.filter(case=case).exists()


def test_a_document_kept_only_as_word_gets_a_page_that_says_so(api, demo):
    case = cases.investigated(demo)
    with at(OPENED):
        assert (
            api("officer1").get(f"penalty-cases/{case.pk}/documents/registration.docx").status_code
            == 200
        )
        r = api("officer1").get(URL.format(case.pk))
    assert r.status_code == 200
    pdf = bytes(r.content)
    doc = Document.objects.get(case=case)
    assert index_rows(pdf) == {doc.number: (3, 3)}
    page = flat(page_text(pdf, 3))
    assert "立案审批表" in page and "只留存了Word格式文件" in page and doc.sha256 in page


def test_an_altered_kept_document_refuses_the_file_and_records_nothing(api, demo):
    case = cases.investigated(demo)
    with at(OPENED):
        assert (
            api("officer1").get(f"penalty-cases/{case.pk}/documents/registration.pdf").status_code
            == 200
        )
    doc = Document.objects.get(case=case)
    assert doc.blob is not None
    before = Entry.objects.count()
    with replaced(blob_path(doc.blob.sha256), b"%PDF-1.7 altered"), at(OPENED):
        r = api("officer1").get(URL.format(case.pk))
    assert r.status_code == 409 and error_code(r) == "document_altered"
    assert Entry.objects.count() == before


def test_an_altered_evidence_file_refuses_the_file_and_records_nothing(api, demo):
    case = registered(demo)
    photo, _ = with_evidence(demo, case)
    before = Entry.objects.count()
    with replaced(blob_path(photo.sha256), b"not the photo"), at(OPENED):
        r = api("officer1").get(URL.format(case.pk))
    assert r.status_code == 409 and error_code(r) == "evidence_altered"
    assert Entry.objects.count() == before


def test_the_order_is_a_table_by_kind_and_unknown_kinds_go_before_the_closing_approval():
    keys = [s.key for s in SECTIONS]
    assert keys.index("registration") < keys.index("records") < keys.index("measures")
    assert keys.index("notice") < keys.index("review") < keys.index("decision")
    assert keys.index("decision") < keys.index("service") < keys.index("execution")
    assert keys.index("execution") < keys.index("other") < keys.index("closing")
    assert section_of("seizure_decision").key == "measures"
    assert section_of("correction_order").key == "correction"
    assert section_of("a_kind_added_later").key == "other"
    kinds = [
        ("closing_approval", 1),
        ("kind_b", 9),
        ("demand", 8),
        ("kind_a", 5),
        ("registration", 7),
        ("decision", 2),
    ]
    ordered = [k for k, n in sorted(kinds, key=lambda kn: sort_key(*kn))]
    assert ordered == ["registration", "decision", "demand", "kind_a", "kind_b", "closing_approval"]


def test_the_documents_of_the_cases_seizure_are_filed_in_the_measures_section(api, demo):
    from tests.documents import subjects
    from tests.penalties.helpers import T0
    from tests.penalties.helpers import at as at_t0

    s = subjects.seizure(demo)
    case = s.case
    with at_t0(T0):
        made = api("officer1").post(f"seizures/{s.pk}/documents/seizure_decision.pdf")
        assert made.status_code == 201, made.content
        r = api("officer1").get(f"penalty-cases/{case.pk}/documents/registration.pdf")
        assert r.status_code == 200, r.content
        r = api("officer1").get(URL.format(case.pk))
    assert r.status_code == 200, r.content
    pdf = bytes(r.content)
    registration = Document.objects.get(case=case, kind="registration")
    seized = Document.objects.get(seizure=s, kind="seizure_decision")
    rows = index_rows(pdf)
    # Generated before the 立案审批表 but filed by §9: 立案 first, then the measure's paper.
    assert list(rows) == [registration.number, seized.number]
    first, _ = rows[seized.number]
    assert seized.number in flat(page_text(pdf, first))


def test_every_kind_a_penalty_case_file_can_hold_has_its_section():
    """A new 文书 kind must be placed in the §9 table, not left to "其他文书" by accident."""
    from chengguan.documents.kinds import Kind
    from chengguan.documents.subject_kinds import ExecutionKind, InspectionKind, SeizureKind

    kinds = [*Kind.values, *InspectionKind.values, *SeizureKind.values, *ExecutionKind.values]
    unplaced = [k for k in kinds if section_of(k).key == "other"]
    assert not unplaced, unplaced
