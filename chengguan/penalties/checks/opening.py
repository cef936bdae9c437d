"""Checks of opening a case and of the content of a decision (XF-32/33, XF-41…XF-63).

Pure functions returning Violations; see the package docstring."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from chengguan.core.errors import Violation
from chengguan.core.rules import local
from chengguan.law.models import Benchmark, ExemptionItem, Level, PenaltyType, PowerItem
from chengguan.law.models import ReviewCatalogue as CatalogueEntry
from chengguan.law.registry import violation
from chengguan.org.checks import enforcing_officers
from chengguan.org.models import OrgUnit, Staff
from chengguan.penalties import periods
from chengguan.penalties.models import Party, PenaltyCase

# XF-32: grounds that force 从轻 or 减轻.
MANDATORY_MITIGATION = {
    "mitigated_harm": "主动消除或者减轻违法行为危害后果",
    "coerced": "受他人胁迫或者诱骗实施违法行为",
    "confessed": "主动供述行政机关尚未掌握的违法行为",
    "meritorious": "配合行政机关查处违法行为有立功表现",
    "other_statutory": "法律、法规、规章规定其他应当从轻或者减轻行政处罚的",
}
# XF-33: grounds that forbid any penalty.
NO_PENALTY = {
    "minor_corrected": "违法行为轻微并及时改正，没有造成危害后果",
    "no_fault": "当事人有证据足以证明没有主观过错",
}
OTHER_GROUNDS = {
    "first_violation": "初次违法且危害后果轻微并及时改正",
    "minor_14_18": "已满十四周岁不满十八周岁",
    "repeat": "一年内再次违法",
    "refused_correction": "拒不改正",
    "bad_influence": "造成恶劣社会影响",
    # --- content (XF-31) ---
    "mental_incapable": "不能辨认或者不能控制自己行为时有违法行为的精神病人、智力残疾人",
    "mental_partial": "尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人",
    # --- end content ---
}
GROUNDS = {**MANDATORY_MITIGATION, **NO_PENALTY, **OTHER_GROUNDS}
# XF-63: 没收 carries a hearing right only at 较大价值 (LOCAL_RULES thresholds); the types that always
# carry it are the bureau's list ``hearing_penalty_types`` (read when asked, see hearing_types()).
CONFISCATION_TYPES = frozenset({"confiscate_property", "confiscate_income"})


def hearing_types() -> frozenset[str]:
    """XF-63: the penalty types that always carry a hearing right (LOCAL_RULES)."""
    return frozenset(str(t) for t in local("hearing_penalty_types"))


def _confiscation_thresholds() -> dict[str, Decimal]:
    return {
        Party.Kind.PERSON: Decimal(str(local("hearing_confiscation_threshold_person"))),
        Party.Kind.ORGANISATION: Decimal(str(local("hearing_confiscation_threshold_organisation"))),
    }


PENALTY_OUTCOMES = {PenaltyCase.Outcome.PENALTY}


@dataclass(frozen=True)
class Decision:
    """A DECISION of API.md, already type-checked (amounts as Decimal)."""

    penalty_types: tuple[str, ...] = ()
    fine_amount: Decimal | None = None
    confiscation_amount: Decimal | None = None
    level: str = ""
    grounds: tuple[str, ...] = ()
    correction: str = ""
    deviation_reason: str = ""
    exemption: str = ""
    education: str = ""
    # --- content (XF-28.2, XF-29.2, CL-4 percentage fines) ---
    fine_base: Decimal | None = None
    illegal_income: Decimal | None = None
    refund: str = ""
    also_breaches: tuple[str, ...] = ()
    # --- end content ---
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def fine(self) -> Decimal:
        return self.fine_amount or Decimal("0")

    def as_json(self) -> dict[str, Any]:
        return {
            "penalty_types": list(self.penalty_types),
            "fine_amount": None if self.fine_amount is None else f"{self.fine_amount:.2f}",
            "confiscation_amount": (
                None if self.confiscation_amount is None else f"{self.confiscation_amount:.2f}"
            ),
            "level": self.level,
            "grounds": list(self.grounds),
            "correction": self.correction,
            # --- content --- only when given, so older proposals read back unchanged.
            **({"fine_base": f"{self.fine_base:.2f}"} if self.fine_base is not None else {}),
            **(
                {"illegal_income": f"{self.illegal_income:.2f}"}
                if self.illegal_income is not None
                else {}
            ),
            **({"refund": self.refund} if self.refund else {}),
            **({"also_breaches": list(self.also_breaches)} if self.also_breaches else {}),
            # --- end content ---
        }


def decision_from_json(data: dict[str, Any] | None) -> Decision | None:
    if not data:
        return None
    fine = data.get("fine_amount")
    conf = data.get("confiscation_amount")
    return Decision(
        penalty_types=tuple(data.get("penalty_types") or ()),
        fine_amount=None if fine is None else Decimal(str(fine)),
        confiscation_amount=None if conf is None else Decimal(str(conf)),
        level=str(data.get("level") or ""),
        grounds=tuple(data.get("grounds") or ()),
        correction=str(data.get("correction") or ""),
        # --- content ---
        fine_base=None if data.get("fine_base") is None else Decimal(str(data["fine_base"])),
        illegal_income=(
            None if data.get("illegal_income") is None else Decimal(str(data["illegal_income"]))
        ),
        refund=str(data.get("refund") or ""),
        also_breaches=tuple(data.get("also_breaches") or ()),
        # --- end content ---
    )


# Opening a case ---------------------------------------------------------------------------------


def officers_may_act(
    officers: Sequence[Staff], item: PowerItem, delegated: Iterable[OrgUnit], on: dt.date
) -> list[Violation]:
    """XF-42, ORG-1, ORG-2 (org.checks) and ORG-3: a town/street team acts only on delegated powers."""
    found = enforcing_officers(officers, on)
    delegated_ids = {u.pk for u in delegated}
    for person in officers:
        unit = person.unit
        if (
            unit is not None
            and unit.kind in (OrgUnit.Kind.TOWN, OrgUnit.Kind.STREET)
            and unit.pk not in delegated_ids
        ):
            found.append(
                violation(
                    "ORG-3",
                    f"{unit.name}未获赋权行使“{item.name}”（{item.code}），不能以本队名义办理；"
                    "请移交县局执法大队办理",
                    unit=unit.code,
                    power_item=item.code,
                )
            )
            break
    return found


def limitation(
    act_date: dt.date, act_end: dt.date | None, discovered: dt.date, grave_harm: bool
) -> list[Violation]:
    """XF-36: discovered within 2 years (5 where life, health or financial safety is harmed)."""
    end = periods.limitation_end(act_end or act_date, grave_harm)
    if discovered > end:
        years = periods.LIMITATION_YEARS_GRAVE if grave_harm else periods.LIMITATION_YEARS
        return [
            violation(
                "XF-36",
                f"违法行为在{years}年内未被发现（已于{end:%Y-%m-%d}届满），不再给予行政处罚；"
                "请作不予立案处理",
                limitation_end=end.isoformat(),
            )
        ]
    return []


def recused(case_recused: set[int], people: Iterable[Staff]) -> list[Violation]:
    """XF-43: an officer who withdrew may not act on the case again."""
    for p in people:
        if p.pk in case_recused:
            return [
                violation(
                    "XF-43",
                    f"{p.display_name}已回避本案，不得参与本案的调查、审核或决定",
                    officer=p.username,
                )
            ]
    return []


def separation(role: str, person: Staff, officers: Iterable[Staff]) -> list[Violation]:
    """ORG-4: the reviewer, hearing chair and approving head are not the investigating officers."""
    if person.pk in {o.pk for o in officers}:
        return [
            violation(
                "ORG-4",
                f"{person.display_name}是本案承办（调查）人员，不得担任本案的{role}；"
                f"请由未参与调查的人员担任",
                role=role,
                person=person.username,
            )
        ]
    return []


# The content of a decision ----------------------------------------------------------------------


def simple_procedure(party_kind: str, decision: Decision) -> list[Violation]:
    """XF-51: on the spot only a warning or a fine ≤ 200 yuan (citizen) / ≤ 3,000 (organisation)."""
    limit = (
        periods.SIMPLE_MAX_PERSON
        if party_kind == Party.Kind.PERSON
        else periods.SIMPLE_MAX_ORGANISATION
    )
    other = [t for t in decision.penalty_types if t not in ("warning", "fine")]
    if other or decision.fine > limit or not decision.penalty_types:
        return [
            violation(
                "XF-51",
                f"简易程序只能当场作出警告或{limit}元以下罚款"
                f"（{'公民' if party_kind == Party.Kind.PERSON else '法人或者其他组织'}）；"
                "请改用普通程序立案调查",
                limit=str(limit),
            )
        ]
    return []


def penalty_types(item: PowerItem, decision: Decision) -> list[Violation]:
    """XF-9: a type from the closed list, and one the legal basis of this item provides for."""
    unknown = [t for t in decision.penalty_types if t not in PenaltyType.values]
    if unknown:
        return [
            violation(
                "XF-9",
                f"“{'、'.join(unknown)}”不是法定的行政处罚种类（行政拘留不属于本机关职权）",
                unknown=unknown,
            )
        ]
    outside = [t for t in decision.penalty_types if t not in item.penalty_types]
    if outside:
        labels = "、".join(PenaltyType(t).label for t in outside)
        return [
            violation(
                "XF-9",
                f"“{item.name}”的处罚依据未规定{labels}；请在依据规定的种类内选择",
                outside=outside,
            )
        ]
    if "fine" in decision.penalty_types and decision.fine_amount is None:
        return [violation("XF-9", "处罚种类含罚款，须写明罚款金额")]
    if "fine" not in decision.penalty_types and decision.fine_amount:
        return [violation("XF-9", "未选择罚款种类，不能写罚款金额")]
    return []


def correction(decision: Decision) -> list[Violation]:
    if not decision.correction.strip():
        return [
            violation(
                "XF-28", "实施行政处罚时应当责令当事人改正或者限期改正违法行为；请填写责令改正内容"
            )
        ]
    return []


def minors(party: Party, act_date: dt.date, decision: Decision) -> list[Violation]:
    """XF-30: under 14 no penalty; 14–18 only 从轻 or 减轻."""
    if party.kind != Party.Kind.PERSON or party.birth_date is None:
        return []
    age = periods.age_on(party.birth_date, act_date)
    if age < periods.CHILD_AGE:
        return [
            violation(
                "XF-30",
                f"当事人违法时未满十四周岁（{age}岁），不予行政处罚；"
                "应当责令监护人加以管教，并作出不予处罚决定",
                age=age,
            )
        ]
    if age < periods.ADULT_AGE and decision.level not in (Level.LIGHTER, Level.MITIGATED):
        return [
            violation(
                "XF-30",
                f"当事人违法时已满十四周岁不满十八周岁（{age}岁），"
                "应当从轻或者减轻行政处罚；请选择“从轻”或“减轻”阶次",
                age=age,
            )
        ]
    return []


def mitigation(decision: Decision) -> list[Violation]:
    """XF-32: a recorded mandatory ground forces 从轻 or 减轻; XF-33 grounds forbid a penalty."""
    no_pen = [g for g in decision.grounds if g in NO_PENALTY]
    if no_pen:
        return [
            violation(
                "XF-33",
                f"已认定“{NO_PENALTY[no_pen[0]]}”，依法不予行政处罚；"
                "请作出不予行政处罚决定并进行教育",
                ground=no_pen[0],
            )
        ]
    must = [g for g in decision.grounds if g in MANDATORY_MITIGATION]
    if must and decision.level not in (Level.LIGHTER, Level.MITIGATED):
        return [
            violation(
                "XF-32",
                f"已认定“{MANDATORY_MITIGATION[must[0]]}”，应当从轻或者减轻处罚；"
                "请选择“从轻”或“减轻”阶次",
                ground=must[0],
            )
        ]
    unknown = [g for g in decision.grounds if g not in GROUNDS]
    if unknown:
        return [violation("CL-4", f"未知的裁量情节：{'、'.join(unknown)}", unknown=unknown)]
    return []


def benchmark(
    item: PowerItem, bench: Benchmark | None, decision: Decision, deviation_approved: bool
) -> list[Violation]:
    """XF-34, CL-4, CL-6: a published benchmark applies; the amount lies in the chosen band, or a
    departure is approved (a collective discussion about this proposal, decision 064)."""
    if bench is None:
        return [
            violation(
                "XF-34",
                f"“{item.name}”没有已公布的行政裁量基准，不能作出处罚决定；"
                "请法制股先制定并公布裁量基准",
            )
        ]
    if decision.level not in Level.values or decision.level == Level.NONE:
        return [violation("CL-4", "请选择处罚的裁量阶次（减轻/从轻/一般/从重）")]
    if "fine" not in decision.penalty_types:
        return []
    amount = decision.fine
    lo, hi = item.fine_min, item.fine_max
    if decision.level == Level.MITIGATED:
        if lo is not None and amount >= lo and lo > 0:
            return [violation("CL-4", f"减轻处罚应低于法定最低罚款{lo}元", statutory_min=str(lo))]
        if not any(
            g in MANDATORY_MITIGATION or g in ("minor_14_18", "mental_partial")  # XF-30/XF-31
            for g in decision.grounds
        ):
            return [
                violation(
                    "CL-4", "减轻处罚须记载法定减轻情节（《行政处罚法》第三十条、第三十二条）"
                )
            ]
    elif (lo is not None and amount < lo) or (hi is not None and amount > hi):
        return [
            violation(
                "CL-4",
                f"罚款{amount}元超出法定幅度（{lo}–{hi}元）；从轻、一般、从重处罚须在法定幅度内",
                fine_min=str(lo),
                fine_max=str(hi),
            )
        ]
    level = next((lv for lv in bench.levels.all() if lv.level == decision.level), None)
    if level is None:
        return [
            violation("CL-4", f"裁量基准第{bench.version}版没有“{Level(decision.level).label}”阶次")
        ]
    if not level.contains(amount, decision.fine_base):
        band_lo, band_hi = level.band(decision.fine_base)
        if not decision.deviation_reason.strip():
            return [
                violation(
                    "CL-4",
                    f"罚款{amount}元不在“{level.get_level_display()}”阶次的幅度"
                    f"（{band_lo}–{band_hi}元）内；确需偏离基准的，须说明理由并经集体讨论",
                    band=[str(band_lo), str(band_hi)],
                )
            ]
        if not deviation_approved:
            return [
                violation(
                    "CL-6",
                    "偏离裁量基准须经负责人集体讨论决定并记录在案：讨论须针对本案现在的处罚意见"
                    f"（“{level.get_level_display()}”阶次、罚款{amount}元）并同意偏离；"
                    "请先进行集体讨论",
                    level=decision.level,
                    fine=str(amount),
                )
            ]
    return []


def exemption_applies(
    item: PowerItem, exemption: ExemptionItem | None, code: str, education: str
) -> list[Violation]:
    """XF-33: a waived case names a listed exemption for this item and keeps an education record."""
    if code and (exemption is None or exemption.power_item_id != item.pk or not exemption.active):
        return [
            violation("XF-33", f"免罚清单中没有适用于“{item.name}”的事项 {code}；请核对免罚清单")
        ]
    if not education.strip():
        return [violation("XF-33", "不予行政处罚的，应当对当事人进行教育；请填写教育记录")]
    return []


def second_fine(decision: Decision, earlier: Sequence[PenaltyCase]) -> list[Violation]:
    """XF-29: no second fine for the same act of the same party."""
    if "fine" not in decision.penalty_types:
        return []
    for other in earlier:
        return [
            violation(
                "XF-29",
                f"当事人的同一违法行为已由{other.decision_number or other.number}"
                "给予罚款，不得再次罚款",
                earlier=other.number,
            )
        ]
    return []


def hearing_right(
    party_kind: str, decision: Decision | None, thresholds: dict[str, Decimal]
) -> bool:
    """XF-63: 较大数额 fines (local thresholds) or heavy penalty types."""
    if decision is None:
        return False
    if any(t in hearing_types() for t in decision.penalty_types):
        return True
    confiscated = decision.confiscation_amount or Decimal("0")
    if any(t in CONFISCATION_TYPES for t in decision.penalty_types) and (
        confiscated >= _confiscation_thresholds()[party_kind]
    ):
        return True
    return decision.fine >= thresholds[party_kind]


def review_reasons(
    case: PenaltyCase, decision: Decision, hearing_held: bool, catalogue: Iterable[CatalogueEntry]
) -> list[str]:
    """XF-58 triggers: public interest, hearing held, complexity, or the bureau's catalogue."""
    reasons = []
    if case.public_interest:
        reasons.append("涉及重大公共利益")
    if hearing_held:
        reasons.append("直接关系当事人重大权益，经过听证程序")
    if case.complex_case:
        reasons.append("案件情况疑难复杂、涉及多个法律关系")
    for entry in catalogue:
        threshold = (
            entry.fine_person_at_least
            if case.party.kind == Party.Kind.PERSON
            else entry.fine_organisation_at_least
        )
        if (
            any(t in entry.penalty_types for t in decision.penalty_types)
            or (threshold is not None and decision.fine >= threshold)
            or case.power_item_id in {p.pk for p in entry.power_items.all()}
        ):
            reasons.append(f"属于重大执法决定法制审核目录第{entry.code}项（{entry.title}）")
    return reasons


