"""行政检查 endpoints (API.md "Round 2 additions", LEGAL-RULES §11): thin calls of the actions."""

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
from chengguan.core.errors import Invalid
from chengguan.inspections import actions, queries
from chengguan.inspections.models import (
    Inspection,
    InspectionItem,
    InspectionPlan,
    SupervisedEntity,
)
from chengguan.org.permissions import require

router = Router(tags=["行政检查"])
R = {200: dict, **ERRORS}
R201 = {201: dict, **ERRORS}
R2XX = {200: dict, 201: dict, **ERRORS}  # --- helper:inspections2 ---


class InspEntityIn(Schema):
    kind: str
    name: str = ""
    credit_code: str = ""
    address: str = ""
    grid: str = ""
    town: str = ""


class InspPlanIn(Schema):
    year: int
    item: str
    ratio: str | float | None = None
    count: int | None = None
    officers: list[str] = Field(default_factory=list)
    recused: list[str] = Field(default_factory=list)


class InspDrawIn(Schema):
    seed: str | None = None


class InspCreateIn(Schema):
    # ``item`` (one) for older clients; ``items`` for a joint visit (综合查一次, JC-4).
    item: str = ""
    items: list[str] = Field(default_factory=list)
    entity: int
    officers: list[str] = Field(default_factory=list)
    reason: str
    planned_on: dt.date
    plan: int | None = None


class InspEmptyIn(Schema):
    pass


class InspCheckInIn(Schema):
    code: str = ""


class InspRecordIn(Schema):
    findings: str = ""
    ok: bool
    certificates_shown: list[str] = Field(default_factory=list)


class InspNotifyIn(Schema):
    result: str = ""
    told_on: dt.date | None = None


class InspCorrectionIn(Schema):
    deadline: dt.date | None = None
    content: str = ""


def item_out(i: InspectionItem) -> dict[str, Any]:
    return {
        "code": i.code,
        "name": i.name,
        "power_item": i.power_item.code,
        "basis": i.basis,
        "random": i.random,
        "yearly_cap": i.yearly_cap,
        "published_on": i.published_on.isoformat() if i.published_on else None,
    }


def entity_out(e: SupervisedEntity) -> dict[str, Any]:
    return {
        "id": e.pk,
        "kind": e.kind,
        "name": e.name,
        "credit_code": e.credit_code or None,
        "address": e.address,
        "grid": e.grid or None,
        "town": e.town or None,
    }


def plan_out(p: InspectionPlan) -> dict[str, Any]:
    return {
        "id": p.pk,
        "year": p.year,
        "item": p.item.code,
        "ratio": str(p.ratio) if p.ratio is not None else None,
        "count": p.count,
        "status": p.status,
        "approved_on": p.approved_on.isoformat() if p.approved_on else None,
    }


def draw_out(p: InspectionPlan) -> dict[str, Any]:
    return {
        "id": p.pk,
        "seed": p.seed,
        "inputs_hash": p.inputs_hash,
        "entities": p.drawn_entities,
        "officers": p.drawn_pairs,
        "drawn_at": clock.local(p.drawn_at).isoformat() if p.drawn_at else None,
        # --- helper:inspections2 --- SJ-2
        "publish_due": p.publish_due.isoformat() if p.publish_due else None,
        "published_on": p.published_on.isoformat() if p.published_on else None,
        "publish_late": p.publish_late,
        # --- /helper:inspections2 ---
    }


def inspection_out(i: Inspection) -> dict[str, Any]:
    return {
        "id": i.pk,
        "code": i.code,
        "status": i.status,
        "item": i.item.code,
        # --- helper:inspections2 ---
        "items": sorted({i.item.code, *(x.code for x in i.items.all())}),
        "case": {"id": i.case_id, "number": i.case_number} if i.case_id else None,
        "recheck": (
            {
                "on": i.rechecked_on.isoformat(),
                "result": "met" if i.recheck_met else "unmet",
                "record": i.recheck_record,
            }
            if i.rechecked_on
            else None
        ),
        # --- /helper:inspections2 ---
        "entity": i.entity_id,
        "officers": sorted(o.username for o in i.officers.all()),
        "reason": i.reason,
        "planned_on": i.planned_on.isoformat(),
        "plan": i.plan_id,
        "approved_on": i.approved_on.isoformat() if i.approved_on else None,
        "approval_due": i.approval_due.isoformat() if i.approval_due else None,
        "approval_late": i.approval_late,
        "scanned_at": clock.local(i.scanned_at).isoformat() if i.scanned_at else None,
        # JC-5: a late scan is shown, never hidden.
        "scan_late": i.scan_late,
        "findings": i.findings or None,
        "ok": i.ok,
        "certificates": i.certificates,
        "result_told_on": i.result_told_on.isoformat() if i.result_told_on else None,
        "correction": (
            {"deadline": i.correction_deadline.isoformat(), "content": i.correction_content}
            if i.correction_deadline
            else None
        ),
        "closed_on": i.closed_on.isoformat() if i.closed_on else None,
        "outcome_721": i.outcome_721 or None,  # --- helper:service ---
    }


