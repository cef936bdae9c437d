"""The county year at a small scale: shaped like the seed, chains valid, figures consistent."""

from __future__ import annotations

from chengguan.demo import county
from chengguan.ledger.queries import verify
from chengguan.reports.figures import compute


def test_small_county_year_keeps_the_ledger_valid_and_feeds_the_report(demo):
    demo.say = lambda _: None
    before = compute(demo.bureau, 2024)
    county.generate(demo, scale=0.01)
    result = verify()
    assert result.ok, result.reason
    f = compute(demo.bureau, 2024)
    loop = county.SEED["citycases"] * 0.01
    assert abs(f.value("citycases_collected") - loop) <= 1
    assert f.value("citycases_collected") - f.value("citycases_disposed") == 4
    assert f.value("hotline_orders") == 4 and f.value("petition_orders") == 1
    assert f.value("appeals_closure_rate") == 100
    # The county year tops the penalty demo's own 2024 cases up to the seed's shape.
    assert f.value("penalty_general") == max(1, before.value("penalty_general"))
    assert f.value("penalty_simple") == max(1, before.value("penalty_simple"))
    assert f.value("penalty_general_reviewed") >= 1
    assert f.value("posts") >= 7
    assert f.value("findings") == f.value("findings_rectified") > 0
    assert f.value("certified_staff") >= 7 and f.value("staff_total") > f.value("certified_staff")
    # A second run adds nothing (the demo command is idempotent).
    county.generate(demo, scale=0.01)
    again = compute(demo.bureau, 2024)
    assert again.as_dict() == f.as_dict()
