"""XF-74: the disposal of confiscated goods, recorded against the decision that confiscated them.

A side step: it changes no status (the case may be served, paid, in enforcement or closed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from chengguan.core.errors import Invalid, enforce
from chengguan.ledger.actions import record
from chengguan.org.models import Staff
from chengguan.penalties.actions import _dates
from chengguan.penalties.actions._common import _lock, _money, _not_future, _on_case
from chengguan.penalties.checks import transfer as rules
from chengguan.penalties.models import Disposal, PenaltyCase
from chengguan.penalties.states import SIDE_STEPS
from chengguan.penalties.transitions import refuse

# After the decision, until the file is archived.
DISPOSE_FROM = SIDE_STEPS["dispose"]


def dispose(
    case_id: int,
    *,
    actor: Staff,
    method: str,
    items: str,
    disposed_on: dt.date,
    auctioneer: str = "",
    proceeds: Any = None,
    treasury_voucher: str = "",
    witnesses: Sequence[str] | None = None,
    basis: str = "",
    note: str = "",
) -> Disposal:
    if method not in Disposal.Method.values:
        raise Invalid("处置方式无效", details={"method": "应为 auction|destruction|state_rules"})
    if not items.strip():
        raise Invalid("请写明处置的物品", details={"items": "必填"})
    amount = _money(proceeds, "proceeds")
    names = [w.strip() for w in (witnesses or []) if isinstance(w, str) and w.strip()]
    _not_future(disposed_on, "disposed_on", "处置日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        if case.status not in DISPOSE_FROM:
            raise refuse(case, "dispose")
        _dates.after(
            disposed_on,
            case.decided_on,
            field="disposed_on",
            label="处置日期",
            earlier_label="处罚决定日期",
        )
        enforce(
            rules.disposal(
                method=method,
                confiscated="confiscate_property" in (case.penalty_types or []),
                revoked=case.decision_revoked_on is not None,
                remedy_pending=case.remedies.filter(concluded_on__isnull=True).exists(),
                auctioneer=auctioneer,
                proceeds_recorded=amount is not None,
                treasury_voucher=treasury_voucher,
                witnesses=len(set(names)),
                basis=basis,
            )
        )
        row = Disposal.objects.create(
            case=case,
            method=method,
            items=items.strip(),
            disposed_on=disposed_on,
            auctioneer=auctioneer.strip(),
            proceeds=amount,
            treasury_voucher=treasury_voucher.strip(),
            witnesses=names,
            basis=basis.strip(),
            note=note.strip(),
            recorded_by=actor,
        )
        record(
            actor,
            "penalty.dispose",
            case,
            {
                "disposal": row.pk,
                "method": method,
                "items": row.items,
                "disposed_on": disposed_on.isoformat(),
                "decision_number": case.decision_number,
                "proceeds": str(amount) if amount is not None else None,
                "treasury_voucher": row.treasury_voucher or None,
                "witnesses": names or None,
                "basis": row.basis or None,
            },
        )
    return row


def disposals(case: PenaltyCase) -> list[Disposal]:
    return list(case.disposals.all())
