"""Report speed on a county year: figures, charts, and each output format.

Builds a county year at BENCH_SCALE (default 1.0 = the seed's 55,401 cases) in a temporary
CHENGGUAN_HOME, then times ``figures.compute`` and ``service.render`` for md/docx/pdf. Prints the
figures and writes var/bench/reports.json.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
home = tempfile.mkdtemp(prefix="cg-bench-reports-")
os.environ["CHENGGUAN_HOME"] = home
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chengguan.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from chengguan.demo import county  # noqa: E402
from chengguan.demo.context import DemoContext  # noqa: E402
from chengguan.org.models import OrgUnit, Staff  # noqa: E402
from chengguan.reports import service  # noqa: E402
from chengguan.reports.builder import build  # noqa: E402
from chengguan.reports.figures import compute  # noqa: E402


def main() -> None:
    scale = float(os.environ.get("BENCH_SCALE", "1.0"))
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command(
            "demo", "--password", "bench-pass", "--year", "2024", stdout=quiet
        )  # --- helper:demo --- the seed year, as before decision 089
    bureau = OrgUnit.objects.get(code="demo", kind=OrgUnit.Kind.BUREAU)
    ctx = DemoContext(
        password="bench-pass",
        year=2024,
        scale="county",
        say=lambda _: None,
        bureau=bureau,
        units={u.code: u for u in OrgUnit.objects.filter(bureau=bureau)},
        users={s.username: s for s in Staff.objects.all()},
    )
    t0 = time.perf_counter()
    county.generate(ctx, scale=scale)
    generate_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    figures = compute(bureau, 2024)
    figures_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    report = build(bureau, 2024)
    build_s = time.perf_counter() - t0
    out: dict[str, float] = {
        "scale": scale,
        "county_generate_s": round(generate_s, 1),
        "figures_ms": round(figures_ms, 1),
        "build_with_charts_s": round(build_s, 2),
        "citycases": figures.value("citycases_collected"),
    }
    for fmt in ("md", "docx", "pdf"):
        t0 = time.perf_counter()
        data = service.render(report, fmt)
        out[f"render_{fmt}_s"] = round(time.perf_counter() - t0, 2)
        out[f"{fmt}_kb"] = len(data) // 1024
    for key, value in out.items():
        print(f"{key:24} {value}")
    target = ROOT / "var" / "bench"
    target.mkdir(parents=True, exist_ok=True)
    (target / "reports.json").write_text(json.dumps(out, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
