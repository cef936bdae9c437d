"""Bounded counts (decision 092): a list stops counting at ``COUNT_CAP`` and says so —
``count_is_estimate`` in the API, "超过 … 件" on the case list page — while ``next`` stays exact."""

from __future__ import annotations

import pytest

from chengguan.citycases.models import CityCase
from chengguan.core import bounded


def test_bounded_count_stops_at_the_cap(demo):
    rows = CityCase.objects.filter(bureau=demo.bureau)
    total = rows.count()
    assert total > 3
    assert bounded.bounded_count(rows, cap=3) == (3, True)
    assert bounded.bounded_count(rows, cap=total) == (total, False)
    assert bounded.bounded_count(rows.none(), cap=3) == (0, False)


def test_the_api_count_is_exact_below_the_cap(api, demo):
    body = api("center").get("city-cases", page_size=2).json()
    assert body["count_is_estimate"] is False
    assert body["count"] == CityCase.objects.filter(bureau=demo.bureau).count()


def test_past_the_cap_the_api_says_estimate_and_still_links_the_next_page(
    api, demo, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(bounded, "COUNT_CAP", 3)
    total = CityCase.objects.filter(bureau=demo.bureau).count()
    assert total > 6
    body = api("center").get("city-cases", page_size=2).json()
    assert (body["count"], body["count_is_estimate"]) == (3, True)
    assert "page=2" in body["next"]
    # a page beyond the cap: the count is never below what the caller has seen
    far = api("center").get("city-cases", page_size=2, page=3).json()
    assert far["count"] >= 6 and far["count_is_estimate"] is True
    assert len(far["items"]) == 2
    last = -(-total // 2)
    end = api("center").get("city-cases", page_size=2, page=last).json()
    assert end["next"] is None and end["items"]