@router.get("/inspections/items", response=R, summary="行政检查事项清单（已公布）")
def items(request: HttpRequest) -> dict[str, Any]:
    return paginate(request, queries.items(actor(request)), item_out)


@router.get("/inspections/entities", response=R, summary="检查对象名录库")
def entities(request: HttpRequest) -> dict[str, Any]:
    return paginate(request, queries.entities(actor(request)), entity_out)


@router.post("/inspections/entities", response=R201, summary="登记检查对象")
def add_entity(request: HttpRequest, payload: InspEntityIn) -> Status:
    e = actions.add_entity(actor=actor(request), **payload.dict())
    return Status(201, entity_out(e))


@router.post("/inspections/plans", response=R201, summary="制定双随机抽查计划")
def create_plan(request: HttpRequest, payload: InspPlanIn) -> Status:
    p = actions.create_plan(actor=actor(request), **payload.dict())
    return Status(201, plan_out(p))


@router.post("/inspections/plans/{plan_id}/approve", response=R, summary="批准抽查计划")
def approve_plan(request: HttpRequest, plan_id: int, payload: InspEmptyIn) -> dict[str, Any]:
    me = actor(request)
    return plan_out(actions.approve_plan(queries.plan(me, plan_id).pk, actor=me))


@router.post("/inspections/plans/{plan_id}/draw", response=R, summary="随机抽取对象和执法人员")
def draw_plan(request: HttpRequest, plan_id: int, payload: InspDrawIn) -> dict[str, Any]:
    me = actor(request)
    pk = queries.plan(me, plan_id).pk
    return draw_out(actions.draw_plan(pk, actor=me, seed=payload.seed))


