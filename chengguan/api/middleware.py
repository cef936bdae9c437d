"""Makes Django's own 404/405/500 answers under /api/ and /open311/ speak the API's envelope."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from chengguan.api.errors import envelope

log = logging.getLogger(__name__)
PREFIX = "/api/"

_PLAIN = {
    404: ("not_found", "接口不存在：请检查路径"),
    405: ("method_not_allowed", "该接口不支持此请求方法"),
}


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get(
        "QUERY_STRING", ""
    ):
        return True
    for values in request.GET.lists():
        if any("\x00" in v for v in values[1]):
            return True
    if request.method in {"POST", "PUT", "PATCH"}:
        body = request.body
        return b"\x00" in body or b"\\u0000" in body
    return False


class ApiEnvelopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(PREFIX) and _has_nul(request):
            # PostgreSQL cannot store NUL in text; no legitimate field contains it.
            return JsonResponse(
                envelope(
                    "invalid", "请求中含有不允许的空字符（\\u0000）", details={"body": "含有空字符"}
                ),
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        response = self.get_response(request)
        if not request.path.startswith(PREFIX) or response.status_code not in _PLAIN:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        code, message = _PLAIN[response.status_code]
        return JsonResponse(
            envelope(code, message),
            status=response.status_code,
            json_dumps_params={"ensure_ascii": False},
        )

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path.startswith(PREFIX):
            return None
        log.exception("unhandled error on %s", request.path)
        return JsonResponse(
            envelope("server_error", "服务器内部错误，已记录；请稍后重试或联系管理员"),
            status=500,
            json_dumps_params={"ensure_ascii": False},
        )
