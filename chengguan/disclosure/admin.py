"""Publications in the Chinese admin, read-only: publishing and withdrawing are actions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Publication


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "decision_number",
        "decided_on",
        "due_on",
        "published_on",
        "on_time",
        "expires_on",
        "status",
        "withdrawn_on",
    )
    list_filter = ("status", "on_time")
    search_fields = ("decision_number",)
    exclude = ("record",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
