"""Issue #15 item 9 and #14/#11 (decision 089): ``chengguan demo`` as ``make run`` runs it, on a
fresh home, builds the current year — open work inside its periods, every stage of the round-2
domains — and a second run adds nothing.

The demo is run in a subprocess (a real ``migrate`` and ``demo --draft-calendar``) because the
test session's database holds the seed-year demo (``--year 2024``); the figures are read back by
the same program (``shell -c``) as JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
OVERDUE_DAYS = 10  # nothing of the demo's open work is overdue by more than this

PROBE = r"""
import json
from django.apps import apps
from chengguan.citycases.models import CityCase
from chengguan.citycases.states import OPEN_STATUSES
from chengguan.core import clock, workdays
from chengguan.guidance.models import GuidanceRecord
from chengguan.ledger.queries import verify
from chengguan.org.models import OrgUnit
from chengguan.penalties import queries as pq
from chengguan.penalties.models import PenaltyCase
from chengguan.permits.models import PermitApplication
from chengguan.reports.queries import default_year, has_records
from chengguan.suggestions.models import Suggestion

b = OrgUnit.objects.get(code="demo", kind=OrgUnit.Kind.BUREAU)
today = clock.today()
dates, due = [], []
for c in PenaltyCase.objects.filter(bureau=b):
    dates.append(["penalty", c.discovered_date.isoformat()])
    for v in pq.compliance(c, today)["violations"]:
        due.append(["penalty " + v["code"], v["details"].get("due") or today.isoformat()])
for c in CityCase.objects.filter(bureau=b):
    dates.append(["city", clock.local(c.reported_at).date().isoformat()])
    if c.status in OPEN_STATUSES and c.current_due:
        due.append(["city", clock.local(c.current_due).date().isoformat()])
for p in PermitApplication.objects.filter(bureau=b):
    dates.append(["permit", p.received_on.isoformat()])
    step = {"received": p.accept_by, "accepted": p.decide_by}.get(p.status)
    if p.status == "granted" and p.published_on is None:
        step = p.publish_by
    if step:
        due.append(["permit " + p.status, step.isoformat()])
for s in Suggestion.objects.filter(bureau=b):
    dates.append(["suggestion", s.assigned_on.isoformat()])
    if s.status in ("open", "redo"):
        due.append(["suggestion", s.due_on.isoformat()])
for g in GuidanceRecord.objects.filter(bureau=b):
    dates.append(["guidance", g.issued_on.isoformat()])
print(json.dumps({
    "today": today.isoformat(),
    "dates": dates,
    "due": due,
    "penalty": sorted({c.status for c in PenaltyCase.objects.filter(bureau=b)}),
    "permit": sorted({p.status for p in PermitApplication.objects.filter(bureau=b)}),
    "published": PermitApplication.objects.filter(bureau=b, published_on__isnull=False).count(),
    "suggestion": sorted({s.status for s in Suggestion.objects.filter(bureau=b)}),
    "guidance": sorted({g.status for g in GuidanceRecord.objects.filter(bureau=b)}),
    "report_year": default_year(b.pk, today.year),
    "this_year_has_records": has_records(b.pk, today.year),
    "counts": {m._meta.label: m._default_manager.count() for m in apps.get_models()
               if m.__module__.startswith("chengguan.")},
    "ledger_ok": verify().ok,
    "calendar_years": workdays.covered_years(),
}))
"""


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "chengguan.manage", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, f"{' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def built() -> Iterator[dict[str, Any]]:
    home = Path(tempfile.mkdtemp(prefix="cg-demo-current-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CHENGGUAN_HOME"}}
    env.update(CHENGGUAN_HOME=str(home), CHENGGUAN_FAST_HASHER="1", CHENGGUAN_DEMO_MODE="1")
    try:
        _run(["migrate", "--noinput", "-v0"], env)
        first = _run(["demo", "--password", "demo-pass", "--draft-calendar"], env)
        after_first = json.loads(_run(["shell", "-c", PROBE], env).splitlines()[-1])
        second = _run(["demo", "--password", "demo-pass", "--draft-calendar"], env)
        after_second = json.loads(_run(["shell", "-c", PROBE], env).splitlines()[-1])
        yield {"out": first, "again": second, "first": after_first, "second": after_second}
    finally:
        shutil.rmtree(home, ignore_errors=True)


def test_the_demo_shows_its_progress_and_year(built: dict[str, Any]) -> None:
    today = dt.date.fromisoformat(built["first"]["today"])
    assert f"演示年度：{today.year}年（当年" in built["out"]
    assert built["out"].count("（累计 ") >= 10  # one line of elapsed time per builder
    assert "未创建强制执行演示" in built["out"]  # bureau_execution_powers is off for the demo
    assert "演示数据已就绪" in built["out"]


def test_everything_is_in_the_current_year(built: dict[str, Any]) -> None:
    today = dt.date.fromisoformat(built["first"]["today"])
    # From June on everything is in this year. Before that, the builders with fixed days of the
    # year (inspections to April, the stall season's lottery in May) use the year before, and the
    # oldest records dated back from today (at most 100 days) may fall in it (decision 089).
    strict = today >= dt.date(today.year, 6, 1)
    for what, day in built["first"]["dates"]:
        on = dt.date.fromisoformat(day)
        assert on <= today, (what, day)
        if strict:
            assert on.year == today.year, (what, day)
        else:
            assert on >= dt.date(today.year - 1, 1, 1), (what, day)
    kinds = {what for what, _ in built["first"]["dates"]}
    assert {"penalty", "city", "permit", "suggestion", "guidance"} <= kinds


def test_nothing_is_long_overdue(built: dict[str, Any]) -> None:
    today = dt.date.fromisoformat(built["first"]["today"])
    limit = today - dt.timedelta(days=OVERDUE_DAYS)
    late = [(w, d) for w, d in built["first"]["due"] if dt.date.fromisoformat(d) < today]
    assert all(dt.date.fromisoformat(d) >= limit for _, d in late), late
    assert len(late) <= 2, late  # a few overdue, to show the flag, never the whole list
    soon = [w for w, d in built["first"]["due"] if today <= dt.date.fromisoformat(d)]
    assert len(soon) >= 5  # and open work with its deadlines ahead


def test_every_stage_of_the_domains_is_there(built: dict[str, Any]) -> None:
    got = built["first"]
    assert {
        "pending_registration",
        "investigating",
        "notified",
        "decided",
        "served",
        "closed",
        "archived",
    } <= set(got["penalty"])
    assert {"received", "materials_requested", "accepted", "granted", "refused"} <= set(
        got["permit"]
    )
    assert got["published"] >= 2
    assert {"open", "redo", "closed"} <= set(got["suggestion"])
    assert {"open", "corrected", "not_corrected"} <= set(got["guidance"])


def test_the_report_opens_on_a_year_with_data(built: dict[str, Any]) -> None:
    today = dt.date.fromisoformat(built["first"]["today"])
    assert built["first"]["this_year_has_records"]
    assert built["first"]["report_year"] == today.year


def test_this_year_and_the_next_have_a_calendar(built: dict[str, Any]) -> None:
    today = dt.date.fromisoformat(built["first"]["today"])
    assert {today.year, today.year + 1} <= set(built["first"]["calendar_years"])


def test_a_second_run_adds_nothing_and_the_ledger_verifies(built: dict[str, Any]) -> None:
    assert built["second"]["counts"] == built["first"]["counts"]
    assert built["first"]["ledger_ok"] and built["second"]["ledger_ok"]
