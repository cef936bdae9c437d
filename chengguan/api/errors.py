"""Every error leaves the API as the envelope of API.md, with a Chinese message."""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from chengguan.core.errors import ChengguanError

log = logging.getLogger(__name__)

_PYDANTIC_MESSAGES = {
    "missing": "必填",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "float_parsing": "应为数字",
    "decimal_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "datetime_parsing": "应为带时区的时间（ISO 8601）",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "literal_error": "取值不在允许范围内",
    "enum": "取值不在允许范围内",
    "string_too_short": "不能为空",
    "string_too_long": "过长",
    "too_short": "数量不足",
    "too_long": "数量过多",
    "greater_than": "数值过小",
    "greater_than_equal": "数值过小",
    "less_than": "数值过大",
    "less_than_equal": "数值过大",
    "decimal_max_places": "最多两位小数",
    "extra_forbidden": "不允许的字段",
    "json_invalid": "不是有效的 JSON",
}
_LOCATIONS = {"body", "query", "path", "form", "header", "cookie", "file"}


class ErrorBody(Schema):
    code: str
    message: str
    article: str = ""
    details: dict[str, Any] = {}


class ErrorOut(Schema):
    error: ErrorBody


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def envelope(
    code: str, message: str, article: str = "", details: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "error": {"code": code, "message": message, "article": article, "details": details or {}}
    }


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if str(p) not in _LOCATIONS]
    # ninja nests the body under the parameter name ("payload"); strip it for clients.
    if len(parts) > 1 and parts[0] in {"payload", "data", "body", "filters", "params"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


def validation_details(errors: list[dict[str, Any]]) -> dict[str, str]:
    details: dict[str, str] = {}
    for err in errors:
        field = _field_name(err.get("loc", ()))
        msg = _PYDANTIC_MESSAGES.get(str(err.get("type", "")))
        if msg is None:
            raw = str(err.get("msg", ""))
            msg = (
                raw.removeprefix("Value error, ") if raw.startswith("Value error, ") else "取值无效"
            )
        details.setdefault(field, msg)
    return details


def install(api: NinjaAPI) -> None:
    def on_ours(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, exc.envelope(), status=exc.status)

    def on_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        details = validation_details(list(exc.errors))
        fields = "、".join(details)
        return api.create_response(
            request, envelope("invalid", f"请求有误：{fields}", details=details), status=400
        )

    def on_auth(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(
            request, envelope("unauthenticated", "未登录或令牌无效，请先获取令牌"), status=401
        )

    def on_http(request: HttpRequest, exc: Any) -> HttpResponse:
        status = exc.status_code
        if status == 400:
            body = envelope("invalid", "请求体不是有效的 JSON", details={"body": "不是有效的 JSON"})
        elif status == 401:
            body = envelope("unauthenticated", "未登录或令牌无效，请先获取令牌")
        elif status == 403:
            body = envelope("forbidden", "您无权执行此操作")
        elif status == 404:
            body = envelope("not_found", "未找到")
        elif status == 405:
            body = envelope("method_not_allowed", "不支持该请求方法")
        elif status == 429:
            body = envelope("throttled", "请求过于频繁，请稍后再试")
        else:
            body = envelope("error", str(exc))
        return api.create_response(request, body, status=status)

    def on_404(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(
            request, envelope("not_found", "未找到该对象，或您无权查看"), status=404
        )

    api.add_exception_handler(ChengguanError, on_ours)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(AuthenticationError, on_auth)
    api.add_exception_handler(HttpError, on_http)
    api.add_exception_handler(Http404, on_404)
