"""Every write of the closed loop: one function per business action (DESIGN.md §2).

Each action: keyword-only arguments with ``actor``; one transaction; the case row locked; scope and
role; the law's checks; the change; a CaseStep and a ledger entry. A refusal raises and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction

from chengguan.citycases import checks, deadlines, geo, routing
from chengguan.citycases.models import CaseStep, Category, CityCase, Extension, Grid, RoutingRule
from chengguan.citycases.scope import visible_q
from chengguan.citycases.states import HOTLINE_SOURCES, OPEN_STATUSES, Satisfaction, Source, Status
from chengguan.core import clock
from chengguan.core.errors import Invalid, NotFound, StateError, enforce
from chengguan.core.numbering import next_number
from chengguan.core.pii import mask_name, mask_phone
from chengguan.core.rules import local
from chengguan.core.workdays import add_work_hours, work_hours_between
from chengguan.ledger.actions import record
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require

DISPATCH_KINDS = frozenset(
    {
        OrgUnit.Kind.DEPARTMENT,
        OrgUnit.Kind.TOWN,
        OrgUnit.Kind.STREET,
        OrgUnit.Kind.BRIGADE,
        OrgUnit.Kind.SQUAD,
    }
)


# ---------------------------------------------------------------------------------------------
# helpers


def _lock(actor: Staff, case_id: int) -> CityCase:
    """The case row, locked, if this actor may see it; otherwise 404 (ORG-5: no leak)."""
    case = (
        CityCase.objects.select_for_update(of=("self",))
        .filter(visible_q(actor), pk=case_id)
        .select_related("category", "grid")
        .first()
    )
    if case is None:
        raise NotFound("未找到该案件，或您无权查看")
    return case


def _step(
    case: CityCase,
    actor: Staff | None,
    action: str,
    before: str,
    *,
    note: str = "",
    unit: OrgUnit | None = None,
    due: dt.datetime | None = None,
    on_time: bool | None = None,
    at: dt.datetime | None = None,
) -> CaseStep:
    return CaseStep.objects.create(
        case=case,
        at=at or clock.now(),
        actor=actor,
        actor_name=(actor.display_name if actor is not None else "公众")[:60],
        action=action,
        from_status=before,
        to_status=case.status,
        note=note,
        unit=unit,
        due=due,
        on_time=on_time,
    )


def _ledger(actor: Staff | None, action: str, case: CityCase, payload: dict[str, Any]) -> None:
    record(
        actor, f"citycase.{action}", case, {"number": case.number, "status": case.status, **payload}
    )


def _on_time(due: dt.datetime | None, at: dt.datetime) -> bool | None:
    return None if due is None else at <= due


# Intake looks a category up on every report: a short per-process cache, dropped on any save.
CATEGORY_CACHE_SECONDS = 10.0
_categories: dict[tuple[int, str], tuple[float, Category | None]] = {}


def invalidate_categories() -> None:
    _categories.clear()


def _category(bureau_id: int, code: str, *, public_only: bool = False) -> Category:
    hit = _categories.get((bureau_id, code))
    if hit is not None and time.monotonic() - hit[0] < CATEGORY_CACHE_SECONDS:
        category = hit[1]
    else:
        category = (
            Category.objects.select_related("default_unit")
            .filter(bureau_id=bureau_id, code=code, active=True)
            .first()
        )
        _categories[(bureau_id, code)] = (time.monotonic(), category)
    if category is None or (public_only and not category.public):
        raise Invalid(
            f"案件类别 {code} 不存在或未启用", details={"category": "案件类别不存在或未启用"}
        )
    return category


def _web_link(url: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return False
    return len(url) <= 500


def _point(lon: Any, lat: Any) -> tuple[float, float]:
    try:
        x, y = float(lon), float(lat)
    except (TypeError, ValueError) as exc:
        raise Invalid("位置坐标无效", details={"location": "经纬度应为数字"}) from exc
    if not (-180 <= x <= 180 and -90 <= y <= 90):
        raise Invalid(
            "位置坐标无效", details={"location": "经度应在 -180~180、纬度应在 -90~90 之间"}
        )
    return x, y


def locate_grid(bureau_id: int, lon: float, lat: float) -> Grid:
    index = geo.index_for(bureau_id)
    grid_id = index.locate(lon, lat)
    if grid_id is None:
        raise Invalid(
            "该位置不在本局任何单元网格内",
            details={"location": "该位置不在本局任何单元网格内，请核对经纬度"},
        )
    cached = index.rows.get(grid_id)
    return cached if cached is not None else Grid.objects.select_related("unit").get(pk=grid_id)


def duplicates_near(case: CityCase) -> list[int]:
    """Open cases of the same category within the radius and time window (RX-2 重复诉求).

    Plain SQL: intake runs it on every report, and the ORM spent longer building this statement
    than the database spent answering it (bench/bench_citycases.py)."""
    radius = float(local("duplicate_radius_m"))
    since = case.reported_at - dt.timedelta(hours=float(local("duplicate_window_hours")))
    dlon, dlat = geo.bbox_degrees(case.lat, radius)
    statuses = sorted(OPEN_STATUSES)
    adapt = connection.ops.adapt_datetimefield_value
    sql = (
        f"SELECT id, lon, lat FROM {CityCase._meta.db_table}"
        " WHERE bureau_id = %s AND category_id = %s AND reported_at >= %s AND reported_at <= %s"
        " AND lon BETWEEN %s AND %s AND lat BETWEEN %s AND %s AND id <> %s"
        f" AND status IN ({', '.join(['%s'] * len(statuses))})"
        " ORDER BY reported_at, id LIMIT 50"
    )
    params = [
        case.bureau_id,
        case.category_id,
        adapt(since),
        adapt(case.reported_at),
        case.lon - dlon,
        case.lon + dlon,
        case.lat - dlat,
        case.lat + dlat,
        case.pk or 0,
        *statuses,
    ]
    with connection.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    return [pk for pk, x, y in rows if geo.distance_m(case.lon, case.lat, x, y) <= radius][:10]


# ---------------------------------------------------------------------------------------------
# intake


def report(
    *,
    actor: Staff | None,
    source: str,
    category: str,
    description: str,
    lon: Any,
    lat: Any,
    address: str = "",
    urgent: bool = False,
    requester_name: str = "",
    requester_phone: str = "",
    bureau: OrgUnit | None = None,
    public: bool = False,
    media_url: str = "",
) -> CityCase:
    """上报 (信息收集). ``actor`` None with ``bureau`` = a report by the public (Open311)."""
    if actor is not None:
        require(actor, "citycases.report")
        bureau_id = int(actor.bureau_id or 0)
    elif bureau is not None:
        bureau_id = bureau.pk
    else:
        raise ValueError("report needs an actor or a bureau")
    errors: dict[str, str] = {}
    if source not in Source.values:
        errors["source"] = "来源取值不在允许范围内"
    description = (description or "").strip()
    if not description:
        errors["description"] = "问题描述不能为空"
    if len(requester_name) > 60:
        errors["requester.name"] = "姓名过长"
    if len(requester_phone) > 30:
        errors["requester.phone"] = "电话过长"
    media_url = (media_url or "").strip()
    if media_url and not _web_link(media_url):
        errors["media_url"] = "图片链接应为 http:// 或 https:// 开头、不超过 500 字符的网址"
    if errors:
        raise Invalid("上报信息有误：" + "、".join(errors), details=errors)
    cat = _category(bureau_id, category, public_only=public)
    x, y = _point(lon, lat)
    grid = locate_grid(bureau_id, x, y)
    now = clock.now()
    year = clock.local(now).year
    case = CityCase(
        bureau_id=bureau_id,
        source=source,
        category=cat,
        description=description,
        location={"lon": x, "lat": y},
        lon=x,
        lat=y,
        address=(address or "").strip()[:200],
        grid=grid,
        area_unit=grid.unit,
        status=Status.REPORTED,
        urgent=bool(urgent),
        reported_by=actor,
        public_token=secrets.token_hex(8),
        reported_at=now,
        file_due=deadlines.file_due(cat, now),
        close_due=deadlines.hotline_due(source, now),
        requester_name=(requester_name or "").strip(),
        requester_phone=(requester_phone or "").strip(),
        media_url=media_url,
    )
    case.current_due = case.file_due
    # Advisory, and a read: looked up before the write transaction so writers queue for less time.
    case.duplicate_candidates = duplicates_near(case)
    with transaction.atomic():
        case.number = f"{year}{next_number(bureau_id, 'citycase', year):06d}"
        case.save()
        step = _step(case, actor, "report", "", due=case.file_due, at=now)
        # A new case has this one step and no extension: the answer needs no query for them.
        case._prefetched_objects_cache = {"steps": [step], "extensions": []}  # type: ignore[attr-defined]
        # PI-1: the ledger is plain text, so the requester goes in masked only.
        _ledger(
            actor,
            "report",
            case,
            {
                "source": source,
                "category": cat.code,
                "grid": grid.code,
                "lon": x,
                "lat": y,
                "urgent": case.urgent,
                "duplicates": case.duplicate_candidates,
                "requester": mask_name(case.requester_name) if case.requester_name else "",
                "phone": mask_phone(case.requester_phone) if case.requester_phone else "",
            },
        )
    return case


def file(
    *, actor: Staff, case_id: int, category: str | None = None, urgent: bool | None = None
) -> CityCase:
    """受理立案: reported → filed; may correct the category and urgency. Auto-dispatches when
    LOCAL_RULES["citycase_auto_dispatch"] is on and the routing table proposes a unit."""
    with transaction.atomic():
        case = _lock(actor, case_id)
        require(actor, "citycases.file", case)
        checks.require_transition(case, "file")
        if category is not None and category != case.category.code:
            case.category = _category(case.bureau_id, category)
        if urgent is not None:
            case.urgent = urgent
        now = clock.now()
        before = case.status
        case.file_on_time = _on_time(case.file_due, now)
        case.status, case.filed_at = Status.FILED, now
        case.dispatch_due = deadlines.dispatch_due(case.category, now)
        case.current_due = case.dispatch_due
        case.proposed_unit = routing.propose(case.category, case.grid)
        case.save()
        _step(case, actor, "file", before, due=case.file_due, on_time=case.file_on_time)
        _ledger(
            actor,
            "file",
            case,
            {
                "category": case.category.code,
                "urgent": case.urgent,
                "on_time": case.file_on_time,
                "proposed_unit": getattr(case.proposed_unit, "code", None),
            },
        )
        if local("citycase_auto_dispatch") and case.proposed_unit is not None:
            _dispatch(case, actor, case.proposed_unit, "自动派遣（派遣规则）")
    return case


def reject(*, actor: Staff, case_id: int, reason: str) -> CityCase:
    """不予立案: reported → rejected, with a reason (SC-5)."""
    with transaction.atomic():
        case = _lock(actor, case_id)
        require(actor, "citycases.reject", case)
        checks.require_transition(case, "reject")
        enforce(checks.reason_given("reject", reason))
        before = case.status
        case.status, case.rejected_at, case.reject_reason = Status.REJECTED, clock.now(), reason
        case.current_due = None
        case.save()
        _step(case, actor, "reject", before, note=reason)
        _ledger(actor, "reject", case, {"reason": reason})
    return case


def merge(*, actor: Staff, case_id: int, into: int, reason: str = "") -> CityCase:
    """合并重复诉求: reported/filed → merged into an open case of the same bureau."""
    with transaction.atomic():
        case = _lock(actor, case_id)
        require(actor, "citycases.merge", case)
        checks.require_transition(case, "merge")
        if into == case.pk:
            raise Invalid("不能合并到自身", details={"into": "不能合并到自身"})
        target = CityCase.objects.filter(visible_q(actor), pk=into).first()
        if target is None:
            raise Invalid("合并目标案件不存在", details={"into": "合并目标案件不存在"})
        if target.status not in OPEN_STATUSES:
            raise StateError("合并目标案件已办结或已撤销，不能合并", details={"into": into})
        before = case.status
        case.status, case.merged_into, case.current_due = Status.MERGED, target, None
        case.save()
        _step(case, actor, "merge", before, note=reason or f"合并至 {target.number}")
        _ledger(actor, "merge", case, {"into": target.number, "reason": reason})
    return case


# ---------------------------------------------------------------------------------------------
# dispatch and disposal


def dispatch_unit(actor: Staff, code: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(bureau_id=actor.bureau_id, code=code, active=True).first()
    if unit is None or unit.kind not in DISPATCH_KINDS:
        raise Invalid(f"处置部门 {code} 不存在或不能接收派遣", details={"unit": "处置部门不存在"})
    return unit


def _dispatch(case: CityCase, actor: Staff, unit: OrgUnit, note: str) -> None:
    enforce(checks.unit_may_take(case, unit))
    now = clock.now()
    before = case.status
    case.dispatch_on_time = _on_time(case.dispatch_due, now)
    case.status, case.unit, case.dispatched_at = Status.DISPATCHED, unit, now
    case.handle_due = deadlines.handle_due(case.category, case.urgent, now)
    case.current_due = case.handle_due
    case.save()
    _step(
        case,
        actor,
        "dispatch",
        before,
        note=note,
        unit=unit,
        due=case.dispatch_due,
        on_time=case.dispatch_on_time,
    )
    _ledger(
        actor,
        "dispatch",
        case,
        {
            "unit": unit.code,
            "note": note,
            "handle_due": case.handle_due.isoformat(),
            "on_time": case.dispatch_on_time,
        },
    )


def dispatch(*, actor: Staff, case_id: int, unit: str | None = None, note: str = "") -> CityCase:
    """任务派遣: filed → dispatched to ``unit`` (or the unit the routing table proposes)."""
    with transaction.atomic():
        case = _lock(actor, case_id)
        require(actor, "citycases.dispatch", case)
        checks.require_transition(case, "dispatch")
        target: OrgUnit | None
        if unit:
            target = dispatch_unit(actor, unit)
        else:
            target = case.proposed_unit or routing.propose(case.category, case.grid)
            if target is None:
                raise Invalid(
                    "未指定处置部门，派遣规则也没有建议部门", details={"unit": "请指定处置部门"}
                )
        _dispatch(case, actor, target, note)
    return case


def _as_handler(actor: Staff, case: CityCase, perm: str) -> None:
    require(actor, perm, case)
    enforce(checks.acts_for_unit(case, actor.unit_id))


def return_case(*, actor: Staff, case_id: int, reason: str) -> CityCase:
    """退单: dispatched → filed; the unit says the case is not its own (SC-5: with a reason)."""
    with transaction.atomic():
        case = _lock(actor, case_id)
        _as_handler(actor, case, "citycases.return")
        checks.require_transition(case, "return")
        enforce(checks.reason_given("return", reason))
        if case.suspended:
            raise StateError("案件挂账中，请先恢复办理")
        now = clock.now()
        before, unit = case.status, case.unit
        case.status, case.unit, case.return_count = Status.FILED, None, case.return_count + 1
        case.handle_due = None
        case.dispatch_due = deadlines.dispatch_due(case.category, now)
        case.current_due = case.dispatch_due
        case.save()
        _step(case, actor, "return", before, note=reason, unit=unit)
        _ledger(actor, "return", case, {"unit": getattr(unit, "code", None), "reason": reason})
    return case


def handle(*, actor: Staff, case_id: int, result: str) -> CityCase:
    """任务处理 / 处理反馈: dispatched → handled."""
    result = (result or "").strip()
    if not result:
        raise Invalid("处置结果不能为空", details={"result": "处置结果不能为空"})
    with transaction.atomic():
        case = _lock(actor, case_id)
        _as_handler(actor, case, "citycases.handle")
        checks.require_transition(case, "handle")
        if case.suspended:
            raise StateError("案件挂账中，请先恢复办理")
        now = clock.now()
        before = case.status
        case.handle_on_time = _on_time(case.handle_due, now)
        if case.dispatched_at is not None:
            case.handle_work_hours = round(work_hours_between(case.dispatched_at, now), 2)
        case.status, case.handled_at, case.result = Status.HANDLED, now, result
        case.verify_due = deadlines.verify_due(case.category, now)
        case.current_due = case.verify_due
        case.save()
        _step(
            case,
            actor,
            "handle",
            before,
            note=result,
            unit=case.unit,
            due=case.handle_due,
            on_time=case.handle_on_time,
        )
        _ledger(actor, "handle", case, {"result": result, "on_time": case.handle_on_time})
    return case


def verify(*, actor: Staff, case_id: int, passed: bool, note: str = "") -> CityCase:
    """核查: handled → verified, or back to the same unit for rework (返工, SC-5: with a reason)."""
    with transaction.atomic():
        case = _lock(actor, case_id)
        require(actor, "citycases.verify", case)
        checks.require_transition(case, "verify")
        if not passed:
            enforce(checks.reason_given("rework", note))
        now = clock.now()
        before = case.status
        case.verify_on_time = _on_time(case.verify_due, now)
        if passed:
            case.status, case.verified_at = Status.VERIFIED, now
            case.close_due = deadlines.close_due(case, now)
            case.current_due = case.close_due
            action = "verify"
        else:
            case.status, case.rework_count = Status.DISPATCHED, case.rework_count + 1
            case.handle_on_time = None
            case.handle_due = deadlines.handle_due(case.category, case.urgent, now)
            case.current_due = case.handle_due
            action = "rework"
        case.save()
        _step(
            case,
            actor,
            action,
            before,
            note=note,
            unit=case.unit,
            due=case.verify_due,
            on_time=case.verify_on_time,
        )
        _ledger(
            actor, action, case, {"passed": passed, "note": note, "on_time": case.verify_on_time}
        )
    return case


def close(*, actor: Staff, case_id: int, reply: str = "") -> CityCase:
    """核查结案 / 办结: verified → closed; hotline-type orders need a reply first (RX-2)."""
    reply = (reply or "").strip()
    with transaction.atomic():
        case = _lock(actor, case_id)
        require(actor, "citycases.close", case)
        checks.require_transition(case, "close")
        enforce(checks.reply_before_close(case, reply))
        now = clock.now()
        before = case.status
        if reply:
            case.reply, case.replied_at = reply, now
        case.close_on_time = _on_time(case.close_due, now)
        case.status, case.closed_at, case.current_due = Status.CLOSED, now, None
        case.save()
        _step(
            case, actor, "close", before, note=reply, due=case.close_due, on_time=case.close_on_time
        )
        _ledger(actor, "close", case, {"reply": reply, "on_time": case.close_on_time})
    return case


def callback(*, actor: Staff, case_id: int, satisfaction: str, note: str = "") -> CityCase:
    """回访: the requester's satisfaction with a closed case (RX-2, RX-5)."""
    if satisfaction not in Satisfaction.values:
        raise Invalid("满意度取值无效", details={"satisfaction": "取值不在允许范围内"})
    with transaction.atomic():
        case = _lock(actor, case_id)
        require(actor, "citycases.callback", case)
        checks.require_transition(case, "callback")
        before = case.status
        case.satisfaction, case.callback_at = satisfaction, clock.now()
        case.save()
        _step(case, actor, "callback", before, note=note or Satisfaction(satisfaction).label)
        _ledger(actor, "callback", case, {"satisfaction": satisfaction, "note": note})
    return case


