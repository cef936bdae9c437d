"""The form of each penalty step, as a table: step name → the function that builds its form.

A step without an entry is a confirmation only (file_onsite, close, archive,
publish). What a form is for, and whether it is offered, is the domain's (penalties/steps.py).
"""

from __future__ import annotations

from chengguan.core import clock
from chengguan.penalties.models import PenaltyCase
from chengguan.penalties.steps import STEP
from chengguan.web.formspec import ActionForm
from chengguan.web.penalty_forms import execution, procedure
from chengguan.web.penalty_forms.fields import Builder

FORMS: dict[str, Builder] = {**procedure.FORMS, **execution.FORMS}


def form_for(action: str, case: PenaltyCase) -> ActionForm:
    step = STEP[action]
    build = FORMS.get(action)
    if build is None:
        return ActionForm(step.name, step.label, [], primary=not step.secondary)
    return build(step, case, clock.today().isoformat())
