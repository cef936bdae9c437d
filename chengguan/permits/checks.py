"""The rules of 行政许可 (LEGAL-RULES §12) as pure functions returning the violations they find.

Dates come in as arguments (computed by the actions with the bureau's working-day calendar), so
each rule reads as the statute does. The statutory numbers are constants here, not LOCAL_RULES:
they are the law's, not the bureau's to set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from chengguan.core.errors import Violation
from chengguan.law.registry import violation
from chengguan.permits.models import PermitApplication

ACCEPT_WORKDAYS = 5  # 行政许可法 第三十二条
DECIDE_WORKDAYS = 20  # 第四十二条
EXTENSION_WORKDAYS = 10  # 第四十二条 (经本行政机关负责人批准)
PUBLISH_WORKDAYS = 7  # 双公示: 作出决定之日起七个工作日内


def missing_materials(required: Sequence[str], submitted: Sequence[str]) -> list[str]:
    """The required materials not submitted, in the kind's order."""
    given = set(submitted)
    return [m for m in required if m not in given]


def within_acceptance(app: PermitApplication, *, today: dt.date, what: str) -> list[Violation]:
    """XK-32: accepting or telling what is missing happens within 5 working days of receipt;
    after that the application already counts as accepted on receipt."""
    if today <= app.accept_by:
        return []
    return [
        violation(
            "XK-32",
            f"已超过受理期限（{app.accept_by.isoformat()}），该申请自收到之日起视为受理，"
            f"不能再{what}；请在决定期限内作出许可决定",
            accept_by=app.accept_by.isoformat(),
        )
    ]


def one_time_notice(
    app: PermitApplication, *, required: Sequence[str], missing: Sequence[str]
) -> list[Violation]:
    """XK-32: the notice is given once, and completely: it names every required material not
    submitted, and nothing else."""
    if app.materials_requested_on is not None:
        return [
            violation(
                "XK-32",
                "补正材料应当一次性告知，本申请已告知过一次，不能再次要求补正",
                told_on=app.materials_requested_on.isoformat(),
            )
        ]
    lacking = missing_materials(required, app.materials)
    named = list(dict.fromkeys(missing))
    extra = [m for m in named if m not in lacking]
    if not lacking:
        return [
            violation(
                "XK-32",
                "申请材料已经齐全，应当受理，不能要求补正",
                submitted=list(app.materials),
            )
        ]
    if extra:
        return [
            violation(
                "XK-32",
                f"只能要求补正本许可事项所需且尚未提交的材料，以下不属于缺少的材料：{'、'.join(extra)}",
                not_missing=extra,
            )
        ]
    left_out = [m for m in lacking if m not in named]
    if left_out:
        return [
            violation(
                "XK-32",
                f"补正告知应当一次性、全部列明缺少的材料，尚未列明：{'、'.join(left_out)}",
                left_out=left_out,
            )
        ]
    return []


def extension(app: PermitApplication, *, today: dt.date, reason: str) -> list[Violation]:
    """XK-42: once, with the reason told, before the period runs out."""
    if app.extended:
        return [violation("XK-42", "审批期限只能延长一次，本申请已经延长过", extended=True)]
    if not reason.strip():
        return [violation("XK-42", "延长审批期限须说明理由并告知申请人，请填写延长理由")]
    if app.decide_by is not None and today > app.decide_by:
        return [
            violation(
                "XK-42",
                f"审批期限已于{app.decide_by.isoformat()}届满，不能再延长；请尽快作出决定",
                decide_by=app.decide_by.isoformat(),
            )
        ]
    return []


def refusal_in_writing(reasons: str, remedies: str) -> list[Violation]:
    """XK-38: a refusal states its reasons and the applicant's remedies."""
    if not reasons.strip():
        return [violation("XK-38", "不予行政许可应当书面说明理由，请填写不予许可的理由")]
    if not remedies.strip():
        return [violation("XK-38", "不予行政许可应当告知申请人申请行政复议或者提起行政诉讼的权利")]
    return []


# --- helper:stalls --- 瓜果季便民临时摊点 (XK-1: the kind's conditions are the bureau's 管理规定)


def point_in_season(*, season_to: dt.date, today: dt.date) -> list[Violation]:
    """XK-1: a place is applied for while the point's season has not ended."""
    if today <= season_to:
        return []
    return [
        violation(
            "XK-1",
            f"该便民临时摊点的季节已于{season_to.isoformat()}结束，不能再申请摊位",
            season_to=season_to.isoformat(),
        )
    ]


def places_left(*, free: int, capacity: int) -> list[Violation]:
    """XK-1: never more keepers than the point's places."""
    if free > 0:
        return []
    return [
        violation(
            "XK-1",
            f"该点位的{capacity}个摊位已全部分配，不能再分配",
            capacity=capacity,
            free=0,
        )
    ]


def pledged(*, eligible: int, unpledged: int) -> list[Violation]:
    """XK-1: no place without the keeper's signed pledge (经营承诺书)."""
    if eligible or not unpledged:
        return []
    return [
        violation(
            "XK-1",
            f"有{unpledged}份申请尚未签署经营承诺书，签署前不能分配摊位",
            unpledged=unpledged,
        )
    ]


def stall_grantable(*, place: int | None, pledge_signed: bool) -> list[Violation]:
    """XK-1: a stall permit is granted for an allocated place, to a keeper who signed the pledge."""
    if not pledge_signed:
        return [violation("XK-1", "摊主尚未签署经营承诺书，不能准予便民临时摊点许可")]
    if place is None:
        return [violation("XK-1", "该申请尚未分配摊位，请先分配后再准予许可")]
    return []


# --- /helper:stalls ---