def reopen(*, actor: Staff, case_id: int, reason: str) -> CityCase:
    """重新启用: closed → filed, to be dispatched again (SC-5: with a reason)."""
    with transaction.atomic():
        case = _lock(actor, case_id)
        require(actor, "citycases.reopen", case)
        checks.require_transition(case, "reopen")
        enforce(checks.reason_given("reopen", reason))
        now = clock.now()
        before = case.status
        case.status, case.unit, case.reopen_count = Status.FILED, None, case.reopen_count + 1
        case.closed_at = None
        case.handle_on_time = case.verify_on_time = case.close_on_time = None
        case.satisfaction, case.callback_at = "", None
        case.dispatch_due = deadlines.dispatch_due(case.category, now)
        case.current_due = case.dispatch_due
        if case.source in HOTLINE_SOURCES:
            case.close_due = deadlines.hotline_due(case.source, now)
        case.save()
        _step(case, actor, "reopen", before, note=reason)
        _ledger(actor, "reopen", case, {"reason": reason})
    return case


def reveal_requester(*, actor: Staff, case_id: int, reason: str) -> dict[str, str]:
    """查看诉求人完整联系方式 (PI-1): for a stated need, and every access is in the ledger.

    Not a step of the case: nothing about the case changes, and the timeline stays the workflow.
    The ledger keeps who looked, when and why, never the clear value itself."""
    with transaction.atomic():
        case = _lock(actor, case_id)
        require(actor, "citycases.requester.reveal", case)
        enforce(checks.reveal_reason_given(reason))
        if not (case.requester_name or case.requester_phone):
            raise Invalid("本案件没有登记诉求人信息", details={"requester": "本案件没有诉求人信息"})
        _ledger(actor, "requester_revealed", case, {"reason": reason.strip()[:500]})
    return {"name": case.requester_name, "phone": case.requester_phone}


