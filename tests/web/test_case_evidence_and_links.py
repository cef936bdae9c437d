"""Issue #15 item 4: evidence files on the penalty case page (kind, description, the day taken,
thumbnail, download through the case), the evidence date as a date field checked by TM-1/TM-2, the
verification photo of a city case, and the links between a city case and its penalty case."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator

import pytest
from django.test import Client

from chengguan.citycases import actions as city_actions
from chengguan.citycases.models import Category, CityCase
from chengguan.core import clock
from chengguan.demo.context import DemoContext
from chengguan.ledger.models import Blob, Entry
from chengguan.penalties import actions
from chengguan.penalties.models import Evidence, PenaltyCase

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture(autouse=True)
def mid_year() -> Iterator[None]:
    """A working Wednesday inside a year the calendar covers (every period computable)."""
    with clock.frozen_at(dt.datetime(2026, 6, 10, 10, 0)):
        yield


def _investigating(demo: DemoContext) -> PenaltyCase:
    today = clock.today()
    case = actions.open_case(
        actor=demo.user("officer1"),
        procedure="general",
        power_item="SR006",
        party={"kind": "person", "name": "李某", "id_number": "11010519491231002X"},
        facts="门前卫生责任区长期脏乱",
        act_date=today - dt.timedelta(days=5),
        discovered_date=today - dt.timedelta(days=2),
        officers=["officer1", "officer2"],
    )
    actions.register(case.pk, actor=demo.user("head"))
    return case


def _photo(name: str = "scene.png") -> io.BytesIO:
    f = io.BytesIO(PNG)
    f.name = name
    return f


def _evidence_post(**extra: object) -> dict[str, object]:
    return {
        "kind": "inspection_record",
        "description": "现场检查笔录及照片",
        "certificates_shown": ["officer1", "officer2"],
        **extra,
    }


def test_evidence_is_recorded_on_the_day_of_the_inspection_and_shown_with_its_photo(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    case = _investigating(demo)
    url = f"/penalties/{case.pk}/"
    box = web("officer1").get(url).content.decode().split('id="action-evidence"', 1)[1]
    box = box.split("</form>", 1)[0]
    assert 'name="collected_on"' in box and 'type="date"' in box and "取证日期" in box
    inspected = clock.today() - dt.timedelta(days=1)
    r = web("officer1").post(
        url + "evidence/",
        _evidence_post(collected_on=inspected.isoformat(), file=_photo()),
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    item = Evidence.objects.get(case=case)
    assert item.collected_on == inspected  # not the entry day
    assert item.blob is not None
    page = web("officer1").get(url).content.decode()
    file_url = f"/penalties/{case.pk}/evidence/{item.pk}/file"
    assert f'<img src="{file_url}"' in page  # thumbnail
    assert "勘验笔录、现场笔录" in page and inspected.isoformat() in page
    got = web("officer1").get(file_url)
    assert got.status_code == 200
    assert b"".join(got.streaming_content) == PNG  # type: ignore[attr-defined]
    assert got["Cache-Control"] == "private, no-store"


def test_an_evidence_date_in_the_future_is_refused_tm1_and_nothing_changes(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    case = _investigating(demo)
    entries = Entry.objects.count()
    tomorrow = clock.today() + dt.timedelta(days=1)
    r = web("officer1").post(
        f"/penalties/{case.pk}/evidence/", _evidence_post(collected_on=tomorrow.isoformat())
    )
    assert r.status_code == 409
    body = r.content.decode()
    assert "TM-1" in body
    # the refused form keeps the date typed
    assert f'value="{tomorrow.isoformat()}"' in body
    assert case.evidence.count() == 0 and Entry.objects.count() == entries


def test_an_inspection_record_dated_before_the_discovery_is_refused_tm1(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    case = _investigating(demo)
    entries = Entry.objects.count()
    before = case.discovered_date - dt.timedelta(days=1)
    r = web("officer1").post(
        f"/penalties/{case.pk}/evidence/", _evidence_post(collected_on=before.isoformat())
    )
    assert r.status_code == 409 and "TM-1" in r.content.decode()
    assert case.evidence.count() == 0 and Entry.objects.count() == entries


def test_evidence_entered_long_after_it_was_taken_needs_the_reason_and_the_head_tm2(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    today = clock.today()
    case = actions.open_case(
        actor=demo.user("officer1"),
        procedure="general",
        power_item="SR006",
        party={"kind": "person", "name": "李某", "id_number": "11010519491231002X"},
        facts="门前卫生责任区长期脏乱",
        act_date=today - dt.timedelta(days=20),
        discovered_date=today - dt.timedelta(days=14),
        officers=["officer1", "officer2"],
    )
    actions.register(case.pk, actor=demo.user("head"))
    old = (today - dt.timedelta(days=12)).isoformat()
    url = f"/penalties/{case.pk}/evidence/"
    entries = Entry.objects.count()
    refused = web("officer1").post(url, _evidence_post(collected_on=old))
    assert refused.status_code == 409 and "TM-2" in refused.content.decode()
    assert case.evidence.count() == 0 and Entry.objects.count() == entries
    ok = web("officer1").post(
        url,
        _evidence_post(
            collected_on=old, backdate_reason="外业笔录补录", backdate_approved_by="head"
        ),
    )
    assert ok.status_code == 302, ok.content.decode()[:2000]
    assert case.evidence.get().collected_on.isoformat() == old


def test_a_missing_evidence_date_is_a_clear_400(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    case = _investigating(demo)
    r = web("officer1").post(f"/penalties/{case.pk}/evidence/", _evidence_post())
    assert r.status_code == 400 and "取证日期无效" in r.content.decode()
    assert case.evidence.count() == 0


@pytest.mark.parametrize(
    ("who", "status"),
    [("outsider", 404), ("handler_sanitation", 403), ("town_officer1", 404)],
)
def test_the_evidence_file_is_refused_to_whoever_may_not_read_the_case(
    web: Callable[[str], Client], demo: DemoContext, who: str, status: int
) -> None:
    case = _investigating(demo)
    web("officer1").post(
        f"/penalties/{case.pk}/evidence/",
        _evidence_post(collected_on=clock.today().isoformat(), file=_photo()),
    )
    item = Evidence.objects.get(case=case)
    r = web(who).get(f"/penalties/{case.pk}/evidence/{item.pk}/file")
    assert r.status_code == status
    assert PNG not in r.content


def test_an_evidence_id_of_another_case_is_not_served_through_this_one(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    first, second = _investigating(demo), _investigating(demo)
    web("officer1").post(
        f"/penalties/{first.pk}/evidence/",
        _evidence_post(collected_on=clock.today().isoformat(), file=_photo()),
    )
    item = Evidence.objects.get(case=first)
    assert web("officer1").get(f"/penalties/{second.pk}/evidence/{item.pk}/file").status_code == 404


def _verifiable(demo: DemoContext, category: Category, spot: tuple[float, float]) -> CityCase:
    case = city_actions.report(
        actor=demo.user("inspector"),
        source="inspection",
        category=category.code,
        description="人行道上有暴露垃圾",
        lon=spot[0],
        lat=spot[1],
        address="人民路 12 号",
    )
    center = demo.user("center")
    city_actions.file(actor=center, case_id=case.pk, category=category.code)
    case.refresh_from_db()
    assert case.proposed_unit is not None
    city_actions.dispatch(actor=center, case_id=case.pk, unit=case.proposed_unit.code)
    handler = next(
        u
        for u in demo.users.values()
        if u.unit_id == case.proposed_unit.pk and u.has_role("handler")
    )
    city_actions.handle(actor=handler, case_id=case.pk, result="已清理")
    return case


def test_verification_takes_a_photo_shown_on_the_case_page(
    web: Callable[[str], Client], demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    case = _verifiable(demo, category, spot)
    url = f"/cases/{case.pk}/"
    box = web("inspector").get(url).content.decode().split('id="action-verify"', 1)[1]
    assert 'name="photo"' in box.split("</form>", 1)[0]
    r = web("inspector").post(
        url + "verify/", {"passed": "1", "note": "已解决", "photo": _photo("after.png")}
    )
    assert r.status_code == 302
    blob = Blob.objects.get(original_name=f"{case.number}-核查照片.png")
    assert blob.sha256 in web("center").get(url).content.decode()


def test_a_refused_verification_stores_no_photo(
    web: Callable[[str], Client], demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    case = _verifiable(demo, category, spot)
    blobs, entries = Blob.objects.count(), Entry.objects.count()
    r = web("inspector").post(
        f"/cases/{case.pk}/verify/", {"passed": "0", "note": "", "photo": _photo("x.png")}
    )
    assert r.status_code == 409
    assert Blob.objects.count() == blobs and Entry.objects.count() == entries
    case.refresh_from_db()
    assert case.status == "handled"


def test_a_penalty_case_opened_from_a_city_case_links_both_ways(
    web: Callable[[str], Client], demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    case = _verifiable(demo, category, spot)
    city_url = f"/cases/{case.pk}/"
    page = web("officer1").get(city_url).content.decode()
    assert f"/penalties/new/?city_case={case.pk}" in page and "尚未立案查处" in page
    # an inspector may not open penalty cases: no link offered
    assert "转立案查处" not in web("inspector").get(city_url).content.decode()
    form = web("officer1").get(f"/penalties/new/?city_case={case.pk}").content.decode()
    assert case.number in form and f'name="city_case" value="{case.pk}"' in form
    assert "人行道上有暴露垃圾" in form  # the facts start from the report
    today = clock.today()
    r = web("officer1").post(
        "/penalties/new/",
        {
            "city_case": str(case.pk),
            "procedure": "general",
            "power_item": "SR006",
            "facts": "人民路12号门前暴露垃圾，经责令仍未清除",
            "act_date": (today - dt.timedelta(days=1)).isoformat(),
            "discovered_date": today.isoformat(),
            "officers": ["officer1", "officer2"],
            "party_kind": "person",
            "party_name": "王某某",
            "party_id_number": "11010519491231002X",
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    penalty = PenaltyCase.objects.get(city_case_id=case.pk)
    assert penalty.source == PenaltyCase.Source.CITY_CASE
    back = web("officer1").get(f"/penalties/{penalty.pk}/").content.decode()
    assert f'href="/cases/{case.pk}/"' in back and case.number in back
    there = web("officer1").get(city_url).content.decode()
    assert f'href="/penalties/{penalty.pk}/"' in there and penalty.number in there
    # a reader of the city case who may not read penalty cases sees no penalty link
    assert f"/penalties/{penalty.pk}/" not in web("inspector").get(city_url).content.decode()


def test_opening_from_a_city_case_of_another_bureau_is_refused(
    web: Callable[[str], Client], demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    case = _verifiable(demo, category, spot)
    assert web("outsider").get(f"/penalties/new/?city_case={case.pk}").status_code in (403, 404)
    assert web("officer1").get("/penalties/new/?city_case=abc").status_code == 404
    assert web("officer1").get("/penalties/new/?city_case=999999").status_code == 404
