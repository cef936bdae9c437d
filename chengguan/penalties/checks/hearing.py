"""Checks of the hearing (XF-64), of the legal review as of the case now (XF-58, XF-65) and of the
collective discussion that may approve a departure from the benchmark (CL-6). Decision 064.

Pure functions returning Violations; the actions load the records and the ledger order.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from chengguan.core.errors import Violation
from chengguan.core.workdays import is_workday, workdays_between
from chengguan.law.registry import violation
from chengguan.org.models import Staff

from .opening import Decision

# CL-6 ---------------------------------------------------------------------------------------------


def discussion_participants(
    names: Sequence[str], heads: Iterable[str], minimum: int
) -> list[Violation]:
    """CL-6: the participants are usernames of active staff holding the head role, at least
    ``minimum`` of them; anybody else is named in the refusal."""
    known = set(heads)
    others = [n for n in names if n not in known]
    if others:
        return [
            violation(
                "CL-6",
                f"集体讨论的参加人员应为本局在职负责人（填写用户名）；{'、'.join(others)}"
                "不是本局在职负责人",
                not_heads=others,
            )
        ]
    if len(set(names)) < minimum:
        return [
            violation(
                "CL-6",
                f"集体讨论应有{minimum}名以上负责人参加（现为{len(set(names))}名）",
                minimum=minimum,
            )
        ]
    return []


def deviation_approved(decision: Decision, discussions: Iterable[Mapping[str, Any]]) -> bool:
    """CL-6: a discussion held after the latest conclusion and notice (the action gives only those)
    that was about exactly this proposal (level and amount) and approved the departure."""
    return any(
        d.get("approves_deviation") is True
        and d.get("about_level") == decision.level
        and d.get("about_fine") is not None
        and Decimal(str(d["about_fine"])) == decision.fine
        for d in discussions
    )


# XF-58 / XF-65 ------------------------------------------------------------------------------------


def review_basis(
    *,
    notices: Iterable[int],
    statements: Iterable[int],
    held_hearings: Iterable[int],
    proposal_hash: str,
) -> str:
    """XF-58: what the reviewer saw, as compact JSON (ids sorted) compared at the decision."""
    return json.dumps(
        {
            "notices": sorted(notices),
            "statements": sorted(statements),
            "hearings": sorted(held_hearings),
            "proposal": proposal_hash,
        },
        separators=(",", ":"),
        sort_keys=True,
    )


def reviewer_never_investigated(
    reviewer: Staff, officers: Sequence[Staff], replacements: set[int]
) -> list[Violation]:
    """XF-58: a reviewer who is an officer of the case now, or ever joined it as a recusal
    replacement, cannot review it (their review is void)."""
    if reviewer.pk in {o.pk for o in officers} or reviewer.pk in replacements:
        return [
            violation(
                "XF-58",
                f"审核人员{reviewer.display_name}现为或曾作为替换人员参与本案调查，"
                "其法制审核无效；请由未参与调查的审核人员审核",
                reviewer=reviewer.username,
            )
        ]
    return []


_PARTS = {"notices": "事先告知", "statements": "陈述申辩或放弃", "proposal": "拟处罚意见"}


def review_current(
    *,
    basis_then: str,
    basis_now: str,
    reviewer: Staff,
    officers: Sequence[Staff],
    replacements: set[int],
) -> list[Violation]:
    """XF-58: the review is of the case as it stands and by someone who never investigated it;
    XF-65: after a hearing the review post-dates the hearing."""
    void = reviewer_never_investigated(reviewer, officers, replacements)
    if void:
        return void
    if basis_then == basis_now:
        return []
    try:
        then = json.loads(basis_then) if basis_then else {}
    except ValueError:
        then = {}
    now = json.loads(basis_now)
    if not isinstance(then, dict):
        then = {}
    new_hearings = sorted(set(now.get("hearings", [])) - set(then.get("hearings") or []))
    if new_hearings:
        return [
            violation(
                "XF-65",
                "听证结束后，行政机关应当根据听证笔录作出决定；法制审核须在听证之后进行，"
                "听证前的审核不能作为决定的依据；请重新提交法制审核",
                hearings=new_hearings,
            )
        ]
    changed = [label for key, label in _PARTS.items() if then.get(key) != now.get(key)]
    return [
        violation(
            "XF-58",
            f"法制审核后案件已有变化（{'、'.join(changed) or '审核时的案件状况未记录'}），"
            "原审核不能作为决定的依据；请就案件现状重新提交法制审核",
            changed=changed,
        )
    ]


# XF-64 --------------------------------------------------------------------------------------------


def chair_named(
    *, chair: Staff, officers: Sequence[Staff], challenged: Iterable[str]
) -> list[Violation]:
    """XF-64: the chair is not an investigator of the case nor a chair the head withdrew."""
    if chair.pk in {o.pk for o in officers}:
        return [
            violation(
                "XF-64",
                f"听证由非本案调查人员主持；{chair.display_name}是本案调查人员，请另行指定主持人",
                chair=chair.username,
            )
        ]
    if chair.username in set(challenged):
        return [
            violation(
                "XF-64",
                f"当事人申请{chair.display_name}回避已获准许，不能再指定其主持本案听证",
                chair=chair.username,
            )
        ]
    return []


def chair_challenge(*, named: Staff | None) -> list[Violation]:
    if named is None:
        return [violation("XF-64", "尚未指定听证主持人，当事人无从申请主持人回避；请先指定主持人")]
    return []


def hearing_held(
    *,
    named: Staff | None,
    given: str,
    officers: Sequence[Staff],
    notified_on: dt.date,
    held_on: dt.date,
    transcript_signed: bool,
    unsigned_note: str,
) -> list[Violation]:
    """XF-64: a chair named by the head, the notice 7 working days before (the notice day and the
    hearing day not counted), the transcript signed by the party or its refusal noted."""
    if named is None:
        return [
            violation(
                "XF-64",
                "听证主持人由行政机关负责人指定；请先由负责人指定非本案调查人员主持听证",
            )
        ]
    if given and given != named.username:
        return [
            violation(
                "XF-64",
                f"负责人指定的听证主持人是{named.display_name}，不能由他人主持",
                chair=named.username,
            )
        ]
    if named.pk in {o.pk for o in officers}:
        return [
            violation(
                "XF-64",
                f"听证由非本案调查人员主持；{named.display_name}是本案调查人员，请另行指定主持人",
                chair=named.username,
            )
        ]
    between = workdays_between(notified_on, held_on) - (1 if is_workday(held_on) else 0)
    if held_on <= notified_on or between < 7:
        return [
            violation(
                "XF-64",
                f"应当在举行听证的七个工作日前通知当事人（通知当日和听证当日不计入）；"
                f"{notified_on:%Y-%m-%d}通知的，其间只有{max(between, 0)}个工作日",
                notified_on=notified_on.isoformat(),
                workdays=max(between, 0),
            )
        ]
    if not transcript_signed and not unsigned_note.strip():
        return [
            violation(
                "XF-64",
                "听证笔录应当交当事人核对无误后签字或者盖章；当事人拒绝签字的，"
                "由听证主持人在笔录中注明（transcript_signed 或 unsigned_note）",
            )
        ]
    return []