# ---------------------------------------------------------------------------------------------
# extensions and suspension (the clock pauses or moves, SC-6)


def _hours(value: Any) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise Invalid("延期时长无效", details={"hours": "应为数字"}) from exc
    limit = Decimal(str(local("max_extension_hours")))
    if not Decimal("0.5") <= hours <= limit:
        raise Invalid("延期时长无效", details={"hours": f"应在 0.5 到 {limit} 工作时之间"})
    return hours


def request_extension(*, actor: Staff, case_id: int, hours: Any, reason: str) -> CityCase:
    """延期申请 by the handling unit; at most LOCAL_RULES["max_extensions"] per case (SC-6)."""
    amount = _hours(hours)
    if not (reason or "").strip():
        raise Invalid("延期申请必须填写理由", details={"reason": "必须填写理由"})
    with transaction.atomic():
        case = _lock(actor, case_id)
        _as_handler(actor, case, "citycases.extend")
        checks.require_transition(case, "extend")
        pending = case.extensions.filter(decision=Extension.Decision.PENDING).count()
        enforce(checks.extension_allowed(case, pending))
        if pending:
            raise StateError("已有待审批的延期申请")
        Extension.objects.create(
            case=case, hours=amount, reason=reason, requested_by=actor, requested_at=clock.now()
        )
        _step(case, actor, "extend", case.status, note=f"申请延期 {amount} 工作时：{reason}")
        _ledger(actor, "extend", case, {"hours": str(amount), "reason": reason})
    return case


