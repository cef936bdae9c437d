"""The whole 案卷 of a penalty case as one PDF (issue #15 item 7, decision 086).

Cover and 卷内目录, then every kept 文书 of the case in the order of LEGAL-RULES §9
(``case_file_order``), then the evidence (photos embedded, other files listed with their SHA-256),
then the 备考表; a file-wide page number stamped on every page.

The kept 文书 go in exactly as they were printed: their bytes are read back from the blob store
(sealed at rest, decision 079) and re-hashed (``queries.checked_copy``); a lost or altered one refuses
the whole file (409 naming it), as a single download does. Nothing here writes: the caller
(``actions.download_case_file``) records the read.

WeasyPrint renders our own pages (cover, index, evidence, 备考表, page stamps), pypdf joins them with
the kept PDFs. The index needs the page numbers of what follows it, and the front pages' count
depends on the index's length, so the front and the 备考表 are rendered until their page counts
stop changing (twice in practice).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter

from chengguan.core import clock
from chengguan.core.errors import ChengguanError
from chengguan.documents.case_file_order import section_of, sort_key
from chengguan.documents.kinds import label
from chengguan.documents.models import SUBJECT_FIELDS, Document
from chengguan.documents.queries import checked_copy
from chengguan.documents.render_pdf import font_url
from chengguan.ledger.models import Blob, ChainHead, Entry
from chengguan.ledger.storage import read_blob
from chengguan.org.models import Staff
from chengguan.penalties.models import PenaltyCase

# Images WeasyPrint embeds as they are; any other evidence file is listed with its hash.
EMBEDDED_IMAGES = {"image/jpeg", "image/png", "image/gif"}


class EvidenceAltered(ChengguanError):
    """An evidence file of the case is gone or no longer hashes as stored (409, as a kept 文书)."""

    status = 409
    code = "evidence_altered"


@dataclass
class Filed:
    """One 文书 in the file: the kept PDF, or a placeholder page saying why there is none."""

    kind: str
    title: str
    number: str
    date: str
    by: str
    section: str
    order: int
    document_id: int | None = None
    sha256: str = ""
    content: bytes = b""
    pages: int = 0
    note: str = ""
    entry: str = ""  # the ledger entry of its generation: "#seq hash…"
    superseded: int = 0
    first_page: int = 0


@dataclass
class EvidenceItem:
    n: int
    kind: str
    description: str
    collected: str
    name: str
    content_type: str
    sha256: str
    size: int
    image: str = ""  # a data: URL for the photos embedded


@dataclass
class CaseFile:
    content: bytes
    name: str
    pages: int
    sha256: str
    documents: list[Filed] = field(default_factory=list)
    evidence: list[EvidenceItem] = field(default_factory=list)
    chain_seq: int = 0


def filename(case: PenaltyCase) -> str:
    return f"行政处罚案卷（{case.number}）.pdf"


# --- what the file holds -------------------------------------------------------------------


def case_documents(case: PenaltyCase) -> list[Document]:
    """Every generated 文书 of the case and of the subjects that belong to it: its inspection
    (``Inspection.case_id``), its seizures, and any later subject with a ``case`` — found from the
    ``Document`` subject columns, so a new subject's 文书 are filed without editing this."""
    match = Q(case=case)
    for name in SUBJECT_FIELDS:
        if name == "case":
            continue
        related = Document._meta.get_field(name).related_model
        if related is None or isinstance(related, str):
            continue
        if any(f.attname == "case_id" for f in related._meta.concrete_fields):
            match |= Q(**{f"{name}__case_id": case.pk})
    return list(Document.objects.filter(match).select_related("blob", "created_by").order_by("id"))


