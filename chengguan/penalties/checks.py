"""Legal and procedural checks of a penalty case: pure functions returning Violations (rule ids).

They read only what they are given (records already loaded by the action), never write, and never
raise for a legal refusal: the action calls ``enforce(...)`` on what they return.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from chengguan.core.errors import Violation
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
}
GROUNDS = {**MANDATORY_MITIGATION, **NO_PENALTY, **OTHER_GROUNDS}
# XF-63: penalties that always carry a hearing right.
HEARING_TYPES = {
    "confiscate_property",
    "confiscate_income",
    "lower_qualification",
    "revoke_permit",
    "suspend_business",
    "close_down",
    "restrict_practice",
    "restrict_business",
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
    item: PowerItem, bench: Benchmark | None, decision: Decision, has_discussion: bool
) -> list[Violation]:
    """XF-34, CL-4, CL-6: a published benchmark applies; the amount lies in the chosen band."""
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
        if not any(g in MANDATORY_MITIGATION or g == "minor_14_18" for g in decision.grounds):
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
    if not level.contains(amount):
        if not decision.deviation_reason.strip():
            return [
                violation(
                    "CL-4",
                    f"罚款{amount}元不在“{level.get_level_display()}”阶次的幅度"
                    f"（{level.fine_min}–{level.fine_max}元）内；确需偏离基准的，须说明理由并经集体讨论",
                    band=[str(level.fine_min), str(level.fine_max)],
                )
            ]
        if not has_discussion:
            return [
                violation("CL-6", "偏离裁量基准须经负责人集体讨论决定并记录在案；请先进行集体讨论")
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
    if any(t in HEARING_TYPES for t in decision.penalty_types):
        return True
    return (
        decision.fine >= thresholds[party_kind]
        or (decision.confiscation_amount or Decimal("0")) >= thresholds[party_kind]
    )


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


# Hearing, review, service, payment ---------------------------------------------------------------


def hearing_request(
    has_right: bool, request_by: dt.date | None, requested_on: dt.date
) -> list[Violation]:
    if not has_right:
        return [
            violation("XF-63", "本案拟作出的处罚不属于依法应当告知听证的情形；当事人可以陈述申辩")
        ]
    if request_by is not None and requested_on > request_by:
        return [
            violation(
                "XF-64",
                f"当事人应在告知后五个工作日内（{request_by:%Y-%m-%d}前）要求听证，"
                "已逾期；可记录陈述申辩",
                request_by=request_by.isoformat(),
            )
        ]
    return []


def hearing(
    *,
    chair: Staff,
    officers: Sequence[Staff],
    notified_on: dt.date,
    held_on: dt.date,
    earliest: dt.date,
) -> list[Violation]:
    """XF-64: notified 7 working days before; chaired by someone who did not investigate."""
    if chair.pk in {o.pk for o in officers}:
        return [
            violation(
                "XF-64",
                f"听证由非本案调查人员主持；{chair.display_name}是本案调查人员，请另行指定主持人",
                chair=chair.username,
            )
        ]
    if held_on < earliest:
        return [
            violation(
                "XF-64",
                f"应当在举行听证的七个工作日前通知当事人；"
                f"{notified_on:%Y-%m-%d}通知的，听证最早于{earliest:%Y-%m-%d}举行",
                earliest=earliest.isoformat(),
            )
        ]
    return []


def reviewer_qualified(reviewer: Staff, first_time: bool) -> list[Violation]:
    if first_time and not reviewer.legal_qualified:
        return [
            violation(
                "XF-58",
                "初次从事行政处罚决定法制审核的人员，应当取得法律职业资格；"
                "请由具有法律职业资格的审核人员审核",
            )
        ]
    return []


def service(
    *,
    decided_on: dt.date,
    served_on: dt.date,
    method: str,
    consent: bool,
    serve_by: dt.date | None,
    late_reason: str,
) -> list[Violation]:
    """XF-61: within 7 working days; electronic service only with the party's consent."""
    if served_on < decided_on:
        return [violation("XF-61", "送达日期不能早于决定日期")]
    if method == PenaltyCase.ServiceMethod.ELECTRONIC and not consent:
        return [
            violation(
                "XF-61",
                "当事人同意并签订确认书的，方可采用电子送达；"
                "请取得当事人书面同意或改用其他送达方式",
            )
        ]
    if serve_by is not None and served_on > serve_by and not late_reason.strip():
        return [
            violation(
                "XF-61",
                f"当事人不在场的，应当在七个工作日内（{serve_by:%Y-%m-%d}前）送达；"
                "逾期送达须写明原因",
                serve_by=serve_by.isoformat(),
            )
        ]
    return []


