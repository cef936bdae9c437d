"""REST endpoints of 数字城管 and 12345 (API.md "City cases"); thin: actions and queries do the work."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from pydantic import Field

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.api.pagination import paginate
from chengguan.api.parsing import query_date
from chengguan.citycases import actions, queries, routing
from chengguan.citycases.models import Category, CityCase, Grid
from chengguan.citycases.states import HOTLINE_SOURCES
from chengguan.core import clock
from chengguan.core.errors import Invalid
from chengguan.core.pii import mask_name, mask_phone
from chengguan.core.spreadsheets import export_format, figures_response
from chengguan.org.permissions import require
from chengguan.permits import queries as permit_queries  # --- helper:permits2 ---

router = Router(tags=["数字城管与12345"])


# ---------------------------------------------------------------------------------------------
# serialisation


def category_out(cat: Category) -> dict[str, Any]:
    return {
        "code": cat.code,
        "name": cat.name,
        "kind": cat.kind,
        "kind_label": cat.get_kind_display(),
        "major_code": cat.major_code,
        "major_name": cat.major_name,
        "filing_condition": cat.filing_condition,
        "closing_condition": cat.closing_condition,
        "limits": {
            "file_hours": float(cat.file_limit_hours),
            "dispatch_hours": float(cat.dispatch_limit_hours),
            "handle": cat.handle_limit,
            "handle_urgent": cat.urgent_handle_limit,
            "handle_unit": cat.handle_limit_unit,
            "verify_hours": float(cat.verify_limit_hours),
            "close_hours": float(cat.close_limit_hours),
        },
        "default_unit": cat.default_unit.code if cat.default_unit else None,
        "public": cat.public,
    }


def grid_feature(grid: Grid) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": grid.code,
        "geometry": grid.geometry,
        "properties": {
            "code": grid.code,
            "street_code": grid.street_code,
            "street": grid.street_name,
            "community_code": grid.community_code,
            "community": grid.community_name,
            "unit": grid.unit.code if grid.unit else None,
        },
    }


def _t(value: dt.datetime | None) -> str | None:
    return clock.local(value).isoformat() if value is not None else None


def case_out(case: CityCase) -> dict[str, Any]:
    now = clock.now()
    out: dict[str, Any] = {
        "id": case.pk,
        "number": case.number,
        "source": case.source,
        "source_label": case.get_source_display(),
        "category": case.category.code,
        "category_name": case.category.name,
        "kind": case.category.kind,
        "description": case.description,
        "location": case.location,
        "address": case.address,
        "grid": case.grid.code,
        "community": case.grid.community_name,
        "street": case.grid.street_name,
        "area_unit": case.area_unit.code if case.area_unit else None,
        "status": case.status,
        "status_label": case.get_status_display(),
        "urgent": case.urgent,
        "unit": case.unit.code if case.unit else None,
        "proposed_unit": case.proposed_unit.code if case.proposed_unit else None,
        "reported_at": _t(case.reported_at),
        "filed_at": _t(case.filed_at),
        "dispatched_at": _t(case.dispatched_at),
        "handled_at": _t(case.handled_at),
        "verified_at": _t(case.verified_at),
        "closed_at": _t(case.closed_at),
        "rejected_at": _t(case.rejected_at),
        "due": {
            "file": _t(case.file_due),
            "dispatch": _t(case.dispatch_due),
            "handle": _t(case.handle_due),
            "verify": _t(case.verify_due),
            "close": _t(case.close_due),
            "current": _t(case.current_due),
        },
        "on_time": {
            "file": case.file_on_time,
            "dispatch": case.dispatch_on_time,
            "handle": case.handle_on_time,
            "verify": case.verify_on_time,
            "close": case.close_on_time,
        },
        "overdue": case.current_due is not None and case.current_due < now,
        "rework_count": case.rework_count,
        "return_count": case.return_count,
        "extension_count": case.extension_count,
        "reopen_count": case.reopen_count,
        "outcome_721": case.outcome_721 or None,  # --- helper:service ---
        "suspended": case.suspended,
        "handle_work_hours": case.handle_work_hours,
        "result": case.result,
        "reject_reason": case.reject_reason,
        "merged_into": case.merged_into_id,
        "duplicates": list(case.duplicate_candidates or []),
        "media_url": case.media_url or None,
        "hotline": case.source in HOTLINE_SOURCES,
        "reply": case.reply,
        "replied_at": _t(case.replied_at),
        "satisfaction": case.satisfaction or None,
        "callback_at": _t(case.callback_at),
        # --- helper:stalls --- street trading inside an open 便民临时摊点 is told apart
        "inside_stall_point": queries.inside_stall_point(case),
        # --- helper:permits2 --- the permit the matter breaks, or 无证 (issue #14)
        "permit_link": permit_queries.link_payload(case.permit_link) if case.permit_link else None,
        # --- /helper:permits2 ---
    }
    if case.source in HOTLINE_SOURCES or case.requester_name or case.requester_phone:
        # PI-1: shown masked; the clear value never leaves through the API.
        out["requester"] = {
            "name": mask_name(case.requester_name),
            "phone": mask_phone(case.requester_phone),
        }
    out["extensions"] = [
        {
            "hours": float(e.hours),
            "reason": e.reason,
            "decision": e.decision,
            "requested_at": _t(e.requested_at),
            "decided_at": _t(e.decided_at),
            "note": e.note,
        }
        for e in case.extensions.all()
    ]
    out["steps"] = [
        {
            "at": _t(s.at),
            "who": s.actor_name,
            "action": s.action,
            "from": s.from_status or None,
            "to": s.to_status,
            "note": s.note,
            "unit": s.unit.code if s.unit else None,
            "due": _t(s.due),
            "on_time": s.on_time,
        }
        for s in _steps(case)
    ]
    return out


def _steps(case: CityCase) -> Any:
    cached = getattr(case, "_prefetched_objects_cache", {})
    if "steps" in cached:
        return cached["steps"]
    return case.steps.select_related("unit").order_by("at", "id")


def case_row(case: CityCase) -> dict[str, Any]:
    """A list item: the case without its history."""
    now = clock.now()
    return {
        "id": case.pk,
        "number": case.number,
        "source": case.source,
        "category": case.category.code,
        "category_name": case.category.name,
        "description": case.description,
        "address": case.address,
        "location": case.location,
        "grid": case.grid.code,
        "status": case.status,
        "status_label": case.get_status_display(),
        "urgent": case.urgent,
        "unit": case.unit.code if case.unit else None,
        "reported_at": _t(case.reported_at),
        "due": _t(case.current_due),
        "overdue": case.current_due is not None and case.current_due < now,
        "rework_count": case.rework_count,
        "return_count": case.return_count,
        "suspended": case.suspended,
    }


def _fresh(request: HttpRequest, case: CityCase) -> dict[str, Any]:
    # Serialised from the action's own row: after a return (退单) the handler no longer sees the
    # case, yet the answer to its own action is still the whole case (API.md).
    return case_out(case)


# ---------------------------------------------------------------------------------------------
# categories and grids


@router.get("/categories", response={200: dict, **ERRORS}, summary="案件类别（GB/T 30428.2）")
def list_categories(request: HttpRequest, kind: str | None = None) -> dict[str, Any]:
    me = actor(request)
    require(me, "citycases.view")
    rows = queries.categories(me)
    if kind:
        rows = rows.filter(kind=kind)
    return paginate(request, rows, category_out)


@router.get("/grids", response={200: dict, **ERRORS}, summary="单元网格（GeoJSON）")
def list_grids(request: HttpRequest) -> dict[str, Any]:
    me = actor(request)
    require(me, "citycases.view")
    return {"type": "FeatureCollection", "features": [grid_feature(g) for g in queries.grids(me)]}


@router.get("/grids/locate", response={200: dict, **ERRORS}, summary="由经纬度定位单元网格")
def locate_grid(
    request: HttpRequest, lon: str = "", lat: str = "", category: str | None = None
) -> dict[str, Any]:
    me = actor(request)
    require(me, "citycases.view")
    if not lon or not lat:
        raise Invalid("缺少经纬度", details={"location": "请提供 lon 和 lat"})
    x, y = actions._point(lon, lat)
    grid = actions.locate_grid(int(me.bureau_id or 0), x, y)
    out = grid_feature(grid)["properties"]
    if category:
        cat = queries.categories(me).filter(code=category).first()
        if cat is None:
            raise Invalid("案件类别不存在", details={"category": "案件类别不存在或未启用"})
        unit = routing.propose(cat, grid)
        out["proposed_unit"] = unit.code if unit else None
    return out


# ---------------------------------------------------------------------------------------------
# cases


class LocationIn(Schema):
    lon: float
    lat: float


class RequesterIn(Schema):
    name: str = Field("", max_length=60)
    phone: str = Field("", max_length=30)


class ReportIn(Schema):
    source: str
    category: str
    description: str
    location: LocationIn
    address: str = Field("", max_length=200)
    urgent: bool = False
    requester: RequesterIn | None = None


@router.post("/city-cases", response={201: dict, **ERRORS}, summary="上报案件 / 登记工单")
def report_case(request: HttpRequest, payload: ReportIn) -> Status[dict[str, Any]]:
    me = actor(request)
    case = actions.report(
        actor=me,
        source=payload.source,
        category=payload.category,
        description=payload.description,
        lon=payload.location.lon,
        lat=payload.location.lat,
        address=payload.address,
        urgent=payload.urgent,
        requester_name=payload.requester.name if payload.requester else "",
        requester_phone=payload.requester.phone if payload.requester else "",
    )
    return Status(201, _fresh(request, case))


@router.get("/city-cases", response={200: dict, **ERRORS}, summary="案件列表 / 超期工作单")
def list_cases(
    request: HttpRequest,
    status: str | None = None,
    source: str | None = None,
    unit: str | None = None,
    overdue: str | None = None,
    category: str | None = None,
    grid: str | None = None,
) -> dict[str, Any]:
    me = actor(request)
    require(me, "citycases.view")
    rows = queries.case_list(
        me, status=status, source=source, unit=unit, overdue=overdue, category=category, grid=grid
    )
    return paginate(request, rows, case_row)


@router.get("/city-cases/{case_id}", response={200: dict, **ERRORS}, summary="案件详情")
def get_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    me = actor(request)
    require(me, "citycases.view")
    return case_out(queries.case(me, case_id))


class CityCaseFileIn(Schema):
    category: str | None = None
    urgent: bool | None = None


class CityCaseReasonIn(Schema):
    reason: str = Field("", max_length=2000)


class DispatchIn(Schema):
    unit: str | None = None
    note: str = Field("", max_length=2000)


class HandleIn(Schema):
    result: str = Field("", max_length=4000)


class VerifyIn(Schema):
    passed: bool
    note: str = Field("", max_length=2000)


class CloseIn(Schema):
    reply: str = Field("", max_length=4000)
    outcome_721: str = ""  # --- helper:service --- service | management | enforcement


class CallbackIn(Schema):
    satisfaction: str
    note: str = Field("", max_length=2000)


class MergeIn(Schema):
    into: int
    reason: str = Field("", max_length=2000)


class CityCaseExtendIn(Schema):
    hours: float
    reason: str = Field("", max_length=2000)


class CityCaseExtensionDecideIn(Schema):
    approved: bool
    note: str = Field("", max_length=2000)


class NoteIn(Schema):
    note: str = Field("", max_length=2000)


def _do(request: HttpRequest, fn: Any, case_id: int, **kwargs: Any) -> dict[str, Any]:
    case = fn(actor=actor(request), case_id=case_id, **kwargs)
    return _fresh(request, case)


@router.post("/city-cases/{case_id}/file", response={200: dict, **ERRORS}, summary="受理立案")
def file_case(request: HttpRequest, case_id: int, payload: CityCaseFileIn) -> dict[str, Any]:
    return _do(request, actions.file, case_id, category=payload.category, urgent=payload.urgent)


@router.post("/city-cases/{case_id}/reject", response={200: dict, **ERRORS}, summary="不予立案")
def reject_case(request: HttpRequest, case_id: int, payload: CityCaseReasonIn) -> dict[str, Any]:
    return _do(request, actions.reject, case_id, reason=payload.reason)


@router.post("/city-cases/{case_id}/merge", response={200: dict, **ERRORS}, summary="合并重复案件")
def merge_case(request: HttpRequest, case_id: int, payload: MergeIn) -> dict[str, Any]:
    return _do(request, actions.merge, case_id, into=payload.into, reason=payload.reason)


@router.post("/city-cases/{case_id}/dispatch", response={200: dict, **ERRORS}, summary="派遣")
def dispatch_case(request: HttpRequest, case_id: int, payload: DispatchIn) -> dict[str, Any]:
    return _do(request, actions.dispatch, case_id, unit=payload.unit, note=payload.note)


@router.post("/city-cases/{case_id}/return", response={200: dict, **ERRORS}, summary="退单")
def return_case(request: HttpRequest, case_id: int, payload: CityCaseReasonIn) -> dict[str, Any]:
    return _do(request, actions.return_case, case_id, reason=payload.reason)


@router.post("/city-cases/{case_id}/handle", response={200: dict, **ERRORS}, summary="处置反馈")
def handle_case(request: HttpRequest, case_id: int, payload: HandleIn) -> dict[str, Any]:
    return _do(request, actions.handle, case_id, result=payload.result)


@router.post(
    "/city-cases/{case_id}/verify", response={200: dict, **ERRORS}, summary="核查（不通过即返工）"
)
def verify_case(request: HttpRequest, case_id: int, payload: VerifyIn) -> dict[str, Any]:
    return _do(request, actions.verify, case_id, passed=payload.passed, note=payload.note)


@router.post("/city-cases/{case_id}/close", response={200: dict, **ERRORS}, summary="结案 / 办结")
def close_case(request: HttpRequest, case_id: int, payload: CloseIn) -> dict[str, Any]:
    return _do(
        request,
        actions.close,
        case_id,
        reply=payload.reply,
        outcome_721=payload.outcome_721,  # --- helper:service ---
    )


# --- helper:permits2 ---
class PermitLinkIn(Schema):
    permit: str = Field("", max_length=40)
    unlicensed_kind: str = Field("", max_length=40)
    note: str = Field("", max_length=300)


@router.post(
    "/city-cases/{case_id}/permit-link",
    response={200: dict, **ERRORS},
    summary="登记涉及的许可（或无证）",
)
def link_case_permit(request: HttpRequest, case_id: int, payload: PermitLinkIn) -> dict[str, Any]:
    return _do(
        request,
        actions.link_permit,
        case_id,
        permit=payload.permit,
        unlicensed_kind=payload.unlicensed_kind,
        note=payload.note,
    )


# --- /helper:permits2 ---


class RevealIn(Schema):
    reason: str = Field("", max_length=500)


@router.post(
    "/city-cases/{case_id}/requester/reveal",
    response={200: dict, **ERRORS},
    summary="查看诉求人完整联系方式（须说明用途，留痕）",
)
def reveal_requester(
    request: HttpRequest, response: HttpResponse, case_id: int, payload: RevealIn
) -> dict[str, Any]:
    clear = actions.reveal_requester(actor=actor(request), case_id=case_id, reason=payload.reason)
    # Personal data: no cache on the way may keep it.
    response["Cache-Control"] = "no-store"
    return {"requester": clear, "recorded": True}


@router.post("/city-cases/{case_id}/callback", response={200: dict, **ERRORS}, summary="回访")
def callback_case(request: HttpRequest, case_id: int, payload: CallbackIn) -> dict[str, Any]:
    return _do(
        request, actions.callback, case_id, satisfaction=payload.satisfaction, note=payload.note
    )


@router.post(
    "/city-cases/{case_id}/reopen", response={200: dict, **ERRORS}, summary="重新启用已结案件"
)
def reopen_case(request: HttpRequest, case_id: int, payload: CityCaseReasonIn) -> dict[str, Any]:
    return _do(request, actions.reopen, case_id, reason=payload.reason)


@router.post("/city-cases/{case_id}/extend", response={200: dict, **ERRORS}, summary="申请延期")
def extend_case(request: HttpRequest, case_id: int, payload: CityCaseExtendIn) -> dict[str, Any]:
    return _do(
        request, actions.request_extension, case_id, hours=payload.hours, reason=payload.reason
    )


@router.post(
    "/city-cases/{case_id}/decide_extension", response={200: dict, **ERRORS}, summary="审批延期"
)
def decide_extension(
    request: HttpRequest, case_id: int, payload: CityCaseExtensionDecideIn
) -> dict[str, Any]:
    return _do(
        request, actions.decide_extension, case_id, approved=payload.approved, note=payload.note
    )


@router.post("/city-cases/{case_id}/suspend", response={200: dict, **ERRORS}, summary="挂账")
def suspend_case(request: HttpRequest, case_id: int, payload: CityCaseReasonIn) -> dict[str, Any]:
    return _do(request, actions.suspend, case_id, reason=payload.reason)


@router.post("/city-cases/{case_id}/resume", response={200: dict, **ERRORS}, summary="恢复办理")
def resume_case(request: HttpRequest, case_id: int, payload: NoteIn) -> dict[str, Any]:
    return _do(request, actions.resume, case_id, note=payload.note)


# ---------------------------------------------------------------------------------------------
# indicators


# The message names the period: these dates bound the reporting period of the indicators.
_PERIOD = "统计期间有误"


@router.get(
    "/stats/city-cases",
    response={200: dict, **ERRORS},
    summary="数字城管与12345 考核指标（GB/T 30428.4）",
)
def stats(request: HttpRequest) -> Any:
    me = actor(request)
    require(me, "citycases.stats")
    fmt = export_format(request)  # ?format=csv|xlsx: the same figures as a sheet (issue #15)
    by = {b.strip() for b in request.GET.get("by", "").split(",") if b.strip()}
    figures = queries.indicators(
        me,
        query_date(request, "from", message=_PERIOD),
        query_date(request, "to", message=_PERIOD),
        by=by,
    )
    if fmt is None:
        return figures
    return figures_response(fmt, name="数字城管考核指标", title="考核指标", figures=figures)
