"""The 行政许可 and 建议提案 staff pages (issue #14, helper:permits2): the worklist with the clock
in working days, the application page's actions with refusals showing rule id and article and
keeping what was typed, the stall points with allocation by lottery and its recorded seed, the
suggestions' receipt, reply and satisfaction; outsider, wrong role and wrong department refused."""

from __future__ import annotations

from chengguan.ledger.models import Entry
from chengguan.permits import actions
from chengguan.permits.models import PermitApplication, StallAllocation
from chengguan.suggestions.models import Suggestion
from tests.permits.helpers import MATERIALS, PERSON, T0, D, apply, at, person_id

TD_MATERIALS = ["申请书", "申请人身份证明", "承诺书"]


def test_worklist_shows_the_clock_and_the_refusals_keep_the_input(web, demo):
    with at(T0):
        app = apply(demo, materials=MATERIALS[:3])
        page = web("reviewer").get("/permits/")
        assert page.status_code == 200
        body = page.content.decode()
        assert app.number in body and "剩余 5 个工作日" in body
        detail = web("reviewer").get(f"/permits/{app.pk}/").content.decode()
        assert "一次性告知补正材料" in detail and "受理" in detail
        assert "helper:permits2 documents" in detail  # the placeholder for the 文书 links
    # Six working days later the one-time notice is out of time: XK-32, nothing changes.
    with at(D(2025, 6, 11)):
        before = (list(PermitApplication.objects.filter(pk=app.pk).values()), Entry.objects.count())
        r = web("reviewer").post(
            f"/permits/{app.pk}/request_materials/", {"missing": [MATERIALS[3]]}
        )
        assert r.status_code == 409
        body = r.content.decode()
        assert "XK-32" in body and "依据" in body
        assert f'value="{MATERIALS[3]}" checked' in body  # the refused form keeps its ticks
        assert (
            list(PermitApplication.objects.filter(pk=app.pk).values()),
            Entry.objects.count(),
        ) == before


def test_accept_then_grant_through_the_pages(web, demo):
    with at(T0):
        app = apply(demo)
        r = web("reviewer").post(f"/permits/{app.pk}/accept/", {})
        assert r.status_code == 302
        # The head decides; without dates the form is refused with the field named, 400.
        r = web("head").post(f"/permits/{app.pk}/grant/", {"conditions": "按批准的位置设置"})
        assert r.status_code == 400 and "按批准的位置设置" in r.content.decode()
        r = web("head").post(
            f"/permits/{app.pk}/grant/",
            {"valid_from": T0.isoformat(), "valid_to": "2025-12-31", "conditions": "按图设置"},
        )
        assert r.status_code == 302
        app.refresh_from_db()
        assert app.status == "granted" and app.conditions == "按图设置"
        body = web("reviewer").get(f"/permits/{app.pk}/").content.decode()
        assert "公示准予许可决定" in body and "XK-40" in body
    # Near its end it is listed as 即将到期.
    with at(D(2025, 12, 10)):
        assert app.number in web("reviewer").get("/permits/").content.decode().split("即将到期")[1]


def test_permit_pages_refuse_outsider_wrong_role_and_wrong_department(web, demo):
    with at(T0):
        app = apply(demo)
        assert web("outsider").get(f"/permits/{app.pk}/").status_code == 404
        assert web("center").get("/permits/").status_code == 403
        # officer1 (squad1) may view permits, but not the legal office's kinds.
        assert web("officer1").get(f"/permits/{app.pk}/").status_code == 404
        before = Entry.objects.count()
        assert web("officer1").post(f"/permits/{app.pk}/accept/", {}).status_code == 404
        assert web("outsider").post(f"/permits/{app.pk}/accept/", {}).status_code == 404
        # The head may view but not accept (a wrong role for the step).
        assert web("head").post(f"/permits/{app.pk}/accept/", {}).status_code == 403
        assert Entry.objects.count() == before


