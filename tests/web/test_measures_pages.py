"""查封扣押 pages (issue #11 item 2): register items with photos, approve, extend, release with the
return receipt, the refusals shown with rule and article and the typed values kept, the photos
scoped to the case, and nothing for the wrong role, the wrong team or another bureau."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from chengguan.core import clock
from chengguan.demo.context import DemoContext
from chengguan.ledger.models import Blob, Entry
from chengguan.measures import actions as measure_actions
from chengguan.measures.models import Seizure
from chengguan.penalties import actions
from chengguan.penalties.models import PenaltyCase

NOW = dt.datetime(2026, 6, 10, 10, 0, tzinfo=clock.SHANGHAI)


@pytest.fixture(autouse=True)
def mid_year() -> Iterator[None]:
    with clock.frozen_at(NOW):
        yield


def png(seed: int = 0) -> bytes:
    """A valid 1x1 PNG, different per seed (distinct blobs)."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"\x00" + bytes([seed % 256, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def photo(name: str = "cart.png", seed: int = 0) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png(seed), content_type="image/png")


def open_case(demo: DemoContext, officers: tuple[str, str] = ("officer1", "officer2")) -> Any:
    today = clock.today()
    case = actions.open_case(
        actor=demo.user(officers[0]),
        procedure="general",
        power_item="SZ001",
        party={"kind": "person", "name": "李某", "id_number": "11010519491231002X"},
        facts="当事人在人民路东段擅自占用城市道路摆摊经营",
        act_date=today - dt.timedelta(days=1),
        discovered_date=today,
        officers=list(officers),
    )
    return actions.register(case.pk, actor=demo.user("head"))


def form(**extra: Any) -> dict[str, Any]:
    return {
        "kind": "seize",
        "reason": "占道经营，责令改正拒不改正，为防止证据灭失",
        "legal_basis": "《城市市容和环境卫生管理条例》第三十六条",
        "item-1-name": "三轮车（蓝色）",
        "item-1-quantity": "1",
        "item-1-unit": "辆",
        "item-2-name": "西瓜",
        "item-2-quantity": "40",
        "item-2-unit": "个",
        "place": "局暂扣物品库",
        "condition": "车况完好，西瓜新鲜",
        "approval": "prior",
        "approved_by": "head",
        "certificates_shown": ["officer1", "officer2"],
        "party_present": "1",
        "party_signed": "1",
        **extra,
    }


def state(case: PenaltyCase) -> tuple[Any, ...]:
    return (
        list(Seizure.objects.order_by("id").values()),
        Entry.objects.count(),
        Blob.objects.count(),
        PenaltyCase.objects.get(pk=case.pk).status,
    )


def seizures_url(case: PenaltyCase) -> str:
    return f"/penalties/{case.pk}/seizures/"


