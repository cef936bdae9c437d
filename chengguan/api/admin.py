from __future__ import annotations

from django.contrib import admin

from chengguan.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["staff", "created_at", "expires_at", "revoked"]
    list_filter = ["revoked"]
    readonly_fields = ["staff", "digest", "created_at", "expires_at"]