def test_stall_points_page_allocates_by_lottery_with_the_recorded_seed(api_point, web, demo):
    point = api_point
    with at(T0):
        for n in (1, 2, 3):
            keeper = {**PERSON, "name": f"摊主{n}", "id_number": person_id(serial=f"{200 + n:03d}")}
            actions.apply(
                actor=demo.users["reviewer"],
                kind="XK-TD",
                applicant=keeper,
                materials=TD_MATERIALS,
                stall_point=point,
                pledge_signed=True,
            )
        page = web("reviewer").get("/permits/stall-points/").content.decode()
        assert "分配摊位" in page and "空余 2 个" in page
        assert "分配摊位" not in web("officer1").get("/permits/stall-points/").content.decode()
        before = StallAllocation.objects.count()
        r = web("officer1").post(f"/permits/stall-points/{point}/allocate/", {"method": "lottery"})
        assert r.status_code == 403 and StallAllocation.objects.count() == before
        r = web("outsider").post(f"/permits/stall-points/{point}/allocate/", {"method": "lottery"})
        assert r.status_code == 404
        r = web("reviewer").post(f"/permits/stall-points/{point}/allocate/", {"method": "bogus"})
        assert r.status_code == 400 and StallAllocation.objects.count() == before
        r = web("reviewer").post(
            f"/permits/stall-points/{point}/allocate/", {"method": "lottery", "seed": "abc123"}
        )
        assert r.status_code == 302
        done = StallAllocation.objects.get(point_id=point)
        assert done.seed == "abc123" and len(done.chosen) == 2
        assert "abc123" in web("reviewer").get("/permits/stall-points/").content.decode()


def test_suggestions_receipt_reply_satisfaction_and_redo(web, demo):
    with at(T0):
        r = web("hotline").post(
            "/suggestions/",
            {
                "kind": "npc",
                "number": "第15号",
                "title": "关于规范瓜果季临时摊点的建议",
                "assigned_on": T0.isoformat(),
                "lead": "legal",
                "co": ["municipal"],
            },
        )
        assert r.status_code == 302, r.content.decode()[:2000]
        s = Suggestion.objects.get(number="第15号")
        assert s.lead_unit.code == "legal" and s.due_on == D(2025, 9, 3)
        assert web("outsider").get(f"/suggestions/{s.pk}/").status_code == 404
        assert web("center").get("/suggestions/").status_code == 403
        # A co-handling unit's handler sees it but may not reply (the lead unit replies).
        page = web("handler_municipal").get(f"/suggestions/{s.pk}/").content.decode()
        assert "答复内容" not in page
        before = Entry.objects.count()
        r = web("handler_municipal").post(
            f"/suggestions/{s.pk}/reply/", {"replied_on": T0.isoformat(), "text": "已办理"}
        )
        assert r.status_code == 403 and Entry.objects.count() == before
        # Refused for a missing text, the date typed is kept.
        r = web("reviewer").post(f"/suggestions/{s.pk}/reply/", {"replied_on": "2025-06-02"})
        assert r.status_code == 400 and 'value="2025-06-02"' in r.content.decode()
        r = web("reviewer").post(
            f"/suggestions/{s.pk}/reply/",
            {
                "replied_on": T0.isoformat(),
                "text": "已调整摊点布局",
                "document": "城管函〔2025〕8号",
            },
        )
        assert r.status_code == 302
        r = web("hotline").post(f"/suggestions/{s.pk}/satisfaction/", {"level": "unsatisfied"})
        assert r.status_code == 302
        s.refresh_from_db()
        assert s.status == "redo" and s.redo_due is not None
        assert "重新办理答复" in web("reviewer").get(f"/suggestions/{s.pk}/").content.decode()


def test_navigation_shows_the_new_pages_by_permission(web, demo):
    nav = web("reviewer").get("/").content.decode()
    assert "/permits/" in nav and "/suggestions/" in nav
    nav = web("center").get("/").content.decode()
    assert "/permits/" not in nav and "/suggestions/" not in nav


def test_the_city_case_page_names_a_permit_or_unlicensed(web, demo):
    from chengguan.citycases import actions as city

    with at(T0):
        case = city.report(
            actor=demo.user("inspector"),
            source="inspection",
            category="E0501",
            description="擅自设置广告牌",
            lon=111.47,
            lat=33.28,
        )
        page = web("inspector").get(f"/cases/{case.pk}/").content.decode()
        assert "登记涉及的许可" in page and "XK-GG" in page
        # Neither given: 400, the note typed is kept, nothing written.
        before = Entry.objects.count()
        r = web("inspector").post(f"/cases/{case.pk}/link_permit/", {"note": "现场核实"})
        assert r.status_code == 400 and 'value="现场核实"' in r.content.decode()
        assert Entry.objects.count() == before
        # A handler of another unit sees neither the case nor the form.
        assert web("handler_greening").post(
            f"/cases/{case.pk}/link_permit/", {"unlicensed_kind": "XK-GG"}
        ).status_code in (403, 404)
        r = web("inspector").post(f"/cases/{case.pk}/link_permit/", {"unlicensed_kind": "XK-GG"})
        assert r.status_code == 302
        page = web("inspector").get(f"/cases/{case.pk}/").content.decode()
        assert "无证" in page and "应取得" in page
