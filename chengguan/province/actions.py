"""A supervisor's read of one case file of an overseen bureau (issue #16, decision 085).

Not a write to the case: nothing about it changes. But the file names people, so every read is an
entry on the **bureau's** chain — the bureau sees who above it read which file, and when (PI-1) —
in the same transaction as the read. The clear ID number and phone are never returned: the party's
ID is masked, the requester of a city case is masked; what a supervisor needs is the procedure.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from chengguan.citycases.models import CityCase
from chengguan.core.errors import NotFound
from chengguan.core.pii import mask_id_number, mask_name, mask_phone
from chengguan.ledger.actions import record
from chengguan.ledger.queries import timeline
from chengguan.org.models import Staff
from chengguan.penalties.models import PenaltyCase
from chengguan.province.queries import bureau

PERSONAL_DATA = ["party.name", "party.id_number(masked)", "facts"]


def _steps(subject: Any) -> list[dict[str, Any]]:
    return [
        {"seq": e.seq, "at": e.at, "action": e.action}
        for e in timeline(subject).exclude(action__startswith="province.")
    ]


def read_penalty_case(*, actor: Staff, bureau_code: str, case_id: int) -> dict[str, Any]:
    unit = bureau(actor, bureau_code)
    with transaction.atomic():
        case = (
            PenaltyCase.objects.select_related("party", "power_item", "unit")
            .filter(bureau=unit, pk=case_id)
            .first()
        )
        if case is None:
            raise NotFound("未找到该案件")
        record(
            actor,
            "province.penalty_case.read",
            case,
            {"body": actor.bureau.code if actor.bureau else None, "personal_data": PERSONAL_DATA},
            bureau_id=unit.pk,
        )
    party = case.party
    return {
        "bureau": unit.code,
        "id": case.pk,
        "number": case.number,
        "status": case.status,
        "status_label": case.get_status_display(),
        "procedure": case.procedure,
        "unit": case.unit.name,
        "power_item": case.power_item.name,
        "party": {
            "kind": party.kind,
            "name": party.name,
            "id_number": mask_id_number(party.id_number) if party.id_number else "",
        },
        "facts": case.facts,
        "act_date": case.act_date,
        "registered_on": case.registered_on,
        "decided_on": case.decided_on,
        "decision_kind": case.decision_kind,
        "penalty_types": case.penalty_types,
        "fine_amount": f"{case.fine_amount:.2f}" if case.fine_amount is not None else None,
        "steps": _steps(case),
    }


def read_city_case(*, actor: Staff, bureau_code: str, case_id: int) -> dict[str, Any]:
    unit = bureau(actor, bureau_code)
    with transaction.atomic():
        case = CityCase.objects.select_related("category").filter(bureau=unit, pk=case_id).first()
        if case is None:
            raise NotFound("未找到该案件")
        record(
            actor,
            "province.city_case.read",
            case,
            {
                "body": actor.bureau.code if actor.bureau else None,
                "personal_data": ["requester(masked)", "description"],
            },
            bureau_id=unit.pk,
        )
    return {
        "bureau": unit.code,
        "id": case.pk,
        "number": case.number,
        "source": case.source,
        "status": case.status,
        "status_label": case.get_status_display(),
        "category": case.category.name if case.category_id else None,
        "description": case.description,
        "address": case.address,
        "reported_at": case.reported_at,
        "requester": {
            "name": mask_name(case.requester_name) if case.requester_name else "",
            "phone": mask_phone(case.requester_phone) if case.requester_phone else "",
        },
        "steps": _steps(case),
    }
