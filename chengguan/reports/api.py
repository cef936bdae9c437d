"""Report endpoints: the year's figures with their methods, and the report as a download."""

from __future__ import annotations

from typing import Any, Literal
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from ninja import Router

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.core.errors import Invalid
from chengguan.org.permissions import require
from chengguan.reports import method721  # --- helper:stalls ---
from chengguan.reports.figures import compute
from chengguan.reports.service import annual_report_for

router = Router(tags=["法治政府建设年度报告"])


def _year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise Invalid("年度无效", details={"year": "应为 2000 到 2100 之间的年份"})
    return year


@router.get(
    "/reports/annual/{year}/figures",
    response={200: dict, **ERRORS},
    summary="年度报告的全部数字及其计算方法",
)
def figures(request: HttpRequest, year: int) -> dict[str, Any]:
    me = actor(request)
    require(me, "reports.view")
    assert me.bureau is not None
    result = compute(me.bureau, _year(year))
    return {"year": year, "bureau": me.bureau.code, "figures": result.as_dict()}


@router.get("/reports/annual/{year}", response={200: Any, **ERRORS}, summary="下载年度报告")
def download(
    request: HttpRequest, year: int, format: Literal["md", "docx", "pdf"] = "pdf"
) -> HttpResponse:
    me = actor(request)
    content, content_type, name = annual_report_for(me, _year(year), format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


# --- helper:stalls ---
@router.get(
    "/stats/721",
    response={200: dict, **ERRORS},
    summary="“721”工作法：服务、管理、执法的数量与占比（按单位和年度）",
)
def figures_721(request: HttpRequest, year: int) -> dict[str, Any]:
    me = actor(request)
    require(me, "reports.view")
    assert me.bureau is not None
    return method721.figures(me.bureau, _year(year))


# --- /helper:stalls ---
