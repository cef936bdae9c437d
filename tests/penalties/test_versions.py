"""XF-37 从旧兼从轻: the basis and the benchmark in force on the act date apply, unless a later one
is lighter for the party (decision 076).

The act is of 2025-05-20 (``open_general``'s default); the steps are taken on T0 = 2025-06-03.
"""

from __future__ import annotations

from typing import Any

import pytest

from chengguan.law import actions as law_actions
from chengguan.law.models import PowerItem
from chengguan.ledger.models import Entry
from chengguan.penalties import actions
from chengguan.penalties.models import PenaltyCase
from tests.penalties.helpers import T0, D, at, fine_decision, open_general, proposal, snapshot
from tests.penalties.test_rules import refused

pytestmark = pytest.mark.django_db

BEFORE_ACT = D(2024, 1, 1)
AFTER_ACT = D(2025, 6, 1)  # after the act (2025-05-20), before the steps (2025-06-03)


def _item(demo: Any, code: str = "T37", lo: int = 10, hi: int = 1000, **kw: Any) -> PowerItem:
    return law_actions.create_power_item(
        actor=demo.user("reviewer"),
        code=code,
        name="测试：占用道路堆放物料",
        domain="municipal",
        legal_basis="《测试条例》第十条",
        penalty_types=["warning", "fine"],
        fine_min=lo,
        fine_max=hi,
        **kw,
    )


def _bench(demo: Any, item: PowerItem, band: tuple[int, int], effective: Any) -> Any:
    return law_actions.create_benchmark(
        actor=demo.user("reviewer"),
        power_item=item,
        title="测试裁量基准",
        levels=[
            {"level": "general", "conditions": "一般", "fine_min": band[0], "fine_max": band[1]}
        ],
        published_on=min(effective, AFTER_ACT),
        effective_from=effective,
    )


def _investigating(demo: Any, code: str) -> PenaltyCase:
    case = open_general(demo, item=code)
    actions.register(case.pk, actor=demo.user("head"))
    actions.add_evidence(
        case.pk,
        actor=demo.user("officer1"),
        kind="inspection_record",
        description="现场检查笔录及照片6张",
        certificates_shown=["officer1", "officer2"],
    )
    return case


def _conclude(api: Any, case: PenaltyCase, amount: str) -> Any:
    return api("officer1").post(
        f"penalty-cases/{case.pk}/conclude",
        {"outcome": "penalty", "proposal": proposal(amount, "general")},
    )


def _decide(api: Any, demo: Any, case: PenaltyCase, amount: str) -> Any:
    actions.notify(case.pk, actor=demo.user("officer1"), served_on=T0)
    actions.waive(
        case.pk,
        actor=demo.user("officer1"),
        record="当事人书面表示放弃陈述、申辩和要求听证的权利",
        witnessed_by=["officer1", "officer2"],
    )
    return api("head").post(f"penalty-cases/{case.pk}/decide", fine_decision(amount, "general"))


def test_a_proposal_fitting_only_a_later_heavier_benchmark_is_refused(api: Any, demo: Any) -> None:
    item = _item(demo)
    _bench(demo, item, (100, 300), BEFORE_ACT)
    _bench(demo, item, (400, 600), AFTER_ACT)  # heavier, in force after the act
    with at(T0):
        case = _investigating(demo, "T37")
        before, entries = snapshot(case), Entry.objects.count()
        body = refused(_conclude(api, case, "500"), "XF-37")
        assert "第1版" in body["message"]
        assert snapshot(case) == before and Entry.objects.count() == entries
        # Outside every version: the band of the act-date version is named (CL-4).
        refused(_conclude(api, case, "700"), "CL-4")
        assert _conclude(api, case, "200").status_code == 200
        r = _decide(api, demo, case, "200")
    assert r.status_code == 200, r.content
    applied = r.json()["decision"]["applied_law"]
    assert applied["benchmark_version"] == 1
    assert applied["benchmark_basis"] == "act_date"


