"""A penalty case whose decision is served and whose 责令限期拆除 was found not performed, and the
state a refused execution step must leave unchanged."""

from __future__ import annotations

from typing import Any

from chengguan.execution.models import Execution
from chengguan.ledger.models import Entry
from chengguan.penalties.actions import correction as actions
from chengguan.penalties.models import CorrectionOrder, PenaltyCase
from tests.penalties.helpers import T0, D, at, served, snapshot

ORDER_ON = T0  # 责令限期拆除 with the decision, deadline 2025-06-10 (7 days)
RECHECK_ON = D(2025, 6, 11)
DEMAND_ON = D(2025, 6, 12)
PERFORM_BY = D(2025, 6, 20)  # a Friday
AFTER_PERIOD = D(2025, 6, 23)  # Monday after the period


def unperformed(demo: Any) -> tuple[PenaltyCase, CorrectionOrder]:
    """Served on T0 (remedy periods end 2025-12-03); the order rechecked: not demolished."""
    case = served(demo)
    with at(ORDER_ON):
        order = actions.order_correction(
            case.pk, actor=demo.user("officer1"), content="责令限期拆除人民路东段违法搭建的彩钢棚"
        )
    with at(RECHECK_ON):
        actions.recheck_correction(
            case.pk,
            order.pk,
            actor=demo.user("officer2"),
            performed=False,
            note="复查时彩钢棚仍未拆除",
        )
    order.refresh_from_db()
    return case, order


def demand_body(order: CorrectionOrder, **over: Any) -> dict[str, Any]:
    return {
        "kind": "demolition",
        "obligation": "自行拆除人民路东段违法搭建的彩钢棚",
        "served_on": DEMAND_ON.isoformat(),
        "method": "direct",
        "perform_by": PERFORM_BY.isoformat(),
        "way": "当事人自行拆除并清运建筑垃圾",
        "rights_told": True,
        "correction_id": order.pk,
        **over,
    }


def state(case: PenaltyCase) -> tuple[Any, ...]:
    return (
        snapshot(case),
        list(Execution.objects.order_by("id").values()),
        Entry.objects.count(),
    )
