"""The 执法文书 download: ``GET /penalty-cases/{id}/documents/KIND.docx|.pdf`` (API.md), the list
of generated files and ``GET …/documents/{document_id}/file``, a kept copy exactly as printed."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.api.pagination import paginate
from chengguan.core.errors import NotFound
from chengguan.core.http import content_disposition
from chengguan.documents import actions, queries
from chengguan.documents.kinds import CONTENT_TYPES, Format, Kind
from chengguan.documents.models import Document

router = Router(tags=["执法文书"])


@router.get(
    "/penalty-cases/{case_id}/documents/{filename}",
    response={200: None, **ERRORS},
    summary="生成执法文书（.docx 或 .pdf）",
    description="KIND 为 registration、notice、hearing_notice、review_opinion、"
    "discussion_record、decision、onsite_decision、no_penalty_decision、service_receipt、"
    "closing_approval 之一；每次生成的文件哈希记入全过程记录。",
    openapi_extra={
        "responses": {
            200: {
                "description": "文书文件（Content-Disposition 中含中文文件名）",
                "content": {
                    ctype: {"schema": {"type": "string", "format": "binary"}}
                    for ctype in CONTENT_TYPES.values()
                },
            }
        }
    },
)
def download(request: HttpRequest, case_id: int, filename: str) -> HttpResponse:
    me = actor(request)
    kind, dot, fmt = filename.rpartition(".")
    if not dot or fmt not in Format.values:
        raise NotFound("未找到该文书：文件名应为 KIND.docx 或 KIND.pdf")
    content, name = actions.generate(actor=me, case_id=case_id, kind=kind, fmt=fmt)
    response = HttpResponse(content, content_type=CONTENT_TYPES[Format(fmt)])
    response["Content-Disposition"] = content_disposition(name)
    response["Content-Length"] = str(len(content))
    response["Cache-Control"] = "no-store"
    return response


_FILE_RESPONSES = {
    200: {
        "description": "文书文件（Content-Disposition 中含中文文件名）",
        "content": {
            ctype: {"schema": {"type": "string", "format": "binary"}}
            for ctype in CONTENT_TYPES.values()
        },
    }
}


@router.get(
    "/penalty-cases/{case_id}/documents/{document_id}/file",
    response={200: None, **ERRORS},
    summary="下载已生成文书的留存原件",
    description="返回生成时留存的文件（与当时打印、送达的文件逐字节相同），返回前核对 SHA-256；"
    "留存文件丢失或哈希不符时返回 409 document_altered，并指明是哪一份文书。",
    openapi_extra={"responses": _FILE_RESPONSES},
)
def kept_file(request: HttpRequest, case_id: int, document_id: int) -> HttpResponse:
    me = actor(request)
    copy = actions.download_kept(actor=me, case_id=case_id, document_id=document_id)
    response = HttpResponse(copy.content, content_type=copy.content_type)
    response["Content-Disposition"] = content_disposition(copy.name)
    response["Content-Length"] = str(len(copy.content))
    response["Cache-Control"] = "no-store"
    response["X-Content-SHA256"] = copy.document.sha256
    return response


def document_out(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.pk,
        "kind": doc.kind,
        "kind_label": doc.get_kind_display(),
        "number": doc.number,
        "format": doc.format,
        "sha256": doc.sha256,
        "size": doc.size,
        "created_at": doc.created_at,
        "created_by": doc.created_by.username,
        "kept": doc.blob_id is not None,
        "file": (
            f"/api/v1/penalty-cases/{doc.case_id}/documents/{doc.pk}/file" if doc.blob_id else None
        ),
    }


@router.get(
    "/penalty-cases/{case_id}/documents",
    response={200: dict, **ERRORS},
    summary="案件的执法文书：当前可制作的种类与已生成的文件",
)
def list_documents(request: HttpRequest, case_id: int) -> dict[str, Any]:
    me = actor(request)
    case = queries.visible_case(me, case_id)
    base = f"/api/v1/penalty-cases/{case.pk}/documents"
    page = paginate(request, queries.generated(case), document_out)
    page["available"] = [
        {
            "kind": kind,
            "label": Kind(kind).label,
            "docx": f"{base}/{kind}.docx",
            "pdf": f"{base}/{kind}.pdf",
        }
        for kind in queries.available_kinds(case)
    ]
    return page
