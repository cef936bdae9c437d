"""The outbox, read-only in the bureau's admin: what went to the province and what came back."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chengguan.exchange.models import ExchangeRecord


@admin.register(ExchangeRecord)
class ExchangeRecordAdmin(admin.ModelAdmin):
    list_display = ("key", "kind", "version", "created_at", "attempts", "sent_at", "receipt_id")
    list_filter = ("kind",)
    search_fields = ("key", "source_id", "receipt_id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
