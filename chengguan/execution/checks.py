"""The rules of the bureau's own compulsory execution as pure functions: each returns the
violations it finds (LEGAL-RULES §10.7, 行政强制法 §§13, 34–44)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from chengguan.core.errors import Violation
from chengguan.law.registry import violation

# QZ-43: 夜间 as the 噪声污染防治法 (第八十八条) defines it, 22:00–06:00; the statute sets no hours
# of its own, so the usual legal reading is used and named here.
NIGHT_STARTS = dt.time(22, 0)
NIGHT_ENDS = dt.time(6, 0)
# QZ-43: what may never be cut to force compliance (停止供水、供电、供热、供燃气).
UTILITIES = {"water": "供水", "power": "供电", "heat": "供热", "gas": "供燃气"}
COURT = "申请人民法院强制执行（行政强制法第五十三条；本案“催告”“申请强制执行”）"


def power(*, kind: str, kind_label: str, powers: Mapping[str, str]) -> list[Violation]:
    """QZ-13: only a law gives a bureau the power to execute itself; without it, the court."""
    if powers.get(kind, "").strip():
        return []
    return [
        violation(
            "QZ-13",
            f"法律没有授予本机关“{kind_label}”的行政强制执行权，"
            f"应当依法{COURT}；如本机关确有法律授权，请系统管理员在本地规则中登记其依据",
            kind=kind,
        )
    ]


def obligation_overdue(
    *,
    kind: str,
    served_on: dt.date | None,
    revoked: bool,
    pay_by: dt.date | None,
    paid: bool,
    correction_deadline: dt.date | None,
    correction_checked_on: dt.date | None,
    correction_performed: bool | None,
    today: dt.date,
) -> list[Violation]:
    """QZ-34: the decision is served and in force, and its period passed without performance."""
    if served_on is None or revoked:
        return [
            violation(
                "QZ-34",
                "行政决定尚未送达或已被撤销，当事人尚无应履行的义务，不能催告强制执行",
            )
        ]
    if kind == "fine":
        if paid:
            return [violation("QZ-34", "当事人已缴纳罚款，无需强制执行")]
        if pay_by is None or today <= pay_by:
            return [
                violation(
                    "QZ-34",
                    f"缴纳罚款的期限（{pay_by}）尚未届满，不能催告强制执行",
                    pay_by=str(pay_by),
                )
            ]
        return []
    if correction_deadline is None:
        return [
            violation(
                "QZ-34",
                "请选择当事人未履行的责令限期拆除（改正）记录；强制执行须以限期内不履行的决定为前提",
            )
        ]
    if correction_performed is not False or correction_checked_on is None:
        return [
            violation(
                "QZ-34",
                "责令限期拆除（改正）期限届满后的复查尚未认定当事人未履行，不能催告强制执行",
                deadline=correction_deadline.isoformat(),
            )
        ]
    return []


def demand_content(
    *,
    served_on: dt.date,
    perform_by: dt.date,
    way: str,
    needs_amount: bool,
    amount: Decimal | None,
    rights_told: bool,
) -> list[Violation]:
    """QZ-35: the 催告 is written and states the period, the way, the amount where there is one,
    and the party's right to state and defend."""
    missing: list[str] = []
    if perform_by <= served_on:
        missing.append("履行期限（须晚于送达日期）")
    if not way.strip():
        missing.append("履行方式")
    if needs_amount and (amount is None or amount <= 0):
        missing.append("涉及金钱给付的金额")
    if not rights_told:
        missing.append("当事人依法享有的陈述权和申辩权")
    if not missing:
        return []
    return [
        violation(
            "QZ-35",
            "催告应当以书面形式作出，并载明履行义务的期限、方式、金额和当事人的陈述申辩权；"
            f"缺少：{'、'.join(missing)}",
            missing=missing,
        )
    ]


def heard(
    *,
    stated: bool,
    said_nothing: bool,
    reviewed: bool,
    adopted: bool | None,
) -> list[Violation]:
    """QZ-36: the party is heard before the decision; what it said is recorded and 复核ed, and a
    statement found well founded is adopted (no execution)."""
    if not stated and not said_nothing:
        return [
            violation(
                "QZ-36",
                "作出强制执行决定前应当充分听取当事人的意见：请记录当事人的陈述申辩，"
                "或记录其在催告期间未提出陈述申辩",
            )
        ]
    if stated and not reviewed:
        return [violation("QZ-36", "对当事人提出的事实、理由和证据应当进行复核；请先记录复核意见")]
    if adopted:
        return [
            violation(
                "QZ-36",
                "复核认定当事人提出的事实、理由或者证据成立，应当采纳，不能作出强制执行决定",
            )
        ]
    return []


