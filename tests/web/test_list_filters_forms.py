"""Issue #15 item 8 (decision 087): the source and category (领域) filters of the penalty list and
the kind, channel, unit and date filters of the permit list, each carried into the export."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from django.test import Client

from chengguan.demo.context import DemoContext
from chengguan.penalties.models import PenaltyCase
from chengguan.permits.models import PermitApplication


def _numbers(response: Any) -> set[str]:
    assert response.status_code == 200, response.content[:500]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return {r[0] for r in rows[1:]}


def test_penalty_cases_by_source_and_domain_in_the_page_and_the_export(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    cases = PenaltyCase.objects.filter(bureau=demo.bureau)
    sample = cases.select_related("power_item").first()
    assert sample is not None
    params = {"source": sample.source, "domain": sample.power_item.domain, "format": "csv"}
    got = _numbers(web("head").get("/penalties/", params))
    expected = set(
        cases.filter(source=sample.source, power_item__domain=sample.power_item.domain).values_list(
            "number", flat=True
        )
    )
    assert sample.number in got and got == expected
    others = [s for s, _ in PenaltyCase.Source.choices if s != sample.source]
    excluded = _numbers(web("head").get("/penalties/", {"source": others[0], "format": "csv"}))
    assert sample.number not in excluded
    html = web("head").get("/penalties/", {"source": sample.source}).content.decode()
    assert f'value="{sample.source}" selected' in html
    # An unknown value is ignored, not reflected and not an error.
    bad = web("head").get("/penalties/", {"source": "<x>", "domain": "nope"})
    assert bad.status_code == 200 and "&lt;x&gt;" not in bad.content.decode()


def test_permit_applications_by_kind_channel_and_date_in_the_export(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    apps = PermitApplication.objects.filter(bureau=demo.bureau).select_related("kind")
    sample = apps.first()
    assert sample is not None, "the demo has permit applications"
    day = sample.received_on.isoformat()
    params = {
        "kind": sample.kind.code,
        "channel": sample.channel,
        "from": day,
        "to": day,
        "format": "csv",
    }
    who = "head"
    got = _numbers(web(who).get("/permits/", params))
    expected = set(
        apps.filter(
            kind=sample.kind, channel=sample.channel, received_on=sample.received_on
        ).values_list("number", flat=True)
    )
    assert sample.number in got and got == expected
    page = web(who).get("/permits/", {k: v for k, v in params.items() if k != "format"})
    html = page.content.decode()
    assert f'value="{sample.kind.code}" selected' in html and "format=xlsx" in html
    assert web(who).get("/permits/", {"from": "2025-02-01", "to": "2025-01-01"}).status_code == 400


def test_the_permit_export_is_refused_to_the_wrong_role_and_scoped_to_the_bureau(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    assert web("handler_sanitation").get("/permits/", {"format": "csv"}).status_code == 403
    mine = set(
        PermitApplication.objects.filter(bureau=demo.bureau).values_list("number", flat=True)
    )
    outsider = web("outsider").get("/permits/", {"format": "csv"})
    if outsider.status_code == 200:
        assert not (_numbers(outsider) & mine)
    else:
        assert outsider.status_code == 403
