"""Django admin (in Chinese) for reading penalty cases. Statuses change only through actions, so
every field here is read-only: the admin is a window on the file, not a second way to change it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chengguan.penalties.models import (
    Discussion,
    Evidence,
    Hearing,
    Notice,
    Payment,
    PenaltyCase,
    RemedyProceeding,
    Review,
    Service,
    Statement,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _inline(model_cls: Any) -> type[ReadOnlyInline]:
    return type(f"{model_cls.__name__}Inline", (ReadOnlyInline,), {"model": model_cls})


@admin.register(PenaltyCase)
class PenaltyCaseAdmin(admin.ModelAdmin):
    list_display = (
        "number",
        "procedure",
        "status",
        "power_item",
        "party",
        "decided_on",
        "decision_number",
        "fine_amount",
    )
    list_filter = ("bureau", "procedure", "status", "decision_kind", "power_item__domain", "unit")
    search_fields = ("number", "decision_number", "party__name", "power_item__name")
    date_hierarchy = "decided_on"
    inlines = [
        _inline(m)
        for m in (
            Evidence,
            Notice,
            Statement,
            Hearing,
            Review,
            Discussion,
            Service,
            Payment,
            RemedyProceeding,
        )
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
