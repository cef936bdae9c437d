"""Reads: which 文书 a case can produce now, and which files were generated for it."""

from __future__ import annotations

from django.db.models import QuerySet

from chengguan.core.errors import NotFound
from chengguan.documents.availability import unavailable_reason
from chengguan.documents.kinds import Kind
from chengguan.documents.models import Document
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.penalties.models import PenaltyCase


def visible_case(actor: Staff, case_id: int) -> PenaltyCase:
    case = PenaltyCase.objects.select_related("bureau", "party").filter(pk=case_id).first()
    if case is None:
        raise NotFound("未找到该案件，或您无权查看")
    require(actor, "documents.view", case)
    return case


def available_kinds(case: PenaltyCase) -> list[str]:
    return [kind for kind in Kind.values if not unavailable_reason(case, kind)]


def generated(case: PenaltyCase) -> QuerySet[Document]:
    return Document.objects.filter(case=case).select_related("created_by").order_by("-id")
