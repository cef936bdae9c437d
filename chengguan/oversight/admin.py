"""Supervision records in the Chinese admin, read-only: every write is an action with its ledger
entry."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import CaseFileReview, Complaint, Finding, Inspection, RectificationTask


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Inspection)
class InspectionAdmin(ReadOnly):
    list_display = ("started_on", "organiser", "kind", "title", "status", "ranking")
    list_filter = ("organiser", "kind", "status")


@admin.register(Finding)
class FindingAdmin(ReadOnly):
    list_display = ("found_on", "description", "status", "rectified_on")
    list_filter = ("status",)


@admin.register(RectificationTask)
class RectificationTaskAdmin(ReadOnly):
    list_display = ("finding", "unit", "due_on", "status", "closed_on", "closed_on_time")
    list_filter = ("status",)


@admin.register(CaseFileReview)
class CaseFileReviewAdmin(ReadOnly):
    list_display = ("penalty_case", "started_on", "total", "grade", "status")
    list_filter = ("grade", "status")


@admin.register(Complaint)
class ComplaintAdmin(ReadOnly):
    list_display = ("received_on", "channel", "against_unit", "status", "substantiated")
    list_filter = ("status", "channel")
    exclude = ("complainant", "phone")
