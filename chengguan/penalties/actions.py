"""Every write to a penalty case: one function per procedural step (the action pattern).

Each action locks the case, checks role and scope, runs the pure checks of ``checks.py`` and raises
the first violation (409 with its rule id), then changes the case and records the step in the ledger
inside the same transaction: a refused step writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

from chengguan.core import clock
from chengguan.core.errors import Forbidden, Invalid, NotFound, StateError, enforce
from chengguan.core.numbering import document_number, next_number
from chengguan.core.pii import blind_index
from chengguan.core.rules import local
from chengguan.law import queries as law_queries
from chengguan.law.models import ExemptionItem, PowerItem
from chengguan.ledger.actions import record
from chengguan.org.checks import valid_certificate
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import grant, require
from chengguan.org.roles import Role
from chengguan.penalties import checks, periods
from chengguan.penalties import surcharge as xf72
from chengguan.penalties.checks import Decision
from chengguan.penalties.models import (
    CashRemittance,
    CertificateShown,
    Demand,
    Discussion,
    EnforcementApplication,
    Evidence,
    Hearing,
    Instalment,
    Notice,
    Party,
    Payment,
    PaymentArrangement,
    PenaltyCase,
    Preservation,
    Recusal,
    RemedyProceeding,
    Review,
    Service,
    Statement,
)
from chengguan.penalties.states import ALLOWED, Status

grant(
    {
        "penalties.view": {Role.OFFICER, Role.REVIEWER, Role.HEAD, Role.SUPERVISOR, Role.ADMIN},
        "penalties.open": {Role.OFFICER},
        "penalties.act": {Role.OFFICER},
        "penalties.register": {Role.HEAD},
        "penalties.review": {Role.REVIEWER},
        "penalties.discuss": {Role.HEAD},
        "penalties.decide": {Role.HEAD},
        "penalties.recuse": {Role.HEAD},
        "penalties.extend": {Role.HEAD},
        "penalties.file": {Role.REVIEWER, Role.HEAD},
        "penalties.close": {Role.HEAD},
        "penalties.archive": {Role.REVIEWER},
        "penalties.remedy": {Role.REVIEWER, Role.HEAD, Role.OFFICER},
        # XF-66: the head approves deferred or instalment payment.
        "penalties.arrangement": {Role.HEAD},
        # QZ-53: the application to the court and its outcome (法制股 prepares, the head signs).
        "penalties.enforce": {Role.HEAD, Role.REVIEWER},
        # XF-56: the head approves 先行登记保存 and decides what becomes of the items.
        "penalties.preservation": {Role.HEAD},
        # XF-71: the bureau pays on-the-spot cash into the bank (the officer hands it in).
        "penalties.deposit": {Role.OFFICER, Role.HEAD, Role.REVIEWER},
    }
)

Case = PenaltyCase
OUT = PenaltyCase.Outcome


# Helpers -----------------------------------------------------------------------------------------


def _lock(case_id: int) -> PenaltyCase:
    case = PenaltyCase.objects.select_for_update().filter(pk=case_id).first()
    if case is None:
        raise NotFound("未找到该行政处罚案件，或您无权查看")
    return case


def _state(case: PenaltyCase, action: str) -> None:
    if case.status not in ALLOWED[action]:
        raise StateError(
            f"案件当前状态为“{Status(case.status).label}”，不能执行此操作",
            details={"status": case.status, "action": action},
        )


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
    if value > clock.today():
        raise Invalid(f"{label}不能晚于今天", details={field: f"{label}不能晚于今天"})


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
    )


def _thresholds() -> dict[str, Decimal]:
    return {
        Party.Kind.PERSON: Decimal(str(local("hearing_threshold_person"))),
        Party.Kind.ORGANISATION: Decimal(str(local("hearing_threshold_organisation"))),
    }


def _prefix(bureau_id: int) -> str:
    bureau = OrgUnit.objects.get(pk=bureau_id)
    return bureau.short_name or bureau.name


def _content_checks(
    case: PenaltyCase, item: PowerItem, decision: Decision, on: dt.date, has_discussion: bool
) -> list[Any]:
    bench = law_queries.applicable_benchmark(item, on)
    return (
        checks.penalty_types(item, decision)
        + checks.correction(decision)
        + checks.minors(case.party, case.act_date, decision)
        + checks.mitigation(decision)
        + checks.benchmark(item, bench, decision, has_discussion)
    )


def _party(actor: Staff, data: dict[str, Any]) -> Party:
    errors: dict[str, str] = {}
    kind = str(data.get("kind") or "")
    name = str(data.get("name") or "").strip()
    if kind not in Party.Kind.values:
        errors["party.kind"] = "应为 person 或 organisation"
    if not name:
        errors["party.name"] = "必填"
    id_number = str(data.get("id_number") or "").strip().upper()
    credit_code = str(data.get("credit_code") or "").strip().upper()
    birth = data.get("birth_date")
    if isinstance(birth, str) and birth:
        try:
            birth = dt.date.fromisoformat(birth)
        except ValueError:
            errors["party.birth_date"] = "应为日期（YYYY-MM-DD）"
    if id_number:
        try:
            ric.validate(id_number)
        except StdnumError:
            # python-stdnum rejects real numbers whose place code is younger than the birth date;
            # the checksum and the date are what we hard-check (DESIGN.md §9).
            if len(id_number) != 18 or ric.calc_check_digit(id_number[:17]) != id_number[17]:
                errors["party.id_number"] = "公民身份号码校验不通过"
        if not errors.get("party.id_number") and not birth:
            try:
                birth = dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
            except ValueError:
                errors["party.id_number"] = "公民身份号码中的出生日期无效"
    if credit_code and not uscc.is_valid(credit_code):
        errors["party.credit_code"] = "统一社会信用代码校验不通过"
    if errors:
        raise Invalid("当事人信息有误", details=errors)
    index = blind_index(id_number or credit_code) if (id_number or credit_code) else ""
    if index:
        field = "id_number_index" if id_number else "credit_code_index"
        found = Party.objects.filter(bureau_id=actor.bureau_id, kind=kind, **{field: index}).first()
        if found is not None:
            return found
    return Party.objects.create(
        bureau_id=actor.bureau_id,
        kind=kind,
        name=name,
        id_number=id_number,
        id_number_index=blind_index(id_number) if id_number else "",
        credit_code=credit_code,
        credit_code_index=blind_index(credit_code) if credit_code else "",
        legal_representative=str(data.get("legal_representative") or ""),
        birth_date=birth or None,
        address=str(data.get("address") or ""),
        phone=str(data.get("phone") or ""),
    )


def _fill_decision(
    case: PenaltyCase, decision: Decision, kind: str, actor: Staff, today: dt.date
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
    if kind == OUT.PENALTY:
        case.benchmark = law_queries.applicable_benchmark(case.power_item, today)
        case.publish_by = periods.maybe(lambda: periods.publish_by(today))


def _number(case: PenaltyCase, kind: str, word: str, year: int) -> str:
    n = next_number(case.bureau_id, kind, year)
    return document_number(f"{_prefix(case.bureau_id)}{word}", year, n)


# Opening -----------------------------------------------------------------------------------------


def open_case(
    *,
    actor: Staff,
    procedure: str,
    power_item: str,
    party: dict[str, Any],
    facts: str,
    act_date: dt.date,
    discovered_date: dt.date,
    officers: Sequence[str],
    city_case: int | None = None,
    decision: dict[str, Any] | None = None,
    act_end_date: dt.date | None = None,
    grave_harm: bool = False,
    complex_case: bool = False,
    public_interest: bool = False,
    source: str = "",
    refused_to_sign: bool = False,
    certificates_shown: Sequence[str] | None = None,
) -> PenaltyCase:
    """立案登记 (general → pending_registration) or 当场处罚 (simple → decided).

    ``certificates_shown`` (XF-52/XF-55) may be recorded with the on-the-spot decision; if it is
    not, ``serve`` asks for it when the decision is handed over."""
    errors: dict[str, str] = {}
    if procedure not in Case.Procedure.values:
        errors["procedure"] = "应为 general 或 simple"
    if not facts.strip():
        errors["facts"] = "必填"
    if discovered_date < act_date:
        errors["discovered_date"] = "发现日期不能早于违法行为发生日期"
    if act_end_date is not None and act_end_date < act_date:
        errors["act_end_date"] = "终了日期不能早于发生日期"
    if procedure == Case.Procedure.SIMPLE and not decision:
        errors["decision"] = "简易程序须同时提交当场处罚决定"
    if procedure == Case.Procedure.GENERAL and decision:
        errors["decision"] = "普通程序须立案调查后由负责人决定"
    if procedure == Case.Procedure.GENERAL and certificates_shown:
        errors["certificates_shown"] = "普通程序在询问、检查笔录中记录出示执法证件"
    if errors:
        raise Invalid("立案信息有误", details=errors)
    _not_future(discovered_date, "discovered_date", "发现日期")
    parsed = parse_decision(decision) if decision else None
    today = clock.today()
    with transaction.atomic():
        require(actor, "penalties.open")
        item = law_queries.power_item_by_code(actor.bureau_id or 0, power_item)
        people = [_staff(actor, u, "officers") for u in dict.fromkeys(officers)]
        if actor.pk not in {p.pk for p in people}:
            raise Invalid("登记人须为本案执法人员之一", details={"officers": "须包含登记人本人"})
        src = source or Case.Source.INSPECTION
        if city_case is not None:
            try:
                CityCase = apps.get_model("citycases", "CityCase")
            except LookupError as exc:
                raise Invalid("数字城管案卷不可用", details={"city_case": "不可用"}) from exc
            cc = CityCase.objects.filter(pk=city_case, bureau_id=actor.bureau_id).first()
            if cc is None:
                raise NotFound("未找到该数字城管案卷", details={"city_case": city_case})
            src = Case.Source.CITY_CASE
        enforce(
            checks.officers_may_act(people, item, item.delegated_to.all(), today)
            + checks.limitation(act_date, act_end_date, discovered_date, grave_harm)
        )
        party_row = _party(actor, party)
        unit = next((p.unit for p in people if p.pk == actor.pk), None) or actor.unit
        year = today.year
        case = PenaltyCase(
            bureau_id=actor.bureau_id,
            unit=unit,
            procedure=procedure,
            power_item=item,
            party=party_row,
            source=src,
            city_case_id=city_case,
            facts=facts.strip(),
            act_date=act_date,
            act_end_date=act_end_date,
            grave_harm=grave_harm,
            discovered_date=discovered_date,
            complex_case=complex_case,
            public_interest=public_interest,
            created_by=actor,
            register_by=periods.maybe(lambda: periods.register_by(discovered_date)),
            refused_to_sign=refused_to_sign,
        )
        if parsed is not None:
            enforce(
                _content_checks(case, item, parsed, today, has_discussion=False)
                + checks.simple_procedure(party_row.kind, parsed)
                + checks.second_fine(parsed, _earlier_for(case))
            )
            case.status = Status.DECIDED
            case.registered_on = None
            _fill_decision(case, parsed, OUT.PENALTY, actor, today)
            case.filing_due = periods.maybe(lambda: periods.filing_due(today))
            case.serve_by = today  # XF-52: handed over on the spot
        else:
            case.status = Status.PENDING_REGISTRATION
        case.number = _number(case, "penalty.case", "罚案", year)
        if parsed is not None:
            case.decision_number = _number(case, "penalty.onsite_decision", "当罚决字", year)
        shown = (
            _shown(case, people, certificates_shown, "当场作出行政处罚决定", today)
            if parsed is not None and certificates_shown is not None
            else []
        )
        case.save()
        case.officers.set(people)
        numbers = _record_shown(case, shown, CertificateShown.Occasion.ONSITE_DECISION, today)
        record(
            actor,
            "penalty.open",
            case,
            {
                "number": case.number,
                "procedure": procedure,
                "power_item": item.code,
                "party_kind": party_row.kind,
                "officers": [p.username for p in people],
                "act_date": act_date.isoformat(),
                "discovered_date": discovered_date.isoformat(),
                "city_case": city_case,
                "decision": parsed.as_json() if parsed else None,
                "decision_number": case.decision_number,
                "certificates_shown": numbers or None,
            },
        )
    return case


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


# General procedure -------------------------------------------------------------------------------


def register(case_id: int, *, actor: Staff) -> PenaltyCase:
    today = clock.today()
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.register", case)
        _state(case, "register")
        officers = _officers(case)
        enforce(
            checks.separation("立案审批负责人", actor, officers)
            + checks.officers_may_act(
                officers, case.power_item, case.power_item.delegated_to.all(), today
            )
        )
        case.status = Status.REGISTERED
        case.registered_on = today
        case.registered_by = actor
        case.decide_by = periods.maybe(lambda: periods.decide_by(today))
        case.save(update_fields=["status", "registered_on", "registered_by", "decide_by"])
        record(
            actor,
            "penalty.register",
            case,
            {"registered_on": today.isoformat(), "decide_by": str(case.decide_by)},
        )
    return case


def add_evidence(
    case_id: int,
    *,
    actor: Staff,
    kind: str,
    description: str,
    blob: str | None = None,
    collected_on: dt.date | None = None,
    certificates_shown: Sequence[str] | None = None,
) -> PenaltyCase:
    """登记证据; an inquiry or inspection record names the officers who showed their
    certificates (XF-55)."""
    if kind not in Evidence.Kind.values:
        raise Invalid(
            "证据种类无效", details={"kind": "应为《行政处罚法》第四十六条规定的八类证据之一"}
        )
    if not description.strip():
        raise Invalid("证据说明必填", details={"description": "必填"})
    on = collected_on or clock.today()
    _not_future(on, "collected_on", "取证日期")
    with transaction.atomic():
        case = _lock(case_id)
        officers = _on_case(actor, case)
        _state(case, "evidence")
        shown = (
            _shown(
                case,
                officers,
                certificates_shown,
                f"{Evidence.Kind(kind).label}（询问、检查笔录）",
                on,
            )
            if kind in RECORD_KINDS
            else []
        )
        blob_obj = None
        if blob:
            from chengguan.ledger.models import Blob

            blob_obj = Blob.objects.filter(pk=blob, bureau_id=case.bureau_id).first()
            if blob_obj is None:
                raise Invalid("未找到证据文件", details={"blob": "未找到该文件"})
        ev = Evidence.objects.create(
            case=case,
            kind=kind,
            description=description.strip(),
            blob=blob_obj,
            collected_by=actor,
            collected_on=on,
        )
        numbers = _record_shown(case, shown, CertificateShown.Occasion.RECORD, on, ev)
        if case.status == Status.REGISTERED:
            case.status = Status.INVESTIGATING
            case.save(update_fields=["status"])
        record(
            actor,
            "penalty.evidence",
            case,
            {
                "evidence": ev.pk,
                "kind": kind,
                "description": ev.description,
                "blob": blob or None,
                "certificates_shown": numbers or None,
            },
        )
    return case


def conclude(
    case_id: int,
    *,
    actor: Staff,
    outcome: str,
    proposal: dict[str, Any] | None = None,
    report: str = "",
) -> PenaltyCase:
    """调查终结: the officers' conclusion and, for a penalty, the proposed decision."""
    if outcome not in OUT.values:
        raise Invalid(
            "调查结论无效",
            details={"outcome": "应为 penalty|no_penalty_minor|no_penalty_unfounded|transfer"},
        )
    parsed = parse_decision(proposal, "proposal") if proposal else None
    if outcome == OUT.PENALTY and parsed is None:
        raise Invalid("拟处罚的须提出处罚意见", details={"proposal": "必填"})
    today = clock.today()
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _state(case, "conclude")
        undecided = [
            p.decide_by
            for p in case.preservations.all()
            if p.status == Preservation.Status.PRESERVED
        ]
        enforce(checks.preservations_decided(undecided))
        if parsed is not None and outcome == OUT.PENALTY:
            enforce(_content_checks(case, case.power_item, parsed, today, has_discussion=True))
        case.status = Status.INVESTIGATED
        case.outcome = outcome
        case.concluded_on = today
        case.investigation_report = report
        case.proposal = parsed.as_json() if parsed and outcome == OUT.PENALTY else None
        case.save(
            update_fields=["status", "outcome", "concluded_on", "investigation_report", "proposal"]
        )
        record(actor, "penalty.conclude", case, {"outcome": outcome, "proposal": case.proposal})
    return case


