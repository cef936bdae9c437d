"""Read-only admin for generated 文书: rows are written only by ``documents.actions.generate``."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chengguan.documents.models import SUBJECT_FIELDS, Document, DocumentNumber

# --- helper:documents ---
_SUBJECT_LABELS = {"case": "案件", "inspection": "行政检查", "seizure": "查封扣押"}
_SUBJECT_LABELS |= {"permit": "行政许可申请", "suggestion": "建议提案"}
_SUBJECT_LABELS |= {"execution": "行政强制执行"}  # --- helper:execdocs ---


def subject_text(obj: Document | DocumentNumber) -> str:
    for field in SUBJECT_FIELDS:
        value = getattr(obj, field)
        if value is not None:
            # Some rows already name their kind (行政检查 ABC…): not twice.
            text, what = str(value), _SUBJECT_LABELS[field]
            return text if text.startswith(what) else f"{what} {text}"
    return "—"


# --- /helper:documents ---


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnly):
    # --- helper:documents --- the subject of a 文书 is one of several FKs (decision 081)
    list_display = ("number", "kind", "format", "subject", "created_by", "created_at", "sha256")
    list_filter = ("bureau", "kind", "format")
    search_fields = ("number", "sha256", "case__number")

    @admin.display(description="所属对象")
    def subject(self, obj: Document) -> str:
        return subject_text(obj)

    # --- /helper:documents ---


@admin.register(DocumentNumber)
class DocumentNumberAdmin(ReadOnly):
    list_display = ("number", "kind", "subject", "created_at")  # --- helper:documents ---
    list_filter = ("bureau", "kind")
    search_fields = ("number", "case__number")

    # --- helper:documents ---
    @admin.display(description="所属对象")
    def subject(self, obj: DocumentNumber) -> str:
        return subject_text(obj)

    # --- /helper:documents ---
