"""The one penalty-case router that every endpoint module of this package registers on."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.penalties import queries

router = Router(tags=["行政处罚"])

R = {200: dict, **ERRORS}


def visible(request: HttpRequest, case_id: int) -> tuple[Any, int]:
    me = actor(request)
    return me, queries.case(me, case_id).pk
