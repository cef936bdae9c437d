"""涉及的许可 (issue #14, helper:permits2): a penalty case names the permit its matter breaks, or
无证 with the kind of permit the activity lacks. Not a procedural step: the status is unchanged;
the ledger keeps each statement and the latest is the case's."""

from __future__ import annotations

from django.db import transaction

from chengguan.core.errors import StateError
from chengguan.ledger.actions import record
from chengguan.org.models import Staff
from chengguan.penalties.actions._common import _lock, _on_case
from chengguan.penalties.models import PenaltyCase
from chengguan.penalties.states import OPEN
from chengguan.permits import actions as permit_actions
from chengguan.permits import queries as permit_queries


def link_permit(
    case_id: int, *, actor: Staff, permit: str = "", unlicensed_kind: str = "", note: str = ""
) -> PenaltyCase:
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        if case.status not in OPEN:
            raise StateError("案件已结案或归档，不能再登记涉及的许可", details={})
        link = permit_actions.record_link(
            actor=actor, permit=permit, unlicensed_kind=unlicensed_kind, note=note
        )
        case.permit_link = link
        case.save(update_fields=["permit_link"])
        record(
            actor,
            "penalty.permit_link",
            case,
            {"number": case.number, "permit_link": permit_queries.link_payload(link)},
        )
    return case
