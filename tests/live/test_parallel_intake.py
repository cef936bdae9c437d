"""Issue #12: public reports posted at once to the RUNNING server (2 gunicorn workers × 2 threads), half
through Open311 and half through the portal form, from one address, twice the intake limit.

Then, read from the server's database: exactly the limit was accepted (the throttle counts
atomically: never more, and no slot lost), every accepted report is exactly one case with exactly one
``citycase.report`` ledger entry, the bureau's case numbers of the year are unique and gapless, and
``chengguan ledger verify`` passes.
"""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests

from tests.live.conftest import INTAKE_LIMIT, PASSWORD, LiveServer

POSTS = 2 * INTAKE_LIMIT
THREADS = 16
POINT = {"lat": "33.2712", "long": "111.4612"}

RESET = """
from chengguan.core.models import LoginThrottle
LoginThrottle.objects.filter(key__startswith="intake:").delete()
out = 0
"""

CHECK = """
from chengguan.citycases.models import CityCase
from chengguan.ledger.models import Entry
from chengguan.core.models import LoginThrottle
from chengguan.org.models import OrgUnit
from chengguan.core import clock
numbers = {numbers!r}
demo = OrgUnit.objects.get(code="demo", kind="bureau")
year = str(clock.today().year)
cases = {{n: list(CityCase.objects.filter(bureau=demo, number=n).values_list("pk", flat=True)) for n in numbers}}
entries = {{n: Entry.objects.filter(action="citycase.report", subject_id__in=[str(p) for p in pks]).count() for n, pks in cases.items()}}
year_numbers = list(CityCase.objects.filter(bureau=demo, number__startswith=year).values_list("number", flat=True))
row = LoginThrottle.objects.filter(key="intake:127.0.0.1").first()
out = {{"cases": {{n: len(p) for n, p in cases.items()}}, "entries": entries,
       "year_numbers": year_numbers, "year": year, "throttle": row.count if row else None}}
"""


def _open311(live: LiveServer, i: int, start: threading.Barrier) -> tuple[str, int, str]:
    data = {"service_code": "E0101", "description": f"并发上报{i}：人行道有垃圾", **POINT}
    start.wait(timeout=120)
    r = requests.post(
        f"{live.url}/open311/v2/requests.json", data={**data, "api_key": PASSWORD}, timeout=120
    )
    number = ""
    if r.status_code == 200:
        number = str(r.json()[0]["service_request_id"])
    return "open311", r.status_code, number or r.text


def _portal(live: LiveServer, i: int, start: threading.Barrier) -> tuple[str, int, str]:
    session = requests.Session()
    # no keep-alive: the server closes an idle connection after 2 s, and a POST on it is not retried
    form = session.get(
        f"{live.url}/portal/report/?b=demo", headers={"Connection": "close"}, timeout=120
    )
    assert form.status_code == 200, form.text[:300]
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    assert found, "the portal form carries a CSRF token"
    data = {
        "csrfmiddlewaretoken": found.group(1),
        "category": "E0101",
        "description": f"并发上报{i}：井盖缺失",
        "lon": POINT["long"],
        "lat": POINT["lat"],
    }
    start.wait(timeout=120)
    r = session.post(
        f"{live.url}/portal/report/?b=demo",
        data=data,
        headers={"Referer": f"{live.url}/portal/report/"},
        allow_redirects=False,
        timeout=120,
    )
    number = ""
    if r.status_code == 302:
        got = re.search(r"number=([0-9]+)", r.headers.get("Location", ""))
        number = got.group(1) if got else ""
    return "portal", 200 if r.status_code == 302 else r.status_code, number or r.text


def test_parallel_public_reports(live: LiveServer) -> None:
    live.query(RESET)
    start = threading.Barrier(POSTS)
    with ThreadPoolExecutor(max_workers=POSTS) as pool:
        futures = [
            pool.submit(_open311 if i % 2 else _portal, live, i, start) for i in range(POSTS)
        ]
        results: list[tuple[str, int, str]] = [f.result(timeout=300) for f in futures]
    accepted = [number for _, status, number in results if status == 200]
    refused = [(ch, text) for ch, status, text in results if status == 429]
    other = [r for r in results if r[1] not in (200, 429)]
    assert other == [], [(ch, st, text[:300]) for ch, st, text in other[:5]]
    assert all("提交过于频繁" in text for _, text in refused), refused[:3]
    # the limit, exactly: never more (atomic counting), and no slot lost to a race
    assert len(accepted) == INTAKE_LIMIT, (len(accepted), len(refused))
    assert {"open311", "portal"} <= {ch for ch, status, _ in results if status == 200}
    assert len(set(accepted)) == len(accepted)

    found: dict[str, Any] = live.query(CHECK.format(numbers=accepted))
    assert found["throttle"] == INTAKE_LIMIT
    assert set(found["cases"].values()) == {1}, found["cases"]
    assert set(found["entries"].values()) == {1}, found["entries"]
    year = found["year"]
    serials = sorted(int(n[len(year) :]) for n in found["year_numbers"])
    assert serials == list(range(1, len(serials) + 1)), serials  # unique and gapless
    assert len(serials) >= INTAKE_LIMIT

    verify = live.manage("ledger", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "校验通过" in verify.stdout
