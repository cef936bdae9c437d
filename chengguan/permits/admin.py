"""Read-only admin views: every write goes through the actions (and the ledger)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chengguan.permits.models import PermitApplication, PermitKind, PermitStatusMessage


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PermitKind)
class KindAdmin(ReadOnly):
    list_display = ("code", "name", "validity_days", "active")


@admin.register(PermitApplication)
class ApplicationAdmin(ReadOnly):
    # No applicant ID or phone in the list: the admin is not a place to browse personal data.
    list_display = ("number", "kind", "channel", "received_on", "status", "decide_by")
    list_filter = ("status", "channel")
    exclude = ("applicant_id", "applicant_phone")


@admin.register(PermitStatusMessage)
class MessageAdmin(ReadOnly):
    list_display = ("application", "status", "attempts", "sent_at")
