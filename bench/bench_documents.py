"""执法文书 speed: a 行政处罚决定书 as .docx (target < 100 ms) and as PDF (target < 1.5 s).

Measured twice: the builders alone on the sample case (plain data), and ``documents.actions.generate``
on a decided case of the demo bureau (read the case, take the 文号, render, hash, ledger), when the
penalty actions can build one.
"""

from __future__ import annotations

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
    started = time.perf_counter()
    fn()
    cold = time.perf_counter() - started
    laps = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        laps.append(time.perf_counter() - started)
    return {
        "cold_ms": round(cold * 1000, 1),
        "median_ms": round(statistics.median(laps) * 1000, 1),
        "max_ms": round(max(laps) * 1000, 1),
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


def through_generate() -> dict[str, Any]:
    try:
        from chengguan.documents.demo_case import decided_case
    except ImportError as exc:
        return {"skipped": f"no decided case can be built yet: {exc}"}
    from django.db import transaction

    from chengguan.documents import actions

    case, actor = decided_case()
    out: dict[str, Any] = {}
    for fmt in ("docx", "pdf"):

        def once(fmt: str = fmt) -> None:
            with transaction.atomic():
                actions.generate(actor=actor, case_id=case.pk, kind="decision", fmt=fmt)

        out[fmt] = timed(once)
    return out


def main() -> None:
    _setup.setup()
    figures = {
        "builders": builders(),
        "generate": through_generate(),
        "targets_ms": {"docx": 100, "pdf": 1500},
    }
    for part in ("builders", "generate"):
        print(f"{part:9s} {figures[part]}")
    print("targets: decision .docx < 100 ms, PDF < 1.5 s (median of warm runs)")
    _setup.write("documents", figures)


if __name__ == "__main__":
    main()
