"""Django admin of 数字城管 (Chinese labels come from the models' verbose names).

Categories, grids and the routing table are data the administrator keeps here. Cases are read-only
in the admin: every change of a case goes through an action (DESIGN.md §2), never a form save.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chengguan.citycases import geo
from chengguan.citycases.models import (
    CaseStep,
    Category,
    CityCase,
    Extension,
    Grid,
    Open311Key,
    RoutingRule,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "kind",
        "major_name",
        "handle_limit",
        "urgent_handle_limit",
        "handle_limit_unit",
        "default_unit",
        "public",
        "active",
    )
    list_filter = (
        "bureau",
        "kind",
        "major_name",
        "handle_limit_unit",
        "default_unit",
        "public",
        "active",
    )
    search_fields = ("code", "name", "filing_condition", "closing_condition")
    list_editable = ("public", "active")
    fieldsets = (
        (None, {"fields": ("bureau", "code", "name", "kind", "major_code", "major_name")}),
        ("立案与结案条件", {"fields": ("filing_condition", "closing_condition")}),
        (
            "时限（SC-6）",
            {
                "fields": (
                    "file_limit_hours",
                    "dispatch_limit_hours",
                    "handle_limit",
                    "urgent_handle_limit",
                    "handle_limit_unit",
                    "verify_limit_hours",
                    "close_limit_hours",
                )
            },
        ),
        ("派遣与公开", {"fields": ("default_unit", "public", "active")}),
    )


@admin.register(Grid)
class GridAdmin(admin.ModelAdmin):
    list_display = ("code", "street_name", "community_name", "unit", "updated_at")
    list_filter = ("bureau", "street_name", "community_name", "unit")
    search_fields = ("code", "street_name", "community_name")

    def save_model(self, request: HttpRequest, obj: Grid, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        geo.invalidate(obj.bureau_id)


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("priority", "category", "kind", "major_code", "street_code", "unit", "note")
    list_filter = ("bureau", "kind", "street_code", "unit")
    ordering = ("priority", "id")


class StepInline(admin.TabularInline):
    model = CaseStep
    extra = 0
    can_delete = False
    fields = (
        "at",
        "actor_name",
        "action",
        "from_status",
        "to_status",
        "unit",
        "due",
        "on_time",
        "note",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ExtensionInline(admin.TabularInline):
    model = Extension
    extra = 0
    can_delete = False
    fields = (
        "hours",
        "reason",
        "requested_by",
        "requested_at",
        "decision",
        "decided_by",
        "decided_at",
        "note",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CityCase)
class CityCaseAdmin(admin.ModelAdmin):
    list_display = (
        "number",
        "source",
        "category",
        "status",
        "urgent",
        "unit",
        "grid",
        "reported_at",
        "current_due",
        "rework_count",
        "return_count",
    )
    list_filter = (
        "bureau",
        "status",
        "source",
        "urgent",
        "suspended",
        "unit",
        "category__kind",
        "category__major_name",
        "grid__street_name",
        "handle_on_time",
        "close_on_time",
    )
    search_fields = ("number", "description", "address")
    date_hierarchy = "reported_at"
    inlines = [StepInline, ExtensionInline]
    # PI-1: the requester's clear name and phone are not shown in the admin either.
    exclude = ("requester_name", "requester_phone")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [
            f.name
            for f in CityCase._meta.fields
            if f.name not in {"requester_name", "requester_phone"}
        ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Open311Key)
class Open311KeyAdmin(admin.ModelAdmin):
    # Decision 071: credentials are the security administrator's; the auditor reads them.
    admin_view_roles = ("audit",)
    admin_manage_roles = ("security",)
    list_display = ("name", "bureau", "active", "created_at")
    list_filter = ("bureau", "active")
    readonly_fields = ("digest", "created_at")
