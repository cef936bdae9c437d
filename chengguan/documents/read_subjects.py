"""An inspection, a seizure and a permit application, read into the plain data their 文书 print."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.urls import reverse

from chengguan.core import clock
from chengguan.documents.casedata import bureau_data
from chengguan.documents.data import Officer, Party
from chengguan.documents.subject_data import (
    ExecutionData,  # --- helper:execdocs ---
    InspectionData,
    PermitData,
    SeizedItem,
    SeizureData,
    SuggestionData,
)
from chengguan.execution.models import Execution  # --- helper:execdocs ---
from chengguan.inspections.models import Inspection, SupervisedEntity
from chengguan.measures.models import Seizure
from chengguan.org.models import Staff
from chengguan.penalties.models import PenaltyCase
from chengguan.permits.models import PermitApplication
from chengguan.suggestions.models import Suggestion
from chengguan.suggestions.states import Kind as SuggestionKind


def verify_url(code: str) -> str:
    """The public page that checks an inspection code (JC-5), absolute for a phone's camera.

    From the setting, never from the request's Host header: a 文书 is an official paper, and a
    forged header must not put another site's address on it."""
    base = str(getattr(settings, "PORTAL_BASE_URL", "")).rstrip("/")
    return base + reverse("portal:inspection-code", args=[code])


def _officer(person: Staff, on: dt.date, shown: dict[str, str]) -> Officer:
    number = shown.get(person.username, "")
    if not number:
        cert = next((c for c in person.certificates.all() if c.is_valid(on)), None)
        number = cert.number if cert else ""
    return Officer(person.display_name, number)


def _shown(rows: Any) -> dict[str, str]:
    """``[{"officer": username, "number": …}]`` as recorded when the certificates were shown."""
    out: dict[str, str] = {}
    for row in rows or []:
        if isinstance(row, dict) and row.get("officer"):
            out[str(row["officer"])] = str(row.get("number") or "")
    return out


def _entity(entity: SupervisedEntity) -> Party:
    # An enterprise or a trader with a 统一社会信用代码 is named by it; a site by its address only.
    if entity.credit_code:
        return Party("organisation", entity.name, entity.credit_code, entity.address)
    return Party("organisation", entity.name, "", entity.address)


def inspection_data(i: Inspection) -> InspectionData:
    items = list(i.items.order_by("code")) or [i.item]
    if i.item not in items:
        items.insert(0, i.item)
    shown = _shown(i.certificates)
    officers = i.officers.prefetch_related("certificates").order_by("id")
    power = i.item.power_item
    return InspectionData(
        bureau=bureau_data(i.bureau),
        unit=i.unit.name,
        code=i.code,
        items=tuple(item.name for item in items),
        basis=tuple(dict.fromkeys(item.basis.strip() for item in items if item.basis.strip())),
        entity=_entity(i.entity),
        reason=i.get_reason_display(),
        planned_on=i.planned_on,
        officers=tuple(_officer(p, i.planned_on, shown) for p in officers),
        verify_url=verify_url(i.code),
        approved_on=i.approved_on,
        approver=i.approved_by.display_name if i.approved_by else "",
        recorded_on=i.recorded_on,
        findings=i.findings,
        ok=i.ok,
        result=i.result,
        result_told_on=i.result_told_on,
        correction_content=i.correction_content,
        correction_deadline=i.correction_deadline,
        correction_ordered_on=i.correction_ordered_on,
        correction_provision=power.violated_provision or power.legal_basis,
        rechecked_on=i.rechecked_on,
        recheck_met=i.recheck_met,
        recheck_record=i.recheck_record,
        recheck_by=i.rechecked_by.display_name if i.rechecked_by else "",
        case_number=i.case_number,
        issued_on=clock.today(),
    )


def case_party(case: PenaltyCase) -> Party:
    party = case.party
    return Party(
        kind=party.kind,
        name=party.name,
        id_number=(party.id_number if party.kind == party.Kind.PERSON else party.credit_code) or "",
        address=party.address or "",
        phone=party.phone or "",
        legal_representative=party.legal_representative,
    )


def seizure_data(s: Seizure) -> SeizureData:
    case = s.case
    shown = _shown(s.certificates)
    people = {p.username: p for p in Staff.objects.filter(username__in=list(shown))}
    officers = tuple(
        Officer(people[u].display_name if u in people else u, number) for u, number in shown.items()
    )
    items = tuple(
        SeizedItem(
            name=str(row.get("name") or ""),
            quantity=str(row.get("quantity") or ""),
            unit=str(row.get("unit") or ""),
            note=str(row.get("note") or ""),
        )
        for row in s.items or []
        if isinstance(row, dict)
    )
    return SeizureData(
        bureau=bureau_data(s.bureau),
        measure=s.get_kind_display(),
        case_number=case.number,
        cause=case.power_item.name,
        party=case_party(case),
        facts=case.facts,
        legal_basis=case.power_item.legal_basis,
        items=items,
        place=s.place,
        condition=s.condition,
        held_on=s.held_on,
        decide_by=s.decide_by,
        officers=officers,
        emergency=s.emergency,
        approved_on=clock.local(s.approved_at).date() if s.approved_at else None,
        approver=s.approved_by.display_name if s.approved_by else "",
        party_present=s.party_present,
        witnesses=tuple(str(w) for w in s.witnesses or []),
        extended_on=s.extended_on,
        extension_days=s.extension_days,
        extension_reason=s.extension_reason,
        released_on=s.released_on,
        release_reason=s.get_release_reason_display() if s.release_reason else "",
        release_note=s.release_note,
        returned_on=s.returned_on,
        issued_on=clock.today(),
    )


