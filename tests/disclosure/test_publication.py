from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from chengguan.core.errors import ProcedureError
from chengguan.core.workdays import add_workdays
from chengguan.disclosure import actions, queries
from chengguan.disclosure.models import Publication
from chengguan.ledger.models import Entry
from chengguan.penalties import actions as penalty_actions
from tests.conftest import error_code
from tests.disclosure.cases import at, person_id, simple_decision

D = dt.date


def test_due_date_counts_seven_working_days_across_national_day(demo):
    # Decided Monday 30 Sep 2024: 1–7 Oct are holidays, Sat 12 Oct is a make-up working day.
    case = simple_decision(demo, D(2024, 9, 30))
    with at(D(2024, 10, 16)):
        pub = actions.publish_decision(actor=demo.user("reviewer"), case_id=case.pk)
    assert pub.due_on == D(2024, 10, 15)
    assert pub.on_time is False
    with at(D(2024, 10, 16)):
        late = simple_decision(
            demo, D(2024, 10, 16), name="赵六", id_number=person_id(serial="045")
        )
        on_time = actions.publish_decision(
            actor=demo.user("reviewer"), case_id=late.pk, on=add_workdays(D(2024, 10, 16), 7)
        )
    assert on_time.on_time is True


def test_publication_is_in_the_ledger_without_personal_data(demo):
    pid = person_id(serial="077")
    case = simple_decision(demo, D(2024, 5, 6), id_number=pid)
    with at(D(2024, 5, 7)):
        pub = actions.publish_decision(actor=demo.user("reviewer"), case_id=case.pk)
    entry = Entry.objects.get(action="disclosure.publish", subject_id=str(pub.pk))
    assert pid not in entry.payload and "王小明" not in entry.payload
    with connection.cursor() as cursor:
        cursor.execute("SELECT record FROM disclosure_publication WHERE id = %s", [pub.pk])
        stored = cursor.fetchone()[0]
    assert pid not in stored and "王小明" not in stored  # encrypted at rest (PI-1)


def test_public_api_shows_masked_gs1_fields_without_sign_in(api, demo):
    pid = person_id(serial="088")
    case = simple_decision(
        demo,
        D(2024, 6, 3),
        id_number=pid,
        name="欧阳娜娜",
        facts=f"当事人欧阳娜娜（身份证{pid}，电话13912345678）占道经营",
    )
    with at(D(2024, 6, 4)):
        actions.publish_decision(actor=demo.user("reviewer"), case_id=case.pk)
    with at(D(2024, 6, 5)):
        r = api(None).get("disclosure/penalties", format="json", page_size=200)
        csv = api(None).get("disclosure/penalties", format="csv")
    assert r.status_code == 200, r.content
    row = next(i for i in r.json()["items"] if i["decision_number"] == case.decision_number)
    assert row["party_name"] == "欧***"
    assert row["fine_10k"] == "0.010000"
    assert row["authority"] == demo.bureau.name
    body = r.content.decode() + csv.content.decode()
    assert pid not in body and "13912345678" not in body and "人民路12号" not in body
    assert csv.status_code == 200 and "行政相对人名称" in csv.content.decode()


def test_a_revoked_decision_disappears_and_is_withdrawn_within_three_working_days(api, demo):
    case = simple_decision(demo, D(2024, 4, 1), name="钱七", id_number=person_id(serial="099"))
    with at(D(2024, 4, 2)):
        pub = actions.publish_decision(actor=demo.user("reviewer"), case_id=case.pk)
        penalty_actions.serve(
            case.pk,
            actor=demo.user("officer1"),
            served_on=D(2024, 4, 1),
            method="direct",
            certificates_shown=["officer1", "officer2"],
        )
    with at(D(2024, 4, 10)):
        remedy = penalty_actions.record_remedy(
            case.pk,
            actor=demo.user("head"),
            kind="reconsideration",
            filed_on=D(2024, 4, 10),
            body="示范县人民政府",
            proof_number="示政复受字〔2024〕10号",
            proof_date=D(2024, 4, 10),
        )
        listed = [p["decision_number"] for p in queries.public_penalties()]
        assert case.decision_number in listed
    with at(D(2024, 5, 30)):
        penalty_actions.conclude_remedy(
            case.pk,
            remedy_id=remedy.pk,
            actor=demo.user("head"),
            concluded_on=D(2024, 5, 30),
            outcome="revoked",
        )
        # Gone from the public list at once, before anyone withdraws it.
        assert case.decision_number not in [
            p["decision_number"] for p in queries.public_penalties()
        ]
        r = api(None).get("disclosure/penalties")
        assert case.decision_number not in r.content.decode()
    with at(D(2024, 5, 31)):
        done = actions.withdraw_revoked()
        assert [p.pk for p in done] == [pub.pk]
        assert actions.withdraw_revoked() == []  # idempotent
    pub.refresh_from_db()
    assert pub.status == "withdrawn"
    assert pub.withdraw_due == D(2024, 6, 4)  # 3 working days after Thu 30 May
    assert pub.withdrawn_on_time is True
    with at(D(2024, 6, 1)), pytest.raises(ProcedureError) as refused:
        actions.publish_decision(actor=demo.user("reviewer"), case_id=case.pk)
    assert refused.value.code == "XF-48"


