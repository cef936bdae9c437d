"""Read-only admin for generated 文书: rows are written only by ``documents.actions.generate``."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chengguan.documents.models import Document, DocumentNumber


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnly):
    list_display = ("number", "kind", "format", "case", "created_by", "created_at", "sha256")
    list_filter = ("bureau", "kind", "format")
    search_fields = ("number", "sha256", "case__number")


@admin.register(DocumentNumber)
class DocumentNumberAdmin(ReadOnly):
    list_display = ("number", "kind", "case", "created_at")
    list_filter = ("bureau", "kind")
    search_fields = ("number", "case__number")
