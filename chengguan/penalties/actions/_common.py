"""What the actions of every phase share: locking, state and role checks, the case's officers,
certificates shown (XF-55), the shape of a decision, document numbers.

Private to the package: callers use the actions re-exported by ``actions/__init__.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Q

from chengguan.core import clock
from chengguan.core.errors import Forbidden, Invalid, NotFound, enforce
from chengguan.core.numbering import document_number, next_number
from chengguan.core.rules import local
from chengguan.law import queries as law_queries
from chengguan.law.models import Benchmark, PowerItem
from chengguan.org.checks import valid_certificate
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require
from chengguan.penalties import checks, periods
from chengguan.penalties.checks import Decision, dates, versions
from chengguan.penalties.checks import content as content_rules
from chengguan.penalties.checks import transfer as transfer_rules
from chengguan.penalties.models import (
    CertificateShown,
    Evidence,
    Notice,
    Party,
    PenaltyCase,
)
from chengguan.penalties.states import ALLOWED, Status
from chengguan.penalties.transitions import refuse

Case = PenaltyCase


OUT = PenaltyCase.Outcome
TRANSFERRED = Status.TRANSFERRED


def _lock(case_id: int) -> PenaltyCase:
    case = PenaltyCase.objects.select_for_update().filter(pk=case_id).first()
    if case is None:
        raise NotFound("未找到该行政处罚案件，或您无权查看")
    return case


def _state(case: PenaltyCase, action: str) -> None:
    """The state check, first (before the other checks), for actions that change no status too;
    ``transition`` checks the same table again when the status changes."""
    if case.status not in ALLOWED[action]:
        # --- helper:due3 --- XF-27/XF-22: a transferred case is suspended, and says why.
        if case.status == TRANSFERRED:
            moved = case.transfers.order_by("-id").first()
            if moved is not None:
                enforce(transfer_rules.suspended(moved.kind, moved.to))
        # --- /helper:due3 ---
        raise refuse(case, action)


def _officers(case: PenaltyCase) -> list[Staff]:
    return list(case.officers.select_related("unit").prefetch_related("certificates"))


def _recused_ids(case: PenaltyCase) -> set[int]:
    return set(case.recusals.filter(granted=True).values_list("officer_id", flat=True))


def _on_case(actor: Staff, case: PenaltyCase, perm: str = "penalties.act") -> list[Staff]:
    """Role + scope, then XF-43 (a recused officer) and membership of the case."""
    require(actor, perm, case)
    enforce(checks.recused(_recused_ids(case), [actor]))
    officers = _officers(case)
    if actor.pk not in {o.pk for o in officers}:
        raise Forbidden("您不是本案的承办执法人员", details={"officer": actor.username})
    return officers


def _staff(actor: Staff, username: str, field: str) -> Staff:
    person = (
        Staff.objects.filter(bureau_id=actor.bureau_id, username=username, is_active=True)
        .select_related("unit")
        .prefetch_related("certificates")
        .first()
    )
    if person is None:
        raise Invalid(f"未找到人员 {username}", details={field: f"未找到人员 {username}"})
    return person


def _not_future(value: dt.date, field: str, label: str) -> None:
    # --- helper:execution --- TM-1: a recorded date in the future is a refusal (409), not bad input.
    enforce(dates.recorded_date(value, label=label, field=field, today=clock.today()))
    # --- /helper:execution ---


# Evidence taken face to face by the officers (询问笔录, 现场检查笔录/勘验笔录): XF-55 asks that the
# record shows they identified themselves with their certificates.
RECORD_KINDS = frozenset(
    {Evidence.Kind.INSPECTION_RECORD, Evidence.Kind.STATEMENT, Evidence.Kind.WITNESS}
)


def _shown(
    case: PenaltyCase,
    officers: list[Staff],
    usernames: Sequence[str] | None,
    where: str,
    on: dt.date,
) -> list[Staff]:
    """XF-55: the case's officers who showed their certificate; a name outside the case is 400."""
    by_name = {o.username: o for o in officers}
    people: list[Staff] = []
    for name in dict.fromkeys(usernames or []):
        if name not in by_name:
            raise Invalid(
                f"{name}不是本案执法人员",
                details={"certificates_shown": f"{name}不是本案执法人员"},
            )
        people.append(by_name[name])
    enforce(checks.certificates_shown(people, on, where))
    return people


def _shown_numbers(people: list[Staff], on: dt.date) -> list[str]:
    """The certificate numbers ``_record_shown`` will record, read before the rows are written."""
    numbers = []
    for person in people:
        cert = valid_certificate(person, on)
        assert cert is not None  # checked by checks.certificates_shown
        numbers.append(cert.number)
    return numbers


