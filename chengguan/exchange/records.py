"""What the province receives of each record (docs/exchange.md, schemas/*.json): a snapshot of
the business row as it stands, with personal data cut to what 双公示 shows — a person's name masked,
no ID number, phone or address; an organisation's name and 统一社会信用代码 in clear (they are public
on the licence and the decision anyway)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from chengguan.core.pii import mask_name
from chengguan.exchange.models import Kind
from chengguan.inspections.models import Inspection
from chengguan.penalties.models import PenaltyCase
from chengguan.permits.models import PermitApplication

SCHEMA = "chengguan.exchange/1"
# The JSON Schemas of the envelope and of each kind's record, published in docs/exchange.md.
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


def _d(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _money(value: Decimal | None) -> str | None:
    return f"{value:.2f}" if value is not None else None


def _party(kind: str, name: str, code: str) -> dict[str, Any]:
    if kind == "person":
        return {"kind": "person", "name": mask_name(name)}
    return {"kind": "organisation", "name": name, "credit_code": code}


def penalty_case(pk: int) -> dict[str, Any] | None:
    case = PenaltyCase.objects.select_related("party", "power_item", "unit").filter(pk=pk).first()
    if case is None:
        return None
    party = case.party
    return {
        "number": case.number,
        "unit": case.unit.code if case.unit else None,
        "procedure": case.procedure,
        "status": case.status,
        "source": case.source,
        "power_item": {"code": case.power_item.code, "name": case.power_item.name}
        if case.power_item
        else None,
        "party": _party(party.kind, party.name, party.credit_code or "") if party else None,
        "act_date": _d(case.act_date),
        "discovered_date": _d(case.discovered_date),
        "registered_on": _d(case.registered_on),
        "concluded_on": _d(case.concluded_on),
        "decision": {
            "kind": case.decision_kind,
            "decided_on": _d(case.decided_on),
            "number": case.decision_number,
            "penalty_types": list(case.penalty_types or []),
            "fine_amount": _money(case.fine_amount),
            "confiscation_amount": _money(case.confiscation_amount),
            "level": case.level,
            "revoked_on": _d(case.decision_revoked_on),
        }
        if case.decided_on
        else None,
        "transferred_to": case.transferred_to or None,
        "served_on": _d(case.served_on),
        "service_method": case.service_method or None,
        "paid_on": _d(case.paid_on),
        "paid_amount": _money(case.paid_amount),
        "closed_on": _d(case.closed_on),
        "archived_on": _d(case.archived_on),
    }


def inspection(pk: int) -> dict[str, Any] | None:
    row = Inspection.objects.select_related("item", "entity", "unit").filter(pk=pk).first()
    if row is None:
        return None
    entity = row.entity
    return {
        "code": row.code,
        "unit": row.unit.code if row.unit else None,
        "item": {"code": row.item.code, "name": row.item.name} if row.item else None,
        "object": _party(
            "organisation" if entity.kind != "person" else "person",
            entity.name,
            entity.credit_code,
        )
        | {"object_kind": entity.kind, "town": entity.town},
        "reason": row.reason,
        "status": row.status,
        "planned_on": _d(row.planned_on),
        "approved_on": _d(row.approved_on),
        "recorded_on": _d(row.recorded_on),
        "problems_found": None if row.ok is None else not row.ok,
        "result_told_on": _d(row.result_told_on),
        "correction": {
            "ordered_on": _d(row.correction_ordered_on),
            "deadline": _d(row.correction_deadline),
            "rechecked_on": _d(row.rechecked_on),
            "met": row.recheck_met,
        }
        if row.correction_ordered_on
        else None,
        "penalty_case_number": row.case_number or None,
        "closed_on": _d(row.closed_on),
    }


def permit(pk: int) -> dict[str, Any] | None:
    app = PermitApplication.objects.select_related("kind", "unit").filter(pk=pk).first()
    if app is None:
        return None
    organisation = app.applicant_kind == "organisation"
    return {
        "number": app.number,
        "unit": app.unit.code if app.unit else None,
        "kind": {"code": app.kind.code, "name": app.kind.name},
        "channel": app.channel,
        "external_number": app.external_number or None,
        "applicant": _party(
            app.applicant_kind, app.applicant_name, app.applicant_id if organisation else ""
        ),
        "status": app.status,
        "received_on": _d(app.received_on),
        "accepted_on": _d(app.accepted_on),
        "decided_on": _d(app.decided_on),
        "decided_late": app.decided_late,
        "valid_from": _d(app.valid_from),
        "valid_to": _d(app.valid_to),
    }


# The ledger's subject types (`label_lower` of the model) and the snapshot each one sends.
SOURCES: dict[str, tuple[str, Callable[[int], dict[str, Any] | None]]] = {
    "penalties.penaltycase": (Kind.PENALTY_CASE, penalty_case),
    "inspections.inspection": (Kind.INSPECTION, inspection),
    "permits.permitapplication": (Kind.PERMIT, permit),
}


def digest(record: dict[str, Any]) -> str:
    canonical = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
