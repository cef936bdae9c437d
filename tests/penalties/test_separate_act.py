"""XF-29.2 (second part): a second fine for the same party and power item within the set days of
one already decided needs the legal reviewer's recorded confirmation that it is a separate act;
refusals change nothing; only the reviewer of the bureau may confirm."""

from __future__ import annotations

from chengguan.penalties import actions
from tests.conftest import error_code
from tests.penalties.helpers import (
    T0,
    D,
    at,
    fine_decision,
    notified,
    proposal,
    served,
    snapshot,
)


def _waived(demo, act_date):
    with at(T0):
        case = notified(demo, proposal("5000", "lighter"), act_date=act_date)
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
    return case


def test_XF_29_2_a_second_fine_within_30_days_needs_the_reviewers_confirmation(api, demo):
    first = served(demo)  # act date 2025-05-20, fined 5000
    second = _waived(demo, D(2025, 5, 27))
    with at(T0):
        before = snapshot(second)
        r = api("head").post(f"penalty-cases/{second.pk}/decide", fine_decision())
        assert r.status_code == 409, r.content
        assert error_code(r) == "XF-29.2"
        assert r.json()["error"]["details"]["similar"] == [first.pk]
        assert snapshot(second) == before
        path = f"penalty-cases/{second.pk}/separate-acts"
        body = {"other_id": first.pk, "reason": "两次占道的地点与时间不同，系另一违法行为"}
        # Wrong role, other bureau, no reason, a case that is not the similar one: all refused.
        assert api("officer1").post(path, body).status_code == 403
        assert api("head").post(path, body).status_code == 403
        assert api("outsider").post(path, body).status_code == 404
        assert api("reviewer").post(path, {**body, "reason": " "}).status_code == 400
        assert api("reviewer").post(path, {**body, "other_id": second.pk}).status_code == 400
        assert snapshot(second) == before
        r = api("reviewer").post(path, body)
        assert r.status_code == 200, r.content
        assert r.json()["separate_acts"][0]["other"] == first.pk
        assert snapshot(second)["ledger"] == before["ledger"] + 1
        r = api("reviewer").post(path, body)
        assert r.status_code == 409 and error_code(r) == "state"
        r = api("head").post(f"penalty-cases/{second.pk}/decide", fine_decision())
        assert r.status_code == 200, r.content


def test_XF_29_2_outside_the_window_no_confirmation_is_needed(api, demo):
    served(demo)
    later = _waived(demo, D(2025, 4, 19))  # 31 days before the first act
    with at(T0):
        r = api("head").post(f"penalty-cases/{later.pk}/decide", fine_decision())
        assert r.status_code == 200, r.content


def test_XF_29_2_the_window_is_a_local_setting(api, demo, settings):
    settings.LOCAL_RULES = {**settings.LOCAL_RULES, "separate_act_window_days": 3}
    served(demo)
    second = _waived(demo, D(2025, 5, 27))
    with at(T0):
        r = api("head").post(f"penalty-cases/{second.pk}/decide", fine_decision())
        assert r.status_code == 200, r.content