def payment(
    *,
    procedure: str,
    channel: str,
    amount: Decimal,
    fine: Decimal,
    surcharge_due: Decimal,
    receipt_no: str,
    impracticable: bool,
    instalment: int | None = None,
) -> list[Violation]:
    """XF-67 罚缴分离, XF-68 on-the-spot collection, XF-70 receipt, XF-66 partial payment, XF-72
    surcharge. ``fine`` is the fine this payment must settle: the whole fine, or with an approved
    schedule the instalment ``instalment``."""
    if channel == "on_spot":
        if procedure != PenaltyCase.Procedure.SIMPLE:
            return [
                violation(
                    "XF-67",
                    "作出罚款决定的行政机关应当与收缴罚款的机构分离；"
                    "普通程序的罚款由当事人到指定银行或通过电子支付缴纳",
                )
            ]
        if fine > periods.ON_SPOT_MAX and not impracticable:
            return [
                violation(
                    "XF-68",
                    f"当场收缴罚款仅限{periods.ON_SPOT_MAX}元以下，"
                    "或不当场收缴事后难以执行的；请当事人到银行或电子支付缴纳",
                )
            ]
        if not receipt_no.strip():
            return [
                violation("XF-70", "当场收缴罚款须出具财政部门统一制发的专用票据；请登记票据号")
            ]
    if amount < fine:
        if instalment is not None:
            return [
                violation(
                    "XF-66",
                    f"经批准分期（暂缓）缴纳的，应按期足额缴纳；第{instalment}期应缴罚款{fine}元"
                    + (f"及加处罚款{surcharge_due}元" if surcharge_due else ""),
                    instalment=instalment,
                    due=str(fine + surcharge_due),
                )
            ]
        return [
            violation(
                "XF-66",
                f"罚款应一次缴清（{fine}元）；未经批准分期缴纳的，不能部分缴纳。"
                "当事人确有经济困难的，可以申请暂缓或者分期缴纳",
                due=str(fine + surcharge_due),
            )
        ]
    if amount < fine + surcharge_due:
        return [
            violation(
                "XF-72",
                f"逾期缴纳罚款的，每日按罚款数额的百分之三加处罚款；"
                f"应缴{fine + surcharge_due}元（罚款{fine}元，加处罚款{surcharge_due}元）",
                due=str(fine + surcharge_due),
                surcharge=str(surcharge_due),
            )
        ]
    return []


def arrangement_application(*, pending: bool, approved: bool) -> list[Violation]:
    """XF-66: one application at a time, and no second schedule once one is in force."""
    if pending:
        return [violation("XF-66", "已有暂缓或分期缴纳申请待负责人审批；请先审批该申请")]
    if approved:
        return [
            violation(
                "XF-66",
                "本案已批准暂缓或分期缴纳，当事人应按批准的期限缴纳；不能再次申请",
            )
        ]
    return []


