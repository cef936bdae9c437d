"""XF-37 从旧兼从轻: the legal basis and the benchmark in force **on the act date** apply, unless a
later one is lighter for the party (《行政处罚法》第三十七条; decision 076).

Pure functions over law rows the action has loaded: the power item with the older versions it
supersedes, and the benchmark versions published by the day of the step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from chengguan.core.errors import Violation
from chengguan.law.models import Benchmark, PowerItem
from chengguan.law.registry import violation
from chengguan.penalties.checks.opening import Decision, benchmark

INF = Decimal("Infinity")


def in_force(item: PowerItem, on: dt.date) -> bool:
    """The provision was in force on ``on``: from its 施行日期, until (not on) its 失效日期."""
    if item.effective_from is not None and on < item.effective_from:
        return False
    return item.effective_until is None or on < item.effective_until


def _range(item: PowerItem) -> tuple[Decimal, Decimal]:
    """The statute's range as (min, max): percentages for a percentage fine, else yuan."""
    if item.fine_percent_min is not None or item.fine_percent_max is not None:
        return item.fine_percent_min or Decimal(0), (
            INF if item.fine_percent_max is None else item.fine_percent_max
        )
    return item.fine_min or Decimal(0), INF if item.fine_max is None else item.fine_max


def lighter_item(new: PowerItem, old: PowerItem) -> bool:
    """The newer provision is lighter for the party: no penalty type the old one lacked, no bound
    higher, and something lower (a bound, or a type dropped)."""
    if not set(new.penalty_types) <= set(old.penalty_types):
        return False
    (nlo, nhi), (olo, ohi) = _range(new), _range(old)
    if nlo > olo or nhi > ohi:
        return False
    return nlo < olo or nhi < ohi or set(new.penalty_types) < set(old.penalty_types)


def basis_in_force(
    item: PowerItem,
    act_date: dt.date,
    older: Sequence[PowerItem],
    newer: Sequence[PowerItem] = (),
) -> list[Violation]:
    """The case's power item was in force on the act date, or it is a later version that is lighter
    than the one then in force. ``older`` = the versions ``item`` supersedes, newest first;
    ``newer`` = the versions in force now that supersede it (a lighter one must be applied)."""
    name = f"“{item.code} {item.name}”"
    if in_force(item, act_date):
        lighter = next((n for n in newer if lighter_item(n, item)), None)
        if lighter is None:
            return []
        return [
            violation(
                "XF-37",
                f"{name}已被“{lighter.code} {lighter.name}”取代（{lighter.effective_from}起施行），"
                "新规定对当事人更轻，应当适用新规定（从旧兼从轻）；请改按新事项处理",
                lighter=lighter.code,
            )
        ]
    if item.effective_until is not None and act_date >= item.effective_until:
        return [
            violation(
                "XF-37",
                f"违法行为发生时（{act_date}）{name}已于{item.effective_until}失效，"
                "应当适用违法行为发生时施行的规定；请选择现行的权责事项",
                act_date=act_date.isoformat(),
                effective_until=item.effective_until.isoformat(),
            )
        ]
    then = next((o for o in older if in_force(o, act_date)), None)
    if then is None:
        return [
            violation(
                "XF-37",
                f"违法行为发生时（{act_date}）{name}尚未施行（{item.effective_from}起施行），"
                "规定不溯及既往；请核对违法行为发生时施行的规定",
                act_date=act_date.isoformat(),
                effective_from=str(item.effective_from),
            )
        ]
    if lighter_item(item, then):
        return []
    return [
        violation(
            "XF-37",
            f"违法行为发生时（{act_date}）施行的是“{then.code} {then.name}”；{name}于"
            f"{item.effective_from}起施行，对当事人并不更轻，应当适用违法行为发生时的规定"
            "（从旧兼从轻）",
            act_date=act_date.isoformat(),
            in_force=then.code,
        )
    ]


def _band(bench: Benchmark, decision: Decision) -> tuple[Decimal, Decimal] | None:
    level = next((lv for lv in bench.levels.all() if lv.level == decision.level), None)
    if level is None:
        return None
    lo, hi = level.band(decision.fine_base)
    return lo or Decimal(0), INF if hi is None else hi


def lighter_benchmark(new: Benchmark, old: Benchmark, decision: Decision) -> bool:
    """The later version's band for the chosen level is lighter: no bound higher, one lower."""
    a, b = _band(new, decision), _band(old, decision)
    if a is None or b is None:
        return False
    return a[0] <= b[0] and a[1] <= b[1] and (a[0] < b[0] or a[1] < b[1])


def benchmark_version(
    item: PowerItem,
    at_act: Benchmark | None,
    later: Sequence[Benchmark],
    decision: Decision,
    deviation_approved: bool,
) -> tuple[Benchmark | None, list[Violation]]:
    """The benchmark version that applies, and what it refuses.

    ``at_act`` = the version in force on the act date; ``later`` = versions in force since then
    (newest first). The act-date version applies; a later one only where its band for the chosen
    level is lighter and the proposal fits it. A proposal that fits only a later, not lighter,
    version is refused as XF-37 rather than CL-4: the officer read the wrong version. Where no
    version was in force on the act date, the newest one published applies (XF-34), as a benchmark
    only narrows the statutory range that was in force.
    """
    if at_act is None:
        chosen = later[0] if later else None
        return chosen, benchmark(item, chosen, decision, deviation_approved)
    chosen = at_act
    for b in reversed(later):  # oldest first: each lighter one replaces the one before
        if lighter_benchmark(b, chosen, decision):
            chosen = b
    found = benchmark(item, chosen, decision, deviation_approved)
    if not found:
        return chosen, []
    fits = [
        b
        for b in [*later, at_act]
        if b.pk != chosen.pk and not benchmark(item, b, decision, deviation_approved)
    ]
    if fits:
        b = fits[0]
        why = (
            f"违法行为发生时（施行于{at_act.in_force_from}）的第{at_act.version}版"
            if chosen.pk == at_act.pk
            else f"对当事人更轻的第{chosen.version}版（{chosen.in_force_from}起施行）"
        )
        return chosen, [
            violation(
                "XF-37",
                f"处罚意见只符合裁量基准第{b.version}版，而本案应当适用{why}"
                f"（从旧兼从轻）：{found[0].message}",
                applies=chosen.version,
                proposed_under=b.version,
            )
        ]
    return chosen, found