def _pdf_pages(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


def _entries(bureau_id: int, documents: list[Document]) -> dict[int, str]:
    """document id → the ledger entry that recorded its generation (sequence and hash)."""
    if not documents:
        return {}
    match = Q()
    for doc in documents:
        match |= Q(payload__contains=f'"document":{doc.pk},')
    out: dict[int, str] = {}
    rows = Entry.objects.filter(match, bureau_id=bureau_id, action="document.generate")
    for entry in rows.only("seq", "hash", "payload"):
        payload = json.loads(entry.payload)
        out[int(payload.get("document", 0))] = f"#{entry.seq} {entry.hash[:16]}"
    return out


def filed_documents(case: PenaltyCase) -> list[Filed]:
    """One entry per 文书 (kind and 文号): its latest kept PDF; regenerations before it are counted,
    not filed. A 文书 kept only as Word, or generated before files were kept, gets a page that says
    so and names its hash, so the index still accounts for it."""
    groups: dict[tuple[str, str], list[Document]] = {}
    for doc in case_documents(case):
        groups.setdefault((doc.kind, doc.number), []).append(doc)
    chosen: list[tuple[Document, int, int]] = []  # (document, first generation id, superseded)
    for docs in groups.values():
        kept_pdf = [d for d in docs if d.blob_id is not None and d.format == "pdf"]
        kept = [d for d in docs if d.blob_id is not None]
        pick = (kept_pdf or kept or docs)[-1]
        chosen.append((pick, docs[0].pk, len(docs) - 1))
    entries = _entries(case.bureau_id, [c[0] for c in chosen])
    out: list[Filed] = []
    for doc, first_id, superseded in chosen:
        item = Filed(
            kind=doc.kind,
            title=label(doc.kind),
            number=doc.number,
            date=clock.local(doc.created_at).strftime("%Y-%m-%d"),
            by=doc.created_by.display_name,
            section=section_of(doc.kind).title,
            order=first_id,
            document_id=doc.pk,
            sha256=doc.sha256,
            entry=entries.get(doc.pk, ""),
            superseded=superseded,
        )
        if doc.blob_id is None:
            item.note = "生成于系统留存文书文件之前，只保存了哈希，未留存文件"
        elif doc.format != "pdf":
            item.note = (
                "只留存了 Word 格式文件，未生成 PDF；请制作 PDF 后重新生成案卷，或打印后附卷"
            )
        else:
            item.content = checked_copy(doc).content  # lost or altered: 409 naming the 文书
            item.pages = _pdf_pages(item.content)
        out.append(item)
    out.sort(key=lambda f: sort_key(f.kind, f.order))
    return out


def _evidence_blob(what: str, blob: Blob | None) -> tuple[bytes, Blob] | None:
    if blob is None:
        return None
    try:
        content = read_blob(blob.sha256)
    except OSError:
        content = None
    if content is None or hashlib.sha256(content).hexdigest() != blob.sha256:
        raise EvidenceAltered(
            f"{what}的文件{'已丢失' if content is None else '与上传时记录的哈希不一致'}，"
            "不能编入案卷；请联系系统管理员从备份恢复并运行 chengguan ledger verify",
            details={"sha256": blob.sha256},
        )
    return content, blob


def _item(
    n: int, kind: str, description: str, collected: str, found: tuple[bytes, Blob] | None
) -> EvidenceItem:
    item = EvidenceItem(
        n=n,
        kind=kind,
        description=description,
        collected=collected,
        name="",
        content_type="",
        sha256="",
        size=0,
    )
    if found is not None:
        content, blob = found
        item.name = blob.original_name or blob.sha256[:12]
        item.content_type = blob.content_type
        item.sha256 = blob.sha256
        item.size = blob.size
        if blob.content_type in EMBEDDED_IMAGES:
            data = base64.b64encode(content).decode("ascii")
            item.image = f"data:{blob.content_type};base64,{data}"
    return item


def evidence_items(case: PenaltyCase) -> list[EvidenceItem]:
    """The evidence registered on the case, then the party's signed waiver pages and the photos of
    a 留置送达: every file the case holds besides its 文书."""
    items: list[EvidenceItem] = []
    for ev in case.evidence.select_related("blob", "collected_by").order_by("id"):
        what = f"证据第 {ev.pk} 号（{ev.get_kind_display()}）"
        items.append(
            _item(
                len(items) + 1,
                ev.get_kind_display(),
                ev.description,
                f"{ev.collected_by.display_name} {ev.collected_on:%Y-%m-%d}",
                _evidence_blob(what, ev.blob),
            )
        )
    for st in case.statements.select_related("waiver_blob", "recorded_by").order_by("id"):
        if st.waiver_blob is not None:
            items.append(
                _item(
                    len(items) + 1,
                    "当事人签字的放弃书",
                    st.content or "书面放弃陈述、申辩和听证",
                    f"{st.recorded_by.display_name} {st.received_on:%Y-%m-%d}",
                    _evidence_blob("当事人签字的放弃书", st.waiver_blob),
                )
            )
    for sv in case.services.select_related("photo_blob", "served_by").order_by("id"):
        if sv.photo_blob is not None:
            items.append(
                _item(
                    len(items) + 1,
                    "留置送达照片/录像",
                    f"{sv.get_method_display()}（{sv.recipient or '受送达人'}）",
                    f"{sv.served_by.display_name} {sv.served_on:%Y-%m-%d}",
                    _evidence_blob("留置送达照片/录像", sv.photo_blob),
                )
            )
    return items


# --- rendering -----------------------------------------------------------------------------


def _render(part: str, **context: Any) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango costs time at startup

    text = render_to_string(
        "documents/case_file.html", {"part": part, "font_url": font_url(), **context}
    )
    pdf = HTML(string=text).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def _pages_text(first: int, count: int) -> str:
    if count <= 1:
        return str(first)
    return f"{first}–{first + count - 1}"


def _cover(case: PenaltyCase, compiler: Staff, now: str) -> dict[str, Any]:
    officers = []
    for officer in case.officers.prefetch_related("certificates").order_by("id"):
        numbers = "、".join(c.number for c in officer.certificates.all())
        officers.append(
            f"{officer.display_name}（执法证 {numbers}）" if numbers else officer.display_name
        )
    result = case.get_decision_kind_display() if case.decision_kind else "尚未作出决定"
    if case.fine_amount:
        result += f"，罚款人民币 {case.fine_amount} 元"
    day = "%Y年%m月%d日"
    return {
        "bureau": case.bureau.name,
        "title": f"{case.party.name}{case.power_item.name}案",
        "rows": [
            ("案号", case.number),
            ("案由", f"{case.power_item.code} {case.power_item.name}"),
            ("当事人", f"{case.party.name}（{case.party.get_kind_display()}）"),
            ("违法行为发生日期", case.act_date.strftime(day)),
            ("立案日期", case.registered_on.strftime(day) if case.registered_on else "—"),
            (
                "决定日期",
                f"{case.decided_on.strftime(day)}（{case.decision_number}）"
                if case.decided_on
                else "—",
            ),
            ("处理结果", result),
            ("结案日期", case.closed_on.strftime(day) if case.closed_on else "尚未结案"),
            ("承办人员", "、".join(officers) or "—"),
            ("承办单位", case.unit.name),
            ("立卷人", compiler.display_name),
            ("立卷时间", now),
        ],
    }


def _stamped(parts: list[bytes], total: int, case_number: str) -> bytes:
    """The parts joined in order, each page stamped with its number in the file."""
    stamps = PdfReader(io.BytesIO(_render("numbers", total=total, numbers=range(1, total + 1))))
    writer = PdfWriter()
    for part in parts:
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    assert len(writer.pages) == total == len(stamps.pages), (len(writer.pages), total)
    for page, stamp in zip(writer.pages, stamps.pages, strict=True):
        page.merge_page(stamp)
    writer.add_metadata({"/Title": f"行政处罚案卷 {case_number}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build(case: PenaltyCase, compiler: Staff) -> CaseFile:
    """The 案卷 of ``case`` compiled by ``compiler`` (who has been checked to read the case)."""
    now = clock.local(clock.now()).strftime("%Y年%m月%d日 %H:%M")
    filed = filed_documents(case)
    evidence = evidence_items(case)
    for item in filed:
        if not item.content:
            item.content = _render("placeholder", doc=item, case=case)
            item.pages = _pdf_pages(item.content)
    evidence_pdf = _render("evidence", case=case, evidence=evidence)
    evidence_pages = _pdf_pages(evidence_pdf)
    head = ChainHead.objects.filter(bureau_id=case.bureau_id).first()
    chain_seq, chain_hash = (head.seq, head.hash) if head else (0, "")
    chain = {"seq": chain_seq, "hash": chain_hash}
    cover = _cover(case, compiler, now)
    doc_pages = sum(item.pages for item in filed)
    notes = _notes(filed, evidence)

    front_pages, remarks_pages = 2, 1
    for _ in range(5):
        total = front_pages + doc_pages + evidence_pages + remarks_pages
        page = front_pages + 1
        for item in filed:
            item.first_page = page
            page += item.pages
        index = [
            {"n": 1, "title": "案卷封面", "number": "", "date": "", "pages": "1"},
            {
                "n": 2,
                "title": "卷内目录",
                "number": "",
                "date": "",
                "pages": _pages_text(2, front_pages - 1),
            },
        ]
        for item in filed:
            index.append(
                {
                    "n": len(index) + 1,
                    "title": item.title,
                    "section": item.section,
                    "number": item.number,
                    "date": item.date,
                    "pages": _pages_text(item.first_page, item.pages),
                    "note": "无留存 PDF" if item.note else "",
                }
            )
        index.append(
            {
                "n": len(index) + 1,
                "title": f"证据材料（{len(evidence)} 件）",
                "number": "",
                "date": "",
                "pages": _pages_text(page, evidence_pages),
            }
        )
        index.append(
            {
                "n": len(index) + 1,
                "title": "备考表",
                "number": "",
                "date": "",
                "pages": _pages_text(page + evidence_pages, remarks_pages),
            }
        )
        context = {
            "case": case,
            "cover": cover,
            "index": index,
            "total": total,
            "documents": filed,
            "evidence": evidence,
            "evidence_pages": evidence_pages,
            "chain": chain,
            "compiler": compiler.display_name,
            "now": now,
            "notes": notes,
        }
        front = _render("front", **context)
        remarks = _render("remarks", **context)
        counted = (_pdf_pages(front), _pdf_pages(remarks))
        if counted == (front_pages, remarks_pages):
            break
        front_pages, remarks_pages = counted
    else:  # pragma: no cover — the counts only grow with the index, so this settles at once
        raise RuntimeError("案卷页码未能确定")
    parts = [front, *(item.content for item in filed), evidence_pdf, remarks]
    content = _stamped(parts, total, case.number)
    return CaseFile(
        content=content,
        name=filename(case),
        pages=total,
        sha256=hashlib.sha256(content).hexdigest(),
        documents=filed,
        evidence=evidence,
        chain_seq=chain_seq,
    )


def _notes(filed: list[Filed], evidence: list[EvidenceItem]) -> list[str]:
    notes = []
    regenerated = [f for f in filed if f.superseded]
    if regenerated:
        names = "、".join(f"{f.title}（{f.superseded} 次）" for f in regenerated)
        notes.append(
            f"以下文书曾多次生成，本卷收录最近一次生成的 PDF 留存件，此前的生成记录见全过程记录：{names}"
        )
    for f in filed:
        if f.note:
            notes.append(f"{f.title}（{f.number}）：{f.note}，SHA-256 {f.sha256}")
    listed = [e for e in evidence if e.sha256 and not e.image]
    if listed:
        notes.append(
            f"证据中 {len(listed)} 件非图片文件未附印，已列明文件名与 SHA-256，原件存于系统"
        )
    if not filed:
        notes.append("本案尚未生成任何执法文书")
    return notes
