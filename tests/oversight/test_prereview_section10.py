"""案卷评查 pre-review knows every LEGAL-RULES §10 rule (issue #11 item 4): a closed file built
through the real actions is clean; the same file with one record written directly (as a careless
import or an old record would hold it) breaking one rule gets a finding naming that rule id."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from chengguan.core.clock import SHANGHAI
from chengguan.execution.models import Execution
from chengguan.law.models import Benchmark
from chengguan.measures.models import Seizure
from chengguan.oversight.checks import prereview
from chengguan.penalties import actions
from chengguan.penalties.models import (
    CorrectionOrder,
    Demand,
    EnforcementApplication,
    Hearing,
    Instalment,
    Party,
    PaymentArrangement,
    PenaltyCase,
    RemedyProceeding,
    Review,
    Transfer,
)
from tests.penalties.helpers import T0, D, at, served

PAID_ON = D(2025, 6, 10)


def _closed(demo: Any) -> PenaltyCase:
    case = served(demo)
    with at(PAID_ON):
        actions.pay(
            case.pk,
            actor=demo.user("officer1"),
            amount="5000",
            paid_on=PAID_ON,
            channel="bank",
            voucher_no="建行缴款凭证0001",
        )
        actions.close(case.pk, actor=demo.user("head"))
    return PenaltyCase.objects.get(pk=case.pk)


def _seizure(case: PenaltyCase, demo: Any, **over: Any) -> Seizure:
    fields: dict[str, Any] = {
        "bureau_id": case.bureau_id,
        "case": case,
        "kind": "seize",
        "status": "released",
        "items": [{"name": "三轮车", "quantity": "1", "unit": "辆", "note": ""}],
        "place": "局暂扣物品库",
        "condition": "完好",
        "emergency": False,
        "held_at": dt.datetime(2025, 6, 3, 10, tzinfo=SHANGHAI),
        "held_on": T0,
        "held_by": demo.user("officer1"),
        "certificates": [{"officer": "officer1"}, {"officer": "officer2"}],
        "approved_by": demo.user("head"),
        "approved_at": dt.datetime(2025, 6, 3, 9, tzinfo=SHANGHAI),
        "decide_by": T0 + dt.timedelta(days=30),
        "released_on": D(2025, 6, 10),
        "release_reason": "no_longer_needed",
        "returned_on": D(2025, 6, 10),
    }
    return Seizure.objects.create(**{**fields, **over})


def _execution(case: PenaltyCase, demo: Any, **over: Any) -> Execution:
    fields: dict[str, Any] = {
        "bureau_id": case.bureau_id,
        "case": case,
        "kind": "removal",
        "status": "executed",
        "basis": "《城市道路管理条例》第四十二条",
        "obligation": "清除占道堆放物",
        "demand_served_on": D(2025, 6, 11),
        "demand_method": "direct",
        "demand_perform_by": D(2025, 6, 20),
        "demand_way": "自行清除",
        "rights_told": True,
        "demanded_by": demo.user("officer1"),
        "statement_none": True,
        "statement_received_on": D(2025, 6, 23),
        "decided_on": D(2025, 6, 23),
        "decided_by": demo.user("head"),
        "decision_reason": "逾期不履行且无正当理由",
        "method": "组织人员清除",
        "executed_at": dt.datetime(2025, 6, 24, 10, tzinfo=SHANGHAI),
        "result": "已清除",
        "executed_by": demo.user("officer1"),
    }
    return Execution.objects.create(**{**fields, **over})


def _case(c: PenaltyCase, **fields: Any) -> None:
    PenaltyCase.objects.filter(pk=c.pk).update(**fields)


def _clone_fined(c: PenaltyCase) -> None:
    """XF-29.2: a case of the same party and item fined a week before, for an act a week before."""
    other = PenaltyCase.objects.get(pk=c.pk)
    other.pk = None
    other.number = c.number + "-早"
    other.decision_number = (c.decision_number or "") + "-早"
    other.act_date = c.act_date - dt.timedelta(days=7)
    other.decided_on = c.decided_on - dt.timedelta(days=1)
    other.save()


def _benchmark_later(c: PenaltyCase) -> None:
    bench = c.benchmark or Benchmark.objects.filter(power_item_id=c.power_item_id).first()
    assert bench is not None
    Benchmark.objects.filter(pk=bench.pk).update(effective_from=c.act_date + dt.timedelta(days=1))
    _case(c, benchmark=bench)


def _arranged_then_enforced(c: PenaltyCase, demo: Any) -> None:
    plan = PaymentArrangement.objects.create(
        case=c,
        kind="deferral",
        status="approved",
        applied_on=T0,
        reason="经营困难",
        recorded_by=demo.user("officer1"),
        decided_by=demo.user("head"),
        decided_on=T0,
    )
    Instalment.objects.create(
        arrangement=plan, case=c, seq=1, amount=Decimal("5000"), due_on=D(2025, 7, 31)
    )
    demand = Demand.objects.create(
        case=c,
        served_on=D(2025, 6, 20),
        method="direct",
        fine_due=Decimal("5000"),
        surcharge_due=Decimal("0"),
        perform_by=D(2025, 7, 4),
        recorded_by=demo.user("officer1"),
    )
    EnforcementApplication.objects.create(
        case=c,
        court="示范县人民法院",
        applied_on=D(2025, 7, 10),
        document_number="示城管强申〔2025〕1号",
        demand=demand,
        fine_due=Decimal("5000"),
        surcharge_due=Decimal("0"),
        recorded_by=demo.user("head"),
    )


def _transfer(c: PenaltyCase, demo: Any, **over: Any) -> None:
    fields: dict[str, Any] = {
        "case": c,
        "kind": "competent_body",
        "to": "县自然资源局",
        "reason": "不属本机关管辖",
        "reported_on": D(2025, 5, 20),
        "decided_on": D(2025, 5, 21),
        "approved_by": demo.user("head"),
        "handed_over_on": D(2025, 5, 21),
        "receipt": "",
        "recorded_by": demo.user("officer1"),
    }
    Transfer.objects.create(**{**fields, **over})


def _hearing(c: PenaltyCase, demo: Any, **over: Any) -> None:
    fields: dict[str, Any] = {
        "case": c,
        "requested_on": D(2025, 5, 20),
        "notified_on": D(2025, 5, 20),
        "held_on": D(2025, 6, 2),
        "chair": demo.user("reviewer"),
        "record": "听证笔录",
        "transcript_signed": True,
    }
    Hearing.objects.create(**{**fields, **over})


def _review(c: PenaltyCase, demo: Any, on: dt.date) -> None:
    Review.objects.create(
        case=c, reviewer=demo.user("reviewer"), approved=True, opinion="同意", reviewed_on=on
    )


Breaker = Callable[[PenaltyCase, Any], Any]
BREAKS: list[tuple[str, Breaker]] = [
    ("TM-1", lambda c, d: c.statements.update(received_on=D(2025, 5, 1))),
    ("TM-2", lambda c, d: c.payments.update(backdate_reason="当日系统故障，事后补记")),
    ("XF-70", lambda c, d: c.payments.update(voucher_no="")),
    ("XF-58", lambda c, d: _review(c, d, D(2025, 6, 1))),
    ("XF-62", lambda c, d: c.statements.update(witnessed_by=[], waiver_blob=None)),
    (
        "XF-63",
        lambda c, d: (
            c.notices.update(hearing_right=True, hearing_request_by=D(2025, 6, 10)),
            c.statements.update(waiver=False, content="无异议"),
        ),
    ),
    ("XF-64", lambda c, d: _hearing(c, d, chair=d.user("officer1"))),
    ("XF-65", lambda c, d: (_hearing(c, d), _review(c, d, D(2025, 5, 30)))),
    ("CL-6", lambda c, d: _case(c, deviation_reason="情节特殊，低于基准")),
    ("XF-9", lambda c, d: _case(c, penalty_types=[])),
    ("XF-28.2", lambda c, d: _case(c, illegal_income=Decimal("800"))),
    ("XF-29.2", lambda c, d: _clone_fined(c)),
    ("XF-30", lambda c, d: Party.objects.filter(pk=c.party_id).update(birth_date=None)),
    ("XF-31", lambda c, d: _case(c, grounds=["mental_incapable"])),
    ("XF-37", lambda c, d: _benchmark_later(c)),
    (
        "PA-1",
        lambda c, d: Party.objects.filter(pk=c.party_id).update(
            kind="organisation", credit_code=""
        ),
    ),
    ("XF-60", lambda c, d: _case(c, decide_by=D(2025, 6, 1), extension_until=None)),
    ("SD-1", lambda c, d: c.services.update(method="post", receipt_signed_on=None)),
    ("SD-2", lambda c, d: c.services.update(method="public", attempts=[])),
    (
        "XF-73",
        lambda c, d: RemedyProceeding.objects.create(
            case=c, kind="litigation", filed_on=D(2025, 6, 20), recorded_by=d.user("reviewer")
        ),
    ),
    ("XF-72.2", _arranged_then_enforced),
    ("XF-74", lambda c, d: _case(c, penalty_types=["fine", "confiscate_property"])),
    ("XF-69", lambda c, d: c.payments.update(channel="on_spot", receipt_no="财政票据0001")),
    ("XF-22", lambda c, d: _transfer(c, d)),
    (
        "XF-27",
        lambda c, d: _transfer(
            c, d, kind="judicial", to="县公安局", decided_on=D(2025, 5, 30), receipt="回执1"
        ),
    ),
    (
        "ZL-1",
        lambda c, d: CorrectionOrder.objects.create(
            case=c, content="责令改正", issued_on=T0, deadline=T0, issued_by=d.user("officer1")
        ),
    ),
    ("QZ-18", lambda c, d: _seizure(c, d, approved_by=None, approved_at=None)),
    ("QZ-19", lambda c, d: _seizure(c, d, emergency=True, approved_by=None, approved_at=None)),
    ("QZ-24", lambda c, d: _seizure(c, d, items=[])),
    ("QZ-25", lambda c, d: _seizure(c, d, extension_days=45)),
    ("QZ-26", lambda c, d: _seizure(c, d, place="")),
    ("QZ-28", lambda c, d: _seizure(c, d, status="held", released_on=None, release_reason="")),
    ("QZ-35", lambda c, d: _execution(c, d, rights_told=False)),
    ("QZ-36", lambda c, d: _execution(c, d, statement_none=False)),
    ("QZ-37", lambda c, d: _execution(c, d, decided_on=D(2025, 6, 20))),
    (
        "QZ-43",
        lambda c, d: _execution(c, d, executed_at=dt.datetime(2025, 6, 24, 23, tzinfo=SHANGHAI)),
    ),
    ("QZ-44", lambda c, d: _execution(c, d, kind="demolition", notice_posted_on=None)),
]


def _rules(case: PenaltyCase) -> set[str]:
    fresh = PenaltyCase.objects.get(pk=case.pk)
    return {i.rule for i in prereview(fresh) if i.rule}


def test_a_clean_closed_file_with_a_measure_and_an_execution_has_no_section_10_finding(demo):
    case = _closed(demo)
    _seizure(case, demo)
    _execution(case, demo)
    assert _rules(case) == set()


@pytest.mark.parametrize(("rule", "breaker"), BREAKS, ids=[b[0] for b in BREAKS])
def test_a_file_breaking_one_rule_gets_a_finding_with_its_id(demo, rule, breaker):
    case = _closed(demo)
    breaker(case, demo)
    assert rule in _rules(case)


def test_the_finding_is_stored_on_the_review_with_its_rule(demo):
    from chengguan.oversight.actions import start_file_review

    case = _closed(demo)
    _case(case, penalty_types=[])
    row = start_file_review(actor=demo.user("supervisor"), penalty_case_id=case.pk)
    rules = {i["rule"] for i in row.prereview["items"]}
    assert "XF-9" in rules
    assert "wrong_law" in row.prereview["suggested_vetoes"]