def test_register_with_photos_then_release_with_the_return_receipt(
    demo: DemoContext, web: Callable[[str], Client]
) -> None:
    case = open_case(demo)
    officer = web("officer1")
    page = officer.get(seizures_url(case))
    assert page.status_code == 200
    assert "登记查封扣押" in page.content.decode()
    before = Entry.objects.count()
    r = officer.post(
        f"{seizures_url(case)}new/",
        {**form(), "item-1-photo": photo(), "photos": [photo("lot.png", 1)]},
    )
    assert r.status_code == 302, r.content.decode()
    s = Seizure.objects.get(case=case)
    assert s.status == "held" and s.decide_by == dt.date(2026, 7, 10)
    assert s.reason.startswith("占道经营") and "第三十六条" in s.legal_basis
    assert [i["name"] for i in s.items] == ["三轮车（蓝色）", "西瓜"]
    assert s.items[0]["photo"] and "photo" not in s.items[1] and len(s.photos) == 1
    # two photos stored (one ledger entry each) and the measure's own entry
    actions_written = list(Entry.objects.order_by("id").values_list("action", flat=True)[before:])
    assert actions_written.count("measure.seize") == 1
    assert actions_written.count("blob.store") == 2

    detail = officer.get(r["Location"])
    text = detail.content.decode()
    assert "剩余 30 日" in text and "三轮车（蓝色）" in text and "查封扣押文书" in text
    got = officer.get(f"/penalties/{case.pk}/seizures/{s.pk}/photos/{s.items[0]['photo']}")
    assert got.status_code == 200
    assert got["Content-Type"] == "image/png"
    assert got["X-Content-Type-Options"] == "nosniff"
    assert b"".join(got.streaming_content) == png()

    case_page = officer.get(f"/penalties/{case.pk}/").content.decode()
    assert "查封扣押" in case_page and f"扣押 #{s.pk}" in case_page and "剩余 30 日" in case_page

    r = officer.post(
        f"/penalties/{case.pk}/seizures/{s.pk}/release/",
        {
            "reason": "no_longer_needed",
            "returned_on": clock.today().isoformat(),
            "returned_to": "李某",
            "receipt_signed": "1",
            "file": photo("receipt.png", 2),
        },
    )
    assert r.status_code == 302
    s.refresh_from_db()
    assert s.status == "released" and s.returned_to == "李某" and s.receipt_signed
    assert s.receipt_photo in s.photo_shas()
    page = officer.get(f"/penalties/{case.pk}/seizures/{s.pk}/").content.decode()
    assert "由 李某 领取，已签收" in page and "签收单照片" in page


def test_a_refused_register_names_qz18_keeps_the_values_and_changes_nothing(
    demo: DemoContext, web: Callable[[str], Client]
) -> None:
    case = open_case(demo)
    before = state(case)
    r = web("officer1").post(
        f"{seizures_url(case)}new/",
        {
            **form(certificates_shown=["officer1"], place="人民路临时看管点"),
            "item-1-photo": photo(),
        },
    )
    assert r.status_code == 409
    text = r.content.decode()
    assert "QZ-18" in text and "《中华人民共和国行政强制法》第十八条" in text
    assert 'value="人民路临时看管点"' in text and 'value="三轮车（蓝色）"' in text
    assert 'id="reg-shown-officer1" name="certificates_shown" value="officer1" checked' in text
    assert "照片需重新选择" in text
    assert state(case) == before  # the photo's blob row and its ledger entry rolled back too


def test_absent_party_without_witnesses_is_qz18_and_no_custody_record_is_qz26(
    demo: DemoContext, web: Callable[[str], Client]
) -> None:
    case = open_case(demo)
    before = state(case)
    body = form()
    del body["party_present"], body["party_signed"]
    r = web("officer1").post(f"{seizures_url(case)}new/", body)
    assert r.status_code == 409 and "QZ-18" in r.content.decode() and "见证人" in r.content.decode()
    r = web("officer1").post(f"{seizures_url(case)}new/", form(condition=""))
    assert r.status_code == 409 and "QZ-26" in r.content.decode()
    assert state(case) == before
    r = web("officer1").post(f"{seizures_url(case)}new/", {**body, "witnesses": "王某、赵某"})
    assert r.status_code == 302
    assert Seizure.objects.get(case=case).witnesses == ["王某", "赵某"]


def test_emergency_not_approved_in_24_hours_is_qz19_flagged_and_released(
    demo: DemoContext, web: Callable[[str], Client]
) -> None:
    case = open_case(demo)
    r = web("officer1").post(
        f"{seizures_url(case)}new/", form(approval="emergency", approved_by="head")
    )
    assert r.status_code == 302
    s = Seizure.objects.get(case=case)
    assert s.status == "pending" and s.emergency and s.approved_by is None
    assert "待负责人补批" in web("officer1").get(seizures_url(case)).content.decode()
    with clock.frozen_at(NOW + dt.timedelta(hours=25)):
        head = Client()
        head.force_login(demo.user("head"))
        page = head.get(f"/penalties/{case.pk}/seizures/{s.pk}/").content.decode()
        assert "QZ-19 当场实施超过二十四小时未获批准" in page
        before = state(case)
        r = head.post(f"/penalties/{case.pk}/seizures/{s.pk}/approve/", {})
        assert r.status_code == 409
        assert "QZ-19" in r.content.decode() and "第十九条" in r.content.decode()
        assert state(case) == before
        r = head.post(
            f"/penalties/{case.pk}/seizures/{s.pk}/release/",
            {"reason": "not_approved", "returned_on": clock.today().isoformat()},
        )
        assert r.status_code == 302
    s.refresh_from_db()
    assert s.status == "released" and s.release_reason == "not_approved"


