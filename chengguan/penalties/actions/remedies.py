"""行政复议 and 行政诉讼 against a decision: recorded, then concluded with their outcome."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from chengguan.core import clock
from chengguan.core.errors import Forbidden, Invalid, NotFound, StateError, enforce
from chengguan.ledger.actions import record
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.org.roles import Role
from chengguan.penalties import checks
from chengguan.penalties.actions import _dates
from chengguan.penalties.actions._common import (
    _lock,
    _not_future,
    _state,
)
from chengguan.penalties.checks import proofs as proof
from chengguan.penalties.models import (
    PenaltyCase,
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


def _recorder(actor: Staff, case: PenaltyCase) -> None:
    """XF-73: the legal reviewer or the head records a remedy, never an officer of the case nor an
    enforcement officer. A role refusal, so 403 as for every role (the steps offer it to neither),
    but naming the rule and its article in the body."""
    if actor.bureau_id == case.bureau_id and (
        actor.has_role(Role.OFFICER) or case.officers.filter(pk=actor.pk).exists()
    ):
        found = proof.remedy_recorder(
            is_reviewer_or_head=actor.has_role(Role.REVIEWER, Role.HEAD),
            is_case_officer=case.officers.filter(pk=actor.pk).exists(),
        )
        if found:
            raise Forbidden(
                found[0].message,
                article=found[0].article,
                details={"rule": found[0].rule, "permission": "penalties.remedy"},
            )
    require(actor, "penalties.remedy", case)


def record_remedy(
    case_id: int,
    *,
    actor: Staff,
    kind: str,
    filed_on: dt.date,
    body: str = "",
    note: str = "",
    proof_number: str = "",
    proof_date: dt.date | None = None,
    backdate_reason: str = "",
    backdate_approved_by: str = "",
) -> RemedyProceeding:
    """XF-73: a 复议/诉讼 recorded with its acceptance notice by the reviewer or the head; only such
    a proceeding pauses the surcharge while pending."""
    if kind not in RemedyProceeding.Kind.values:
        raise Invalid("类别无效", details={"kind": "应为 reconsideration 或 litigation"})
    with transaction.atomic():
        case = _lock(case_id)
        _recorder(actor, case)
        _state(case, "record_remedy")
        enforce(proof.remedy_proof(proof_number=proof_number, proof_date=proof_date, body=body))
        assert proof_date is not None
        pending = case.remedies.filter(kind=kind, concluded_on__isnull=True).exists()
        enforce(
            checks.remedy(
                served_on=case.served_on,
                filed_on=filed_on,
                today=clock.today(),
                pending_same_kind=pending,
            )
        )
        _dates.after(
            proof_date,
            filed_on,
            field="proof_date",
            label="受理通知书日期",
            earlier_label="申请/起诉日期",
        )
        backdated, _ = _dates.backdate(
            actor,
            filed_on,
            field="filed_on",
            label="申请/起诉日期",
            reason=backdate_reason,
            approved_by=backdate_approved_by,
        )
        r = RemedyProceeding.objects.create(
            case=case,
            kind=kind,
            filed_on=filed_on,
            body=body.strip(),
            note=note,
            proof_number=proof_number.strip(),
            proof_date=proof_date,
            recorded_by=actor,
        )
        record(
            actor,
            "penalty.remedy.record",
            case,
            {
                "remedy": r.pk,
                "kind": kind,
                "filed_on": filed_on.isoformat(),
                "body": r.body,
                "proof_number": r.proof_number,
                "proof_date": proof_date.isoformat(),
                **backdated,
            },
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
    backdate_reason: str = "",
    backdate_approved_by: str = "",
) -> RemedyProceeding:
    _not_future(concluded_on, "concluded_on", "审结日期")
    with transaction.atomic():
        case = _lock(case_id)
        _recorder(actor, case)
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
        _dates.after(
            concluded_on,
            r.proof_date or r.filed_on,
            field="concluded_on",
            label="审结日期",
            earlier_label="受理日期" if r.proof_date else "申请/起诉日期",
        )
        backdated, _ = _dates.backdate(
            actor,
            concluded_on,
            field="concluded_on",
            label="审结日期",
            reason=backdate_reason,
            approved_by=backdate_approved_by,
        )
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
                **backdated,
            },
        )
    return r
