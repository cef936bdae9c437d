"""Penalty execution endpoints: remedies, arrangements, demands, court enforcement, preservation, cash."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from chengguan.penalties import actions
from chengguan.penalties.api.routing import R, router, visible
from chengguan.penalties.api.schemas import (
    ArrangementDecideIn,
    ArrangementIn,
    BackdateIn,
    DemandIn,
    DepositIn,
    EnforcementIn,
    EnforcementOutcomeIn,
    HandInIn,
    PreservationApproveIn,
    PreservationDecideIn,
    PreserveIn,
    RemedyConcludeIn,
    RemedyIn,
)
from chengguan.penalties.api.serialisers import fresh, fresh_pk


def backdate(payload: BackdateIn) -> dict[str, str]:
    """TM-2: the 补记 reason and the approving head, passed on to the action."""
    return {
        "backdate_reason": payload.backdate_reason,
        "backdate_approved_by": payload.backdate_approved_by,
    }


@router.post("/penalty-cases/{case_id}/remedies", response=R, summary="登记行政复议或行政诉讼")
def record_remedy(request: HttpRequest, case_id: int, payload: RemedyIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    actions.record_remedy(
        pk,
        actor=me,
        kind=payload.kind,
        filed_on=payload.filed_on,
        body=payload.body,
        note=payload.note,
        proof_number=payload.proof_number,
        proof_date=payload.proof_date,
        backdate_reason=payload.backdate_reason,
        backdate_approved_by=payload.backdate_approved_by,
    )
    return fresh_pk(pk)


@router.post(
    "/penalty-cases/{case_id}/remedies/{remedy_id}/conclude", response=R, summary="登记复议诉讼结果"
)
def conclude_remedy(
    request: HttpRequest, case_id: int, remedy_id: int, payload: RemedyConcludeIn
) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    actions.conclude_remedy(
        pk,
        remedy_id=remedy_id,
        actor=me,
        concluded_on=payload.concluded_on,
        outcome=payload.outcome,
        head_appeared=payload.head_appeared,
        note=payload.note,
        **backdate(payload),
    )
    return fresh_pk(pk)


@router.post("/penalty-cases/{case_id}/arrangements", response=R, summary="登记暂缓或分期缴纳申请")
def apply_arrangement(request: HttpRequest, case_id: int, payload: ArrangementIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
        actions.apply_arrangement(
            pk,
            actor=me,
            kind=payload.kind,
            applied_on=payload.applied_on,
            reason=payload.reason,
            **backdate(payload),
        )
    )


@router.post(
    "/penalty-cases/{case_id}/arrangements/{arrangement_id}/decide",
    response=R,
    summary="审批暂缓或分期缴纳",
)
def decide_arrangement(
    request: HttpRequest, case_id: int, arrangement_id: int, payload: ArrangementDecideIn
) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
        actions.decide_arrangement(
            pk,
            arrangement_id=arrangement_id,
            actor=me,
            approved=payload.approved,
            opinion=payload.opinion,
            due_on=payload.due_on,
            instalments=[i.dict() for i in payload.instalments],
        )
    )


@router.post("/penalty-cases/{case_id}/demand", response=R, summary="催告")
def demand(request: HttpRequest, case_id: int, payload: DemandIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
        actions.demand(
            pk,
            actor=me,
            served_on=payload.served_on,
            method=payload.method,
            recipient=payload.recipient,
            note=payload.note,
            **backdate(payload),
        )
    )


@router.post("/penalty-cases/{case_id}/enforcement", response=R, summary="申请人民法院强制执行")
def apply_enforcement(request: HttpRequest, case_id: int, payload: EnforcementIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
        actions.apply_enforcement(
            pk,
            actor=me,
            court=payload.court,
            applied_on=payload.applied_on,
            document_number=payload.document_number,
            **backdate(payload),
        )
    )


@router.post(
    "/penalty-cases/{case_id}/enforcement/outcome", response=R, summary="登记法院强制执行结果"
)
def enforcement_outcome(
    request: HttpRequest, case_id: int, payload: EnforcementOutcomeIn
) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
        actions.enforcement_outcome(
            pk,
            actor=me,
            outcome=payload.outcome,
            outcome_on=payload.outcome_on,
            ruling_number=payload.ruling_number,
            note=payload.note,
            **backdate(payload),
        )
    )


@router.post(
    "/penalty-cases/{case_id}/preservations/approve", response=R, summary="批准先行登记保存"
)
def approve_preservation(
    request: HttpRequest, case_id: int, payload: PreservationApproveIn
) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    actions.approve_preservation(pk, actor=me, reason=payload.reason)
    return fresh_pk(pk)


@router.post("/penalty-cases/{case_id}/preservations", response=R, summary="先行登记保存物品")
def preserve(request: HttpRequest, case_id: int, payload: PreserveIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    actions.preserve(
        pk,
        actor=me,
        items=[i.dict() for i in payload.items],
        preserved_on=payload.preserved_on,
    )
    return fresh_pk(pk)


@router.post(
    "/penalty-cases/{case_id}/preservations/{preservation_id}/decide",
    response=R,
    summary="先行登记保存物品处理决定",
)
def decide_preservation(
    request: HttpRequest, case_id: int, preservation_id: int, payload: PreservationDecideIn
) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    actions.decide_preservation(
        pk,
        preservation_id=preservation_id,
        actor=me,
        handling=payload.handling,
        note=payload.note,
        late_reason=payload.late_reason,
    )
    return fresh_pk(pk)


@router.post("/penalty-cases/{case_id}/hand_in", response=R, summary="当场收缴罚款交至本机关")
def hand_in(request: HttpRequest, case_id: int, payload: HandInIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
        actions.hand_in(
            pk,
            actor=me,
            handed_in_on=payload.handed_in_on,
            receiver=payload.receiver,
            late_reason=payload.late_reason,
        )
    )


@router.post("/penalty-cases/{case_id}/deposit", response=R, summary="当场收缴罚款缴付银行")
def deposit(request: HttpRequest, case_id: int, payload: DepositIn) -> dict[str, Any]:
    me, pk = visible(request, case_id)
    return fresh(
        actions.deposit(
            pk,
            actor=me,
            deposited_on=payload.deposited_on,
            bank_slip=payload.bank_slip,
            late_reason=payload.late_reason,
        )
    )
