"""Pieces shared by the penalty forms: the decision fields and the certificates-shown box."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chengguan.core import clock
from chengguan.law.models import Level, PenaltyType
from chengguan.org.checks import valid_certificate
from chengguan.penalties.checks.opening import MANDATORY_MITIGATION, NO_PENALTY, OTHER_GROUNDS
from chengguan.penalties.models import CertificateShown, PenaltyCase
from chengguan.penalties.steps import Step
from chengguan.web.formspec import ActionForm, Field

# (the step, the case, today as YYYY-MM-DD for date fields) → the form shown for it.
Builder = Callable[[Step, PenaltyCase, str], ActionForm]


def form(step: Step, fields: list[Field], **kw: Any) -> ActionForm:
    """The step's form with its own name and label; a side step's form is not unfolded first."""
    return ActionForm(step.name, step.label, fields, **{"primary": not step.secondary, **kw})


def ground_choices() -> list[tuple[str, str]]:
    """Issue #15 item 1: the grounds as a checklist in Chinese, grouped by what they require."""
    return [
        *((k, f"【应当不予处罚】{v}") for k, v in NO_PENALTY.items()),
        *((k, f"【应当从轻或者减轻】{v}") for k, v in MANDATORY_MITIGATION.items()),
        *((k, v) for k, v in OTHER_GROUNDS.items()),
    ]


def decision_fields(initial: dict[str, Any] | None, with_deviation: bool) -> list[Field]:
    init = initial or {}
    fields = [
        Field(
            "penalty_types",
            "处罚种类",
            "multi",
            choices=list(PenaltyType.choices),
            initial=list(init.get("penalty_types") or []),
        ),
        Field("fine_amount", "罚款金额（元）", "number", initial=init.get("fine_amount") or ""),
        Field(
            "level",
            "裁量阶次",
            "select",
            required=True,
            choices=list(Level.choices),
            initial=init.get("level") or "general",
        ),
        Field(
            "grounds",
            "裁量情节（勾选认定的情节）",
            "multi",
            choices=ground_choices(),
            initial=list(init.get("grounds") or []),
            help="“应当不予处罚”的情节须作不予处罚决定；“应当从轻或者减轻”的情节须选从轻或减轻阶次",
        ),
        Field("correction", "责令改正内容", "textarea", initial=init.get("correction") or ""),
    ]
    if with_deviation:
        fields.append(Field("deviation_reason", "偏离裁量基准的理由（如有）", "textarea"))
    return fields


def shown_field(case: PenaltyCase, help_text: str) -> Field:
    """XF-55: the case's officers with their certificate numbers, none ticked: the record says who
    actually showed a certificate, so each one is an affirmative entry, not a default."""
    today = clock.today()
    choices = []
    for o in case.officers.order_by("id").prefetch_related("certificates"):
        cert = valid_certificate(o, today)
        choices.append(
            (
                o.username,
                f"{o.display_name}（执法证 {cert.number}）"
                if cert
                else f"{o.display_name}（无有效执法证）",
            )
        )
    return Field(
        "certificates_shown",
        "出示执法证件的执法人员",
        "multi",
        choices=choices,
        initial=[],
        help=help_text,
    )


def onsite_shown(case: PenaltyCase) -> list[Field]:
    """XF-52/XF-55: asked when an on-the-spot decision is handed over, unless already recorded."""
    if (
        case.procedure != PenaltyCase.Procedure.SIMPLE
        or case.certificates_shown.filter(
            occasion=CertificateShown.Occasion.ONSITE_DECISION
        ).exists()
    ):
        return []
    return [shown_field(case, "当场作出处罚决定时，执法人员应当向当事人出示执法证件")]
