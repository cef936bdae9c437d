"""Show a refusal as a page a person can act on: what was refused, which rule and article, what next."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from chengguan.core.errors import ChengguanError, ProcedureError
from chengguan.web.context import page

TITLES = {
    400: "输入有误",
    403: "无权操作",
    404: "未找到",
    409: "操作被拒绝",
    413: "文件过大",
    415: "文件类型不受支持",
    429: "请求过于频繁",
}


def refusal(exc: ChengguanError) -> dict[str, Any]:
    """The template-friendly view of an error: also used inline next to a form."""
    violations = list(exc.details.get("violations", [])) if exc.details else []
    fields = {
        k: v for k, v in (exc.details or {}).items() if k != "violations" and isinstance(v, str)
    }
    return {
        "status": exc.status,
        "title": TITLES.get(exc.status, "出错了"),
        "code": exc.code,
        "rule": exc.rule if isinstance(exc, ProcedureError) and exc.rule != "state" else "",
        "message": exc.message,
        "article": exc.article,
        "violations": violations,
        "fields": fields,
    }


def error_page(request: HttpRequest, exc: ChengguanError) -> HttpResponse:
    return render(request, "web/error.html", page(request, error=refusal(exc)), status=exc.status)


def staff_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Signed-in only; any ChengguanError raised by a query or action becomes the error page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except ChengguanError as exc:
            return error_page(request, exc)
        except Http404:
            from chengguan.core.errors import NotFound

            return error_page(request, NotFound("未找到该对象，或您无权查看"))

    return login_required(wrapper)