def decide_extension(*, actor: Staff, case_id: int, approved: bool, note: str = "") -> CityCase:
    """延期审批 by the command centre: an approved extension moves the handling due time."""
    with transaction.atomic():
        case = _lock(actor, case_id)
        require(actor, "citycases.decide_extension", case)
        checks.require_transition(case, "decide_extension")
        ext = case.extensions.filter(decision=Extension.Decision.PENDING).first()
        if ext is None:
            raise StateError("没有待审批的延期申请")
        if approved:
            enforce(checks.extension_allowed(case, 0))
        now = clock.now()
        ext.decision = Extension.Decision.APPROVED if approved else Extension.Decision.REFUSED
        ext.decided_by, ext.decided_at, ext.note = actor, now, note
        ext.save()
        if approved:
            case.extension_count += 1
            if case.suspended:
                case.suspended_remaining_hours = (case.suspended_remaining_hours or 0) + float(
                    ext.hours
                )
            elif case.handle_due is not None:
                case.handle_due = add_work_hours(case.handle_due, float(ext.hours))
                case.current_due = case.handle_due
            case.save()
        label = "批准" if approved else "不批准"
        _step(
            case,
            actor,
            "decide_extension",
            case.status,
            note=f"{label}延期 {ext.hours} 工作时" + (f"：{note}" if note else ""),
        )
        _ledger(
            actor,
            "decide_extension",
            case,
            {"approved": approved, "hours": str(ext.hours), "note": note},
        )
    return case


