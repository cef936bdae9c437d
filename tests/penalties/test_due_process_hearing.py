"""Issue #11, decision 064: extension of the period (XF-60), the hearing-request window (XF-63)
and the written waiver (XF-62).

Each rule is broken over the API and refused with its id; the refusal changes nothing (the case, its
related rows, the ledger)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest

from chengguan.ledger.actions import store_blob
from chengguan.penalties import actions, checks, periods
from chengguan.penalties.models import Evidence, Party
from tests.penalties.helpers import (
    T0,
    D,
    at,
    fine_decision,
    notified,
    open_general,
    proposal,
    snapshot,
)
from tests.penalties.test_rules import refused

# T0 = 2025-06-03: a case registered then must be decided by 2025-09-01 (XF-60, 90 days).
DEADLINE = D(2025, 9, 1)
REASON = "案情复杂，需进一步调查取证"


def registered(demo: Any) -> Any:
    with at(T0):
        case = open_general(demo)
        return actions.register(case.pk, actor=demo.user("head"))


def extend(api: Any, case: Any, until: str, user: str = "head") -> Any:
    return api(user).post(f"penalty-cases/{case.pk}/extend", {"until": until, "reason": REASON})


# XF-60 --------------------------------------------------------------------------------------------


def test_extension_within_the_period_by_at_most_thirty_days(api, demo):
    case = registered(demo)
    with at(D(2025, 8, 20)):
        r = extend(api, case, "2025-10-01")
    assert r.status_code == 200, r.content
    assert r.json()["extension"]["until"] == "2025-10-01"


def test_extension_after_the_period_has_passed_is_refused(api, demo):
    case = registered(demo)
    with at(D(2025, 9, 2)):
        before = snapshot(case)
        body = refused(extend(api, case, "2025-09-20"), "XF-60")
        assert "届满前" in body["message"]
        assert snapshot(case) == before


def test_extension_longer_than_the_local_maximum_is_refused(api, demo):
    case = registered(demo)
    with at(D(2025, 8, 20)):
        before = snapshot(case)
        body = refused(extend(api, case, "2025-10-02"), "XF-60")
        assert "30日" in body["message"]
        assert snapshot(case) == before


def test_extension_needs_the_head_and_a_reason(api, demo):
    case = registered(demo)
    with at(D(2025, 8, 20)):
        before = snapshot(case)
        assert extend(api, case, "2025-09-20", user="officer1").status_code == 403
        r = api("head").post(
            f"penalty-cases/{case.pk}/extend", {"until": "2025-09-20", "reason": " "}
        )
        assert r.status_code == 400, r.content
        assert snapshot(case) == before


def test_second_extension_needs_a_collective_discussion(api, demo):
    with at(T0):
        case = notified(demo, proposal("5000", "lighter"))
    with at(D(2025, 8, 20)):
        assert extend(api, case, "2025-09-30").status_code == 200
    with at(D(2025, 9, 25)):
        before = snapshot(case)
        body = refused(extend(api, case, "2025-10-20"), "XF-60")
        assert "集体讨论" in body["message"]
        assert snapshot(case) == before
        # A discussion that does not approve an extension does not count.
        actions.discuss(
            case.pk,
            actor=demo.user("head"),
            participants=["head", "deputy1", "deputy2"],
            minutes="讨论案情",
            conclusion="继续调查",
        )
        refused(extend(api, case, "2025-10-20"), "XF-60")
        r = api("head").post(
            f"penalty-cases/{case.pk}/discuss",
            {
                "participants": ["head", "deputy1", "deputy2"],
                "minutes": "讨论再次延长办案期限",
                "conclusion": "同意再次延长办案期限",
                "approves_extension": True,
            },
        )
        assert r.status_code == 200, r.content
        r = extend(api, case, "2025-10-20")
        assert r.status_code == 200, r.content
        # The discussion approved one further extension, not every later one.
        before = snapshot(case)
    with at(D(2025, 10, 10)):
        refused(extend(api, case, "2025-10-30"), "XF-60")
        assert snapshot(case) == before


def test_decision_within_the_extension(api, demo):
    with at(T0):
        case = notified(demo, proposal("5000", "lighter"))
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
    with at(D(2025, 8, 29)):
        assert extend(api, case, "2025-09-30").status_code == 200
    with at(D(2025, 9, 29)):
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine_decision("5000"))
    assert r.status_code == 200, r.content


# XF-63 --------------------------------------------------------------------------------------------

HEADS = ["head", "deputy1", "deputy2"]


def with_hearing_right(demo: Any, prop: dict[str, Any] | None = None) -> Any:
    """A 15,000-yuan proposal (hearing right) told on T0, the statement made, review and
    discussion done: only the hearing-request window can stand in the way of the decision."""
    with at(T0):
        case = notified(demo, prop or proposal("15000", "heavier"))
        actions.statement(
            case.pk,
            actor=demo.user("officer1"),
            content="当事人请求从轻处罚",
            accepted=False,
            review_opinion="当事人未提出新的事实和证据",
        )
        actions.review(case.pk, actor=demo.user("reviewer"), approved=True, opinion="同意")
        actions.discuss(
            case.pk,
            actor=demo.user("head"),
            participants=HEADS,
            minutes="讨论拟处罚意见",
            conclusion="同意罚款15000元",
        )
    return case


def test_notice_records_the_five_working_day_window(demo):
    case = with_hearing_right(demo)
    notice = case.notices.get()
    assert notice.hearing_right
    assert notice.hearing_request_by == periods.hearing_request_by(T0)


def test_no_decision_while_the_hearing_request_window_is_open(api, demo):
    case = with_hearing_right(demo)
    last_day = case.notices.get().hearing_request_by
    for day in (T0 + dt.timedelta(days=4), last_day):
        with at(day):
            before = snapshot(case)
            r = api("head").post(f"penalty-cases/{case.pk}/decide", proposal("15000", "heavier"))
            body = refused(r, "XF-63")
            assert "听证" in body["message"]
            assert body["details"]["hearing_request_by"] == last_day.isoformat()
            assert snapshot(case) == before
    with at(last_day + dt.timedelta(days=1)):
        r = api("head").post(f"penalty-cases/{case.pk}/decide", proposal("15000", "heavier"))
    assert r.status_code == 200, r.content


def test_a_written_waiver_ends_the_window(api, demo):
    with at(T0):
        case = notified(demo, proposal("15000", "heavier"))
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
        actions.review(case.pk, actor=demo.user("reviewer"), approved=True, opinion="同意")
        actions.discuss(
            case.pk,
            actor=demo.user("head"),
            participants=HEADS,
            minutes="讨论拟处罚意见",
            conclusion="同意罚款15000元",
        )
        r = api("head").post(f"penalty-cases/{case.pk}/decide", proposal("15000", "heavier"))
    assert r.status_code == 200, r.content


def test_no_window_without_a_hearing_right(api, demo):
    with at(T0):
        case = notified(demo, proposal("5000", "lighter"))
        assert case.notices.get().hearing_right is False
        actions.statement(
            case.pk,
            actor=demo.user("officer1"),
            content="当事人无异议",
            accepted=False,
            review_opinion="当事人未提出新的事实和证据",
        )
        r = api("head").post(f"penalty-cases/{case.pk}/decide", fine_decision("5000"))
    assert r.status_code == 200, r.content


def test_hearing_types_and_confiscation_thresholds_are_local(settings):
    person = Party.Kind.PERSON
    thresholds = {person: Decimal("10000"), Party.Kind.ORGANISATION: Decimal("100000")}

    def right(types: list[str], confiscated: str | None = None) -> bool:
        decision = checks.decision_from_json(
            {
                "penalty_types": types,
                "fine_amount": None,
                "level": "general",
                "grounds": [],
                "confiscation_amount": confiscated,
            }
        )
        return checks.hearing_right(person, decision, thresholds)

    assert right(["suspend_business"])
    assert not right(["confiscate_income"], "9999")
    assert right(["confiscate_income"], "10000")
    rules = dict(settings.LOCAL_RULES)
    rules["hearing_penalty_types"] = ["suspend_business", "suspend_permit"]
    rules["hearing_confiscation_threshold_person"] = 5000
    settings.LOCAL_RULES = rules
    assert right(["suspend_permit"])
    assert not right(["revoke_permit"])
    assert right(["confiscate_income"], "5000")


# XF-62 --------------------------------------------------------------------------------------------

WORDS = "本人自愿放弃陈述、申辩和要求听证的权利。李四"


def waive(api: Any, case: Any, body: dict[str, Any]) -> Any:
    return api("officer1").post(f"penalty-cases/{case.pk}/waive", body)


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"record": " ", "witnessed_by": ["officer1", "officer2"]},
        {"record": WORDS},
        {"record": WORDS, "witnessed_by": ["officer1"]},
        {"record": WORDS, "witnessed_by": ["officer1", "officer1"]},
        {"record": WORDS, "witnessed_by": ["officer1", "reviewer"]},
    ],
)
def test_a_waiver_that_is_not_written_is_refused(api, demo, body):
    with at(T0):
        case = notified(demo, proposal("15000", "heavier"))
        before = snapshot(case)
        refused(waive(api, case, body), "XF-62")
        assert snapshot(case) == before


def test_a_waiver_witnessed_by_two_officers_of_the_case(api, demo):
    with at(T0):
        case = notified(demo, proposal("15000", "heavier"))
        r = waive(api, case, {"record": WORDS, "witnessed_by": ["officer1", "officer2"]})
    assert r.status_code == 200, r.content
    st = case.statements.get()
    assert (st.waiver, st.content, st.witnessed_by) == (True, WORDS, ["officer1", "officer2"])


def test_a_waiver_with_the_signed_page(api, demo):
    with at(T0):
        other = notified(demo, proposal("15000", "heavier"))
        case = notified(demo, proposal("15000", "heavier"))
        page = store_blob(io.BytesIO(b"signed-waiver"), actor=demo.user("officer1"), name="a.txt")
        photo = store_blob(io.BytesIO(b"other-photo"), actor=demo.user("officer1"), name="b.txt")
        Evidence.objects.create(
            case=other,
            kind="documentary",
            description="另案书证",
            collected_on=T0,
            collected_by=demo.user("officer1"),
            blob=photo,
        )
        before = snapshot(case)
        refused(waive(api, case, {"record": WORDS, "blob": photo.pk}), "XF-62")
        assert snapshot(case) == before
        r = waive(api, case, {"record": WORDS, "blob": page.pk})
    assert r.status_code == 200, r.content
    assert case.statements.get().waiver_blob_id == page.pk
