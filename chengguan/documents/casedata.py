"""A penalty case, read into the plain ``CaseData`` the builders print."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from chengguan.core import clock
from chengguan.core.rules import local
from chengguan.documents import data as d
from chengguan.documents.kinds import Kind, label
from chengguan.documents.models import Document  # --- helper:execdocs ---
from chengguan.law.models import Level, PenaltyType
from chengguan.org.models import OrgUnit, Staff
from chengguan.penalties import checks, money
from chengguan.penalties.models import PaymentArrangement, PenaltyCase


# --- helper:hearing2 ---
def _participants(case: PenaltyCase, names: list[Any]) -> tuple[str, ...]:
    """CL-6: participants are recorded by username; the record shows their names (older free-text
    entries as written)."""
    people = dict(
        Staff.objects.filter(
            bureau_id=case.bureau_id, username__in=[str(n) for n in names]
        ).values_list("username", "full_name")
    )
    return tuple(people.get(str(n)) or str(n) for n in names)


# --- /helper:hearing2 ---


def county_of(bureau_name: str) -> str:
    """示范县城市管理局 → 示范县: the part of the name before the bureau's own words."""
    for marker in ("城市管理", "综合行政执法", "城管"):
        if marker in bureau_name:
            return bureau_name.split(marker, 1)[0]
    return bureau_name


def bureau_data(bureau: OrgUnit) -> d.Bureau:
    bodies: dict[str, dict[str, str]] = local("document_bodies")
    chosen = {**bodies.get("*", {}), **bodies.get(bureau.code, {})}
    county = county_of(bureau.name)

    def fill(key: str) -> str:
        return str(chosen.get(key, "")).replace("{county}", county)

    return d.Bureau(
        name=bureau.name,
        reconsideration_body=fill("reconsideration"),
        court=fill("court"),
        payment_place=fill("payment_place"),
        address=bureau.address,
        phone=bureau.phone,
    )


def _officer(person: Staff, on: dt.date) -> d.Officer:
    cert = next((c for c in person.certificates.all() if c.is_valid(on)), None)
    return d.Officer(person.display_name, cert.number if cert else "")


def _labels(types: list[str]) -> tuple[str, ...]:
    return tuple(PenaltyType(t).label if t in PenaltyType.values else t for t in types)


def _level_label(level: str) -> str:
    return Level(level).label.removesuffix("处罚") if level in Level.values else ""


def _grounds(ids: Any) -> tuple[str, ...]:
    """Ground ids (``refused_correction``) as the Chinese the decision prints (拒不改正)."""
    return tuple(checks.GROUNDS.get(str(g), str(g)) for g in ids or ())