def suspend(*, actor: Staff, case_id: int, reason: str) -> CityCase:
    """挂账: a case that cannot be disposed of for now; the handling clock stops."""
    if not (reason or "").strip():
        raise Invalid("挂账必须填写理由", details={"reason": "必须填写理由"})
    with transaction.atomic():
        case = _lock(actor, case_id)
        require(actor, "citycases.suspend", case)
        checks.require_transition(case, "suspend")
        if case.suspended:
            raise StateError("案件已挂账")
        now = clock.now()
        remaining = work_hours_between(now, case.handle_due) if case.handle_due else 0.0
        case.suspended, case.suspended_at = True, now
        case.suspended_remaining_hours = round(remaining, 4)
        case.current_due = None
        case.save()
        _step(case, actor, "suspend", case.status, note=reason)
        _ledger(actor, "suspend", case, {"reason": reason, "remaining_hours": remaining})
    return case


def resume(*, actor: Staff, case_id: int, note: str = "") -> CityCase:
    """恢复办理: the clock runs again with the working hours that were left at suspension."""
    with transaction.atomic():
        case = _lock(actor, case_id)
        require(actor, "citycases.suspend", case)
        checks.require_transition(case, "resume")
        if not case.suspended:
            raise StateError("案件未挂账")
        now = clock.now()
        case.handle_due = add_work_hours(now, case.suspended_remaining_hours or 0.0)
        case.suspended, case.suspended_at, case.suspended_remaining_hours = False, None, None
        case.current_due = case.handle_due
        case.save()
        _step(case, actor, "resume", case.status, note=note, due=case.handle_due)
        _ledger(actor, "resume", case, {"handle_due": case.handle_due.isoformat(), "note": note})
    return case


