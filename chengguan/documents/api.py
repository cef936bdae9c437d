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
from chengguan.documents.subject_kinds import Subject  # --- helper:documents ---

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


# --- helper:documents --- the 文书 of an inspection, a seizure, a permit application (decision 081):
# GET lists and reads kept copies (never generates); POST generates (takes the 文号, keeps the file).
def _file_response(content: bytes, name: str, content_type: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type, status=status)
    response["Content-Disposition"] = content_disposition(name)
    response["Content-Length"] = str(len(content))
    response["Cache-Control"] = "no-store"
    return response


def _split(filename: str) -> tuple[str, str]:
    kind, dot, fmt = filename.rpartition(".")
    if not dot or fmt not in Format.values:
        raise NotFound("未找到该文书：文件名应为 KIND.docx 或 KIND.pdf")
    return kind, fmt


def subject_document_out(subject: str, doc: Document) -> dict[str, Any]:
    row_id = getattr(doc, f"{subject}_id")
    path = queries.subject_spec(subject).path
    out = document_out(doc)
    out["file"] = f"/api/v1/{path}/{row_id}/documents/{doc.pk}/file" if doc.blob_id else None
    return out


def _subject_routes(subject: str, path: str, what: str) -> None:
    kinds = "、".join(queries.subject_spec(subject).kinds)

    def list_subject_documents(request: HttpRequest, pk: int) -> dict[str, Any]:
        me = actor(request)
        row = queries.visible_subject(me, subject, pk)
        base = f"/api/v1/{path}/{row.pk}/documents"
        page = paginate(
            request,
            queries.subject_generated(subject, row),
            lambda doc: subject_document_out(subject, doc),
        )
        every = queries.subject_available(subject, row)
        page["available"] = [
            {
                "kind": k["kind"],
                "label": k["label"],
                "docx": f"{base}/{k['kind']}.docx",
                "pdf": f"{base}/{k['kind']}.pdf",
            }
            for k in every
            if not k["reason"]
        ]
        page["kinds"] = every
        return page

    def generate_subject_document(request: HttpRequest, pk: int, filename: str) -> HttpResponse:
        me = actor(request)
        kind, fmt = _split(filename)
        content, name, doc = actions.generate_for(
            actor=me, subject=subject, pk=pk, kind=kind, fmt=fmt
        )
        response = _file_response(content, name, CONTENT_TYPES[Format(fmt)], status=201)
        response["Location"] = f"/api/v1/{path}/{pk}/documents/{doc.pk}/file"
        response["X-Document-Id"] = str(doc.pk)
        response["X-Content-SHA256"] = doc.sha256
        return response

    def latest_subject_document(request: HttpRequest, pk: int, filename: str) -> HttpResponse:
        me = actor(request)
        kind, fmt = _split(filename)
        copy = actions.download_subject_kept(actor=me, subject=subject, pk=pk, kind=kind, fmt=fmt)
        response = _file_response(copy.content, copy.name, copy.content_type)
        response["X-Content-SHA256"] = copy.document.sha256
        return response

    def kept_subject_file(request: HttpRequest, pk: int, document_id: int) -> HttpResponse:
        me = actor(request)
        copy = actions.download_subject_kept(
            actor=me, subject=subject, pk=pk, document_id=document_id
        )
        response = _file_response(copy.content, copy.name, copy.content_type)
        response["X-Content-SHA256"] = copy.document.sha256
        return response

    # Ninja reads the path parameter's name from the path: each subject names its own.
    for fn in (
        list_subject_documents,
        generate_subject_document,
        latest_subject_document,
        kept_subject_file,
    ):
        fn.__name__ = f"{fn.__name__}_{subject}"
    base = f"/{path}/{{pk}}/documents"
    router.get(
        base, response={200: dict, **ERRORS}, summary=f"{what}的文书：可制作的种类与已生成的文件"
    )(list_subject_documents)
    router.post(
        f"{base}/{{filename}}",
        response={201: None, **ERRORS},
        summary=f"制作{what}文书（.docx 或 .pdf）",
        description=f"KIND 为 {kinds} 之一。取得文号（首次）、留存文件并记入全过程记录；"
        "返回文件，Location 指向留存原件。",
        openapi_extra={"responses": {201: _FILE_RESPONSES[200]}},
    )(generate_subject_document)
    router.get(
        f"{base}/{{filename}}",
        response={200: None, **ERRORS},
        summary=f"下载{what}某种文书最近一次制作的留存原件",
        description="只读：不制作、不编号；尚未制作的返回 404。",
        openapi_extra={"responses": _FILE_RESPONSES},
    )(latest_subject_document)
    router.get(
        f"{base}/{{document_id}}/file",
        response={200: None, **ERRORS},
        summary=f"下载{what}已生成文书的留存原件",
        openapi_extra={"responses": _FILE_RESPONSES},
    )(kept_subject_file)


_subject_routes(Subject.INSPECTION, "inspections", "行政检查")
_subject_routes(Subject.SEIZURE, "seizures", "查封扣押")
_subject_routes(Subject.PERMIT, "permits", "行政许可申请")
_subject_routes(Subject.SUGGESTION, "suggestions", "建议提案")
_subject_routes(Subject.EXECUTION, "executions", "行政强制执行")  # --- helper:execdocs ---
# --- /helper:documents ---


# --- helper:casefile --- the whole 案卷 as one PDF (decision 086)
@router.get(
    "/penalty-cases/{case_id}/case-file.pdf",
    response={200: None, **ERRORS},
    summary="下载完整案卷（PDF）",
    description="封面、卷内目录（含页号）、按归档顺序排列的全部留存文书、证据材料（照片附印，其他文件列明"
    " SHA-256）和备考表，每页标注卷内页码。与案件详情同一权限；下载记入全过程记录（个人信息查阅），"
    "不生成文书记录。留存文书或证据文件丢失、哈希不符时返回 409（document_altered / evidence_altered）。",
    openapi_extra={
        "responses": {
            200: {
                "description": "案卷 PDF（Content-Disposition 中含中文文件名）",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def case_file(request: HttpRequest, case_id: int) -> HttpResponse:
    me = actor(request)
    built = actions.download_case_file(actor=me, case_id=case_id)
    response = _file_response(built.content, built.name, "application/pdf")
    response["X-Content-SHA256"] = built.sha256
    response["X-Page-Count"] = str(built.pages)
    return response


# --- /helper:casefile ---
