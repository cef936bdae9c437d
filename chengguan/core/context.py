"""Template context shared by every staff page and the admin."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from chengguan.core.calendar_admin import notice


def calendar_notice(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"calendar_notice": notice()}
