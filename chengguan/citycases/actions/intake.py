"""Intake: a report comes in (上报), is filed (立案), rejected (不予立案) or merged (合并)."""

from __future__ import annotations

import datetime as dt
import secrets
import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction

from chengguan.citycases import (
    checks,
    deadlines,
    geo,
    queries,
    rollups,  # --- helper:rollups ---
    routing,
)
from chengguan.citycases.actions._base import lock, on_time
from chengguan.citycases.actions.disposal import dispatch_to
from chengguan.citycases.models import Category, CityCase, Grid
from chengguan.citycases.scope import visible_q
from chengguan.citycases.states import OPEN_STATUSES, Source, Status
from chengguan.citycases.transitions import entry, open_case, transition
from chengguan.core import clock
from chengguan.core.errors import Invalid, StateError, enforce
from chengguan.core.numbering import next_number
from chengguan.core.pii import (
    mask_name,
    mask_phone,
    new_query_code,
    phone_index,
    query_code_digest,
)
from chengguan.core.rules import local
from chengguan.ledger.changes import changes
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require

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
        requester_phone_index=phone_index(requester_phone or ""),
        media_url=media_url,
    )
    case.current_due = case.file_due
    if actor is None:
        # Issue #12 (3): a public reporter follows the case by number AND this code; staff-entered
        # cases get none, so they can never be looked up from outside.
        case.query_code = new_query_code()
        case.query_code_digest = query_code_digest(case.query_code)
    # Advisory, and a read: looked up before the write transaction so writers queue for less time.
    case.duplicate_candidates = duplicates_near(case)
    with transaction.atomic():
        case.number = f"{year}{next_number(bureau_id, 'citycase', year):06d}"
        first = open_case(case, actor, "report", due=case.file_due, at=now)
        rollups.touch(case)  # --- helper:rollups --- one upsert: the day is recounted (092)
        # A new case has this one step and no extension: the answer needs no query for them.
        case._prefetched_objects_cache = {"steps": [first], "extensions": []}  # type: ignore[attr-defined]
        payload: dict[str, Any] = {
            "source": source,
            "category": cat.code,
            "grid": grid.code,
            "lon": x,
            "lat": y,
            "urgent": case.urgent,
        }
        # Decision 093: keys with nothing to say are left out (most reports have no duplicate
        # and no requester). PI-1: the ledger is plain text, so the requester goes in masked only.
        if case.duplicate_candidates:
            payload["duplicates"] = case.duplicate_candidates
        if case.requester_name:
            payload["requester"] = mask_name(case.requester_name)
        if case.requester_phone:
            payload["phone"] = mask_phone(case.requester_phone)
        entry(actor, "report", case, payload)
    return case


def file(
    *, actor: Staff, case_id: int, category: str | None = None, urgent: bool | None = None
) -> CityCase:
    """受理立案: reported → filed; may correct the category and urgency. Auto-dispatches when
    LOCAL_RULES["citycase_auto_dispatch"] is on and the routing table proposes a unit."""
    with transaction.atomic():
        case = lock(actor, case_id)
        require(actor, "citycases.file", case)
        checks.require_transition(case, "file")
        # 立案 may correct the category and urgency: an edit, so the entry keeps the old values.
        before = {"category": case.category.code, "urgent": case.urgent}
        if category is not None and category != case.category.code:
            case.category = _category(case.bureau_id, category)
        if urgent is not None:
            case.urgent = urgent
        now = clock.now()
        case.file_on_time = on_time(case.file_due, now)
        case.filed_at = now
        case.dispatch_due = deadlines.dispatch_due(case.category, now)
        case.current_due = case.dispatch_due
        case.proposed_unit = routing.propose(case.category, case.grid)
        # --- helper:permits2 --- street trading inside an open 便民临时摊点: its managing unit
        case.proposed_unit = queries.stall_point_unit(case) or case.proposed_unit
        # --- /helper:permits2 ---
        edit = changes(before, {"category": case.category.code, "urgent": case.urgent})
        transition(
            case,
            to=Status.FILED,
            actor=actor,
            action="file",
            due=case.file_due,
            on_time=case.file_on_time,
            payload={
                "category": case.category.code,
                "urgent": case.urgent,
                "on_time": case.file_on_time,
                "proposed_unit": getattr(case.proposed_unit, "code", None),
                **(edit if edit["new"] else {}),
            },
        )
        if local("citycase_auto_dispatch") and case.proposed_unit is not None:
            dispatch_to(case, actor, case.proposed_unit, "自动派遣（派遣规则）")
    return case


def reject(*, actor: Staff, case_id: int, reason: str) -> CityCase:
    """不予立案: reported → rejected, with a reason (SC-5)."""
    with transaction.atomic():
        case = lock(actor, case_id)
        require(actor, "citycases.reject", case)
        checks.require_transition(case, "reject")
        enforce(checks.reason_given("reject", reason))
        case.rejected_at, case.reject_reason, case.current_due = clock.now(), reason, None
        transition(
            case,
            to=Status.REJECTED,
            actor=actor,
            action="reject",
            note=reason,
            payload={"reason": reason},
        )
    return case


def merge(*, actor: Staff, case_id: int, into: int, reason: str = "") -> CityCase:
    """合并重复诉求: reported/filed → merged into an open case of the same bureau."""
    with transaction.atomic():
        case = lock(actor, case_id)
        require(actor, "citycases.merge", case)
        checks.require_transition(case, "merge")
        if into == case.pk:
            raise Invalid("不能合并到自身", details={"into": "不能合并到自身"})
        target = CityCase.objects.filter(visible_q(actor), pk=into).first()
        if target is None:
            raise Invalid("合并目标案件不存在", details={"into": "合并目标案件不存在"})
        if target.status not in OPEN_STATUSES:
            raise StateError("合并目标案件已办结或已撤销，不能合并", details={"into": into})
        case.merged_into, case.current_due = target, None
        transition(
            case,
            to=Status.MERGED,
            actor=actor,
            action="merge",
            note=reason or f"合并至 {target.number}",
            payload={"into": target.number, "reason": reason},
        )
    return case