def silence_after_period(
    *, said_nothing: bool, on: dt.date, perform_by: dt.date
) -> list[Violation]:
    """QZ-36: that the party said nothing is only a fact once the 催告's period has run out."""
    if not said_nothing or on > perform_by:
        return []
    return [
        violation(
            "QZ-36",
            f"催告期限（{perform_by.isoformat()}）届满前不能认定当事人未提出陈述申辩",
            perform_by=perform_by.isoformat(),
        )
    ]


def something_to_review(*, statement: str) -> list[Violation]:
    """QZ-36: the 复核 is of what the party stated."""
    if statement.strip():
        return []
    return [violation("QZ-36", "当事人尚未提出陈述申辩，没有需要复核的内容")]


def period_passed(*, perform_by: dt.date, today: dt.date, reason: str) -> list[Violation]:
    """QZ-37: the decision only once the 催告 period passed unfulfilled and without good reason."""
    found: list[Violation] = []
    if today <= perform_by:
        found.append(
            violation(
                "QZ-37",
                f"催告书载明的履行期限（{perform_by.isoformat()}）尚未届满，不能作出强制执行决定",
                perform_by=perform_by.isoformat(),
            )
        )
    if not reason.strip():
        found.append(
            violation(
                "QZ-37",
                "经催告当事人逾期仍不履行且无正当理由的，方可作出强制执行决定；"
                "请写明强制执行的理由（当事人逾期不履行且无正当理由的事实）",
            )
        )
    return found


def not_night_or_holiday(
    *,
    at: dt.datetime,
    workday: bool,
    emergency: bool,
    emergency_reason: str,
    what: str,
) -> list[Violation]:
    """QZ-43: no execution at night or on a statutory holiday, unless an emergency is recorded.

    ``at`` is local time. ``workday`` comes from the calendar (core.workdays): 休息日 and 法定节假日
    both count as holidays here, as the statute's usual reading has it."""
    night = at.time() >= NIGHT_STARTS or at.time() < NIGHT_ENDS
    if not night and workday:
        return []
    if emergency and emergency_reason.strip():
        return []
    when = "夜间（22时至次日6时）" if night else "法定节假日（含休息日）"
    return [
        violation(
            "QZ-43",
            f"行政机关不得在{when}{what}；情况紧急的，请勾选“情况紧急”并写明紧急情况",
            at=at.isoformat(),
        )
    ]


def no_utilities_cut(*, cut: Sequence[str]) -> list[Violation]:
    """QZ-43: never 停止供水、供电、供热、供燃气 to force the party."""
    named = [UTILITIES.get(c, c) for c in cut]
    if not named:
        return []
    return [
        violation(
            "QZ-43",
            f"行政机关不得对居民生活采取{'、'.join(named)}等方式迫使当事人履行相关行政决定",
            cut=list(cut),
        )
    ]


def notice_content(*, posted_on: dt.date, demolish_by: dt.date, place: str) -> list[Violation]:
    """QZ-44: the notice is public and gives the party a period to demolish itself."""
    missing = []
    if demolish_by <= posted_on:
        missing.append("限期自行拆除的期限（须晚于公告日期）")
    if not place.strip():
        missing.append("公告地点")
    if not missing:
        return []
    return [
        violation(
            "QZ-44",
            f"强制拆除应当先予公告，限期当事人自行拆除；缺少：{'、'.join(missing)}",
            missing=missing,
        )
    ]


def demolition_allowed(
    *,
    today: dt.date,
    noticed: bool,
    demolish_by: dt.date | None,
    remedy_periods_end: dt.date,
    remedies: Sequence[tuple[str, dt.date | None, str]],
) -> list[Violation]:
    """QZ-44: forced demolition only after the notice period, and after the remedy periods passed
    without reconsideration or suit (``remedies``: kind label, concluded_on, outcome)."""
    if not noticed or demolish_by is None:
        return [violation("QZ-44", "强制拆除前应当予以公告，限期当事人自行拆除；请先发布公告")]
    if today <= demolish_by:
        return [
            violation(
                "QZ-44",
                f"公告限期自行拆除的期限（{demolish_by.isoformat()}）尚未届满，不能强制拆除",
                demolish_by=demolish_by.isoformat(),
            )
        ]
    if today <= remedy_periods_end:
        return [
            violation(
                "QZ-44",
                f"申请行政复议或者提起行政诉讼的法定期限（至{remedy_periods_end.isoformat()}）"
                "尚未届满，不能强制拆除",
                remedy_periods_end=remedy_periods_end.isoformat(),
            )
        ]
    for label, concluded_on, outcome in remedies:
        if concluded_on is None:
            return [violation("QZ-44", f"当事人已申请{label}且尚未审结，不能强制拆除")]
        if outcome not in ("upheld", "won", "withdrawn"):
            return [
                violation(
                    "QZ-44",
                    f"{label}的结果未维持原决定，不能依原决定强制拆除",
                    outcome=outcome,
                )
            ]
    return []
