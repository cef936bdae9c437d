"""Intake against table size (issue #16 item 3, decision 093): the same reports through the real
``report`` action with the city-case table empty and after N rows, the commit ceiling measured
beside each so the ratio can be read on a shared machine.

The rows are preloaded by SQL in the database (``generate_series``: closed cases of last year in
the measured bureau, with random public tokens and numbers of their own, one timeline step and one
ledger entry each on a chain of a bureau that is not measured), minutes instead of the hours the
county generator needs for a million cases. They weigh on every index the intake writes to.

    .venv/bin/python bench/bench_intake_flat.py --postgres --rows 200000 [--steps 2] [--intake 300]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _setup

PASSWORD = "bench-pass-1"
YEAR = 2024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--rows", type=int, default=200000, help="rows in the table at the end")
    parser.add_argument("--steps", type=int, default=2, help="measurements after the empty one")
    parser.add_argument("--intake", type=int, default=300)
    args = parser.parse_args()
    url = _setup.postgres_url(f"cg_bench_flat_{os.getpid()}") if args.postgres else None
    if url is None:
        sys.exit("需要 PostgreSQL（--postgres）")
    os.environ.setdefault("CHENGGUAN_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
    _setup.setup(url)

    from django.core.management import call_command
    from django.db import connection, transaction

    from chengguan.citycases.actions import report
    from chengguan.citycases.models import Category, CityCase, Grid
    from chengguan.core import clock
    from chengguan.org.models import OrgUnit, Staff

    call_command(
        "demo",
        "--password",
        PASSWORD,
        "--year",
        str(YEAR),
        "--scale",
        "province",
        "--bureaus",
        "1",
        "--cases-per-bureau",
        "50",
        stdout=io.StringIO(),
    )
    bureau = OrgUnit.objects.get(code="county01", kind=OrgUnit.Kind.BUREAU)
    other = OrgUnit.objects.get(code="other", kind=OrgUnit.Kind.BUREAU)
    inspector = Staff.objects.get(username="county01_inspector")
    category = Category.objects.filter(bureau=bureau, active=True, kind="event").first()
    grid = Grid.objects.filter(bureau=bureau).first()
    assert category is not None and grid is not None
    lon, lat = grid.geometry["coordinates"][0][0]
    lon, lat = lon + 0.0005, lat + 0.0005

    def ceiling() -> float:
        with connection.cursor() as cur:
            cur.execute("CREATE TABLE bench_ceiling (id INTEGER PRIMARY KEY, v TEXT)")
        t0 = time.perf_counter()
        for i in range(1000):
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("INSERT INTO bench_ceiling (id, v) VALUES (%s, %s)", [i, "x" * 200])
        rate = 1000 / (time.perf_counter() - t0)
        with connection.cursor() as cur:
            cur.execute("DROP TABLE bench_ceiling")
        return round(rate, 1)

    done = [0]

    def intake() -> float:
        with clock.frozen_at(dt.datetime(YEAR, 12, 30, 10, tzinfo=clock.SHANGHAI)):
            t0 = time.perf_counter()
            for _ in range(args.intake):
                done[0] += 1
                report(
                    actor=inspector,
                    source="inspection",
                    category=category.code,
                    description=f"平坦性上报 {done[0]}",
                    lon=lon,
                    lat=lat,
                )
            return round(args.intake / (time.perf_counter() - t0), 1)

    def preload(start: int, stop: int) -> None:
        """Rows start..stop-1 in SQL: cases, their report step, a ledger entry each."""
        with connection.cursor() as cur:
            cur.execute(
                """
                INSERT INTO citycases_citycase (
                    bureau_id, number, source, category_id, description, location, lon, lat,
                    address, grid_id, area_unit_id, status, urgent, reported_by_id, public_token,
                    query_code_digest, media_url, reported_at, closed_at, rework_count,
                    return_count, extension_count, reopen_count, suspended, result,
                    reject_reason, duplicate_candidates, requester_name, requester_phone,
                    requester_phone_index, reply, satisfaction, outcome_721)
                SELECT %(b)s, 'P' || g, 'inspection', %(cat)s, '预置案件 ' || g,
                    jsonb_build_object('lon', %(lon)s, 'lat', %(lat)s), %(lon)s, %(lat)s, '',
                    %(grid)s, %(unit)s, 'closed', false, %(who)s, md5(g::text)::varchar(16), '',
                    '', %(t0)s::timestamptz + (g %% 300000) * interval '1 minute',
                    %(t0)s::timestamptz + (g %% 300000) * interval '1 minute' + interval '2 days',
                    0, 0, 0, 0, false, '已处置', '', '[]'::jsonb, '', '', '', '', '', ''
                FROM generate_series(%(start)s, %(stop)s - 1) AS g
                """,
                {
                    "b": bureau.pk,
                    "cat": category.pk,
                    "lon": lon,
                    "lat": lat,
                    "grid": grid.pk,
                    "unit": grid.unit_id,
                    "who": inspector.pk,
                    "t0": dt.datetime(YEAR - 1, 1, 1, tzinfo=dt.UTC),
                    "start": start,
                    "stop": stop,
                },
            )
            cur.execute(
                """
                INSERT INTO citycases_casestep (case_id, at, actor_id, actor_name, action,
                    from_status, to_status, note)
                SELECT id, reported_at, reported_by_id, '预置', 'report', '', 'reported', ''
                FROM citycases_citycase WHERE bureau_id = %s AND number LIKE 'P%%'
                    AND id > COALESCE((SELECT max(case_id) FROM citycases_casestep
                        WHERE action = 'report' AND actor_name = '预置'), 0)
                """,
                [bureau.pk],
            )
            # Another bureau's chain (never verified here): the entry table's size, not its hashes.
            cur.execute(
                """
                INSERT INTO ledger_entry (bureau_id, seq, at, actor_id, actor_name, action,
                    subject_type, subject_id, payload, prev_hash, hash, version)
                SELECT %(b)s, 100000000 + g, now(), NULL, '预置', 'citycase.report',
                    'citycases.citycase', g::text,
                    '{"category":"0101","grid":"0000","lat":33.27,"lon":111.46}',
                    md5(g::text) || md5(g::text), md5((g + 1)::text) || md5((g + 1)::text), 2
                FROM generate_series(%(start)s, %(stop)s - 1) AS g
                """,
                {"b": other.pk, "start": start, "stop": stop},
            )
            cur.execute("ANALYZE citycases_citycase")
            cur.execute("ANALYZE citycases_casestep")
            cur.execute("ANALYZE ledger_entry")

    rounds: list[dict[str, Any]] = []
    intake()  # warm-up: grid index, calendar, category cache
    loaded = 0
    targets = [0] + [args.rows * (i + 1) // args.steps for i in range(args.steps)]
    for target in targets:
        if target > loaded:
            t0 = time.perf_counter()
            preload(loaded, target)
            print(f"preloaded {target - loaded} rows in {time.perf_counter() - t0:.1f} s")
            loaded = target
        rate = intake()
        top = ceiling()
        rows = CityCase.objects.count()
        rounds.append(
            {"rows": rows, "intake_per_s": rate, "commit_ceiling_per_s": top, "ratio": rate / top}
        )
        print(f"rows {rows:>9}  intake {rate:7.1f}/s  ceiling {top:7.1f}/s  {rate / top:.1%}")
    first, last = rounds[0]["ratio"], rounds[-1]["ratio"]
    out = {"rounds": rounds, "ratio_last_over_empty": round(last / first, 3)}
    print(f"ratio at {rounds[-1]['rows']} rows / ratio empty = {out['ratio_last_over_empty']}")
    _setup.write(f"intake_flat_{args.rows}", out)


if __name__ == "__main__":
    main()
