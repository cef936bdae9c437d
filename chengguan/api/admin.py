from __future__ import annotations

from django.contrib import admin

from chengguan.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    # Decision 071: credentials are the security administrator's; the auditor reads them.
    admin_bureau = "staff__bureau"
    admin_view_roles = ("audit",)
    admin_manage_roles = ("security",)
    list_display = ["staff", "created_at", "expires_at", "revoked"]
    list_filter = ["revoked"]
    readonly_fields = ["staff", "digest", "created_at", "expires_at"]
