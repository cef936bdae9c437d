"""The case-page forms of decision 064: the collective discussion chosen from the bureau's heads with
its ruling on a departure (CL-6), naming the hearing's chair and deciding a challenge (XF-64)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from chengguan.demo.context import DemoContext
from chengguan.penalties import actions
from tests.penalties.helpers import T0, D, at, investigated, notified, proposal


def test_the_discussion_form_lists_the_heads_and_records_the_ruling(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    with at(T0):
        case = investigated(demo, proposal("5000", "general", deviation_reason="x"))
        url = f"/penalties/{case.pk}/"
        page = web("head").get(url).content.decode()
        form = page.split('id="action-discuss"', 1)[1].split("</form>", 1)[0]
        for head in ("head", "deputy1", "deputy2"):
            assert f'value="{head}"' in form
        assert 'value="officer1"' not in form and 'value="reviewer"' not in form
        assert 'value="general" selected' in form, form[-3000:]
        assert 'value="5000' in form
        # Two heads are not enough: refused with CL-6 and its article, nothing recorded.
        refused = web("head").post(
            url + "discuss/",
            {"participants": ["head", "deputy1"], "minutes": "讨论", "conclusion": "同意"},
        )
        body = refused.content.decode()
        assert refused.status_code == 409 and "CL-6" in body
        assert not case.discussions.exists()
        response = web("head").post(
            url + "discuss/",
            {
                "participants": ["head", "deputy1", "deputy2"],
                "minutes": "讨论偏离基准",
                "conclusion": "同意按5000元处罚",
                "approves_deviation": "1",
                "about_level": "general",
                "about_fine": "5000",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    talk = case.discussions.get()
    assert talk.participants == ["head", "deputy1", "deputy2"]
    assert (talk.about_level, str(talk.about_fine), talk.approves_deviation) == (
        "general",
        "5000.00",
        True,
    )


def test_a_discussion_without_a_ruling_records_none(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    with at(T0):
        case = investigated(demo)
        response = web("head").post(
            f"/penalties/{case.pk}/discuss/",
            {
                "participants": ["head", "deputy1", "deputy2"],
                "minutes": "讨论案情",
                "conclusion": "同意拟处罚意见",
                "approves_deviation": "",
                "about_level": "heavier",
                "about_fine": "15000",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    talk = case.discussions.get()
    assert talk.approves_deviation is None and talk.about_level == "" and talk.about_fine is None


def test_the_chair_is_named_and_a_challenge_decided_on_the_case_page(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    with at(T0):
        case = notified(demo)
        actions.request_hearing(case.pk, actor=demo.user("officer1"), requested_on=T0)
        url = f"/penalties/{case.pk}/"
        head_page = web("head").get(url).content.decode()
        assert 'id="action-name_chair"' in head_page
        assert 'id="action-challenge_chair"' not in head_page  # no chair to challenge yet
        assert 'id="action-name_chair"' not in web("officer1").get(url).content.decode()
        assert web("head").post(url + "name_chair/", {"chair": "supervisor"}).status_code == 302
        officer_page = web("officer1").get(url).content.decode()
        assert "听证主持人：何丽" in officer_page
        assert 'id="action-challenge_chair"' in web("head").get(url).content.decode()
        response = web("head").post(
            url + "challenge_chair/", {"reason": "主持人与当事人有利害关系", "upheld": "1"}
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert case.hearings.get().chair is None
    with at(D(2025, 6, 13)):
        refused = web("officer1").post(
            url + "hearing/",
            {"held_on": "2025-06-13", "notified_on": "2025-06-03", "record": "听证笔录"},
        )
    body = refused.content.decode()
    assert refused.status_code == 409 and "XF-64" in body and "第六十四条" in body
    assert case.hearings.get().held_on is None
