"""The end of a case: 结案 and 归档."""

from __future__ import annotations

from django.db import transaction

from chengguan.core import clock
from chengguan.core.errors import StateError, enforce
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.penalties import checks, money
from chengguan.penalties.actions._common import (
    _lock,
    _state,
)
from chengguan.penalties.models import (
    PenaltyCase,
)
from chengguan.penalties.states import Status
from chengguan.penalties.transitions import transition


def close(case_id: int, *, actor: Staff) -> PenaltyCase:
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.close", case)
        _state(case, "close")
        if case.status == Status.SERVED and case.fine_amount and case.paid_on is None:
            raise StateError("罚款尚未缴纳，不能结案；逾期不缴纳的依法申请强制执行")
        if case.status == Status.ENFORCEMENT:
            app = case.enforcements.first()
            if app is None or not app.concluded:
                raise StateError(
                    "人民法院强制执行尚未终结，不能结案；请先登记法院的执行结果"
                    "（执行完毕、终结执行或不准予执行）"
                )
        enforce(checks.close(case, cash_not_deposited=len(money.cash_not_deposited(case))))
        case.closed_on = clock.today()
        case.closed_by = actor
        transition(
            case,
            to=Status.CLOSED,
            actor=actor,
            action="penalty.close",
            payload={"closed_on": case.closed_on.isoformat()},
            update_fields=["closed_on", "closed_by"],
        )
    return case


def archive(case_id: int, *, actor: Staff) -> PenaltyCase:
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.archive", case)
        _state(case, "archive")
        case.archived_on = clock.today()
        transition(
            case,
            to=Status.ARCHIVED,
            actor=actor,
            action="penalty.archive",
            payload={"archived_on": case.archived_on.isoformat()},
            update_fields=["archived_on"],
        )
    return case
