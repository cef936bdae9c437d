from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from chengguan.org.models import Certificate, OrgUnit, RoleAssignment, Staff


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "bureau", "parent", "external", "active"]
    list_filter = ["kind", "bureau", "external", "active"]
    search_fields = ["name", "code"]


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


class CertificateInline(admin.TabularInline):
    model = Certificate
    extra = 0
    fields = ["number", "kind", "issued_on", "expires_on", "status", "reason", "reason_text"]
    readonly_fields = ["status", "reason", "reason_text"]
    fk_name = "holder"

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Staff)
class StaffAdmin(UserAdmin):
    list_display = ["username", "full_name", "bureau", "unit", "is_auxiliary", "is_active"]
    list_filter = ["bureau", "unit", "is_auxiliary", "legal_qualified", "is_active"]
    search_fields = ["username", "full_name"]
    inlines = [RoleInline, CertificateInline]
    fieldsets = [
        *UserAdmin.fieldsets,  # type: ignore[misc]
        (
            "城管",
            {"fields": ["bureau", "unit", "full_name", "post", "is_auxiliary", "legal_qualified"]},
        ),
    ]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["number", "holder", "kind", "issued_on", "expires_on", "status", "reason"]
    list_filter = ["status", "reason", "kind", "bureau"]
    search_fields = ["number", "holder__username", "holder__full_name"]
    # Status changes go through the actions (API / 工作台) so that each lands in the ledger.
    readonly_fields = ["status", "reason", "reason_text", "status_changed_at"]
