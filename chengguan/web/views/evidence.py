"""Evidence files on the penalty case page (issue #15 item 4): served only through the case, so
whoever may not read the case cannot fetch its files by hash."""

from __future__ import annotations

import io

from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase

from chengguan.core.errors import NotFound
from chengguan.ledger.actions import blob_path
from chengguan.ledger.storage import read_blob
from chengguan.org.models import Staff
from chengguan.penalties import queries
from chengguan.web.errors import staff_page


@staff_page
def penalty_evidence_file(request: HttpRequest, pk: int, evidence: int) -> HttpResponseBase:
    assert isinstance(request.user, Staff)
    case = queries.case(request.user, pk)  # scope: role, department and bureau
    item = case.evidence.select_related("blob").filter(pk=evidence).first()
    if item is None or item.blob is None or not blob_path(item.blob.sha256).exists():
        raise NotFound("证据文件不存在")
    blob = item.blob
    inline = blob.content_type.startswith("image/") or blob.content_type == "application/pdf"
    response = FileResponse(
        io.BytesIO(read_blob(blob.sha256)),  # sealed at rest (decision 079): served clear
        content_type=blob.content_type,
        filename=blob.original_name or f"证据{item.pk}",
        as_attachment=not inline,
    )
    # Evidence is personal data of the party: not kept by shared caches or the browser.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
