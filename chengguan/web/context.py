"""What every staff page's base template needs."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from chengguan.citycases.geo import tile_url
from chengguan.core import clock
from chengguan.inbox.queries import unread_count
from chengguan.org.models import Staff
from chengguan.org.roles import Role
from chengguan.web.navigation import items_for


def page(request: HttpRequest, current: str = "", **extra: Any) -> dict[str, Any]:
    user = request.user
    ctx: dict[str, Any] = {"nav_current": current, "now": clock.now(), "tile_url": tile_url()}
    if isinstance(user, Staff) and user.is_authenticated:
        ctx["nav"] = items_for(user, current)
        ctx["role_labels"] = "、".join(Role(r).label for r in sorted(user.role_ids()))
        ctx["unread"] = unread_count(user)  # the header's inbox badge (decision 075)
    ctx.update(extra)
    return ctx