def discussion_needed(case: PenaltyCase, decision: Decision, hearing_right: bool) -> bool:
    """XF-57: complex cases and grave penalties (those with a hearing right) go to the heads."""
    return case.complex_case or hearing_right


def before_decision(
    *,
    case: PenaltyCase,
    decision: Decision,
    kind: str,
    decider: Staff,
    today: dt.date,
    officers: Sequence[Staff],
    has_notice: bool,
    notified: Decision | None,
    statement_closed: bool,
    hearing_requested: bool,
    hearing_held: bool,
    has_right: bool,
    hearing_window_open_until: dt.date | None,
    review_reasons: list[str],
    review_approved: bool | None,
    has_discussion: bool,
    decide_by: dt.date | None,
) -> list[Violation]:
    """Everything that must be true before the head decides (general procedure)."""
    found: list[Violation] = []
    found += separation("批准决定的负责人", decider, officers)
    if decide_by is not None and today > decide_by:
        found.append(
            violation(
                "XF-60",
                f"已超过办案期限（应于{decide_by:%Y-%m-%d}前作出决定），"
                "须经负责人批准延长办案期限后方可决定",
                decide_by=decide_by.isoformat(),
            )
        )
    if case.outcome and kind != case.outcome:
        found.append(
            violation(
                "XF-57",
                f"调查终结结论为“{PenaltyCase.Outcome(case.outcome).label}”，决定类型须与之一致；"
                "如需改变，请重新调查终结",
                outcome=case.outcome,
            )
        )
    if kind != PenaltyCase.Outcome.PENALTY:
        return found
    if not has_notice:
        found.append(
            violation(
                "XF-44",
                "作出行政处罚决定前，须告知当事人拟作出的处罚内容及事实、理由、依据，"
                "并告知陈述、申辩、要求听证等权利；请先送达事先告知书",
            )
        )
        return found
    if not statement_closed:
        found.append(
            violation(
                "XF-62",
                "当事人陈述申辩期限未满，且未记录陈述申辩或书面放弃；"
                "请待期限届满或记录陈述申辩后再决定",
            )
        )
    if hearing_requested and not hearing_held:
        found.append(violation("XF-63", "当事人已要求听证，须依法组织听证后方可作出决定"))
    elif hearing_window_open_until is not None and today <= hearing_window_open_until:
        found.append(
            violation(
                "XF-63",
                "当事人要求听证的期限（告知后五个工作日，至"
                f"{hearing_window_open_until:%Y-%m-%d}）尚未届满，且当事人未书面放弃听证；"
                "请待期限届满后再作出决定",
                hearing_request_by=hearing_window_open_until.isoformat(),
            )
        )
    if notified is not None:
        found += not_heavier(notified, decision)
    if review_reasons and review_approved is not True:
        why = "；".join(review_reasons)
        found.append(
            violation(
                "XF-58",
                f"本案须经法制审核（{why}）；"
                + (
                    "法制审核未通过，不得作出决定"
                    if review_approved is False
                    else "请先提交法制审核"
                ),
                reasons=review_reasons,
            )
        )
    if discussion_needed(case, decision, has_right) and not has_discussion:
        found.append(
            violation(
                "XF-57",
                "情节复杂或者重大违法行为给予行政处罚，"
                "须经行政机关负责人集体讨论决定；请先进行集体讨论",
            )
        )
    return found


def not_heavier(notified: Decision, decided: Decision) -> list[Violation]:
    """XF-45: the decision may not be heavier than what the party was told."""
    added = [t for t in decided.penalty_types if t not in notified.penalty_types]
    if (
        added
        or decided.fine > notified.fine
        or (decided.confiscation_amount or 0) > (notified.confiscation_amount or 0)
    ):
        return [
            violation(
                "XF-45",
                "行政机关不得因当事人陈述、申辩而给予更重的处罚；"
                f"决定不得重于事先告知的内容（告知罚款{notified.fine}元）；"
                "如需加重，请重新事先告知",
                notified=notified.as_json(),
            )
        ]
    return []