def permit_data(app: PermitApplication) -> PermitData:
    person = app.applicant_kind == "person"
    return PermitData(
        bureau=bureau_data(app.bureau),
        application_number=app.number,
        kind_name=app.kind.name,
        legal_basis=app.kind.legal_basis,
        applicant=Party(
            kind="person" if person else "organisation",
            name=app.applicant_name,
            id_number=app.applicant_id or "",
            phone=app.applicant_phone or "",
        ),
        location=app.location,
        period=app.period,
        materials=tuple(str(m) for m in app.materials or []),
        received_on=app.received_on,
        accept_by=app.accept_by,
        accepted_on=app.accepted_on,
        missing=tuple(str(m) for m in app.missing or []),
        materials_requested_on=app.materials_requested_on,
        decide_by=app.decide_by,
        extended=app.extended,
        extension_reason=app.extension_reason,
        decided_on=app.decided_on,
        granted=(
            True
            if app.status == PermitApplication.Status.GRANTED
            else False
            if app.status == PermitApplication.Status.REFUSED
            else None
        ),
        reasons=app.reasons,
        remedies=app.remedies,
        valid_from=app.valid_from,
        valid_to=app.valid_to,
        conditions=app.conditions or app.kind.conditions,
        issued_on=clock.today(),
    )


def suggestion_data(s: Suggestion) -> SuggestionData:
    reply = s.replies.order_by("-round", "-id").first()
    co = tuple(u.name for u in s.units.order_by("id") if u.pk != s.lead_unit_id)
    return SuggestionData(
        bureau=bureau_data(s.bureau),
        kind=s.get_kind_display(),
        addressee="委员" if s.kind == SuggestionKind.CPPCC else "代表",
        number=s.number,
        title=s.title,
        assigned_on=s.assigned_on,
        lead_unit=s.lead_unit.name,
        co_units=co,
        reply_text=reply.text if reply else "",
        replied_on=reply.replied_on if reply else None,
        round=reply.round if reply else 0,
        issued_on=clock.today(),
    )


# --- helper:execdocs --- decision 090
def _minute_text(at: dt.datetime | None) -> str:
    if at is None:
        return ""
    local = clock.local(at)
    return f"{local.year}年{local.month}月{local.day}日{local.hour}时{local.minute:02d}分"


def execution_data(ex: Execution) -> ExecutionData:
    """An execution and its case, as its 催告书, 强制执行决定书 and 强制拆除公告 print them."""
    case = ex.case
    method = ex.demand_method
    method_label = (
        PenaltyCase.ServiceMethod(method).label
        if method in PenaltyCase.ServiceMethod.values
        else method
    )
    on = ex.decided_on or ex.demand_served_on
    officers = tuple(
        Officer(
            p.display_name,
            next((c.number for c in p.certificates.all() if c.is_valid(on)), ""),
        )
        for p in case.officers.prefetch_related("certificates").order_by("id")
    )
    order = ex.correction
    return ExecutionData(
        bureau=bureau_data(ex.bureau),
        case_number=case.number,
        cause=case.power_item.name,
        party=case_party(case),
        kind=ex.kind,
        kind_label=ex.get_kind_display(),
        basis=ex.basis,
        obligation=ex.obligation,
        decision_title="当场处罚决定书"
        if case.procedure == PenaltyCase.Procedure.SIMPLE
        else "行政处罚决定书",
        decision_number=case.decision_number,
        decided_on=case.decided_on,
        served_on=case.served_on,
        demand_served_on=ex.demand_served_on,
        demand_method=str(method_label),
        demand_perform_by=ex.demand_perform_by,
        demand_way=ex.demand_way,
        demand_amount=ex.demand_amount,
        rights_told=ex.rights_told,
        correction=order.content if order else "",
        correction_deadline=order.deadline if order else None,
        correction_checked_on=order.checked_on if order else None,
        statement_on=ex.statement_received_on,
        statement=ex.statement,
        statement_none=ex.statement_none,
        review_opinion=ex.review_opinion,
        review_adopted=ex.review_adopted,
        executed_decided_on=ex.decided_on,
        decision_reason=ex.decision_reason,
        method=ex.method,
        scheduled_text=_minute_text(ex.scheduled_at),
        emergency=ex.emergency,
        emergency_reason=ex.emergency_reason,
        notice_posted_on=ex.notice_posted_on,
        notice_place=ex.notice_place,
        notice_demolish_by=ex.notice_demolish_by,
        officers=officers,
        issued_on=clock.today(),
    )


# --- /helper:execdocs ---
