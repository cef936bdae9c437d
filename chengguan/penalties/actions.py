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
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import grant, require
from chengguan.org.roles import Role
from chengguan.penalties import checks, periods
from chengguan.penalties import surcharge as xf72
from chengguan.penalties.checks import Decision
from chengguan.penalties.models import (
    Discussion,
    Evidence,
    Hearing,
    Notice,
    Party,
    Payment,
    PenaltyCase,
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
) -> PenaltyCase:
    """立案登记 (general → pending_registration) or 当场处罚 (simple → decided)."""
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
        case.save()
        case.officers.set(people)
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
) -> PenaltyCase:
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
        _on_case(actor, case)
        _state(case, "evidence")
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
        if case.status == Status.REGISTERED:
            case.status = Status.INVESTIGATING
            case.save(update_fields=["status"])
        record(
            actor,
            "penalty.evidence",
            case,
            {"evidence": ev.pk, "kind": kind, "description": ev.description, "blob": blob or None},
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
) -> PenaltyCase:
    if method not in Case.ServiceMethod.values:
        raise Invalid("送达方式无效", details={"method": "应为 direct|left|post|electronic|notice"})
    _not_future(served_on, "served_on", "送达日期")
    with transaction.atomic():
        case = _lock(case_id)
        _on_case(actor, case)
        _state(case, "serve")
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
        record(
            actor,
            "penalty.serve",
            case,
            {
                "service": s.pk,
                "served_on": served_on.isoformat(),
                "method": method,
                "consent": consent,
            },
        )
    return case


def surcharge_due(case: PenaltyCase, on: dt.date) -> tuple[int, Decimal]:
    """(late days, surcharge) if the fine were paid on ``on`` (XF-72 with XF-73 pauses)."""
    if case.fine_amount is None or case.served_on is None:
        return 0, Decimal("0.00")
    pay_by = case.pay_by or periods.pay_by(case.served_on)
    pauses = [(r.filed_on, r.concluded_on) for r in case.remedies.all()]
    days = xf72.late_days(pay_by, on, pauses)
    return days, xf72.amount(case.fine_amount, days)


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
        p = Payment.objects.create(
            case=case,
            amount=value,
            fine=case.fine_amount,
            surcharge=due,
            late_days=days,
            paid_on=paid_on,
            channel=channel,
            receipt_no=receipt_no,
            recorded_by=actor,
        )
        case.paid_on, case.paid_amount, case.surcharge_paid = paid_on, value, due
        case.status = Status.PAID
        case.save(update_fields=["paid_on", "paid_amount", "surcharge_paid", "status"])
        record(
            actor,
            "penalty.pay",
            case,
            {
                "payment": p.pk,
                "amount": str(value),
                "surcharge": str(due),
                "late_days": days,
                "channel": channel,
                "receipt_no": receipt_no,
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
        enforce(checks.close(case))
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
