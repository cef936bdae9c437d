"""The 查封/扣押 rules as pure checks (LEGAL-RULES §10.6): each broken rule is reported with its id."""

from __future__ import annotations

import datetime as dt

from chengguan.core import clock
from chengguan.measures import checks

D = dt.date


def _codes(found):
    return [v.rule for v in found]


def test_QZ_18_no_approval_and_not_an_emergency(demo):
    shown = [demo.user("officer1"), demo.user("officer2")]
    kw = dict(shown=shown, on=D(2025, 6, 3), party_present=True, party_signed=True, witnesses=[])
    assert _codes(checks.carried_out(approver=None, emergency=False, **kw)) == ["QZ-18"]
    assert checks.carried_out(approver=demo.user("head"), emergency=False, **kw) == []
    assert checks.carried_out(approver=None, emergency=True, **kw) == []
    # An officer is not the head.
    assert _codes(checks.carried_out(approver=demo.user("officer2"), emergency=False, **kw)) == [
        "QZ-18"
    ]


def test_QZ_18_two_officers_and_witnesses_when_the_party_does_not_sign(demo):
    head = demo.user("head")
    one = checks.carried_out(
        shown=[demo.user("officer1")],
        on=D(2025, 6, 3),
        approver=head,
        emergency=False,
        party_present=True,
        party_signed=True,
        witnesses=[],
    )
    assert _codes(one) == ["QZ-18"]
    kw = dict(
        shown=[demo.user("officer1"), demo.user("officer2")],
        on=D(2025, 6, 3),
        approver=head,
        emergency=False,
        party_present=False,
    )
    assert _codes(checks.carried_out(party_signed=False, witnesses=[], **kw)) == ["QZ-18"]
    assert checks.carried_out(party_signed=False, witnesses=["社区网格员李某"], **kw) == []


def test_QZ_19_approval_after_24_hours_is_refused():
    held = dt.datetime(2025, 6, 3, 10, tzinfo=clock.SHANGHAI)
    report_by = held + dt.timedelta(hours=checks.REPORT_HOURS)
    assert checks.report_in_time(report_by=report_by, now=report_by) == []
    late = checks.report_in_time(report_by=report_by, now=report_by + dt.timedelta(minutes=1))
    assert _codes(late) == ["QZ-19"]


def test_QZ_25_extended_once_by_at_most_30_days_and_QZ_28_not_after_the_decision():
    assert checks.extension(already=False, days=30, decided=False) == []
    assert _codes(checks.extension(already=True, days=10, decided=False)) == ["QZ-25"]
    assert _codes(checks.extension(already=False, days=31, decided=False)) == ["QZ-25"]
    assert _codes(checks.extension(already=False, days=10, decided=True)) == ["QZ-28"]


def test_QZ_26_custody_record_and_no_use():
    assert checks.custody(place="局暂扣物品库", condition="完好") == []
    assert _codes(checks.custody(place="局暂扣物品库", condition=" ")) == ["QZ-26"]
    assert _codes(checks.disposal(handling="use", penalty_types=[], transferred=False)) == ["QZ-26"]


def test_QZ_28_expired_or_not_taken_by_the_decision_means_release():
    assert checks.not_expired(decide_by=D(2025, 7, 3), today=D(2025, 7, 3), what="延长") == []
    late = checks.not_expired(decide_by=D(2025, 7, 3), today=D(2025, 7, 4), what="延长")
    assert _codes(late) == ["QZ-28"]
    fine_only = checks.disposal(handling="confiscate", penalty_types=["fine"], transferred=False)
    assert _codes(fine_only) == ["QZ-28"]
    taken = ["fine", "confiscate_property"]
    assert checks.disposal(handling="confiscate", penalty_types=taken, transferred=False) == []
    assert _codes(checks.disposal(handling="transfer", penalty_types=[], transferred=False)) == [
        "QZ-28"
    ]
    assert checks.disposal(handling="transfer", penalty_types=[], transferred=True) == []
