"""The case list page counts at most ``COUNT_CAP`` rows and says "超过 … 件" past it (decision 092)."""

from __future__ import annotations

import pytest
from django.db.models import Q

from chengguan.citycases.models import CityCase
from chengguan.core import bounded


def test_the_case_list_page_says_more_than_the_cap(web, demo, monkeypatch: pytest.MonkeyPatch):
    page = web("center").get("/cases/")
    assert page.status_code == 200
    total = CityCase.objects.filter(bureau=demo.bureau).count()
    assert f"共 {total} 件" in page.content.decode()
    monkeypatch.setattr(bounded, "COUNT_CAP", 3)
    page = web("center").get("/cases/", {"q": ""})
    assert "超过 3 件" in page.content.decode()


def test_a_search_counts_the_bureaus_matches_only(web, demo):
    q = "垃圾"
    expected = (
        CityCase.objects.filter(bureau=demo.bureau)
        .filter(Q(number__icontains=q) | Q(description__icontains=q) | Q(address__icontains=q))
        .count()
    )
    assert 0 < expected <= bounded.COUNT_CAP
    page = web("center").get("/cases/", {"q": q})
    assert f"共 {expected} 件" in page.content.decode()
