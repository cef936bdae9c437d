"""One guard for text coming in (issue #12 item 8): before any view runs, every query value, form
field and JSON string is checked, so no endpoint can forget it and no bad input reaches the
database as a 500 or a half-written record.

Refused with 400 and a Chinese message naming the field:
- NUL and the other C0 control characters except tab, CR and LF (PostgreSQL cannot store NUL; the
  rest breaks XML exports and hides text from the reader);
- lone UTF-16 surrogates in JSON (``"\\ud800"``: Python decodes them, UTF-8 cannot store them);
- a text longer than ``MAX_TEXT_CHARS`` (default 50,000): a 10 MB "description" would otherwise be
  stored and served to every reader of the list;
- JSON numbers that are NaN/Infinity or larger than 10^15 in magnitude, and number-like strings
  with such an exponent (``1e308``): no amount, id or count of ours comes near, and they overflow
  the database's numeric columns.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from chengguan.core.errors import Invalid

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_BIG_NUMBER_TEXT = re.compile(r"^\s*[+-]?(\d+\.?\d*|\.\d+)[eE]\+?(\d+)\s*$")
_MAX_MAGNITUDE = 1e15


def _problem(value: str) -> str:
    if _SURROGATE.search(value):
        return "含有无效的 Unicode 字符（孤立代理项）"
    if _CONTROL.search(value):
        return "含有不可见的控制字符"
    limit = settings.MAX_TEXT_CHARS
    if len(value) > limit:
        return f"内容过长（最多 {limit} 字）"
    big = _BIG_NUMBER_TEXT.match(value)
    if big and int(big.group(2)) > 15:
        return "数值过大"
    return ""


def _walk(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        problem = _problem(value)
        if problem:
            yield path or "body", problem
    elif isinstance(value, bool):
        return
    elif isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            yield path or "body", "不是有效的数值"
        elif abs(value) > _MAX_MAGNITUDE:
            yield path or "body", "数值过大"
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and _problem(key):
                yield f"{path}.{key}".strip("."), _problem(key)
            yield from _walk(item, f"{path}.{key}".strip("."))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")


def problems(request: HttpRequest) -> dict[str, str]:
    found: dict[str, str] = {}
    # A path parameter (``/power-items/a%00b``) reaches a lookup too: PostgreSQL refuses NUL in
    # any string, so it was a 500 there (found by tests/live, decision 091).
    if _CONTROL.search(request.path):
        found["path"] = "含有不可见的控制字符"
    for key, values in request.GET.lists():
        for value in values:
            problem = _problem(value)
            if problem:
                found.setdefault(key, problem)
    if request.method not in {"POST", "PUT", "PATCH"}:
        return found
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            return found  # the endpoint answers malformed JSON itself
        for path, problem in _walk(body, ""):
            found.setdefault(path, problem)
    elif request.content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        if request.path.startswith("/api/"):
            # The API's envelope middleware reads the raw body later (its NUL check); read it
            # first so that parsing the form below works from the cached copy, not the stream.
            _ = request.body
        for key, values in request.POST.lists():
            for value in values:
                problem = _problem(value)
                if problem:
                    found.setdefault(key, problem)
    return found


def _answer(request: HttpRequest, found: dict[str, str]) -> HttpResponse:
    message = "输入有误：" + "；".join(f"{k} {v}" for k, v in list(found.items())[:5])
    path = request.path
    if path.startswith("/open311/"):
        # GeoReport v2's error list, in the format the path asks for.
        if path.endswith(".xml"):
            body = (
                '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>400</code>'
                f"<description>{_xml_escape(message)}</description></error></errors>"
            )
            return HttpResponse(body, status=400, content_type="text/xml; charset=utf-8")
        return JsonResponse(
            [{"code": 400, "description": message}],
            status=400,
            safe=False,
            json_dumps_params={"ensure_ascii": False},
        )
    if path.startswith("/api/"):
        return JsonResponse(
            Invalid(message, details=found).envelope(),
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    return HttpResponse(
        f"<!doctype html><meta charset='utf-8'><title>输入有误</title><p>{_xml_escape(message)}</p>"
        "<p><a href='javascript:history.back()'>返回修改</a></p>",
        status=400,
        content_type="text/html; charset=utf-8",
    )


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class InputGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(("/static/", "/admin/jsi18n/")):
            found = problems(request)
            if found:
                return _answer(request, found)
        return self.get_response(request)
