"""Issue #12 (3): Open311 GET requests / GET request/{id} list only what the public reported itself,
never staff-entered 12345 / 信访 cases, and every text passes the personal-data scrubber."""

from __future__ import annotations

import string

from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from chengguan.citycases import actions as city
from chengguan.citycases.models import CityCase
from chengguan.core.pii import scrub
from chengguan.demo.context import DemoContext
from tests.citycases.conftest import CITY

BASE = "/open311/v2"
MOBILE = "15812345678"
ID_NUMBER = "411323199001011234"


def _report(demo: DemoContext, source: str, text: str, address: str = "") -> CityCase:
    staff = source != "public"
    return city.report(
        actor=demo.user("hotline") if staff else None,
        bureau=None if staff else demo.bureau,
        public=not staff,
        source=source,
        category="E0101",
        description=text,
        lon=CITY["lon"],
        lat=CITY["lat"],
        address=address,
        requester_name="周九",
        requester_phone=MOBILE,
    )


def test_staff_entered_cases_are_not_in_the_open311_list_or_detail(db, demo: DemoContext) -> None:
    public = _report(demo, "public", "市民：路面破损")
    hotline = _report(demo, "hotline", "12345：邻居家装修扰民")
    petition = _report(demo, "petition", "信访：反映拆迁补偿")
    letter = _report(demo, "letter_visit", "来信：举报违建")
    # A hotline clerk typing a citizen's call in as "公众举报" is still staff-entered.
    typed_in = city.report(
        actor=demo.user("hotline"),
        source="public",
        category="E0101",
        description="来电：门前有垃圾",
        lon=CITY["lon"],
        lat=CITY["lat"],
    )
    web = Client()
    listed = {i["service_request_id"] for i in web.get(f"{BASE}/requests.json").json()}
    assert public.number in listed
    staff_numbers = [c.number for c in (hotline, petition, letter, typed_in)]
    assert not listed & set(staff_numbers)
    by_id = web.get(f"{BASE}/requests.json", {"service_request_id": ",".join(staff_numbers)})
    assert by_id.status_code == 200 and by_id.json() == []
    for number in staff_numbers:
        r = web.get(f"{BASE}/requests/{number}.json")
        assert r.status_code == 404 and "拆迁" not in r.content.decode()
    assert web.get(f"{BASE}/tokens/{hotline.public_token}.json").status_code == 404


def test_enumerating_request_ids_shows_no_staff_text(db, demo: DemoContext) -> None:
    texts = ["12345：张某某举报", "信访：某村干部", "来信：违建在某处"]
    staff = [
        _report(demo, s, t)
        for s, t in zip(("hotline", "petition", "letter_visit"), texts, strict=True)
    ]
    year = staff[0].number[:4]
    last = int(max(CityCase.objects.values_list("number", flat=True))[4:])
    web = Client()
    for n in range(1, last + 3):
        for fmt in ("json", "xml"):
            body = web.get(f"{BASE}/requests/{year}{n:06d}.{fmt}").content.decode()
            assert not any(t in body for t in texts), n
    listed = web.get(f"{BASE}/requests.xml").content.decode()
    assert not any(t in listed for t in texts)


def test_open311_texts_are_scrubbed(db, demo: DemoContext) -> None:
    case = _report(
        demo, "public", f"周九反映：电话{MOBILE}，身份证 {ID_NUMBER}", address=f"人民路 {MOBILE}"
    )
    web = Client()
    for url in (f"{BASE}/requests/{case.number}.json", f"{BASE}/requests.json"):
        body = web.get(url).content.decode()
        assert case.number in body
        assert MOBILE not in body and ID_NUMBER not in body and "周九" not in body
    item = web.get(f"{BASE}/requests/{case.number}.json").json()[0]
    assert item["description"] == "周*反映：电话158****5678，身份证 411323********1234"
    assert item["address"] == "人民路 158****5678"


def test_the_post_answer_carries_the_query_code_once(db, demo: DemoContext) -> None:
    from tests.open311.test_georeport_v2 import _post_example

    web = Client()
    r = _post_example(web, fmt="json")
    item = r.json()[0]
    assert len(item["query_code"]) == 8
    track = web.get(
        "/portal/track/", {"number": item["service_request_id"], "code": item["query_code"]}
    )
    assert track.status_code == 200
    again = web.get(f"{BASE}/requests/{item['service_request_id']}.json").json()[0]
    assert "query_code" not in again


# --- the scrubber ---------------------------------------------------------------------------

mobiles = st.builds(
    lambda second, rest: "1" + second + rest,
    st.sampled_from("3456789"),
    st.text(string.digits, min_size=9, max_size=9),
)
id_numbers = st.builds(
    lambda body, last: body + last,
    st.text(string.digits, min_size=17, max_size=17),
    st.sampled_from("0123456789Xx"),
)
# Any text around it: letters, Chinese, punctuation and digits that touch the number.
around = st.text(st.sampled_from(string.ascii_letters + string.digits + " ，。：-电话身份证号"))


@settings(max_examples=300, deadline=None)
@given(before=around, number=st.one_of(mobiles, id_numbers), after=around)
def test_any_embedded_mobile_or_id_number_is_masked(before: str, number: str, after: str) -> None:
    out = scrub(before + number + after)
    assert number not in out
    assert number.upper() not in out.upper()


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(
        st.sampled_from(string.ascii_letters + " ，。路号" + string.digits[:5]), max_size=10
    )
)
def test_text_without_long_numbers_is_left_alone(text: str) -> None:
    if not any(len(run) >= 11 for run in "".join(c if c.isdigit() else " " for c in text).split()):
        assert scrub(text) == text


@settings(max_examples=100, deadline=None)
@given(mobile=mobiles, sep=st.sampled_from([" ", "-"]))
def test_a_mobile_written_in_groups_is_masked(mobile: str, sep: str) -> None:
    grouped = sep.join([mobile[:3], mobile[3:7], mobile[7:]])
    out = scrub(f"电话 {grouped} 谢谢")
    assert grouped not in out and out.endswith(mobile[7:] + " 谢谢")


def test_names_are_masked_and_short_names_left() -> None:
    assert scrub("欧阳娜娜说欧阳不在", names=["欧阳娜娜", "欧阳"]) == "欧***说欧*不在"
    assert scrub("王来了", names=["王"]) == "王来了"
