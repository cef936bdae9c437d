"""Where an intake report's time goes (issue #16 item 3, decision 093).

Builds a small province (``demo --scale province``), then sends reports two ways and splits each
one's time into database statements (timed around ``execute`` by a connection wrapper, grouped by
statement shape) and the rest (Python: ORM, JSON, hashing, the handler):

  action   ``citycases.actions.report`` called directly (what bench_province's intake_per_s times)
  http     ``POST /api/v1/city-cases`` with a Bearer token through Django's whole handler
           (auth, ninja parsing, the action, the answer), in this process, without network

``--profile`` adds a cProfile of the action loop (top functions by own time).

    .venv/bin/python bench/profile_intake.py --postgres [--reports 400] [--cases 2000] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import re
import secrets
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _setup

PASSWORD = "bench-pass-1"
YEAR = 2024


class StatementClock:
    """Times every statement on the connection, by a short shape (verb + table)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.count: dict[str, int] = defaultdict(int)

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            key = shape(sql)
            self.seconds[key] += time.perf_counter() - t0
            self.count[key] += 1

    def reset(self) -> None:
        self.seconds.clear()
        self.count.clear()


def shape(sql: str) -> str:
    text = " ".join(sql.split())
    verb = text.split(" ", 1)[0].upper()
    if verb in {"SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT", "BEGIN"}:
        return verb
    match = re.search(r'(?:FROM|INTO|UPDATE)\s+"?([a-z_0-9]+)"?', text, re.IGNORECASE)
    return f"{verb} {match.group(1) if match else '?'}"


def run(
    name: str, n: int, send: Callable[[int], None], clock_: StatementClock, commit_seconds: float
) -> dict[str, Any]:
    from django.db import connection

    clock_.reset()
    t0 = time.perf_counter()
    for i in range(n):
        send(i)
    total = time.perf_counter() - t0
    db = sum(clock_.seconds.values())
    per = 1000 / n
    # COMMIT is not an execute() on the cursor: Django calls connection.commit(); it is timed by
    # the ceiling loop instead (its per-commit time is what a commit costs here).
    out = {
        "per_s": round(n / total, 1),
        "ms_per_report": round(total * per, 3),
        "db_statements_ms": round(db * per, 3),
        "commit_ms_estimate": round(commit_seconds * 1000, 3),
        "python_ms": round((total - db - commit_seconds * n) * per, 3),
        "statements_per_report": round(sum(clock_.count.values()) / n, 2),
        "by_statement": {
            key: {"n": round(clock_.count[key] / n, 2), "ms": round(sec * per, 3)}
            for key, sec in sorted(clock_.seconds.items(), key=lambda kv: -kv[1])
        },
        "database": connection.vendor,
    }
    print(f"\n== {name}: {out['per_s']} /s, {out['ms_per_report']} ms per report")
    print(
        f"   statements {out['db_statements_ms']} ms ({out['statements_per_report']} per report),"
        f" commit ~{out['commit_ms_estimate']} ms, the rest (Python) {out['python_ms']} ms"
    )
    for key, row in out["by_statement"].items():
        print(f"   {key:40} ×{row['n']:<5} {row['ms']:.3f} ms")
    return out