def test_the_head_approves_within_24_hours_and_extends_once(
    demo: DemoContext, web: Callable[[str], Client]
) -> None:
    case = open_case(demo)
    web("officer1").post(f"{seizures_url(case)}new/", form(approval="emergency"))
    s = Seizure.objects.get(case=case)
    head = web("head")
    assert (
        "负责人批准（补批）" in head.get(f"/penalties/{case.pk}/seizures/{s.pk}/").content.decode()
    )
    assert head.post(f"/penalties/{case.pk}/seizures/{s.pk}/approve/", {}).status_code == 302
    s.refresh_from_db()
    assert s.status == "held" and s.approved_by == demo.user("head")
    r = head.post(
        f"/penalties/{case.pk}/seizures/{s.pk}/extend/", {"days": "31", "reason": "需检验"}
    )
    assert r.status_code == 409 and "QZ-25" in r.content.decode()
    assert 'value="31"' in r.content.decode()  # the refused form keeps the typed days
    r = head.post(
        f"/penalties/{case.pk}/seizures/{s.pk}/extend/", {"days": "30", "reason": "需检验鉴定"}
    )
    assert r.status_code == 302
    s.refresh_from_db()
    assert s.decide_by == dt.date(2026, 8, 9) and s.extension_days == 30
    page = head.get(f"/penalties/{case.pk}/seizures/{s.pk}/").content.decode()
    assert "action-extend" not in page and "已延长 30 日" in page
    before = state(case)
    r = head.post(
        f"/penalties/{case.pk}/seizures/{s.pk}/extend/", {"days": "5", "reason": "再次延长"}
    )
    assert r.status_code == 409 and "QZ-25" in r.content.decode()
    assert state(case) == before


def test_past_its_end_a_measure_shows_overdue_and_may_only_be_released(
    demo: DemoContext, web: Callable[[str], Client]
) -> None:
    case = open_case(demo)
    web("officer1").post(f"{seizures_url(case)}new/", form())
    s = Seizure.objects.get(case=case)
    with clock.frozen_at(NOW + dt.timedelta(days=32)):
        head = Client()
        head.force_login(demo.user("head"))
        page = head.get(f"/penalties/{case.pk}/seizures/{s.pk}/").content.decode()
        assert "已超期 2 日" in page
        before = state(case)
        r = head.post(
            f"/penalties/{case.pk}/seizures/{s.pk}/extend/", {"days": "10", "reason": "复杂"}
        )
        assert r.status_code == 409 and "QZ-28" in r.content.decode()
        assert state(case) == before


def test_a_form_value_that_is_not_a_date_is_a_chinese_400(
    demo: DemoContext, web: Callable[[str], Client]
) -> None:
    case = open_case(demo)
    web("officer1").post(f"{seizures_url(case)}new/", form())
    s = Seizure.objects.get(case=case)
    before = state(case)
    r = web("officer1").post(
        f"/penalties/{case.pk}/seizures/{s.pk}/release/",
        {"reason": "other", "returned_on": "明天"},
    )
    assert r.status_code == 400 and "退还日期无效" in r.content.decode()
    r = web("officer1").post(f"/penalties/{case.pk}/seizures/{s.pk}/nothing/", {})
    assert r.status_code == 404
    r = web("officer1").post(f"{seizures_url(case)}new/", form(kind="sell"))
    assert r.status_code == 400
    assert state(case) == before