def demand(*, due: dt.date, served_on: dt.date) -> list[Violation]:
    """QZ-54: the demand comes after the party failed to pay by the due date, not before."""
    if served_on <= due:
        return [
            violation(
                "QZ-54",
                f"当事人的缴款期限至{due:%Y-%m-%d}届满，届满前尚未逾期，不能催告；"
                "逾期仍未缴纳的，方可送达催告书",
                due=due.isoformat(),
            )
        ]
    return []


def enforcement_application(
    *,
    applied_on: dt.date,
    revoked: bool,
    remedy_pending: bool,
    periods_end: dt.date,
    apply_by: dt.date,
    demand_served_on: dt.date | None,
    demand_perform_by: dt.date | None,
) -> list[Violation]:
    """QZ-53: after the remedy periods expire and within three months of that; QZ-54: only after a
    催告书 whose ten working days have passed. No application against a decision under review."""
    found: list[Violation] = []
    if revoked:
        found.append(violation("QZ-53", "行政处罚决定已被撤销，不能申请强制执行"))
    if remedy_pending:
        found.append(
            violation(
                "QZ-53",
                "当事人已申请行政复议或提起行政诉讼且尚未审结；"
                "请待复议、诉讼审结后再决定是否申请强制执行",
            )
        )
    if applied_on <= periods_end:
        found.append(
            violation(
                "QZ-53",
                f"当事人申请行政复议或提起行政诉讼的期限至{periods_end:%Y-%m-%d}届满，"
                "期限届满前不能申请人民法院强制执行",
                periods_end=periods_end.isoformat(),
            )
        )
    if demand_served_on is None or demand_perform_by is None:
        found.append(
            violation(
                "QZ-54",
                "申请人民法院强制执行前，应当以书面形式催告当事人履行义务；请先送达催告书",
            )
        )
    elif applied_on <= demand_perform_by:
        found.append(
            violation(
                "QZ-54",
                f"催告书于{demand_served_on:%Y-%m-%d}送达，当事人的十个工作日履行期至"
                f"{demand_perform_by:%Y-%m-%d}届满；届满后仍未履行的，方可申请强制执行",
                perform_by=demand_perform_by.isoformat(),
            )
        )
    if applied_on > apply_by:
        found.append(
            violation(
                "QZ-53",
                f"申请人民法院强制执行的期限（复议、诉讼期限届满之日起三个月）已于"
                f"{apply_by:%Y-%m-%d}届满，不能再申请",
                apply_by=apply_by.isoformat(),
                periods_end=periods_end.isoformat(),
            )
        )
    return found


def remedy(
    *, served_on: dt.date | None, filed_on: dt.date, today: dt.date, pending_same_kind: bool
) -> list[Violation]:
    """XF-73: only a recorded, real proceeding pauses the surcharge."""
    if served_on is None or filed_on < served_on:
        return [
            violation(
                "XF-73",
                "复议或诉讼的申请日期不能早于处罚决定送达日期；"
                "只有依法提起的复议、诉讼期间不计加处罚款",
            )
        ]
    if filed_on > today:
        return [violation("XF-73", "不能登记尚未提起的复议或诉讼")]
    if pending_same_kind:
        return [violation("XF-73", "已有同类复议或诉讼尚未审结；请先登记其结果")]
    return []


def close(case: PenaltyCase, *, cash_not_deposited: int = 0) -> list[Violation]:
    found: list[Violation] = []
    if case.procedure == PenaltyCase.Procedure.SIMPLE and case.filed_on is None:
        found.append(
            violation(
                "XF-52",
                "当场作出的行政处罚决定应当报所属行政机关备案；请先备案再结案",
                filing_due=case.filing_due.isoformat() if case.filing_due else None,
            )
        )
    if cash_not_deposited:
        found.append(
            violation(
                "XF-71",
                "当场收缴的罚款尚未缴付指定银行；请先登记交至本机关和缴付银行的情况再结案",
                payments=cash_not_deposited,
            )
        )
    return found


# 出示执法证件 (XF-55, XF-52) ------------------------------------------------------------------------


