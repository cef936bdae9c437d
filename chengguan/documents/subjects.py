"""The subjects a 文书 may belong to besides a penalty case (decision 081), as data: how each one is
read within the reader's scope, which permission prints its 文书, how its content is built.

A subject's 文书 have the audience of the subject: the domain's own scoped query answers first
(wrong role 403, another bureau or another team/unit 404, exactly as the domain's own GET), then the
documents permission of that subject.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Model

from chengguan.documents import (
    compose_execution,  # --- helper:execdocs ---
    compose_inspections,
    compose_measures,
    compose_permits,
    compose_suggestions,
)
from chengguan.documents import read_subjects as read
from chengguan.documents.layout import Layout
from chengguan.documents.models import DocumentNumber
from chengguan.documents.subject_kinds import KINDS, Subject
from chengguan.execution import queries as execution_queries  # --- helper:execdocs ---
from chengguan.execution.models import Execution  # --- helper:execdocs ---
from chengguan.inspections import queries as inspection_queries
from chengguan.inspections.models import Inspection
from chengguan.measures import queries as measure_queries
from chengguan.measures.models import Seizure
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.permits import queries as permit_queries
from chengguan.permits.models import PermitApplication
from chengguan.permits.states import ApplicantKind
from chengguan.suggestions import queries as suggestion_queries
from chengguan.suggestions.models import Suggestion


@dataclass(frozen=True)
class Spec:
    subject: str  # Subject value, also the FK's name on Document / DocumentNumber
    model: type[Model]
    path: str  # the API's collection: /api/v1/<path>/{id}/documents
    scoped: Callable[[Staff, int], Any]  # the domain's own scoped read
    build: Callable[[Any, str, str], Layout]  # (subject row, kind, 文号) → layout
    unavailable: Callable[[Any, str], str]  # (subject row, kind) → reason or ""
    # What its 文书 name of a natural person (PI-1): a kept-copy download is recorded if any.
    personal_data: Callable[[Any], list[str]]
    # Whose ledger story the 文书 belongs to: the subject itself, or (a seizure, decision 070)
    # the case it is part of, with the subject's id in the payload.
    ledger_subject: Callable[[Any], Any] = lambda row: row

    @property
    def kinds(self) -> list[str]:
        return list(KINDS[self.subject].values)

    @property
    def view_perm(self) -> str:
        return f"documents.{self.subject}.view"

    @property
    def generate_perm(self) -> str:
        return f"documents.{self.subject}.generate"

    def visible(self, actor: Staff, pk: int) -> Any:
        row = self.scoped(actor, pk)
        require(actor, self.view_perm, row)
        return row


def _inspection(actor: Staff, pk: int) -> Inspection:
    found = inspection_queries.inspection(actor, pk)
    return Inspection.objects.select_related(
        "bureau", "unit", "item__power_item", "entity", "approved_by", "rechecked_by"
    ).get(pk=found.pk)


def _seizure(actor: Staff, pk: int) -> Seizure:
    found = measure_queries.seizure(actor, pk)
    return Seizure.objects.select_related(
        "bureau", "case__party", "case__power_item", "approved_by"
    ).get(pk=found.pk)


def _permit(actor: Staff, pk: int) -> PermitApplication:
    found = permit_queries.application(actor, pk)
    return PermitApplication.objects.select_related("bureau", "kind").get(pk=found.pk)


def _suggestion(actor: Staff, pk: int) -> Suggestion:
    found = suggestion_queries.suggestion(actor, pk)
    return Suggestion.objects.select_related("bureau", "lead_unit").get(pk=found.pk)


def _number_of(field: str, row: Model, kind: str) -> str:
    return (
        DocumentNumber.objects.filter(**{field: row, "kind": kind})
        .values_list("number", flat=True)
        .first()
        or ""
    )


def _seizure_data(s: Seizure) -> Any:
    return replace(
        read.seizure_data(s),
        decision_number=_number_of("seizure", s, compose_measures.K.DECISION),
    )


def _permit_data(app: PermitApplication) -> Any:
    return replace(
        read.permit_data(app),
        decision_number=_number_of("permit", app, compose_permits.K.GRANT),
    )


# --- helper:execdocs --- decision 090: an execution is read through its case's scope
def _execution(actor: Staff, pk: int) -> Execution:
    found = execution_queries.execution(actor, pk)
    return Execution.objects.select_related(
        "bureau", "case__party", "case__power_item", "correction"
    ).get(pk=found.pk)


def _execution_data(ex: Execution) -> Any:
    return replace(
        read.execution_data(ex),
        demand_number=_number_of("execution", ex, compose_execution.K.DEMAND),
        execution_decision_number=_number_of("execution", ex, compose_execution.K.DECISION),
    )


# --- /helper:execdocs ---


SPECS: dict[str, Spec] = {
    Subject.INSPECTION: Spec(
        subject=Subject.INSPECTION,
        model=Inspection,
        path="inspections",
        scoped=_inspection,
        build=lambda row, kind, number: compose_inspections.BUILDERS[kind](
            read.inspection_data(row), number
        ),
        unavailable=lambda row, kind: compose_inspections.unavailable_reason(
            read.inspection_data(row), kind
        ),
        # An inspected object is an enterprise, a site or a trader by its business name.
        personal_data=lambda row: [],
    ),
    Subject.SEIZURE: Spec(
        subject=Subject.SEIZURE,
        model=Seizure,
        path="seizures",
        scoped=_seizure,
        build=lambda row, kind, number: compose_measures.BUILDERS[kind](_seizure_data(row), number),
        unavailable=lambda row, kind: compose_measures.unavailable_reason(
            read.seizure_data(row), kind
        ),
        # The case's party, as on every 文书 of the case (decision 067).
        personal_data=lambda row: ["party_name", "id_number", "address", "phone"],
        ledger_subject=lambda row: row.case,
    ),
    Subject.PERMIT: Spec(
        subject=Subject.PERMIT,
        model=PermitApplication,
        path="permits",
        scoped=_permit,
        build=lambda row, kind, number: compose_permits.BUILDERS[kind](_permit_data(row), number),
        unavailable=lambda row, kind: compose_permits.unavailable_reason(
            read.permit_data(row), kind
        ),
        personal_data=lambda row: (
            ["applicant_name", "id_number", "phone"]
            if row.applicant_kind == ApplicantKind.PERSON
            else []
        ),
    ),
    Subject.SUGGESTION: Spec(
        subject=Subject.SUGGESTION,
        model=Suggestion,
        path="suggestions",
        scoped=_suggestion,
        build=lambda row, kind, number: compose_suggestions.BUILDERS[kind](
            read.suggestion_data(row), number
        ),
        unavailable=lambda row, kind: compose_suggestions.unavailable_reason(
            read.suggestion_data(row), kind
        ),
        # The letter names the delegate by office only (代表/委员), no person's data.
        personal_data=lambda row: [],
    ),
    # --- helper:execdocs ---
    Subject.EXECUTION: Spec(
        subject=Subject.EXECUTION,
        model=Execution,
        path="executions",
        scoped=_execution,
        build=lambda row, kind, number: compose_execution.BUILDERS[kind](
            _execution_data(row), number
        ),
        unavailable=lambda row, kind: compose_execution.unavailable_reason(
            read.execution_data(row), kind
        ),
        # The case's party, as on every 文书 of the case (decision 067).
        personal_data=lambda row: ["party_name", "id_number", "address", "phone"],
        # The case's ledger tells the execution's story, as for a seizure (decision 070).
        ledger_subject=lambda row: row.case,
    ),
    # --- /helper:execdocs ---
}


def spec(subject: str) -> Spec:
    return SPECS[subject]
