"""行政复议 and 行政诉讼 against a decision: recorded, then concluded with their outcome."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from chengguan.core import clock
from chengguan.core.errors import Invalid, NotFound, StateError, enforce
from chengguan.ledger.actions import record
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.penalties import checks
from chengguan.penalties.actions._common import (
    _lock,
    _not_future,
    _state,
)
from chengguan.penalties.models import (
    RemedyProceeding,
)

RECONSIDERATION_OUTCOMES = {"upheld", "changed", "revoked", "confirmed_unlawful", "withdrawn"}


LITIGATION_OUTCOMES = {
    "won",
    "lost",
    "upheld",
    "changed",
    "revoked",
    "confirmed_unlawful",
    "withdrawn",
}


def record_remedy(
    case_id: int, *, actor: Staff, kind: str, filed_on: dt.date, body: str = "", note: str = ""
) -> RemedyProceeding:
    if kind not in RemedyProceeding.Kind.values:
        raise Invalid("类别无效", details={"kind": "应为 reconsideration 或 litigation"})
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.remedy", case)
        _state(case, "record_remedy")
        pending = case.remedies.filter(kind=kind, concluded_on__isnull=True).exists()
        enforce(
            checks.remedy(
                served_on=case.served_on,
                filed_on=filed_on,
                today=clock.today(),
                pending_same_kind=pending,
            )
        )
        r = RemedyProceeding.objects.create(
            case=case, kind=kind, filed_on=filed_on, body=body, note=note, recorded_by=actor
        )
        record(
            actor,
            "penalty.remedy.record",
            case,
            {"remedy": r.pk, "kind": kind, "filed_on": filed_on.isoformat(), "body": body},
        )
    return r


def conclude_remedy(
    case_id: int,
    *,
    remedy_id: int,
    actor: Staff,
    concluded_on: dt.date,
    outcome: str,
    head_appeared: bool = False,
    note: str = "",
) -> RemedyProceeding:
    _not_future(concluded_on, "concluded_on", "审结日期")
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.remedy", case)
        _state(case, "conclude_remedy")
        r = RemedyProceeding.objects.select_for_update().filter(pk=remedy_id, case=case).first()
        if r is None:
            raise NotFound("未找到该复议或诉讼记录")
        if r.concluded_on is not None:
            raise StateError("该复议或诉讼已审结")
        allowed = (
            RECONSIDERATION_OUTCOMES
            if r.kind == RemedyProceeding.Kind.RECONSIDERATION
            else LITIGATION_OUTCOMES
        )
        if outcome not in allowed:
            raise Invalid("结果无效", details={"outcome": f"应为 {'|'.join(sorted(allowed))}"})
        if concluded_on < r.filed_on:
            raise Invalid("审结日期不能早于申请日期", details={"concluded_on": "早于申请日期"})
        r.concluded_on, r.outcome, r.head_appeared = concluded_on, outcome, head_appeared
        r.note = note or r.note
        r.save(update_fields=["concluded_on", "outcome", "head_appeared", "note"])
        fields = []
        if outcome == "revoked" and case.decision_revoked_on is None:
            case.decision_revoked_on = concluded_on
            fields.append("decision_revoked_on")
        elif (
            outcome in ("changed", "confirmed_unlawful", "lost")
            and case.decision_changed_on is None
        ):
            case.decision_changed_on = concluded_on
            fields.append("decision_changed_on")
        if fields:
            case.save(update_fields=fields)
        record(
            actor,
            "penalty.remedy.conclude",
            case,
            {
                "remedy": r.pk,
                "kind": r.kind,
                "outcome": outcome,
                "concluded_on": concluded_on.isoformat(),
                "head_appeared": head_appeared,
                # The decision's own fields this outcome sets (empty when it sets none).
                "old": dict.fromkeys(fields),
                "new": dict.fromkeys(fields, concluded_on.isoformat()),
            },
        )
    return r
