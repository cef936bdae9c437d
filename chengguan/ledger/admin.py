from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chengguan.ledger.models import Blob, Entry


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# 三权分立 (decision 071): the record is read by the audit administrator only (role ids as plain
# strings: the ledger sits below org and does not import its roles).


@admin.register(Entry)
class EntryAdmin(ReadOnly):
    admin_view_roles = ("audit",)
    admin_manage_roles = ()
    list_display = ["bureau_id", "seq", "at", "actor_name", "action", "subject_type", "subject_id"]
    list_filter = ["bureau_id", "action", "subject_type"]
    search_fields = ["action", "subject_id", "actor_name", "hash"]


@admin.register(Blob)
class BlobAdmin(ReadOnly):
    admin_view_roles = ("audit",)
    admin_manage_roles = ()
    list_display = ["sha256", "original_name", "content_type", "size", "uploaded_at"]
    list_filter = ["content_type"]
    search_fields = ["sha256", "original_name"]
