"""The staff forms of decision 087: the 立案审批意见 and 复核意见 fields (issue #15 item 1) and
people picked from lists of the own bureau instead of typed usernames (item 5)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from chengguan.demo.context import DemoContext
from chengguan.guidance.models import Visit
from chengguan.ledger.models import Entry
from chengguan.penalties.models import PenaltyCase
from tests.guidance.helpers import add_point
from tests.penalties.helpers import T0, at, investigated, notified, open_general, snapshot


def _form(page: str, action: str) -> str:
    return page.split(f'id="action-{action}"', 1)[1].split("</form>", 1)[0]


def test_the_head_writes_the_register_opinion_on_the_case_page(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    with at(T0):
        case = open_general(demo)
        url = f"/penalties/{case.pk}/"
        form = _form(web("head").get(url).content.decode(), "register")
        assert 'name="opinion"' in form and "同意立案。" in form
        response = web("head").post(url + "register/", {"opinion": "同意立案，请依法调查取证。"})
        assert response.status_code == 302, response.content.decode()[:2000]
        page = web("officer1").get(url).content.decode()
    assert PenaltyCase.objects.get(pk=case.pk).registration_opinion == "同意立案，请依法调查取证。"
    assert "同意立案，请依法调查取证。" in page.split('id="registration-opinion"', 1)[1][:300]


def test_register_through_the_page_is_refused_to_the_wrong_role_and_other_bureau(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    with at(T0):
        case = open_general(demo)
        before, entries = snapshot(case), Entry.objects.count()
        url = f"/penalties/{case.pk}/register/"
        assert web("officer1").post(url, {"opinion": "同意"}).status_code == 403
        assert web("center").post(url, {"opinion": "同意"}).status_code in {403, 404}
        assert web("outsider").post(url, {"opinion": "同意"}).status_code == 404
    assert snapshot(case) == before and Entry.objects.count() == entries


def test_the_statement_form_asks_for_the_review_and_refuses_a_bare_rejection(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    with at(T0):
        case = notified(demo)
        url = f"/penalties/{case.pk}/"
        form = _form(web("officer1").get(url).content.decode(), "statement")
        assert 'name="review_opinion"' in form and "不予采纳的，须写明理由" in form
        before, entries = snapshot(case), Entry.objects.count()
        refused = web("officer1").post(url + "statement/", {"content": "当事人称系初次经营"})
        assert refused.status_code == 409
        body = refused.content.decode()
        assert "XF-45" in body and "第四十五条" in body
        assert snapshot(case) == before and Entry.objects.count() == entries
        assert web("outsider").post(url + "statement/", {"content": "x"}).status_code == 404
        assert snapshot(case) == before
        done = web("officer1").post(
            url + "statement/",
            {"content": "当事人称系初次经营", "review_opinion": "与现场检查笔录不符，不予采纳"},
        )
    assert done.status_code == 302, done.content.decode()[:2000]
    st = case.statements.get()
    assert (st.accepted, st.review_opinion) == (False, "与现场检查笔录不符，不予采纳")


def test_the_transfer_form_picks_the_approving_head_from_the_bureaus_heads(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    with at(T0):
        case = investigated(demo)
        page = web("officer1").get(f"/penalties/{case.pk}/").content.decode()
    if 'id="action-transfer"' not in page:
        raise AssertionError("the transfer step is offered on an investigated case")
    form = _form(page, "transfer")
    field = form.split('name="approved_by"', 1)[1].split("</select>", 1)[0]
    for head in ("head", "deputy1", "deputy2"):
        assert f'value="{head}"' in field
    assert 'value="officer1"' not in field and 'value="outsider"' not in field
    assert "用户名" not in form


def test_guidance_forms_pick_people_of_the_own_bureau(
    web: Callable[[str], Client], api: Any, demo: DemoContext
) -> None:
    listing = web("officer1").get("/guidance/").content.decode()
    liaison = listing.split('id="p-liaison"', 1)[1].split("</select>", 1)[0]
    assert 'value="officer1" selected' in liaison and 'value="officer2"' in liaison
    assert 'value="outsider"' not in liaison
    point = add_point(api)
    url = f"/guidance/points/{point['id']}/"
    page = web("officer1").get(url).content.decode()
    picker = page.split('id="v-officers"', 1)[1].split("</fieldset>", 1)[0]
    assert 'value="officer1" checked' in picker and 'value="outsider"' not in picker
    response = web("officer1").post(
        url,
        {
            "visited_on": "2025-06-03",
            "officers": ["officer1", "officer2"],
            "topics": "宣讲餐饮油烟治理要求",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    visit = Visit.objects.filter(point_id=point["id"]).get()
    assert sorted(visit.officers.values_list("username", flat=True)) == ["officer1", "officer2"]
    # The server still checks: a person of another bureau sent by hand is refused.
    before = Visit.objects.count()
    refused = web("officer1").post(
        url, {"visited_on": "2025-06-03", "officers": ["outsider"], "topics": "x"}
    )
    assert refused.status_code in {400, 404, 409}
    assert Visit.objects.count() == before
