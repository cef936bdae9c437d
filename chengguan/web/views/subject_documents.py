"""Staff downloads of the 文书 of an inspection, a seizure or a permit application (decision 081):
a POST makes one (文号, kept file, ledger entry); a GET only reads a kept copy."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from chengguan.core.errors import NotFound
from chengguan.core.http import content_disposition
from chengguan.documents import actions
from chengguan.documents.kinds import CONTENT_TYPES, Format
from chengguan.documents.queries import KeptCopy
from chengguan.org.models import Staff
from chengguan.web.errors import staff_page


def _me(request: HttpRequest) -> Staff:
    assert isinstance(request.user, Staff)
    return request.user


def _file(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(name)
    response["Cache-Control"] = "no-store"
    return response


def _kept(copy: KeptCopy) -> HttpResponse:
    return _file(copy.content, copy.name, copy.content_type)


@require_http_methods(["GET", "POST"])
@staff_page
def document(request: HttpRequest, subject: str, pk: int, kind: str, fmt: str) -> HttpResponse:
    if fmt not in Format.values:
        raise NotFound("未找到该文书")
    me = _me(request)
    if request.method == "POST":
        content, name, _ = actions.generate_for(
            actor=me, subject=subject, pk=pk, kind=kind, fmt=fmt
        )
        return _file(content, name, CONTENT_TYPES[Format(fmt)])
    return _kept(
        actions.download_subject_kept(actor=me, subject=subject, pk=pk, kind=kind, fmt=fmt)
    )


@require_http_methods(["GET"])
@staff_page
def kept_file(request: HttpRequest, subject: str, pk: int, doc: int) -> HttpResponse:
    """A generated 文书 exactly as it was printed (hash checked); refusals become the error page."""
    return _kept(
        actions.download_subject_kept(actor=_me(request), subject=subject, pk=pk, document_id=doc)
    )
