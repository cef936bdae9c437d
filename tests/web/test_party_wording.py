"""Issue #15 item 5 on the case page: the penalties in one phrase, the fine named once."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.test import Client

from chengguan.demo.context import DemoContext
from chengguan.penalties.models import PenaltyCase
from chengguan.web.views.penalties import penalty_summary


def test_the_summary_names_the_fine_once() -> None:
    assert penalty_summary(["fine"], Decimal("800.00")) == "罚款 800.00 元"
    assert penalty_summary(["warning", "fine"], Decimal("800.00")) == "警告、罚款 800.00 元"
    assert penalty_summary(["warning"], None) == "警告"


def test_no_decided_demo_case_page_says_fine_twice(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    decided = PenaltyCase.objects.filter(bureau=demo.bureau, fine_amount__isnull=False)
    assert decided.exists()
    for case in decided:
        page = web("head").get(f"/penalties/{case.pk}/").content.decode()
        assert "罚款，罚款" not in page and "罚款、罚款" not in page
        assert f"罚款 {case.fine_amount} 元" in page
