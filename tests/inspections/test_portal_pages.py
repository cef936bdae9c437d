"""The enterprise's public page (issue #13): check a code, see its own inspection's result by code
and 统一社会信用代码, comment or complain (rate-limited, nothing written on a wrong pair), the
published items (JC-1) and draws (SJ-2)."""

from __future__ import annotations

from typing import Any

from django.test import Client

from chengguan.inspections import actions
from chengguan.inspections.models import Inspection, InspectionFeedback
from chengguan.ledger.models import Entry
from tests.inspections.helpers import T0, at, entity, items, snapshot

URL = "/portal/inspections/"


def _told(demo: Any, n: int = 1) -> Inspection:
    e = entity(demo, n)
    officer = demo.users["officer1"]
    i = actions.create_inspection(
        actor=officer,
        item="JC-R1",
        entity=e.pk,
        officers=["officer1", "officer2"],
        reason="complaint",
        planned_on=T0,
    )
    actions.approve(i.pk, actor=demo.users["head"])
    actions.check_in(i.pk, actor=officer, code=i.code)
    actions.record_findings(
        i.pk,
        actor=officer,
        findings="门前堆放杂物",
        ok=False,
        certificates_shown=["officer1", "officer2"],
    )
    return actions.notify_result(i.pk, actor=officer, result="发现问题，请及时清理")


def test_check_a_code_shows_officers_items_and_day_but_not_the_object(demo):
    with at(T0):
        items(demo)
        i = _told(demo)
        r = Client().get(URL, {"code": i.code.lower()})
        assert r.status_code == 200
        html = r.content.decode()
        assert "检查码有效" in html and "陈刚" in html and "刘洋" in html
        assert "豫行执" in html and i.item.name in html and "2025-06-03" in html
        assert i.entity.name not in html and i.entity.credit_code not in html
        r = Client().get(URL, {"code": "AAAAAAAAAAAA"})
        assert r.status_code == 404 and "检查码无效" in r.content.decode()


def test_the_enterprise_sees_its_result_only_with_its_credit_code(demo):
    with at(T0):
        items(demo)
        i = _told(demo)
        other = entity(demo, 2)
        c = Client()
        r = c.post(URL, {"code": i.code, "credit_code": i.entity.credit_code, "send": "0"})
        assert r.status_code == 200
        html = r.content.decode()
        assert "发现问题，请及时清理" in html and "门前堆放杂物" in html
        # Another enterprise's code, or no code: the same refusal, nothing of the inspection.
        for credit in (other.credit_code, "", "91411323MA47R0001X"):
            r = c.post(URL, {"code": i.code, "credit_code": credit, "send": "0"})
            assert r.status_code == 404
            assert "门前堆放杂物" not in r.content.decode()
        # Nor in the URL: a GET with the credit code shows no result.
        assert (
            "门前堆放杂物" not in c.get(URL, {"credit_code": i.entity.credit_code}).content.decode()
        )


def test_a_complaint_is_kept_scrubbed_and_shown_to_the_head(demo):
    with at(T0):
        items(demo)
        i = _told(demo)
        entries = Entry.objects.count()
        r = Client().post(
            URL,
            {
                "code": i.code,
                "credit_code": i.entity.credit_code,
                "kind": "complaint",
                "text": "检查人员态度生硬，联系我13900001111",
                "send": "1",
            },
        )
        assert r.status_code == 200 and "已收到您的意见或投诉" in r.content.decode()
        note = InspectionFeedback.objects.get()
        assert note.kind == "complaint" and note.inspection_id == i.pk
        assert "13900001111" not in note.text
        assert Entry.objects.count() == entries + 1
        head = Client()
        head.force_login(demo.users["head"])
        assert "检查人员态度生硬" in head.get("/inspections/approvals/").content.decode()
        assert "检查人员态度生硬" in head.get(f"/inspections/{i.pk}/").content.decode()


def test_a_wrong_pair_or_bad_feedback_writes_nothing(demo):
    with at(T0):
        items(demo)
        i = _told(demo)
        other = entity(demo, 2)
        before = snapshot(), InspectionFeedback.objects.count()
        body = {"code": i.code, "kind": "comment", "text": "意见", "send": "1"}
        r = Client().post(URL, {**body, "credit_code": other.credit_code})
        assert r.status_code == 404
        r = Client().post(URL, {**body, "credit_code": i.entity.credit_code, "text": ""})
        assert r.status_code == 400 and "内容必填" in r.content.decode()
        # The refused text is kept in the form.
        r = Client().post(
            URL, {**body, "credit_code": i.entity.credit_code, "kind": "praise", "text": "好"}
        )
        assert r.status_code == 400 and ">好</textarea>" in r.content.decode()
        assert (snapshot(), InspectionFeedback.objects.count()) == before


def test_feedback_is_rate_limited_like_other_public_intake(demo, settings):
    settings.PUBLIC_INTAKE_LIMIT = 2
    with at(T0):
        items(demo)
        i = _told(demo)
        body = {
            "code": i.code,
            "credit_code": i.entity.credit_code,
            "kind": "comment",
            "text": "建议提前告知检查时间",
            "send": "1",
        }
        c = Client(REMOTE_ADDR="203.0.113.9")
        assert c.post(URL, body).status_code == 200
        assert c.post(URL, body).status_code == 200
        r = c.post(URL, body)
        assert r.status_code == 429 and "提交过于频繁" in r.content.decode()
        assert InspectionFeedback.objects.count() == 2


def test_published_items_and_draws_are_listed(demo):
    with at(T0):
        found = items(demo)
        for n in range(1, 4):
            entity(demo, n)
        reviewer, head = demo.users["reviewer"], demo.users["head"]
        plan = actions.create_plan(actor=reviewer, year=2025, item="JC-R1", count=2)
        actions.approve_plan(plan.pk, actor=head)
        actions.draw_plan(plan.pk, actor=head, seed="portal")
        html = Client().get(URL).content.decode()
        assert found["JC-R1"].name in html and found["JC-U1"].name not in html
        assert f"/portal/inspections/plans/{plan.pk}" not in html  # not yet published (SJ-2)
        actions.publish_plan(plan.pk, actor=reviewer)
        html = Client().get(URL).content.decode()
        assert f"/portal/inspections/plans/{plan.pk}" in html
        assert "涉企检查" in Client().get("/portal/").content.decode()
