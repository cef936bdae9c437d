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


# --- helper:casefile --- the whole 案卷 as one PDF (decision 086)
CASE_FILE_PHOTOS = 28  # with the six 文书, the cover, index, evidence list and 备考表: ~40 pages


def _photo(n: int) -> bytes:
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1024, 768), (40 + n * 7 % 200, 90, 160 - n * 5 % 150))
    ImageDraw.Draw(image).rectangle((100 + n, 100, 600 + n * 3, 500), fill=(220, 200, 40))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def case_file_figure() -> dict[str, Any]:
    """Seconds to compile the 案卷 of a served case with six kept PDF 文书 and 28 photos (about
    40 pages): read and re-hash every original, render cover, index, evidence and 备考表, join and
    stamp. Median of 3, after one cold run."""
    import io

    from chengguan.documents import actions, case_file
    from chengguan.ledger.actions import store_blob
    from chengguan.penalties import actions as penalty
    from tests.documents import cases
    from tests.documents.cases import OPENED, SERVED, at

    try:
        from chengguan.core.pii import id_check_char
        from chengguan.demo.context import DemoContext
        from chengguan.org.models import Staff

        ctx = DemoContext(password="bench-pass-1", year=2024, scale="minimal")
        ctx.users = {s.username: s for s in Staff.objects.all()}
        actor = ctx.user("officer1")
        # Another party than through_generate's case: XF-29 refuses a second fine for one act.
        base = "41132319900101123"
        party = {**cases.PERSON, "name": "李大明", "id_number": base + id_check_char(base)}
        with at(OPENED):
            case = penalty.open_case(
                actor=actor,
                procedure="general",
                power_item="SZ001",
                party=party,
                facts=cases.FACTS,
                act_date=cases.D(2025, 6, 2),
                discovered_date=OPENED,
                officers=["officer1", "officer2"],
            )
            penalty.register(case.pk, actor=ctx.user("head"))
            for n in range(CASE_FILE_PHOTOS):
                blob = store_blob(
                    io.BytesIO(_photo(n)),
                    actor=actor,
                    name=f"现场照片{n + 1}.jpg",
                    content_type="image/jpeg",
                )
                penalty.add_evidence(
                    case.pk,
                    actor=actor,
                    kind="audiovisual",
                    description=f"现场照片第 {n + 1} 张",
                    blob=blob.sha256,
                    certificates_shown=["officer1", "officer2"],
                )
            penalty.conclude(case.pk, actor=actor, outcome="penalty", proposal=cases.proposal())
        cases.reviewed_and_discussed(ctx, case)
        with at(cases.NOTIFIED):
            penalty.notify(case.pk, actor=actor, served_on=cases.NOTIFIED)
            penalty.waive(
                case.pk,
                actor=actor,
                record="当事人书面表示放弃陈述、申辩和要求听证的权利",
                witnessed_by=["officer1", "officer2"],
            )
        with at(cases.DECIDED):
            penalty.decide(case.pk, actor=ctx.user("head"), decision=cases.proposal())
        cases.served(ctx, case)
        with at(SERVED):
            for kind in (
                "registration",
                "notice",
                "review_opinion",
                "discussion_record",
                "decision",
                "service_receipt",
            ):
                actions.generate(actor=actor, case_id=case.pk, kind=kind, fmt="pdf")
    except Exception as exc:  # the penalty actions are another domain's work in progress
        return {"skipped": f"no case could be built: {exc!r}"}
    full = (
        type(case).objects.select_related("bureau", "party", "power_item", "unit").get(pk=case.pk)
    )
    pages = 0

    def once() -> None:
        nonlocal pages
        pages = case_file.build(full, actor).pages

    figure = timed(once, runs=3)
    return {
        "pages": pages,
        "photos": CASE_FILE_PHOTOS,
        "median_s": round(figure["median_ms"] / 1000, 2),
        "cold_s": round(figure["cold_ms"] / 1000, 2),
        "median_cpu_s": round(figure["median_cpu_ms"] / 1000, 2),
    }


# --- /helper:casefile ---


def main() -> None:
    _setup.setup()
    figures = {
        "builders": builders(),
        "generate": through_generate(),
        "targets_ms": {"docx": 100, "pdf": 1500},
    }
    figures["case_file"] = case_file_figure()  # --- helper:casefile ---
    figures["load_average"] = [round(x, 2) for x in os.getloadavg()]
    figures["cpus"] = os.cpu_count()
    for part in ("builders", "generate", "case_file"):  # helper:casefile
        print(f"{part:9s} {figures[part]}")
    print(f"load average {figures['load_average']} on {figures['cpus']} CPUs")
    print("targets: decision .docx < 100 ms, PDF < 1.5 s (median of warm runs)")
    _setup.write("documents", figures)


if __name__ == "__main__":
    main()
