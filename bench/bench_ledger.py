"""Ledger append rate (one writer, one entry per transaction as actions do) and verify rate,
on SQLite and on PostgreSQL; add_workdays calls/s. Each database runs in its own process."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _setup

APPENDS = 5000


def measure(database_url: str | None) -> dict[str, float]:
    _setup.setup(database_url)
    from django.db import transaction

    from chengguan.ledger import checkpoints
    from chengguan.ledger.actions import record
    from chengguan.ledger.queries import verify
    from chengguan.org import actions as org

    bureau = org.create_bureau(code="bench", name="测试局", division_code="411323")
    started = time.perf_counter()
    for i in range(APPENDS):
        with transaction.atomic():
            record(
                None,
                "bench.append",
                ("bench", i),
                {"i": i, "note": "全过程记录"},
                bureau_id=bureau.pk,
            )
    append_s = time.perf_counter() - started
    # Verify over a larger chain: bulk-append in big transactions first.
    for _ in range(9):
        with transaction.atomic():
            for i in range(APPENDS):
                record(None, "bench.append", ("bench", i), {"i": i}, bureau_id=bureau.pk)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    result = verify()
    verify_s = time.perf_counter() - started
    rss_growth_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    assert result.ok, result.reason
    # The hourly run: a checkpoint, then one hour's worth of new entries (1 %).
    checkpoints.write()
    with transaction.atomic():
        for i in range(result.checked // 100):
            record(None, "bench.append", ("bench", i), {"i": i}, bureau_id=bureau.pk)
    started = time.perf_counter()
    since = verify(since_checkpoint=True)
    since_s = time.perf_counter() - started
    assert since.ok, since.reason
    return {
        "append_per_s": round(APPENDS / append_s),
        "verify_entries": result.checked,
        "verify_per_s": round(result.checked / verify_s),
        "verify_rss_growth_mb": round(rss_growth_kb / 1024, 1),
        "since_checkpoint_entries": since.checked,
        "full_over_since_checkpoint_time": round(verify_s / since_s, 1),
    }


def workdays_rate() -> float:
    import datetime as dt

    from chengguan.core.workdays import add_workdays

    add_workdays(dt.date(2024, 1, 2), 7)
    n = 20000
    started = time.perf_counter()
    for i in range(n):
        add_workdays(dt.date(2024, 1, 1) + dt.timedelta(days=i % 300), 7)
    return n / (time.perf_counter() - started)


def main() -> None:
    if len(sys.argv) > 1:  # child process: one database
        which = sys.argv[1]
        url = None if which == "sqlite" else _setup.postgres_url("cg_bench_ledger")
        if which == "postgresql" and url is None:
            print(json.dumps({"skipped": "no PostgreSQL server"}))
            return
        figures = measure(url)
        if which == "sqlite":
            figures["add_workdays_per_s"] = round(workdays_rate())
        print(json.dumps(figures))
        return
    results = {}
    for which in ("sqlite", "postgresql"):
        out = (
            subprocess.run(
                [sys.executable, __file__, which], capture_output=True, text=True, check=True
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        results[which] = json.loads(out)
        print(f"{which:11s} {results[which]}")
    print(
        "targets: append ≥ 2,000/s on SQLite; verify ≥ 100,000/s; the hourly run after a"
        " checkpoint costs ~1 % of the full walk; memory flat in the chain's length"
    )
    _setup.write("ledger", results)


if __name__ == "__main__":
    main()
