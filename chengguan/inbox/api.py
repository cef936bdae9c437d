"""``GET /api/v1/inbox`` and ``POST /api/v1/inbox/read``: the caller's own messages only."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.api.pagination import paginate
from chengguan.inbox import actions, queries
from chengguan.inbox.models import Notification

router = Router(tags=["消息提醒"])


def notification_out(n: Notification) -> dict[str, Any]:
    return {
        "id": n.pk,
        "kind": n.kind,
        "kind_label": n.get_kind_display(),
        "title": n.title,
        "link": n.link,
        "created_at": n.created_at.isoformat(),
        "read": n.read_at is not None,
    }


@router.get("/inbox", response={200: dict, **ERRORS}, summary="我的消息")
def inbox(request: HttpRequest, unread: bool = False) -> dict[str, Any]:
    me = actor(request)
    page = paginate(request, queries.inbox(me, unread_only=unread), notification_out)
    page["unread"] = queries.unread_count(me)
    return page


class ReadIn(Schema):
    ids: list[int] | None = None


@router.post("/inbox/read", response={200: dict, **ERRORS}, summary="标为已读")
def read(request: HttpRequest, payload: ReadIn) -> dict[str, Any]:
    me = actor(request)
    marked = actions.mark_read(reader=me, ids=payload.ids)
    return {"marked": marked, "unread": queries.unread_count(me)}
