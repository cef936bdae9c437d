"""The staff pages of 行政检查 (issue #13): the officer's day and the code box, the inspection page
with its on-site record, photos and every step as a form, the head's approvals, the plan and draw
page, the register with the enterprise's year, the items list. Refusals show their rule id and
article with the values kept and change nothing; outsider, wrong role, wrong unit and another
bureau are refused."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from chengguan.demo.context import DemoContext
from chengguan.inspections import actions
from chengguan.inspections.models import Inspection, InspectionPlan
from chengguan.ledger.models import Entry
from tests.inspections.helpers import T0, at, entity, items, snapshot

# A 1x1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def web(demo: DemoContext) -> Callable[[str], Client]:
    cache: dict[str, Client] = {}

    def make(username: str) -> Client:
        if username not in cache:
            client = Client()
            client.force_login(demo.user(username))
            cache[username] = client
        return cache[username]

    return make


def _visit(demo: Any, n: int = 1, reason: str = "complaint", who: str = "officer1") -> Inspection:
    e = entity(demo, n)
    return actions.create_inspection(
        actor=demo.users[who],
        item="JC-R1",
        entity=e.pk,
        officers=["officer1", "officer2"]
        if who == "officer1"
        else ["town_officer1", "town_officer2"],
        reason=reason,
        planned_on=T0,
    )


def _page(r: Any) -> str:
    return r.content.decode()


def test_the_officers_day_lists_todays_visits_and_the_code_checks_in(web, demo):
    with at(T0):
        items(demo)
        visit = _visit(demo)
        actions.approve(visit.pk, actor=demo.users["head"])
        r = web("officer1").get("/inspections/")
        assert r.status_code == 200
        html = _page(r)
        assert "今日检查" in html and visit.entity.name in html
        assert 'id="code-input"' in html and "scan.js" in html
        # officer2 is on it too; town_officer1 is not.
        assert visit.entity.name in _page(web("officer2").get("/inspections/"))
        assert visit.entity.name not in _page(web("town_officer1").get("/inspections/"))
        r = web("officer1").post("/inspections/code/", {"code": visit.code.lower()})
        assert r.status_code == 302 and r["Location"] == f"/inspections/{visit.pk}/"
        visit.refresh_from_db()
        assert visit.status == Inspection.Status.CHECKED_IN and visit.scanned_at is not None


def test_a_wrong_code_is_refused_on_the_day_page_and_kept(web, demo):
    with at(T0):
        items(demo)
        _visit(demo)
        before = snapshot()
        r = web("officer1").post("/inspections/code/", {"code": "NOTACODE2345"})
        assert r.status_code == 404
        html = _page(r)
        assert "检查码无效" in html and 'value="NOTACODE2345"' in html
        assert snapshot() == before


def test_check_in_before_approval_shows_jc2_with_its_article(web, demo):
    with at(T0):
        items(demo)
        e = entity(demo, 2)
        visit = actions.create_inspection(
            actor=demo.users["officer1"],
            item="JC-R1",
            entity=e.pk,
            officers=["officer1", "officer2"],
            reason="plan",
            planned_on=T0,
        )
        before = snapshot()
        r = web("officer1").post(f"/inspections/{visit.pk}/check_in/", {"code": visit.code})
        assert r.status_code == 409
        html = _page(r)
        assert "JC-2" in html and "依据" in html
        assert f'value="{visit.code}"' in html  # the refused form keeps what was typed
        assert snapshot() == before


def _inside(demo: Any, web: Any) -> Inspection:
    visit = _visit(demo)
    actions.approve(visit.pk, actor=demo.users["head"])
    actions.check_in(visit.pk, actor=demo.users["officer1"], code=visit.code)
    return visit


def test_record_with_a_photo_then_tell_order_and_close(web, demo):
    with at(T0):
        items(demo)
        visit = _inside(demo, web)
        page = _page(web("officer1").get(f"/inspections/{visit.pk}/"))
        assert "现场检查记录" in page and "执法证号" in page
        photo = io.BytesIO(PNG)
        photo.name = "门头.png"
        r = web("officer1").post(
            f"/inspections/{visit.pk}/record/",
            {
                "findings": "油烟净化设施未开启",
                "ok": "0",
                "certificates_shown": ["officer1", "officer2"],
                "photo": photo,
            },
        )
        assert r.status_code == 302, _page(r)
        visit.refresh_from_db()
        assert visit.status == Inspection.Status.RECORDED and len(visit.certificates) == 2
        page = _page(web("officer1").get(f"/inspections/{visit.pk}/"))
        assert "现场照片" in page and "已出示" in page
        sha = page.split(f"/inspections/{visit.pk}/photos/")[1].split('"')[0]
        got = web("officer2").get(f"/inspections/{visit.pk}/photos/{sha}")
        assert got.status_code == 200 and b"".join(got.streaming_content) == PNG
        # The photo is the inspection's: another bureau and another unit's team do not get it.
        assert web("outsider").get(f"/inspections/{visit.pk}/photos/{sha}").status_code == 404
        assert web("town_officer1").get(f"/inspections/{visit.pk}/photos/{sha}").status_code == 404
        # ZL-1: the deadline must be after today; the refused form keeps the content.
        before = snapshot()
        r = web("officer1").post(
            f"/inspections/{visit.pk}/order_correction/",
            {"content": "限期清洗油烟净化设施", "deadline": T0.isoformat()},
        )
        assert r.status_code == 409 and "ZL-1" in _page(r)
        assert "限期清洗油烟净化设施</textarea>" in _page(r)
        assert snapshot() == before
        r = web("officer1").post(
            f"/inspections/{visit.pk}/order_correction/",
            {
                "content": "限期清洗油烟净化设施",
                "deadline": (T0 + dt.timedelta(days=7)).isoformat(),
            },
        )
        assert r.status_code == 302
        r = web("officer1").post(
            f"/inspections/{visit.pk}/notify_result/", {"result": "发现问题，已责令限期改正"}
        )
        assert r.status_code == 302
        r = web("officer1").post(f"/inspections/{visit.pk}/close/", {})
        assert r.status_code == 302
        visit.refresh_from_db()
        assert visit.status == Inspection.Status.CLOSED
    with at(T0 + dt.timedelta(days=8)):
        r = web("officer1").post(
            f"/inspections/{visit.pk}/recheck/",
            {"result": "met", "record": "已清洗", "on": ""},
        )
        assert r.status_code == 302, _page(r)
        visit.refresh_from_db()
        assert visit.recheck_met is True


def test_close_before_telling_is_refused_with_jc6(web, demo):
    with at(T0):
        items(demo)
        visit = _inside(demo, web)
        actions.record_findings(
            visit.pk,
            actor=demo.users["officer1"],
            findings="未发现问题",
            ok=True,
            certificates_shown=["officer1", "officer2"],
        )
        before = snapshot()
        r = web("officer1").post(f"/inspections/{visit.pk}/close/", {})
        assert r.status_code == 409 and "JC-6" in _page(r)
        assert snapshot() == before


def test_a_photo_before_check_in_or_by_a_stranger_is_refused(web, demo):
    with at(T0):
        items(demo)
        visit = _visit(demo)
        photo = io.BytesIO(PNG)
        photo.name = "a.png"
        before = snapshot()
        blobs = Entry.objects.count()
        r = web("officer1").post(f"/inspections/{visit.pk}/photo/", {"photo": photo})
        assert r.status_code == 409
        assert snapshot() == before and Entry.objects.count() == blobs
        actions.approve(visit.pk, actor=demo.users["head"])
        actions.check_in(visit.pk, actor=demo.users["officer1"], code=visit.code)
        before = snapshot()
        photo.seek(0)
        # An officer of the bureau not on the inspection: 403; the head: 403 (not an officer).
        for who in ("reviewer", "head"):
            photo.seek(0)
            r = web(who).post(f"/inspections/{visit.pk}/photo/", {"photo": photo})
            assert r.status_code == 403, who
        assert snapshot() == before


@pytest.mark.parametrize(
    "path",
    [
        "/inspections/",
        "/inspections/plans/",
        "/inspections/register/",
        "/inspections/items/",
    ],
)
def test_pages_refuse_roles_without_inspections(web, demo, path):
    # The city-case inspector (巡查员) and a handler have no part in 行政检查.
    for who in ("inspector", "handler_sanitation"):
        assert web(who).get(path).status_code == 403, (who, path)
    assert Client().get(path).status_code == 302  # not signed in: to the login page


def test_another_bureau_and_another_unit_do_not_see_an_inspection(web, demo):
    with at(T0):
        items(demo)
        visit = _visit(demo)
        for path in (
            f"/inspections/{visit.pk}/",
            f"/inspections/register/{visit.entity_id}/",
        ):
            assert web("outsider").get(path).status_code == 404, path
            assert web("town_officer1").get(path).status_code == 404, path
        before = snapshot()
        r = web("outsider").post(f"/inspections/{visit.pk}/approve/", {})
        assert r.status_code == 404
        assert snapshot() == before


def test_the_heads_queue_approves_and_officers_have_none(web, demo):
    with at(T0):
        items(demo)
        visit = _visit(demo)
        r = web("head").get("/inspections/approvals/")
        assert r.status_code == 200 and visit.entity.name in _page(r)
        assert "检查审批" in _page(web("head").get("/"))  # in the head's menu
        for who in ("officer1", "reviewer", "inspector"):
            assert web(who).get("/inspections/approvals/").status_code == 403, who
        before = snapshot()
        r = web("officer1").post(f"/inspections/{visit.pk}/approve/", {})
        assert r.status_code == 403
        assert snapshot() == before
        r = web("head").post(f"/inspections/{visit.pk}/approve/", {})
        assert r.status_code == 302
        visit.refresh_from_db()
        assert visit.approved_on == T0
        assert visit.entity.name not in _page(web("head").get("/inspections/approvals/"))


def test_plan_create_approve_draw_verify_publish(web, demo):
    with at(T0):
        items(demo)
        for n in range(1, 6):
            entity(demo, n)
        r = web("reviewer").post(
            "/inspections/plans/",
            {"year": "2025", "item": "JC-R1", "count": "2", "officers": ["officer1", "officer2"]},
        )
        assert r.status_code == 302, _page(r)
        plan = InspectionPlan.objects.get()
        # SJ-1: no draw before the head's approval (the form is not offered; a post is refused).
        before = snapshot()
        r = web("head").post(f"/inspections/plans/{plan.pk}/draw/", {"seed": "x"})
        assert r.status_code == 409 and snapshot() == before
        assert web("officer1").post(f"/inspections/plans/{plan.pk}/approve/").status_code == 403
        assert web("head").post(f"/inspections/plans/{plan.pk}/approve/").status_code == 302
        r = web("head").post(f"/inspections/plans/{plan.pk}/draw/", {"seed": "2025-web"})
        assert r.status_code == 302
        html = _page(web("reviewer").get(f"/inspections/plans/{plan.pk}/"))
        plan.refresh_from_db()
        assert "2025-web" in html and plan.inputs_hash in html and "结果一致" in html
        assert web("outsider").get(f"/inspections/plans/{plan.pk}/").status_code == 404
        assert web("reviewer").post(f"/inspections/plans/{plan.pk}/publish/").status_code == 302
        plan.refresh_from_db()
        assert plan.published_on == T0
        assert "门户公示页面" in _page(web("head").get(f"/inspections/plans/{plan.pk}/"))


def test_plan_refusal_keeps_the_values(web, demo):
    with at(T0):
        items(demo)
        before = snapshot()
        r = web("reviewer").post(
            "/inspections/plans/", {"year": "2025", "item": "JC-U1", "count": "3"}
        )
        assert r.status_code == 409 and "JC-1" in _page(r)
        assert 'value="3"' in _page(r)
        assert snapshot() == before
        # A head may not draw up a plan (the officers and the legal office do).
        r = web("head").post("/inspections/plans/", {"year": "2025", "item": "JC-R1", "count": "3"})
        assert r.status_code == 403
        assert snapshot() == before


def test_the_register_and_the_enterprises_year(web, demo):
    with at(T0):
        items(demo)
        visit = _inside(demo, web)
        r = web("reviewer").get("/inspections/register/?q=第1餐饮")
        assert r.status_code == 200 and visit.entity.name in _page(r)
        r = web("reviewer").get(f"/inspections/register/{visit.entity_id}/")
        html = _page(r)
        assert "2025年检查情况一览" in html
        # A complaint does not count against the cap (JC-4): 0 of 2.
        assert 'id="glance-used">0 / 2' in html


def test_create_from_the_register_and_jc4_over_the_cap(web, demo, settings):
    settings.LOCAL_RULES = {**settings.LOCAL_RULES, "inspection_repeat_window_days": 0}
    with at(T0):
        items(demo)
        e = entity(demo, 3)
        body = {
            "items": ["JC-T1"],
            "reason": "risk",
            "officers": ["officer1", "officer2"],
            "planned_on": T0.isoformat(),
        }
        r = web("officer1").post(f"/inspections/register/{e.pk}/", body)
        assert r.status_code == 302, _page(r)
        visit = Inspection.objects.get(entity=e)
        assert r["Location"] == f"/inspections/{visit.pk}/"
        # JC-T1 has its own cap of 1 a year: a second risk-driven visit is refused.
        before = snapshot()
        r = web("officer1").post(f"/inspections/register/{e.pk}/", body)
        assert r.status_code == 409 and "JC-4" in _page(r)
        assert snapshot() == before
        assert 'id="glance-used">1 / 2' in _page(r)
        # Only officers register inspections.
        r = web("reviewer").post(f"/inspections/register/{e.pk}/", body)
        assert r.status_code == 403 and snapshot() == before


def test_the_items_list(web, demo):
    with at(T0):
        found = items(demo)
        html = _page(web("reviewer").get("/inspections/items/"))
        assert found["JC-R1"].name in html and "未公布（JC-1）" in html
        html = _page(web("officer1").get("/inspections/items/"))
        assert found["JC-R1"].name in html and found["JC-U1"].name not in html
