"""/api/v1/province/…: what a province or city supervisor reads (issue #16, decision 085).

Read-only by construction: this router has no write operation, and the supervisor's role is
granted nothing in any bureau's domain, whose endpoints answer 404 (another bureau) to it.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.core.errors import Invalid
from chengguan.province import actions, queries
from chengguan.reports.figures import compute

router = Router(tags=["上级主管部门监督"])
R = {200: dict, **ERRORS}


def _year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise Invalid("年度无效", details={"year": "应为 2000 到 2100 之间的年份"})
    return year


@router.get("/province/bureaus", response=R, summary="监督范围内的机关")
def bureaus(request: HttpRequest) -> dict[str, Any]:
    me = actor(request)
    body = queries.body(me)
    units = queries.bureaus(me)
    return {
        "body": {"code": body.code, "name": body.name, "kind": body.kind},
        "bureaus": [
            {
                "code": u.code,
                "name": u.name,
                "division_code": u.division_code,
                "oversight": u.oversight.code if u.oversight else None,
            }
            for u in units
        ],
    }


@router.get("/province/indicators", response=R, summary="监督范围内各机关的年度指标及合计")
def indicators(request: HttpRequest, year: int) -> dict[str, Any]:
    return queries.indicators(actor(request), _year(year))


@router.get(
    "/province/bureaus/{code}/figures/{year}", response=R, summary="某机关的年度报告数字（只读）"
)
def bureau_figures(request: HttpRequest, code: str, year: int) -> dict[str, Any]:
    unit = queries.bureau(actor(request), code)
    result = compute(unit, _year(year))
    return {"year": year, "bureau": unit.code, "figures": result.as_dict()}


@router.get(
    "/province/bureaus/{code}/penalty-cases", response=R, summary="某机关的年度行政处罚案件目录"
)
def penalty_cases(request: HttpRequest, code: str, year: int) -> dict[str, Any]:
    return {"items": queries.penalty_cases(actor(request), code, _year(year))}


@router.get(
    "/province/bureaus/{code}/penalty-cases/{case_id}",
    response=R,
    summary="调阅行政处罚案卷（只读，调阅记入该机关的全过程记录）",
)
def penalty_case(request: HttpRequest, code: str, case_id: int) -> dict[str, Any]:
    return actions.read_penalty_case(actor=actor(request), bureau_code=code, case_id=case_id)


@router.get(
    "/province/bureaus/{code}/city-cases/{case_id}",
    response=R,
    summary="调阅数字城管案件（只读，调阅记入该机关的全过程记录）",
)
def city_case(request: HttpRequest, code: str, case_id: int) -> dict[str, Any]:
    return actions.read_city_case(actor=actor(request), bureau_code=code, case_id=case_id)
