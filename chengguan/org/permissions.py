"""``require(actor, perm, obj)``: role and scope, checked at the start of every action.

Each domain registers the roles that may perform its permissions with ``grant``; an unregistered
permission is a programming error. Scope: an object of another bureau is reported as not found (404),
never as forbidden, so its existence does not leak.
"""

from __future__ import annotations

from typing import Any

from chengguan.core.errors import Forbidden, NotFound
from chengguan.org.models import Staff
from chengguan.org.roles import Role

_GRANTS: dict[str, frozenset[str]] = {}


def grant(perms: dict[str, set[str] | frozenset[str]]) -> None:
    for perm, roles in perms.items():
        unknown = set(roles) - set(Role.values)
        if unknown:
            raise ValueError(f"unknown roles for {perm}: {unknown}")
        _GRANTS[perm] = frozenset(roles)


def roles_for(perm: str) -> frozenset[str]:
    return _GRANTS[perm]


def same_bureau(actor: Staff, obj: Any) -> bool:
    bureau_id = getattr(obj, "bureau_id", None)
    return bureau_id is None or bureau_id == actor.bureau_id


def can(actor: Staff, perm: str, obj: Any = None) -> bool:
    if not actor.is_active or actor.bureau_id is None:
        return False
    if obj is not None and not same_bureau(actor, obj):
        return False
    return actor.has_role(*_GRANTS[perm])


def require(actor: Staff, perm: str, obj: Any = None) -> None:
    """Raise NotFound for another bureau's object, Forbidden for a role that may not do ``perm``."""
    roles = _GRANTS[perm]
    if obj is not None and not same_bureau(actor, obj):
        raise NotFound("未找到该对象，或您无权查看")
    if not actor.is_active or actor.bureau_id is None or not actor.has_role(*roles):
        names = "、".join(Role(r).label for r in sorted(roles))
        raise Forbidden(f"您的角色不能执行此操作（需要：{names}）", details={"permission": perm})


grant(
    {
        "org.view": set(Role.values),
        "org.certificate.issue": {Role.ADMIN},
        "org.certificate.suspend": {Role.ADMIN},
        "org.certificate.cancel": {Role.ADMIN},
        "org.certificate.reinstate": {Role.ADMIN},
        "org.staff.manage": {Role.ADMIN},
        # The audit administrator's exports (org/audit.py, decision 073).
        "audit.view": {Role.AUDIT},
        # --- helper:security ---
        # Decision 079: the security administrator removes a lost second factor (三权分立).
        "org.totp.reset": {Role.SECURITY},
        # --- /helper:security ---
        # --- helper:demo --- decision 089: a holiday notice entered in bulk (one calendar for
        # the deployment, as in the admin; decision 071).
        "org.calendar.notice": {Role.ADMIN},
        # --- /helper:demo ---
    }
)
