"""行政检查 figures of issue #13: the draw (SJ-1) over 10,000 objects and 200 officers (goal < 1 s)
and the enterprise's year page (goal < 150 ms) with a county year of inspections loaded.

The demo bureau first (its items and users), then in bulk — the bench measures the draw and the
page, not the writing of the year: 10,000 objects in the 名录库, 200 certified officers, and a
year of 8,000 inspections with their officers and items (the busiest enterprise with a dozen
visits, orders and a case). Then, on a day of that year:
- ``draw``: ``actions.draw_plan`` (the action: lock, eligible officers and objects, the draw, the
  ledger entry) on five approved plans of 5% each, one after another;
- ``year page``: GET /inspections/register/<id>/ as the legal office (the whole page: scope, the
  year at a glance, the history, the 登记检查 form) for the busiest enterprise, 40 times.
Writes var/bench/inspections.json.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import statistics
import time

from _setup import setup, write

OBJECTS = 10_000
OFFICERS = 200
VISITS = 8_000
YEAR = 2024
DAY = dt.date(YEAR, 11, 13)  # a Wednesday late in the year: the year's visits are behind it
GOAL_DRAW_S = 1.0
GOAL_PAGE_MS = 150.0


def load() -> dict[str, int]:
    from django.core.management import call_command
    from django.db import transaction

    from chengguan.core.pii import uscc_check_char
    from chengguan.inspections.models import Inspection, InspectionItem, SupervisedEntity
    from chengguan.org.models import Certificate, OrgUnit, RoleAssignment, Staff
    from chengguan.org.roles import Role

    call_command("demo", "--password", "bench-pass", "--year", str(YEAR), stdout=io.StringIO())
    bureau = OrgUnit.objects.get(code="demo", kind=OrgUnit.Kind.BUREAU)
    squad = OrgUnit.objects.get(bureau=bureau, code="squad1")
    rng = random.Random(13)
    with transaction.atomic():
        SupervisedEntity.objects.bulk_create(
            [
                SupervisedEntity(
                    bureau=bureau,
                    kind="enterprise" if n % 10 < 8 else "person",
                    name=f"压测企业{n:05d}",
                    credit_code=(
                        f"91411323MB{n:07d}" + uscc_check_char(f"91411323MB{n:07d}")
                        if n % 10 < 8
                        else ""
                    ),
                    address=f"示范县压测路{n}号",
                    grid="41132300100101",
                    town="白羽街道",
                )
                for n in range(OBJECTS)
            ],
            batch_size=2000,
        )
        people = Staff.objects.bulk_create(
            [
                Staff(
                    username=f"bench{n:03d}",
                    bureau=bureau,
                    unit=squad,
                    full_name=f"压测{n:03d}",
                    password="!",
                )
                for n in range(OFFICERS)
            ]
        )
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(staff=p, role=Role.OFFICER, unit=squad) for p in people]
        )
        Certificate.objects.bulk_create(
            [
                Certificate(
                    bureau=bureau,
                    holder=p,
                    number=f"豫行执B{n:05d}",
                    issued_on=dt.date(YEAR - 2, 1, 1),
                    expires_on=dt.date(YEAR + 3, 1, 1),
                    issuer="示范县人民政府",
                )
                for n, p in enumerate(people)
            ]
        )
        items = list(InspectionItem.objects.filter(bureau=bureau, published=True))
        ids = list(
            SupervisedEntity.objects.filter(bureau=bureau, name__startswith="压测").values_list(
                "pk", flat=True
            )
        )
        busiest = ids[0]
        reviewer = Staff.objects.get(username="reviewer")
        rows = []
        for n in range(VISITS):
            entity = busiest if n < 12 else rng.choice(ids)
            day = dt.date(YEAR, 1, 2) + dt.timedelta(days=rng.randrange(300))
            ok = rng.random() < 0.75
            rows.append(
                Inspection(
                    bureau=bureau,
                    unit=squad,
                    code=f"B{n:011d}",
                    item=items[n % len(items)],
                    entity_id=entity,
                    reason="complaint" if n % 10 == 0 else "plan",
                    planned_on=day,
                    status="closed",
                    created_by=reviewer,
                    created_at=dt.datetime.combine(day, dt.time(9), dt.UTC),
                    approved_by=reviewer,
                    approved_on=day,
                    recorded_on=day,
                    ok=ok,
                    findings="压测",
                    result="压测",
                    result_told_on=day,
                    correction_deadline=None if ok else day + dt.timedelta(days=7),
                    correction_content="" if ok else "限期改正",
                    correction_ordered_on=None if ok else day,
                    rechecked_on=None if ok else day + dt.timedelta(days=8),
                    recheck_met=None if ok else rng.random() < 0.85,
                    case_number="" if ok or n % 7 else f"示城管罚〔{YEAR}〕{n}号",
                    closed_on=day,
                )
            )
        made = Inspection.objects.bulk_create(rows, batch_size=2000)
        through = Inspection.officers.through
        through.objects.bulk_create(
            [
                through(inspection_id=i.pk, staff_id=people[(k * 2 + j) % OFFICERS].pk)
                for k, i in enumerate(made)
                for j in range(2)
            ],
            batch_size=5000,
        )
        items_through = Inspection.items.through
        items_through.objects.bulk_create(
            [items_through(inspection_id=i.pk, inspectionitem_id=i.item_id) for i in made],
            batch_size=5000,
        )
    return {
        "objects": SupervisedEntity.objects.filter(bureau=bureau).count(),
        "officers": len(people),
        "inspections": Inspection.objects.filter(bureau=bureau).count(),
        "busiest": busiest,
    }


def bench_draw(sizes: dict[str, int]) -> dict[str, object]:
    from chengguan.core.clock import SHANGHAI, frozen_at
    from chengguan.inspections import actions, queries
    from chengguan.org.models import Staff

    reviewer, head = Staff.objects.get(username="reviewer"), Staff.objects.get(username="head")
    pool = [f"bench{n:03d}" for n in range(OFFICERS)]
    times: list[float] = []
    drawn = 0
    with frozen_at(dt.datetime.combine(DAY, dt.time(10), SHANGHAI)):
        for n in range(5):
            plan = actions.create_plan(
                actor=reviewer,
                year=YEAR,
                item="JCSX-001" if n % 2 == 0 else "JCSX-002",
                ratio="0.05",
                officers=pool,
            )
            actions.approve_plan(plan.pk, actor=head)
            t0 = time.perf_counter()
            plan = actions.draw_plan(plan.pk, actor=head, seed=f"bench-{n}")
            times.append(time.perf_counter() - t0)
            drawn = len(plan.drawn_entities)
            assert len(plan.draw_inputs["entities"]) == sizes["objects"]
            assert len(plan.draw_inputs["officers"]) == OFFICERS
        verified = queries.draw_verified(plan)["reproduced"]
    return {
        "draw_objects": sizes["objects"],
        "draw_officers": OFFICERS,
        "draw_drawn": drawn,
        "draw_s_median": round(statistics.median(times), 3),
        "draw_s_max": round(max(times), 3),
        "draw_reproduced": verified,
        "draw_within_goal": max(times) < GOAL_DRAW_S,
    }


def bench_year_page(sizes: dict[str, int]) -> dict[str, object]:
    from django.test import Client

    from chengguan.core.clock import SHANGHAI, frozen_at
    from chengguan.inspections import queries
    from chengguan.inspections.models import SupervisedEntity
    from chengguan.org.models import Staff

    client = Client(HTTP_HOST="localhost")  # an allowed host of the default settings
    client.force_login(Staff.objects.get(username="reviewer"))
    url = f"/inspections/register/{sizes['busiest']}/?year={YEAR}"
    times: list[float] = []
    with frozen_at(dt.datetime.combine(DAY, dt.time(10), SHANGHAI)):
        warm = client.get(url)  # templates, the session
        assert warm.status_code == 200, (warm.status_code, warm.get("Location"), warm.content[:300])
        for _ in range(40):
            t0 = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 200
        glance = queries.entity_year(SupervisedEntity.objects.get(pk=sizes["busiest"]), YEAR)
    times.sort()
    return {
        "year_page_visits": len(glance["visits"]),
        "year_page_ms_median": round(statistics.median(times), 1),
        "year_page_ms_p95": round(times[int(len(times) * 0.95) - 1], 1),
        "year_page_within_goal": statistics.median(times) < GOAL_PAGE_MS,
    }


def main() -> None:
    setup()
    t0 = time.perf_counter()
    sizes = load()
    out: dict[str, object] = {"load_s": round(time.perf_counter() - t0, 1), **sizes}
    out.update(bench_draw(sizes))
    print(out, flush=True)
    out.update(bench_year_page(sizes))
    for key, value in out.items():
        print(f"{key:24} {value}", flush=True)
    write("inspections", out)


if __name__ == "__main__":
    main()
