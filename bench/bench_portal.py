"""Public intake with photos and public stall applications (decision 088), in process on SQLite.

    .venv/bin/python bench/bench_portal.py [--reports 40] [--photo-mb 2]

1. A public report (``citycases.actions.report_with_photos``) without photos and with three photos
   of ``--photo-mb`` MB each: the photos' share is the sniff, hash, seal and write of each file
   plus its ``blob.store`` ledger entry. ms per report, median and p95.
2. A keeper's application on the portal channel (``permits.actions.apply``, actor None): ms each.

Prints the figures and writes var/bench/portal.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _setup


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2),
        "n": len(ordered),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=40)
    parser.add_argument("--photo-mb", type=float, default=2.0)
    args = parser.parse_args()
    _setup.setup()
    from django.core.management import call_command

    call_command("demo", password="bench-pass-123", verbosity=0)
    from shapely.geometry import shape

    from chengguan.citycases import actions as city
    from chengguan.citycases.models import Category, Grid
    from chengguan.citycases.states import Source
    from chengguan.core import clock
    from chengguan.core.pii import id_check_char
    from chengguan.demo.permits import _square
    from chengguan.org.models import OrgUnit, Staff
    from chengguan.permits import actions as permits
    from chengguan.permits.states import Channel

    bureau = OrgUnit.objects.get(code="demo")
    grids = list(Grid.objects.filter(bureau=bureau).order_by("code")[:200])
    category = Category.objects.filter(bureau=bureau, public=True, active=True).first()
    assert category is not None
    size = int(args.photo_mb * 1024 * 1024)

    def report(n: int, photos: int) -> float:
        p = shape(grids[n % len(grids)].geometry).representative_point()
        files = []
        for k in range(photos):
            body = os.urandom(size - 20)
            files.append(io.BytesIO(b"\xff\xd8\xff\xe0" + bytes(16) + body))
            files[-1].name = f"{k}.jpg"
        started = time.perf_counter()
        city.report_with_photos(
            photos=files,
            actor=None,
            bureau=bureau,
            public=True,
            source=Source.PUBLIC,
            category=category.code,
            description=f"压测问题 {n} {photos}",
            lon=p.x,
            lat=p.y,
        )
        return time.perf_counter() - started

    plain = [report(n, 0) for n in range(args.reports)]
    with_photos = [report(n + 10_000, 3) for n in range(args.reports)]

    today = clock.today()
    point = permits.add_stall_point(
        actor=Staff.objects.get(username="reviewer"),
        name="压测便民点",
        geometry=_square(1.3, 1.3, 0.5),
        season_from=today,
        season_to=today + dt.timedelta(days=60),
        opens_at="07:00",
        closes_at="21:00",
        capacity=1000,
    )
    applications = []
    for n in range(args.reports):
        base = f"41132319800214{n:03d}"
        started = time.perf_counter()
        permits.apply(
            actor=None,
            bureau=bureau,
            channel=Channel.PORTAL,
            kind="XK-TD",
            applicant={
                "kind": "person",
                "name": "压测摊主",
                "id_number": base + id_check_char(base),
            },
            materials=["申请书", "承诺书"],
            stall_point=point.pk,
            pledge_signed=True,
            goods="西瓜",
        )
        applications.append(time.perf_counter() - started)

    figures = {
        "photo_mb": args.photo_mb,
        "report_without_photos": _ms(plain),
        "report_with_3_photos": _ms(with_photos),
        "portal_stall_application": _ms(applications),
    }
    for key, value in figures.items():
        print(f"{key}: {value}")
    _setup.write("portal", figures)


if __name__ == "__main__":
    main()
