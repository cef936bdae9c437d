"""Every write to a penalty case: one function per procedural step (the action pattern), one module
per phase of the procedure (as zulip's ``zerver/actions/``).

Each action locks the case, checks role and scope, runs the pure checks of ``checks.py`` and raises
the first violation (409 with its rule id), then changes the case and records the step in the ledger
inside the same transaction: a refused step writes nothing. A status change goes through
``transitions.transition``, which writes the step's ledger entry with ``"from"`` and ``"to"``.

Callers import the package (``from chengguan.penalties import actions; actions.decide(...)``).
Reads of money and dates (what is outstanding, what is due) live in ``penalties/money.py``.
"""

from chengguan.penalties.actions._common import parse_decision
from chengguan.penalties.actions.cash import deposit, hand_in
from chengguan.penalties.actions.closing import archive, close
from chengguan.penalties.actions.decision import decide, file_onsite, serve
from chengguan.penalties.actions.disposal import dispose  # helper:due3 (XF-74)
from chengguan.penalties.actions.enforcement import apply_enforcement, demand, enforcement_outcome
from chengguan.penalties.actions.execution import apply_arrangement, decide_arrangement, pay
from chengguan.penalties.actions.hearing import challenge_chair, name_chair  # helper:hearing2
from chengguan.penalties.actions.investigation import (
    add_evidence,
    conclude,
    discuss,
    extend,
    recuse,
    review,
)
from chengguan.penalties.actions.notice import (
    hold_hearing,
    notify,
    request_hearing,
    statement,
    waive,
)
from chengguan.penalties.actions.opening import open_case, register
from chengguan.penalties.actions.permit_link import link_permit  # helper:permits2
from chengguan.penalties.actions.preservation import (
    approve_preservation,
    decide_preservation,
    preserve,
)
from chengguan.penalties.actions.remedies import conclude_remedy, record_remedy
from chengguan.penalties.actions.separate import confirm_separate_act  # helper:execution
from chengguan.penalties.actions.transfer import transfer  # helper:due3

__all__ = [
    "add_evidence",
    "apply_arrangement",
    "apply_enforcement",
    "approve_preservation",
    "archive",
    "challenge_chair",  # helper:hearing2
    "close",
    "conclude",
    "conclude_remedy",
    "confirm_separate_act",  # helper:execution
    "decide",
    "decide_arrangement",
    "decide_preservation",
    "demand",
    "deposit",
    "discuss",
    "dispose",  # helper:due3
    "enforcement_outcome",
    "extend",
    "file_onsite",
    "hand_in",
    "hold_hearing",
    "link_permit",  # helper:permits2
    "name_chair",  # helper:hearing2
    "notify",
    "open_case",
    "parse_decision",
    "pay",
    "preserve",
    "record_remedy",
    "recuse",
    "register",
    "request_hearing",
    "review",
    "serve",
    "statement",
    "transfer",  # helper:due3
    "waive",
]
