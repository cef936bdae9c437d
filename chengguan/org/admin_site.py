"""The bureau-scoped admin site (issue #12 item 2, decision 071).

Nobody is a superuser in normal operation: a deployment superuser exists only through the CLI
(`chengguan createsuperuser`). The people who open /admin/ are staff holding one of the three
administrative roles (三权分立, GB/T 22239 level 3):

- 系统管理员 ``admin`` keeps the bureau's tables: units, staff accounts, certificates, the law
  catalogue, the city-case configuration;
- 安全管理员 ``security`` grants roles and revokes credentials (API tokens, Open311 keys);
- 审计管理员 ``audit`` reads the ledger and the security trail, and changes nothing.

Every registered ModelAdmin is wrapped at registration with :class:`ScopedMixin`, so a model added
later cannot forget the scoping: its rows are filtered to the user's bureau (``admin_bureau``, the
lookup from the model to its bureau id; the site refuses a model that names none), its foreign-key
choices are limited to the bureau, and each add/change/delete lands in the bureau's ledger with the
old and new values. The admin classes in the lower layers (core, ledger, api) declare their scope as
plain class attributes, so they need not import this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from chengguan.core.security.forms import ThrottledAdminAuthenticationForm
from chengguan.ledger import actions as ledger
from chengguan.org.roles import ADMIN_ROLES, Role

# Fields whose values never go into the ledger, only the fact that they changed.
_SECRET_FIELDS = {"password", "digest"}
_VALUE_LIMIT = 200


def _roles(request: HttpRequest) -> set[str]:
    user = request.user
    role_ids = getattr(user, "role_ids", None)
    return set(role_ids()) if callable(role_ids) else set()


def _superuser(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_superuser", False))


def _bureau_id(request: HttpRequest) -> int | None:
    return getattr(request.user, "bureau_id", None)


def _value(field: str, value: Any) -> Any:
    if field in _SECRET_FIELDS:
        return "（已更改）"
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, QuerySet | list | tuple | set):
        return sorted(str(getattr(v, "pk", v)) for v in value)
    return str(value)[:_VALUE_LIMIT]


def _scoped_choices(db_field: Any, request: HttpRequest, kwargs: dict[str, Any]) -> None:
    """Limit a relation's choices to the user's bureau where the related table has one."""
    if _superuser(request) or "queryset" in kwargs:
        return
    related = db_field.related_model
    names = {f.name for f in related._meta.get_fields()}
    if "bureau" in names or "bureau_id" in names:
        kwargs["queryset"] = related._default_manager.filter(bureau_id=_bureau_id(request))


class _RoleGate:
    """The permission methods shared by model admins and inlines.

    The wrapped class's own ``has_*_permission`` overrides (a read-only admin, a counter that may
    not be edited) still apply: the gate only ever takes permission away. Django's model
    permissions (``user.has_perm``) are not consulted: roles are the bureau's permission model.
    """

    # Set on each wrapped class by BureauAdminSite.register from what the admin declares (the
    # default: the system administrator); declared here for the type checker only.
    admin_view_roles: Iterable[str]
    admin_manage_roles: Iterable[str]

    def _may(self, request: HttpRequest, manage: bool) -> bool:
        if _superuser(request):
            return True
        wanted = set(self.admin_manage_roles)
        if not manage:
            wanted |= set(self.admin_view_roles)
        return bool(wanted & _roles(request))

    def _declared(self, name: str, *args: Any) -> bool:
        """The first override of ``name`` below the gate that is ours, not Django's default."""
        for klass in type(self).__mro__:
            if klass.__module__.startswith("django.contrib.") or klass.__module__ == __name__:
                continue
            method = vars(klass).get(name)
            if method is not None:
                return bool(method(self, *args))
        return True

    def _gate(self, name: str, request: HttpRequest, manage: bool, *args: Any) -> bool:
        if _superuser(request):
            return bool(getattr(super(), name)(request, *args))
        return self._may(request, manage) and self._declared(name, request, *args)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._gate("has_view_permission", request, False, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._gate("has_change_permission", request, True, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._gate("has_delete_permission", request, True, obj)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        _scoped_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        _scoped_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class ScopedInlineMixin(_RoleGate):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._gate("has_add_permission", request, True, obj)


class ScopedMixin(_RoleGate):
    """Bureau scoping, role gates and ledger entries for one registered model admin."""

    model: type[Model]
    admin_bureau: str | None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._gate("has_add_permission", request, True)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _superuser(request) or self._may(request, manage=False)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        rows: QuerySet[Any] = super().get_queryset(request)  # type: ignore[misc]
        if _superuser(request) or self.admin_bureau is None:
            return rows
        return rows.filter(**{self.admin_bureau: _bureau_id(request)})

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        found: dict[str, Any] = super().get_actions(request)  # type: ignore[misc]
        if not _superuser(request):
            # Bulk deletion bypasses delete_model and its ledger entry; one row at a time only.
            found.pop("delete_selected", None)
        return found

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        names = {f.name for f in type(obj)._meta.get_fields()}
        if not _superuser(request) and "bureau" in names and self.admin_bureau == "bureau":
            # A row is always written into the administrator's own bureau, whatever was posted.
            obj.bureau_id = _bureau_id(request)
        obj._admin_diff = {
            name: {
                "old": _value(name, form.initial.get(name)) if change else None,
                "new": _value(name, form.cleaned_data.get(name)),
            }
            for name in getattr(form, "changed_data", [])
        }
        super().save_model(request, obj, form, change)  # type: ignore[misc]

    # The ledger entries: Django calls these inside the view's transaction.
    def _record(self, request: HttpRequest, verb: str, obj: Any, message: Any) -> None:
        diff: dict[str, dict[str, Any]] = getattr(obj, "_admin_diff", None) or {}
        bureau_id = getattr(obj, "bureau_id", None) or _bureau_id(request)
        if bureau_id is None:
            return  # a deployment superuser without a bureau editing a global row
        payload: dict[str, Any] = {
            "model": obj._meta.label_lower,
            "repr": str(obj)[:_VALUE_LIMIT],
            "message": message if isinstance(message, str | list) else str(message),
        }
        if diff:
            payload["old"] = {k: v["old"] for k, v in diff.items()}
            payload["new"] = {k: v["new"] for k, v in diff.items()}
        with transaction.atomic():
            ledger.record(
                request.user,  # type: ignore[arg-type]
                f"admin.{verb}",
                (obj._meta.label_lower, obj.pk),
                payload,
                bureau_id=bureau_id,
            )

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_addition(request, obj, message)  # type: ignore[misc]
        self._record(request, "add", obj, message)
        return entry

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_change(request, obj, message)  # type: ignore[misc]
        self._record(request, "change", obj, message)
        return entry

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        rows = list(queryset)
        entries = super().log_deletions(request, queryset)  # type: ignore[misc]
        for row in rows:
            self._record(request, "delete", row, "删除")
        return entries


def _declares(cls: type[Any], attr: str) -> bool:
    return any(attr in vars(k) for k in cls.__mro__ if k.__module__ != __name__)


_DEFAULT_ROLES: tuple[str, ...] = (Role.ADMIN,)


def _roles_of(cls: type[Any], fallback: dict[str, Any] | None = None) -> dict[str, Any]:
    """The roles an admin class declares, else the fallback's (an inline's parent), else admin."""
    found: dict[str, Any] = {}
    for attr in ("admin_view_roles", "admin_manage_roles"):
        if _declares(cls, attr):
            found[attr] = tuple(getattr(cls, attr))
        elif fallback is not None:
            found[attr] = fallback[attr]
        else:
            found[attr] = _DEFAULT_ROLES
    return found


def _inline(inline: type[Any], parent_roles: dict[str, Any]) -> type[Any]:
    """An inline gated like its parent admin unless it declares its own roles."""
    attrs: dict[str, Any] = {"__module__": inline.__module__, **_roles_of(inline, parent_roles)}
    return type(inline.__name__, (ScopedInlineMixin, inline), attrs)


def _bureau_lookup(model: type[Model], admin_class: type[Any]) -> str | None:
    if _declares(admin_class, "admin_bureau"):
        declared: str | None = admin_class.admin_bureau
        return declared
    names = {f.name for f in model._meta.get_fields()}
    for candidate in ("bureau", "bureau_id"):
        if candidate in names:
            return candidate
    raise ImproperlyConfigured(
        f"{model._meta.label}: 管理后台须声明 admin_bureau（到所属机关的查询路径），"
        "或 admin_bureau = None 表明是全局表"
    )


class BureauAuthenticationForm(ThrottledAdminAuthenticationForm):
    """The admin login: the shared throttle, and an administrative role instead of is_staff."""

    def confirm_login_allowed(self, user: Any) -> None:
        has_role = getattr(user, "has_role", None)
        allowed = user.is_active and (
            user.is_superuser or (callable(has_role) and has_role(*ADMIN_ROLES))
        )
        if not allowed:
            raise forms.ValidationError(
                "该账户没有管理后台权限（需系统管理员、安全管理员或审计管理员角色）",
                code="invalid_login",
            )


class BureauAdminSite(admin.AdminSite):
    site_header = "城管依法行政平台 · 管理后台"
    site_title = "城管依法行政平台"
    index_title = "系统管理"
    login_form = BureauAuthenticationForm
    # Roles are the bureau's permission model; Django's groups are not used (and have no bureau).
    unused_models = frozenset({"auth.group"})

    # --- helper:security ---
    @method_decorator(never_cache)
    @login_not_required
    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        """Django's admin login, with the TOTP step after the password (decision 079)."""
        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        from chengguan.org.views import SecondFactorLoginView  # loads org's models

        context = {
            **self.each_context(request),
            "title": "登录",
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        context.update(extra_context or {})
        request.current_app = self.name
        return SecondFactorLoginView.as_view(
            extra_context=context,
            authentication_form=self.login_form,
            template_name=self.login_template or "admin/login.html",
        )(request)

    # --- /helper:security ---

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        if not user.is_active:
            return False
        return _superuser(request) or bool(_roles(request) & set(ADMIN_ROLES))

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        base = admin_class or admin.ModelAdmin
        single = isinstance(model_or_iterable, type) and issubclass(model_or_iterable, Model)
        models_: list[type[Model]] = [model_or_iterable] if single else list(model_or_iterable)
        for model in models_:
            if model._meta.swapped or model._meta.label_lower in self.unused_models:
                continue  # auth.User is swapped for org.Staff
            roles = _roles_of(base)
            scoped = type(
                base.__name__,
                (ScopedMixin, base),
                {
                    "__module__": base.__module__,
                    "admin_bureau": _bureau_lookup(model, base),
                    **roles,
                    "inlines": [_inline(i, roles) for i in getattr(base, "inlines", [])],
                },
            )
            super().register(model, scoped, **options)
