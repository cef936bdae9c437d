"""The rules of 行政检查 (LEGAL-RULES §11) as pure functions returning the violations they find.

Local numbers (late approval, yearly cap, scan window) come in as arguments; actions read them from
LOCAL_RULES so a bureau changes them without touching code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from chengguan.core.errors import Violation
from chengguan.inspections.models import Inspection, InspectionItem, InspectionPlan
from chengguan.inspections.states import APPROVAL_AFTERWARDS, PlanStatus, Reason
from chengguan.law.registry import violation
from chengguan.org.checks import enforcing_officers
from chengguan.org.models import Staff


def published(item: InspectionItem) -> list[Violation]:
    """JC-1: only items on the published 检查事项清单 may be inspected."""
    if item.published:
        return []
    return [
        violation(
            "JC-1",
            f"检查事项“{item.name}”未列入已公布的行政检查事项清单，不得实施检查；请先公布该事项",
            item=item.code,
        )
    ]


def delegated(item: InspectionItem, *, team: str | None, delegated: bool) -> list[Violation]:
    """ORG-3: a town/street team inspects only under the powers delegated to it."""
    if team is None or delegated:
        return []
    return [
        violation(
            "ORG-3",
            f"“{item.name}”对应的权责事项未赋权{team}，乡镇（街道）综合执法队不能实施该项检查",
            item=item.code,
        )
    ]


def approved_in_time(
    inspection: Inspection, *, today: dt.date, what: str, final: bool = False
) -> list[Violation]:
    """JC-2: a planned (or other risk-free) inspection needs the head's approval before it starts;
    one on a complaint, referral or risk data may start first, approved within the setting — and
    none closes (``final``) without the approval."""
    if inspection.approved_on is not None:
        return []
    if final:
        return [
            violation(
                "JC-2",
                f"本次检查尚未经行政机关负责人批准，不能{what}；请先报负责人补办批准",
                reason=inspection.reason,
            )
        ]
    if inspection.reason not in APPROVAL_AFTERWARDS:
        return [
            violation(
                "JC-2",
                f"{Reason(inspection.reason).label}须经行政机关负责人事先批准后方可{what}；"
                "请先报负责人批准",
                reason=inspection.reason,
            )
        ]
    due = inspection.approval_due
    if due is not None and today > due:
        return [
            violation(
                "JC-2",
                f"依{Reason(inspection.reason).label}实施的检查应于{due.isoformat()}前补办负责人"
                f"批准，已逾期未批，不能{what}；请先补办批准",
                approval_due=due.isoformat(),
            )
        ]
    return []


def inspecting_officers(officers: Sequence[Staff], on: dt.date) -> list[Violation]:
    """JC-3: at least two distinct officers, each holding a valid certificate on the day; auxiliary
    staff (协管员) and grid workers (网格员, 信息采集员) never inspect."""
    found = enforcing_officers(officers, on)
    not_officers = [p for p in officers if not p.has_role("officer") and not p.is_auxiliary]
    why = [v.message for v in found] + [
        f"{p.display_name}不是执法人员（网格员、信息采集员等不得实施检查）" for p in not_officers
    ]
    if not why:
        return []
    return [
        violation(
            "JC-3",
            f"行政检查应当由两名以上持有效执法证件的执法人员实施（{'；'.join(why)}）",
            officers=[p.username for p in officers],
            because=sorted({v.rule for v in found}),
        )
    ]


def yearly_cap(
    *, used: int, cap: int, reason: str, entity_name: str, year: int, item: str | None
) -> list[Violation]:
    """JC-4: a yearly cap per enterprise outside complaint-driven inspections."""
    if reason == Reason.COMPLAINT or used < cap:
        return []
    scope = f"事项“{item}”" if item else "各类事项合计"
    return [
        violation(
            "JC-4",
            f"{entity_name}{year}年已接受{scope}非投诉举报类检查{used}次，达到年度上限{cap}次，"
            "不得再行检查；确需检查的请与已有检查合并实施（综合查一次）",
            used=used,
            cap=cap,
            year=year,
        )
    ]


def code_matches(inspection: Inspection, code: str) -> list[Violation]:
    """JC-5: the code scanned at the door is this inspection's code."""
    given = "".join((code or "").split()).upper()
    if given and given == inspection.code:
        return []
    return [
        violation(
            "JC-5",
            "检查码与本次检查不符；请企业扫描检查通知书上的检查码核验",
            inspection=inspection.pk,
        )
    ]


def scan_late(*, planned_on: dt.date, scanned_on: dt.date, allowed_days: int) -> bool:
    """JC-5: a code scanned after the planned day (plus the setting) is flagged, not refused."""
    return (scanned_on - planned_on).days > allowed_days