# ---------------------------------------------------------------------------------------------
# grids and routing (administration)


def save_grid(
    *,
    actor: Staff | None,
    bureau: OrgUnit,
    code: str,
    geometry: dict[str, Any],
    street_code: str,
    street_name: str,
    community_code: str,
    community_name: str,
    unit: OrgUnit | None = None,
) -> tuple[Grid, bool]:
    """Create or update one grid (SC-1 code form checked); returns (grid, created)."""
    errors: dict[str, str] = {}
    division = bureau.division_code
    if not (
        code.isdigit()
        and len(code) == 14
        and code.startswith(division)
        and code[6:9] == street_code
        and code[9:12] == community_code
    ):
        errors["code"] = (
            f"网格编码应为 14 位数字：行政区划代码 {division} + 3 位街道 + 3 位社区 + 2 位顺序码"
        )
    problem = geo.valid_polygon(geometry)
    if problem:
        errors["geometry"] = problem
    if errors:
        raise Invalid(f"网格 {code} 有误", details=errors)
    with transaction.atomic():
        if actor is not None:
            require(actor, "citycases.grids.manage", bureau)
        grid, created = Grid.objects.update_or_create(
            bureau=bureau,
            code=code,
            defaults={
                "geometry": geometry,
                "street_code": street_code,
                "street_name": street_name,
                "community_code": community_code,
                "community_name": community_name,
                "unit": unit,
            },
        )
        record(
            actor,
            "citycase.grid.save",
            grid,
            {"code": code, "created": created},
            bureau_id=bureau.pk,
        )
    geo.invalidate(bureau.pk)
    return grid, created