def _record_shown(
    case: PenaltyCase,
    people: list[Staff],
    occasion: str,
    on: dt.date,
    evidence: Evidence | None = None,
) -> list[str]:
    """One row per officer, with the certificate valid on the day it was shown."""
    numbers = []
    for person in people:
        cert = valid_certificate(person, on)
        assert cert is not None  # checked by checks.certificates_shown
        CertificateShown.objects.create(
            case=case,
            evidence=evidence,
            occasion=occasion,
            officer=person,
            certificate=cert,
            number=cert.number,
            shown_on=on,
        )
        numbers.append(cert.number)
    return numbers


def _money(value: Any, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise Invalid("金额无效", details={field: "应为金额（元）"}) from exc
    if amount < 0 or amount != amount.quantize(Decimal("0.01")) or amount >= Decimal("1e10"):
        raise Invalid("金额无效", details={field: "应为非负金额，最多两位小数"})
    return amount.quantize(Decimal("0.01"))


def parse_decision(data: dict[str, Any] | None, field: str = "decision") -> Decision:
    """A DECISION body of API.md → Decision; shape errors are 400, legal content is checked later."""
    data = dict(data or {})
    errors: dict[str, str] = {}
    types = data.get("penalty_types") or []
    if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
        errors[f"{field}.penalty_types"] = "应为处罚种类列表"
        types = []
    grounds = data.get("grounds") or []
    if not isinstance(grounds, list) or not all(isinstance(g, str) for g in grounds):
        errors[f"{field}.grounds"] = "应为情节列表"
        grounds = []
    also = data.get("also_breaches") or []
    if not isinstance(also, list) or not all(isinstance(c, str) for c in also):
        errors[f"{field}.also_breaches"] = "应为权责事项编码列表"
        also = []
    level = str(data.get("level") or "")
    if level not in {"none", "mitigated", "lighter", "general", "heavier"}:
        errors[f"{field}.level"] = "应为 none|mitigated|lighter|general|heavier"
    if errors:
        raise Invalid("处罚内容有误", details=errors)
    return Decision(
        penalty_types=tuple(dict.fromkeys(types)),
        fine_amount=_money(data.get("fine_amount"), f"{field}.fine_amount"),
        confiscation_amount=_money(data.get("confiscation_amount"), f"{field}.confiscation_amount"),
        level=level,
        grounds=tuple(grounds),
        correction=str(data.get("correction") or ""),
        deviation_reason=str(data.get("deviation_reason") or ""),
        exemption=str(data.get("exemption") or ""),
        education=str(data.get("education") or ""),
        # --- content ---
        fine_base=_money(data.get("fine_base"), f"{field}.fine_base"),
        illegal_income=_money(data.get("illegal_income"), f"{field}.illegal_income"),
        refund=str(data.get("refund") or "").strip(),
        also_breaches=tuple(dict.fromkeys(c.strip() for c in also if c.strip())),
        # --- end content ---
    )


def _thresholds() -> dict[str, Decimal]:
    return {
        Party.Kind.PERSON: Decimal(str(local("hearing_threshold_person"))),
        Party.Kind.ORGANISATION: Decimal(str(local("hearing_threshold_organisation"))),
    }


def _prefix(bureau_id: int) -> str:
    bureau = OrgUnit.objects.get(pk=bureau_id)
    return bureau.short_name or bureau.name


def content_checks(
    case: PenaltyCase, item: PowerItem, decision: Decision, on: dt.date
) -> list[Any]:
    """LEGAL-RULES §10.3 (content helper): party identity, capacity, what the decision imposes,
    the statute's shape of the fine and the several-norms rule."""
    found = content_rules.party_identity(case.party) + content_rules.imposes_penalty(decision)
    found += content_rules.capacity(case.party, decision)
    found += content_rules.illegal_income(decision)
    found += content_rules.statutory_shape(item, case.party.kind, decision)
    if decision.also_breaches:
        others = list(
            PowerItem.objects.filter(bureau_id=case.bureau_id, code__in=decision.also_breaches)
        )
        missing = sorted(set(decision.also_breaches) - {o.code for o in others})
        if missing:
            raise Invalid(
                "同一行为违反的其他规定无效",
                details={"decision.also_breaches": f"未找到权责事项：{'、'.join(missing)}"},
            )
        found += content_rules.one_fine(item, decision, others)
    return found


def applied_benchmark(
    case: PenaltyCase, item: PowerItem, decision: Decision, on: dt.date, approved: bool
) -> tuple[Benchmark | None, list[Any]]:
    """XF-37: the benchmark version that applies to this proposal (the one in force on the act
    date, or a later lighter one), and what it refuses (XF-34, CL-4, CL-6, XF-37)."""
    at_act, later = law_queries.benchmark_versions(item, case.act_date, on)
    return versions.benchmark_version(item, at_act, later, decision, approved)


def _content_checks(
    case: PenaltyCase, item: PowerItem, decision: Decision, on: dt.date, has_discussion: bool
) -> list[Any]:
    _, bench_found = applied_benchmark(case, item, decision, on, has_discussion)
    return (
        content_checks(case, item, decision, on)
        + versions.basis_in_force(
            item,
            case.act_date,
            law_queries.older_versions(item),
            law_queries.newer_versions(item, on),
        )
        + checks.penalty_types(item, decision)
        + checks.correction(decision)
        + checks.minors(case.party, case.act_date, decision)
        + checks.mitigation(decision)
        + bench_found
    )


def _fill_decision(
    case: PenaltyCase,
    decision: Decision,
    kind: str,
    actor: Staff,
    today: dt.date,
    approved: bool = False,
) -> None:
    case.decision_kind = kind
    case.decided_on = today
    case.decided_by = actor
    case.penalty_types = list(decision.penalty_types)
    case.fine_amount = decision.fine_amount
    case.confiscation_amount = decision.confiscation_amount
    case.level = decision.level
    case.grounds = list(decision.grounds)
    case.correction = decision.correction
    case.deviation_reason = decision.deviation_reason
    case.education_record = decision.education
    # --- content ---
    case.illegal_income = decision.illegal_income
    case.refund_record = decision.refund
    case.fine_base = decision.fine_base
    case.also_breaches = list(decision.also_breaches)
    # --- end content ---
    if kind == OUT.PENALTY:
        # XF-37: the version the checks applied (act date, or a later lighter one).
        case.benchmark, _ = applied_benchmark(case, case.power_item, decision, today, approved)
        case.publish_by = periods.maybe(lambda: periods.publish_by(today))


def _number(case: PenaltyCase, kind: str, word: str, year: int) -> str:
    n = next_number(case.bureau_id, kind, year)
    return document_number(f"{_prefix(case.bureau_id)}{word}", year, n)


def _earlier_for(case: PenaltyCase) -> list[PenaltyCase]:
    """XF-29: decided fines for the same party, power item and act date (this case excluded)."""
    party = case.party
    rows = PenaltyCase.objects.filter(
        bureau_id=case.bureau_id,
        power_item_id=case.power_item_id,
        act_date=case.act_date,
        decision_kind=OUT.PENALTY,
        decision_revoked_on__isnull=True,
    )
    same = Q(party_id=party.pk)
    if party.identity_index:
        same |= Q(party__id_number_index=party.identity_index) | Q(
            party__credit_code_index=party.identity_index
        )
    if case.pk is not None:
        rows = rows.exclude(pk=case.pk)
    # JSON containment is not portable to SQLite: the candidate rows are few, filter here.
    return [c for c in rows.filter(same) if "fine" in c.penalty_types]


# --- helper:execution --- XF-29.2: cases close in time with similar facts.
def similar_for(case: PenaltyCase) -> list[tuple[int, str]]:
    """XF-29.2: decided fines for the same party and power item whose act date is within the set
    window of this one (a different act date: the same date is XF-29's "same act")."""
    window = int(local("separate_act_window_days"))
    party = case.party
    rows = PenaltyCase.objects.filter(
        bureau_id=case.bureau_id,
        power_item_id=case.power_item_id,
        act_date__gte=case.act_date - dt.timedelta(days=window),
        act_date__lte=case.act_date + dt.timedelta(days=window),
        decision_kind=OUT.PENALTY,
        decision_revoked_on__isnull=True,
    ).exclude(act_date=case.act_date)
    same = Q(party_id=party.pk)
    if party.identity_index:
        same |= Q(party__id_number_index=party.identity_index) | Q(
            party__credit_code_index=party.identity_index
        )
    if case.pk is not None:
        rows = rows.exclude(pk=case.pk)
    return [
        (c.pk, c.decision_number or c.number)
        for c in rows.filter(same)
        if "fine" in c.penalty_types
    ]


def separate_act_checks(case: PenaltyCase, decision: Decision) -> list[Any]:
    """XF-29.2 (second part) for a fine about to be decided on ``case``."""
    confirmed = (
        set(case.separate_acts.values_list("other_id", flat=True)) if case.pk is not None else set()
    )
    return content_rules.separate_act(
        decision, similar_for(case), confirmed, int(local("separate_act_window_days"))
    )


# --- /helper:execution ---


def _notice(case: PenaltyCase) -> Notice | None:
    return case.notices.order_by("-id").first()


def _date(value: Any, field: str, label: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError as exc:
        raise Invalid(f"{label}无效", details={field: "应为日期（YYYY-MM-DD）"}) from exc