def parallel(threads: int, reports: int, send: Callable[[int], None]) -> dict[str, Any]:
    """``threads`` writers at once on their own connections; then the guarantees are checked:
    this run's numbers are consecutive without a gap or a repeat, and every chain verifies."""
    import threading

    from django.db import connections

    from chengguan.citycases.models import CityCase
    from chengguan.core import clock
    from chengguan.ledger.queries import verify

    last = CityCase.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []
    frozen = clock.now()

    def work(k: int) -> None:
        try:
            with clock.frozen_at(frozen):
                barrier.wait()
                for i in range(reports // threads):
                    send(100000 * (k + 1) + i)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    t0 = time.perf_counter()
    workers = [threading.Thread(target=work, args=(k,)) for k in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    seconds = time.perf_counter() - t0
    new = sorted(
        int(n) for n in CityCase.objects.filter(pk__gt=last).values_list("number", flat=True)
    )
    gapless = new == list(range(new[0], new[0] + len(new))) if new else False
    result = verify()
    return {
        "threads": threads,
        "reports": len(new),
        "per_s": round(len(new) / seconds, 1),
        "errors": [repr(e) for e in errors],
        "numbers_gapless_and_unique": gapless and len(new) == len(set(new)),
        "ledger_verifies": result.ok,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--reports", type=int, default=400)
    parser.add_argument("--cases", type=int, default=2000, help="city cases preloaded per bureau")
    parser.add_argument(
        "--parallel",
        type=int,
        default=0,
        help="then N threads (own connections) report at once: numbers gapless, chain verifies",
    )
    parser.add_argument(
        "--profile", choices=["action", "http"], help="cProfile that loop (top functions)"
    )
    args = parser.parse_args()
    url = _setup.postgres_url(f"cg_profile_intake_{os.getpid()}") if args.postgres else None
    if args.postgres and url is None:
        sys.exit("PostgreSQL 不可用")
    os.environ.setdefault("CHENGGUAN_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
    _setup.setup(url)

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client

    from chengguan.citycases.actions import report
    from chengguan.citycases.models import Category, Grid
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
        str(args.cases),
        stdout=io.StringIO(),
    )
    bureau = OrgUnit.objects.get(code="county01", kind=OrgUnit.Kind.BUREAU)
    inspector = Staff.objects.get(username="county01_inspector")
    category = Category.objects.filter(bureau=bureau, active=True, kind="event").first()
    grid = Grid.objects.filter(bureau=bureau).first()
    assert category is not None and grid is not None
    lon, lat = grid.geometry["coordinates"][0][0]
    lon, lat = lon + 0.0005, lat + 0.0005

    with connection.cursor() as cur:
        cur.execute("CREATE TABLE bench_ceiling (id INTEGER PRIMARY KEY, v TEXT)")
    t0 = time.perf_counter()
    for i in range(1000):
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("INSERT INTO bench_ceiling (id, v) VALUES (%s, %s)", [i, "x" * 200])
    ceiling_s = (time.perf_counter() - t0) / 1000
    with connection.cursor() as cur:
        cur.execute("DELETE FROM bench_ceiling")
    # The commit alone: an empty transaction's COMMIT after one insert, minus the insert.
    statements = StatementClock()
    with connection.execute_wrapper(statements):
        t0 = time.perf_counter()
        for i in range(1000):
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("INSERT INTO bench_ceiling (id, v) VALUES (%s, %s)", [i, "x" * 200])
        whole = time.perf_counter() - t0
    commit_s = max(0.0, (whole - sum(statements.seconds.values())) / 1000)
    with connection.cursor() as cur:
        cur.execute("DROP TABLE bench_ceiling")
    out: dict[str, Any] = {
        "commit_ceiling_per_s": round(1 / ceiling_s, 1),
        "commit_ms": round(commit_s * 1000, 3),
    }
    print(f"commit ceiling {out['commit_ceiling_per_s']} /s (commit itself ~{out['commit_ms']} ms)")

    def by_action(i: int) -> None:
        report(
            actor=inspector,
            source="inspection",
            category=category.code,
            description=f"剖析上报 {i}",
            lon=lon,
            lat=lat,
        )

    # County staff have no usable password: the token is issued as the login would (its digest).
    from chengguan.api.auth import _digest
    from chengguan.api.models import ApiToken

    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        staff=inspector, digest=_digest(token), expires_at=clock.now() + dt.timedelta(days=3650)
    )
    http = Client()

    def by_http(i: int) -> None:
        body = {
            "source": "inspection",
            "category": category.code,
            "description": f"剖析上报 {i}",
            "location": {"lon": lon, "lat": lat},
        }
        r = http.post(
            "/api/v1/city-cases",
            json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        assert r.status_code == 201, r.content

    with clock.frozen_at(dt.datetime(YEAR, 12, 30, 10, tzinfo=clock.SHANGHAI)):
        for i in range(30):  # warm-up: grid index, calendar, category cache
            by_action(i)
        with connection.execute_wrapper(statements):
            out["action"] = run("action", args.reports, by_action, statements, commit_s)
            out["http"] = run("http", args.reports, by_http, statements, commit_s)
        out["action_share_of_ceiling"] = round(
            out["action"]["per_s"] / out["commit_ceiling_per_s"], 3
        )
        out["http_share_of_ceiling"] = round(out["http"]["per_s"] / out["commit_ceiling_per_s"], 3)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            send = by_action if args.profile == "action" else by_http
            for i in range(args.reports):
                send(i)
            profiler.disable()
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(30)
            print(text.getvalue())
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(45)
            print(text.getvalue())
    if connection.vendor == "postgresql":
        # Bytes each report leaves behind (row sizes as stored, without indexes): the ledger
        # entry, its payload, the case row and the step row, over the reports of this run.
        with connection.cursor() as cur:
            cur.execute(
                "SELECT avg(pg_column_size(e.*)), avg(octet_length(e.payload)),"
                " avg(pg_column_size(c.*)), avg(pg_column_size(s.*))"
                " FROM ledger_entry e JOIN citycases_citycase c ON e.subject_id = c.id::text"
                " JOIN citycases_casestep s ON s.case_id = c.id AND s.action = 'report'"
                " WHERE e.action = 'citycase.report' AND c.description LIKE %s",
                ["剖析上报%"],
            )
            entry_b, payload_b, case_b, step_b = (round(float(v), 1) for v in cur.fetchone())
        out["bytes_per_report"] = {
            "ledger_entry": entry_b,
            "ledger_payload": payload_b,
            "case_row": case_b,
            "step_row": step_b,
        }
        print(f"bytes per report: {out['bytes_per_report']}")
    if args.parallel:
        out["parallel"] = parallel(args.parallel, args.reports, by_action)
        print(f"parallel: {out['parallel']}")
    print(
        f"\naction {out['action_share_of_ceiling']:.1%} of the ceiling,"
        f" http {out['http_share_of_ceiling']:.1%}"
    )
    _setup.write(f"profile_intake_{connection.vendor}", out)


if __name__ == "__main__":
    main()