def review(case_id: int, *, actor: Staff, approved: bool, opinion: str) -> PenaltyCase:
    if not opinion.strip():
        raise Invalid("审核意见必填", details={"opinion": "必填"})
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.review", case)
        _state(case, "review")
        first = not Review.objects.filter(reviewer=actor).exists()
        enforce(
            checks.recused(_recused_ids(case), [actor])
            + checks.separation("法制审核人员", actor, _officers(case))
            + checks.reviewer_qualified(actor, first)
        )
        rv = Review.objects.create(
            case=case,
            reviewer=actor,
            approved=approved,
            opinion=opinion.strip(),
            reviewed_on=clock.today(),
        )
        record(
            actor,
            "penalty.review",
            case,
            {"review": rv.pk, "approved": approved, "opinion": rv.opinion},
        )
    return case


def discuss(
    case_id: int, *, actor: Staff, participants: list[str], minutes: str, conclusion: str
) -> PenaltyCase:
    errors = {}
    if len([p for p in participants if str(p).strip()]) < 3:
        errors["participants"] = "集体讨论应有三名以上负责人参加"
    if not minutes.strip():
        errors["minutes"] = "必填"
    if not conclusion.strip():
        errors["conclusion"] = "必填"
    if errors:
        raise Invalid("集体讨论记录不完整", details=errors)
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.discuss", case)
        _state(case, "discuss")
        enforce(
            checks.recused(_recused_ids(case), [actor])
            + checks.separation("集体讨论主持人", actor, _officers(case))
        )
        d = Discussion.objects.create(
            case=case,
            chair=actor,
            participants=list(participants),
            minutes=minutes.strip(),
            conclusion=conclusion.strip(),
            held_on=clock.today(),
        )
        record(
            actor,
            "penalty.discuss",
            case,
            {"discussion": d.pk, "participants": list(participants), "conclusion": d.conclusion},
        )
    return case


