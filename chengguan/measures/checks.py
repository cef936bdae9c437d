"""The rules of 查封、扣押 as pure functions: each returns the violations it finds (LEGAL-RULES §10.6).

The numbers here are statute (行政强制法), not local settings: 24 hours (§19), 30 + 30 days (§25).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from chengguan.core.errors import Violation
from chengguan.law.registry import violation
from chengguan.org.checks import enforcing_officers
from chengguan.org.models import Staff

# QZ-25: at most 30 days, extended once by at most 30 days (calendar days: §69 counts only periods
# of ten days or less in working days).
HOLD_DAYS = 30
MAX_EXTENSION_DAYS = 30
# QZ-19: the on-the-spot measure is reported and approved within 24 hours.
REPORT_HOURS = 24

# QZ-26: the bureau keeps the items and may not use them; "use" is named so the refusal can say why.
FORBIDDEN_HANDLING = {"use": "留作本机关使用"}


def carried_out(
    *,
    shown: Sequence[Staff],
    on: dt.date,
    approver: Staff | None,
    emergency: bool,
    party_present: bool,
    party_signed: bool,
    witnesses: Sequence[str],
) -> list[Violation]:
    """QZ-18: approval first (or QZ-19's emergency), two officers showing valid certificates, an
    on-site record signed by the party — or by witnesses when the party is absent or refuses."""
    found: list[Violation] = []
    if approver is None and not emergency:
        found.append(
            violation(
                "QZ-18",
                "实施查封、扣押前须报行政机关负责人批准；请填写批准的负责人，"
                "情况紧急需当场实施的请勾选“紧急情况”并在二十四小时内补办批准",
            )
        )
    elif approver is not None and not approver.has_role("head"):
        found.append(
            violation(
                "QZ-18",
                f"{approver.display_name}不是行政机关负责人，不能批准查封、扣押",
                approved_by=approver.username,
            )
        )
    underlying = enforcing_officers(shown, on)
    if underlying:
        why = "；".join(v.message for v in underlying)
        found.append(
            violation(
                "QZ-18",
                f"查封、扣押应当由两名以上执法人员实施并出示有效执法证件（{why}）",
                shown=[p.username for p in shown],
                because=[v.rule for v in underlying],
            )
        )
    if (not party_present or not party_signed) and not [w for w in witnesses if w.strip()]:
        found.append(
            violation(
                "QZ-18",
                "当事人不到场或者拒绝签名的，现场笔录应当由见证人和执法人员签名；请填写见证人",
            )
        )
    return found


def custody(*, place: str, condition: str) -> list[Violation]:
    """QZ-26: the custody record says where the items are kept and in what condition."""
    missing = [
        label for label, v in (("保管地点", place), ("物品状况", condition)) if not v.strip()
    ]
    if not missing:
        return []
    return [
        violation(
            "QZ-26",
            f"查封、扣押的财物应当妥善保管；请记录{'和'.join(missing)}",
            missing=missing,
        )
    ]


def report_in_time(*, report_by: dt.datetime | None, now: dt.datetime) -> list[Violation]:
    """QZ-19: the head's approval after an emergency measure comes within 24 hours, or never."""
    if report_by is None or now <= report_by:
        return []
    return [
        violation(
            "QZ-19",
            "当场实施查封、扣押后超过二十四小时未获负责人批准，应当立即解除并退还财物",
            report_by=report_by.isoformat(),
        )
    ]


def not_expired(*, decide_by: dt.date, today: dt.date, what: str) -> list[Violation]:
    """QZ-28: once the period has run out the only lawful act is the release."""
    if today <= decide_by:
        return []
    return [
        violation(
            "QZ-28",
            f"查封、扣押期限已于{decide_by.isoformat()}届满，不能{what}，应当立即解除并退还财物",
            decide_by=decide_by.isoformat(),
        )
    ]


def extension(*, already: bool, days: int, decided: bool) -> list[Violation]:
    """QZ-25: extended once, by at most 30 days; QZ-28: not after the case is decided."""
    found: list[Violation] = []
    if already:
        found.append(violation("QZ-25", "查封、扣押期限只能延长一次，已经延长过"))
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        found.append(
            violation(
                "QZ-25",
                f"延长查封、扣押期限不得超过{MAX_EXTENSION_DAYS}日",
                days=days,
            )
        )
    if decided:
        found.append(
            violation(
                "QZ-28",
                "案件已作出处理决定，不再需要查封、扣押的，应当解除，不能延长",
            )
        )
    return found


def disposal(*, handling: str, penalty_types: Sequence[str], transferred: bool) -> list[Violation]:
    """QZ-26: held items are never used; QZ-28: items the decision does not take are returned."""
    if handling in FORBIDDEN_HANDLING:
        return [
            violation(
                "QZ-26",
                f"对查封、扣押的财物不得{FORBIDDEN_HANDLING[handling]}；应妥善保管，依决定处理或解除",
            )
        ]
    if handling == "transfer":
        if transferred:
            return []
        return [violation("QZ-28", "案件未移送，不能随案移送财物；不再需要的应当解除")]
    if "confiscate_property" not in penalty_types:
        return [
            violation(
                "QZ-28",
                "处罚决定未没收非法财物，查封、扣押已不再需要，应当解除并退还财物",
                penalty_types=list(penalty_types),
            )
        ]
    return []
