"""先行登记保存 (XF-56): the head's approval, the registration of the items, the decision on them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from chengguan.core import clock
from chengguan.core.errors import Invalid, NotFound, StateError, enforce
from chengguan.ledger.actions import record
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.penalties import checks, periods
from chengguan.penalties.actions._common import (
    _lock,
    _not_future,
    _officers,
    _on_case,
    _recused_ids,
    _state,
)
from chengguan.penalties.models import (
    Preservation,
)
from chengguan.penalties.states import Status
from chengguan.penalties.transitions import transition

ITEM_FIELDS = {"description": "物品名称及特征", "quantity": "数量", "location": "存放地点/保管人"}


def _items(items: Sequence[Any] | None) -> list[dict[str, str]]:
    """The 物品清单: each item with what it is, how many, and where or with whom it is kept."""
    rows = list(items or [])
    if not rows:
        raise Invalid("请列明先行登记保存的物品", details={"items": "至少列明一项物品"})
    errors: dict[str, str] = {}
    out: list[dict[str, str]] = []
    for n, item in enumerate(rows, start=1):
        if not isinstance(item, dict):
            errors[f"items[{n}]"] = "应写明物品名称、数量和存放地点"
            continue
        row = {k: str(item.get(k) or "").strip() for k in ITEM_FIELDS}
        for key, label in ITEM_FIELDS.items():
            if not row[key]:
                errors[f"items[{n}].{key}"] = f"{label}必填"
            elif len(row[key]) > 200:
                errors[f"items[{n}].{key}"] = f"{label}不超过200字"
        out.append(row)
    if errors:
        raise Invalid("物品清单不完整", details=errors)
    return out


def approve_preservation(case_id: int, *, actor: Staff, reason: str) -> Preservation:
    """XF-56: the head approves 先行登记保存 (证据可能灭失或者以后难以取得) before anything is
    registered; the officers then list the items under this approval."""
    if not reason.strip():
        raise Invalid("请写明先行登记保存的理由", details={"reason": "必填"})
    today = clock.today()
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.preservation", case)
        _state(case, "approve_preservation")
        enforce(
            checks.recused(_recused_ids(case), [actor])
            + checks.separation("批准先行登记保存的负责人", actor, _officers(case))
        )
        p = Preservation.objects.create(
            case=case, reason=reason.strip(), approved_by=actor, approved_on=today
        )
        record(
            actor,
            "penalty.approve_preservation",
            case,
            {"preservation": p.pk, "reason": p.reason, "approved_on": today.isoformat()},
        )
    return p


def preserve(
    case_id: int,
    *,
    actor: Staff,
    items: Sequence[Any],
    preserved_on: dt.date | None = None,
) -> Preservation:
    """XF-56: the officers register the items under the head's approval (the oldest one not yet
    used); the decision on them is due seven working days later."""
    rows = _items(items)
    on = preserved_on or clock.today()
    _not_future(on, "preserved_on", "登记保存日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _state(case, "preserve")
        approval = (
            Preservation.objects.select_for_update()
            .filter(case=case, status=Preservation.Status.APPROVED)
            .order_by("id")
            .first()
        )
        enforce(
            checks.preservation_registration(
                approved_on=approval.approved_on if approval else None, preserved_on=on
            )
        )
        assert approval is not None
        approval.items, approval.preserved_on, approval.preserved_by = rows, on, actor
        approval.decide_by = periods.maybe(lambda: periods.preservation_decide_by(on))
        approval.status = Preservation.Status.PRESERVED
        approval.save(
            update_fields=["items", "preserved_on", "preserved_by", "decide_by", "status"]
        )
        payload = {
            "preservation": approval.pk,
            "items": rows,
            "preserved_on": on.isoformat(),
            "decide_by": str(approval.decide_by),
        }
        if case.status == Status.REGISTERED:
            # Preserving evidence is an investigative step: it opens the investigation.
            transition(
                case,
                to=Status.INVESTIGATING,
                actor=actor,
                action="penalty.preserve",
                payload=payload,
                update_fields=[],
            )
        else:
            record(actor, "penalty.preserve", case, payload)
    return approval


def decide_preservation(
    case_id: int,
    *,
    preservation_id: int,
    actor: Staff,
    handling: str,
    note: str,
    late_reason: str = "",
) -> Preservation:
    """XF-56: the head decides what becomes of the items within seven working days; a late
    decision is recorded only with its reason, and stays marked late."""
    if handling not in Preservation.Handling.values:
        raise Invalid("处理决定无效", details={"handling": "应为 return|confiscate|transfer|other"})
    if not note.strip():
        raise Invalid("请写明处理说明", details={"note": "必填"})
    today = clock.today()
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.preservation", case)
        _state(case, "decide_preservation")
        p = Preservation.objects.select_for_update().filter(pk=preservation_id, case=case).first()
        if p is None:
            raise NotFound("未找到该先行登记保存记录")
        if p.status != Preservation.Status.PRESERVED:
            raise StateError(f"该先行登记保存{p.get_status_display()}，不能作出处理决定")
        assert p.preserved_on is not None
        # Recomputed, failing closed with CAL-2 if the calendar does not reach that far.
        decide_by = periods.preservation_decide_by(p.preserved_on)
        enforce(
            checks.recused(_recused_ids(case), [actor])
            + checks.preservation_decision(
                decide_by=decide_by, decided_on=today, late_reason=late_reason
            )
        )
        p.status, p.handling, p.handling_note = Preservation.Status.DECIDED, handling, note.strip()
        p.decided_on, p.decided_by, p.decide_by = today, actor, decide_by
        p.late = today > decide_by
        p.late_reason = late_reason.strip() if p.late else ""
        p.save(
            update_fields=[
                "status",
                "handling",
                "handling_note",
                "decided_on",
                "decided_by",
                "decide_by",
                "late",
                "late_reason",
            ]
        )
        record(
            actor,
            "penalty.decide_preservation",
            case,
            {
                "preservation": p.pk,
                "handling": handling,
                "note": p.handling_note,
                "decided_on": today.isoformat(),
                "decide_by": decide_by.isoformat(),
                "late": p.late,
                "late_reason": p.late_reason or None,
            },
        )
    return p