def notify(case_id: int, *, actor: Staff, served_on: dt.date) -> PenaltyCase:
    """事先告知 (XF-44); the hearing right (XF-63) is told in the same notice where it applies."""
    _not_future(served_on, "served_on", "送达日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _state(case, "notify")
        if case.outcome != OUT.PENALTY or not case.proposal:
            raise StateError("调查结论为不予处罚或移送的，无需事先告知")
        if case.concluded_on and served_on < case.concluded_on:
            raise Invalid("告知日期不能早于调查终结日期", details={"served_on": "早于调查终结日期"})
        proposal = checks.decision_from_json(case.proposal)
        right = checks.hearing_right(case.party.kind, proposal, _thresholds())
        notice = Notice.objects.create(
            case=case,
            proposal=case.proposal,
            hearing_right=right,
            served_on=served_on,
            statement_by=periods.statement_by(served_on),
            hearing_request_by=periods.hearing_request_by(served_on) if right else None,
            served_by=actor,
        )
        case.status = Status.NOTIFIED
        case.save(update_fields=["status"])
        record(
            actor,
            "penalty.notify",
            case,
            {
                "notice": notice.pk,
                "served_on": served_on.isoformat(),
                "hearing_right": right,
                "statement_by": notice.statement_by.isoformat(),
                "proposal": case.proposal,
            },
        )
    return case


def _notice(case: PenaltyCase) -> Notice | None:
    return case.notices.order_by("-id").first()


def statement(
    case_id: int, *, actor: Staff, content: str, accepted: bool, received_on: dt.date | None = None
) -> PenaltyCase:
    if not content.strip():
        raise Invalid("陈述申辩内容必填", details={"content": "必填"})
    on = received_on or clock.today()
    _not_future(on, "received_on", "收到日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _state(case, "statement")
        st = Statement.objects.create(
            case=case, content=content.strip(), accepted=accepted, received_on=on, recorded_by=actor
        )
        record(
            actor,
            "penalty.statement",
            case,
            {"statement": st.pk, "content": st.content, "accepted": accepted},
        )
    return case


def waive(case_id: int, *, actor: Staff) -> PenaltyCase:
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _state(case, "waive")
        st = Statement.objects.create(
            case=case,
            waiver=True,
            received_on=clock.today(),
            recorded_by=actor,
            content="当事人书面表示放弃陈述、申辩和要求听证的权利",
        )
        record(actor, "penalty.waive", case, {"statement": st.pk})
    return case


def request_hearing(case_id: int, *, actor: Staff, requested_on: dt.date) -> PenaltyCase:
    _not_future(requested_on, "requested_on", "申请日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _state(case, "request_hearing")
        notice = _notice(case)
        assert notice is not None  # status notified implies a notice
        if requested_on < notice.served_on:
            raise Invalid("申请日期不能早于告知日期", details={"requested_on": "早于告知日期"})
        enforce(
            checks.hearing_request(notice.hearing_right, notice.hearing_request_by, requested_on)
        )
        h = Hearing.objects.create(case=case, requested_on=requested_on)
        case.status = Status.HEARING_REQUESTED
        case.save(update_fields=["status"])
        record(
            actor,
            "penalty.request_hearing",
            case,
            {"hearing": h.pk, "requested_on": requested_on.isoformat()},
        )
    return case


def hold_hearing(
    case_id: int,
    *,
    actor: Staff,
    held_on: dt.date,
    chair: str,
    record_text: str,
    notified_on: dt.date | None = None,
    public: bool = True,
) -> PenaltyCase:
    if not record_text.strip():
        raise Invalid("听证笔录必填", details={"record": "必填"})
    _not_future(held_on, "held_on", "听证日期")
    with transaction.atomic():
        case = _lock(case_id)
        officers = _on_case(actor, case)
        _state(case, "hearing")
        h = case.hearings.order_by("-id").first()
        assert h is not None
        chair_staff = _staff(actor, chair, "chair")
        told = notified_on or h.requested_on
        if told < h.requested_on or told > held_on:
            raise Invalid("听证通知日期有误", details={"notified_on": "应在申请之后、举行之前"})
        enforce(
            checks.recused(_recused_ids(case), [chair_staff])
            + checks.hearing(
                chair=chair_staff,
                officers=officers,
                notified_on=told,
                held_on=held_on,
                earliest=periods.earliest_hearing(told),
            )
        )
        h.notified_on, h.held_on, h.chair, h.record, h.public = (
            told,
            held_on,
            chair_staff,
            record_text.strip(),
            public,
        )
        h.save(update_fields=["notified_on", "held_on", "chair", "record", "public"])
        case.status = Status.HEARD
        case.save(update_fields=["status"])
        record(
            actor,
            "penalty.hearing",
            case,
            {
                "hearing": h.pk,
                "held_on": held_on.isoformat(),
                "chair": chair_staff.username,
                "notified_on": told.isoformat(),
            },
        )
    return case


def recuse(
    case_id: int,
    *,
    actor: Staff,
    officer: str,
    reason: str,
    granted: bool,
    replacement: str | None = None,
    requested_by_party: bool = True,
) -> PenaltyCase:
    """XF-43: the head decides a recusal; a withdrawn officer is replaced so two remain (XF-42)."""
    if not reason.strip():
        raise Invalid("回避理由必填", details={"reason": "必填"})
    today = clock.today()
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.recuse", case)
        _state(case, "recuse")
        who = _staff(actor, officer, "officer")
        officers = _officers(case)
        if who.pk not in {o.pk for o in officers}:
            raise Invalid("该人员不是本案执法人员", details={"officer": "不是本案执法人员"})
        repl = _staff(actor, replacement, "replacement") if replacement else None
        if granted:
            remaining = [o for o in officers if o.pk != who.pk] + ([repl] if repl else [])
            enforce(
                checks.recused(_recused_ids(case), [repl] if repl else [])
                + checks.officers_may_act(
                    remaining, case.power_item, case.power_item.delegated_to.all(), today
                )
            )
            case.officers.remove(who)
            if repl:
                case.officers.add(repl)
        r = Recusal.objects.create(
            case=case,
            officer=who,
            replacement=repl if granted else None,
            requested_by_party=requested_by_party,
            reason=reason.strip(),
            granted=granted,
            decided_by=actor,
            decided_on=today,
        )
        record(
            actor,
            "penalty.recuse",
            case,
            {
                "recusal": r.pk,
                "officer": who.username,
                "granted": granted,
                "reason": r.reason,
                "replacement": repl.username if repl else None,
            },
        )
    return case


def extend(case_id: int, *, actor: Staff, until: dt.date, reason: str) -> PenaltyCase:
    """XF-60: the head extends the 90-day period where the law allows, with a recorded reason."""
    if not reason.strip():
        raise Invalid("延期理由必填", details={"reason": "必填"})
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.extend", case)
        _state(case, "extend")
        base = case.extension_until or case.decide_by
        if base is not None and until <= base:
            raise Invalid("延长后的期限应晚于原期限", details={"until": f"应晚于{base}"})
        case.extension_until = until
        case.extension_reason = reason.strip()
        case.save(update_fields=["extension_until", "extension_reason"])
        record(actor, "penalty.extend", case, {"until": until.isoformat(), "reason": reason})
    return case


def decide(
    case_id: int, *, actor: Staff, decision: dict[str, Any], transferred_to: str = ""
) -> PenaltyCase:
    """The head's decision (XF-57) after every step the law requires before it."""
    parsed = parse_decision(decision)
    today = clock.today()
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.decide", case)
        _state(case, "decide")
        officers = _officers(case)
        kind = OUT.PENALTY if parsed.penalty_types else (case.outcome or OUT.PENALTY)
        notice = _notice(case)
        statements = list(case.statements.all())
        hearings = list(case.hearings.all())
        reviews = list(case.reviews.order_by("id"))
        has_discussion = case.discussions.exists()
        held = any(h.held_on for h in hearings)
        notified = checks.decision_from_json(notice.proposal) if notice else None
        right = checks.hearing_right(case.party.kind, parsed, _thresholds())
        # A requested hearing is where the party states its case: XF-63 then governs.
        statement_closed = (
            bool(statements)
            or bool(hearings)
            or (notice is not None and today > periods.statement_by(notice.served_on))
        )
        deadline = case.extension_until or (
            periods.decide_by(case.registered_on) if case.registered_on else None
        )
        found = checks.recused(_recused_ids(case), [actor]) + checks.before_decision(
            case=case,
            decision=parsed,
            kind=kind,
            decider=actor,
            today=today,
            officers=officers,
            has_notice=notice is not None,
            notified=notified,
            statement_closed=statement_closed,
            hearing_requested=bool(hearings),
            hearing_held=held,
            has_right=right,
            review_reasons=checks.review_reasons(
                case, parsed, held, law_queries.review_catalogue(case.bureau_id)
            )
            if kind == OUT.PENALTY
            else [],
            review_approved=reviews[-1].approved if reviews else None,
            has_discussion=has_discussion,
            decide_by=deadline,
        )
        # The officers named on the decision must still be qualified on its date (XF-42, ORG-1).
        found += checks.officers_may_act(
            officers, case.power_item, case.power_item.delegated_to.all(), today
        )
        exemption = None
        if kind == OUT.PENALTY:
            found += _content_checks(case, case.power_item, parsed, today, has_discussion)
            found += checks.second_fine(parsed, _earlier_for(case))
        elif kind == OUT.NO_PENALTY_MINOR:
            if parsed.exemption:
                exemption = ExemptionItem.objects.filter(
                    bureau_id=case.bureau_id, code=parsed.exemption
                ).first()
            found += checks.exemption_applies(
                case.power_item, exemption, parsed.exemption, parsed.education
            )
        elif kind == OUT.TRANSFER and not transferred_to.strip():
            raise Invalid("移送的须写明接收的司法机关", details={"transferred_to": "必填"})
        enforce(found)
        _fill_decision(case, parsed, kind, actor, today)
        case.exemption = exemption
        year = today.year
        if kind == OUT.PENALTY:
            case.decision_number = _number(case, "penalty.decision", "罚决字", year)
            case.serve_by = periods.maybe(lambda: periods.serve_by(today))
            case.status = Status.DECIDED
        elif kind == OUT.TRANSFER:
            case.transferred_to = transferred_to.strip()
            case.decision_number = _number(case, "penalty.transfer", "移字", year)
            case.status = Status.TRANSFERRED
        else:
            case.decision_number = _number(case, "penalty.no_penalty_decision", "不罚字", year)
            case.serve_by = periods.maybe(lambda: periods.serve_by(today))
            case.status = Status.DECIDED
        case.save()
        record(
            actor,
            "penalty.decide",
            case,
            {
                "kind": kind,
                "decision_number": case.decision_number,
                "decision": parsed.as_json(),
                "deviation_reason": parsed.deviation_reason,
                "exemption": parsed.exemption or None,
                "benchmark": case.benchmark_id,
                "transferred_to": case.transferred_to or None,
            },
        )
    return case


# Both procedures ---------------------------------------------------------------------------------


def serve(
    case_id: int,
    *,
    actor: Staff,
    served_on: dt.date,
    method: str,
    consent: bool = False,
    recipient: str = "",
    late_reason: str = "",
    certificates_shown: Sequence[str] | None = None,
) -> PenaltyCase:
    """送达. An on-the-spot decision is handed over at once, by officers who showed their
    certificates (XF-52/XF-55): recorded here unless recorded with the decision."""
    if method not in Case.ServiceMethod.values:
        raise Invalid("送达方式无效", details={"method": "应为 direct|left|post|electronic|notice"})
    _not_future(served_on, "served_on", "送达日期")
    with transaction.atomic():
        case = _lock(case_id)
        officers = _on_case(actor, case)
        _state(case, "serve")
        shown: list[Staff] = []
        if (
            case.procedure == Case.Procedure.SIMPLE
            and not case.certificates_shown.filter(
                occasion=CertificateShown.Occasion.ONSITE_DECISION
            ).exists()
        ):
            shown = _shown(case, officers, certificates_shown, "当场作出行政处罚决定", served_on)
        assert case.decided_on is not None
        serve_by = (
            case.decided_on
            if case.procedure == Case.Procedure.SIMPLE
            else periods.serve_by(case.decided_on)
        )
        enforce(
            checks.service(
                decided_on=case.decided_on,
                served_on=served_on,
                method=method,
                consent=consent,
                serve_by=serve_by,
                late_reason=late_reason,
            )
        )
        s = Service.objects.create(
            case=case,
            served_on=served_on,
            method=method,
            consent=consent,
            recipient=recipient or case.party.name,
            late_reason=late_reason,
            served_by=actor,
        )
        case.served_on = served_on
        case.service_method = method
        if "fine" in case.penalty_types:
            case.pay_by = periods.maybe(lambda: periods.pay_by(served_on))
        case.status = Status.SERVED
        case.save(update_fields=["served_on", "service_method", "pay_by", "status"])
        numbers = _record_shown(case, shown, CertificateShown.Occasion.ONSITE_DECISION, served_on)
        record(
            actor,
            "penalty.serve",
            case,
            {
                "service": s.pk,
                "served_on": served_on.isoformat(),
                "method": method,
                "consent": consent,
                "certificates_shown": numbers or None,
            },
        )
    return case


def _pauses(case: PenaltyCase) -> list[tuple[dt.date, dt.date | None]]:
    return [(r.filed_on, r.concluded_on) for r in case.remedies.all()]


def approved_plan(case: PenaltyCase) -> PaymentArrangement | None:
    """The approved deferral or instalment schedule (XF-66), if any."""
    return next(
        (a for a in case.arrangements.all() if a.status == PaymentArrangement.Status.APPROVED),
        None,
    )


def unpaid_instalments(case: PenaltyCase) -> list[Instalment]:
    plan = approved_plan(case)
    if plan is None:
        return []
    return sorted((i for i in plan.instalments.all() if i.paid_on is None), key=lambda i: i.seq)


def instalment_surcharge(
    inst: Instalment, on: dt.date, pauses: list[tuple[dt.date, dt.date | None]]
) -> tuple[int, Decimal]:
    """XF-72 on one instalment: from the day after its own due date, on its own amount, capped at
    that amount (so the caps of all instalments add up to the fine)."""
    days = xf72.late_days(inst.due_on, on, pauses)
    return days, xf72.amount(inst.amount, days)


def next_due(case: PenaltyCase) -> dt.date | None:
    """The date by which the next payment is due: the first unpaid instalment of an approved
    schedule, else 15 days after service (recomputed, failing closed, if not stored)."""
    if case.fine_amount is None or case.served_on is None or case.paid_on is not None:
        return None
    if approved_plan(case) is not None:
        rest = unpaid_instalments(case)
        return rest[0].due_on if rest else None
    return case.pay_by or periods.pay_by(case.served_on)


def outstanding(case: PenaltyCase, on: dt.date) -> tuple[Decimal, int, Decimal]:
    """(fine still unpaid, late days, surcharge due) if everything outstanding were paid on ``on``."""
    zero = Decimal("0.00")
    if case.fine_amount is None or case.served_on is None or case.paid_on is not None:
        return zero, 0, zero
    pauses = _pauses(case)
    if approved_plan(case) is not None:
        fine, days, due = zero, 0, zero
        for inst in unpaid_instalments(case):
            d, amt = instalment_surcharge(inst, on, pauses)
            fine, days, due = fine + inst.amount, max(days, d), due + amt
        return fine, days, due
    pay_by = case.pay_by or periods.pay_by(case.served_on)
    days = xf72.late_days(pay_by, on, pauses)
    return case.fine_amount, days, xf72.amount(case.fine_amount, days)


def surcharge_due(case: PenaltyCase, on: dt.date) -> tuple[int, Decimal]:
    """(late days, surcharge) if the fine still unpaid were paid on ``on`` (XF-72 with XF-73
    pauses; per instalment when a schedule is approved, XF-66)."""
    _, days, due = outstanding(case, on)
    return days, due


def _plan_payment(
    case: PenaltyCase, value: Decimal, paid_on: dt.date
) -> list[tuple[Instalment, int, Decimal]]:
    """The instalments a payment settles, in order, each with its late days and surcharge.

    The amount must settle the next instalment (with its surcharge), or several in a row; only the
    last one may carry more than is due, as a single payment of the whole fine may.
    """
    pauses = _pauses(case)
    rest = unpaid_instalments(case)
    covered: list[tuple[Instalment, int, Decimal]] = []
    total = Decimal("0.00")
    for inst in rest:
        days, due = instalment_surcharge(inst, paid_on, pauses)
        if total + inst.amount + due > value:
            break
        covered.append((inst, days, due))
        total += inst.amount + due
    if covered and total != value and len(covered) < len(rest):
        sums = []
        running = Decimal("0.00")
        for inst in rest:
            running += inst.amount + instalment_surcharge(inst, paid_on, pauses)[1]
            sums.append(f"{running}")
        raise Invalid(
            "分期缴纳的金额应等于一期或连续几期的应缴金额（含加处罚款）",
            details={"amount": f"应为以下金额之一：{'、'.join(sums)}元"},
        )
    return covered


def pay(
    case_id: int,
    *,
    actor: Staff,
    amount: Any,
    paid_on: dt.date,
    channel: str,
    receipt_no: str = "",
    impracticable: bool = False,
) -> PenaltyCase:
    value = _money(amount, "amount")
    if value is None or value <= 0:
        raise Invalid("缴纳金额无效", details={"amount": "应为正数"})
    if channel not in Payment.Channel.values:
        raise Invalid("缴纳方式无效", details={"channel": "应为 bank|epay|on_spot"})
    _not_future(paid_on, "paid_on", "缴纳日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _state(case, "pay")
        if case.fine_amount is None:
            raise StateError("本案决定未处罚款，无需缴纳")
        assert case.served_on is not None
        if paid_on < case.served_on and channel != Payment.Channel.ON_SPOT:
            raise Invalid("缴纳日期不能早于送达日期", details={"paid_on": "早于送达日期"})
        earlier = case.payments.order_by("-paid_on").first()
        if earlier is not None and paid_on < earlier.paid_on:
            raise Invalid("缴纳日期不能早于上一次缴纳日期", details={"paid_on": "早于上次缴纳"})
        plan = approved_plan(case)
        rows: list[tuple[Instalment | None, Decimal, Decimal, int, Decimal]] = []
        if plan is None:
            days, due = surcharge_due(case, paid_on)
            enforce(
                checks.payment(
                    procedure=case.procedure,
                    channel=channel,
                    amount=value,
                    fine=case.fine_amount,
                    surcharge_due=due,
                    receipt_no=receipt_no,
                    impracticable=impracticable,
                )
            )
            rows.append((None, value, case.fine_amount, days, due))
        else:
            covered = _plan_payment(case, value, paid_on)
            first = unpaid_instalments(case)[0]
            first_due = instalment_surcharge(first, paid_on, _pauses(case))[1]
            enforce(
                checks.payment(
                    procedure=case.procedure,
                    channel=channel,
                    amount=value,
                    fine=first.amount,
                    surcharge_due=first_due,
                    receipt_no=receipt_no,
                    impracticable=impracticable,
                    instalment=first.seq,
                )
            )
            left = value
            for n, (covered_inst, days, due) in enumerate(covered):
                part = left if n == len(covered) - 1 else covered_inst.amount + due
                rows.append((covered_inst, part, covered_inst.amount, days, due))
                left -= part
        made = []
        for inst, part, principal, days, due in rows:
            made.append(
                Payment.objects.create(
                    case=case,
                    amount=part,
                    fine=principal,
                    surcharge=due,
                    late_days=days,
                    paid_on=paid_on,
                    channel=channel,
                    receipt_no=receipt_no,
                    recorded_by=actor,
                    instalment=inst,
                )
            )
            if inst is not None:
                inst.paid_on = paid_on
                inst.save(update_fields=["paid_on"])
        payments = list(case.payments.all())
        case.paid_amount = sum((p.amount for p in payments), Decimal("0.00"))
        case.surcharge_paid = sum((p.surcharge for p in payments), Decimal("0.00"))
        rest = unpaid_instalments(case) if plan is not None else []
        if rest:
            # The next instalment's date is now the date by which payment is due.
            case.pay_by = rest[0].due_on
        else:
            case.paid_on = paid_on
            case.status = Status.PAID
        case.save(update_fields=["paid_on", "paid_amount", "surcharge_paid", "status", "pay_by"])
        record(
            actor,
            "penalty.pay",
            case,
            {
                "payment": made[0].pk,
                "payments": [p.pk for p in made],
                "instalments": [i.seq for i, *_ in rows if i is not None],
                "amount": str(value),
                "surcharge": str(sum((r[4] for r in rows), Decimal("0.00"))),
                "late_days": max(r[3] for r in rows),
                "channel": channel,
                "receipt_no": receipt_no,
                "paid_in_full": not rest,
            },
        )
    return case


def file_onsite(case_id: int, *, actor: Staff, filed_on: dt.date | None = None) -> PenaltyCase:
    """XF-52: the on-the-spot decision is filed (备案) with the bureau."""
    on = filed_on or clock.today()
    _not_future(on, "filed_on", "备案日期")
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.file", case)
        _state(case, "file_onsite")
        if case.procedure != Case.Procedure.SIMPLE:
            raise StateError("只有简易程序（当场处罚）决定需要备案")
        if case.filed_on is not None:
            raise StateError("该决定已备案")
        case.filed_on = on
        case.save(update_fields=["filed_on"])
        record(
            actor,
            "penalty.file",
            case,
            {"filed_on": on.isoformat(), "filing_due": str(case.filing_due)},
        )
    return case


def close(case_id: int, *, actor: Staff) -> PenaltyCase:
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.close", case)
        _state(case, "close")
        if case.status == Status.SERVED and case.fine_amount and case.paid_on is None:
            raise StateError("罚款尚未缴纳，不能结案；逾期不缴纳的依法申请强制执行")
        if case.status == Status.ENFORCEMENT:
            app = case.enforcements.first()
            if app is None or not app.concluded:
                raise StateError(
                    "人民法院强制执行尚未终结，不能结案；请先登记法院的执行结果"
                    "（执行完毕、终结执行或不准予执行）"
                )
        enforce(checks.close(case, cash_not_deposited=len(cash_not_deposited(case))))
        case.status = Status.CLOSED
        case.closed_on = clock.today()
        case.closed_by = actor
        case.save(update_fields=["status", "closed_on", "closed_by"])
        record(actor, "penalty.close", case, {"closed_on": case.closed_on.isoformat()})
    return case


def archive(case_id: int, *, actor: Staff) -> PenaltyCase:
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.archive", case)
        _state(case, "archive")
        case.status = Status.ARCHIVED
        case.archived_on = clock.today()
        case.save(update_fields=["status", "archived_on"])
        record(actor, "penalty.archive", case, {"archived_on": case.archived_on.isoformat()})
    return case


# Remedies (行政复议 / 行政诉讼) --------------------------------------------------------------------

RECONSIDERATION_OUTCOMES = {"upheld", "changed", "revoked", "confirmed_unlawful", "withdrawn"}
LITIGATION_OUTCOMES = {
    "won",
    "lost",
    "upheld",
    "changed",
    "revoked",
    "confirmed_unlawful",
    "withdrawn",
}


def record_remedy(
    case_id: int, *, actor: Staff, kind: str, filed_on: dt.date, body: str = "", note: str = ""
) -> RemedyProceeding:
    if kind not in RemedyProceeding.Kind.values:
        raise Invalid("类别无效", details={"kind": "应为 reconsideration 或 litigation"})
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.remedy", case)
        _state(case, "record_remedy")
        pending = case.remedies.filter(kind=kind, concluded_on__isnull=True).exists()
        enforce(
            checks.remedy(
                served_on=case.served_on,
                filed_on=filed_on,
                today=clock.today(),
                pending_same_kind=pending,
            )
        )
        r = RemedyProceeding.objects.create(
            case=case, kind=kind, filed_on=filed_on, body=body, note=note, recorded_by=actor
        )
        record(
            actor,
            "penalty.remedy.record",
            case,
            {"remedy": r.pk, "kind": kind, "filed_on": filed_on.isoformat(), "body": body},
        )
    return r


def conclude_remedy(
    case_id: int,
    remedy_id: int,
    *,
    actor: Staff,
    concluded_on: dt.date,
    outcome: str,
    head_appeared: bool = False,
    note: str = "",
) -> RemedyProceeding:
    _not_future(concluded_on, "concluded_on", "审结日期")
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.remedy", case)
        _state(case, "conclude_remedy")
        r = RemedyProceeding.objects.select_for_update().filter(pk=remedy_id, case=case).first()
        if r is None:
            raise NotFound("未找到该复议或诉讼记录")
        if r.concluded_on is not None:
            raise StateError("该复议或诉讼已审结")
        allowed = (
            RECONSIDERATION_OUTCOMES
            if r.kind == RemedyProceeding.Kind.RECONSIDERATION
            else LITIGATION_OUTCOMES
        )
        if outcome not in allowed:
            raise Invalid("结果无效", details={"outcome": f"应为 {'|'.join(sorted(allowed))}"})
        if concluded_on < r.filed_on:
            raise Invalid("审结日期不能早于申请日期", details={"concluded_on": "早于申请日期"})
        r.concluded_on, r.outcome, r.head_appeared = concluded_on, outcome, head_appeared
        r.note = note or r.note
        r.save(update_fields=["concluded_on", "outcome", "head_appeared", "note"])
        fields = []
        if outcome == "revoked" and case.decision_revoked_on is None:
            case.decision_revoked_on = concluded_on
            fields.append("decision_revoked_on")
        elif (
            outcome in ("changed", "confirmed_unlawful", "lost")
            and case.decision_changed_on is None
        ):
            case.decision_changed_on = concluded_on
            fields.append("decision_changed_on")
        if fields:
            case.save(update_fields=fields)
        record(
            actor,
            "penalty.remedy.conclude",
            case,
            {
                "remedy": r.pk,
                "kind": r.kind,
                "outcome": outcome,
                "concluded_on": concluded_on.isoformat(),
                "head_appeared": head_appeared,
            },
        )
    return r


# Execution (执行): deferral and instalments, demand, court enforcement ------------------------------


def _date(value: Any, field: str, label: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError as exc:
        raise Invalid(f"{label}无效", details={field: "应为日期（YYYY-MM-DD）"}) from exc


def _schedule(
    kind: str,
    fine: Decimal,
    *,
    due_on: Any,
    instalments: Sequence[dict[str, Any]] | None,
    today: dt.date,
    pay_by: dt.date,
) -> list[tuple[Decimal, dt.date]]:
    """The approved schedule as (amount, due date) rows; a deferral is one row for the whole fine.
    Shape errors are 400 naming the field (``instalments[2].amount``)."""
    if kind == PaymentArrangement.Kind.DEFERRAL:
        if due_on in (None, ""):
            raise Invalid("暂缓缴纳须写明新的缴款期限", details={"due_on": "必填"})
        day = _date(due_on, "due_on", "暂缓缴纳期限")
        if day <= pay_by or day < today:
            raise Invalid(
                "暂缓缴纳的期限应晚于原缴款期限",
                details={"due_on": f"应晚于原缴款期限{pay_by:%Y-%m-%d}，且不早于今天"},
            )
        return [(fine, day)]
    items = list(instalments or [])
    if len(items) < 2:
        raise Invalid(
            "分期缴纳至少分为两期", details={"instalments": "至少两期，每期写明金额和期限"}
        )
    rows: list[tuple[Decimal, dt.date]] = []
    errors: dict[str, str] = {}
    for n, item in enumerate(items, start=1):
        key = f"instalments[{n}]"
        if not isinstance(item, dict):
            errors[key] = "应写明金额和期限"
            continue
        try:
            amount = _money(item.get("amount"), f"{key}.amount")
        except Invalid as exc:
            errors.update(exc.details)
            continue
        if amount is None or amount <= 0:
            errors[f"{key}.amount"] = "每期金额应为正数"
            continue
        try:
            day = _date(item.get("due_on"), f"{key}.due_on", f"第{n}期期限")
        except Invalid as exc:
            errors.update(exc.details)
            continue
        if rows and day <= rows[-1][1]:
            errors[f"{key}.due_on"] = "各期期限应依次推后"
        elif day < today:
            errors[f"{key}.due_on"] = "期限不能早于今天"
        rows.append((amount, day))
    if errors:
        raise Invalid("分期缴纳计划有误", details=errors)
    total = sum((a for a, _ in rows), Decimal("0.00"))
    if total != fine:
        raise Invalid(
            "各期金额合计应等于罚款金额",
            details={"instalments": f"各期金额合计{total}元，应等于罚款金额{fine}元"},
        )
    return rows


def apply_arrangement(
    case_id: int, *, actor: Staff, kind: str, applied_on: dt.date, reason: str
) -> PenaltyCase:
    """XF-66: the party's written application for deferred or instalment payment, recorded by an
    officer of the case after service and before the fine is paid."""
    if kind not in PaymentArrangement.Kind.values:
        raise Invalid("申请事项无效", details={"kind": "应为 deferral 或 instalments"})
    if not reason.strip():
        raise Invalid("申请理由必填", details={"reason": "请写明当事人确有经济困难的情况"})
    _not_future(applied_on, "applied_on", "申请日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _state(case, "apply_arrangement")
        if not case.fine_amount:
            raise StateError("本案决定未处罚款，无需申请暂缓或分期缴纳")
        assert case.served_on is not None
        if applied_on < case.served_on:
            raise Invalid("申请日期不能早于决定送达日期", details={"applied_on": "早于送达日期"})
        statuses = set(case.arrangements.values_list("status", flat=True))
        enforce(
            checks.arrangement_application(
                pending=PaymentArrangement.Status.PENDING in statuses,
                approved=PaymentArrangement.Status.APPROVED in statuses,
            )
        )
        a = PaymentArrangement.objects.create(
            case=case, kind=kind, applied_on=applied_on, reason=reason.strip(), recorded_by=actor
        )
        record(
            actor,
            "penalty.apply_arrangement",
            case,
            {
                "arrangement": a.pk,
                "kind": kind,
                "applied_on": applied_on.isoformat(),
                "reason": a.reason,
            },
        )
    return case


def decide_arrangement(
    case_id: int,
    arrangement_id: int,
    *,
    actor: Staff,
    approved: bool,
    opinion: str,
    due_on: Any = None,
    instalments: Sequence[dict[str, Any]] | None = None,
) -> PenaltyCase:
    """XF-66: the head approves (with the schedule) or refuses (with reasons) an application."""
    if not opinion.strip():
        raise Invalid("审批意见必填", details={"opinion": "请写明批准或不予批准的理由"})
    today = clock.today()
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.arrangement", case)
        _state(case, "decide_arrangement")
        a = (
            PaymentArrangement.objects.select_for_update()
            .filter(pk=arrangement_id, case=case)
            .first()
        )
        if a is None:
            raise NotFound("未找到该暂缓或分期缴纳申请")
        if a.status != PaymentArrangement.Status.PENDING:
            raise StateError(f"该申请已{a.get_status_display()}，不能再次审批")
        assert case.fine_amount is not None and case.served_on is not None
        rows: list[tuple[Decimal, dt.date]] = []
        if approved:
            rows = _schedule(
                a.kind,
                case.fine_amount,
                due_on=due_on,
                instalments=instalments,
                today=today,
                pay_by=case.pay_by or periods.pay_by(case.served_on),
            )
        enforce(
            checks.recused(_recused_ids(case), [actor])
            + checks.separation("批准暂缓（分期）缴纳的负责人", actor, _officers(case))
        )
        a.status = (
            PaymentArrangement.Status.APPROVED if approved else PaymentArrangement.Status.REFUSED
        )
        a.decided_by, a.decided_on, a.opinion = actor, today, opinion.strip()
        a.save(update_fields=["status", "decided_by", "decided_on", "opinion"])
        for seq, (amount, day) in enumerate(rows, start=1):
            Instalment.objects.create(arrangement=a, case=case, seq=seq, amount=amount, due_on=day)
        if rows:
            # From now on the schedule says when payment is due (worklists and XF-72 read pay_by).
            case.pay_by = rows[0][1]
            case.save(update_fields=["pay_by"])
        record(
            actor,
            "penalty.decide_arrangement",
            case,
            {
                "arrangement": a.pk,
                "kind": a.kind,
                "approved": approved,
                "opinion": a.opinion,
                "schedule": [{"amount": str(x), "due_on": d.isoformat()} for x, d in rows],
            },
        )
    return case


def demand(
    case_id: int,
    *,
    actor: Staff,
    served_on: dt.date,
    method: str,
    recipient: str = "",
    note: str = "",
) -> PenaltyCase:
    """催告 (QZ-54, 行政强制法第三十五条): a written demand once payment is overdue, before the
    bureau may apply to the court."""
    if method not in Case.ServiceMethod.values:
        raise Invalid("送达方式无效", details={"method": "应为 direct|left|post|electronic|notice"})
    _not_future(served_on, "served_on", "送达日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _state(case, "demand")
        if not case.fine_amount:
            raise StateError("本案决定未处罚款，无需催告缴纳")
        assert case.served_on is not None
        if served_on < case.served_on:
            raise Invalid("催告日期不能早于决定送达日期", details={"served_on": "早于决定送达日期"})
        due = next_due(case)
        assert due is not None  # served, fine unpaid
        enforce(checks.demand(due=due, served_on=served_on))
        fine, _, surcharge = outstanding(case, served_on)
        d = Demand.objects.create(
            case=case,
            served_on=served_on,
            method=method,
            recipient=recipient or case.party.name,
            fine_due=fine,
            surcharge_due=surcharge,
            perform_by=periods.demand_perform_by(served_on),
            note=note,
            recorded_by=actor,
        )
        record(
            actor,
            "penalty.demand",
            case,
            {
                "demand": d.pk,
                "served_on": served_on.isoformat(),
                "method": method,
                "fine_due": str(fine),
                "surcharge_due": str(surcharge),
                "perform_by": d.perform_by.isoformat(),
            },
        )
    return case


def enforcement_window(case: PenaltyCase) -> tuple[dt.date, dt.date] | None:
    """(last day of the remedy periods, last day to apply to the court) — QZ-53. May raise CAL-2."""
    if case.served_on is None:
        return None
    concluded = [
        r.concluded_on
        for r in case.remedies.all()
        if r.kind == RemedyProceeding.Kind.RECONSIDERATION and r.concluded_on is not None
    ]
    end = periods.remedy_periods_end(case.served_on, concluded)
    return end, periods.enforcement_apply_by(end)


def apply_enforcement(
    case_id: int,
    *,
    actor: Staff,
    court: str,
    applied_on: dt.date,
    document_number: str,
) -> PenaltyCase:
    """申请人民法院强制执行 (QZ-53): after the remedy periods, within three months, and only after a
    催告书 whose ten working days have passed (QZ-54)."""
    errors = {}
    if not court.strip():
        errors["court"] = "请写明受理申请的人民法院"
    if not document_number.strip():
        errors["document_number"] = "请写明强制执行申请书的文号"
    if errors:
        raise Invalid("强制执行申请信息不完整", details=errors)
    _not_future(applied_on, "applied_on", "申请日期")
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.enforce", case)
        _state(case, "apply_enforcement")
        if not case.fine_amount:
            raise StateError("本案决定未处罚款，无需申请强制执行罚款")
        window = enforcement_window(case)
        assert window is not None
        periods_end, apply_by = window
        last = case.demands.order_by("-served_on", "-id").first()
        enforce(
            checks.enforcement_application(
                applied_on=applied_on,
                revoked=case.decision_revoked_on is not None,
                remedy_pending=case.remedies.filter(concluded_on__isnull=True).exists(),
                periods_end=periods_end,
                apply_by=apply_by,
                demand_served_on=last.served_on if last else None,
                demand_perform_by=last.perform_by if last else None,
            )
        )
        assert last is not None
        fine, _, surcharge = outstanding(case, applied_on)
        app = EnforcementApplication.objects.create(
            case=case,
            court=court.strip(),
            applied_on=applied_on,
            document_number=document_number.strip(),
            demand=last,
            fine_due=fine,
            surcharge_due=surcharge,
            recorded_by=actor,
        )
        case.status = Status.ENFORCEMENT
        case.save(update_fields=["status"])
        record(
            actor,
            "penalty.apply_enforcement",
            case,
            {
                "application": app.pk,
                "court": app.court,
                "applied_on": applied_on.isoformat(),
                "document_number": app.document_number,
                "demand": last.pk,
                "fine_due": str(fine),
                "surcharge_due": str(surcharge),
                "periods_end": periods_end.isoformat(),
                "apply_by": apply_by.isoformat(),
            },
        )
    return case


# Which court outcome may follow which: a granted application is then carried out or ended.
_OUTCOME_AFTER: dict[str, set[str]] = {
    "": set(EnforcementApplication.Outcome.values),
    EnforcementApplication.Outcome.GRANTED: {
        EnforcementApplication.Outcome.COMPLETED,
        EnforcementApplication.Outcome.TERMINATED,
    },
}


def enforcement_outcome(
    case_id: int,
    *,
    actor: Staff,
    outcome: str,
    outcome_on: dt.date,
    ruling_number: str = "",
    note: str = "",
) -> PenaltyCase:
    """The court's ruling (准予执行/不准予执行) and the end of enforcement (执行完毕/终结执行)."""
    if outcome not in EnforcementApplication.Outcome.values:
        raise Invalid(
            "法院处理结果无效", details={"outcome": "应为 granted|refused|completed|terminated"}
        )
    _not_future(outcome_on, "outcome_on", "结果日期")
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.enforce", case)
        _state(case, "enforcement_outcome")
        app = EnforcementApplication.objects.select_for_update().filter(case=case).first()
        assert app is not None  # the status says an application exists
        if outcome not in _OUTCOME_AFTER.get(app.outcome, set()):
            raise StateError(
                f"已登记法院结果“{app.get_outcome_display()}”，不能再登记"
                f"“{EnforcementApplication.Outcome(outcome).label}”",
                details={"outcome": app.outcome},
            )
        if outcome_on < (app.outcome_on or app.applied_on):
            raise Invalid("结果日期不能早于申请日期或上一结果日期", details={"outcome_on": "过早"})
        before = app.outcome
        app.outcome, app.outcome_on = outcome, outcome_on
        app.ruling_number = ruling_number.strip() or app.ruling_number
        app.outcome_note = note.strip() or app.outcome_note
        app.save(update_fields=["outcome", "outcome_on", "ruling_number", "outcome_note"])
        record(
            actor,
            "penalty.enforcement_outcome",
            case,
            {
                "application": app.pk,
                "outcome": outcome,
                "previous": before or None,
                "outcome_on": outcome_on.isoformat(),
                "ruling_number": app.ruling_number,
            },
        )
    return case


# 先行登记保存 (XF-56) -----------------------------------------------------------------------------

ITEM_FIELDS = {"description": "物品名称及特征", "quantity": "数量", "location": "存放地点/保管人"}


def _items(items: Sequence[Any] | None) -> list[dict[str, str]]:
    """The 物品清单: each item with what it is, how many, and where or with whom it is kept."""
    rows = list(items or [])
    if not rows:
        raise Invalid("请列明先行登记保存的物品", details={"items": "至少列明一项物品"})
    errors: dict[str, str] = {}
    out: list[dict[str, str]] = []
    for n, item in enumerate(rows, start=1):
        if not isinstance(item, dict):
            errors[f"items[{n}]"] = "应写明物品名称、数量和存放地点"
            continue
        row = {k: str(item.get(k) or "").strip() for k in ITEM_FIELDS}
        for key, label in ITEM_FIELDS.items():
            if not row[key]:
                errors[f"items[{n}].{key}"] = f"{label}必填"
            elif len(row[key]) > 200:
                errors[f"items[{n}].{key}"] = f"{label}不超过200字"
        out.append(row)
    if errors:
        raise Invalid("物品清单不完整", details=errors)
    return out


def approve_preservation(case_id: int, *, actor: Staff, reason: str) -> Preservation:
    """XF-56: the head approves 先行登记保存 (证据可能灭失或者以后难以取得) before anything is
    registered; the officers then list the items under this approval."""
    if not reason.strip():
        raise Invalid("请写明先行登记保存的理由", details={"reason": "必填"})
    today = clock.today()
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.preservation", case)
        _state(case, "approve_preservation")
        enforce(
            checks.recused(_recused_ids(case), [actor])
            + checks.separation("批准先行登记保存的负责人", actor, _officers(case))
        )
        p = Preservation.objects.create(
            case=case, reason=reason.strip(), approved_by=actor, approved_on=today
        )
        record(
            actor,
            "penalty.approve_preservation",
            case,
            {"preservation": p.pk, "reason": p.reason, "approved_on": today.isoformat()},
        )
    return p


def preserve(
    case_id: int,
    *,
    actor: Staff,
    items: Sequence[Any],
    preserved_on: dt.date | None = None,
) -> Preservation:
    """XF-56: the officers register the items under the head's approval (the oldest one not yet
    used); the decision on them is due seven working days later."""
    rows = _items(items)
    on = preserved_on or clock.today()
    _not_future(on, "preserved_on", "登记保存日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _state(case, "preserve")
        approval = (
            Preservation.objects.select_for_update()
            .filter(case=case, status=Preservation.Status.APPROVED)
            .order_by("id")
            .first()
        )
        enforce(
            checks.preservation_registration(
                approved_on=approval.approved_on if approval else None, preserved_on=on
            )
        )
        assert approval is not None
        approval.items, approval.preserved_on, approval.preserved_by = rows, on, actor
        approval.decide_by = periods.maybe(lambda: periods.preservation_decide_by(on))
        approval.status = Preservation.Status.PRESERVED
        approval.save(
            update_fields=["items", "preserved_on", "preserved_by", "decide_by", "status"]
        )
        if case.status == Status.REGISTERED:
            case.status = Status.INVESTIGATING
            case.save(update_fields=["status"])
        record(
            actor,
            "penalty.preserve",
            case,
            {
                "preservation": approval.pk,
                "items": rows,
                "preserved_on": on.isoformat(),
                "decide_by": str(approval.decide_by),
            },
        )
    return approval


def decide_preservation(
    case_id: int,
    preservation_id: int,
    *,
    actor: Staff,
    handling: str,
    note: str,
    late_reason: str = "",
) -> Preservation:
    """XF-56: the head decides what becomes of the items within seven working days; a late
    decision is recorded only with its reason, and stays marked late."""
    if handling not in Preservation.Handling.values:
        raise Invalid("处理决定无效", details={"handling": "应为 return|confiscate|transfer|other"})
    if not note.strip():
        raise Invalid("请写明处理说明", details={"note": "必填"})
    today = clock.today()
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.preservation", case)
        _state(case, "decide_preservation")
        p = Preservation.objects.select_for_update().filter(pk=preservation_id, case=case).first()
        if p is None:
            raise NotFound("未找到该先行登记保存记录")
        if p.status != Preservation.Status.PRESERVED:
            raise StateError(f"该先行登记保存{p.get_status_display()}，不能作出处理决定")
        assert p.preserved_on is not None
        # Recomputed, failing closed with CAL-2 if the calendar does not reach that far.
        decide_by = periods.preservation_decide_by(p.preserved_on)
        enforce(
            checks.recused(_recused_ids(case), [actor])
            + checks.preservation_decision(
                decide_by=decide_by, decided_on=today, late_reason=late_reason
            )
        )
        p.status, p.handling, p.handling_note = Preservation.Status.DECIDED, handling, note.strip()
        p.decided_on, p.decided_by, p.decide_by = today, actor, decide_by
        p.late = today > decide_by
        p.late_reason = late_reason.strip() if p.late else ""
        p.save(
            update_fields=[
                "status",
                "handling",
                "handling_note",
                "decided_on",
                "decided_by",
                "decide_by",
                "late",
                "late_reason",
            ]
        )
        record(
            actor,
            "penalty.decide_preservation",
            case,
            {
                "preservation": p.pk,
                "handling": handling,
                "note": p.handling_note,
                "decided_on": today.isoformat(),
                "decide_by": decide_by.isoformat(),
                "late": p.late,
                "late_reason": p.late_reason or None,
            },
        )
    return p


# 当场收缴罚款的上缴 (XF-71) ------------------------------------------------------------------------


def _cash(case: PenaltyCase) -> list[Payment]:
    return [p for p in case.payments.all() if p.channel == Payment.Channel.ON_SPOT]


def cash_not_deposited(case: PenaltyCase) -> list[Payment]:
    """On-the-spot payments whose cash has not reached the bank yet (XF-71)."""
    deposited = set(
        CashRemittance.objects.filter(case=case, deposited_on__isnull=False).values_list(
            "payment_id", flat=True
        )
    )
    return [p for p in _cash(case) if p.pk not in deposited]


def hand_in(
    case_id: int,
    *,
    actor: Staff,
    handed_in_on: dt.date,
    receiver: str,
    late_reason: str = "",
) -> PenaltyCase:
    """XF-71: the officer hands the cash collected on the spot to the bureau within two working
    days; a later hand-in is recorded only with its reason and marked late."""
    if not receiver.strip():
        raise Invalid("请写明本机关的接收人", details={"receiver": "必填"})
    _not_future(handed_in_on, "handed_in_on", "交至本机关日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _state(case, "hand_in")
        done = set(case.remittances.values_list("payment_id", flat=True))
        todo = [p for p in _cash(case) if p.pk not in done]
        if not todo:
            raise StateError("本案没有待交至本机关的当场收缴罚款")
        found = []
        for pm in todo:
            if handed_in_on < pm.paid_on:
                raise Invalid(
                    "交至本机关日期不能早于收缴日期", details={"handed_in_on": "早于收缴日期"}
                )
            found += checks.cash_hand_in(
                hand_in_by=periods.cash_hand_in_by(pm.paid_on),
                handed_in_on=handed_in_on,
                late_reason=late_reason,
            )
        enforce(found)
        rows = []
        for pm in todo:
            late = handed_in_on > periods.cash_hand_in_by(pm.paid_on)
            rows.append(
                CashRemittance.objects.create(
                    payment=pm,
                    case=case,
                    handed_in_on=handed_in_on,
                    receiver=receiver.strip(),
                    hand_in_late=late,
                    hand_in_late_reason=late_reason.strip() if late else "",
                )
            )
        record(
            actor,
            "penalty.hand_in",
            case,
            {
                "payments": [r.payment_id for r in rows],
                "amount": str(sum((r.payment.amount for r in rows), Decimal("0.00"))),
                "handed_in_on": handed_in_on.isoformat(),
                "receiver": receiver.strip(),
                "late": any(r.hand_in_late for r in rows),
                "late_reason": late_reason.strip() or None,
            },
        )
    return case


def deposit(
    case_id: int,
    *,
    actor: Staff,
    deposited_on: dt.date,
    bank_slip: str,
    late_reason: str = "",
) -> PenaltyCase:
    """XF-71: the bureau pays the handed-in cash into the bank within two more working days."""
    if not bank_slip.strip():
        raise Invalid("请写明银行缴款单号", details={"bank_slip": "必填"})
    _not_future(deposited_on, "deposited_on", "缴付银行日期")
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.deposit", case)
        _state(case, "deposit")
        pending = cash_not_deposited(case)
        if not pending:
            raise StateError("本案没有待缴付银行的当场收缴罚款")
        by_payment = {
            r.payment_id: r
            for r in CashRemittance.objects.select_for_update().filter(
                case=case, deposited_on__isnull=True
            )
        }
        found = []
        for pm in pending:
            r = by_payment.get(pm.pk)
            if r is not None and deposited_on < r.handed_in_on:
                raise Invalid(
                    "缴付银行日期不能早于交至本机关日期",
                    details={"deposited_on": "早于交至本机关日期"},
                )
            found += checks.cash_deposit(
                handed_in=r is not None,
                deposit_by=periods.cash_deposit_by(r.handed_in_on) if r else None,
                deposited_on=deposited_on,
                late_reason=late_reason,
            )
        enforce(found)
        rows = list(by_payment.values())
        for r in rows:
            r.deposited_on, r.bank_slip = deposited_on, bank_slip.strip()
            r.deposit_late = deposited_on > periods.cash_deposit_by(r.handed_in_on)
            r.deposit_late_reason = late_reason.strip() if r.deposit_late else ""
            r.save(
                update_fields=["deposited_on", "bank_slip", "deposit_late", "deposit_late_reason"]
            )
        record(
            actor,
            "penalty.deposit",
            case,
            {
                "payments": [r.payment_id for r in rows],
                "deposited_on": deposited_on.isoformat(),
                "bank_slip": bank_slip.strip(),
                "late": any(r.deposit_late for r in rows),
                "late_reason": late_reason.strip() or None,
            },
        )
    return case
