"""The states of a penalty case and which action may leave which state (data, not logic)."""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    PENDING_REGISTRATION = "pending_registration", "待立案"
    REGISTERED = "registered", "已立案"
    INVESTIGATING = "investigating", "调查取证中"
    INVESTIGATED = "investigated", "调查终结"
    NOTIFIED = "notified", "已告知"
    HEARING_REQUESTED = "hearing_requested", "已申请听证"
    HEARD = "heard", "已听证"
    DECIDED = "decided", "已决定"
    TRANSFERRED = "transferred", "已移送"
    SERVED = "served", "已送达"
    PAID = "paid", "已缴纳"
    # QZ-53: the fine was not paid and the bureau applied to the court; the court's outcome is a
    # field of the application, and the case is closed once enforcement has concluded.
    ENFORCEMENT = "enforcement", "已申请强制执行"
    CLOSED = "closed", "已结案"
    ARCHIVED = "archived", "已归档"


S = Status

# action → the statuses it may start from. An action not listed for the current status is a
# StateError (409 "state").
ALLOWED: dict[str, frozenset[str]] = {
    "register": frozenset({S.PENDING_REGISTRATION}),
    "evidence": frozenset({S.REGISTERED, S.INVESTIGATING}),
    "recuse": frozenset(
        {S.REGISTERED, S.INVESTIGATING, S.INVESTIGATED, S.NOTIFIED, S.HEARING_REQUESTED, S.HEARD}
    ),
    "extend": frozenset(
        {S.REGISTERED, S.INVESTIGATING, S.INVESTIGATED, S.NOTIFIED, S.HEARING_REQUESTED, S.HEARD}
    ),
    "conclude": frozenset({S.INVESTIGATING}),
    # XF-56: evidence is preserved by registration during the investigation only.
    "approve_preservation": frozenset({S.REGISTERED, S.INVESTIGATING}),
    "preserve": frozenset({S.REGISTERED, S.INVESTIGATING}),
    "decide_preservation": frozenset({S.REGISTERED, S.INVESTIGATING}),
    "review": frozenset({S.INVESTIGATED, S.NOTIFIED, S.HEARING_REQUESTED, S.HEARD}),
    "discuss": frozenset({S.INVESTIGATED, S.NOTIFIED, S.HEARING_REQUESTED, S.HEARD}),
    "notify": frozenset({S.INVESTIGATED}),
    "statement": frozenset({S.NOTIFIED, S.HEARING_REQUESTED, S.HEARD}),
    "waive": frozenset({S.NOTIFIED}),
    "request_hearing": frozenset({S.NOTIFIED}),
    "hearing": frozenset({S.HEARING_REQUESTED}),
    "decide": frozenset({S.INVESTIGATED, S.NOTIFIED, S.HEARING_REQUESTED, S.HEARD}),
    "serve": frozenset({S.DECIDED}),
    "file_onsite": frozenset({S.DECIDED, S.SERVED, S.ENFORCEMENT, S.PAID, S.CLOSED}),
    # Execution (XF-66, QZ-53/54): all of it happens while the fine is outstanding.
    "apply_arrangement": frozenset({S.SERVED}),
    "decide_arrangement": frozenset({S.SERVED}),
    "pay": frozenset({S.SERVED}),
    # XF-71: cash collected on the spot is handed in and deposited before the case is closed.
    "hand_in": frozenset({S.SERVED, S.PAID}),
    "deposit": frozenset({S.SERVED, S.PAID}),
    "demand": frozenset({S.SERVED}),
    "apply_enforcement": frozenset({S.SERVED}),
    "enforcement_outcome": frozenset({S.ENFORCEMENT}),
    "record_remedy": frozenset({S.DECIDED, S.SERVED, S.ENFORCEMENT, S.PAID, S.CLOSED, S.ARCHIVED}),
    "conclude_remedy": frozenset(
        {S.DECIDED, S.SERVED, S.ENFORCEMENT, S.PAID, S.CLOSED, S.ARCHIVED}
    ),
    # From ENFORCEMENT only once the court's outcome is final (checked by the action).
    "close": frozenset({S.SERVED, S.ENFORCEMENT, S.PAID, S.TRANSFERRED}),
    "archive": frozenset({S.CLOSED}),
}

# --- helper:hearing2 ---
# XF-64: side steps before the hearing: the head names the chair and decides the party's challenge.
ALLOWED["name_chair"] = frozenset({S.HEARING_REQUESTED})
ALLOWED["challenge_chair"] = frozenset({S.HEARING_REQUESTED})
# --- /helper:hearing2 ---

# --- helper:due3 ---
# XF-22/XF-27: a matter is transferred (移送) at any time before the decision; the case is then
# suspended in TRANSFERRED (only closing it follows, once the receiving body has it).
ALLOWED["transfer"] = frozenset(
    {
        S.PENDING_REGISTRATION,
        S.REGISTERED,
        S.INVESTIGATING,
        S.INVESTIGATED,
        S.NOTIFIED,
        S.HEARING_REQUESTED,
        S.HEARD,
    }
)
# --- /helper:due3 ---

# Statuses in which the case is still open (for worklists and the overdue command).
OPEN = frozenset(set(S.values) - {S.CLOSED, S.ARCHIVED})

# action → the statuses it may move a case to (checked by ``transitions.transition``, the one place
# that writes ``PenaltyCase.status``). "open" creates the case, so it has no ALLOWED entry. An action
# missing here never changes the status.
LEADS_TO: dict[str, frozenset[str]] = {
    "open": frozenset({S.PENDING_REGISTRATION, S.DECIDED}),
    "register": frozenset({S.REGISTERED}),
    # The first piece of evidence or preserved item opens the investigation.
    "evidence": frozenset({S.INVESTIGATING}),
    "preserve": frozenset({S.INVESTIGATING}),
    "conclude": frozenset({S.INVESTIGATED}),
    "notify": frozenset({S.NOTIFIED}),
    "request_hearing": frozenset({S.HEARING_REQUESTED}),
    "hearing": frozenset({S.HEARD}),
    "decide": frozenset({S.DECIDED, S.TRANSFERRED}),
    "serve": frozenset({S.SERVED}),
    # Paid in full (the last instalment, or the whole fine).
    "pay": frozenset({S.PAID}),
    "apply_enforcement": frozenset({S.ENFORCEMENT}),
    "close": frozenset({S.CLOSED}),
    "archive": frozenset({S.ARCHIVED}),
    "transfer": frozenset({S.TRANSFERRED}),  # helper:due3
}

# machine (ZL-1 correction orders) -----------------------------------------------------------------
# Steps that change no status, with the statuses they may be taken in (their actions check this):
# a 责令限期改正 may be given from discovery on, and its 复查 recorded until the file is archived.
SIDE_STEPS: dict[str, frozenset[str]] = {
    "order_correction": OPEN,
    "recheck_correction": frozenset(set(S.values) - {S.ARCHIVED}),
    # helper:due3 (XF-74): confiscated goods are disposed of after the decision (actions/disposal.py).
    "dispose": frozenset({S.DECIDED, S.SERVED, S.PAID, S.ENFORCEMENT, S.CLOSED}),
}
# end machine
