"""Units, staff, roles and certificates in the bureau-scoped admin (decision 071).

三权分立: the system administrator keeps accounts, units and certificates; the security
administrator grants roles; the audit administrator reads. Only the deployment superuser (made
through the CLI) touches another administrator's account or grants an administrative role.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from chengguan.org import actions
from chengguan.org.models import Certificate, OrgUnit, RoleAssignment, Staff
from chengguan.org.roles import ADMIN_ROLES, Role

_ALL_ADMINS = (Role.ADMIN, Role.SECURITY, Role.AUDIT)


def _superuser(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_superuser", False))


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    admin_view_roles = _ALL_ADMINS
    list_display = ["name", "code", "kind", "bureau", "parent", "external", "active"]
    list_filter = ["kind", "external", "active"]
    search_fields = ["name", "code"]


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    # Shown on the account; granted on the 角色分配 page by the security administrator.
    admin_view_roles = _ALL_ADMINS
    admin_manage_roles = ()


class CertificateInline(admin.TabularInline):
    model = Certificate
    extra = 0
    fields = ["number", "kind", "issued_on", "expires_on", "status", "reason", "reason_text"]
    readonly_fields = ["status", "reason", "reason_text"]
    fk_name = "holder"

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _holds_admin_role(staff: Staff) -> bool:
    return staff.has_role(*ADMIN_ROLES)


@admin.register(Staff)
class StaffAdmin(UserAdmin):
    admin_view_roles = _ALL_ADMINS
    admin_manage_roles = (Role.ADMIN,)
    list_display = ["username", "full_name", "unit", "is_auxiliary", "is_active"]
    list_filter = ["unit", "is_auxiliary", "legal_qualified", "is_active"]
    search_fields = ["username", "full_name"]
    inlines = [RoleInline, CertificateInline]
    fieldsets = [
        *UserAdmin.fieldsets,  # type: ignore[misc]
        (
            "城管",
            {"fields": ["bureau", "unit", "full_name", "post", "is_auxiliary", "legal_qualified"]},
        ),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "full_name", "bureau", "unit", "password1", "password2"],
            },
        ),
    ]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        sets = super().get_fieldsets(request, obj)
        if _superuser(request):
            return sets
        # A bureau administrator never hands out Django's own privileges nor moves a person to
        # another bureau: the bureau is their own (save_model), the rest are roles.
        hidden = {"is_staff", "is_superuser", "groups", "user_permissions", "bureau"}
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if f not in hidden]})
            for name, opts in sets
        ]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Another administrator's account (its password above all) is the deployment
        # superuser's: otherwise the system administrator could become the auditor.
        return not (
            obj is not None
            and not _superuser(request)
            and obj.pk != request.user.pk
            and _holds_admin_role(obj)
        )

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        # One transaction for the new password and its ledger entry.
        with transaction.atomic():
            response: HttpResponse = super().user_change_password(request, id, form_url)
            if (
                request.method == "POST"
                and response.status_code == 302
                and id != str(request.user.pk)
            ):
                # Decision 072: a password someone else chose is changed at the next login.
                target = Staff.objects.get(pk=id)
                admin_user = request.user
                assert isinstance(admin_user, Staff)  # the admin site needs a signed-in Staff
                actions.set_password_change_due(actor=admin_user, staff=target, due=True)
        return response

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.must_change_password = True  # the administrator knows the first password
        super().save_model(request, obj, form, change)


class RoleAssignmentForm(forms.ModelForm):
    class Meta:
        model = RoleAssignment
        fields = ["staff", "role", "unit"]

    request: HttpRequest

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        staff, role, unit = data.get("staff"), data.get("role"), data.get("unit")
        if _superuser(self.request):
            return data
        if role in ADMIN_ROLES:
            self.add_error("role", "管理员角色只能由部署超级用户通过命令行授予")
        if staff is not None and staff.pk == self.request.user.pk:
            self.add_error("staff", "不能给自己授予或变更角色")
        if staff is not None and _holds_admin_role(staff):
            self.add_error("staff", "管理员账户的角色只能由部署超级用户变更")
        if unit is not None and staff is not None and unit.bureau_id != staff.bureau_id:
            self.add_error("unit", "角色所在单位须属于该人员所在机关")
        return data


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    admin_bureau = "staff__bureau"
    admin_view_roles = (Role.ADMIN, Role.AUDIT)
    admin_manage_roles = (Role.SECURITY,)
    form = RoleAssignmentForm
    list_display = ["staff", "role", "unit"]
    list_filter = ["role"]
    search_fields = ["staff__username", "staff__full_name"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):  # type: ignore[no-untyped-def]
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request  # type: ignore[attr-defined]
        return form

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None or _superuser(request):
            return True
        return obj.staff_id != request.user.pk and obj.role not in ADMIN_ROLES

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj)


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    admin_view_roles = (Role.AUDIT,)
    list_display = ["number", "holder", "kind", "issued_on", "expires_on", "status", "reason"]
    list_filter = ["status", "reason", "kind"]
    search_fields = ["number", "holder__username", "holder__full_name"]
    # Status changes go through the actions (API / 工作台) so that each lands in the ledger.
    readonly_fields = ["status", "reason", "reason_text", "status_changed_at"]


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    """Django's own admin log, for the auditor beside the ledger (which holds the same changes)."""

    admin_bureau = "user__bureau"
    admin_view_roles = (Role.AUDIT,)
    admin_manage_roles = ()
    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag"]
    list_filter = ["action_flag", "content_type"]
    date_hierarchy = "action_time"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
