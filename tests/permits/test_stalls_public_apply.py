"""#14 item 3: a stall keeper applies on the portal for a place at a point of the public map, through
the same ``permits.actions.apply`` as the counter (channel portal), throttled and with its PII
encrypted; the staff allocate; the applicant sees 已分配 by number and query code only
(decision 088)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from chengguan.core.errors import Invalid
from chengguan.demo.context import DemoContext
from chengguan.ledger.models import Entry
from chengguan.permits import actions
from chengguan.permits.models import PermitApplication, StallPoint
from chengguan.permits.states import Channel
from tests.permits.helpers import PERSON, T0, at, person_id
from tests.permits.test_stalls import SQUARE, stall_snapshot

KEEPER_ID = person_id(birth="19750512", serial="246")
KEEPER_PHONE = "13912345678"


@pytest.fixture
def point(demo: DemoContext) -> StallPoint:
    with at(T0):
        return actions.add_stall_point(
            actor=demo.user("reviewer"),
            name="门户申请测试便民点",
            geometry=SQUARE,
            season_from=dt.date(2025, 6, 1),
            season_to=dt.date(2025, 9, 30),
            opens_at="07:00",
            closes_at="21:00",
            capacity=2,
            rules="限售本地瓜果；收摊清场",
        )


def form(**kw: Any) -> dict[str, Any]:
    return {
        "name": "马德胜",
        "id_number": KEEPER_ID,
        "phone": KEEPER_PHONE,
        "goods": "西瓜、甜瓜",
        "pledge": "on",
        "consent": "on",
        **kw,
    }


def _apply(client: Client, point: StallPoint, ip: str = "10.7.0.1", **kw: Any) -> Any:
    return client.post(f"/portal/stall-points/{point.pk}/apply/", form(**kw), REMOTE_ADDR=ip)


def _staff(demo: DemoContext, username: str) -> Client:
    client = Client()
    client.force_login(demo.user(username))
    return client


def test_the_public_map_offers_the_application(point: StallPoint) -> None:
    with at(T0):
        html = Client().get("/portal/stall-points/").content.decode()
        assert f"/portal/stall-points/{point.pk}/apply/" in html and 'id="stall-map"' in html
        page = Client().get(f"/portal/stall-points/{point.pk}/apply/")
        assert page.status_code == 200
        body = page.content.decode()
        assert "门户申请测试便民点" in body and "经营承诺书" in body and "公民身份号码" in body


def test_a_keeper_applies_staff_allocate_and_the_keeper_sees_the_place(
    demo: DemoContext, point: StallPoint
) -> None:
    client = Client()
    with at(T0):
        r = _apply(client, point)
        assert r.status_code == 302, r.content.decode()[:3000]
        assert "code=" not in r["Location"]  # the code is in no URL
        app = PermitApplication.objects.get(stall_point=point)
        assert app.channel == Channel.PORTAL and app.created_by_id is None
        assert app.pledge_signed and app.status == "received" and app.goods == "西瓜、甜瓜"
        assert app.materials == ["申请书", "承诺书"]
        shown = client.get(r["Location"])
        html = shown.content.decode()
        number = re.search(r'id="new-number">([^<]+)<', html)
        code = re.search(r'id="new-code">([^<]+)<', html)
        assert number and code and number.group(1) == app.number
        assert re.fullmatch(r"[2-9A-HJKMNP-Z]{8}", code.group(1))
        assert "待分配" in html and "马**" in html and "马德胜" not in html
        assert KEEPER_ID not in html and KEEPER_PHONE not in html
        # Shown once: the same address again does not show the code.
        assert code.group(1) not in client.get(r["Location"]).content.decode()
        # PI-1: the ID number and the phone are not in clear in the database, nor the code.
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT applicant_id, applicant_phone, query_code_digest FROM "
                f"{PermitApplication._meta.db_table} WHERE id = %s",
                [app.pk],
            )
            raw = " ".join(str(v) for v in cur.fetchone())
        assert KEEPER_ID not in raw and KEEPER_PHONE not in raw and code.group(1) not in raw
        entries = Entry.objects.filter(subject_type="permits.permitapplication", subject_id=app.pk)
        assert entries.filter(action="permit.create").count() == 1
        assert all(KEEPER_ID not in e.payload and KEEPER_PHONE not in e.payload for e in entries)
        assert entries.get(action="permit.create").actor_id is None

        # The staff see it on their stall page and allocate through their page.
        head = _staff(demo, "head")
        assert app.number in head.get("/permits/stall-points/").content.decode()
        detail = head.get(f"/permits/{app.pk}/").content.decode()
        assert "西瓜、甜瓜" in detail and "公众服务门户" in detail
        assert _staff(demo, "outsider").get(f"/permits/{app.pk}/").status_code == 404
        done = head.post(f"/permits/stall-points/{point.pk}/allocate/", {"method": "first_come"})
        assert done.status_code == 302
        app.refresh_from_db()
        assert app.stall_place == 1

        url = f"/portal/stall-applications/?number={app.number}&code={code.group(1).lower()}"
        seen = Client().get(url)
        assert seen.status_code == 200
        text = seen.content.decode()
        assert "已分配" in text and "第 1 号摊位" in text and "门户申请测试便民点" in text


def test_a_wrong_code_or_a_counter_application_shows_nothing(
    demo: DemoContext, point: StallPoint
) -> None:
    with at(T0):
        assert _apply(Client(), point).status_code == 302
        app = PermitApplication.objects.get(stall_point=point)
        counter, _ = actions.apply(
            actor=demo.user("reviewer"),
            kind="XK-TD",
            applicant=dict(PERSON),
            materials=["申请书"],
            stall_point=point.pk,
            pledge_signed=True,
        )
        misses = [
            f"number={app.number}&code=AAAAAAAA",
            f"number={app.number}&code=",
            f"number={app.number}",
            "number=XK2025999999&code=AAAAAAAA",
            f"number={counter.number}&code=AAAAAAAA",
        ]
        for query in misses:
            r = Client().get(f"/portal/stall-applications/?{query}")
            assert r.status_code == 404, query
            text = r.content.decode()
            assert "未找到" in text and "马**" not in text and "第 1 号" not in text


@pytest.mark.parametrize(
    ("change", "field_message"),
    [
        ({"pledge": ""}, "请阅读并勾选经营承诺"),
        ({"consent": ""}, "请勾选同意后提交"),
        ({"id_number": "411323197505121234"}, "校验位不正确"),
        ({"phone": "call me"}, "联系电话应为数字"),
        ({"name": ""}, "必填"),
        ({"goods": ""}, "必填"),
    ],
)
def test_bad_applications_are_refused_in_chinese_and_write_nothing(
    point: StallPoint, change: dict[str, str], field_message: str
) -> None:
    with at(T0):
        before = stall_snapshot()
        r = _apply(Client(), point, ip="10.7.0.2", **change)
        assert r.status_code == 400
        assert field_message in r.content.decode()
        assert stall_snapshot() == before


def test_a_point_out_of_season_or_unknown_cannot_be_applied_for(point: StallPoint) -> None:
    with at(dt.date(2025, 10, 8)):
        before = stall_snapshot()
        assert _apply(Client(), point).status_code == 404
        assert Client().get(f"/portal/stall-points/{point.pk}/apply/").status_code == 404
        assert _apply(Client(), point, **{}).status_code == 404
        assert stall_snapshot() == before
    with at(T0):
        assert Client().get("/portal/stall-points/999999/apply/").status_code == 404


def test_the_status_page_scrubs_what_the_keeper_typed(point: StallPoint) -> None:
    client = Client()
    with at(T0):
        r = _apply(client, point, goods="西瓜，马德胜 电话13912345678")
        html = client.get(r["Location"]).content.decode()
        assert "西瓜" in html and KEEPER_PHONE not in html and "马德胜" not in html
        app = PermitApplication.objects.get(stall_point=point)
        assert app.goods == "西瓜，马德胜 电话13912345678"  # staff see what was typed


def test_the_application_is_throttled_like_every_public_intake(
    settings: Any, point: StallPoint
) -> None:
    settings.PUBLIC_INTAKE_LIMIT = 1
    with at(T0):
        assert _apply(Client(), point, ip="10.7.0.3").status_code == 302
        before = stall_snapshot()
        r = _apply(Client(), point, ip="10.7.0.3", id_number=person_id(serial="357"))
        assert r.status_code == 429 and "提交过于频繁" in r.content.decode()
        assert stall_snapshot() == before
        assert _apply(Client(), point, ip="10.7.0.4").status_code == 302  # another address


def test_the_action_keeps_the_portal_to_stall_places_and_pledged_keepers(
    demo: DemoContext, point: StallPoint
) -> None:
    keeper = {"kind": "person", "name": "马德胜", "id_number": KEEPER_ID}
    with at(T0):
        before = stall_snapshot()
        with pytest.raises(Invalid) as refused:
            actions.apply(
                actor=None,
                bureau=demo.bureau,
                channel=Channel.PORTAL,
                kind="XK-GG",
                applicant=keeper,
                materials=["申请书"],
                pledge_signed=True,
            )
        assert "只受理便民临时摊点" in refused.value.message
        with pytest.raises(Invalid) as refused:
            actions.apply(
                actor=None,
                bureau=demo.bureau,
                channel=Channel.PORTAL,
                kind="XK-TD",
                applicant=keeper,
                stall_point=point.pk,
            )
        assert refused.value.details["pledge_signed"] == "请阅读并勾选经营承诺"
        # Staff do not file in the applicant's name on the portal channel.
        with pytest.raises(Invalid) as refused:
            actions.apply(
                actor=demo.user("reviewer"),
                channel=Channel.PORTAL,
                kind="XK-TD",
                applicant=keeper,
                stall_point=point.pk,
                pledge_signed=True,
            )
        assert "channel" in refused.value.details
        assert stall_snapshot() == before
        # Another bureau's point is not this bureau's to give.
        other = StallPoint.objects.create(
            bureau=demo.user("outsider").bureau,
            name="外局点位",
            geometry=SQUARE,
            season_from=dt.date(2025, 6, 1),
            season_to=dt.date(2025, 9, 30),
            opens_at=dt.time(7),
            closes_at=dt.time(21),
            capacity=3,
            created_by=demo.user("outsider"),
            created_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC),
        )
        before = stall_snapshot()
        with pytest.raises(Invalid):
            actions.apply(
                actor=None,
                bureau=demo.bureau,
                channel=Channel.PORTAL,
                kind="XK-TD",
                applicant=keeper,
                stall_point=other.pk,
                pledge_signed=True,
            )
        assert stall_snapshot() == before
        assert _apply(Client(), other).status_code == 404
