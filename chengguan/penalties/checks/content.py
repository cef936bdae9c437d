"""Checks of the content of a decision (LEGAL-RULES §10.3): who the party is, whether they can be
penalised at all, what the decision must impose, and the statute's own shape of the fine.

Pure functions returning Violations; see the package docstring."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from chengguan.core.errors import Violation
from chengguan.law.models import Level, PowerItem
from chengguan.law.registry import violation
from chengguan.penalties.checks.opening import Decision
from chengguan.penalties.models import Party

# XF-31: a party who could not recognise or control their conduct (精神病人、智力残疾人).
INCAPABLE = {"mental_incapable": "不能辨认或者不能控制自己行为时有违法行为的精神病人、智力残疾人"}
PARTLY_INCAPABLE = {"mental_partial": "尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人"}
CAPACITY_GROUNDS = {**INCAPABLE, **PARTLY_INCAPABLE}
LIGHT = (Level.LIGHTER, Level.MITIGATED)


def party_identity(party: Party) -> list[Violation]:
    """PA-1 (identity) and XF-30 (a natural person's birth date known, so the age rule is checked)."""
    if party.kind == Party.Kind.ORGANISATION:
        if not party.credit_code:
            return [
                violation(
                    "PA-1",
                    f"单位当事人“{party.name}”未登记统一社会信用代码，身份不明，不能作出决定，"
                    "也不能适用单位的简易程序罚款限额；请核实并登记统一社会信用代码",
                    field="party.credit_code",
                )
            ]
        return []
    if not party.id_number and not (party.document_type and party.document_number):
        return [
            violation(
                "PA-1",
                f"当事人“{party.name}”未登记公民身份号码或其他身份证件，身份不明，不能作出决定；"
                "请核实并登记证件类型和号码",
                field="party.id_number",
            )
        ]
    if party.birth_date is None:
        return [
            violation(
                "XF-30",
                f"当事人“{party.name}”的出生日期不明，无法核对其违法时是否年满十四、十八周岁；"
                "请登记出生日期及其来源",
                field="party.birth_date",
            )
        ]
    return []


def capacity(party: Party, decision: Decision) -> list[Violation]:
    """XF-31: not penalised if unable to recognise/control their conduct; partly → 从轻 or 减轻."""
    given = [g for g in decision.grounds if g in CAPACITY_GROUNDS]
    if given and party.kind != Party.Kind.PERSON:
        return [violation("XF-31", "精神病人、智力残疾人的情节只适用于自然人当事人")]
    if any(g in INCAPABLE for g in given):
        return [
            violation(
                "XF-31",
                "已认定当事人系不能辨认或者不能控制自己行为时有违法行为的精神病人、智力残疾人，"
                "不予行政处罚；应当责令其监护人严加看管和治疗，并作出不予处罚决定",
                ground="mental_incapable",
            )
        ]
    if given and decision.level not in LIGHT:
        return [
            violation(
                "XF-31",
                "已认定当事人尚未完全丧失辨认或者控制自己行为能力，可以从轻或者减轻处罚，"
                "不得按一般或从重处罚；请选择“从轻”或“减轻”阶次",
                ground="mental_partial",
            )
        ]
    return []


def imposes_penalty(decision: Decision) -> list[Violation]:
    """XF-9: a penalty decision imposes at least one type; a chosen 罚款 is more than nothing."""
    if not decision.penalty_types:
        return [
            violation(
                "XF-9",
                "决定给予行政处罚的，须至少选择一种处罚种类；不予处罚的请作出不予处罚决定",
            )
        ]
    if (
        "fine" in decision.penalty_types
        and decision.fine_amount is not None
        and decision.fine_amount <= 0
    ):
        return [violation("XF-9", "处罚种类含罚款的，罚款金额须大于零", field="fine_amount")]
    return []


def illegal_income(decision: Decision) -> list[Violation]:
    """XF-28.2: recorded 违法所得 is confiscated, unless its refund (退赔) is recorded."""
    income = decision.illegal_income or Decimal("0")
    if income <= 0 or decision.refund:
        return []
    if "confiscate_income" not in decision.penalty_types:
        return [
            violation(
                "XF-28.2",
                f"已认定违法所得{income}元，除依法应当退赔的外，应当予以没收；"
                "请选择“没收违法所得”，或记录退赔情况",
                illegal_income=str(income),
            )
        ]
    if (decision.confiscation_amount or Decimal("0")) < income:
        return [
            violation(
                "XF-28.2",
                f"没收违法所得的金额（{decision.confiscation_amount or 0}元）少于认定的违法所得"
                f"{income}元；未退赔的部分应当没收",
                illegal_income=str(income),
            )
        ]
    return []


def statutory_shape(item: PowerItem, party_kind: str, decision: Decision) -> list[Violation]:
    """The statute's own shape of the penalty: an item for one kind of party (大气法 Art. 119 单位 /
    个人) is no legal basis for the other (XF-38); a percentage fine (城乡规划法 Art. 64, 5 %–10 %
    of the cost) needs its base and lies within base × percentages (CL-4)."""
    if item.applies_to and item.applies_to != party_kind:
        who = "单位" if item.applies_to == Party.Kind.ORGANISATION else "个人"
        return [
            violation(
                "XF-38",
                f"“{item.code} {item.name}”的罚则只适用于{who}，不能作为对本案当事人处罚的依据；"
                "请选择对应当事人类别的权责事项",
                applies_to=item.applies_to,
            )
        ]
    if "fine" not in decision.penalty_types:
        return []
    if item.fine_percent_min is None and item.fine_percent_max is None:
        return []
    label = item.fine_base_label or "罚款计算基数"
    if decision.fine_base is None or decision.fine_base <= 0:
        return [
            violation(
                "CL-4",
                f"“{item.name}”按{label}的百分比处以罚款，须写明{label}（fine_base）",
                field="decision.fine_base",
            )
        ]
    lo = (decision.fine_base * (item.fine_percent_min or Decimal("0")) / 100).quantize(
        Decimal("0.01")
    )
    hi = (
        None
        if item.fine_percent_max is None
        else (decision.fine_base * item.fine_percent_max / 100).quantize(Decimal("0.01"))
    )
    mitigated = decision.level == Level.MITIGATED
    if (not mitigated and decision.fine < lo) or (hi is not None and decision.fine > hi):
        return [
            violation(
                "CL-4",
                f"罚款{decision.fine}元超出法定幅度：{label}{decision.fine_base}元的"
                f"{item.fine_percent_min}%–{item.fine_percent_max}%，即{lo}–{hi}元",
                fine_min=str(lo),
                fine_max=str(hi),
            )
        ]
    if mitigated and decision.fine >= lo and lo > 0:
        return [violation("CL-4", f"减轻处罚应低于法定最低罚款{lo}元", statutory_min=str(lo))]
    return []


def one_fine(item: PowerItem, decision: Decision, others: Sequence[PowerItem]) -> list[Violation]:
    """XF-29.2: one act breaching several norms that carry a fine is fined once, under the norm
    with the higher fine."""
    if "fine" not in decision.penalty_types:
        return []
    mine = item.fine_max
    for other in others:
        if "fine" not in other.penalty_types or other.pk == item.pk:
            continue
        if mine is not None and (other.fine_max is None or other.fine_max > mine):
            return [
                violation(
                    "XF-29.2",
                    f"同一违法行为违反多个法律规范应当给予罚款的，按照罚款数额高的规定处罚；"
                    f"“{other.code} {other.name}”的罚款上限高于本事项，请按该事项立案处罚",
                    higher=other.code,
                )
            ]
    return []


# --- helper:execution --- XF-29.2 (second part): a second case for the same party within N days.
def separate_act(
    decision: Decision,
    similar: Sequence[tuple[int, str]],
    confirmed: set[int],
    window_days: int,
) -> list[Violation]:
    """XF-29.2: a fine for the same party and power item within ``window_days`` of a case already
    fined (``similar``: pk and number) needs the legal reviewer's recorded confirmation that it
    is a separate act (``confirmed``: the other cases so confirmed)."""
    if "fine" not in decision.penalty_types:
        return []
    open_ = [(pk, number) for pk, number in similar if pk not in confirmed]
    if not open_:
        return []
    numbers = "、".join(number for _, number in open_)
    return [
        violation(
            "XF-29.2",
            f"当事人在{window_days}日内已因相近事实被罚款（{numbers}）；是否属于另一违法行为，"
            "须由法制审核人员审核确认并记录理由后，方可再次罚款",
            similar=[pk for pk, _ in open_],
        )
    ]


# --- /helper:execution ---
