"""Legal and procedural checks of a penalty case: pure functions returning Violations (rule ids).

They read only what they are given (records already loaded by the action), never write, and never
raise for a legal refusal: the action calls ``enforce(...)`` on what they return. Split by phase
(``opening``: opening a case and the content of a decision; ``procedure``: what follows); callers
import the package, ``checks.hearing(...)``.
"""

from __future__ import annotations

# --- helper:hearing2 ---
from .hearing import (
    chair_challenge,
    chair_named,
    deviation_approved,
    discussion_participants,
    hearing_held,
    review_basis,
    review_current,
    reviewer_never_investigated,
)

# --- /helper:hearing2 ---
from .opening import (
    CONFISCATION_TYPES,
    GROUNDS,
    MANDATORY_MITIGATION,
    NO_PENALTY,
    OTHER_GROUNDS,
    PENALTY_OUTCOMES,
    Decision,
    before_decision,
    benchmark,
    correction,
    decision_from_json,
    discussion_needed,
    exemption_applies,
    hearing_right,
    hearing_types,
    limitation,
    minors,
    mitigation,
    not_heavier,
    officers_may_act,
    penalty_types,
    recused,
    review_reasons,
    second_fine,
    separation,
    simple_procedure,
)
from .procedure import (
    arrangement_application,
    cash_deposit,
    cash_hand_in,
    certificates_shown,
    close,
    demand,
    enforcement_application,
    extension,
    hearing,
    hearing_request,
    payment,
    preservation_decision,
    preservation_registration,
    preservations_decided,
    remedy,
    remote_collection,
    reviewer_qualified,
    service,
    statement_review,  # helper:forms
    waiver,
)

__all__ = [
    "CONFISCATION_TYPES",
    "GROUNDS",
    "MANDATORY_MITIGATION",
    "NO_PENALTY",
    "OTHER_GROUNDS",
    "PENALTY_OUTCOMES",
    "Decision",
    "arrangement_application",
    "before_decision",
    "benchmark",
    "cash_deposit",
    "cash_hand_in",
    "certificates_shown",
    "chair_challenge",  # helper:hearing2
    "chair_named",  # helper:hearing2
    "close",
    "correction",
    "decision_from_json",
    "demand",
    "deviation_approved",  # helper:hearing2
    "discussion_needed",
    "discussion_participants",  # helper:hearing2
    "enforcement_application",
    "exemption_applies",
    "extension",
    "hearing",
    "hearing_held",  # helper:hearing2
    "hearing_request",
    "hearing_right",
    "hearing_types",
    "limitation",
    "minors",
    "mitigation",
    "not_heavier",
    "officers_may_act",
    "payment",
    "penalty_types",
    "preservation_decision",
    "preservation_registration",
    "preservations_decided",
    "recused",
    "remedy",
    "remote_collection",  # helper:due3
    "review_basis",  # helper:hearing2
    "review_current",  # helper:hearing2
    "review_reasons",
    "reviewer_never_investigated",  # helper:hearing2
    "reviewer_qualified",
    "second_fine",
    "separation",
    "service",
    "simple_procedure",
    "statement_review",  # helper:forms
    "waiver",
]
