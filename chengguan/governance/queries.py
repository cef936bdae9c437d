"""Reads of the governance registers, always scoped to the reader's bureau."""

from __future__ import annotations

from django.db.models import QuerySet

from chengguan.org.models import Staff

from .models import LawPost, MajorDecision, NormativeDocument, StudyMeeting, TrainingSession


def documents(reader: Staff) -> QuerySet[NormativeDocument]:
    return NormativeDocument.objects.filter(bureau_id=reader.bureau_id).order_by(
        "-drafted_on", "id"
    )


def decisions(reader: Staff, year: int | None = None) -> QuerySet[MajorDecision]:
    rows = MajorDecision.objects.filter(bureau_id=reader.bureau_id)
    return (rows.filter(year=year) if year else rows).order_by("-year", "id")


def trainings(reader: Staff, year: int | None = None) -> QuerySet[TrainingSession]:
    rows = TrainingSession.objects.filter(bureau_id=reader.bureau_id).prefetch_related(
        "participants"
    )
    return (rows.filter(held_on__year=year) if year else rows).order_by("-held_on", "id")


def posts(reader: Staff, year: int | None = None) -> QuerySet[LawPost]:
    rows = LawPost.objects.filter(bureau_id=reader.bureau_id)
    return (rows.filter(published_on__year=year) if year else rows).order_by("-published_on", "id")


def meetings(reader: Staff, year: int | None = None) -> QuerySet[StudyMeeting]:
    rows = StudyMeeting.objects.filter(bureau_id=reader.bureau_id)
    return (rows.filter(held_on__year=year) if year else rows).order_by("-held_on", "id")