def test_expired_publications_are_not_public(demo):
    case = simple_decision(demo, D(2024, 1, 8), name="孙八", id_number=person_id(serial="111"))
    with at(D(2024, 1, 9)):
        pub = actions.publish_decision(actor=demo.user("reviewer"), case_id=case.pk)
    assert pub.expires_on >= D(2025, 1, 9)
    assert pub.pk in [p["id"] for p in queries.public_penalties(on=pub.expires_on)]
    later = pub.expires_on + dt.timedelta(days=1)
    assert pub.pk not in [p["id"] for p in queries.public_penalties(on=later)]


def test_publish_refused_for_officer_outsider_and_twice(api, demo):
    case = simple_decision(demo, D(2024, 7, 1), name="周九", id_number=person_id(serial="123"))
    with at(D(2024, 7, 2)):
        officer = api("officer1").post("disclosure/publications", {"case": case.pk})
        outsider = api("outsider").post("disclosure/publications", {"case": case.pk})
        first = api("reviewer").post("disclosure/publications", {"case": case.pk})
        again = api("reviewer").post("disclosure/publications", {"case": case.pk})
        listed = api("outsider").get("disclosure/publications").json()["count"]
        due = api("outsider").get("disclosure/due").json()["count"]
    assert officer.status_code == 403
    assert outsider.status_code == 404
    assert first.status_code == 201, first.content
    assert again.status_code == 409 and error_code(again) == "state"
    assert Publication.objects.filter(penalty_case=case).count() == 1
    assert listed == 0 and due == 0


def test_due_list_holds_unpublished_decisions(demo, settings):
    settings.LOCAL_RULES = {**settings.LOCAL_RULES, "disclosure_procedures": ["general", "simple"]}
    case = simple_decision(demo, D(2024, 8, 5), name="吴十", id_number=person_id(serial="135"))
    with at(D(2024, 8, 20)):
        due = {d.case.pk: d for d in queries.due_list(demo.user("reviewer"))}
        assert due[case.pk].overdue is True
        actions.publish_decision(actor=demo.user("reviewer"), case_id=case.pk)
        assert case.pk not in {d.case.pk for d in queries.due_list(demo.user("reviewer"))}


def test_withdraw_command_takes_down_a_revoked_decision(demo):
    import io

    from django.core.management import call_command

    case = simple_decision(demo, D(2024, 2, 26), name="郑十一", id_number=person_id(serial="147"))
    with at(D(2024, 2, 27)):
        pub = actions.publish_decision(actor=demo.user("reviewer"), case_id=case.pk)
        penalty_actions.serve(
            case.pk,
            actor=demo.user("officer1"),
            served_on=D(2024, 2, 26),
            method="direct",
            certificates_shown=["officer1", "officer2"],
        )
        remedy = penalty_actions.record_remedy(
            case.pk,
            actor=demo.user("head"),
            kind="reconsideration",
            filed_on=D(2024, 2, 27),
            body="示范县人民政府",
            proof_number="示政复受字〔2024〕5号",
            proof_date=D(2024, 2, 27),
        )
    with at(D(2024, 4, 1)):
        penalty_actions.conclude_remedy(
            case.pk,
            remedy_id=remedy.pk,
            actor=demo.user("head"),
            concluded_on=D(2024, 4, 1),
            outcome="changed",
        )
        out = io.StringIO()
        call_command("disclosure", "withdraw-revoked", stdout=out)
    assert case.decision_number in out.getvalue()
    pub.refresh_from_db()
    assert pub.status == "withdrawn" and pub.withdraw_reason == "处罚决定被变更或确认违法"
