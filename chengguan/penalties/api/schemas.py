"""Penalty-case input schemas: the JSON body of each write endpoint.

Names are unique across every router (tests/api/test_openapi_schemas.py): two ninja schemas with one
name share one entry of the OpenAPI file, and the last one registered wins.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import Field


class PartyIn(Schema):
    kind: str
    name: str = Field(min_length=1, max_length=200)
    id_number: str | None = None
    credit_code: str | None = None
    birth_date: dt.date | None = None
    address: str | None = None
    phone: str | None = None
    legal_representative: str | None = None
    # --- content (PA-1, XF-30) ---
    document_type: str | None = None
    document_number: str | None = None
    birth_date_source: str | None = None
    # --- end content ---


class PenaltyDecisionIn(Schema):
    penalty_types: list[str] = []
    fine_amount: Decimal | None = Field(default=None, ge=0, decimal_places=2)
    confiscation_amount: Decimal | None = Field(default=None, ge=0, decimal_places=2)
    level: str
    grounds: list[str] = []
    correction: str = ""
    deviation_reason: str = ""
    exemption: str = ""
    education: str = ""
    # --- content (XF-28.2, XF-29.2, CL-4) ---
    fine_base: Decimal | None = Field(default=None, ge=0, decimal_places=2)
    illegal_income: Decimal | None = Field(default=None, ge=0, decimal_places=2)
    refund: str = ""
    also_breaches: list[str] = []
    # --- end content ---


class OpenIn(Schema):
    procedure: str
    power_item: str = Field(min_length=1)
    party: PartyIn
    facts: str = Field(min_length=1)
    act_date: dt.date
    act_end_date: dt.date | None = None
    discovered_date: dt.date
    officers: list[str] = Field(min_length=1)
    city_case: int | None = None
    decision: PenaltyDecisionIn | None = None
    grave_harm: bool = False
    complex_case: bool = False
    public_interest: bool = False
    refused_to_sign: bool = False
    # XF-52/XF-55: the officers who showed their certificates at the on-the-spot decision.
    certificates_shown: list[str] | None = None


class EvidenceIn(Schema):
    kind: str
    description: str = Field(min_length=1)
    blob: str | None = None
    collected_on: dt.date | None = None
    # XF-55: required for 询问笔录/现场检查笔录 (statement, witness, inspection_record).
    certificates_shown: list[str] = []
    # --- helper:execution --- TM-2.
    backdate_reason: str = ""
    backdate_approved_by: str = ""
    # --- /helper:execution ---


class ConcludeIn(Schema):
    outcome: str
    proposal: PenaltyDecisionIn | None = None
    report: str = ""


class ReviewIn(Schema):
    approved: bool
    opinion: str = Field(min_length=1)


class DiscussIn(Schema):
    participants: list[str]
    minutes: str = Field(min_length=1)
    conclusion: str = Field(min_length=1)
    # XF-60: the heads approve a further extension of the period.
    approves_extension: bool = False
    # --- helper:hearing2 --- CL-6: the proposal a ruling on a departure is about.
    about_level: str = ""
    about_fine: str | None = None
    approves_deviation: bool | None = None
    # --- /helper:hearing2 ---


class WaiveIn(Schema):
    # XF-62: the words of the written waiver, and the signed page or two witnessing officers.
    record: str = ""
    blob: str | None = None
    witnessed_by: list[str] = []


class NotifyIn(Schema):
    served_on: dt.date


class StatementIn(Schema):
    content: str = Field(min_length=1)
    accepted: bool
    received_on: dt.date | None = None
    review_opinion: str = Field("", max_length=4000)  # helper:forms: 复核意见 (XF-45)


# --- helper:forms ---
class RegisterIn(Schema):
    opinion: str = Field("", max_length=1000)  # 立案审批意见


# --- /helper:forms ---


class HearingRequestIn(Schema):
    requested_on: dt.date


class HearingIn(Schema):
    held_on: dt.date
    # XF-64: the chair is the one the head named (name_chair); if given, it must be that one.
    chair: str = ""
    record: str = Field(min_length=1)
    notified_on: dt.date | None = None
    public: bool = True
    # --- helper:hearing2 --- XF-64: read back and signed, or the refusal noted.
    transcript_signed: bool = False
    unsigned_note: str = ""


class NameChairIn(Schema):
    chair: str = Field(min_length=1)


class ChallengeChairIn(Schema):
    reason: str = Field(min_length=1)
    upheld: bool
    # --- /helper:hearing2 ---


class PenaltyDecideIn(PenaltyDecisionIn):
    transferred_to: str = ""


class ServeIn(Schema):
    served_on: dt.date
    # --- helper:execution --- SD-1/SD-2: "direct" when absent (old clients); what each method
    # needs; TM-2 for a back-dated entry.
    method: str = "direct"
    # --- /helper:execution ---
    consent: bool = False
    recipient: str = ""
    late_reason: str = ""
    # XF-52/XF-55: required when handing over an on-the-spot decision not recorded at opening.
    certificates_shown: list[str] | None = None
    # --- helper:execution ---
    witnesses: list[str] = []
    photo_blob: str | None = None
    receipt_signed_on: dt.date | None = None
    attempts: list[dict[str, Any]] = []
    backdate_reason: str = ""
    backdate_approved_by: str = ""
    # --- /helper:execution ---


class PayIn(Schema):
    amount: Decimal = Field(gt=0, decimal_places=2)
    paid_on: dt.date
    channel: str
    receipt_no: str = ""
    impracticable: bool = False
    # --- helper:execution --- XF-70 (API.md Round 2: "voucher_no"); TM-2.
    voucher_no: str = ""
    backdate_reason: str = ""
    backdate_approved_by: str = ""
    # --- /helper:execution ---
    remote_request: str = ""  # helper:due3 (XF-69): the party's request to pay on the spot


class RecuseIn(Schema):
    officer: str
    reason: str = Field(min_length=1)
    granted: bool
    replacement: str | None = None
    requested_by_party: bool = True


class PenaltyExtendIn(Schema):
    until: dt.date
    reason: str = Field(min_length=1)


class PenaltyFileIn(Schema):
    filed_on: dt.date | None = None


class RemedyIn(Schema):
    kind: str
    filed_on: dt.date
    body: str = ""
    note: str = ""
    # --- helper:execution --- XF-73: the acceptance notice; TM-2.
    proof_number: str = ""
    proof_date: dt.date | None = None
    backdate_reason: str = ""
    backdate_approved_by: str = ""
    # --- /helper:execution ---


class BackdateIn(Schema):
    """TM-2 (helper:execution): a date entered more than N working days after it needs both."""

    backdate_reason: str = ""
    backdate_approved_by: str = ""


class RemedyConcludeIn(BackdateIn):
    concluded_on: dt.date
    outcome: str
    head_appeared: bool = False
    note: str = ""


class ArrangementIn(BackdateIn):
    kind: str
    applied_on: dt.date
    reason: str = Field(min_length=1)


class InstalmentIn(Schema):
    amount: Decimal = Field(gt=0, decimal_places=2)
    due_on: dt.date


class ArrangementDecideIn(Schema):
    approved: bool
    opinion: str = Field(min_length=1)
    due_on: dt.date | None = None
    instalments: list[InstalmentIn] = []


class DemandIn(BackdateIn):
    served_on: dt.date
    method: str = "direct"  # helper:execution — as for `serve`
    recipient: str = ""
    note: str = ""


class EnforcementIn(BackdateIn):
    court: str = Field(min_length=1, max_length=100)
    applied_on: dt.date
    document_number: str = Field(min_length=1, max_length=60)


class EnforcementOutcomeIn(BackdateIn):
    outcome: str
    outcome_on: dt.date
    ruling_number: str = Field(default="", max_length=60)
    note: str = ""


class PreservationApproveIn(Schema):
    reason: str = Field(min_length=1)


class PreservedItemIn(Schema):
    description: str = Field(min_length=1, max_length=200)
    quantity: str = Field(min_length=1, max_length=200)
    location: str = Field(min_length=1, max_length=200)


class PreserveIn(Schema):
    items: list[PreservedItemIn] = Field(min_length=1)
    preserved_on: dt.date | None = None


class PreservationDecideIn(Schema):
    handling: str
    note: str = Field(min_length=1)
    late_reason: str = ""


class HandInIn(Schema):
    handed_in_on: dt.date
    receiver: str = Field(min_length=1, max_length=60)
    late_reason: str = ""


class DepositIn(Schema):
    deposited_on: dt.date
    bank_slip: str = Field(min_length=1, max_length=60)
    late_reason: str = ""


class Empty(Schema):
    pass
