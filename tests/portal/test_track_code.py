"""Issue #12 (3): public tracking needs the number AND the reporter's query code, and answers every
miss alike, so walking the sequential numbers shows nothing of any case."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from shapely.geometry import shape

from chengguan.citycases import actions as city
from chengguan.citycases.models import Category, CityCase, Grid
from chengguan.core.pii import query_code_digest
from chengguan.demo.context import DemoContext
from chengguan.ledger.models import Entry

MOBILE = "13912345678"
ID_NUMBER = "41132319800101123X"


@pytest.fixture
def spot(demo: DemoContext) -> tuple[float, float]:
    grid = Grid.objects.filter(bureau=demo.bureau).order_by("code").first()
    assert grid is not None
    p = shape(grid.geometry).representative_point()
    return (p.x, p.y)


@pytest.fixture
def category(demo: DemoContext) -> Category:
    cat = Category.objects.filter(bureau=demo.bureau, public=True, active=True).first()
    assert cat is not None
    return cat


def _public(
    demo: DemoContext, category: Category, spot: tuple[float, float], text: str
) -> CityCase:
    return city.report(
        actor=None,
        bureau=demo.bureau,
        public=True,
        source="public",
        category=category.code,
        description=text,
        lon=spot[0],
        lat=spot[1],
        address="幸福路12号",
        requester_name="钱七",
        requester_phone=MOBILE,
    )


def _staff(
    demo: DemoContext, category: Category, spot: tuple[float, float], source: str, text: str
) -> CityCase:
    return city.report(
        actor=demo.user("hotline"),
        source=source,
        category=category.code,
        description=text,
        lon=spot[0],
        lat=spot[1],
        address="信访人住址 人民路8号",
        requester_name="孙八",
        requester_phone="13600001111",
    )


def _miss_body(response, number: str) -> str:  # type: ignore[no-untyped-def]
    # The form echoes the typed number back; everything else must be byte-identical.
    return response.content.decode().replace(f'value="{number}"', 'value=""')


def test_the_code_is_issued_once_and_stored_only_as_a_hash(
    demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    case = _public(demo, category, spot, "路灯不亮")
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{8}", case.query_code)
    stored = CityCase.objects.get(pk=case.pk)
    assert stored.query_code == "" and stored.query_code_digest == query_code_digest(
        case.query_code
    )
    assert case.query_code not in stored.query_code_digest
    staff = _staff(demo, category, spot, "hotline", "热线反映")
    assert staff.query_code == "" and CityCase.objects.get(pk=staff.pk).query_code_digest == ""


def test_with_the_right_code_the_status_shows(
    demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    case = _public(demo, category, spot, f"井盖缺失，联系我 {MOBILE}，身份证{ID_NUMBER}")
    city.file(actor=demo.user("center"), case_id=case.pk)
    # Codes are read out over the phone: case and spaces do not matter.
    typed = case.query_code.lower()[:4] + " " + case.query_code.lower()[4:]
    r = Client().get("/portal/track/", {"number": case.number, "code": typed})
    body = r.content.decode()
    assert r.status_code == 200 and "已立案" in body and "井盖缺失" in body
    # Even the reporter's own page shows the text scrubbed.
    assert MOBILE not in body and ID_NUMBER not in body and "钱七" not in body
    assert "139****5678" in body


def test_enumerating_numbers_without_the_code_shows_nothing(
    demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    mine = _public(demo, category, spot, "公众甲：占道经营")
    hotline = _staff(demo, category, spot, "hotline", "12345：邻居孙八家噪音 13600001111")
    petition = _staff(demo, category, spot, "petition", "信访件：反映某干部问题")
    secrets_shown = ["公众甲", "12345：", "信访件", "幸福路", "人民路", "孙八", "钱七"]
    year = mine.number[:4]
    last = int(max(CityCase.objects.values_list("number", flat=True))[4:])
    numbers = [f"{year}{n:06d}" for n in range(1, last + 3)]
    numbers += [str(n) for n in range(1, 30)]
    assert {mine.number, hotline.number, petition.number} <= set(numbers)
    other_code = _public(demo, category, spot, "公众乙").query_code
    client = Client()
    reference = None
    # No code, a made-up code, and another reporter's real code on this reporter's case.
    tries = [(n, c) for n in numbers for c in ("", "AAAAAAAA")] + [(mine.number, other_code)]
    for number, code in tries:
        r = client.get("/portal/track/", {"number": number, "code": code})
        body = r.content.decode()
        assert r.status_code == 404, (number, code)
        assert "未找到" in body
        assert not any(s in body for s in secrets_shown), (number, code)
        miss = _miss_body(r, number)
        reference = reference or miss
        assert miss == reference, "a miss must not tell a real number from an unused one"


def test_staff_entered_cases_are_not_tracked_even_with_a_digest(
    demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    # Even if a staff-entered case somehow carried a code, it is not a public report.
    staff = _staff(demo, category, spot, "letter_visit", "来信：反映拆迁问题")
    CityCase.objects.filter(pk=staff.pk).update(query_code_digest=query_code_digest("ABCDEFGH"))
    r = Client().get("/portal/track/", {"number": staff.number, "code": "ABCDEFGH"})
    assert r.status_code == 404 and "拆迁" not in r.content.decode()


def test_the_submission_page_shows_the_code_once(
    demo: DemoContext, category: Category, spot: tuple[float, float]
) -> None:
    client = Client()
    entries = Entry.objects.count()
    response = client.post(
        "/portal/report/",
        {
            "category": category.code,
            "description": "垃圾满溢",
            "lon": spot[0],
            "lat": spot[1],
        },
    )
    assert response.status_code == 302 and "code" not in response["Location"]
    assert Entry.objects.count() == entries + 1
    case = CityCase.objects.get(description="垃圾满溢")
    first = client.get(response["Location"]).content.decode()
    shown = re.search(r'id="new-code">([^<]+)<', first)
    assert shown is not None
    assert case.query_code_digest == query_code_digest(shown.group(1))
    again = client.get(response["Location"])  # a reload: the code is not shown again
    assert again.status_code == 404 and shown.group(1) not in again.content.decode()
    ok = client.get("/portal/track/", {"number": case.number, "code": shown.group(1)})
    assert ok.status_code == 200 and "垃圾满溢" in ok.content.decode()
