"""XF-72 加处罚款 arithmetic and the XF-73 pause."""

from __future__ import annotations

from decimal import Decimal

from chengguan.penalties.surcharge import amount, late_days
from tests.penalties.helpers import D


def test_no_surcharge_on_or_before_the_last_day():
    assert late_days(D(2025, 6, 18), D(2025, 6, 18)) == 0
    assert late_days(D(2025, 6, 18), D(2025, 6, 1)) == 0


def test_days_late_times_three_percent():
    days = late_days(D(2025, 6, 18), D(2025, 6, 23))
    assert days == 5
    assert amount(Decimal("5000"), days) == Decimal("750.00")
    assert amount(Decimal("333.33"), 1) == Decimal("10.00")


def test_surcharge_is_capped_at_the_fine():
    days = late_days(D(2025, 6, 18), D(2025, 8, 31))
    assert days == 74
    assert amount(Decimal("5000"), 33) == Decimal("4950.00")
    assert amount(Decimal("5000"), 34) == Decimal("5000")
    assert amount(Decimal("5000"), days) == Decimal("5000")


def test_paused_interval_is_not_counted():
    pauses = [(D(2025, 6, 20), D(2025, 6, 29))]  # 10 days inclusive
    assert late_days(D(2025, 6, 18), D(2025, 7, 3), pauses) == 15 - 10
    open_pause = [(D(2025, 6, 25), None)]
    assert late_days(D(2025, 6, 18), D(2025, 7, 3), open_pause) == 6


def test_counting_runs_across_month_and_year_ends():
    assert late_days(D(2025, 1, 30), D(2025, 3, 2)) == 31  # February has 28 days
    assert late_days(D(2024, 2, 27), D(2024, 3, 1)) == 3  # leap year: 28, 29 Feb, 1 Mar
    assert late_days(D(2024, 12, 30), D(2025, 1, 2)) == 3
    assert amount(Decimal("1000"), late_days(D(2025, 1, 30), D(2025, 3, 2))) == Decimal("930.00")
