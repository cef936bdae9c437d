"""The narrative templates are editable in the admin: wording, not records, so no action is needed."""

from __future__ import annotations

from django.contrib import admin

from .models import NarrativeTemplate


@admin.register(NarrativeTemplate)
class NarrativeTemplateAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("bureau", "key", "updated_at")
    list_filter = ("bureau",)
