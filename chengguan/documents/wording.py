"""Wording the party reads (issue #15 item 5): the officer's own text is joined to the form's fixed
words without saying a thing twice ("经查，当事人…，当事人…", "责令当事人责令…").

Officers type the facts and the correction order the way they speak them, often with the subject
and the verb the form already prints; the form adapts to what was typed, never the reverse.
"""

from __future__ import annotations

import re

# The form already says 经查 / 责令当事人: an officer's leading copy of them is dropped.
_FACTS_LEAD = re.compile(r"^\s*(经查|经调查|现查明)\s*[，,：:、]?\s*")
_ORDER_LEAD = re.compile(r"^\s*(责令)?\s*(当事人|你（单位）|你单位|你)?\s*(责令)?\s*")
# 权责清单 names carry who the item is for ("（单位）", "（个人）"); a letter to the party does not.
_CAUSE_TAIL = re.compile(r"（(单位|个人|个体工商户|单位和个人)）$")


def _clause(text: str) -> str:
    return text.strip().rstrip("。；;，,").strip()


def facts_sentence(facts: str, when: str) -> str:
    """经查，{when}，{facts}。 — the day is left out when the facts already give it."""
    text = _FACTS_LEAD.sub("", _clause(facts), count=1)
    if when and when in text:
        when = ""
    if not text:
        return f"经查，当事人于{when}实施了违法行为。" if when else "经查，当事人实施了违法行为。"
    if when:
        return f"经查，{when}，{text}。"
    return f"经查，{text}。"


def order_clause(correction: str) -> str:
    """The correction ordered, without the 责令/当事人 the sentence already has."""
    return _clause(_ORDER_LEAD.sub("", _clause(correction), count=1))


def cause_text(cause: str) -> str:
    """The 案由 as a letter to the party names it (no 权责清单 audience tag)."""
    return _CAUSE_TAIL.sub("", cause.strip())
