"""Read-only admin views: every write goes through the actions (and the ledger)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chengguan.guidance.models import ContactPoint, FollowUp, GuidanceRecord, RiskItem, Visit


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ContactPoint)
class ContactPointAdmin(ReadOnly):
    list_display = ("name", "kind", "unit", "established_on", "liaison")


@admin.register(Visit)
class VisitAdmin(ReadOnly):
    list_display = ("point", "visited_on")


@admin.register(RiskItem)
class RiskItemAdmin(ReadOnly):
    list_display = ("power_item", "risk", "published_on")


@admin.register(GuidanceRecord)
class GuidanceRecordAdmin(ReadOnly):
    list_display = ("number", "kind", "to_name", "issued_on", "status")
    list_filter = ("kind", "status")


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnly):
    list_display = ("record", "visited_on", "corrected")
