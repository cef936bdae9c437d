"""JY-1 as pure functions returning the violations they find."""

from __future__ import annotations

from chengguan.core.errors import Violation
from chengguan.law.registry import violation
from chengguan.suggestions.models import Suggestion
from chengguan.suggestions.states import Status


def may_record_satisfaction(s: Suggestion) -> list[Violation]:
    """JY-1: the delegate's satisfaction answers a reply — none before it, one per reply."""
    if s.status in (Status.OPEN, Status.REDO):
        return [
            violation(
                "JY-1",
                "尚未答复代表（委员），不能登记满意度；请先答复",
                status=s.status,
            )
        ]
    if s.status == Status.CLOSED:
        return [violation("JY-1", "该答复的满意度已登记，办理已办结", status=s.status)]
    return []


def may_reply(s: Suggestion) -> list[Violation]:
    """JY-1: a suggestion is answered once; after the answer only the delegate's judgment (and,
    when unsatisfied, the redo) follows."""
    if s.status in (Status.REPLIED, Status.CLOSED):
        return [
            violation(
                "JY-1",
                "已答复，待代表（委员）反馈满意度；不满意时方可重新办理答复",
                status=s.status,
            )
        ]
    return []
