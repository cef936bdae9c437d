"""The 行政检查台账 list (issue #15 item 8, decision 087): date range, unit, item, reason and status
filters, the same in its export; the wrong role is refused, another bureau sees none of ours."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from django.test import Client

from chengguan.demo.context import DemoContext
from chengguan.inspections.models import Inspection


def _codes(response: Any) -> set[str]:
    assert response.status_code == 200, response.content[:500]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "检查码"
    return {r[0] for r in rows[1:]}


def test_the_list_filters_and_exports_the_same_rows(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    rows = Inspection.objects.filter(bureau=demo.bureau).select_related("item", "unit")
    sample = rows.first()
    assert sample is not None, "the demo has inspections"
    day = sample.planned_on.isoformat()
    params = {
        "reason": sample.reason,
        "item": sample.item.code,
        "from": day,
        "to": day,
        "format": "csv",
    }
    got = _codes(web("head").get("/inspections/list/", params))
    expected = set(
        rows.filter(
            reason=sample.reason, item=sample.item, planned_on=sample.planned_on
        ).values_list("code", flat=True)
    )
    assert sample.code in got and got == expected
    everything = _codes(web("head").get("/inspections/list/", {"format": "csv"}))
    assert everything == set(rows.values_list("code", flat=True))
    html = web("head").get("/inspections/list/", {"reason": sample.reason}).content.decode()
    assert f'value="{sample.reason}" selected' in html and "format=xlsx" in html
    assert "检查台账" in web("head").get("/inspections/").content.decode()


def test_bad_input_and_refusals(web: Callable[[str], Client], demo: DemoContext) -> None:
    assert web("head").get("/inspections/list/", {"from": "2025-13-01"}).status_code == 400
    bad = web("head").get("/inspections/list/", {"reason": "<x>", "item": "nope"})
    assert bad.status_code == 200 and "&lt;x&gt;" not in bad.content.decode()
    assert web("center").get("/inspections/list/").status_code == 403
    assert web("handler_sanitation").get("/inspections/list/", {"format": "csv"}).status_code == 403
    ours = set(Inspection.objects.filter(bureau=demo.bureau).values_list("code", flat=True))
    outsider = web("outsider").get("/inspections/list/", {"format": "csv"})
    if outsider.status_code == 200:
        assert not (_codes(outsider) & ours)
    else:
        assert outsider.status_code == 403