def test_who_may_see_and_do_what(demo: DemoContext, web: Callable[[str], Client]) -> None:
    case = open_case(demo)
    web("officer1").post(f"{seizures_url(case)}new/", {**form(), "item-1-photo": photo()})
    s = Seizure.objects.get(case=case)
    sha = s.items[0]["photo"]
    urls = [
        seizures_url(case),
        f"/penalties/{case.pk}/seizures/{s.pk}/",
        f"/penalties/{case.pk}/seizures/{s.pk}/photos/{sha}",
    ]
    # another bureau and another town team: the case does not exist for them
    for who in ("outsider", "town_officer1"):
        for url in urls:
            assert web(who).get(url).status_code == 404, (who, url)
    # a role without penalty cases at all
    for url in urls:
        assert web("center").get(url).status_code == 403, url
    # outsider on the anonymous path: sent to the login page
    assert Client().get(urls[0]).status_code == 302
    before = state(case)
    # the reviewer reads but may not seize; an officer may not approve or extend
    assert "登记查封扣押" not in web("reviewer").get(urls[0]).content.decode()
    assert web("reviewer").get(urls[2]).status_code == 200
    assert web("reviewer").post(f"{seizures_url(case)}new/", form()).status_code == 403
    assert web("officer1").post(f"{urls[1]}extend/", {"days": "5", "reason": "x"}).status_code == (
        403
    )
    assert web("outsider").post(f"{urls[1]}release/", {"reason": "other"}).status_code == 404
    assert web("town_officer1").post(f"{seizures_url(case)}new/", form()).status_code == 404
    # an officer not on the case may not seize on it
    assert web("town_officer2").post(f"{seizures_url(case)}new/", form()).status_code == 404
    assert state(case) == before
    # a photo of the bureau that this measure does not name is not sent
    other = open_case(demo)
    web("officer1").post(f"{seizures_url(other)}new/", {**form(), "item-1-photo": photo(seed=9)})
    other_sha = Seizure.objects.get(case=other).items[0]["photo"]
    assert web("officer1").get(f"{urls[1]}photos/{other_sha}").status_code == 404


def test_an_officer_not_on_the_case_is_refused(
    demo: DemoContext, web: Callable[[str], Client]
) -> None:
    case = open_case(demo, officers=("officer1", "officer2"))
    client = Client()
    client.force_login(demo.user("officer_nocert"))
    before = state(case)
    page = client.get(seizures_url(case))
    if page.status_code == 200:
        assert "登记查封扣押" not in page.content.decode()
    r = client.post(f"{seizures_url(case)}new/", form())
    assert r.status_code in (403, 404)
    assert state(case) == before


def test_the_case_page_lists_disposals_read_only(
    demo: DemoContext, web: Callable[[str], Client]
) -> None:
    case = open_case(demo)
    page = web("officer1").get(f"/penalties/{case.pk}/").content.decode()
    assert "本案未采取查封、扣押措施" in page
    listing = web("officer1").get(seizures_url(case)).content.decode()
    assert "尚无处置记录" in listing
    # before the decision no disposal can be recorded: the form is not offered, a post is refused
    assert "罚没物品处置登记" not in listing
    before = state(case)
    r = web("officer1").post(
        f"/penalties/{case.pk}/disposals/",
        {"method": "destruction", "items": "西瓜40个", "disposed_on": clock.today().isoformat()},
    )
    assert r.status_code == 409
    assert state(case) == before


def test_the_measures_actions_are_the_ones_the_pages_call(demo: DemoContext) -> None:
    # the page passes blank reason/basis through: the action fills them from the case (QZ-24)
    case = open_case(demo)
    s = measure_actions.seize(
        case.pk,
        actor=demo.user("officer1"),
        kind="seal",
        items=[{"name": "摊位", "quantity": "1", "unit": "处"}],
        place="原地",
        condition="完好",
        certificates_shown=["officer1", "officer2"],
        approved_by="head",
    )
    assert s.reason == case.facts and s.legal_basis == case.power_item.legal_basis[:300]