@router.get("/inspections/plans/{plan_id}/draw/verify", response=R, summary="复核抽取结果")
def verify_draw(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    return queries.draw_verified(queries.plan(actor(request), plan_id))


@router.post("/inspections", response=R201, summary="登记行政检查")
def create(request: HttpRequest, payload: InspCreateIn) -> Status:
    i = actions.create_inspection(actor=actor(request), **payload.dict())
    return Status(201, inspection_out(i))


# --- helper:inspections2 --- before the detail route, which would take "figures" for an id
@router.get("/inspections/figures", response=R, summary="行政检查年度统计")
def figures(request: HttpRequest, year: int | None = None) -> dict[str, Any]:
    me = actor(request)
    require(me, "inspections.figures")
    if year is None or not 2000 <= year <= 2100:
        raise Invalid("年度无效", details={"year": "应为 2000 到 2100 之间的年份"})
    assert me.bureau is not None  # staff with a role belong to a bureau
    return queries.figures(me.bureau, year)


# --- /helper:inspections2 ---


@router.get("/inspections/{inspection_id}", response=R, summary="行政检查详情")
def detail(request: HttpRequest, inspection_id: int) -> dict[str, Any]:
    return inspection_out(queries.inspection(actor(request), inspection_id))


def _pk(request: HttpRequest, inspection_id: int) -> tuple[Any, int]:
    me = actor(request)
    return me, queries.inspection(me, inspection_id).pk


@router.post("/inspections/{inspection_id}/approve", response=R, summary="负责人批准（含事后补批）")
def approve(request: HttpRequest, inspection_id: int, payload: InspEmptyIn) -> dict[str, Any]:
    me, pk = _pk(request, inspection_id)
    return inspection_out(actions.approve(pk, actor=me))


@router.post("/inspections/{inspection_id}/check_in", response=R, summary="扫码入企")
def check_in(request: HttpRequest, inspection_id: int, payload: InspCheckInIn) -> dict[str, Any]:
    me, pk = _pk(request, inspection_id)
    return inspection_out(actions.check_in(pk, actor=me, code=payload.code))


@router.post("/inspections/{inspection_id}/record", response=R, summary="现场检查记录")
def record(request: HttpRequest, inspection_id: int, payload: InspRecordIn) -> dict[str, Any]:
    me, pk = _pk(request, inspection_id)
    return inspection_out(
        actions.record_findings(
            pk,
            actor=me,
            findings=payload.findings,
            ok=payload.ok,
            certificates_shown=payload.certificates_shown,
        )
    )


@router.post("/inspections/{inspection_id}/notify_result", response=R, summary="书面告知检查结果")
def notify_result(
    request: HttpRequest, inspection_id: int, payload: InspNotifyIn
) -> dict[str, Any]:
    me, pk = _pk(request, inspection_id)
    return inspection_out(
        actions.notify_result(pk, actor=me, result=payload.result, told_on=payload.told_on)
    )


@router.post("/inspections/{inspection_id}/order_correction", response=R, summary="责令改正")
def order_correction(
    request: HttpRequest, inspection_id: int, payload: InspCorrectionIn
) -> dict[str, Any]:
    me, pk = _pk(request, inspection_id)
    return inspection_out(
        actions.order_correction(pk, actor=me, deadline=payload.deadline, content=payload.content)
    )


# --- helper:service --- the "721" outcome recorded at closing (optional: older clients send {})
class InspCloseIn(Schema):
    outcome_721: str = ""


# --- /helper:service ---


@router.post("/inspections/{inspection_id}/close", response=R, summary="办结")
def close(request: HttpRequest, inspection_id: int, payload: InspCloseIn) -> dict[str, Any]:
    me, pk = _pk(request, inspection_id)
    return inspection_out(actions.close(pk, actor=me, outcome_721=payload.outcome_721))


# --- helper:inspections2 ---
IMPORT_MAX_BYTES = 5 * 1024 * 1024


def _import_text(request: HttpRequest) -> str:
    """The CSV of a multipart upload (field ``file``) or of the raw body, UTF-8 with or without
    a BOM; anything else is a 400 naming the file."""
    if request.content_type == "multipart/form-data":
        upload = request.FILES.get("file")
        if upload is None:
            raise Invalid("请上传CSV文件（字段名 file）", details={"file": "未上传文件"})
        if upload.size and upload.size > IMPORT_MAX_BYTES:
            raise Invalid("导入文件不超过5MB", details={"file": "文件过大"})
        raw = upload.read()
    else:
        raw = request.body
    if len(raw) > IMPORT_MAX_BYTES:
        raise Invalid("导入文件不超过5MB", details={"file": "文件过大"})
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid(
            "导入文件应为UTF-8编码的CSV（可另存为“CSV UTF-8”）",
            details={"file": "不是UTF-8编码"},
        ) from exc


@router.post("/inspections/entities/import", response=R2XX, summary="导入检查对象名录库（CSV）")
def import_entities(request: HttpRequest, dry_run: bool = False) -> Status:
    me = actor(request)
    # The role before the upload is read: a wrong role learns nothing about its input.
    require(me, "inspections.entity.import")
    report = actions.import_entities(actor=me, text=_import_text(request), dry_run=dry_run)
    return Status(200 if dry_run else 201, report)


class InspRecheckIn(Schema):
    on: dt.date | None = None
    result: str = ""
    record: str = ""


@router.post("/inspections/{inspection_id}/recheck", response=R, summary="复查责令改正（ZL-1）")
def recheck(request: HttpRequest, inspection_id: int, payload: InspRecheckIn) -> dict[str, Any]:
    me, pk = _pk(request, inspection_id)
    return inspection_out(
        actions.recheck(
            pk, actor=me, on=payload.on, result=payload.result, record_text=payload.record
        )
    )


def history_out(i: Inspection) -> dict[str, Any]:
    """One visit in the object's history: what, why, the outcome and what followed it."""
    order = None
    if i.correction_deadline:
        order = {
            "deadline": i.correction_deadline.isoformat(),
            "rechecked_on": i.rechecked_on.isoformat() if i.rechecked_on else None,
            "result": None if i.rechecked_on is None else ("met" if i.recheck_met else "unmet"),
        }
    return {
        "id": i.pk,
        "planned_on": i.planned_on.isoformat(),
        "items": sorted({i.item.code, *(x.code for x in i.items.all())}),
        "reason": i.reason,
        "status": i.status,
        "ok": i.ok,
        "correction": order,
        "case": i.case_number or None,
    }


@router.get("/inspections/entities/{entity_id}", response=R, summary="检查对象及其检查历史")
def entity_detail(request: HttpRequest, entity_id: int) -> dict[str, Any]:
    me = actor(request)
    e = queries.entity(me, entity_id)
    visits = list(queries.entity_history(me, e))
    orders = [v for v in visits if v.correction_deadline]
    return {
        **entity_out(e),
        "history": [history_out(v) for v in visits],
        "orders": {
            "total": len(orders),
            "met": sum(1 for v in orders if v.rechecked_on and v.recheck_met),
            "unmet": sum(1 for v in orders if v.rechecked_on and not v.recheck_met),
            "pending": sum(1 for v in orders if v.rechecked_on is None),
        },
    }


class InspOpenCaseIn(Schema):
    facts: str = ""
    act_date: dt.date | None = None
    # The party when the object is a site, or to correct it; else the object itself.
    party: dict[str, Any] | None = None


@router.post("/inspections/{inspection_id}/open_case", response=R, summary="立案查处（JC-6）")
def open_case(request: HttpRequest, inspection_id: int, payload: InspOpenCaseIn) -> dict[str, Any]:
    me, pk = _pk(request, inspection_id)
    return inspection_out(
        actions.open_case(
            pk, actor=me, facts=payload.facts, act_date=payload.act_date, party=payload.party
        )
    )


@router.post("/inspections/plans/{plan_id}/publish", response=R, summary="公示抽查结果（SJ-2）")
def publish_plan(request: HttpRequest, plan_id: int, payload: InspEmptyIn) -> dict[str, Any]:
    me = actor(request)
    return draw_out(actions.publish_plan(queries.plan(me, plan_id).pk, actor=me))


# --- /helper:inspections2 ---
