"""Issue #11, decision 064: the hearing's chair and transcript (XF-64), the legal review of the case
as it stands (XF-58, XF-65) and the collective discussion about this proposal (CL-6).

Each rule is broken over the API and refused with its id; the refusal changes nothing (the case, its
related rows and their fields, the ledger); the lawful path is taken to the end."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chengguan.core import workdays
from chengguan.org import actions as org_actions
from chengguan.org.roles import Role
from chengguan.penalties import actions, checks
from chengguan.penalties.models import PenaltyCase
from tests.penalties.helpers import T0, D, at, investigated, notified, proposal, snapshot
from tests.penalties.test_rules import refused

HEADS = ["head", "deputy1", "deputy2"]
WAIVER = "当事人书面表示放弃陈述、申辩和要求听证的权利"
DEVIATION = "当事人经济困难，已当场改正"


def state(case: PenaltyCase) -> dict[str, Any]:
    """``snapshot`` plus the fields of the rows these rules write."""
    data = snapshot(case)
    data["hearing_rows"] = list(
        case.hearings.values(
            "chair_id",
            "chair_named_by_id",
            "chair_named_on",
            "challenges",
            "held_on",
            "transcript_signed",
            "unsigned_note",
        )
    )
    data["discussion_rows"] = list(case.discussions.values())
    data["review_rows"] = list(case.reviews.values())
    return data


def fine(amount: str, level: str, **extra: Any) -> dict[str, Any]:
    return proposal(amount, level, **extra)


def discuss(api: Any, case: PenaltyCase, user: str = "head", **body: Any) -> Any:
    payload = {"participants": HEADS, "minutes": "讨论拟处罚意见", "conclusion": "同意", **body}
    return api(user).post(f"penalty-cases/{case.pk}/discuss", payload)


def waived(demo: Any, prop: dict[str, Any]) -> PenaltyCase:
    """Notified on T0 and waived in writing: only the benchmark can stand in the way."""
    case = notified(demo, prop)
    actions.waive(
        case.pk, actor=demo.user("officer1"), record=WAIVER, witnessed_by=["officer1", "officer2"]
    )
    return case


# CL-6: who takes part ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "participants, named",
    [
        (["张建华", "副局长甲", "副局长乙"], ["张建华", "副局长甲", "副局长乙"]),
        (["head", "officer1", "reviewer"], ["officer1", "reviewer"]),
        (["head", "deputy1", "outsider"], ["outsider"]),  # a head of another bureau
    ],
)
def test_discussion_participants_are_heads_of_the_bureau(api, demo, participants, named):
    with at(T0):
        case = investigated(demo)
        before = state(case)
        body = refused(discuss(api, case, participants=participants), "CL-6")
    assert body["details"]["not_heads"] == named
    for name in named:
        assert name in body["message"]
    assert state(case) == before


def test_discussion_needs_the_local_number_of_heads(api, demo, settings):
    with at(T0):
        case = investigated(demo)
        before = state(case)
        body = refused(discuss(api, case, participants=["head", "deputy1", "head"]), "CL-6")
        assert body["details"]["minimum"] == 3
        assert state(case) == before
        settings.LOCAL_RULES = {**settings.LOCAL_RULES, "deviation_discussion_heads": 2}
        r = discuss(api, case, participants=["head", "deputy1"])
    assert r.status_code == 200, r.content
    assert case.discussions.get().participants == ["head", "deputy1"]


def test_an_inactive_head_does_not_count(api, demo):
    deputy = demo.user("deputy2")
    deputy.is_active = False
    deputy.save(update_fields=["is_active"])
    with at(T0):
        case = investigated(demo)
        before = state(case)
        body = refused(discuss(api, case), "CL-6")
    assert body["details"]["not_heads"] == ["deputy2"]
    assert state(case) == before


@pytest.mark.parametrize(
    "body, field",
    [
        ({"participants": []}, "participants"),
        ({"approves_deviation": True, "about_level": "general"}, "about_fine"),
        ({"approves_deviation": True, "about_fine": "5000"}, "about_level"),
        ({"about_level": "much", "about_fine": "5000"}, "about_level"),
        ({"about_fine": "五千", "about_level": "general"}, "about_fine"),
    ],
)
def test_bad_discussion_input_is_400_naming_the_field(api, demo, body, field):
    with at(T0):
        case = investigated(demo)
        before = state(case)
        r = discuss(api, case, **body)
    assert r.status_code == 400, r.content
    assert field in r.json()["error"]["details"]
    assert state(case) == before


@pytest.mark.parametrize(
    "user, status", [("officer1", 403), ("town_officer1", 404), ("outsider", 404)]
)
def test_discussion_by_the_wrong_person(api, demo, user, status):
    with at(T0):
        case = investigated(demo)
        before = state(case)
        r = discuss(api, case, user=user)
    assert r.status_code == status, r.content
    assert state(case) == before


# CL-6: a departure is approved by a discussion about this proposal ---------------------------------


def test_only_a_discussion_about_this_proposal_approves_a_departure(api, demo):
    with at(T0):
        case = waived(demo, proposal("5000", "general", deviation_reason="x"))
        decide = fine("5000", "general", deviation_reason=DEVIATION)
        tries = [
            {},  # a discussion of the case, no ruling on a departure
            {"about_level": "general", "about_fine": "6000", "approves_deviation": True},
            {"about_level": "lighter", "about_fine": "5000", "approves_deviation": True},
            {"about_level": "general", "about_fine": "5000", "approves_deviation": False},
        ]
        for extra in tries:
            assert discuss(api, case, **extra).status_code == 200
            before = state(case)
            body = refused(api("head").post(f"penalty-cases/{case.pk}/decide", decide), "CL-6")
            assert body["details"] == {"level": "general", "fine": "5000.00"}
            assert state(case) == before
        r = discuss(api, case, about_level="general", about_fine="5000.00", approves_deviation=True)
        assert r.status_code == 200, r.content
        r = api("head").post(f"penalty-cases/{case.pk}/decide", decide)
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "decided"
    last = r.json()["discussions"][-1]
    assert (last["about_level"], last["about_fine"], last["approves_deviation"]) == (
        "general",
        "5000.00",
        True,
    )


def test_a_discussion_before_the_notice_does_not_approve(api, demo):
    with at(T0):
        case = investigated(demo, proposal("5000", "general", deviation_reason="x"))
        approve = {"about_level": "general", "about_fine": "5000", "approves_deviation": True}
        assert discuss(api, case, **approve).status_code == 200
        actions.notify(case.pk, actor=demo.user("officer1"), served_on=T0)
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record=WAIVER,
            witnessed_by=["officer1", "officer2"],
        )
        decide = fine("5000", "general", deviation_reason=DEVIATION)
        before = state(case)
        refused(api("head").post(f"penalty-cases/{case.pk}/decide", decide), "CL-6")
        assert state(case) == before
        assert discuss(api, case, **approve).status_code == 200
        r = api("head").post(f"penalty-cases/{case.pk}/decide", decide)
    assert r.status_code == 200, r.content


def test_inside_the_band_no_ruling_is_needed(api, demo):
    with at(T0):
        case = waived(demo, proposal("5000", "lighter"))
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("5000", "lighter"))
    assert r.status_code == 200, r.content


# XF-58 / XF-65: the review of the case as it stands --------------------------------------------------


def next_steps(api: Any, case: PenaltyCase) -> list[str]:
    r = api("officer1").get(f"penalty-cases/{case.pk}/compliance")
    assert r.status_code == 200, r.content
    return [n["action"] for n in r.json()["next"]]


def public(demo: Any) -> PenaltyCase:
    """A case of public interest (a review is required), 5,000 yuan lighter (no hearing right)."""
    return investigated(demo, proposal("5000", "lighter"), public_interest=True)


def review(api: Any, case: PenaltyCase) -> Any:
    r = api("reviewer").post(
        f"penalty-cases/{case.pk}/review", {"approved": True, "opinion": "事实清楚，程序合法"}
    )
    assert r.status_code == 200, r.content
    return r


def test_a_review_before_the_notice_and_statement_is_stale(api, demo):
    with at(T0):
        case = public(demo)
        review(api, case)  # before the notice
        actions.notify(case.pk, actor=demo.user("officer1"), served_on=T0)
        actions.statement(
            case.pk,
            actor=demo.user("officer1"),
            content="当事人请求从轻",
            accepted=False,
            review_opinion="当事人未提出新的事实和证据",
        )
        before = state(case)
        body = refused(
            api("head").post(f"penalty-cases/{case.pk}/decide", fine("5000", "lighter")), "XF-58"
        )
        assert "事先告知" in body["message"] and "陈述申辩" in body["message"]
        assert state(case) == before
        assert "review" in next_steps(api, case)  # the compliance list asks for it again
        review(api, case)
        # A statement after the review makes it stale again.
        actions.statement(
            case.pk,
            actor=demo.user("officer1"),
            content="当事人补充申辩",
            accepted=False,
            review_opinion="当事人未提出新的事实和证据",
        )
        before = state(case)
        body = refused(
            api("head").post(f"penalty-cases/{case.pk}/decide", fine("5000", "lighter")), "XF-58"
        )
        assert body["details"]["changed"] == ["陈述申辩或放弃"]
        assert state(case) == before
        review(api, case)
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("5000", "lighter"))
    assert r.status_code == 200, r.content


def test_a_review_records_what_it_saw(api, demo):
    with at(T0):
        case = public(demo)
        actions.notify(case.pk, actor=demo.user("officer1"), served_on=T0)
        review(api, case)
    basis = case.reviews.get().basis
    assert basis.startswith('{"hearings":[],"notices":[') and " " not in basis
    assert f'"notices":[{case.notices.get().pk}]' in basis


def heard_case(api: Any, demo: Any) -> PenaltyCase:
    """15,000 yuan (hearing right), hearing requested on T0 and the chair named."""
    with at(T0):
        case = notified(demo)
        actions.request_hearing(case.pk, actor=demo.user("officer1"), requested_on=T0)
        r = api("head").post(f"penalty-cases/{case.pk}/name_chair", {"chair": "supervisor"})
        assert r.status_code == 200, r.content
    return case


def hold(api: Any, case: PenaltyCase, held_on: str = "2025-06-13", **extra: Any) -> Any:
    body = {
        "held_on": held_on,
        "notified_on": "2025-06-03",
        "record": "听证笔录：当事人称系初次占道",
        "transcript_signed": True,
        **extra,
    }
    return api("officer1").post(f"penalty-cases/{case.pk}/hearing", body)


def test_after_a_hearing_the_review_must_post_date_it(api, demo):
    case = heard_case(api, demo)
    with at(D(2025, 6, 5)):
        review(api, case)  # while the hearing is pending
        assert discuss(api, case).status_code == 200
    with at(D(2025, 6, 13)):
        assert hold(api, case).status_code == 200
        before = state(case)
        body = refused(
            api("head").post(f"penalty-cases/{case.pk}/decide", fine("12000", "general")),
            "XF-65",
        )
        assert "听证" in body["message"]
        assert body["details"]["hearings"] == [case.hearings.get().pk]
        assert state(case) == before
        review(api, case)
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine("12000", "general"))
    assert r.status_code == 200, r.content


def test_a_reviewer_who_joins_the_investigation_voids_the_review(api, demo):
    with at(T0):
        case = public(demo)
        actions.notify(case.pk, actor=demo.user("officer1"), served_on=T0)
        actions.statement(
            case.pk,
            actor=demo.user("officer1"),
            content="当事人无异议",
            accepted=False,
            review_opinion="当事人未提出新的事实和证据",
        )
        review(api, case)
        actions.recuse(
            case.pk,
            actor=demo.user("head"),
            officer="officer2",
            reason="与当事人有亲属关系",
            granted=True,
            replacement="reviewer",
        )
        before = state(case)
        body = refused(
            api("head").post(f"penalty-cases/{case.pk}/decide", fine("5000", "lighter")), "XF-58"
        )
    assert body["details"]["reviewer"] == "reviewer"
    assert state(case) == before


def test_a_review_by_a_former_replacement_investigator_is_void(api, demo):
    """The reviewer joined the investigation as a replacement and left it again: the review made
    before stays void at the decision (and a new review is refused, XF-43)."""
    officer3 = org_actions.create_staff(
        actor=None,
        unit=demo.unit("squad1"),
        username="officer3",
        password="x-pass-1",
        full_name="王新",
        roles=[Role.OFFICER],
    )
    org_actions.issue_certificate(
        actor=demo.user("admin"),
        holder=officer3,
        number="豫行执41132399001",
        kind="行政执法证",
        issued_on=D(2024, 1, 1),
        expires_on=D(2028, 1, 1),
        issuer="示范县人民政府",
    )
    with at(T0):
        case = public(demo)
        actions.notify(case.pk, actor=demo.user("officer1"), served_on=T0)
        actions.statement(
            case.pk,
            actor=demo.user("officer1"),
            content="当事人无异议",
            accepted=False,
            review_opinion="当事人未提出新的事实和证据",
        )
        review(api, case)
        head = demo.user("head")
        actions.recuse(
            case.pk,
            actor=head,
            officer="officer2",
            reason="与当事人有亲属关系",
            granted=True,
            replacement="reviewer",
        )
        actions.recuse(
            case.pk,
            actor=head,
            officer="reviewer",
            reason="法制审核人员不得参与调查",
            granted=True,
            replacement="officer3",
        )
        assert "reviewer" not in {o.username for o in case.officers.all()}
        before = state(case)
        body = refused(
            api("head").post(f"penalty-cases/{case.pk}/decide", fine("5000", "lighter")), "XF-58"
        )
        assert "替换人员" in body["message"]
        assert state(case) == before
        r = api("reviewer").post(
            f"penalty-cases/{case.pk}/review", {"approved": True, "opinion": "同意"}
        )
        refused(r, "XF-43")
        assert state(case) == before


def test_review_current_is_a_pure_check(demo):
    reviewer, officer1 = demo.user("reviewer"), demo.user("officer1")
    same = checks.review_basis(notices=[1], statements=[], held_hearings=[], proposal_hash="a")
    assert (
        checks.review_current(
            basis_then=same,
            basis_now=same,
            reviewer=reviewer,
            officers=[officer1],
            replacements=set(),
        )
        == []
    )
    changed = checks.review_basis(notices=[1], statements=[], held_hearings=[], proposal_hash="b")
    [v] = checks.review_current(
        basis_then=same, basis_now=changed, reviewer=reviewer, officers=[], replacements=set()
    )
    assert v.rule == "XF-58" and v.details["changed"] == ["拟处罚意见"]
    [v] = checks.review_current(
        basis_then="", basis_now=same, reviewer=reviewer, officers=[], replacements=set()
    )
    assert v.rule == "XF-58"
    [v] = checks.review_current(
        basis_then=same, basis_now=same, reviewer=reviewer, officers=[], replacements={reviewer.pk}
    )
    assert v.rule == "XF-58"


# XF-64: the chair, the notice period and the transcript ---------------------------------------------


def test_the_head_names_a_chair_who_did_not_investigate(api, demo):
    with at(T0):
        case = notified(demo)
        actions.request_hearing(case.pk, actor=demo.user("officer1"), requested_on=T0)
        path = f"penalty-cases/{case.pk}/name_chair"
        before = state(case)
        refused(api("head").post(path, {"chair": "officer1"}), "XF-64")
        assert api("officer1").post(path, {"chair": "supervisor"}).status_code == 403
        assert api("reviewer").post(path, {"chair": "supervisor"}).status_code == 403
        assert api("outsider").post(path, {"chair": "supervisor"}).status_code == 404
        assert api("town_officer1").post(path, {"chair": "supervisor"}).status_code == 404
        r = api("head").post(path, {"chair": "nobody"})
        assert r.status_code == 400 and "chair" in r.json()["error"]["details"]
        assert state(case) == before
        assert next_steps(api, case)[:2] == ["name_chair", "hearing"]
        r = api("head").post(path, {"chair": "supervisor"})
        assert "name_chair" not in next_steps(api, case)
    assert r.status_code == 200, r.content
    h = case.hearings.get()
    assert h.chair == demo.user("supervisor") and h.chair_named_by == demo.user("head")
    assert h.chair_named_on == T0
    [shown] = r.json()["hearings"]
    assert shown["chair"] == "supervisor" and shown["chair_named_on"] == "2025-06-03"


def test_no_hearing_without_a_named_chair(api, demo):
    with at(T0):
        case = notified(demo)
        actions.request_hearing(case.pk, actor=demo.user("officer1"), requested_on=T0)
    with at(D(2025, 6, 13)):
        before = state(case)
        body = refused(hold(api, case, chair="supervisor"), "XF-64")
    assert "负责人指定" in body["message"]
    assert state(case) == before


def test_the_hearing_is_chaired_by_the_named_chair(api, demo):
    case = heard_case(api, demo)
    with at(D(2025, 6, 13)):
        before = state(case)
        refused(hold(api, case, chair="reviewer"), "XF-64")
        assert state(case) == before
        r = hold(api, case, chair="supervisor")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "heard"


def test_seven_working_days_between_notice_and_hearing(api, demo):
    case = heard_case(api, demo)
    # Notified Tuesday 2025-06-03: 4, 5, 6, 9, 10, 11 June are six working days before the 12th.
    with at(D(2025, 6, 12)):
        before = state(case)
        body = refused(hold(api, case, held_on="2025-06-12"), "XF-64")
        assert body["details"]["workdays"] == 6
        assert state(case) == before
    with at(D(2025, 6, 13)):
        assert hold(api, case).status_code == 200


def test_the_transcript_is_signed_or_the_refusal_noted(api, demo):
    case = heard_case(api, demo)
    with at(D(2025, 6, 13)):
        before = state(case)
        body = refused(hold(api, case, transcript_signed=False), "XF-64")
        assert "签字" in body["message"]
        refused(hold(api, case, transcript_signed=False, unsigned_note="  "), "XF-64")
        assert state(case) == before
        r = hold(api, case, transcript_signed=False, unsigned_note="当事人拒绝签字，主持人注明")
    assert r.status_code == 200, r.content
    assert case.hearings.get().unsigned_note == "当事人拒绝签字，主持人注明"


def test_an_upheld_challenge_needs_a_new_chair(api, demo):
    with at(T0):
        case = notified(demo)
        actions.request_hearing(case.pk, actor=demo.user("officer1"), requested_on=T0)
        path = f"penalty-cases/{case.pk}/challenge_chair"
        challenge = {"reason": "主持人与当事人有利害关系", "upheld": True}
        before = state(case)
        refused(api("head").post(path, challenge), "XF-64")  # no chair named yet
        assert state(case) == before
        api("head").post(f"penalty-cases/{case.pk}/name_chair", {"chair": "supervisor"})
        assert api("officer1").post(path, challenge).status_code == 403
        assert api("outsider").post(path, challenge).status_code == 404
        assert api("town_officer1").post(path, challenge).status_code == 404
        assert api("reviewer").post(path, challenge).status_code == 403
        r = api("head").post(path, {"reason": "当事人认为主持人不公", "upheld": False})
        assert r.status_code == 200, r.content
        assert case.hearings.get().chair == demo.user("supervisor")
        r = api("head").post(path, challenge)
        assert r.status_code == 200, r.content
        h = case.hearings.get()
        assert h.chair is None and [c["upheld"] for c in h.challenges] == [False, True]
    with at(D(2025, 6, 13)):
        before = state(case)
        refused(hold(api, case), "XF-64")
        # The withdrawn chair cannot be named again.
        refused(
            api("head").post(f"penalty-cases/{case.pk}/name_chair", {"chair": "supervisor"}),
            "XF-64",
        )
        assert state(case) == before
        r = api("head").post(f"penalty-cases/{case.pk}/name_chair", {"chair": "reviewer"})
        assert r.status_code == 200, r.content
        r = hold(api, case)
    assert r.status_code == 200, r.content
    assert case.hearings.get().chair == demo.user("reviewer")


def test_chair_steps_only_while_the_hearing_is_requested(api, demo):
    with at(T0):
        case = notified(demo)
        before = state(case)
        r = api("head").post(f"penalty-cases/{case.pk}/name_chair", {"chair": "supervisor"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "state"
    assert state(case) == before


# db: the working-day calendar is read from the database (cached after the first read); the
# examples only read, so one transaction for all of them is fine.
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    notified_on=st.dates(dt.date(2025, 1, 2), dt.date(2025, 11, 30)),
    gap=st.integers(0, 20),
)
def test_the_notice_period_counts_working_days_strictly_between(db, notified_on, gap):
    held_on = notified_on + dt.timedelta(days=gap)
    between = sum(workdays.is_workday(notified_on + dt.timedelta(days=n)) for n in range(1, gap))
    found = checks.hearing_held(
        named=_CHAIR,
        given="",
        officers=[],
        notified_on=notified_on,
        held_on=held_on,
        transcript_signed=True,
        unsigned_note="",
    )
    assert (found == []) == (gap > 0 and between >= 7)


class _Chair:
    pk = -1
    username = "chair"
    display_name = "主持人"


_CHAIR: Any = _Chair()
