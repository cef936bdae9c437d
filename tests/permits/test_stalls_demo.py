"""The demo year's 便民临时摊点: points, applications and a recorded allocation that verifies."""

from __future__ import annotations

from typing import Any

from chengguan.permits import queries
from chengguan.permits.models import StallAllocation, StallPoint


def test_the_demo_has_points_with_a_reproducible_allocation(api: Any, demo: Any) -> None:
    points = list(StallPoint.objects.filter(bureau=demo.bureau).order_by("id"))
    assert len(points) >= 2
    for point in points:
        assert point.season_from.year == demo.year
        assert 0 <= queries.free_places(point) < point.capacity
    allocations = StallAllocation.objects.filter(bureau=demo.bureau)
    assert {a.method for a in allocations} == {"lottery", "first_come"}
    for a in allocations:
        r = api("reviewer").get(f"permits/stall-points/allocations/{a.pk}/verify")
        assert r.status_code == 200 and r.json()["reproduced"] is True
    full = next(p for p in points if p.name == "白羽路瓜果季便民点")
    assert queries.free_places(full) == 0  # six applicants for four places, by lottery