def _decimal(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _proposal(data: dict[str, Any] | None) -> d.Decision | None:
    if not data:
        return None
    return d.Decision(
        penalty_labels=_labels(list(data.get("penalty_types") or [])),
        fine_amount=_decimal(data.get("fine_amount")),
        level_label=_level_label(str(data.get("level") or "")),
        correction=str(data.get("correction") or ""),
        grounds=_grounds(data.get("grounds")),
        confiscation_amount=_decimal(data.get("confiscation_amount")),
    )


def _decision(case: PenaltyCase) -> d.Decision | None:
    """The decision once decided, else the proposal the notice and review print."""
    if case.decided_on is not None:
        return d.Decision(
            penalty_labels=_labels(list(case.penalty_types or [])),
            fine_amount=case.fine_amount,
            level_label=_level_label(case.level),
            correction=case.correction,
            grounds=_grounds(case.grounds),
            decided_on=case.decided_on,
            confiscation_amount=case.confiscation_amount,
            reasoning=case.deviation_reason,
        )
    return _proposal(case.proposal)


def proposal_hearing_right(case: PenaltyCase) -> bool:
    """XF-63 on the proposal, before the notice records it (penalties.checks decides)."""
    thresholds = {
        "person": Decimal(str(local("hearing_threshold_person"))),
        "organisation": Decimal(str(local("hearing_threshold_organisation"))),
    }
    proposal = checks.decision_from_json(case.proposal)
    return checks.hearing_right(case.party.kind, proposal, thresholds)


def _decision_title(case: PenaltyCase) -> str:
    if case.decision_kind in {
        PenaltyCase.Outcome.NO_PENALTY_MINOR,
        PenaltyCase.Outcome.NO_PENALTY_UNFOUNDED,
    }:
        return Kind.NO_PENALTY_DECISION.label
    if case.procedure == PenaltyCase.Procedure.SIMPLE:
        return Kind.ONSITE_DECISION.label
    return Kind.DECISION.label


def _statement_text(case: PenaltyCase) -> str:
    parts: list[str] = []
    for st in case.statements.all():
        if st.waiver:
            parts.append(
                f"当事人于{st.received_on.year}年{st.received_on.month}月{st.received_on.day}日"
                "书面放弃陈述、申辩和听证的权利。"
            )
        else:
            verdict = {
                True: "本机关经复核予以采纳",
                False: "本机关经复核不予采纳",
                None: "本机关已进行复核",
            }[st.accepted]
            # helper:forms (XF-45): the 复核意见 follows the verdict, in the bureau's words.
            opinion = st.review_opinion.strip().rstrip("。")
            parts.append(
                f"当事人于{st.received_on.year}年{st.received_on.month}月"
                f"{st.received_on.day}日提出陈述、申辩：{st.content.strip().rstrip('。')}。"
                f"{verdict}" + (f"，复核意见：{opinion}。" if opinion else "。")
            )
    return "".join(parts)


# --- helper:forms ---
def _statement_rows(case: PenaltyCase) -> tuple[d.StatementRow, ...]:
    return tuple(
        d.StatementRow(
            received_on=st.received_on,
            content=st.content,
            accepted=st.accepted,
            review_opinion=st.review_opinion,
            recorder=st.recorded_by.display_name,
        )
        for st in case.statements.select_related("recorded_by").filter(waiver=False)
    )


# --- /helper:forms ---


def _schedule_text(case: PenaltyCase) -> str:
    """An approved XF-66 schedule in words, e.g. 经本机关批准分期缴纳：第1期……."""
    plan = case.arrangements.filter(status=PaymentArrangement.Status.APPROVED).first()
    if plan is None:
        return ""
    rows = list(plan.instalments.order_by("seq"))
    if plan.kind == PaymentArrangement.Kind.DEFERRAL and rows:
        return f"经本机关批准，你（单位）暂缓至{_text(rows[0].due_on)}缴纳罚款。"
    parts = "；".join(f"第{i.seq}期{i.amount:f}元，{_text(i.due_on)}前" for i in rows)
    return f"经本机关批准，你（单位）分期缴纳罚款：{parts}。"


def _text(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _demand(case: PenaltyCase, today: dt.date) -> d.Demand | None:
    """The latest 催告 as served; before one is served, what it would ask for today."""
    if not case.fine_amount or case.served_on is None:
        return None
    partly = case.payments.exists()
    last = case.demands.order_by("-served_on", "-id").first()
    if last is not None:
        return d.Demand(
            fine_due=last.fine_due,
            surcharge_due=last.surcharge_due,
            as_of=last.served_on,
            pay_by=_missed(case, last.served_on),
            served_on=last.served_on,
            perform_by=last.perform_by,
            partly_paid=partly,
            schedule=_schedule_text(case),
        )
    fine, _, surcharge = money.outstanding(case, today)
    return d.Demand(
        fine_due=fine,
        surcharge_due=surcharge,
        as_of=today,
        pay_by=money.next_due(case),
        partly_paid=partly,
        schedule=_schedule_text(case),
    )


def _missed(case: PenaltyCase, on: dt.date) -> dt.date | None:
    """The earliest payment date missed as of ``on``: the first instalment not paid by it, or the
    15-day date."""
    plan = case.arrangements.filter(status=PaymentArrangement.Status.APPROVED).first()
    if plan is not None:
        late = [i for i in plan.instalments.order_by("seq") if i.paid_on is None or i.paid_on > on]
        return late[0].due_on if late else None
    return case.pay_by


def _enforcement(case: PenaltyCase) -> str:
    app = case.enforcements.first()
    if app is None:
        return ""
    text = (
        f"{_text(app.applied_on)}向{app.court}申请强制执行（{app.document_number}），"
        f"申请执行罚款{app.fine_due:f}元、加处罚款{app.surcharge_due:f}元"
    )
    if app.outcome and app.outcome_on:
        ruling = f"（{app.ruling_number}）" if app.ruling_number else ""
        text += f"；{_text(app.outcome_on)}法院{app.get_outcome_display()}{ruling}"
    return text


def _attempt_text(attempt: dict[str, str]) -> str:
    method = attempt.get("method", "")
    label = (
        PenaltyCase.ServiceMethod(method).label
        if method in PenaltyCase.ServiceMethod.values
        else method
    )
    return f"{attempt.get('on', '')}{label}，{attempt.get('result', '')}"


# --- helper:execdocs --- decision 090
def _transfer(case: PenaltyCase) -> d.TransferData | None:
    row = case.transfers.select_related("approved_by").order_by("-id").first()
    if row is None:
        return None
    return d.TransferData(
        kind=row.kind,
        to=row.to,
        reason=row.reason,
        reported_on=row.reported_on,
        decided_on=row.decided_on,
        approver=row.approved_by.display_name if row.approved_by else "",
        handed_over_on=row.handed_over_on,
        receipt=row.receipt,
        late_reason=row.late_reason,
    )


def _file_list(case: PenaltyCase) -> tuple[str, ...]:
    """The 案卷 handed over with a transfer (国务院令第310号第八条): each 文书 kept, by title and
    文号, then each piece of evidence."""
    seen: dict[tuple[str, str], str] = {}
    rows = Document.objects.filter(case=case).order_by("id").values_list("kind", "number")
    for kind, number in rows:
        if kind in (Kind.TRANSFER_LETTER, Kind.CRIME_TRANSFER):
            continue
        seen.setdefault((kind, number), f"《{label(kind)}》（{number}）")
    items = list(seen.values())
    items += [f"{e.get_kind_display()}：{e.description}" for e in case.evidence.all()]
    return tuple(items)


def _court_application(case: PenaltyCase, bureau: d.Bureau) -> d.CourtApplication | None:
    """The application as filed, or — before it is — what it would ask for today, on the 催告
    served last (行政强制法第五十四条: the application follows a 催告 left unperformed)."""
    app = case.enforcements.select_related("demand").first()
    if app is not None:
        return d.CourtApplication(
            court=app.court,
            fine_due=app.fine_due,
            surcharge_due=app.surcharge_due,
            applied_on=app.applied_on,
            demand_served_on=app.demand.served_on,
            demand_perform_by=app.demand.perform_by,
        )
    last = case.demands.order_by("-served_on", "-id").first()
    if last is None or not case.fine_amount:
        return None
    fine, _, surcharge = money.outstanding(case, clock.today())
    return d.CourtApplication(
        court=bureau.court,
        fine_due=fine,
        surcharge_due=surcharge,
        demand_served_on=last.served_on,
        demand_perform_by=last.perform_by,
    )


# --- /helper:execdocs ---


def case_data(case: PenaltyCase) -> d.CaseData:
    today = clock.today()
    on = case.decided_on or case.registered_on or today
    party = case.party
    notice = case.notices.order_by("-id").first()
    review = case.reviews.order_by("-id").first()
    talk = case.discussions.order_by("-id").first()
    service = case.services.order_by("-id").first()
    hearing = case.hearings.exclude(held_on=None).order_by("-id").first()
    officers = list(case.officers.prefetch_related("certificates").order_by("id"))
    evidence = [d.Evidence(e.get_kind_display(), e.description) for e in case.evidence.all()]
    minor = case.decision_kind == PenaltyCase.Outcome.NO_PENALTY_MINOR or (
        not case.decision_kind and case.outcome == PenaltyCase.Outcome.NO_PENALTY_MINOR
    )
    no_penalty_reason = ""
    no_penalty_provision = ""
    if minor:
        no_penalty_reason = (
            "当事人的违法行为轻微并及时改正，没有造成危害后果"
            if case.exemption is None
            else f"当事人的违法行为符合本机关免罚清单（{case.exemption.conditions}）"
        )
        no_penalty_provision = "《中华人民共和国行政处罚法》第三十三条第一款"
    elif PenaltyCase.Outcome.NO_PENALTY_UNFOUNDED in (case.decision_kind, case.outcome):
        no_penalty_reason = "当事人的违法事实不能成立"
        no_penalty_provision = "《中华人民共和国行政处罚法》第五十七条第一款第（三）项"
    bureau = bureau_data(case.bureau)
    return d.CaseData(
        bureau=bureau,
        case_number=case.number,
        cause=case.power_item.name,
        party=d.Party(
            kind=party.kind,
            name=party.name,
            id_number=(party.id_number if party.kind == party.Kind.PERSON else party.credit_code)
            or "",
            address=party.address or "",
            phone=party.phone or "",
            legal_representative=party.legal_representative,
        ),
        facts=case.facts,
        act_date=case.act_date,
        discovered_date=case.discovered_date,
        violated_provision=case.power_item.violated_provision or case.power_item.legal_basis,
        penalty_provision=case.power_item.legal_basis,
        officers=tuple(_officer(p, on) for p in officers),
        evidence=tuple(evidence),
        procedure=case.procedure,
        decision_number=case.decision_number,
        decision_title=_decision_title(case),
        source=case.get_source_display(),
        registered_on=case.registered_on,
        registration_approver=case.registered_by.display_name if case.registered_by else "",
        registration_opinion=case.registration_opinion,  # helper:forms
        statements=_statement_rows(case),  # helper:forms
        decision=_decision(case),
        proposal=_proposal(notice.proposal if notice is not None else case.proposal),
        notice=d.Notice(
            served_on=notice.served_on,
            statement_by=notice.statement_by,
            hearing_right=notice.hearing_right,
            hearing_by=notice.hearing_request_by,
        )
        if notice
        else (
            d.Notice(served_on=None, hearing_right=True) if proposal_hearing_right(case) else None
        ),
        review=d.Review(
            approved=review.approved,
            opinion=review.opinion,
            reviewer=review.reviewer.display_name,
            reviewed_on=review.reviewed_on,
        )
        if review
        else None,
        discussion=d.Discussion(
            held_on=talk.held_on,
            chair=talk.chair.display_name,
            participants=_participants(case, talk.participants),
            minutes=talk.minutes,
            conclusion=talk.conclusion,
        )
        if talk
        else None,
        service=d.Service(
            served_on=service.served_on,
            method_label=service.get_method_display(),
            recipient=service.recipient,
            server_names=(service.served_by.display_name,),
            effective_on=service.effective_on,
            witnesses=tuple(service.witnesses or ()),
            attempts=tuple(_attempt_text(a) for a in (service.attempts or [])),
        )
        if service
        else None,
        payments=tuple(
            d.Payment(p.amount, p.paid_on, p.get_channel_display(), p.receipt_no)
            for p in case.payments.all()
        ),
        no_penalty_reason=no_penalty_reason,
        no_penalty_provision=no_penalty_provision,
        education_record=case.education_record,
        transferred_to=case.transferred_to,
        statement=_statement_text(case),
        hearing_held_on=hearing.held_on if hearing else None,
        closed_on=case.closed_on,
        demand=_demand(case, today),
        enforcement=_enforcement(case),
        # --- helper:execdocs ---
        transfer=_transfer(case),
        file_list=_file_list(case) if case.transfers.exists() else (),
        court_application=_court_application(case, bureau),
        # --- /helper:execdocs ---
        issued_on=today,
    )
