"""Province scale (issue #16): one run builds a province of B bureaus holding N city cases in all
(``demo --scale province``, bulk), then prints side by side, as JSON and on screen:

  indicators_bureau_ms    one bureau's year indicators (citycases.queries.indicators)
  indicators_province_ms  the province's per-bureau figures (province.queries.indicators)
  search_ms               the case list searched by text, as the centre (/cases/?q=…)
  worklist_ms             the worklist page of the centre and of the hotline (/)
  case_page_ms            a city case page (/cases/<id>/)
  report_figures_ms       one bureau's annual report figures (reports.figures.compute)
  verify_incremental_s    ``ledger verify --since-checkpoint`` after a checkpoint and a burst
  intake_per_s            reports through the real ``report`` action, one transaction each
  commit_ceiling_per_s    single-row INSERT + COMMIT in a scratch table, same connection
  db_bytes_per_case       database size / city cases

Pages go through Django's whole handler in this process (server time without network); figures
are medians. ``--postgres`` runs on a throwaway PostgreSQL database, else SQLite in a temp home.

    .venv/bin/python bench/bench_province.py --cases 20000 --bureaus 4 [--postgres]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _setup

PASSWORD = "bench-pass-1"
YEAR = 2024


def median_ms(fn: Callable[[], Any], rounds: int = 5) -> float:
    runs = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(runs), 1)


def page_ms(client: Any, url: str, rounds: int = 5) -> float:
    def get() -> None:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)

    return median_ms(get, rounds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20000, help="city cases in all")
    parser.add_argument("--bureaus", type=int, default=4)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--intake", type=int, default=300, help="reports for intake_per_s")
    # --- helper:rollups --- measure again on a database an earlier run built (same data, so a
    # before/after pair compares code, not generated data); migrates it, skips the full verify
    parser.add_argument("--reuse", help="PostgreSQL database name of an earlier run")
    args = parser.parse_args()
    if args.reuse:
        base = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
        url: str | None = f"{base}/{args.reuse}"
    else:
        url = _setup.postgres_url(f"cg_bench_province_{os.getpid()}") if args.postgres else None
    # --- /helper:rollups ---
    if args.postgres and url is None:
        sys.exit("PostgreSQL 不可用")
    os.environ.setdefault("CHENGGUAN_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
    home = _setup.setup(url)

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client

    from chengguan.citycases import queries as city_queries
    from chengguan.citycases.actions import report
    from chengguan.citycases.models import Category, CityCase, Grid
    from chengguan.core import clock
    from chengguan.ledger.queries import verify
    from chengguan.org.models import OrgUnit, Staff
    from chengguan.province import queries as province_queries
    from chengguan.reports.figures import compute

    per_bureau = max(1, args.cases // args.bureaus)
    t0 = time.perf_counter()
    if not args.reuse:  # --- helper:rollups ---
        call_command(
            "demo",
            "--password",
            PASSWORD,
            "--year",
            str(YEAR),
            "--scale",
            "province",
            "--bureaus",
            str(args.bureaus),
            "--cases-per-bureau",
            str(per_bureau),
            stdout=io.StringIO(),
        )
    build_s = round(time.perf_counter() - t0, 1)
    # --- helper:rollups --- a database migrated from before the rollups holds only dirty days
    rebuild_s = None
    try:
        from chengguan.citycases import rollups
    except ImportError:
        rollups = None  # type: ignore[assignment]
    if rollups is not None and args.reuse:
        t0 = time.perf_counter()
        rollups.rebuild()
        rebuild_s = round(time.perf_counter() - t0, 1)
    if connection.vendor == "postgresql":
        # a bulk-built database has no planner statistics until autovacuum gets to it: without
        # them the plans measured are not the ones a running server has (decision 092)
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    # --- /helper:rollups ---
    cases = CityCase.objects.count()
    print(f"built {cases} city cases over {args.bureaus + 2} bureaus in {build_s} s")

    bureau = OrgUnit.objects.get(code="county01", kind=OrgUnit.Kind.BUREAU)
    center = Staff.objects.get(username="county01_center")
    hotline = Staff.objects.get(username="county01_hotline")
    inspector = Staff.objects.get(username="county01_inspector")
    supervisor = Staff.objects.get(username="province")
    first, last = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)

    def client(staff: Staff) -> Client:
        c = Client()
        c.force_login(staff)
        return c

    center_c, hotline_c = client(center), client(hotline)
    busiest = CityCase.objects.filter(bureau=bureau).order_by("-id").values_list("pk", flat=True)[0]
    out: dict[str, Any] = {
        "database": connection.vendor,
        "cases": cases,
        "bureaus": args.bureaus + 2,
        "build_s": build_s,
        "rollups_rebuild_s": rebuild_s,  # --- helper:rollups ---
        "indicators_bureau_ms": median_ms(
            lambda: city_queries.indicators(center, first, last, by={"category", "grid"})
        ),
        "indicators_province_ms": median_ms(lambda: province_queries.indicators(supervisor, YEAR)),
        "search_ms": page_ms(center_c, "/cases/?q=%E5%9E%83%E5%9C%BE"),
        "worklist_ms": {
            "center": page_ms(center_c, "/"),
            "hotline": page_ms(hotline_c, "/"),
        },
        "case_page_ms": page_ms(center_c, f"/cases/{busiest}/"),
        "report_figures_ms": median_ms(lambda: compute(bureau, YEAR), rounds=3),
    }

    # A day's burst: checkpoint, then reports through the real action, then the incremental walk.
    call_command("ledger", "checkpoint", stdout=io.StringIO())
    category = Category.objects.filter(bureau=bureau, active=True, kind="event").first()
    grid = Grid.objects.filter(bureau=bureau).first()
    assert category is not None and grid is not None
    lon, lat = grid.geometry["coordinates"][0][0]
    lon, lat = lon + 0.0005, lat + 0.0005
    with clock.frozen_at(dt.datetime(YEAR, 12, 30, 10, tzinfo=clock.SHANGHAI)):
        t0 = time.perf_counter()
        for i in range(args.intake):
            report(
                actor=inspector,
                source="inspection",
                category=category.code,
                description=f"压测上报 {i}",
                lon=lon,
                lat=lat,
            )
        out["intake_per_s"] = round(args.intake / (time.perf_counter() - t0), 1)
    t0 = time.perf_counter()
    result = verify(since_checkpoint=True)
    out["verify_incremental_s"] = round(time.perf_counter() - t0, 3)
    out["verify_incremental_ok"] = result.ok
    if not args.reuse:  # --- helper:rollups ---
        t0 = time.perf_counter()
        full = verify()
        out["verify_full_s"] = round(time.perf_counter() - t0, 2)
        out["verify_full_entries"] = full.checked

    with connection.cursor() as cur:
        cur.execute("CREATE TABLE bench_ceiling (id INTEGER PRIMARY KEY, v TEXT)")
    n = 1000
    t0 = time.perf_counter()
    for i in range(n):
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("INSERT INTO bench_ceiling (id, v) VALUES (%s, %s)", [i, "x" * 200])
    out["commit_ceiling_per_s"] = round(n / (time.perf_counter() - t0), 1)
    out["intake_share_of_ceiling"] = round(out["intake_per_s"] / out["commit_ceiling_per_s"], 3)
    with connection.cursor() as cur:
        cur.execute("DROP TABLE bench_ceiling")
        if connection.vendor == "postgresql":
            cur.execute("SELECT pg_database_size(current_database())")
            size = int(cur.fetchone()[0])
        else:
            size = sum(p.stat().st_size for p in Path(home).rglob("*.sqlite3*"))
    out["db_bytes_per_case"] = round(size / max(1, CityCase.objects.count()))
    for key, value in out.items():
        print(f"{key:26} {value}")
    suffix = "_reuse_rollups" if args.reuse and rollups is not None else ""  # helper:rollups
    suffix = suffix or ("_reuse" if args.reuse else "")
    _setup.write(f"province_{connection.vendor}_{cases}{suffix}", out)


if __name__ == "__main__":
    main()
