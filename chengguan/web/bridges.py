"""Answers one workflow gives another through ``core.links`` when neither may import the other.

``inspections`` opens a penalty case from its findings (JC-6) but sits beside ``penalties`` in the
import order; this module, at the top layer, imports the penalties action and installs it under
"penalties.open_case" from ``WebConfig.ready()``, as ``web.worklist_sources`` does for worklists.
"""

from __future__ import annotations

from typing import Any

from chengguan.citycases.actions import intake  # --- helper:service ---
from chengguan.core import clock, links
from chengguan.core.errors import Invalid  # --- helper:service ---
from chengguan.inspections import actions as inspection_actions  # --- helper:service ---
from chengguan.inspections import queries as inspection_queries  # --- helper:service ---
from chengguan.org.models import Staff
from chengguan.penalties import actions as penalty_actions


def open_penalty_case(*, actor: Staff, **fields: Any) -> tuple[int, str]:
    """``penalties.actions.open_case`` with the caller's fields → the case's id and number."""
    case = penalty_actions.open_case(actor=actor, **fields)
    return case.pk, case.number


def install() -> None:
    links.provide("penalties.open_case", open_penalty_case)


# --- helper:service ---
# A not-corrected 行政指导 (chengguan.guidance, below the workflows) is escalated through the
# workflow's own action, so its permissions and rules apply unchanged (decision 083).
def open_city_case_from_guidance(
    *,
    actor: Staff,
    record: Any,
    category: str = "",
    lon: float | None = None,
    lat: float | None = None,
    **_: Any,
) -> tuple[int, str]:

    point = record.point
    if lon is None or lat is None:
        lon, lat = (point.lon, point.lat) if point is not None else (None, None)
    if lon is None or lat is None:
        raise Invalid("请填写案件位置（经纬度）", details={"lon": "联系点未登记坐标，须填写位置"})
    case = intake.report(
        actor=actor,
        source="inspection",
        category=category,
        description=(
            f"行政指导{record.number}（{record.get_kind_display()}）回访未改正：{record.content}"
        )[:2000],
        lon=lon,
        lat=lat,
        address=point.address if point is not None else "",
    )
    return case.pk, case.number


def open_inspection_from_guidance(
    *, actor: Staff, record: Any, item: str = "", officers: Any = (), **_: Any
) -> tuple[int, str]:

    code = record.to_credit_code or (record.point.credit_code if record.point else "")
    entity = inspection_queries.entities(actor).filter(credit_code=code).first() if code else None
    if entity is None:
        raise Invalid(
            "检查对象未纳入名录库（按统一社会信用代码查找），请先登记检查对象",
            details={"to_credit_code": "名录库中没有该统一社会信用代码"},
        )
    inspection = inspection_actions.create_inspection(
        actor=actor,
        entity=entity.pk,
        officers=list(officers or []),
        reason="risk",
        planned_on=clock.today(),
        item=item,
    )
    return inspection.pk, inspection.code


def install_service() -> None:
    links.provide("citycases.open_from", open_city_case_from_guidance)
    links.provide("inspections.open_from", open_inspection_from_guidance)


# --- /helper:service ---
