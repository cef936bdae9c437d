"""Answers one workflow gives another through ``core.links`` when neither may import the other.

``inspections`` opens a penalty case from its findings (JC-6) but sits beside ``penalties`` in the
import order; this module, at the top layer, imports the penalties action and installs it under
"penalties.open_case" from ``WebConfig.ready()``, as ``web.worklist_sources`` does for worklists.
"""

from __future__ import annotations

from typing import Any

from chengguan.core import links
from chengguan.org.models import Staff
from chengguan.penalties import actions as penalty_actions


def open_penalty_case(*, actor: Staff, **fields: Any) -> tuple[int, str]:
    """``penalties.actions.open_case`` with the caller's fields → the case's id and number."""
    case = penalty_actions.open_case(actor=actor, **fields)
    return case.pk, case.number


def install() -> None:
    links.provide("penalties.open_case", open_penalty_case)
