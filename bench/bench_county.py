"""``chengguan demo --scale county --year 2024`` wall time (target ≤ 5 minutes on 2 cores), then
``ledger verify`` over the result. Writes var/bench/county.json."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "chengguan.manage", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - t0


def main() -> None:
    env = {**os.environ, "CHENGGUAN_HOME": tempfile.mkdtemp(prefix="cg-bench-county-")}
    out = {
        "migrate_s": round(run("migrate", "-v0", env=env), 1),
        "demo_county_s": round(
            run("demo", "--password", "bench-pass", "--scale", "county", "--year", "2024", env=env),
            1,
        ),
        "ledger_verify_s": round(run("ledger", "verify", env=env), 1),
        "report_pdf_s": round(
            run(
                "report",
                "annual",
                "--year",
                "2024",
                "--format",
                "pdf",
                "--out",
                str(Path(env["CHENGGUAN_HOME"]) / "r.pdf"),
                env=env,
            ),
            1,
        ),
    }
    out["demo_county_within_5_min"] = out["demo_county_s"] <= 300
    for key, value in out.items():
        print(f"{key:28} {value}")
    target = ROOT / "var" / "bench"
    target.mkdir(parents=True, exist_ok=True)
    (target / "county.json").write_text(json.dumps(out, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