def save_routing_rule(
    *,
    actor: Staff | None,
    bureau: OrgUnit,
    unit: OrgUnit,
    category: Category | None = None,
    major_code: str = "",
    kind: str = "",
    street_code: str = "",
    priority: int = 100,
    note: str = "",
) -> RoutingRule:
    with transaction.atomic():
        if actor is not None:
            require(actor, "citycases.grids.manage", bureau)
        rule, _ = RoutingRule.objects.update_or_create(
            bureau=bureau,
            category=category,
            major_code=major_code,
            kind=kind,
            street_code=street_code,
            defaults={"unit": unit, "priority": priority, "note": note},
        )
        record(
            actor,
            "citycase.routing.save",
            rule,
            {
                "category": getattr(category, "code", ""),
                "major_code": major_code,
                "kind": kind,
                "street_code": street_code,
                "unit": unit.code,
                "priority": priority,
            },
            bureau_id=bureau.pk,
        )
    return rule


def save_category(
    *, actor: Staff | None, bureau: OrgUnit, code: str, values: dict[str, Any]
) -> tuple[Category, bool]:
    """Create or update a category (SC-2/SC-6 data kept by the administrator)."""
    with transaction.atomic():
        if actor is not None:
            require(actor, "citycases.grids.manage", bureau)
        cat, created = Category.objects.update_or_create(bureau=bureau, code=code, defaults=values)
        record(
            actor,
            "citycase.category.save",
            cat,
            {"code": code, "name": cat.name, "created": created},
            bureau_id=bureau.pk,
        )
    return cat, created
