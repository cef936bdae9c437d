"""XF-29.2 (second part, helper:execution): the legal reviewer's recorded confirmation that a
second case of the same party with similar facts close in time is a separate act, so it may be
fined too. Without it the decision's fine is refused (``_common.separate_act_checks``)."""

from __future__ import annotations

from django.db import transaction

from chengguan.core import clock
from chengguan.core.errors import Invalid, StateError
from chengguan.ledger.actions import record
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.penalties.actions._common import _lock, similar_for
from chengguan.penalties.models import PenaltyCase, SeparateAct


def confirm_separate_act(case_id: int, *, actor: Staff, other_id: int, reason: str) -> SeparateAct:
    """The reviewer confirms, with the reason, that this case's act is not the one already fined
    in ``other_id`` (XF-29.2); recorded before this case's decision."""
    if not reason.strip():
        raise Invalid(
            "请写明认定为另一违法行为的理由（时间、地点、行为方式等不同之处）",
            details={"reason": "必填"},
        )
    with transaction.atomic():
        case: PenaltyCase = _lock(case_id)
        require(actor, "penalties.review", case)
        if case.decided_on is not None:
            raise StateError(
                "本案已作出决定，另一违法行为的确认应在决定前记录", details={"status": case.status}
            )
        similar = dict(similar_for(case))
        if other_id not in similar:
            raise Invalid(
                "该案件不是同一当事人相近期间内已罚款的案件，无需确认",
                details={"other_id": "不是需要确认的相近案件"},
            )
        if case.separate_acts.filter(other_id=other_id).exists():
            raise StateError("已确认过该案件", details={"other_id": other_id})
        row = SeparateAct.objects.create(
            case=case,
            other_id=other_id,
            reviewer=actor,
            reason=reason.strip(),
            confirmed_on=clock.today(),
        )
        record(
            actor,
            "penalty.separate_act",
            case,
            {"separate_act": row.pk, "other": similar[other_id], "reason": row.reason},
        )
    return row
