"""Reads of supervision, always scoped to the reader's bureau."""

from __future__ import annotations

from django.db.models import QuerySet

from chengguan.core.errors import NotFound
from chengguan.org.models import Staff
from chengguan.penalties.models import PenaltyCase

from .models import CaseFileReview, Complaint, Finding, Inspection, RectificationTask


def inspections(reader: Staff) -> QuerySet[Inspection]:
    return Inspection.objects.filter(bureau_id=reader.bureau_id).order_by("-started_on", "-id")


def findings(reader: Staff, status: str | None = None) -> QuerySet[Finding]:
    rows = Finding.objects.filter(bureau_id=reader.bureau_id).prefetch_related("tasks__unit")
    return (rows.filter(status=status) if status else rows).order_by("-found_on", "-id")


def overdue_rectifications(reader: Staff, on: object) -> QuerySet[RectificationTask]:
    return RectificationTask.objects.filter(
        bureau_id=reader.bureau_id, status=RectificationTask.Status.OPEN, due_on__lt=on
    ).order_by("due_on")


def file_review(reader: Staff, pk: int) -> CaseFileReview:
    row = CaseFileReview.objects.filter(bureau_id=reader.bureau_id, pk=pk).first()
    if row is None:
        raise NotFound("未找到该案卷评查，或您无权查看")
    return row


def complaints(reader: Staff) -> QuerySet[Complaint]:
    return Complaint.objects.filter(bureau_id=reader.bureau_id).order_by("-received_on", "-id")


def _owned(rows: QuerySet, reader: Staff, pk: int, what: str) -> int:  # type: ignore[type-arg]
    """``pk`` if that row is the reader's bureau's; another bureau's is a 404 like a missing one."""
    if not rows.filter(pk=pk, bureau_id=reader.bureau_id).exists():
        raise NotFound(f"未找到该{what}，或您无权查看")
    return pk


def owned_inspection(reader: Staff, pk: int) -> int:
    return _owned(Inspection.objects.all(), reader, pk, "监督检查")


def owned_finding(reader: Staff, pk: int) -> int:
    return _owned(Finding.objects.all(), reader, pk, "问题")


def owned_rectification(reader: Staff, pk: int) -> int:
    return _owned(RectificationTask.objects.all(), reader, pk, "整改任务")


def owned_complaint(reader: Staff, pk: int) -> int:
    return _owned(Complaint.objects.all(), reader, pk, "投诉")


def penalty_case(reader: Staff, pk: int) -> PenaltyCase:
    """A penalty case of the reader's bureau, for the pre-review (any status, any officer)."""
    case = PenaltyCase.objects.filter(pk=pk, bureau_id=reader.bureau_id).first()
    if case is None:
        raise NotFound("未找到该处罚案件，或您无权查看")
    return case
