"""执法文书 speed: a 行政处罚决定书 as .docx (target < 100 ms) and as PDF (target < 1.5 s).

Measured twice: the builders alone on the sample case (plain data), and ``documents.actions.generate``
on a decided case of the demo bureau built through the penalty actions (read the case, take the 文号,
render, hash, Document row and ledger entry).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _setup

RUNS = 15


def timed(fn: Callable[[], object], runs: int = RUNS) -> dict[str, float]:
    """Wall time (what a user waits) and CPU time of this process (what the work costs, which
    stays meaningful when other processes load the machine)."""
    started = time.perf_counter()
    fn()
    cold = time.perf_counter() - started
    laps, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        fn()
        laps.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return {
        "cold_ms": round(cold * 1000, 1),
        "median_ms": round(statistics.median(laps) * 1000, 1),
        "max_ms": round(max(laps) * 1000, 1),
        "median_cpu_ms": round(statistics.median(cpu) * 1000, 1),
    }


def builders() -> dict[str, Any]:
    from chengguan.documents import compose, render_docx, render_pdf
    from chengguan.documents.kinds import Kind
    from chengguan.documents.samples import sample_case

    data = sample_case()
    number = "示城管罚决字〔2024〕8号"
    return {
        "docx": timed(lambda: render_docx.render(compose.build(Kind.DECISION, data, number))),
        "pdf": timed(lambda: render_pdf.render(compose.build(Kind.DECISION, data, number))),
    }


def decided_case() -> tuple[Any, Any]:
    """A decided general case of the demo bureau, built through the penalty actions."""
    from django.core.management import call_command

    from chengguan.demo.context import DemoContext
    from chengguan.org.models import Staff
    from tests.documents import cases

    with open(os.devnull, "w") as quiet:
        call_command(
            "demo", "--password", "bench-pass-1", "--year", "2024", stdout=quiet
        )  # --- helper:demo --- the seed year, as before decision 089
    ctx = DemoContext(password="bench-pass-1", year=2024, scale="minimal")
    ctx.users = {s.username: s for s in Staff.objects.all()}
    case = cases.decided(ctx, full=True)
    return case, ctx.user("officer1")


def through_generate() -> dict[str, Any]:
    from chengguan.documents import actions
    from tests.documents.cases import DECIDED, at

    try:
        case, actor = decided_case()
    except Exception as exc:  # the penalty actions are another domain's work in progress
        return {"skipped": f"no decided case could be built: {exc!r}"}
    out: dict[str, Any] = {}
    for fmt in ("docx", "pdf"):

        def once(fmt: str = fmt) -> None:
            actions.generate(actor=actor, case_id=case.pk, kind="decision", fmt=fmt)

        with at(DECIDED):
            out[fmt] = timed(once)
    return out


def main() -> None:
    _setup.setup()
    figures = {
        "builders": builders(),
        "generate": through_generate(),
        "targets_ms": {"docx": 100, "pdf": 1500},
    }
    figures["load_average"] = [round(x, 2) for x in os.getloadavg()]
    figures["cpus"] = os.cpu_count()
    for part in ("builders", "generate"):
        print(f"{part:9s} {figures[part]}")
    print(f"load average {figures['load_average']} on {figures['cpus']} CPUs")
    print("targets: decision .docx < 100 ms, PDF < 1.5 s (median of warm runs)")
    _setup.write("documents", figures)


if __name__ == "__main__":
    main()
