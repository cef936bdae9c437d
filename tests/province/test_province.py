"""The province and city levels above bureaus (issue #16, decision 085): alice supervises the
province that holds the demo bureau (through a city body), bob a province that holds only the
other bureau; the bureau's own staff cannot use the province paths, and nobody above writes."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from chengguan.citycases.models import CityCase
from chengguan.demo.context import DemoContext
from chengguan.ledger.models import Entry
from chengguan.ledger.queries import verify
from chengguan.org import actions as org_actions
from chengguan.org import oversight_bodies
from chengguan.org.models import OrgUnit
from chengguan.org.roles import Role
from chengguan.penalties.models import PenaltyCase
from tests.conftest import PASSWORD, ApiClient


def _cli(*args: str) -> str:
    out = io.StringIO()
    call_command("bureau", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def levels(demo: DemoContext) -> dict[str, Any]:
    _cli(
        "body",
        "--kind",
        "province",
        "--code",
        "prov_a",
        "--name",
        "甲省城市管理局",
        "--division",
        "410000",
    )
    _cli(
        "body",
        "--kind",
        "city",
        "--code",
        "city_a",
        "--name",
        "甲市城市管理局",
        "--division",
        "411300",
        "--above",
        "prov_a",
    )
    _cli(
        "body",
        "--kind",
        "province",
        "--code",
        "prov_b",
        "--name",
        "乙省城市管理局",
        "--division",
        "420000",
    )
    _cli("place", "--bureau", "demo", "--oversight", "city_a")
    _cli("place", "--bureau", "other", "--oversight", "prov_b")
    prov_a = oversight_bodies.body_by_code("prov_a")
    prov_b = oversight_bodies.body_by_code("prov_b")
    city_a = oversight_bodies.body_by_code("city_a")
    people = {}
    for username, body in (("alice", prov_a), ("bob", prov_b), ("carol", city_a)):
        people[username] = org_actions.create_staff(
            actor=None,
            unit=body,
            username=username,
            password=PASSWORD,
            full_name=username,
            roles=[Role.PROVINCE],
        )
    return {"prov_a": prov_a, "prov_b": prov_b, "city_a": city_a, **people}


def _client(username: str) -> ApiClient:
    return ApiClient(username)


def test_bureaus_below_a_body_through_a_city(levels: dict[str, Any]) -> None:
    alice = _client("alice").get("province/bureaus")
    assert alice.status_code == 200
    assert [b["code"] for b in alice.json()["bureaus"]] == ["demo"]
    assert [b["code"] for b in _client("carol").get("province/bureaus").json()["bureaus"]] == [
        "demo"
    ]
    assert [b["code"] for b in _client("bob").get("province/bureaus").json()["bureaus"]] == [
        "other"
    ]


def test_indicators_equal_a_recount(levels: dict[str, Any], demo: DemoContext) -> None:
    year = CityCase.objects.filter(bureau=demo.bureau).latest("reported_at").reported_at.year
    r = _client("alice").get("province/indicators", year=year)
    assert r.status_code == 200, r.content
    body = r.json()
    (row,) = body["bureaus"]
    reported = CityCase.objects.filter(
        bureau=demo.bureau, reported_at__year=year
    ).count()  # the recount, by another path (the year lookup, in the server's time zone)
    assert row["reported"] == reported > 0
    assert body["total"]["reported"] == row["reported"]
    decided = PenaltyCase.objects.filter(bureau=demo.bureau, decided_on__year=year).count()
    assert row["decided"] == decided


@pytest.mark.parametrize("path", ["province/bureaus", "province/indicators?year=2024"])
@pytest.mark.parametrize("username", ["head", "supervisor", "admin", "auditor", "outsider"])
def test_bureau_staff_are_refused(
    levels: dict[str, Any], api: Callable[[str | None], ApiClient], path: str, username: str
) -> None:
    r = api(username).get(path)
    assert r.status_code == 403, r.content


def test_anonymous_is_refused(
    levels: dict[str, Any], api: Callable[[str | None], ApiClient]
) -> None:
    assert api(None).get("province/bureaus").status_code == 401


def test_case_file_read_is_recorded_on_the_bureaus_chain(
    levels: dict[str, Any], demo: DemoContext
) -> None:
    case = PenaltyCase.objects.filter(bureau=demo.bureau).order_by("id").first()
    assert case is not None
    before = Entry.objects.filter(bureau_id=demo.bureau.pk).count()
    r = _client("alice").get(f"province/bureaus/demo/penalty-cases/{case.pk}")
    assert r.status_code == 200, r.content
    data = r.json()
    assert data["number"] == case.number
    if case.party.id_number:
        assert case.party.id_number not in r.content.decode()
    read = Entry.objects.filter(bureau_id=demo.bureau.pk).order_by("-seq").first()
    assert Entry.objects.filter(bureau_id=demo.bureau.pk).count() == before + 1
    assert read is not None and read.action == "province.penalty_case.read"
    assert read.actor_id == levels["alice"].pk
    assert read.subject_id == str(case.pk)
    assert verify().ok


def test_city_case_read_masks_the_requester(levels: dict[str, Any], demo: DemoContext) -> None:
    case = (
        CityCase.objects.filter(bureau=demo.bureau)
        .exclude(requester_phone="")
        .order_by("id")
        .first()
    )
    assert case is not None
    r = _client("alice").get(f"province/bureaus/demo/city-cases/{case.pk}")
    assert r.status_code == 200, r.content
    assert case.requester_phone not in r.content.decode()
    assert Entry.objects.filter(
        bureau_id=demo.bureau.pk, action="province.city_case.read", subject_id=str(case.pk)
    ).exists()


def test_another_provinces_bureau_is_not_found_and_nothing_is_recorded(
    levels: dict[str, Any], demo: DemoContext
) -> None:
    case = PenaltyCase.objects.filter(bureau=demo.bureau).order_by("id").first()
    assert case is not None
    before = Entry.objects.count()
    bob = _client("bob")
    for path in (
        f"province/bureaus/demo/penalty-cases/{case.pk}",
        "province/bureaus/demo/penalty-cases?year=2024",
        "province/bureaus/demo/figures/2024",
    ):
        r = bob.get(path)
        assert r.status_code == 404, (path, r.content)
    # the other bureau's own case id under bob's bureau code: still not found
    assert bob.get(f"province/bureaus/other/penalty-cases/{case.pk}").status_code == 404
    assert Entry.objects.count() == before


def test_a_supervisor_cannot_read_or_write_through_the_bureaus_own_paths(
    levels: dict[str, Any], demo: DemoContext
) -> None:
    case = PenaltyCase.objects.filter(bureau=demo.bureau).order_by("id").first()
    city = CityCase.objects.filter(bureau=demo.bureau).order_by("id").first()
    assert case is not None and city is not None
    alice = _client("alice")
    before = Entry.objects.count()
    assert alice.get(f"penalty-cases/{case.pk}").status_code in (403, 404)
    assert alice.get(f"city-cases/{city.pk}").status_code in (403, 404)
    assert alice.post(f"city-cases/{city.pk}/dispatch", {"unit": "sanitation"}).status_code in (
        403,
        404,
    )
    assert alice.post("city-cases", {"description": "x"}).status_code in (400, 403, 404, 422)
    assert Entry.objects.count() == before


def test_bureau_figures_read_only(levels: dict[str, Any]) -> None:
    r = _client("alice").get("province/bureaus/demo/figures/2024")
    assert r.status_code == 200, r.content
    assert r.json()["bureau"] == "demo"
    assert _client("alice").get("province/bureaus/demo/figures/1999").status_code == 400


def test_cli_refusals_change_nothing(levels: dict[str, Any]) -> None:
    count = OrgUnit.objects.count()
    entries = Entry.objects.count()
    for args in (
        # a used code
        ("body", "--kind", "province", "--code", "prov_a", "--name", "x", "--division", "1"),
        ("create", "--code", "demo", "--name", "x", "--division", "1"),
        # a province under a province; a city under a city
        (
            "body",
            "--kind",
            "province",
            "--code",
            "p3",
            "--name",
            "x",
            "--division",
            "1",
            "--above",
            "prov_a",
        ),
        (
            "body",
            "--kind",
            "city",
            "--code",
            "c3",
            "--name",
            "x",
            "--division",
            "1",
            "--above",
            "city_a",
        ),
        # unknown body / bureau
        ("place", "--bureau", "demo", "--oversight", "nowhere"),
        ("place", "--bureau", "nowhere", "--oversight", "prov_a"),
        # a bureau is not a body
        ("create", "--code", "b9", "--name", "x", "--division", "1", "--oversight", "demo"),
    ):
        with pytest.raises(CommandError):
            _cli(*args)
    assert OrgUnit.objects.count() == count
    assert Entry.objects.count() == entries


def test_cli_creates_a_bureau_under_a_body_and_lists_it(levels: dict[str, Any]) -> None:
    _cli(
        "create",
        "--code",
        "county9",
        "--name",
        "九县城市管理局",
        "--division",
        "411399",
        "--oversight",
        "city_a",
    )
    bureau = OrgUnit.objects.get(code="county9", kind=OrgUnit.Kind.BUREAU)
    assert bureau.bureau_id == bureau.pk and bureau.oversight == levels["city_a"]
    created = Entry.objects.get(bureau_id=bureau.pk, action="org.bureau.create")
    assert json.loads(created.payload)["oversight"] == "city_a"
    assert "county9" in _cli("list")
    codes = [b["code"] for b in _client("alice").get("province/bureaus").json()["bureaus"]]
    assert codes == ["county9", "demo"]
    _cli("place", "--bureau", "county9", "--oversight", "-")
    change = Entry.objects.filter(bureau_id=bureau.pk, action="org.oversight.change").get()
    assert json.loads(change.payload)["oversight"] == {"old": "city_a", "new": None}
    assert verify().ok


def test_demo_province_scale_builds_levels_and_bureaus(demo: DemoContext) -> None:
    out = io.StringIO()
    call_command(
        "demo",
        "--password",
        PASSWORD,
        "--scale",
        "province",
        "--bureaus",
        "2",
        "--cases-per-bureau",
        "60",
        stdout=out,
    )
    supervisor = ApiClient("province")
    codes = [b["code"] for b in supervisor.get("province/bureaus").json()["bureaus"]]
    assert codes == ["county01", "county02", "demo", "other"]
    year = 2024
    body = supervisor.get("province/indicators", year=year).json()
    by_code = {row["bureau"]: row for row in body["bureaus"]}
    for code in ("county01", "county02"):
        unit = OrgUnit.objects.get(code=code, kind=OrgUnit.Kind.BUREAU)
        assert (
            by_code[code]["reported"]
            == CityCase.objects.filter(bureau=unit, reported_at__year=year).count()
            >= 60
        )
    assert body["total"]["reported"] == sum(r["reported"] for r in body["bureaus"])
    assert verify().ok
    # idempotent: a second run adds nothing
    count = CityCase.objects.count()
    call_command(
        "demo",
        "--password",
        PASSWORD,
        "--scale",
        "province",
        "--bureaus",
        "2",
        "--cases-per-bureau",
        "60",
        stdout=io.StringIO(),
    )
    assert CityCase.objects.count() == count


def test_a_supervisor_signs_in_to_the_staff_pages_without_error(levels: dict[str, Any]) -> None:
    from django.test import Client

    c = Client()
    c.force_login(levels["alice"])
    for url in ("/", "/cases/", "/penalties/", "/dashboard/", "/inbox/"):
        r = c.get(url)
        assert r.status_code in (200, 302, 403), (url, r.status_code)
    page = c.get("/province/?year=2024")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="bureau-demo"' in text and "示范县城市管理局" in text
    assert 'href="/province/"' in text  # in the menu
    assert c.get("/province/?year=abc").status_code == 400


@pytest.mark.parametrize("username", ["head", "supervisor", "admin", "outsider"])
def test_the_supervisors_page_refuses_bureau_staff(
    levels: dict[str, Any], demo: DemoContext, username: str
) -> None:
    from django.test import Client

    c = Client()
    c.force_login(demo.user(username))
    r = c.get("/province/")
    assert r.status_code == 403
    assert 'href="/province/"' not in c.get("/").content.decode()
