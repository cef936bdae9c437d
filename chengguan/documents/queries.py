"""Reads: which 文书 a case can produce now, which files were generated for it, and a kept copy."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from chengguan.core.errors import ChengguanError, NotFound
from chengguan.documents.availability import unavailable_reason
from chengguan.documents.kinds import CONTENT_TYPES, Format, Kind, filename, label
from chengguan.documents.models import Document
from chengguan.documents.subjects import SPECS, Spec  # --- helper:documents ---
from chengguan.ledger.actions import blob_path
from chengguan.ledger.storage import read_blob  # --- helper:security ---
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.penalties import queries as penalty_queries
from chengguan.penalties.models import PenaltyCase

# What every 文书 of a penalty case names (casedata.party): a natural person's name, ID number,
# address and phone. A download is therefore always a personal-data access and is recorded so.
PERSONAL_DATA = ["party_name", "id_number", "address", "phone"]


def visible_case(actor: Staff, case_id: int) -> PenaltyCase:
    """The case, if ``actor`` may read it: the case's own scope first (wrong role 403, another
    bureau or another town/street team 404, exactly as ``GET /penalty-cases/{id}``), then the
    documents permission. A case's files never have a wider audience than the case."""
    scoped = penalty_queries.case(actor, case_id)
    require(actor, "documents.view", scoped)
    case = PenaltyCase.objects.select_related("bureau", "party").get(pk=scoped.pk)
    return case


log = logging.getLogger(__name__)


class FileAltered(ChengguanError):
    """The kept file is gone or no longer has the hash recorded when it was generated (409).

    409 rather than 500: the request is sound and the server did not fail; the stored evidence
    did, and the person must be told which 文书 so the bureau can restore it from a backup.
    """

    status = 409
    code = "document_altered"


@dataclass(frozen=True)
class KeptCopy:
    content: bytes
    name: str
    content_type: str
    document: Document


def available_kinds(case: PenaltyCase) -> list[str]:
    return [kind for kind in Kind.values if not unavailable_reason(case, kind)]


def generated(case: PenaltyCase) -> QuerySet[Document]:
    return Document.objects.filter(case=case).select_related("created_by").order_by("-id")


def kept_copy(actor: Staff, case_id: int, document_id: int) -> KeptCopy:
    """The exact bytes of one generated 文书, read back only if they still hash as recorded."""
    case = visible_case(actor, case_id)
    doc = (
        Document.objects.select_related("blob", "created_by")
        .filter(pk=document_id, case=case)
        .first()
    )
    if doc is None:
        raise NotFound("未找到该文书", details={"document_id": str(document_id)})
    return checked_copy(doc)


def checked_copy(doc: Document) -> KeptCopy:
    """A kept file read back and re-hashed: lost or altered is 409 naming the 文书 (decision 031)."""
    what = f"{doc.get_kind_display()}（{doc.number}，第 {doc.pk} 号生成记录）"
    if doc.blob is None:
        raise NotFound(
            f"{what}生成于系统留存文书文件之前，只保存了哈希，没有留存文件；可重新生成",
            details={"document_id": str(doc.pk)},
        )
    path = blob_path(doc.blob.sha256)
    try:
        content = read_blob(doc.blob.sha256)  # --- helper:security --- sealed at rest
    except OSError:
        content = None
    digest = hashlib.sha256(content).hexdigest() if content is not None else ""
    if content is None or digest != doc.sha256 or doc.blob.sha256 != doc.sha256:
        log.error("kept document %s fails its hash check (%s)", doc.pk, path)
        raise FileAltered(
            f"{what}的留存文件{'已丢失' if content is None else '与生成时记录的哈希不一致'}，"
            "不能作为原件提供；请联系系统管理员从备份恢复并运行 chengguan ledger verify",
            details={"document_id": str(doc.pk), "sha256": doc.sha256},
        )
    return KeptCopy(
        content=content,
        name=filename(doc.kind, doc.number, doc.format),
        content_type=CONTENT_TYPES[Format(doc.format)],
        document=doc,
    )


# --- helper:documents --- the 文书 of an inspection, a seizure, a permit (decision 081)
def subject_spec(subject: str) -> Spec:
    if subject not in SPECS:
        raise NotFound("没有这类文书对象", details={"subject": subject})
    return SPECS[subject]


def visible_subject(actor: Staff, subject: str, pk: int) -> Any:
    """The subject row if ``actor`` may read it (the domain's own scope, then documents.*.view)."""
    return subject_spec(subject).visible(actor, pk)


def subject_available(subject: str, row: Any) -> list[dict[str, str]]:
    """Every kind of the subject with the reason it cannot be printed now ("" = it can)."""
    spec = subject_spec(subject)
    return [
        {"kind": kind, "label": label(kind), "reason": spec.unavailable(row, kind)}
        for kind in spec.kinds
    ]


def subject_generated(subject: str, row: Any) -> QuerySet[Document]:
    return Document.objects.filter(**{subject: row}).select_related("created_by").order_by("-id")


def subject_kept(
    actor: Staff,
    subject: str,
    pk: int,
    *,
    document_id: int | None = None,
    kind: str = "",
    fmt: str = "",
) -> KeptCopy:
    """One kept 文书 of the subject: by its generation record, or the latest of a kind and format."""
    row = visible_subject(actor, subject, pk)
    rows = Document.objects.select_related("blob", "created_by").filter(**{subject: row})
    if document_id is not None:
        doc = rows.filter(pk=document_id).first()
    else:
        if kind not in subject_spec(subject).kinds:
            raise NotFound("没有这种文书", details={"kind": kind})
        doc = rows.filter(kind=kind, format=fmt).order_by("-id").first()
        if doc is None:
            raise NotFound(
                f"{label(kind)}尚未制作：请先制作（POST 同一地址）",
                details={"kind": kind, "format": fmt},
            )
    if doc is None:
        raise NotFound("未找到该文书", details={"document_id": str(document_id)})
    return checked_copy(doc)


# --- /helper:documents ---
