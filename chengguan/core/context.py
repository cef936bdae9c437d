"""Template context shared by every staff page and the admin."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from chengguan.core.calendar_admin import notice


def calendar_notice(request: HttpRequest) -> dict[str, Any]:
    """The missing/provisional calendar banner, for those who can fix it (issue #15 item 9): the
    system administrator (role id as a plain string: core sits below org) and the superuser."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    has_role = getattr(user, "has_role", None)
    if not (user.is_superuser or (callable(has_role) and has_role("admin"))):
        return {}
    return {"calendar_notice": notice()}
