"""Read-only admin views: every write goes through the actions (and the ledger)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chengguan.suggestions.models import Reply, Suggestion


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Suggestion)
class SuggestionAdmin(ReadOnly):
    list_display = ("number", "kind", "title", "assigned_on", "due_on", "status")
    list_filter = ("kind", "status")


@admin.register(Reply)
class ReplyAdmin(ReadOnly):
    list_display = ("suggestion", "round", "replied_on", "late")
