"""The REST kit's shared parsers: query-string dates and money amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import RequestFactory

from chengguan.api.parsing import money_out, query_date
from chengguan.core.errors import Invalid


def test_query_date_reads_an_iso_date_and_treats_absent_or_empty_as_none() -> None:
    rf = RequestFactory()
    assert query_date(rf.get("/", {"from": "2026-03-01"}), "from") == dt.date(2026, 3, 1)
    assert query_date(rf.get("/"), "from") is None
    assert query_date(rf.get("/", {"from": ""}), "from") is None


def test_query_date_rejects_a_bad_date_with_the_callers_message() -> None:
    rf = RequestFactory()
    with pytest.raises(Invalid) as caught:
        query_date(rf.get("/", {"to": "2026-13-01"}), "to", message="统计期间有误")
    assert caught.value.message == "统计期间有误"
    assert caught.value.details == {"to": "应为日期（YYYY-MM-DD）"}
    with pytest.raises(Invalid) as caught:
        query_date(rf.get("/", {"to": "soon"}), "to")
    assert caught.value.message == "日期格式有误"


def test_money_out_has_two_decimals_and_keeps_none() -> None:
    assert money_out(Decimal("200")) == "200.00"
    assert money_out(Decimal("0.5")) == "0.50"
    assert money_out(None) is None