def told_in_writing(inspection: Inspection) -> list[Violation]:
    """JC-6: the inspection closes only once the result was told to the enterprise in writing;
    findings lead to a correction order (ZL-1) or a penalty case."""
    found: list[Violation] = []
    if inspection.result_told_on is None or not inspection.result.strip():
        found.append(
            violation(
                "JC-6",
                "检查结果应当书面告知被检查对象；请先送达检查结果告知书，再办结",
            )
        )
    elif (
        inspection.ok is False
        and inspection.correction_ordered_on is None
        # --- helper:inspections2 --- a penalty case opened from the findings follows them up
        and inspection.case_id is None
    ):
        found.append(
            violation(
                "JC-6",
                "检查发现问题的，应当责令改正或者依法立案查处；请先下达责令改正通知书",
            )
        )
    return found


def no_burden(inspection: Inspection) -> list[Violation]:
    """JC-6: an inspection that found nothing closes without burden."""
    if inspection.ok is not False:
        return [
            violation(
                "JC-6",
                "检查未发现问题的，应当直接办结，不得责令改正或者附加其他负担",
            )
        ]
    return []


def correction(*, deadline: dt.date | None, today: dt.date) -> list[Violation]:
    """ZL-1: a correction order carries a concrete deadline after today."""
    if deadline is not None and deadline > today:
        return []
    return [
        violation(
            "ZL-1",
            "责令改正应当载明具体的改正期限，且期限应晚于今天",
            deadline=deadline.isoformat() if deadline else None,
        )
    ]


def drawable(
    plan: InspectionPlan, *, officers: Sequence[str], entities: int, today: dt.date
) -> list[Violation]:
    """SJ-1: a draw needs an approved plan of a published random item, objects to draw from and at
    least two eligible (certified, not recused) officers."""
    if plan.approved_on is None:
        return [violation("SJ-1", "抽查计划须经行政机关负责人批准后方可抽取", plan=plan.pk)]
    if not plan.item.random:
        return [
            violation("SJ-1", f"“{plan.item.name}”不是双随机抽查事项，不能随机抽取", plan=plan.pk)
        ]
    if len(set(officers)) < 2:
        return [
            violation(
                "SJ-1",
                f"符合条件的执法人员（持有效证件、未回避）只有{len(set(officers))}人，"
                "不足两人，无法随机匹配检查人员；请补充执法人员库",
                eligible=sorted(set(officers)),
                on=today.isoformat(),
            )
        ]
    if entities == 0:
        return [violation("SJ-1", "检查对象名录库中没有可抽取的对象", plan=plan.pk)]
    return []


def random_item(item: InspectionItem) -> list[Violation]:
    """SJ-1: a random-inspection plan is of an item marked random on the list."""
    if item.random:
        return []
    return [
        violation("SJ-1", f"“{item.name}”不是双随机抽查事项，不能制定随机抽查计划", item=item.code)
    ]


def drawn_pair(*, officers: Sequence[str], pair: Sequence[str]) -> list[Violation]:
    """SJ-1: an object drawn by a plan is inspected by the officers drawn for it."""
    if sorted(set(officers)) == sorted(pair):
        return []
    return [
        violation(
            "SJ-1",
            f"该对象随机匹配的检查人员为{'、'.join(pair)}，不得自行更换；确需回避的请重新报批",
            drawn=list(pair),
            officers=list(officers),
        )
    ]


# --- helper:inspections2 ---
def repeat_window(
    *, reason: str, window: int, recent: Sequence[tuple[str, dt.date]], entity_name: str
) -> list[Violation]:
    """JC-4: no second inspection of the same object and item within the window, unless the new
    one is complaint-driven; merge the items into one visit instead (综合查一次)."""
    if reason == Reason.COMPLAINT or not recent:
        return []
    seen = "；".join(f"“{name}”已于{day.isoformat()}检查" for name, day in recent)
    return [
        violation(
            "JC-4",
            f"{entity_name}{seen}，{window}日内不得就同一事项重复检查（投诉举报除外）；"
            "确需检查的请与已有检查合并实施（综合查一次）",
            window=window,
            items=[name for name, _ in recent],
            days=[day.isoformat() for _, day in recent],
        )
    ]


def recheck_after_deadline(*, deadline: dt.date, on: dt.date) -> list[Violation]:
    """ZL-1: the follow-up check (复查) comes after the correction deadline, not before it."""
    if on > deadline:
        return []
    return [
        violation(
            "ZL-1",
            f"责令改正期限至{deadline.isoformat()}，期限届满后方可复查（复查日期应晚于改正期限）",
            deadline=deadline.isoformat(),
            on=on.isoformat(),
        )
    ]


def publishable(plan: InspectionPlan) -> list[Violation]:
    """SJ-2: what is published is a recorded draw; a plan not yet drawn has no result to show."""
    if plan.status == PlanStatus.DRAWN and plan.drawn_at is not None:
        return []
    return [
        violation(
            "SJ-2",
            "该抽查计划尚未随机抽取，没有可公示的抽查结果；请先抽取，再于规定期限内公示",
            plan=plan.pk,
            status=plan.status,
        )
    ]


# --- /helper:inspections2 ---
