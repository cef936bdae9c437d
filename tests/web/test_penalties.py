"""Penalty pages: open through the form, the stepper and the law's next steps, every step as a form,
the XF-58 refusal shown with its article, documents, and nothing for ``outsider``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

import pytest
from django.test import Client

from chengguan.core import clock
from chengguan.demo.context import DemoContext
from chengguan.penalties import actions
from chengguan.penalties.models import PenaltyCase


@pytest.fixture(autouse=True)
def mid_year() -> Iterator[None]:
    """A working Wednesday well inside a year the calendar covers, so every period is computable
    (the 90-day decision period of a case opened in late November reaches into a year without
    calendar data, which fails closed with CAL-2 by design)."""
    with clock.frozen_at(dt.datetime(2026, 6, 10, 10, 0)):
        yield


def _open_form(**extra: str) -> dict[str, object]:
    today = clock.today()
    return {
        "procedure": "general",
        "power_item": "SR006",
        "facts": "某商户未履行门前卫生责任区清扫保洁义务，经责令仍未改正",
        "act_date": (today - dt.timedelta(days=3)).isoformat(),
        "discovered_date": (today - dt.timedelta(days=1)).isoformat(),
        "officers": ["officer1", "officer2"],
        "public_interest": "on",
        "party_kind": "person",
        "party_name": "王某某",
        "party_id_number": "11010519491231002X",
        "party_address": "示范县人民路1号",
        "party_phone": "13900001111",
        **extra,
    }


def _to_notified(demo: DemoContext) -> PenaltyCase:
    today = clock.today()
    case = actions.open_case(
        actor=demo.user("officer1"),
        procedure="general",
        power_item="SR006",
        party={"kind": "person", "name": "李某", "id_number": "11010519491231002X"},
        facts="门前卫生责任区长期脏乱",
        act_date=today - dt.timedelta(days=3),
        discovered_date=today - dt.timedelta(days=1),
        officers=["officer1", "officer2"],
        public_interest=True,
    )
    actions.register(case.pk, actor=demo.user("head"))
    actions.add_evidence(
        case.pk,
        actor=demo.user("officer1"),
        kind="inspection_record",
        description="现场检查笔录",
        certificates_shown=["officer1", "officer2"],
    )
    actions.conclude(
        case.pk,
        actor=demo.user("officer1"),
        outcome="penalty",
        proposal={
            "penalty_types": ["fine"],
            "fine_amount": "500",
            "level": "general",
            "correction": "立即清扫保洁",
        },
    )
    actions.notify(case.pk, actor=demo.user("officer1"), served_on=today)
    actions.waive(
        case.pk,
        actor=demo.user("officer1"),
        record="当事人书面表示放弃陈述、申辩和要求听证的权利",
        witnessed_by=["officer1", "officer2"],
    )
    case.refresh_from_db()
    return case


DECISION = {
    "penalty_types": ["fine"],
    "fine_amount": "500",
    "level": "general",
    "grounds": "",
    "correction": "立即清扫保洁",
}
DECISION_50 = {
    "penalty_types": ["fine"],
    "fine_amount": "50",
    "level": "lighter",
    "grounds": [],
    "correction": "立即收回摊位",
}


def test_an_officer_opens_a_case_through_the_form(web: Callable[[str], Client]) -> None:
    page = web("officer1").get("/penalties/new/").content.decode()
    assert "SR006" in page and 'name="officers"' in page
    response = web("officer1").post("/penalties/new/", _open_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    case = PenaltyCase.objects.get(facts__startswith="某商户未履行")
    assert case.status == "pending_registration" and case.public_interest
    body = web("officer1").get(response["Location"]).content.decode()
    assert case.number in body and 'aria-current="step"' in body
    assert "110105" in body and "11010519491231002X" not in body  # masked ID number


def test_a_bad_id_number_is_shown_next_to_its_field_and_nothing_is_written(
    web: Callable[[str], Client],
) -> None:
    before = PenaltyCase.objects.count()
    response = web("officer1").post(
        "/penalties/new/", _open_form(party_id_number="110105194912310021")
    )
    assert response.status_code == 400
    assert "公民身份号码校验不通过" in response.content.decode()
    assert PenaltyCase.objects.count() == before


def test_the_officer_without_a_valid_certificate_is_refused_with_the_rule(
    web: Callable[[str], Client],
) -> None:
    response = web("officer_nocert").post(
        "/penalties/new/", _open_form(officers=["officer_nocert", "officer1"])
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "操作被拒绝" in body and 'class="code"' in body


def test_steps_through_the_forms_and_the_xf58_refusal(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    case = _to_notified(demo)
    url = f"/penalties/{case.pk}/"
    head_page = web("head").get(url).content.decode()
    assert 'id="action-decide"' in head_page
    assert "法制审核" in head_page  # the compliance list names the review as the next step
    refused = web("head").post(url + "decide/", DECISION)
    body = refused.content.decode()
    assert refused.status_code == 409
    assert "XF-58" in body and "第五十八条" in body
    case.refresh_from_db()
    assert case.status == "notified" and not case.decision_number
    reviewer_page = web("reviewer").get(url).content.decode()
    assert 'id="action-review"' in reviewer_page and 'id="action-decide"' not in reviewer_page
    assert (
        web("reviewer")
        .post(url + "review/", {"approved": "1", "opinion": "事实清楚，同意"})
        .status_code
        == 302
    )
    assert web("head").post(url + "decide/", DECISION).status_code == 302
    case.refresh_from_db()
    assert case.status == "decided" and case.decision_number
    served = web("officer1").post(
        url + "serve/", {"served_on": clock.today().isoformat(), "method": "direct"}
    )
    assert served.status_code == 302
    case.refresh_from_db()
    assert case.status == "served"
    page = web("officer1").get(url).content.decode()
    assert f"/penalties/{case.pk}/documents/decision.pdf" in page


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_documents_download_from_the_case_page(
    web: Callable[[str], Client], demo: DemoContext, fmt: str
) -> None:
    case = _to_notified(demo)
    response = web("officer1").get(f"/penalties/{case.pk}/documents/notice.{fmt}")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert len(response.content) > 1000
    not_yet = web("officer1").get(f"/penalties/{case.pk}/documents/decision.{fmt}")
    assert not_yet.status_code == 409


def test_a_date_that_is_not_a_date_is_a_clear_400(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    case = _to_notified(demo)
    actions.review(case.pk, actor=demo.user("reviewer"), approved=True, opinion="同意")
    actions.decide(
        case.pk,
        actor=demo.user("head"),
        decision={
            "penalty_types": ["fine"],
            "fine_amount": "500",
            "level": "general",
            "correction": "立即清扫保洁",
        },
    )
    response = web("officer1").post(
        f"/penalties/{case.pk}/serve/", {"served_on": "昨天", "method": "direct"}
    )
    assert response.status_code == 400 and "应为日期" in response.content.decode()


def test_worklists_follow_the_case(web: Callable[[str], Client], demo: DemoContext) -> None:
    case = _to_notified(demo)
    assert case.number in web("head").get("/").content.decode()
    assert case.number in web("reviewer").get("/", {"kind": "penalty"}).content.decode()
    assert case.number in web("officer1").get("/penalties/", {"q": "李某"}).content.decode()


def test_outsider_sees_nothing_of_the_demo_bureau(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    case = _to_notified(demo)
    for path in (f"/penalties/{case.pk}/", f"/penalties/{case.pk}/documents/notice.pdf"):
        assert web("outsider").get(path).status_code == 404
    assert web("outsider").post(f"/penalties/{case.pk}/decide/", DECISION).status_code == 404
    assert case.number not in web("outsider").get("/penalties/").content.decode()
    assert case.number not in web("outsider").get("/").content.decode()
    case.refresh_from_db()
    assert case.status == "notified"


def test_a_decided_case_is_published_from_its_page_and_shows_on_the_portal(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    # A year whose publication period (into the next year) the calendar covers.
    with clock.frozen_at(dt.datetime(2024, 6, 12, 10, 0)):
        case = _to_notified(demo)
        actions.review(case.pk, actor=demo.user("reviewer"), approved=True, opinion="同意")
        actions.decide(case.pk, actor=demo.user("head"), decision=dict(DECISION, grounds=[]))
        url = f"/penalties/{case.pk}/"
        assert 'id="action-publish"' in web("reviewer").get(url).content.decode()
        assert 'id="action-publish"' not in web("officer1").get(url).content.decode()
        assert web("reviewer").post(url + "publish/").status_code == 302
        case.refresh_from_db()
        assert 'id="action-publish"' not in web("reviewer").get(url).content.decode()
        portal = Client().get("/portal/disclosure/").content.decode()
    assert case.decision_number in portal and "李某" not in portal


def test_the_head_decides_a_recusal_from_the_case_page(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    case = _to_notified(demo)
    url = f"/penalties/{case.pk}/"
    assert 'id="action-recuse"' in web("head").get(url).content.decode()
    response = web("head").post(
        url + "recuse/", {"officer": "officer2", "reason": "与当事人有亲属关系", "granted": "0"}
    )
    assert response.status_code == 302
    assert case.recusals.count() == 1


# Execution (XF-66, QZ-53/54), the hearing chair and concluding a remedy --------------------------


def test_the_hearing_chair_is_chosen_from_eligible_staff_not_the_investigators(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    from tests.penalties.helpers import T0, D, at, notified

    with at(T0):
        case = notified(demo)  # 15,000 yuan: the party has a hearing right
        actions.request_hearing(case.pk, actor=demo.user("officer1"), requested_on=T0)
        # XF-64: the head names the chair on the case page.
        page = web("head").get(f"/penalties/{case.pk}/").content.decode()
    select = page.split('id="name_chair-chair"', 1)[1].split("</select>", 1)[0]
    assert 'value="reviewer"' in select and 'value="supervisor"' in select
    assert 'value="officer1"' not in select and 'value="officer2"' not in select
    assert 'value="outsider"' not in select and 'value="hotline"' not in select
    with at(T0):
        response = web("head").post(f"/penalties/{case.pk}/name_chair/", {"chair": "reviewer"})
    assert response.status_code == 302, response.content.decode()[:2000]
    # 7 working days between the notice and the hearing, both days not counted (XF-64).
    with at(D(2025, 6, 13)):
        response = web("officer1").post(
            f"/penalties/{case.pk}/hearing/",
            {
                "held_on": "2025-06-13",
                "notified_on": "2025-06-03",
                "record": "听证笔录",
                "transcript_signed": "on",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    hearing = case.hearings.get()
    assert hearing.chair == demo.user("reviewer") and hearing.transcript_signed


def test_a_remedy_is_concluded_from_the_case_page(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    from tests.penalties.helpers import D, at, served

    case = served(demo)
    with at(D(2025, 7, 10)):
        remedy = actions.record_remedy(
            case.pk,
            actor=demo.user("reviewer"),
            kind="reconsideration",
            filed_on=D(2025, 7, 7),
            body="示范县人民政府",
            proof_number="示政复受字〔2025〕21号",
            proof_date=D(2025, 7, 8),
        )
        url = f"/penalties/{case.pk}/"
        assert 'id="action-conclude_remedy"' in web("reviewer").get(url).content.decode()
        response = web("reviewer").post(
            url + "conclude_remedy/",
            {"remedy": str(remedy.pk), "concluded_on": "2025-07-08", "outcome": "upheld"},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert 'id="action-conclude_remedy"' not in web("reviewer").get(url).content.decode()
    remedy.refresh_from_db()
    assert (remedy.concluded_on, remedy.outcome) == (D(2025, 7, 8), "upheld")


def test_instalments_are_applied_for_approved_and_a_short_payment_is_refused_on_the_page(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    from chengguan.ledger.models import Entry
    from tests.penalties.helpers import D, at, served

    case = served(demo)
    url = f"/penalties/{case.pk}/"
    with at(D(2025, 6, 5)):
        assert 'id="action-apply_arrangement"' in web("officer1").get(url).content.decode()
        response = web("officer1").post(
            url + "apply_arrangement/",
            {"kind": "instalments", "applied_on": "2025-06-05", "reason": "经营困难"},
        )
        assert response.status_code == 302
        head_page = web("head").get(url).content.decode()
        assert 'id="action-decide_arrangement"' in head_page and 'name="schedule"' in head_page
        before = (case.instalments.count(), Entry.objects.count())
        bad = web("head").post(
            url + "decide_arrangement/",
            {"approved": "1", "opinion": "同意", "schedule": "2000 2025-06-30\n2000 2025-07-31"},
        )
        assert bad.status_code == 400 and "合计" in bad.content.decode()
        assert (case.instalments.count(), Entry.objects.count()) == before
        ok = web("head").post(
            url + "decide_arrangement/",
            {"approved": "1", "opinion": "同意", "schedule": "3000 2025-06-30\n2000 2025-07-31"},
        )
        assert ok.status_code == 302, ok.content.decode()[:2000]
    assert list(case.instalments.values_list("amount", flat=True)) == [3000, 2000]
    with at(D(2025, 6, 20)):
        before = (case.payments.count(), Entry.objects.count())
        short = web("officer1").post(
            url + "pay/",
            {
                "amount": "1000",
                "paid_on": "2025-06-20",
                "channel": "bank",
                "voucher_no": "YH20250001",
            },
        )
        body = short.content.decode()
        assert short.status_code == 409
        assert "XF-66" in body and "第六十六条" in body
        assert (case.payments.count(), Entry.objects.count()) == before


def test_demand_and_court_application_from_the_case_page(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    from tests.penalties.helpers import D, at, served

    case = served(demo)
    url = f"/penalties/{case.pk}/"
    with at(D(2025, 6, 18)):
        assert 'id="action-demand"' not in web("officer1").get(url).content.decode()
    with at(D(2025, 7, 1)):
        assert 'id="action-demand"' in web("officer1").get(url).content.decode()
        response = web("officer1").post(
            url + "demand/", {"served_on": "2025-07-01", "method": "direct"}
        )
        assert response.status_code == 302
        page = web("head").get(url).content.decode()
        assert 'id="action-apply_enforcement"' in page and "示范县人民法院" in page
        assert f"/penalties/{case.pk}/documents/demand.pdf" in page
        early = web("head").post(
            url + "apply_enforcement/",
            {"court": "示范县人民法院", "applied_on": "2025-07-01", "document_number": "强申1号"},
        )
        body = early.content.decode()
        assert early.status_code == 409 and "QZ-53" in body and "第五十三条" in body
        assert case.enforcements.count() == 0
    with at(D(2025, 12, 5)):
        ok = web("head").post(
            url + "apply_enforcement/",
            {"court": "示范县人民法院", "applied_on": "2025-12-05", "document_number": "强申1号"},
        )
        assert ok.status_code == 302, ok.content.decode()[:2000]
        page = web("head").get(url).content.decode()
        assert 'id="action-enforcement_outcome"' in page and 'id="action-close"' not in page
        done = web("head").post(
            url + "enforcement_outcome/", {"outcome": "completed", "outcome_on": "2025-12-05"}
        )
        assert done.status_code == 302
        assert 'id="action-close"' in web("head").get(url).content.decode()
        assert web("head").post(url + "close/").status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"


# 先行登记保存 (XF-56), 出示执法证件 (XF-55), 当场收缴罚款的上缴 (XF-71) ------------------------------


def _investigating(demo: DemoContext) -> PenaltyCase:
    today = clock.today()
    case = actions.open_case(
        actor=demo.user("officer1"),
        procedure="general",
        power_item="SR006",
        party={"kind": "person", "name": "李某", "id_number": "11010519491231002X"},
        facts="门前卫生责任区长期脏乱",
        act_date=today - dt.timedelta(days=3),
        discovered_date=today - dt.timedelta(days=1),
        officers=["officer1", "officer2"],
    )
    actions.register(case.pk, actor=demo.user("head"))
    return case


def test_evidence_form_lists_the_certificates_and_refuses_a_record_shown_by_one(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    case = _investigating(demo)
    url = f"/penalties/{case.pk}/"
    page = web("officer1").get(url).content.decode()
    box = page.split('id="action-evidence"', 1)[1].split("</form>", 1)[0]
    assert "出示执法证件的执法人员" in box and "执法证" in box
    assert 'name="certificates_shown" value="officer2"' in box
    # nobody is recorded as having shown a certificate until the officer ticks them
    tags = re.findall(r"<input[^>]*certificates_shown[^>]*>", box)
    assert len(tags) == 2 and not any("checked" in t for t in tags)
    refused = web("officer1").post(
        url + "evidence/",
        {
            "kind": "inspection_record",
            "description": "现场检查笔录",
            "certificates_shown": "officer1",
            "collected_on": clock.today().isoformat(),
        },
    )
    assert refused.status_code == 409
    assert "XF-55" in refused.content.decode()
    assert case.evidence.count() == 0
    ok = web("officer1").post(
        url + "evidence/",
        {
            "kind": "inspection_record",
            "description": "现场检查笔录",
            "certificates_shown": ["officer1", "officer2"],
            "collected_on": clock.today().isoformat(),
        },
    )
    assert ok.status_code == 302
    assert case.certificates_shown.count() == 2
    assert "出示执法证件" in web("officer1").get(url).content.decode()


def test_preservation_is_approved_registered_and_decided_on_the_case_page(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    case = _investigating(demo)
    url = f"/penalties/{case.pk}/"
    assert 'id="action-preserve"' not in web("officer1").get(url).content.decode()
    r = web("head").post(url + "approve_preservation/", {"reason": "证据可能灭失"})
    assert r.status_code == 302
    page = web("officer1").get(url).content.decode()
    assert 'id="action-preserve"' in page
    r = web("officer1").post(
        url + "preserve/",
        {
            "items": "三轮车（蓝色） 1辆 局暂扣物品库\n水果筐 12个 当事人保管",
            "preserved_on": "2026-06-10",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    p = case.preservations.get()
    assert [i["quantity"] for i in p.items] == ["1辆", "12个"]
    page = web("head").get(url).content.decode()
    assert "先行登记保存物品处理" in page and 'id="action-decide_preservation"' in page
    bad = web("officer1").post(
        url + "preserve/", {"items": "只有名称", "preserved_on": "2026-06-10"}
    )
    assert bad.status_code in (400, 409)
    r = web("head").post(
        url + "decide_preservation/",
        {"preservation": str(p.pk), "handling": "return", "note": "与案件无关，退还"},
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    p.refresh_from_db()
    assert p.status == "decided" and p.decided_by == demo.user("head")


def test_onsite_cash_is_handed_in_and_deposited_before_the_case_can_be_closed(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    today = clock.today()
    case = actions.open_case(
        actor=demo.user("officer1"),
        procedure="simple",
        power_item="SZ001",
        party={"kind": "person", "name": "赵某", "id_number": "11010519491231002X"},
        facts="当事人在人民路店外摆放商品占用人行道",
        act_date=today,
        discovered_date=today,
        officers=["officer1", "officer2"],
        decision=DECISION_50,
    )
    url = f"/penalties/{case.pk}/"
    page = web("officer1").get(url).content.decode()
    serve = page.split('id="action-serve"', 1)[1].split("</form>", 1)[0]
    assert 'name="certificates_shown"' in serve
    r = web("officer1").post(
        url + "serve/",
        {"served_on": today.isoformat(), "method": "direct", "certificates_shown": ["officer1"]},
    )
    assert r.status_code == 409 and "XF-55" in r.content.decode()
    r = web("officer1").post(
        url + "serve/",
        {
            "served_on": today.isoformat(),
            "method": "direct",
            "certificates_shown": ["officer1", "officer2"],
        },
    )
    assert r.status_code == 302
    actions.pay(
        case.pk,
        actor=demo.user("officer1"),
        amount="50",
        paid_on=today,
        channel="on_spot",
        receipt_no="豫财01",
    )
    actions.file_onsite(case.pk, actor=demo.user("reviewer"))
    page = web("head").get(url).content.decode()
    assert 'id="action-close"' not in page and "罚款交至本机关" in page
    r = web("officer1").post(
        url + "hand_in/", {"handed_in_on": today.isoformat(), "receiver": "局财务室"}
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    r = web("head").post(url + "deposit/", {"deposited_on": today.isoformat(), "bank_slip": "B9"})
    assert r.status_code == 302, r.content.decode()[:2000]
    assert 'id="action-close"' in web("head").get(url).content.decode()
    assert web("head").post(url + "close/", {}).status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"


def test_the_written_waiver_is_given_through_its_form(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    """XF-62: the 放弃 form asks for the words and the witnesses; without them it is refused."""
    from tests.penalties.helpers import T0, at, notified, proposal

    with at(T0):
        case = notified(demo, proposal("5000", "lighter"))
        url = f"/penalties/{case.pk}/"
        page = web("officer1").get(url).content.decode()
        assert 'id="action-waive"' in page and 'name="witnessed_by"' in page
        refused = web("officer1").post(url + "waive/", {"record": "本人放弃"})
        assert refused.status_code == 409 and "XF-62" in refused.content.decode()
        assert not case.statements.exists()
        done = web("officer1").post(
            url + "waive/", {"record": "本人放弃", "witnessed_by": ["officer1", "officer2"]}
        )
        assert done.status_code == 302, done.content.decode()[:2000]
    assert case.statements.get().witnessed_by == ["officer1", "officer2"]


def test_the_serve_form_records_a_public_notice_after_failed_attempts_and_pay_needs_a_voucher(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    """SD-2 and XF-70 from the case page (helper:execution)."""
    from tests.penalties.helpers import D, at
    from tests.penalties.test_rules import decided

    case = decided(demo)
    url = f"/penalties/{case.pk}/"
    with at(D(2025, 6, 4)):
        page = web("officer1").get(url).content.decode()
        assert "此前送达未果记录" in page and "留置送达见证人" in page
        refused = web("officer1").post(
            url + "serve/", {"served_on": "2025-06-04", "method": "public"}
        )
        assert refused.status_code == 409 and "SD-2" in refused.content.decode()
        served = web("officer1").post(
            url + "serve/",
            {
                "served_on": "2025-06-04",
                "method": "public",
                "attempts": "2025-06-03 邮寄送达 邮件被退回：查无此人",
            },
        )
        assert served.status_code == 302, served.content.decode()[:2000]
    case.refresh_from_db()
    assert case.service_method == "public" and case.served_on == D(2025, 7, 4)
    assert case.services.get().attempts == [
        {"method": "post", "on": "2025-06-03", "result": "邮件被退回：查无此人"}
    ]
    with at(D(2025, 6, 10)):
        no_voucher = web("officer1").post(
            url + "pay/", {"amount": "5000", "paid_on": "2025-06-10", "channel": "bank"}
        )
        assert no_voucher.status_code == 409 and "XF-70" in no_voucher.content.decode()
        paid = web("officer1").post(
            url + "pay/",
            {"amount": "5000", "paid_on": "2025-06-10", "channel": "bank", "voucher_no": "YH9"},
        )
        assert paid.status_code == 302, paid.content.decode()[:2000]
    assert case.payments.get().voucher_no == "YH9"


def test_a_back_dated_payment_on_the_page_names_the_approving_head(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    """TM-2 from the case page (helper:execution)."""
    from tests.penalties.helpers import D, at, served

    case = served(demo)  # served 2025-06-03
    url = f"/penalties/{case.pk}/"
    body = {"amount": "5000", "paid_on": "2025-06-04", "channel": "bank", "voucher_no": "YH10"}
    with at(D(2025, 6, 12)):
        page = web("officer1").get(url).content.decode()
        assert "批准补记的负责人" in page
        refused = web("officer1").post(url + "pay/", body)
        assert refused.status_code == 409 and "TM-2" in refused.content.decode()
        paid = web("officer1").post(
            url + "pay/",
            {**body, "backdate_reason": "凭证迟到", "backdate_approved_by": "head"},
        )
        assert paid.status_code == 302, paid.content.decode()[:2000]
    assert case.payments.get().backdate_approved_by == demo.user("head")


def _with_evidence(demo: DemoContext, party: str) -> PenaltyCase:
    """A registered general case with its evidence in: the conclude form is next."""
    today = clock.today()
    case = actions.open_case(
        actor=demo.user("officer1"),
        procedure="general",
        power_item="SR006",
        party={"kind": "person", "name": party, "id_number": "11010519491231002X"},
        facts="门前卫生责任区脏乱",
        act_date=today - dt.timedelta(days=3),
        discovered_date=today - dt.timedelta(days=1),
        officers=["officer1", "officer2"],
    )
    actions.register(case.pk, actor=demo.user("head"))
    actions.add_evidence(
        case.pk,
        actor=demo.user("officer1"),
        kind="inspection_record",
        description="现场检查笔录",
        certificates_shown=["officer1", "officer2"],
    )
    return case


def test_the_grounds_are_a_checklist_in_chinese(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    """Issue #15 item 1: 裁量情节 are ticked from the list (Chinese labels), and a mandatory
    mitigation ground ticked with the ordinary level is refused with XF-32 naming it."""
    case = _with_evidence(demo, "赵某")
    url = f"/penalties/{case.pk}/"
    page = web("officer1").get(url).content.decode()
    box = page.split('id="action-conclude"', 1)[1].split("</details>", 1)[0]
    assert 'name="grounds" value="mitigated_harm"' in box
    assert "主动消除或者减轻违法行为危害后果" in box and "每行一条" not in box
    body = {
        "outcome": "penalty",
        "penalty_types": ["fine"],
        "fine_amount": "500",
        "level": "general",
        "grounds": ["mitigated_harm"],
        "correction": "立即清扫保洁",
    }
    refused = web("officer1").post(url + "conclude/", body)
    assert refused.status_code == 409 and "XF-32" in refused.content.decode()
    case.refresh_from_db()
    assert case.status == "investigating"
    done = web("officer1").post(
        url + "conclude/", {**body, "level": "lighter", "fine_amount": "100"}
    )
    assert done.status_code == 302, done.content.decode()[:2000]
    case.refresh_from_db()
    assert case.proposal["grounds"] == ["mitigated_harm"]


def test_a_ground_typed_as_its_chinese_label_is_understood() -> None:
    from django.http import QueryDict

    from chengguan.web.penalty_actions import grounds_from

    data = QueryDict(mutable=True)
    data.setlist("grounds", ["拒不改正\n一年内再次违法", "repeat"])
    assert grounds_from(data) == ["refused_correction", "repeat"]


def test_a_refused_form_keeps_what_was_entered(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    """Issue #15 item 2: after a refusal (here XF-9: a penalty without a penalty type) the
    conclude form shows the level, grounds, amount and correction that were entered."""
    case = _with_evidence(demo, "钱某")
    url = f"/penalties/{case.pk}/"
    refused = web("officer1").post(
        url + "conclude/",
        {
            "outcome": "penalty",
            "fine_amount": "321",
            "level": "lighter",
            "grounds": ["first_violation"],
            "correction": "立即清扫门前责任区",
        },
    )
    assert refused.status_code in (400, 409)
    box = refused.content.decode().split('id="action-conclude"', 1)[1].split("</details>", 1)[0]
    assert 'value="321"' in box and "立即清扫门前责任区" in box
    assert re.search(r'value="first_violation" checked', box)
    assert re.search(r'value="lighter"[^>]*selected', box)


def test_the_recusal_replacement_is_picked_from_certified_officers(
    web: Callable[[str], Client], demo: DemoContext
) -> None:
    """Issue #15 item 5: 回避 asked the head to type a username."""
    case = _to_notified(demo)
    page = web("head").get(f"/penalties/{case.pk}/").content.decode()
    box = page.split('id="action-recuse"', 1)[1].split("</details>", 1)[0]
    select = box.split('name="replacement"', 1)[1].split("</select>", 1)[0]
    assert 'value="town_officer1"' in select and "杨帆" in select
    assert 'value="officer1"' not in select and 'value="officer_nocert"' not in select
    assert 'value="outsider"' not in select
