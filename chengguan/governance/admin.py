"""Governance registers in the Chinese admin: read-only, because every write is an action with its
ledger entry (an admin save would bypass both)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    LawPost,
    LegislativeInput,
    MajorDecision,
    NormativeDocument,
    StudyMeeting,
    TrainingParticipant,
    TrainingSession,
)


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(ReadOnly):
    list_display = ("title", "doc_number", "status", "legality_reviewed_on", "filed_on", "cleanup")
    list_filter = ("status", "cleanup")
    search_fields = ("title", "doc_number")


@admin.register(LegislativeInput)
class LegislativeInputAdmin(ReadOnly):
    list_display = ("subject", "requested_by", "submitted_on", "opinions")


@admin.register(MajorDecision)
class MajorDecisionAdmin(ReadOnly):
    list_display = (
        "year",
        "title",
        "status",
        "legality_review",
        "collective_decision",
        "decided_on",
    )
    list_filter = ("year", "status")


class ParticipantInline(admin.TabularInline):  # type: ignore[type-arg]
    model = TrainingParticipant
    extra = 0
    can_delete = False
    readonly_fields = ("staff", "name", "unit_name", "score")


@admin.register(TrainingSession)
class TrainingSessionAdmin(ReadOnly):
    list_display = ("held_on", "kind", "title", "location")
    list_filter = ("kind",)
    inlines = [ParticipantInline]


@admin.register(LawPost)
class LawPostAdmin(ReadOnly):
    list_display = ("published_on", "channel", "title", "count", "audience")
    list_filter = ("channel",)
    search_fields = ("title",)


@admin.register(StudyMeeting)
class StudyMeetingAdmin(ReadOnly):
    list_display = ("held_on", "kind", "topic", "chair", "attendees")
    list_filter = ("kind",)
