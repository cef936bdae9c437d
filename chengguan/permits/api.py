"""行政许可 endpoints (API.md "Round 2 additions", LEGAL-RULES §12): thin calls of the actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from chengguan.api.auth import actor
from chengguan.api.errors import ERRORS
from chengguan.api.pagination import paginate
from chengguan.core import clock
from chengguan.core.pii import mask_phone
from chengguan.org.queries import bureau_by_code
from chengguan.permits import actions, queries
from chengguan.permits.models import PermitApplication, PermitKind, StallAllocation, StallPoint
from chengguan.permits.states import DEEMED_LABEL
from chengguan.permits.states import Status as AppStatus

router = Router(tags=["行政许可"])
R = {200: dict, **ERRORS}
R201 = {200: dict, 201: dict, **ERRORS}


class PermitApplyIn(Schema):
    kind: str
    applicant: dict[str, Any]
    materials: list[str] = Field(default_factory=list)
    location: str = ""
    period: str = ""
    received_on: dt.date | None = None
    channel: str = "counter"
    external_number: str = ""
    # --- helper:stalls --- an application for a place at a 便民临时摊点
    stall_point: int | None = None
    pledge_signed: bool = False


class PermitEmptyIn(Schema):
    pass


class PermitMissingIn(Schema):
    missing: list[str] = Field(default_factory=list)


class PermitMaterialsIn(Schema):
    materials: list[str] = Field(default_factory=list)


class PermitGrantIn(Schema):
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    conditions: str | None = None


class PermitRefuseIn(Schema):
    reasons: str = ""


class PermitExtendIn(Schema):
    reason: str = ""


class PermitPauseIn(Schema):
    kind: str = ""
    reason: str = ""


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def kind_out(k: PermitKind) -> dict[str, Any]:
    return {
        "code": k.code,
        "name": k.name,
        "legal_basis": k.legal_basis,
        "materials": k.materials,
        "validity_days": k.validity_days,
        "conditions": k.conditions,
    }


def permit_out(a: PermitApplication) -> dict[str, Any]:
    today = clock.today()
    status = queries.shown_status(a, today)
    return {
        "id": a.pk,
        "number": a.number,
        "kind": a.kind.code,
        "status": status,
        "status_label": DEEMED_LABEL if status != a.status else AppStatus(a.status).label,
        "channel": a.channel,
        "external_number": a.external_number or None,
        "applicant": {
            "kind": a.applicant_kind,
            "name": a.applicant_name,
            # Staff see the number they check identity against; the phone only masked.
            "id": a.applicant_id,
            "phone": mask_phone(a.applicant_phone) if a.applicant_phone else "",
        },
        "materials": a.materials,
        "missing": a.missing,
        "location": a.location or None,
        "period": a.period or None,
        "goods": a.goods or None,  # --- helper:portal ---
        "received_on": a.received_on.isoformat(),
        "accept_by": a.accept_by.isoformat(),
        "accepted_on": _day(a.accepted_on),
        "materials_requested_on": _day(a.materials_requested_on),
        "supplemented_on": _day(a.supplemented_on),
        "deadlines": {
            "accept_by": a.accept_by.isoformat(),
            "decide_by": _day(queries.decide_by(a, today)),
            "publish_by": _day(a.publish_by),
        },
        "extension": (
            {"reason": a.extension_reason, "by": a.extended_by.username if a.extended_by else None}
            if a.extended
            else None
        ),
        "paused": {"since": _day(a.paused_on), "reason": a.pause_reason} if a.paused_on else None,
        "excluded_workdays": a.excluded_workdays,
        "decision": (
            {
                "kind": a.status,
                "decided_on": _day(a.decided_on),
                "late": a.decided_late,
                "reasons": a.reasons or None,
                "remedies": a.remedies or None,
                "valid_from": _day(a.valid_from),
                "valid_to": _day(a.valid_to),
                "conditions": a.conditions or None,
            }
            if a.decided_on
            else None
        ),
        "published_on": _day(a.published_on),
        # --- helper:stalls ---
        "stall": (
            {
                "point": a.stall_point_id,
                "pledge_signed": a.pledge_signed,
                "place": a.stall_place,
                "allocation": a.allocation_id,
            }
            if a.stall_point_id
            else None
        ),
    }


def _pk(request: HttpRequest, app_id: int) -> tuple[Any, int]:
    me = actor(request)
    return me, queries.application(me, app_id).pk


@router.get("/permits/kinds", response=R, summary="行政许可事项（XK-1）")
def kinds(request: HttpRequest) -> dict[str, Any]:
    return paginate(request, queries.kinds(actor(request)), kind_out)


@router.get(
    "/permits/public",
    auth=None,
    response={200: dict, 400: ERRORS[400]},
    summary="准予行政许可决定公示（双公示，公开，无需登录）",
)
def public(request: HttpRequest, bureau: str | None = None) -> dict[str, Any]:
    unit = None
    if bureau:
        unit = bureau_by_code(bureau)
        if unit is None:
            return {"items": [], "count": 0, "next": None}
    return paginate(request, queries.public_permits(unit), queries.public_record)


# --- helper:stalls --- 瓜果季便民临时摊点 (before /permits/{app_id}, which they would shadow)


class StallPointIn(Schema):
    name: str = ""
    geometry: Any = None
    season_from: dt.date | None = None
    season_to: dt.date | None = None
    opens_at: str = ""
    closes_at: str = ""
    capacity: int | None = None
    rules: str = ""
    unit: str = ""  # --- helper:permits2 --- 管理单位 (code)


class StallAllocateIn(Schema):
    method: str = ""
    seed: str | None = None


def stall_point_out(p: StallPoint) -> dict[str, Any]:
    return {
        "id": p.pk,
        "name": p.name,
        "geometry": p.geometry,
        "season": {"from": p.season_from.isoformat(), "to": p.season_to.isoformat()},
        "hours": {"opens_at": f"{p.opens_at:%H:%M}", "closes_at": f"{p.closes_at:%H:%M}"},
        "capacity": p.capacity,
        "free": queries.free_places(p),
        "rules": p.rules,
        "unit": p.unit.code if p.unit else None,  # --- helper:permits2 ---
    }


def allocation_out(a: StallAllocation) -> dict[str, Any]:
    return {
        "id": a.pk,
        "point": a.point_id,
        "method": a.method,
        "seed": a.seed or None,
        "inputs_sha256": a.inputs_hash,
        "allocated": [{"application": app, "place": place} for app, place in a.chosen],
        "free": queries.free_places(a.point),
    }


@router.get("/permits/stall-points", response=R, summary="便民临时摊点")
def stall_points(request: HttpRequest) -> dict[str, Any]:
    return paginate(request, queries.stall_points(actor(request)), stall_point_out)


@router.post("/permits/stall-points", response=R201, summary="设置便民临时摊点（XK-1）")
def add_stall_point(request: HttpRequest, payload: StallPointIn) -> Status:
    point = actions.add_stall_point(actor=actor(request), **payload.dict())
    return Status(201, stall_point_out(point))


@router.get(
    "/permits/stall-points/{point_id}", response=R, summary="便民临时摊点详情（含空余摊位）"
)
def stall_point(request: HttpRequest, point_id: int) -> dict[str, Any]:
    return stall_point_out(queries.stall_point(actor(request), point_id))


@router.post(
    "/permits/stall-points/{point_id}/allocate",
    response=R,
    summary="分配摊位（先到先得或摇号，XK-1）",
)
def allocate(request: HttpRequest, point_id: int, payload: StallAllocateIn) -> dict[str, Any]:
    me = actor(request)
    pk = queries.stall_point(me, point_id).pk
    return allocation_out(
        actions.allocate_stall_places(pk, actor=me, method=payload.method, seed=payload.seed)
    )


@router.get(
    "/permits/stall-points/allocations/{allocation_id}/verify",
    response=R,
    summary="复核摊位分配（由随机种子和输入摘要重算）",
)
def verify_allocation(request: HttpRequest, allocation_id: int) -> dict[str, Any]:
    found = queries.allocation(actor(request), allocation_id)
    return {
        "id": found.pk,
        "seed": found.seed or None,
        "inputs_sha256": found.inputs_hash,
        "reproduced": queries.verify_allocation(found),
    }


@router.post("/permits/{app_id}/sign_pledge", response=R, summary="签署经营承诺书（便民临时摊点）")
def sign_pledge(request: HttpRequest, app_id: int, payload: PermitEmptyIn) -> dict[str, Any]:
    me, pk = _pk(request, app_id)
    return permit_out(actions.sign_pledge(pk, actor=me))


# --- /helper:stalls ---


@router.get("/permits", response=R, summary="行政许可申请")
def applications(request: HttpRequest) -> dict[str, Any]:
    return paginate(request, queries.applications(actor(request)), permit_out)


@router.post("/permits", response=R201, summary="登记行政许可申请（窗口或一网通办）")
def apply(request: HttpRequest, payload: PermitApplyIn) -> Status:
    app, created = actions.apply(actor=actor(request), **payload.dict())
    # A replay of a 一网通办 number answers 200 with the application already registered.
    return Status(201 if created else 200, permit_out(app))


@router.get("/permits/{app_id}", response=R, summary="行政许可申请详情")
def detail(request: HttpRequest, app_id: int) -> dict[str, Any]:
    return permit_out(queries.application(actor(request), app_id))


@router.post("/permits/{app_id}/accept", response=R, summary="受理（XK-32）")
def accept(request: HttpRequest, app_id: int, payload: PermitEmptyIn) -> dict[str, Any]:
    me, pk = _pk(request, app_id)
    return permit_out(actions.accept(pk, actor=me))


@router.post("/permits/{app_id}/request_materials", response=R, summary="一次性告知补正（XK-32）")
def request_materials(
    request: HttpRequest, app_id: int, payload: PermitMissingIn
) -> dict[str, Any]:
    me, pk = _pk(request, app_id)
    return permit_out(actions.request_materials(pk, actor=me, missing=payload.missing))


@router.post("/permits/{app_id}/supplement", response=R, summary="登记补正材料")
def supplement(request: HttpRequest, app_id: int, payload: PermitMaterialsIn) -> dict[str, Any]:
    me, pk = _pk(request, app_id)
    return permit_out(actions.supplement(pk, actor=me, materials=payload.materials))


@router.post("/permits/{app_id}/extend_time", response=R, summary="延长审批期限（XK-42）")
def extend_time(request: HttpRequest, app_id: int, payload: PermitExtendIn) -> dict[str, Any]:
    me, pk = _pk(request, app_id)
    return permit_out(actions.extend_time(pk, actor=me, reason=payload.reason))


@router.post(
    "/permits/{app_id}/pause", response=R, summary="开始扣除期间（听证、专家评审、检验检测）"
)
def pause(request: HttpRequest, app_id: int, payload: PermitPauseIn) -> dict[str, Any]:
    me, pk = _pk(request, app_id)
    return permit_out(actions.pause(pk, actor=me, kind=payload.kind, reason=payload.reason))


@router.post("/permits/{app_id}/resume", response=R, summary="结束扣除期间")
def resume(request: HttpRequest, app_id: int, payload: PermitEmptyIn) -> dict[str, Any]:
    me, pk = _pk(request, app_id)
    return permit_out(actions.resume(pk, actor=me))


@router.post("/permits/{app_id}/grant", response=R, summary="准予行政许可")
def grant_permit(request: HttpRequest, app_id: int, payload: PermitGrantIn) -> dict[str, Any]:
    me, pk = _pk(request, app_id)
    return permit_out(
        actions.grant_permit(
            pk,
            actor=me,
            valid_from=payload.valid_from,
            valid_to=payload.valid_to,
            conditions=payload.conditions,
        )
    )


@router.post("/permits/{app_id}/refuse", response=R, summary="不予行政许可（XK-38）")
def refuse(request: HttpRequest, app_id: int, payload: PermitRefuseIn) -> dict[str, Any]:
    me, pk = _pk(request, app_id)
    return permit_out(actions.refuse(pk, actor=me, reasons=payload.reasons))


@router.post("/permits/{app_id}/publish", response=R, summary="公示准予许可决定（XK-40）")
def publish(request: HttpRequest, app_id: int, payload: PermitEmptyIn) -> dict[str, Any]:
    me, pk = _pk(request, app_id)
    return permit_out(actions.publish(pk, actor=me))
