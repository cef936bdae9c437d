from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chengguan.core import workdays
from chengguan.core.models import CalendarDay, Counter, SecurityEvent


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    # The State Council's calendar is one for the deployment (decision 071); the system
    # administrator who corrects a day is recorded in their bureau's ledger.
    admin_bureau = None
    list_display = ["date", "is_workday", "name", "source", "updated_at"]
    list_filter = ["is_workday", "source", ("date", admin.DateFieldListFilter)]
    search_fields = ["name"]
    date_hierarchy = "date"
    ordering = ["-date"]

    def save_model(self, request: HttpRequest, obj: CalendarDay, form: Any, change: bool) -> None:
        obj.source = CalendarDay.Source.ADMIN
        super().save_model(request, obj, form, change)
        # Deadlines computed after this edit must see it at once in this process.
        workdays.invalidate()


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ["bureau_id", "kind", "year", "value"]
    list_filter = ["kind", "year"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # numbers are only taken by actions; editing would create gaps or duplicates

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """The security trail, read by the audit administrator; nobody edits or deletes it."""

    admin_bureau = "bureau_id"
    admin_view_roles = ("audit",)
    admin_manage_roles = ()
    list_display = ["at", "kind", "channel", "username", "ip"]
    list_filter = ["kind", "channel"]
    search_fields = ["username", "ip"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
