"""Generating a 文书: take its 文号 once, render it, then keep the file (ledger blob store), its hash
(Document row) and the ledger entry in one transaction."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from django.db import transaction

from chengguan.core import clock
from chengguan.core.errors import Invalid, NotFound, StateError
from chengguan.core.numbering import document_number, next_number
from chengguan.documents import case_file, compose, render_docx, render_pdf  # helper:casefile
from chengguan.documents.availability import unavailable_reason
from chengguan.documents.case_file import CaseFile  # --- helper:casefile ---
from chengguan.documents.casedata import case_data
from chengguan.documents.kinds import CONTENT_TYPES, NUMBER_WORDS, Format, Kind, filename, label
from chengguan.documents.models import Document, DocumentNumber

# --- helper:documents ---
from chengguan.documents.queries import (
    PERSONAL_DATA,
    KeptCopy,
    kept_copy,
    subject_kept,
    subject_spec,
    visible_case,
    visible_subject,
)
from chengguan.documents.subject_kinds import NUMBER_WORDS as SUBJECT_NUMBER_WORDS
from chengguan.documents.subjects import Spec

# --- /helper:documents ---
from chengguan.ledger import actions as ledger
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.penalties.models import PenaltyCase

# Only those who may read the case may print its 文书 (queries.visible_case: the case's own scope),
# and of those only the roles that work it (documents.generate).

# These kinds carry the decision's own 文号, set by the decide action (or the simple procedure).
_DECISION_KINDS = {Kind.DECISION, Kind.ONSITE_DECISION, Kind.NO_PENALTY_DECISION}
_TRANSFER_KINDS = {Kind.TRANSFER_LETTER, Kind.CRIME_TRANSFER}  # --- helper:execdocs ---
_RENDERERS = {Format.DOCX: render_docx.render, Format.PDF: render_pdf.render}


def _number(case: PenaltyCase, kind: str, actor: Staff) -> str:
    """The stable 文号 of this kind for this case: taken once, reused on every regeneration."""
    if kind in _DECISION_KINDS and case.decision_number:
        return case.decision_number
    # --- helper:execdocs --- a 移送书 is the transfer decision (its 移字 number, decision 076); the
    # court application carries the number the application was filed under.
    if kind in _TRANSFER_KINDS and case.decision_kind == "transfer" and case.decision_number:
        return case.decision_number
    if kind == Kind.COURT_APPLICATION:
        filed = case.enforcements.values_list("document_number", flat=True).first()
        if filed:
            return filed
    # --- /helper:execdocs ---
    existing = DocumentNumber.objects.filter(case=case, kind=kind).first()
    if existing is not None:
        return existing.number
    with transaction.atomic():
        # The case row lock makes a second request wait here and then find the first one's number.
        PenaltyCase.objects.select_for_update().filter(pk=case.pk).first()
        existing = DocumentNumber.objects.filter(case=case, kind=kind).first()
        if existing is not None:
            return existing.number
        year = clock.today().year
        bureau = case.bureau
        prefix = (bureau.short_name or bureau.name) + NUMBER_WORDS[kind]
        number = document_number(prefix, year, next_number(bureau.pk, f"document.{kind}", year))
        row = DocumentNumber.objects.create(bureau=bureau, case=case, kind=kind, number=number)
        ledger.record(
            actor, "document.number", case, {"kind": kind, "number": number, "id": row.pk}
        )
    return number


def generate(*, actor: Staff, case_id: int, kind: str, fmt: str) -> tuple[bytes, str]:
    """Render ``kind`` of case ``case_id`` as ``fmt``; returns the file and its Chinese name."""
    if kind not in Kind.values:
        raise NotFound("没有这种执法文书", details={"kind": kind})
    if fmt not in Format.values:
        raise Invalid("文书格式应为 docx 或 pdf", details={"format": "应为 docx 或 pdf"})
    scoped = visible_case(actor, case_id)
    require(actor, "documents.generate", scoped)
    case = PenaltyCase.objects.select_related(
        "bureau", "party", "power_item", "registered_by", "exemption"
    ).get(pk=scoped.pk)
    reason = unavailable_reason(case, kind)
    if reason:
        raise StateError(
            f"当前案件状态（{case.get_status_display()}）不能制作{Kind(kind).label}：{reason}",
            details={"status": case.status, "kind": kind},
        )
    number = _number(case, kind, actor)
    # Rendered outside any transaction: a PDF takes a few hundred milliseconds, and on SQLite an
    # open write transaction would hold every other writer for that long.
    layout = compose.build(kind, case_data(case), number)
    content = _RENDERERS[Format(fmt)](layout)
    digest = hashlib.sha256(content).hexdigest()
    name = filename(kind, number, fmt)
    with transaction.atomic():
        # Same bytes → one stored file (content-addressed); every generation still gets its row.
        blob = ledger.store_blob(
            io.BytesIO(content), actor=actor, name=name, content_type=CONTENT_TYPES[Format(fmt)]
        )
        doc = Document.objects.create(
            bureau_id=case.bureau_id,
            case=case,
            kind=kind,
            number=number,
            format=fmt,
            sha256=digest,
            size=len(content),
            blob=blob,
            created_by=actor,
        )
        ledger.record(
            actor,
            "document.generate",
            case,
            {
                "document": doc.pk,
                "kind": kind,
                "number": number,
                "format": fmt,
                "sha256": digest,
                "size": len(content),
                # The file handed out names the party: this entry is also the access record.
                "personal_data": PERSONAL_DATA,
            },
        )
    return content, name


def download_kept(*, actor: Staff, case_id: int, document_id: int) -> KeptCopy:
    """A kept copy, read back (hash checked) and recorded as a personal-data access (PI-1): the
    ledger keeps who took which 文书 of which case, and when, never the content."""
    copy = kept_copy(actor, case_id, document_id)
    doc = copy.document
    with transaction.atomic():
        ledger.record(
            actor,
            "document.download",
            ("penalties.penaltycase", doc.case_id),
            {
                "document": doc.pk,
                "kind": doc.kind,
                "number": doc.number,
                "format": doc.format,
                "sha256": doc.sha256,
                "personal_data": PERSONAL_DATA,
            },
            bureau_id=doc.bureau_id,
        )
    return copy


# --- helper:documents --- the 文书 of an inspection, a seizure, a permit (decision 081)
def _subject_number(spec: Spec, row: Any, kind: str, actor: Staff) -> str:
    """The stable 文号 of this kind for this subject: taken once, reused on every regeneration."""
    field = spec.subject
    existing = DocumentNumber.objects.filter(**{field: row, "kind": kind}).first()
    if existing is not None:
        return existing.number
    with transaction.atomic():
        # The subject row lock makes a second request wait here and then find the first's number.
        list(spec.model._default_manager.select_for_update().filter(pk=row.pk).values_list("pk"))
        existing = DocumentNumber.objects.filter(**{field: row, "kind": kind}).first()
        if existing is not None:
            return existing.number
        year = clock.today().year
        bureau = row.bureau
        prefix = (bureau.short_name or bureau.name) + SUBJECT_NUMBER_WORDS[kind]
        number = document_number(prefix, year, next_number(bureau.pk, f"document.{kind}", year))
        made = DocumentNumber.objects.create(
            bureau=bureau, kind=kind, number=number, **{field: row}
        )
        ledger.record(
            actor,
            "document.number",
            spec.ledger_subject(row),
            {"kind": kind, "number": number, "id": made.pk, spec.subject: row.pk},
        )
    return number


def generate_for(
    *, actor: Staff, subject: str, pk: int, kind: str, fmt: str
) -> tuple[bytes, str, Document]:
    """Render ``kind`` of one inspection/seizure/permit application as ``fmt`` and keep it, as
    ``generate`` does for a case: 文号 once, file in the blob store, row and ledger entry."""
    spec = subject_spec(subject)
    if kind not in spec.kinds:
        raise NotFound("没有这种文书", details={"kind": kind})
    if fmt not in Format.values:
        raise Invalid("文书格式应为 docx 或 pdf", details={"format": "应为 docx 或 pdf"})
    row = visible_subject(actor, subject, pk)
    require(actor, spec.generate_perm, row)
    reason = spec.unavailable(row, kind)
    if reason:
        raise StateError(
            f"当前不能制作{label(kind)}：{reason}", details={"kind": kind, "subject": subject}
        )
    number = _subject_number(spec, row, kind, actor)
    # Rendered outside any transaction, as for a case (a PDF takes a few hundred milliseconds).
    content = _RENDERERS[Format(fmt)](spec.build(row, kind, number))
    digest = hashlib.sha256(content).hexdigest()
    name = filename(kind, number, fmt)
    with transaction.atomic():
        blob = ledger.store_blob(
            io.BytesIO(content), actor=actor, name=name, content_type=CONTENT_TYPES[Format(fmt)]
        )
        doc = Document.objects.create(
            bureau_id=row.bureau_id,
            kind=kind,
            number=number,
            format=fmt,
            sha256=digest,
            size=len(content),
            blob=blob,
            created_by=actor,
            **{spec.subject: row},
        )
        payload: dict[str, Any] = {
            "document": doc.pk,
            "kind": kind,
            "number": number,
            "format": fmt,
            "sha256": digest,
            "size": len(content),
            spec.subject: row.pk,
        }
        personal = spec.personal_data(row)
        if personal:
            payload["personal_data"] = personal
        ledger.record(actor, "document.generate", spec.ledger_subject(row), payload)
    return content, name, doc


def download_subject_kept(
    *,
    actor: Staff,
    subject: str,
    pk: int,
    document_id: int | None = None,
    kind: str = "",
    fmt: str = "",
) -> KeptCopy:
    """A kept copy of a subject's 文书, hash checked. A file that names a natural person is a
    personal-data access and is recorded so (PI-1, as decision 067 for a case); one that does not
    (an inspection's, which names an enterprise) is read without any write."""
    copy = subject_kept(actor, subject, pk, document_id=document_id, kind=kind, fmt=fmt)
    doc = copy.document
    row = getattr(doc, subject)
    spec = subject_spec(subject)
    personal = spec.personal_data(row)
    if personal:
        with transaction.atomic():
            ledger.record(
                actor,
                "document.download",
                spec.ledger_subject(row),
                {
                    subject: row.pk,
                    "document": doc.pk,
                    "kind": doc.kind,
                    "number": doc.number,
                    "format": doc.format,
                    "sha256": doc.sha256,
                    "personal_data": personal,
                },
            )
    return copy


# --- /helper:documents ---


# --- helper:casefile --- the whole 案卷 as one PDF (decision 086)
def download_case_file(*, actor: Staff, case_id: int) -> CaseFile:
    """The 案卷 of a case, compiled for ``actor`` and recorded as a personal-data read (PI-1): the
    case's own scope decides who may (``visible_case``), the ledger keeps who took it, when, and
    the file's hash, pages and contents — never the content. No ``Document`` row: it is a read."""
    case = visible_case(actor, case_id)
    full = PenaltyCase.objects.select_related("bureau", "party", "power_item", "unit").get(
        pk=case.pk
    )
    built = case_file.build(full, actor)  # outside the transaction: rendering takes a while
    with transaction.atomic():
        ledger.record(
            actor,
            "document.case_file",
            full,
            {
                "sha256": built.sha256,
                "pages": built.pages,
                "documents": [d.document_id for d in built.documents],
                "evidence": [e.sha256 for e in built.evidence if e.sha256],
                "chain_seq": built.chain_seq,
                "personal_data": PERSONAL_DATA,
            },
        )
    return built


# --- /helper:casefile ---
