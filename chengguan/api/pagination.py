"""List responses: ``{"items", "count", "count_is_estimate", "next"}`` with ``?page=&page_size=``
(max 200). The count stops at ``COUNT_CAP`` (decision 092): beyond it ``count`` is the cap, a
lower bound, and ``count_is_estimate`` is true; ``next`` is still exact (one row more is read)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest

from chengguan.core.bounded import bounded_count  # --- helper:rollups ---
from chengguan.core.errors import Invalid

T = TypeVar("T")
MAX_PAGE_SIZE = 200
MAX_PAGE = 1_000_000
DEFAULT_PAGE_SIZE = 50


def page_params(request: HttpRequest) -> tuple[int, int]:
    errors: dict[str, str] = {}
    try:
        page = int(request.GET.get("page", "1"))
        if page < 1:
            errors["page"] = "页码应为正整数"
        elif page > MAX_PAGE:
            # a 20-digit page number overflows the database's OFFSET (issue #12 item 8)
            errors["page"] = f"页码过大（最大 {MAX_PAGE}）"
    except ValueError:
        page, errors["page"] = 1, "页码应为正整数"
    try:
        size = int(request.GET.get("page_size", str(DEFAULT_PAGE_SIZE)))
        if not 1 <= size <= MAX_PAGE_SIZE:
            errors["page_size"] = f"每页条数应在 1 到 {MAX_PAGE_SIZE} 之间"
    except ValueError:
        size, errors["page_size"] = DEFAULT_PAGE_SIZE, "每页条数应为整数"
    if errors:
        raise Invalid("分页参数有误", details=errors)
    return page, size


def paginate(
    request: HttpRequest,
    rows: QuerySet[Any] | Sequence[Any],
    serialize: Callable[[Any], Any],
) -> dict[str, Any]:
    page, size = page_params(request)
    if isinstance(rows, QuerySet):
        count, estimate = bounded_count(rows)
    else:
        count, estimate = len(rows), False
    start = (page - 1) * size
    window = list(rows[start : start + size + 1])
    items = [serialize(r) for r in window[:size]]
    next_url = None
    if len(window) > size:
        query = request.GET.copy()
        query["page"] = str(page + 1)
        query["page_size"] = str(size)
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    if estimate and start + len(window) > count:
        count = start + len(window)  # still a lower bound, never below what was seen
    return {"items": items, "count": count, "count_is_estimate": estimate, "next": next_url}
