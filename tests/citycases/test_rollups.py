"""Indicator rollups (decision 092): the figures served from the rollup equal the recount of the
cases (the old queries, ``recount=True``), whether the days are clean or dirty, and ``rollups
verify`` finds a row that does not."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chengguan.citycases import actions, queries, rollups
from chengguan.citycases.models import CityCase, Rollup, RollupDirty
from chengguan.core.clock import SHANGHAI, frozen_at
from chengguan.core.errors import ChengguanError
from tests.citycases import test_indicators

at = test_indicators.at
march = test_indicators.march  # the hand-built day of the indicator tests, as a fixture here

EVENING = dt.datetime(2024, 3, 4, 17, tzinfo=SHANGHAI)
DAY = dt.date(2024, 3, 4)
BY = {"category", "grid"}


def both(reader: Any, first: dt.date = DAY, last: dt.date = DAY) -> tuple[dict, dict]:
    with frozen_at(EVENING):
        return (
            queries.indicators(reader, first, last, by=BY),
            queries.indicators(reader, first, last, by=BY, recount=True),
        )


def test_a_report_marks_its_day_and_the_refresh_clears_it(demo):
    with frozen_at(at(9)):
        case = actions.report(
            actor=demo.user("inspector"),
            source="inspection",
            category="E0101",
            description="暴露垃圾",
            lon=111.4612,
            lat=33.2712,
        )
    mark = RollupDirty.objects.get(bureau_id=case.bureau_id, day=DAY)
    with frozen_at(at(9, 10)):
        actions.file(actor=demo.user("center"), case_id=case.pk)
    assert RollupDirty.objects.get(pk=mark.pk).gen == mark.gen + 1
    assert rollups.refresh() >= 1
    assert not RollupDirty.objects.filter(bureau_id=case.bureau_id).exists()
    row = Rollup.objects.get(bureau_id=case.bureau_id, day=DAY, dim="s", key="inspection")
    assert (row.reported, row.filed) == (1, 1)


def test_clean_days_answer_from_the_rollup_with_the_recounts_numbers(demo, march):
    rollups.refresh()
    assert not RollupDirty.objects.filter(day=DAY).exists()
    served, recounted = both(demo.user("center"))
    assert served == recounted
    assert served["reported"] == 8 and served["by_category"] and served["by_grid"]
    # the answer really comes from the rollup: a changed row changes it
    Rollup.objects.filter(day=DAY, dim="s", key="inspection").update(reported=99)
    served, recounted = both(demo.user("center"))
    assert served["by_source"]["inspection"]["reported"] == 99
    assert recounted["by_source"]["inspection"]["reported"] == 6


def test_a_dirty_day_is_recounted_live(demo, march):
    rollups.refresh()
    with frozen_at(at(16)):
        actions.handle(actor=demo.user("handler_sanitation"), case_id=march["F"], result="已清理")
    assert RollupDirty.objects.filter(day=DAY).exists()
    served, recounted = both(demo.user("center"))
    assert served == recounted
    assert served["handled"] == recounted["handled"] == 5  # A B C G, and now F


def test_a_period_of_several_days_mixes_clean_and_dirty_days(demo, march):
    rollups.refresh()
    with frozen_at(dt.datetime(2024, 3, 6, 9, tzinfo=SHANGHAI)):
        actions.report(
            actor=demo.user("hotline"),
            source="hotline",
            category="E0101",
            description="垃圾",
            lon=111.4612,
            lat=33.2712,
            requester_name="李四",
        )
    served, recounted = both(demo.user("center"), DAY, dt.date(2024, 3, 31))
    assert served == recounted
    assert served["reported"] == 9


def test_a_units_reader_is_recounted_and_sees_only_its_figures(demo, march):
    rollups.refresh()
    served, recounted = both(demo.user("handler_sanitation"))
    assert served == recounted
    assert served["reported"] == 5  # A B C F G were dispatched to sanitation


def test_too_many_dirty_days_fall_back_to_the_recount(demo, march):
    rollups.refresh()
    bureau = demo.bureau.pk
    first = dt.date(2024, 2, 1)
    for i in range(rollups.MAX_DIRTY_DAYS + 1):
        with transaction.atomic():
            rollups.touch_day(bureau, first + dt.timedelta(days=i))
    Rollup.objects.filter(day=DAY, dim="s", key="inspection").update(reported=99)
    served, recounted = both(demo.user("center"), first, dt.date(2024, 4, 30))
    assert served == recounted
    assert served["by_source"]["inspection"]["reported"] < 99


def test_a_write_racing_the_refresh_keeps_its_mark(demo, march):
    bureau = demo.bureau.pk
    mark = RollupDirty.objects.get(bureau_id=bureau, day=DAY)
    with transaction.atomic():
        rollups.touch_day(bureau, DAY)  # a write after the refresh read the mark
    rollups._replace(bureau, DAY, DAY, [(DAY, mark.gen)])
    assert RollupDirty.objects.get(bureau_id=bureau, day=DAY).gen == mark.gen + 1
    served, recounted = both(demo.user("center"))
    assert served == recounted


def test_verify_names_the_first_difference_and_rebuild_repairs_it(demo, march):
    out = io.StringIO()
    call_command("rollups", "rebuild", "--bureau", "demo", "--year", "2024", stdout=out)
    assert "已重写" in out.getvalue()
    assert not RollupDirty.objects.filter(bureau_id=demo.bureau.pk, day=DAY).exists()
    call_command("rollups", "verify", stdout=(out := io.StringIO()))
    assert "一致" in out.getvalue()
    Rollup.objects.filter(bureau_id=demo.bureau.pk, day=DAY, dim="g").update(closed=7)
    err = io.StringIO()
    with pytest.raises(SystemExit) as stop:
        call_command("rollups", "verify", "--year", "2024", stdout=io.StringIO(), stderr=err)
    assert stop.value.code == 1
    assert "2024-03-04" in err.getvalue() and "closed" in err.getvalue()
    assert "汇总 7.0" in err.getvalue()
    call_command("rollups", "rebuild", "--year", "2024", stdout=io.StringIO())
    assert rollups.verify() is None


def test_verify_finds_a_missing_row(demo, march):
    rollups.refresh()
    Rollup.objects.filter(bureau_id=demo.bureau.pk, day=DAY, dim="u").delete()
    diff = rollups.verify([demo.bureau.pk], 2024)
    assert diff is not None and diff.dim == "u" and diff.rolled == 0


def test_the_command_refuses_an_unknown_bureau_and_a_bad_year(demo):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有编码为"):
        call_command("rollups", "verify", "--bureau", "nosuch", stdout=io.StringIO())
    with pytest.raises(CommandError, match="年份"):
        call_command("rollups", "rebuild", "--year", "20240", stdout=io.StringIO())


def test_the_job_is_listed_and_runs(demo, march):
    out = io.StringIO()
    call_command("jobs", "run", "citycase-rollups", stdout=out)
    assert out.getvalue().startswith("citycase-rollups: ")
    assert not RollupDirty.objects.filter(day=DAY).exists()


# ---------------------------------------------------------------------------------------------
# random histories

STEPS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "report",
                "report_hotline",
                "file",
                "dispatch",
                "handle",
                "verify_ok",
                "verify_fail",
                "close",
                "reject",
                "merge",
                "return",
                "callback",
                "refresh",
            ]
        ),
        st.integers(min_value=0, max_value=5),  # which case
        st.integers(min_value=0, max_value=2),  # which day (4, 5 or 6 March)
    ),
    min_size=1,
    max_size=14,
)


def _run(demo: Any, ops: list[tuple[str, int, int]], ids: list[int]) -> None:
    u = demo.user
    center, insp, san, hot = u("center"), u("inspector"), u("handler_sanitation"), u("hotline")
    for n, (op, which, day) in enumerate(ops):
        moment = dt.datetime(2024, 3, 4 + day, 9, tzinfo=SHANGHAI) + dt.timedelta(minutes=n)
        if op == "refresh":
            rollups.refresh()
            continue
        if op.startswith("report"):
            hotline = op == "report_hotline"
            with frozen_at(moment):
                ids.append(
                    actions.report(
                        actor=hot if hotline else insp,
                        source="hotline" if hotline else "inspection",
                        category="E0101",
                        description="暴露垃圾",
                        lon=111.4612,
                        lat=33.2712,
                        requester_name="张三" if hotline else "",
                    ).pk
                )
            continue
        if not ids:
            continue
        case_id = ids[which % len(ids)]
        calls = {
            "file": (actions.file, {"actor": center}),
            "dispatch": (actions.dispatch, {"actor": center, "unit": "sanitation"}),
            "handle": (actions.handle, {"actor": san, "result": "已清理"}),
            "verify_ok": (actions.verify, {"actor": insp, "passed": True}),
            "verify_fail": (actions.verify, {"actor": insp, "passed": False, "note": "残留"}),
            "close": (actions.close, {"actor": center}),
            "reject": (actions.reject, {"actor": center, "reason": "不属实"}),
            "merge": (actions.merge, {"actor": hot, "into": ids[0], "reason": "同一诉求"}),
            "return": (actions.return_case, {"actor": san, "reason": "非本单位职责"}),
            "callback": (actions.callback, {"actor": hot, "satisfaction": "satisfied"}),
        }
        fn, kw = calls[op]
        later = moment + dt.timedelta(hours=6 * (which % 2))
        # a refused step changes nothing, the rollup included
        with frozen_at(later), contextlib.suppress(ChengguanError):
            fn(case_id=case_id, **kw)


# Each example runs in a savepoint rolled back at its end, so the shared fixture is not changed.
@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=STEPS)
def test_random_histories_keep_the_rollup_equal_to_the_recount(demo, ops):
    first, last = dt.date(2024, 3, 4), dt.date(2024, 3, 6)
    with transaction.atomic():
        rollups.refresh()
        ids: list[int] = []
        _run(demo, ops, ids)
        served, recounted = both(demo.user("center"), first, last)
        assert served == recounted
        start, end = queries.period(first, last)
        assert served["reported"] == (
            CityCase.objects.filter(
                bureau=demo.bureau, reported_at__gte=start, reported_at__lt=end
            ).count()
        )
        rollups.refresh()
        assert rollups.verify([demo.bureau.pk], 2024) is None
        served, recounted = both(demo.user("center"), first, last)
        assert served == recounted
        transaction.set_rollback(True)


def test_the_migration_marks_every_day_that_holds_a_case(demo, march):
    """An upgraded database has cases and no rollup: each of their days must be dirty, once."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("chengguan.citycases.migrations.0008_rollups")
    RollupDirty.objects.all().delete()
    migration.mark_every_day_dirty(apps, None)
    days = {(c.bureau_id, rollups.local_day(c.reported_at)) for c in CityCase.objects.all()}
    marked = set(RollupDirty.objects.values_list("bureau_id", "day"))
    assert marked == days and len(days) >= 2
    assert RollupDirty.objects.count() == len(days)
    served, recounted = both(demo.user("center"))
    assert served == recounted
