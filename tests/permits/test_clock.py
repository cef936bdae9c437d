"""The statutory clock of 行政许可 in the bureau's working days (XK-32, XK-42), across the 2025
Spring Festival with its 调休 (Sunday 26 January and Saturday 8 February are working days;
28 January to 4 February are not)."""

from __future__ import annotations

import pytest

from chengguan.core.errors import ProcedureError
from chengguan.permits import actions, queries
from chengguan.permits.states import DEEMED_ACCEPTED, Status
from tests.permits.helpers import MATERIALS, D, apply, at, snapshot

FRI = D(2025, 1, 24)  # the Friday before the Spring Festival


def test_accept_by_counts_the_adjusted_sunday_and_skips_the_holiday(demo):
    with at(FRI):
        app = apply(demo)
    # 26 Jan (调休 Sunday) 1, 27 Jan 2, [28 Jan – 4 Feb holiday], 5 Feb 3, 6 Feb 4, 7 Feb 5.
    assert app.accept_by == D(2025, 2, 7)
    assert app.status == Status.RECEIVED


def test_request_materials_after_five_working_days_is_refused_xk32(demo):
    with at(FRI):
        app = apply(demo, materials=MATERIALS[:3])
    with at(D(2025, 2, 10)):
        before = snapshot()
        with pytest.raises(ProcedureError) as err:
            actions.request_materials(app.pk, actor=demo.users["reviewer"], missing=MATERIALS[3:])
        assert err.value.rule == "XK-32"
        assert snapshot() == before
        with pytest.raises(ProcedureError) as err:
            actions.accept(app.pk, actor=demo.users["reviewer"])
        assert err.value.rule == "XK-32"
        assert snapshot() == before


def test_untold_application_counts_as_accepted_on_receipt_and_decide_by_runs_from_receipt(demo):
    with at(FRI):
        app = apply(demo)
    on_time = D(2025, 2, 7)
    assert queries.shown_status(app, on_time) == Status.RECEIVED
    assert queries.decide_by(app, on_time) is None
    late = D(2025, 2, 10)
    assert queries.shown_status(app, late) == DEEMED_ACCEPTED
    # 20 working days from 24 Jan: 26, 27 Jan, 5–8 Feb (the 8th is a 调休 Saturday), then
    # 10–14, 17–21, 24–27 Feb.
    assert queries.decide_by(app, late) == D(2025, 2, 27)
    with at(late):
        granted = actions.grant_permit(
            app.pk, actor=demo.users["head"], valid_from=late, valid_to=D(2026, 2, 9)
        )
    assert granted.status == Status.GRANTED
    assert granted.decide_by == D(2025, 2, 27) and granted.decided_late is False


def test_decide_by_is_twenty_working_days_from_acceptance_across_national_day(demo):
    with at(D(2025, 9, 26)):  # a Friday; 28 Sep (Sunday) is a 调休 working day
        app = apply(demo)
        app = actions.accept(app.pk, actor=demo.users["reviewer"])
    # 28 (调休 Sunday), 29, 30 Sep; [1–8 Oct]; 9, 10, 11 (调休 Saturday) Oct: 6; then
    # 13–17, 20–24, 27–30 Oct: 20.
    assert app.decide_by == D(2025, 10, 30)


def test_extension_is_once_by_the_head_with_a_reason_before_the_period_ends_xk42(demo):
    with at(D(2025, 6, 3)):
        app = apply(demo)
        app = actions.accept(app.pk, actor=demo.users["reviewer"])
    assert app.decide_by == D(2025, 7, 1)
    with at(D(2025, 6, 30)):
        before = snapshot()
        with pytest.raises(ProcedureError) as err:
            actions.extend_time(app.pk, actor=demo.users["head"], reason="  ")
        assert err.value.rule == "XK-42"
        assert snapshot() == before
        app = actions.extend_time(app.pk, actor=demo.users["head"], reason="需现场勘验设置场地")
        assert app.decide_by == D(2025, 7, 15) and app.extended
        before = snapshot()
        with pytest.raises(ProcedureError) as err:
            actions.extend_time(app.pk, actor=demo.users["head"], reason="再次延长")
        assert err.value.rule == "XK-42"
        assert snapshot() == before


def test_extension_after_the_period_is_refused_and_a_late_grant_is_flagged(demo):
    with at(D(2025, 6, 3)):
        app = apply(demo)
        app = actions.accept(app.pk, actor=demo.users["reviewer"])
    with at(D(2025, 7, 2)):
        before = snapshot()
        with pytest.raises(ProcedureError) as err:
            actions.extend_time(app.pk, actor=demo.users["head"], reason="需专家论证")
        assert err.value.rule == "XK-42"
        assert snapshot() == before
        app = actions.grant_permit(
            app.pk, actor=demo.users["head"], valid_from=D(2025, 7, 2), valid_to=D(2026, 7, 1)
        )
    assert app.status == Status.GRANTED and app.decided_late is True


def test_an_excluded_period_moves_decide_by_by_its_working_days(demo):
    with at(D(2025, 6, 3)):
        app = apply(demo)
        app = actions.accept(app.pk, actor=demo.users["reviewer"])
    with at(D(2025, 6, 10)):
        app = actions.pause(app.pk, actor=demo.users["reviewer"], kind="hearing", reason="听证")
    with at(D(2025, 6, 17)):  # 11, 12, 13, 16, 17 June: five working days
        with pytest.raises(ProcedureError):
            actions.grant_permit(
                app.pk, actor=demo.users["head"], valid_from=D(2025, 6, 17), valid_to=D(2026, 6, 1)
            )
        app = actions.resume(app.pk, actor=demo.users["reviewer"])
    assert app.excluded_workdays == 5
    assert app.decide_by == D(2025, 7, 8)
