"""查封/扣押 through the actions: each rule refused with its id, and a refusal changes nothing."""

from __future__ import annotations

import pytest

from chengguan.core.errors import ChengguanError, Forbidden, NotFound
from chengguan.ledger.models import Entry
from chengguan.measures import actions
from chengguan.measures.models import Seizure
from tests.penalties.helpers import T0, D, at, open_general, snapshot

ITEMS = [{"name": "三轮车（蓝色）", "quantity": "1", "unit": "辆"}]
BODY = dict(
    kind="seize",
    items=ITEMS,
    place="局暂扣物品库",
    condition="车况完好，无破损",
    certificates_shown=["officer1", "officer2"],
)


def _state(case):
    rows = list(Seizure.objects.order_by("id").values())
    return snapshot(case), rows, Entry.objects.count()


def _refused(code, fn, case, **kw):
    before = _state(case)
    with pytest.raises(ChengguanError) as err:
        fn(**kw)
    assert err.value.code == code, err.value.message
    assert _state(case) == before
    return err.value


def test_a_seizure_approved_beforehand_is_held_30_days_extended_once_and_released(demo):
    with at(T0):
        case = open_general(demo)
        s = actions.seize(case.pk, actor=demo.user("officer1"), approved_by="head", **BODY)
        assert s.status == "held" and s.decide_by == D(2025, 7, 3)
        entry = Entry.objects.order_by("-id").first()
        assert entry.action == "measure.seize"
    with at(D(2025, 7, 1)):
        s = actions.extend(s.pk, actor=demo.user("head"), days=30, reason="案情复杂，需检验鉴定")
        assert s.decide_by == D(2025, 8, 2)
        _refused(
            "QZ-25",
            actions.extend,
            case,
            seizure_id=s.pk,
            actor=demo.user("head"),
            days=5,
            reason="再次延长",
        )
    with at(D(2025, 8, 3)):
        _refused(
            "QZ-28",
            actions.extend,
            case,
            seizure_id=s.pk,
            actor=demo.user("head"),
            days=5,
            reason="期满后延长",
        )
        s = actions.release(
            s.pk, actor=demo.user("officer1"), reason="expired", returned_on=D(2025, 8, 3)
        )
        assert s.status == "released"


def test_QZ_18_without_approval_or_two_certificates_nothing_is_written(demo):
    with at(T0):
        case = open_general(demo)
        officer = demo.user("officer1")
        _refused("QZ-18", actions.seize, case, case_id=case.pk, actor=officer, **BODY)
        body = {**BODY, "certificates_shown": ["officer1"]}
        _refused(
            "QZ-18", actions.seize, case, case_id=case.pk, actor=officer, approved_by="head", **body
        )
        _refused(
            "QZ-18",
            actions.seize,
            case,
            case_id=case.pk,
            actor=officer,
            approved_by="officer2",
            **BODY,
        )
        _refused(
            "QZ-26",
            actions.seize,
            case,
            case_id=case.pk,
            actor=officer,
            approved_by="head",
            **{**BODY, "condition": ""},
        )


def test_QZ_19_an_emergency_measure_not_approved_within_24_hours_must_be_released(demo):
    with at(T0, hour=9):
        case = open_general(demo)
        s = actions.seize(case.pk, actor=demo.user("officer1"), emergency=True, **BODY)
        assert s.status == "pending"
    with at(D(2025, 6, 4), hour=10):
        _refused("QZ-19", actions.approve, case, seizure_id=s.pk, actor=demo.user("head"))
        s = actions.release(
            s.pk, actor=demo.user("head"), reason="not_approved", returned_on=D(2025, 6, 4)
        )
        assert s.status == "released"


def test_QZ_26_and_QZ_28_disposal_only_as_the_decision_orders(demo):
    with at(T0):
        case = open_general(demo)
        s = actions.seize(case.pk, actor=demo.user("officer1"), approved_by="head", **BODY)
        # Not decided yet: disposal is a state refusal.
        _refused(
            "state",
            actions.dispose,
            case,
            seizure_id=s.pk,
            actor=demo.user("head"),
            handling="confiscate",
            note="没收",
        )
        case.decided_on, case.penalty_types = T0, ["fine"]
        case.save(update_fields=["decided_on", "penalty_types"])
        _refused(
            "QZ-26",
            actions.dispose,
            case,
            seizure_id=s.pk,
            actor=demo.user("head"),
            handling="use",
            note="留用",
        )
        _refused(
            "QZ-28",
            actions.dispose,
            case,
            seizure_id=s.pk,
            actor=demo.user("head"),
            handling="confiscate",
            note="没收",
        )


def test_wrong_role_other_officer_and_other_bureau_are_refused(demo):
    with at(T0):
        case = open_general(demo)
        before = _state(case)
        for user, exc in (("head", Forbidden), ("reviewer", Forbidden), ("outsider", NotFound)):
            with pytest.raises(exc):
                actions.seize(case.pk, actor=demo.user(user), approved_by="head", **BODY)
        s = actions.seize(case.pk, actor=demo.user("officer1"), approved_by="head", **BODY)
        before = _state(case)
        with pytest.raises(Forbidden):
            actions.extend(s.pk, actor=demo.user("officer1"), days=5, reason="延长")
        with pytest.raises(NotFound):
            actions.release(s.pk, actor=demo.user("outsider"), reason="other", returned_on=T0)
        assert _state(case) == before


def test_the_overdue_command_lists_an_expired_measure(demo):
    import io

    from django.core.management import call_command

    with at(T0):
        case = open_general(demo)
        actions.seize(case.pk, actor=demo.user("officer1"), approved_by="head", **BODY)
    out = io.StringIO()
    call_command("measures", "overdue", "--on", "2025-07-04", stdout=out)
    assert "QZ-28\t2025-07-03" in out.getvalue()
    out = io.StringIO()
    call_command("measures", "overdue", "--on", "2025-07-03", stdout=out)
    assert "共 0 项" in out.getvalue()