def certificates_shown(shown: Sequence[Staff], on: dt.date, where: str) -> list[Violation]:
    """XF-55: at least two officers (XF-42) showed a valid certificate (ORG-1), none of them an
    auxiliary (ORG-2). The officer checks of ``org.checks`` decide; the refusal cites XF-55 because
    what is missing is the record of showing, not the case's staffing."""
    underlying = enforcing_officers(shown, on)
    if not underlying:
        return []
    why = "；".join(v.message for v in underlying)
    return [
        violation(
            "XF-55",
            f"{where}应当记录两名以上执法人员出示有效的执法证件（{why}）；"
            "请勾选实际出示证件的持证执法人员",
            shown=[p.username for p in shown],
            because=[v.rule for v in underlying],
        )
    ]


# 先行登记保存 (XF-56) -----------------------------------------------------------------------------


def preservation_registration(
    *, approved_on: dt.date | None, preserved_on: dt.date
) -> list[Violation]:
    """XF-56: items are preserved by registration only after the head approved it."""
    if approved_on is None:
        return [
            violation(
                "XF-56",
                "先行登记保存证据须经行政机关负责人批准；请先报负责人批准，再登记保存物品",
            )
        ]
    if preserved_on < approved_on:
        return [
            violation(
                "XF-56",
                f"负责人于{approved_on:%Y-%m-%d}批准先行登记保存，登记保存日期不能早于批准日期",
                approved_on=approved_on.isoformat(),
            )
        ]
    return []


def preservation_decision(
    *, decide_by: dt.date, decided_on: dt.date, late_reason: str
) -> list[Violation]:
    """XF-56: a decision on the items within seven working days; a late one only with a reason."""
    if decided_on > decide_by and not late_reason.strip():
        return [
            violation(
                "XF-56",
                f"对先行登记保存的物品应当在七个工作日内（{decide_by:%Y-%m-%d}前）作出处理决定，"
                "已逾期；逾期作出的须写明逾期原因",
                decide_by=decide_by.isoformat(),
            )
        ]
    return []


def preservations_decided(undecided: Sequence[dt.date | None]) -> list[Violation]:
    """XF-56: the investigation does not end while preserved items wait for a decision."""
    if undecided:
        first = min((d for d in undecided if d is not None), default=None)
        return [
            violation(
                "XF-56",
                "尚有先行登记保存的物品未作出处理决定，不能调查终结；请先作出处理决定"
                + (f"（应于{first:%Y-%m-%d}前）" if first else ""),
                open=len(undecided),
            )
        ]
    return []


# 当场收缴罚款的上缴 (XF-71) ------------------------------------------------------------------------


def cash_hand_in(
    *, hand_in_by: dt.date, handed_in_on: dt.date, late_reason: str
) -> list[Violation]:
    if handed_in_on > hand_in_by and not late_reason.strip():
        return [
            violation(
                "XF-71",
                f"当场收缴的罚款应当自收缴之日起二个工作日内（{hand_in_by:%Y-%m-%d}前）"
                "交至行政机关，已逾期；逾期交纳的须写明原因",
                due=hand_in_by.isoformat(),
            )
        ]
    return []


def cash_deposit(
    *, handed_in: bool, deposit_by: dt.date | None, deposited_on: dt.date, late_reason: str
) -> list[Violation]:
    if not handed_in or deposit_by is None:
        return [
            violation(
                "XF-71",
                "当场收缴的罚款须先由执法人员交至本机关，再由本机关缴付指定银行；"
                "请先登记交至本机关的情况",
            )
        ]
    if deposited_on > deposit_by and not late_reason.strip():
        return [
            violation(
                "XF-71",
                f"行政机关应当在二个工作日内（{deposit_by:%Y-%m-%d}前）将罚款缴付指定的银行，"
                "已逾期；逾期缴付的须写明原因",
                due=deposit_by.isoformat(),
            )
        ]
    return []
