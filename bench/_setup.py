"""Shared by bench scripts: a throwaway CHENGGUAN_HOME, Django set up, results written as JSON."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"


def setup(database_url: str | None = None) -> Path:
    """Point Django at a fresh database (SQLite in a temp home unless a URL is given) and migrate."""
    # --- helper:rollups --- BENCH_HOME: an earlier run's home (its ledger key), for --reuse
    given = os.environ.get("BENCH_HOME")
    home = Path(given) if given else Path(tempfile.mkdtemp(prefix="cg-bench-"))
    # --- /helper:rollups ---
    os.environ["CHENGGUAN_HOME"] = str(home)
    os.environ.setdefault("CHENGGUAN_FAST_HASHER", "1")
    # The bench logs in as demo users, whose shared password would otherwise have to be changed
    # first (decision 072); `make bench` exports it too, a script run by hand did not.
    os.environ.setdefault("CHENGGUAN_DEMO_MODE", "1")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "chengguan.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return home


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "processor": platform.processor(),
    }


def write(name: str, figures: dict[str, Any]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), **figures}, ensure_ascii=False, indent=2))
    print(f"→ {path.relative_to(ROOT)}")


def postgres_url(dbname: str) -> str | None:
    """A throwaway PostgreSQL database on the local server, or None when there is none."""
    base = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    try:
        subprocess.run(
            ["psql", f"{base}/postgres", "-qc", f"DROP DATABASE IF EXISTS {dbname}"],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            ["psql", f"{base}/postgres", "-qc", f"CREATE DATABASE {dbname}"],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"{base}/{dbname}"
