"""Staff pages' server time with the county demo year loaded (issue 5: worklist and case pages
< 150 ms). Requests go through Django's full handler in this process (middleware, session auth,
queries, templates): server time without network. SQLite in a temp home. Writes var/bench/web.json.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _setup

ROUNDS = 15
PASSWORD = "bench-pass"


def timed(client: Any, url: str, rounds: int = ROUNDS) -> dict[str, float]:
    runs = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(url)
        runs.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    runs.sort()
    return {
        "median_ms": round(statistics.median(runs), 1),
        "p95_ms": round(runs[int(len(runs) * 0.95) - 1], 1),
        "max_ms": round(runs[-1], 1),
    }


def main() -> None:
    _setup.setup()
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client

    from chengguan.citycases.models import CityCase
    from chengguan.org.models import Staff
    from chengguan.penalties.models import PenaltyCase

    t0 = time.perf_counter()
    call_command(
        "demo",
        "--password",
        PASSWORD,
        "--scale",
        "county",
        "--year",
        "2024",
        verbosity=0,
        stdout=io.StringIO(),
    )
    print(
        f"county demo built in {time.perf_counter() - t0:.0f} s: "
        f"{CityCase.objects.count()} city cases, {PenaltyCase.objects.count()} penalty cases"
    )

    def client_for(username: str) -> Client:
        c = Client()
        c.force_login(Staff.objects.get(username=username))
        return c

    figures: dict[str, Any] = {
        "city_cases": CityCase.objects.count(),
        "penalty_cases": PenaltyCase.objects.count(),
    }
    pages: dict[str, dict[str, float]] = {}
    for user in (
        "center",
        "hotline",
        "inspector",
        "handler_sanitation",
        "officer1",
        "reviewer",
        "head",
        "supervisor",
    ):
        c = client_for(user)
        pages[f"worklist:{user}"] = timed(c, "/")
        pages[f"worklist:{user}:page5"] = timed(c, "/?page=5")
    center = client_for("center")
    pages["worklist:center:search"] = timed(center, "/?q=垃圾")
    pages["citycase_list:center"] = timed(center, "/cases/")
    pages["citycase_list:center:overdue"] = timed(center, "/cases/?overdue=1")
    busiest = CityCase.objects.annotate(n=Count("steps")).order_by("-n").values_list("pk", "n")[:3]
    for pk, n in busiest:
        pages[f"citycase:{pk}({n} steps)"] = timed(center, f"/cases/{pk}/")
    head = client_for("head")
    for pk in PenaltyCase.objects.order_by("-id").values_list("pk", flat=True)[:3]:
        pages[f"penalty:{pk}"] = timed(head, f"/penalties/{pk}/")
    pages["penalty_list:head"] = timed(head, "/penalties/")
    pages["dashboard:center"] = timed(center, "/dashboard/", rounds=5)
    figures["pages"] = pages
    worst = max(
        v["median_ms"]
        for k, v in pages.items()
        if k.startswith(("worklist", "citycase:", "penalty:"))
    )
    figures["worst_worklist_or_case_median_ms"] = worst
    figures["target_ms"] = 150
    for name, v in pages.items():
        print(f"{name:45s} median {v['median_ms']:7.1f} ms   p95 {v['p95_ms']:7.1f} ms")
    print(f"worst worklist/case page median: {worst} ms (target < 150 ms)")
    _setup.write("web", figures)


if __name__ == "__main__":
    main()
