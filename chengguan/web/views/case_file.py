"""The whole 案卷 of a penalty case as one PDF from the staff case page (decision 086): the same
action as ``GET /api/v1/penalty-cases/{id}/case-file.pdf``, with the signed-in session."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from chengguan.core.http import content_disposition
from chengguan.documents import actions as documents
from chengguan.org.models import Staff
from chengguan.web.errors import staff_page


@staff_page
def penalty_case_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Refusals (scope 403/404, an altered original 409) become the error page."""
    assert isinstance(request.user, Staff)
    built = documents.download_case_file(actor=request.user, case_id=pk)
    response = HttpResponse(built.content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(built.name)
    response["Content-Length"] = str(len(built.content))
    response["Cache-Control"] = "no-store"
    response["X-Content-SHA256"] = built.sha256
    return response
