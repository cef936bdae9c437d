"""Opening a case: 立案登记 (general procedure) or 当场处罚 (simple procedure), and 立案审批."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from chengguan.core import clock, links
from chengguan.core.errors import Invalid, NotFound, enforce
from chengguan.core.pii import blind_index, id_birth_date, valid_credit_code, valid_id_number
from chengguan.law import queries as law_queries
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.penalties import checks, periods
from chengguan.penalties.actions._common import (
    OUT,
    Case,
    _content_checks,
    _earlier_for,
    _fill_decision,
    _lock,
    _not_future,
    _number,
    _officers,
    _record_shown,
    _shown,
    _shown_numbers,
    _staff,
    _state,
    parse_decision,
    separate_act_checks,  # helper:execution
)
from chengguan.penalties.models import (
    CertificateShown,
    Party,
    PenaltyCase,
)
from chengguan.penalties.states import Status
from chengguan.penalties.transitions import transition

# PA-1: documents other than the 居民身份证 that identify a natural person.
DOCUMENT_TYPES = {
    "passport": "护照",
    "hk_macao_permit": "港澳居民来往内地通行证",
    "taiwan_permit": "台湾居民来往大陆通行证",
    "foreign_residence": "外国人永久居留身份证",
    "residence_permit": "港澳台居民居住证",
    "military": "军官证/士兵证",
    "household": "户口簿",
}


def _party(actor: Staff, data: dict[str, Any]) -> Party:
    """The party as given; number formats are 400 here, missing identity is refused (PA-1, XF-30)
    when a decision is made, so a case can be opened while the identity is still being verified."""
    errors: dict[str, str] = {}
    kind = str(data.get("kind") or "")
    name = str(data.get("name") or "").strip()
    if kind not in Party.Kind.values:
        errors["party.kind"] = "应为 person 或 organisation"
    if not name:
        errors["party.name"] = "必填"
    id_number = str(data.get("id_number") or "").strip().upper()
    credit_code = str(data.get("credit_code") or "").strip().upper()
    doc_type = str(data.get("document_type") or "").strip()
    doc_number = str(data.get("document_number") or "").strip().upper()
    source = str(data.get("birth_date_source") or "").strip()
    birth = data.get("birth_date")
    if isinstance(birth, str) and birth:
        try:
            birth = dt.date.fromisoformat(birth)
        except ValueError:
            errors["party.birth_date"] = "应为日期（YYYY-MM-DD）"
    if id_number:
        # The full GB 11643 checksum over the 17 digits; the place code is not looked up, so a real
        # number from a place code created after a library's table is accepted (DESIGN.md §9).
        if not valid_id_number(id_number):
            errors["party.id_number"] = "公民身份号码校验不通过（GB 11643 校验码或出生日期不符）"
        else:
            coded = id_birth_date(id_number)
            if isinstance(birth, dt.date) and birth != coded:
                errors["party.birth_date"] = "出生日期与公民身份号码记载的不一致"
            birth, source = coded, "公民身份号码"
    elif isinstance(birth, dt.date):
        if birth > clock.today():
            errors["party.birth_date"] = "出生日期不能晚于今天"
        if not source:
            errors["party.birth_date_source"] = (
                "未从身份号码读取的出生日期须写明来源（证件、户籍证明等）"
            )
    if credit_code and not valid_credit_code(credit_code):
        errors["party.credit_code"] = "统一社会信用代码校验不通过（GB 32100 校验码不符）"
    if doc_type and doc_type not in DOCUMENT_TYPES:
        errors["party.document_type"] = "应为 " + "|".join(DOCUMENT_TYPES)
    if bool(doc_type) != bool(doc_number):
        errors["party.document_number" if doc_type else "party.document_type"] = (
            "其他证件须同时写明证件类型和号码"
        )
    if kind == Party.Kind.ORGANISATION and (id_number or doc_type):
        errors["party.id_number"] = "单位当事人以统一社会信用代码标识，不填写个人证件"
    if kind == Party.Kind.PERSON and credit_code:
        errors["party.credit_code"] = "公民当事人不填写统一社会信用代码"
    if errors:
        raise Invalid("当事人信息有误", details=errors)
    number = id_number or credit_code or doc_number
    field = (
        "id_number_index"
        if id_number
        else "credit_code_index"
        if credit_code
        else "document_number_index"
    )
    index = blind_index(f"{doc_type}:{doc_number}" if field == "document_number_index" else number)
    if number:
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
        document_type=doc_type,
        document_number=doc_number,
        document_number_index=index if field == "document_number_index" and number else "",
        legal_representative=str(data.get("legal_representative") or ""),
        birth_date=birth or None,
        birth_date_source=source if birth else "",
        address=str(data.get("address") or ""),
        phone=str(data.get("phone") or ""),
    )


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
            # Penalties may not import citycases (independent siblings): citycases answers the
            # question through core.links, installed by its AppConfig.ready(). Asked here rather
            # than verified by the caller, so every caller (API, demo, tests) gets the same check.
            try:
                found = links.ask("citycases.case_in_bureau", actor.bureau_id, city_case)
            except LookupError as exc:
                raise Invalid("数字城管案卷不可用", details={"city_case": "不可用"}) from exc
            if not found:
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
                + separate_act_checks(case, parsed)  # helper:execution (XF-29.2)
            )
            to = Status.DECIDED
            case.registered_on = None
            _fill_decision(case, parsed, OUT.PENALTY, actor, today)
            case.filing_due = periods.maybe(lambda: periods.filing_due(today))
            case.serve_by = today  # XF-52: handed over on the spot
        else:
            to = Status.PENDING_REGISTRATION
        case.number = _number(case, "penalty.case", "罚案", year)
        if parsed is not None:
            case.decision_number = _number(case, "penalty.onsite_decision", "当罚决字", year)
        shown = (
            _shown(case, people, certificates_shown, "当场作出行政处罚决定", today)
            if parsed is not None and certificates_shown is not None
            else []
        )
        # The entry names the certificates shown, whose rows need the saved case: their numbers
        # are read first, the rows written once the transition has saved the case.
        numbers = _shown_numbers(shown, today)
        transition(
            case,
            to=to,
            actor=actor,
            action="penalty.open",
            payload={
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
        case.officers.set(people)
        _record_shown(case, shown, CertificateShown.Occasion.ONSITE_DECISION, today)
    return case


def register(case_id: int, *, actor: Staff, opinion: str = "") -> PenaltyCase:
    """立案审批; ``opinion`` is the head's own words on the 立案审批表 (helper:forms)."""
    today = clock.today()
    if len(opinion) > 1000:
        raise Invalid("立案审批意见不得超过1000字", details={"opinion": "过长"})
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
        case.registered_on = today
        case.registered_by = actor
        case.registration_opinion = opinion.strip()
        case.decide_by = periods.maybe(lambda: periods.decide_by(today))
        transition(
            case,
            to=Status.REGISTERED,
            actor=actor,
            action="penalty.register",
            payload={
                "registered_on": today.isoformat(),
                "decide_by": str(case.decide_by),
                "opinion": case.registration_opinion,
            },
            update_fields=["registered_on", "registered_by", "decide_by", "registration_opinion"],
        )
    return case
