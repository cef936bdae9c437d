"""Indicators (SC-4, RX-5) on a hand-built set; the expected values are worked out in the comments
and follow the definitions of docs/indicators.md."""

from __future__ import annotations

import datetime as dt

import pytest

from chengguan.citycases import actions
from chengguan.core.clock import SHANGHAI, frozen_at


def at(hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(2024, 3, 4, hh, mm, tzinfo=SHANGHAI)  # Monday


@pytest.fixture
def march(demo):
    """Eight cases reported on Monday 4 March 2024 at 09:00, all 暴露垃圾 (E0101: 立案 1 h,
    派遣 1 h, 处置 2 h, 核查 2 h, 结案 1 h, in working hours):

    A inspection  on time all the way, closed 10:40
    B inspection  handled late (due 11:20, handled 15:00), closed 15:20 (due 16:10: on time)
    C inspection  handled 10:00, rework 10:10 (new due 14:40), handled 11:00, verified 11:10
    D inspection  dispatched to greening, returned 10:00 (back to filed, dispatch due 11:00)
    E inspection  rejected
    F inspection  dispatched 09:20, never handled (due 11:20)
    G hotline     closed 10:40 with a reply, callback "satisfied"
    H hotline     merged into G (a repeated request)
    """
    u = demo.user
    center, insp, san = u("center"), u("inspector"), u("handler_sanitation")

    def new(source: str) -> int:
        with frozen_at(at(9)):
            who = insp if source == "inspection" else u("hotline")
            return actions.report(
                actor=who,
                source=source,
                category="E0101",
                description="暴露垃圾",
                lon=111.4612,
                lat=33.2712,
                requester_name="" if source == "inspection" else "张三",
                requester_phone="",
            ).pk

    def step(moment: dt.datetime, fn, **kw) -> None:
        with frozen_at(moment):
            fn(**kw)

    ids = {k: new("inspection") for k in "ABCDEF"} | {k: new("hotline") for k in "GH"}
    for k in "ABCDFG":
        step(at(9, 10), actions.file, actor=center, case_id=ids[k])
        step(
            at(9, 20),
            actions.dispatch,
            actor=center,
            case_id=ids[k],
            unit="greening" if k == "D" else "sanitation",
        )
    step(at(9, 30), actions.reject, actor=center, case_id=ids["E"], reason="重复巡查上报")
    step(
        at(9, 30),
        actions.merge,
        actor=u("hotline"),
        case_id=ids["H"],
        into=ids["G"],
        reason="同一诉求",
    )
    for k in "ACG":
        step(at(10), actions.handle, actor=san, case_id=ids[k], result="已清理")
    step(
        at(10),
        actions.return_case,
        actor=u("handler_greening"),
        case_id=ids["D"],
        reason="非园林职责",
    )
    step(at(10, 10), actions.verify, actor=insp, case_id=ids["C"], passed=False, note="仍有残留")
    step(at(11), actions.handle, actor=san, case_id=ids["C"], result="已清理干净")
    step(at(11, 10), actions.verify, actor=insp, case_id=ids["C"], passed=True)
    for k in "AG":
        step(at(10, 30), actions.verify, actor=insp, case_id=ids[k], passed=True)
        step(
            at(10, 40),
            actions.close,
            actor=center,
            case_id=ids[k],
            reply="已答复" if k == "G" else "",
        )
    step(at(11), actions.callback, actor=u("hotline"), case_id=ids["G"], satisfaction="satisfied")
    step(at(15), actions.handle, actor=san, case_id=ids["B"], result="已清理")
    step(at(15, 10), actions.verify, actor=insp, case_id=ids["B"], passed=True)
    step(at(15, 20), actions.close, actor=center, case_id=ids["B"])
    return ids


def _stats(api, **params):
    with frozen_at(at(17)):
        r = api("center").get("stats/city-cases", **params)
    assert r.status_code == 200, r.content
    return r.json()


def test_totals_and_rates_match_the_hand_worked_values(api, march):
    s = _stats(api, **{"from": "2024-03-01", "to": "2024-03-31"})
    assert s["from"] == "2024-03-01" and s["to"] == "2024-03-31"
    assert (s["reported"], s["merged"], s["filed"], s["rejected"]) == (8, 1, 6, 1)
    assert (s["dispatched"], s["should_dispose"], s["handled"], s["handled_on_time"]) == (
        6,
        6,
        4,
        3,
    )  # handled = A B C G; on time = A C G
    assert (s["should_close"], s["closed"], s["closed_on_time"]) == (6, 3, 3)  # A B G
    assert (s["reworked"], s["returned"]) == (1, 1)  # C; D
    assert s["overdue"] == 3  # at 17:00: C (close due 12:10), D (dispatch due 11:00), F (11:20)
    assert s["filing_rate"] == 0.8571  # 6 / (8 − 1)
    assert s["disposal_rate"] == 0.6667  # 4 / 6
    assert s["on_time_disposal_rate"] == 0.5  # 3 / 6
    assert s["closure_rate"] == 0.5  # 3 / 6
    assert s["on_time_closure_rate"] == 0.5  # 3 / 6
    assert s["rework_rate"] == 0.25  # 1 / 4 handled at least once
    assert s["return_rate"] == 0.1667  # 1 / 6 dispatched
    # working hours dispatch → last handling: A 0.67, B 3.17 (09:20–12:00, 14:30–15:00),
    # C 1.67, G 0.67 → 6.18 / 4
    assert s["avg_handle_hours"] == pytest.approx(1.545, abs=0.006)


def test_by_source_and_the_hotline_figures(api, march):
    s = _stats(api, **{"from": "2024-03-01", "to": "2024-03-31"})
    insp, hot = s["by_source"]["inspection"], s["by_source"]["hotline"]
    assert (insp["reported"], insp["filed"], insp["handled"], insp["closed"]) == (6, 5, 3, 2)
    assert insp["disposal_rate"] == 0.6  # 3 / 5
    assert (hot["reported"], hot["merged"], hot["closed"], hot["callbacks"]) == (2, 1, 1, 1)
    assert hot["completion_rate"] == 1.0  # 1 / (2 − 1)
    assert hot["on_time_completion_rate"] == 1.0
    assert hot["callback_rate"] == 1.0 and hot["satisfaction_rate"] == 1.0
    assert hot["repeat_rate"] == 0.5  # 1 merged / 2 received
    assert s["hotline"]["reported"] == 2


def test_by_unit_category_and_grid(api, march):
    plain = _stats(api, **{"from": "2024-03-01", "to": "2024-03-31"})
    assert "by_grid" not in plain and "by_category" not in plain
    s = _stats(api, **{"from": "2024-03-01", "to": "2024-03-31", "by": "category,grid"})
    units = {u["unit"]: u for u in s["by_unit"]}
    assert set(units) == {"sanitation"}  # D was returned: it has no unit now
    san = units["sanitation"]
    assert (san["dispatched"], san["handled"], san["handled_on_time"], san["reworked"]) == (
        5,
        4,
        3,
        1,
    )
    assert [c["category"] for c in s["by_category"]] == ["E0101"]
    assert s["by_category"][0]["reported"] == 8
    assert len(s["by_grid"]) == 1 and s["by_grid"][0]["street"] == "白羽街道"


def test_a_period_that_holds_none_of_them_counts_zero(api, march):
    s = _stats(api, **{"from": "2024-03-05", "to": "2024-03-31"})
    assert s["reported"] == 0 and s["disposal_rate"] == 0.0
    assert _stats(api, **{"from": "2024-03-04", "to": "2024-03-04"})["reported"] == 8


def test_the_overdue_worklist_lists_the_most_overdue_first(api, march):
    with frozen_at(at(17)):
        r = api("center").get("city-cases", overdue="true")
    rows = r.json()["items"]
    assert [row["id"] for row in rows] == [march["D"], march["F"], march["C"]]
    assert all(row["overdue"] for row in rows)


def test_a_handler_sees_only_its_units_figures(api, march):
    with frozen_at(at(17)):
        s = (
            api("handler_greening")
            .get("stats/city-cases", **{"from": "2024-03-01", "to": "2024-03-31"})
            .json()
        )
    assert s["reported"] == 0  # D left greening when it was returned


def test_bad_period_or_grouping_is_400(api, demo):
    assert api("center").get("stats/city-cases", by="planet").status_code == 400
    assert api("center").get("stats/city-cases", **{"from": "2024-13-01"}).status_code == 400
    r = api("center").get("stats/city-cases", **{"from": "2024-03-02", "to": "2024-03-01"})
    assert r.status_code == 400
