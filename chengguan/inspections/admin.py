"""Read-only admin views: every write goes through the actions (and the ledger)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chengguan.inspections.models import (
    Inspection,
    InspectionItem,
    InspectionPlan,
    SupervisedEntity,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SupervisedEntity)
class EntityAdmin(ReadOnly):
    list_display = ("name", "kind", "credit_code", "town")
    search_fields = ("name", "credit_code")


@admin.register(InspectionItem)
class ItemAdmin(ReadOnly):
    list_display = ("code", "name", "random", "yearly_cap", "published")


@admin.register(InspectionPlan)
class PlanAdmin(ReadOnly):
    list_display = ("year", "item", "status", "approved_on", "drawn_at")


@admin.register(Inspection)
class InspectionAdmin(ReadOnly):
    list_display = ("code", "item", "entity", "reason", "planned_on", "status", "scan_late")
    list_filter = ("status", "reason")