def test_a_decision_after_the_proposal_is_checked_against_the_act_date_version(
    api: Any, demo: Any
) -> None:
    item = _item(demo)
    _bench(demo, item, (100, 300), BEFORE_ACT)
    with at(T0):
        case = _investigating(demo, "T37")
        assert _conclude(api, case, "200").status_code == 200
        _bench(demo, item, (400, 600), AFTER_ACT)  # heavier version arrives meanwhile
        actions.notify(case.pk, actor=demo.user("officer1"), served_on=T0)
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine_decision("200", "general"))
    # The newest version (400–600) would refuse 200; the act-date version applies (XF-37).
    assert r.status_code == 200, r.content
    assert r.json()["decision"]["applied_law"]["benchmark_version"] == 1
    assert PenaltyCase.objects.get(pk=case.pk).benchmark.version == 1


def test_a_later_lighter_benchmark_applies(api: Any, demo: Any) -> None:
    item = _item(demo)
    _bench(demo, item, (100, 300), BEFORE_ACT)
    _bench(demo, item, (50, 150), AFTER_ACT)  # lighter for the party
    with at(T0):
        case = _investigating(demo, "T37")
        before = snapshot(case)
        # 250 fits the act-date version only; the lighter later one applies.
        body = refused(_conclude(api, case, "250"), "XF-37")
        assert "更轻" in body["message"]
        assert snapshot(case) == before
        assert _conclude(api, case, "120").status_code == 200
        r = _decide(api, demo, case, "120")
    assert r.status_code == 200, r.content
    applied = r.json()["decision"]["applied_law"]
    assert (applied["benchmark_version"], applied["benchmark_basis"]) == (2, "lighter_later")
    assert applied["benchmark_in_force_from"] == AFTER_ACT.isoformat()


def test_a_provision_not_yet_in_force_on_the_act_date_is_refused_unless_lighter(
    api: Any, demo: Any
) -> None:
    old = _item(demo, "T37A", 100, 1000, effective_from=BEFORE_ACT, effective_until=AFTER_ACT)
    heavier = _item(demo, "T37B", 200, 2000, effective_from=AFTER_ACT, supersedes=old)
    for it in (old, heavier):
        _bench(demo, it, (200, 2000) if it is heavier else (100, 1000), BEFORE_ACT)
    with at(T0):
        case = _investigating(demo, "T37B")
        before = snapshot(case)
        body = refused(_conclude(api, case, "500"), "XF-37")
    assert "T37A" in body["message"]
    assert snapshot(case) == before


def test_the_old_provision_is_refused_where_a_lighter_new_one_is_in_force(
    api: Any, demo: Any
) -> None:
    old = _item(demo, "T37C", 100, 1000, effective_from=BEFORE_ACT, effective_until=AFTER_ACT)
    new = _item(demo, "T37D", 50, 500, effective_from=AFTER_ACT, supersedes=old)
    _bench(demo, old, (100, 1000), BEFORE_ACT)
    _bench(demo, new, (50, 500), BEFORE_ACT)
    with at(T0):
        stale = _investigating(demo, "T37C")
        before = snapshot(stale)
        body = refused(_conclude(api, stale, "300"), "XF-37")
        assert "T37D" in body["message"]
        assert snapshot(stale) == before
        lighter = _investigating(demo, "T37D")
        ok = _conclude(api, lighter, "300")
    assert ok.status_code == 200, ok.content


def test_a_provision_repealed_before_the_act_is_no_basis(api: Any, demo: Any) -> None:
    gone = _item(demo, "T37E", 10, 1000, effective_until=D(2025, 1, 1))
    _bench(demo, gone, (100, 300), BEFORE_ACT)
    with at(T0):
        case = _investigating(demo, "T37E")
        before = snapshot(case)
        refused(_conclude(api, case, "200"), "XF-37")
    assert snapshot(case) == before
