"""Reads of the governance registers, always scoped to the reader's bureau."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet

from chengguan.core.errors import NotFound
from chengguan.org.models import OrgUnit, Staff

from .models import LawPost, MajorDecision, NormativeDocument, StudyMeeting, TrainingSession

T = TypeVar("T", bound=Model)


def documents(reader: Staff) -> QuerySet[NormativeDocument]:
    return NormativeDocument.objects.filter(bureau_id=reader.bureau_id).order_by(
        "-drafted_on", "id"
    )


def decisions(reader: Staff, year: int | None = None) -> QuerySet[MajorDecision]:
    rows = MajorDecision.objects.filter(bureau_id=reader.bureau_id)
    return (rows.filter(year=year) if year else rows).order_by("-year", "id")


def trainings(reader: Staff, year: int | None = None) -> QuerySet[TrainingSession]:
    rows = (
        TrainingSession.objects.filter(bureau_id=reader.bureau_id)
        .select_related("target_unit")
        .prefetch_related("participants")
    )
    return (rows.filter(held_on__year=year) if year else rows).order_by("-held_on", "id")


def posts(reader: Staff, year: int | None = None) -> QuerySet[LawPost]:
    rows = LawPost.objects.filter(bureau_id=reader.bureau_id)
    return (rows.filter(published_on__year=year) if year else rows).order_by("-published_on", "id")


def meetings(reader: Staff, year: int | None = None) -> QuerySet[StudyMeeting]:
    rows = StudyMeeting.objects.filter(bureau_id=reader.bureau_id)
    return (rows.filter(held_on__year=year) if year else rows).order_by("-held_on", "id")


def unit(reader: Staff, code: str) -> OrgUnit | None:
    """The reader's bureau's unit of that code, or None (the caller decides what a miss means)."""
    return OrgUnit.objects.filter(bureau_id=reader.bureau_id, code=code).first()


def staff_by_username(reader: Staff, usernames: set[str]) -> dict[str, Staff]:
    """username → staff member, for those of the given names who work in the reader's bureau."""
    rows = Staff.objects.filter(bureau_id=reader.bureau_id, username__in=usernames)
    return {s.username: s for s in rows}


def _one(rows: QuerySet[T], pk: int, what: str) -> T:
    row = rows.filter(pk=pk).first()
    if row is None:
        # Another bureau's row is reported exactly like a missing one (org.permissions).
        raise NotFound(f"未找到该{what}，或您无权查看")
    return row


def document(reader: Staff, pk: int) -> NormativeDocument:
    return _one(documents(reader), pk, "规范性文件")


def decision(reader: Staff, pk: int) -> MajorDecision:
    return _one(decisions(reader), pk, "重大行政决策事项")


def training(reader: Staff, pk: int) -> TrainingSession:
    return _one(trainings(reader), pk, "培训记录")


def post(reader: Staff, pk: int) -> LawPost:
    return _one(posts(reader), pk, "普法宣传记录")


def meeting(reader: Staff, pk: int) -> StudyMeeting:
    return _one(meetings(reader), pk, "会议记录")
