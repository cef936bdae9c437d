"""瓜果季便民临时摊点 over HTTP: the points (a valid polygon inside the bureau's grids, season,
hours, capacity), applications for a place through the permit flow, the allocation (first come
or a reproducible lottery, never more than the capacity, no place without the keeper's pledge,
XK-1) — refusals 409 with the id and nothing changed, bad input 400 naming the field, wrong role,
wrong department and another bureau refused."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from chengguan.core import links
from chengguan.core.clock import SHANGHAI
from chengguan.ledger.models import Entry
from chengguan.permits import queries, stalls
from chengguan.permits.models import (
    PermitApplication,
    PermitKind,
    PermitStatusMessage,
    StallAllocation,
    StallPoint,
)
from tests.conftest import error_code
from tests.permits.helpers import PERSON, T0, at, person_id

TD = "XK-TD"
TD_MATERIALS = ["申请书", "申请人身份证明", "承诺书"]
# Inside the demo's first grid cell (111.46–111.464, 33.27–33.274).
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [
            [111.461, 33.271],
            [111.463, 33.271],
            [111.463, 33.273],
            [111.461, 33.273],
            [111.461, 33.271],
        ]
    ],
}


def point_body(**kw: Any) -> dict[str, Any]:
    return {
        "name": "人民路瓜果季便民点",
        "geometry": SQUARE,
        "season_from": "2025-06-01",
        "season_to": "2025-09-30",
        "opens_at": "07:00",
        "closes_at": "21:00",
        "capacity": 2,
        "rules": "限售本地瓜果；收摊清场；不得超出划线范围",
        **kw,
    }


def stall_snapshot() -> tuple[Any, ...]:
    return (
        list(StallPoint.objects.order_by("id").values()),
        list(StallAllocation.objects.order_by("id").values()),
        list(PermitApplication.objects.order_by("id").values()),
        Entry.objects.count(),
    )


def _refused(r: Any, code: str, before: Any) -> None:
    assert r.status_code == 409, r.content
    assert error_code(r) == code
    if code != "state":
        assert r.json()["error"]["article"]
    assert stall_snapshot() == before


def _invalid(r: Any, field: str, before: Any) -> None:
    assert r.status_code == 400, r.content
    # The field, or a part of it (the input guard names the coordinate it refuses).
    assert any(k.split(".")[0] == field for k in r.json()["error"]["details"]), r.content
    assert stall_snapshot() == before


def _point(api: Any, **kw: Any) -> dict[str, Any]:
    r = api("reviewer").post("permits/stall-points", point_body(**kw))
    assert r.status_code == 201, r.content
    return dict(r.json())


def _keeper(n: int) -> dict[str, Any]:
    return {**PERSON, "name": f"摊主{n}", "id_number": person_id(serial=f"{100 + n:03d}")}


def _apply(api: Any, point: int, n: int = 1, pledge: bool = True) -> dict[str, Any]:
    r = api("reviewer").post(
        "permits",
        {
            "kind": TD,
            "applicant": _keeper(n),
            "materials": TD_MATERIALS,
            "stall_point": point,
            "pledge_signed": pledge,
        },
    )
    assert r.status_code == 201, r.content
    return dict(r.json())


def test_a_point_is_set_listed_and_shows_its_free_places(api, demo):
    with at(T0):
        before = Entry.objects.count()
        p = _point(api)
        assert p["capacity"] == 2 and p["free"] == 2
        assert p["season"] == {"from": "2025-06-01", "to": "2025-09-30"}
        assert p["hours"] == {"opens_at": "07:00", "closes_at": "21:00"}
        assert Entry.objects.count() == before + 1
        assert Entry.objects.order_by("-id").first().action == "permit.stall_point.add"
        listed = api("officer1").get("permits/stall-points").json()
        assert p["id"] in [i["id"] for i in listed["items"]]
        r = api("head").get(f"permits/stall-points/{p['id']}")
        assert r.status_code == 200 and r.json()["free"] == 2


def test_bad_point_input_is_400_naming_the_field(api, demo):
    bowtie = {
        "type": "Polygon",
        "coordinates": [
            [
                [111.461, 33.271],
                [111.463, 33.273],
                [111.463, 33.271],
                [111.461, 33.273],
                [111.461, 33.271],
            ]
        ],
    }
    flat = {
        "type": "Polygon",
        "coordinates": [
            [[111.461, 33.271], [111.462, 33.271], [111.463, 33.271], [111.461, 33.271]]
        ],
    }
    far = {
        "type": "Polygon",
        "coordinates": [
            [[112.0, 34.0], [112.01, 34.0], [112.01, 34.01], [112.0, 34.01], [112.0, 34.0]]
        ],
    }
    with at(T0):
        before = stall_snapshot()
        for body, field in (
            (point_body(geometry=bowtie), "geometry"),
            (point_body(geometry=flat), "geometry"),
            (point_body(geometry={"type": "Point", "coordinates": [111.461, 33.271]}), "geometry"),
            (point_body(geometry="方块"), "geometry"),
            (point_body(geometry=far), "geometry"),  # outside the bureau's grids
            (point_body(season_to="2025-05-01"), "season_to"),
            (point_body(season_from=None), "season_from"),
            (point_body(opens_at="7点"), "opens_at"),
            (point_body(closes_at="06:00"), "closes_at"),
            (point_body(capacity=0), "capacity"),
            (point_body(name=""), "name"),
            (point_body(capacity="很多"), "capacity"),
            (point_body(season_from="2025-13-01"), "season_from"),
            (point_body(geometry={"type": "Polygon", "coordinates": "x"}), "geometry"),
            (point_body(geometry={"type": "Polygon", "coordinates": [[[1e300, 0]]]}), "geometry"),
            (
                point_body(
                    geometry={
                        "type": "Polygon",
                        "coordinates": [[[500, 0], [501, 0], [501, 1], [500, 1], [500, 0]]],
                    }
                ),
                "geometry",
            ),
        ):
            r = api("reviewer").post("permits/stall-points", body)
            _invalid(r, field, before)
            assert "点位" in r.json()["error"]["message"] or r.json()["error"]["message"]
        _point(api)
        before = stall_snapshot()
        _invalid(api("head").post("permits/stall-points", point_body()), "name", before)


def test_wrong_role_department_and_bureau_are_refused(api, demo):
    with at(T0):
        p = _point(api)
        app = _apply(api, p["id"])
        before = stall_snapshot()
        # An officer may see the points but not set them nor allocate; a handler sees nothing.
        assert (
            api("officer1").post("permits/stall-points", point_body(name="另一点")).status_code
            == 403
        )
        assert (
            api("officer1")
            .post(f"permits/stall-points/{p['id']}/allocate", {"method": "first_come"})
            .status_code
            == 403
        )
        assert api("handler_sanitation").get("permits/stall-points").status_code == 403
        assert api("handler_sanitation").get(f"permits/stall-points/{p['id']}").status_code == 403
        # Another unit's officer cannot register a place application of the legal office's kind.
        r = api("officer1").post(
            "permits",
            {
                "kind": TD,
                "applicant": _keeper(9),
                "materials": TD_MATERIALS,
                "stall_point": p["id"],
            },
        )
        assert r.status_code == 403
        assert api("officer1").post(f"permits/{app['id']}/sign_pledge").status_code == 404
        # Another bureau learns nothing.
        assert api("outsider").get("permits/stall-points").json()["count"] == 0
        assert api("outsider").get(f"permits/stall-points/{p['id']}").status_code == 404
        r = api("outsider").post(
            f"permits/stall-points/{p['id']}/allocate", {"method": "first_come"}
        )
        assert r.status_code == 404
        r = api("outsider").post(
            "permits",
            {
                "kind": TD,
                "applicant": _keeper(8),
                "materials": TD_MATERIALS,
                "stall_point": p["id"],
            },
        )
        assert r.status_code in (400, 404)
        assert stall_snapshot() == before


def test_a_place_is_applied_for_through_the_permit_flow(api, demo):
    with at(T0):
        p = _point(api)
        app = _apply(api, p["id"])
        assert app["kind"] == TD and app["status"] == "received"
        assert app["stall"] == {
            "point": p["id"],
            "pledge_signed": True,
            "place": None,
            "allocation": None,
        }
        before = stall_snapshot()
        body = {"kind": TD, "applicant": _keeper(2), "materials": TD_MATERIALS}
        _invalid(api("reviewer").post("permits", body), "stall_point", before)
        _invalid(
            api("reviewer").post("permits", {**body, "stall_point": 999999}), "stall_point", before
        )
        ad = {**body, "kind": "XK-GG", "stall_point": p["id"]}
        _invalid(api("reviewer").post("permits", ad), "stall_point", before)
        # Other kinds keep working without a point.
        r = api("reviewer").get(f"permits/{app['id']}")
        assert r.json()["stall"]["point"] == p["id"]
    # XK-1: after the season no place is applied for.
    with at(dt.date(2025, 10, 8)):
        before = stall_snapshot()
        r = api("reviewer").post("permits", {**body, "stall_point": p["id"]})
        _refused(r, "XK-1", before)


def test_first_come_never_more_than_capacity_and_only_pledged(api, demo):
    with at(T0):
        p = _point(api, capacity=2)
        first = _apply(api, p["id"], 1)
        unpledged = _apply(api, p["id"], 2, pledge=False)
        second = _apply(api, p["id"], 3)
        third = _apply(api, p["id"], 4)
        before = stall_snapshot()
        url = f"permits/stall-points/{p['id']}/allocate"
        _invalid(api("reviewer").post(url, {"method": "抓阄"}), "method", before)
        _invalid(api("reviewer").post(url, {"method": "first_come", "seed": "x"}), "seed", before)
        r = api("reviewer").post(url, {"method": "first_come"})
        assert r.status_code == 200, r.content
        got = r.json()
        assert got["allocated"] == [
            {"application": first["id"], "place": 1},
            {"application": second["id"], "place": 2},
        ]
        assert got["free"] == 0
        assert api("reviewer").get(f"permits/stall-points/{p['id']}").json()["free"] == 0
        assert api("reviewer").get(f"permits/{unpledged['id']}").json()["stall"]["place"] is None
        assert api("reviewer").get(f"permits/{third['id']}").json()["stall"]["place"] is None
        # XK-1: the places are all given; another run is refused and writes nothing.
        before = stall_snapshot()
        _refused(api("head").post(url, {"method": "lottery"}), "XK-1", before)
        # A refused keeper's place goes back to the point and to the next in line.
        api("reviewer").post(f"permits/{first['id']}/accept")
        r = api("head").post(
            f"permits/{first['id']}/refuse", {"reasons": "申请人已另有固定经营场所"}
        )
        assert r.status_code == 200, r.content
        assert r.json()["stall"]["place"] is None
        assert api("reviewer").get(f"permits/stall-points/{p['id']}").json()["free"] == 1
        r = api("reviewer").post(url, {"method": "first_come"})
        assert r.status_code == 200, r.content
        assert r.json()["allocated"] == [{"application": third["id"], "place": 1}]


def test_no_place_without_the_pledge_xk1(api, demo):
    with at(T0):
        p = _point(api)
        app = _apply(api, p["id"], 1, pledge=False)
        url = f"permits/stall-points/{p['id']}/allocate"
        before = stall_snapshot()
        _refused(api("reviewer").post(url, {"method": "first_come"}), "XK-1", before)
        # Nor is a stall permit granted before a place and the pledge.
        api("reviewer").post(f"permits/{app['id']}/accept")
        before = stall_snapshot()
        grant = {"valid_from": "2025-06-10", "valid_to": "2025-09-30"}
        _refused(api("head").post(f"permits/{app['id']}/grant", grant), "XK-1", before)
        r = api("reviewer").post(f"permits/{app['id']}/sign_pledge")
        assert r.status_code == 200 and r.json()["stall"]["pledge_signed"] is True
        before = stall_snapshot()
        _refused(api("reviewer").post(f"permits/{app['id']}/sign_pledge"), "state", before)
        _refused(api("head").post(f"permits/{app['id']}/grant", grant), "XK-1", before)
        assert api("reviewer").post(url, {"method": "first_come"}).status_code == 200
        r = api("head").post(f"permits/{app['id']}/grant", grant)
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "granted" and r.json()["stall"]["place"] == 1
        # No pending application left: nothing to allocate (the point still has a free place).
        before = stall_snapshot()
        _refused(api("reviewer").post(url, {"method": "first_come"}), "state", before)


def test_the_lottery_is_reproducible_from_the_ledger(api, demo):
    with at(T0):
        p = _point(api, capacity=3)
        ids = [_apply(api, p["id"], n)["id"] for n in range(1, 7)]
        r = api("head").post(
            f"permits/stall-points/{p['id']}/allocate", {"method": "lottery", "seed": "2025-瓜果季"}
        )
        assert r.status_code == 200, r.content
        got = r.json()
        assert len(got["allocated"]) == 3 and {a["application"] for a in got["allocated"]} <= set(
            ids
        )
        assert sorted(a["place"] for a in got["allocated"]) == [1, 2, 3]
        entry = Entry.objects.filter(action="permit.stall.allocate").order_by("-id").first()
        logged = json.loads(entry.payload)
        assert logged["seed"] == "2025-瓜果季"
        allocation = StallAllocation.objects.get(pk=got["id"])
        assert logged["inputs_sha256"] == stalls.inputs_hash(allocation.inputs)
        assert stalls.recompute(logged["seed"], allocation.inputs) == logged["chosen"]
        # Without a seed one is drawn and recorded.
        p2 = _point(api, name="建设路便民点", capacity=1)
        _apply(api, p2["id"], 7)
        r = api("head").post(f"permits/stall-points/{p2['id']}/allocate", {"method": "lottery"})
        assert r.status_code == 200 and len(r.json()["seed"]) == 32


@given(
    apps=st.lists(st.integers(1, 10_000), unique=True, max_size=30),
    free=st.lists(st.integers(1, 50), unique=True, max_size=20),
    seed=st.text(max_size=10),
    method=st.sampled_from(stalls.METHODS),
)
def test_allocation_never_exceeds_the_free_places(apps, free, seed, method):
    got = stalls.allocate(method, seed, apps, free)
    assert len(got) == min(len(apps), len(free))
    assert len({a for a, _ in got}) == len(got) and {a for a, _ in got} <= set(apps)
    assert len({p for _, p in got}) == len(got) and {p for _, p in got} <= set(free)
    # The order the database reads the rows in cannot change a lottery.
    if method == "lottery":
        assert stalls.allocate(method, seed, list(reversed(apps)), free) == got


def test_point_open_at_tells_inside_an_open_point(api, demo):
    with at(T0):
        p = _point(api)

    def when(day: dt.date, hour: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour), SHANGHAI)

    bureau = demo.bureau.pk
    inside, outside = (111.462, 33.272), (111.47, 33.28)
    assert queries.point_open_at(bureau, *inside, when(T0, 10)) == p["id"]
    assert links.ask("permits.point_open_at", bureau, *inside, when(T0, 10)) == p["id"]
    assert queries.point_open_at(bureau, *outside, when(T0, 10)) is None
    assert queries.point_open_at(bureau, *inside, when(T0, 22)) is None  # after hours
    assert queries.point_open_at(bureau, *inside, when(T0, 6)) is None
    assert queries.point_open_at(bureau, *inside, when(dt.date(2025, 10, 1), 10)) is None
    assert queries.point_open_at(demo.other_bureau.pk, *inside, when(T0, 10)) is None
    # UTC in, local hours counted: 02:00 UTC is 10:00 in Shanghai.
    utc = dt.datetime(2025, 6, 3, 2, tzinfo=dt.UTC)
    assert queries.point_open_at(bureau, *inside, utc) == p["id"]


def test_the_allocation_verifies_and_a_tampered_one_does_not(api, demo):
    with at(T0):
        p = _point(api, capacity=2)
        for n in range(1, 5):
            _apply(api, p["id"], n)
        got = (
            api("head")
            .post(f"permits/stall-points/{p['id']}/allocate", {"method": "lottery", "seed": "s-1"})
            .json()
        )
        url = f"permits/stall-points/allocations/{got['id']}/verify"
        r = api("reviewer").get(url)
        assert r.status_code == 200 and r.json()["reproduced"] is True
        assert r.json()["inputs_sha256"] == got["inputs_sha256"]
        assert api("handler_sanitation").get(url).status_code == 403
        assert api("outsider").get(url).status_code == 404
        # Swapping two keepers' places (a hand edit of the table) no longer reproduces.
        row = StallAllocation.objects.get(pk=got["id"])
        (a, pa), (b, pb) = row.chosen
        StallAllocation.objects.filter(pk=row.pk).update(chosen=[[a, pb], [b, pa]])
        assert api("reviewer").get(url).json()["reproduced"] is False


def test_another_unit_neither_sets_points_nor_allocates(api, demo):
    with at(T0):
        p = _point(api)
        _apply(api, p["id"], 1)
        # The bureau hands the stall kind to the first squad: the legal office's reviewer is now
        # another department for it (head and admin stay bureau-wide).
        PermitKind.objects.filter(bureau=demo.bureau, code=TD).update(unit=demo.units["squad1"])
        before = stall_snapshot()
        r = api("reviewer").post("permits/stall-points", point_body(name="另一点位"))
        assert r.status_code == 403
        r = api("reviewer").post(
            f"permits/stall-points/{p['id']}/allocate", {"method": "first_come"}
        )
        assert r.status_code == 403
        assert stall_snapshot() == before
        r = api("head").post(f"permits/stall-points/{p['id']}/allocate", {"method": "first_come"})
        assert r.status_code == 200, r.content


@given(
    x=st.floats(-170, 170),
    y=st.floats(-80, 80),
    w=st.floats(1e-5, 1),
    h=st.floats(1e-5, 1),
)
def test_a_rectangle_is_a_valid_point_area_and_a_line_is_not(x, y, w, h):
    ring = [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]
    assert stalls.polygon_problem({"type": "Polygon", "coordinates": [ring]}) == ""
    line = [[x, y], [x + w, y], [x + 2 * w, y], [x, y]]
    assert stalls.polygon_problem({"type": "Polygon", "coordinates": [line]}) != ""


def test_a_ywtb_keeper_signing_the_pledge_tells_the_platform(api, demo):
    with at(T0):
        p = _point(api)
        r = api("reviewer").post(
            "permits",
            {
                "kind": TD,
                "applicant": _keeper(5),
                "materials": TD_MATERIALS,
                "stall_point": p["id"],
                "channel": "ywtb",
                "external_number": "YWTB-TD-0001",
            },
        )
        assert r.status_code == 201, r.content
        app = r.json()
        assert app["stall"]["pledge_signed"] is False
        sent = PermitStatusMessage.objects.filter(application_id=app["id"]).count()
        r = api("reviewer").post(f"permits/{app['id']}/sign_pledge")
        assert r.status_code == 200 and r.json()["status"] == "received"
        assert PermitStatusMessage.objects.filter(application_id=app["id"]).count() == sent + 1
        last = Entry.objects.order_by("-id").first()
        assert last.action == "permit.sign_pledge"
