"""The decision (XF-57), its service (送达) and the filing of an on-the-spot decision (XF-52)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from chengguan.core import clock
from chengguan.core.errors import Invalid, StateError, enforce
from chengguan.law import queries as law_queries
from chengguan.law.models import ExemptionItem
from chengguan.law.registry import violation
from chengguan.ledger.actions import record
from chengguan.ledger.models import Blob
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.penalties import checks, periods
from chengguan.penalties.actions import _dates
from chengguan.penalties.actions._common import (
    OUT,
    Case,
    _content_checks,
    _date,
    _earlier_for,
    _fill_decision,
    _lock,
    _not_future,
    _notice,
    _number,
    _officers,
    _on_case,
    _record_shown,
    _recused_ids,
    _shown,
    _state,
    _thresholds,
    parse_decision,
    separate_act_checks,  # helper:execution
)
from chengguan.penalties.actions.hearing import discussions_since_change, review_violations
from chengguan.penalties.checks import service_methods as sd
from chengguan.penalties.models import (
    CertificateShown,
    PenaltyCase,
    Service,
)
from chengguan.penalties.states import Status
from chengguan.penalties.transitions import transition


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
        # XF-63: while the party may still ask for a hearing there is no decision, unless the
        # party waived it in writing after this notice or a hearing was requested (then held).
        waived = notice is not None and any(
            s.waiver and s.received_on >= notice.served_on for s in statements
        )
        window = (
            notice.hearing_request_by
            if notice is not None and notice.hearing_right and not waived and not hearings
            else None
        )
        deadline = case.extension_until or (
            periods.decide_by(case.registered_on) if case.registered_on else None
        )
        reasons = (
            checks.review_reasons(case, parsed, held, law_queries.review_catalogue(case.bureau_id))
            if kind == OUT.PENALTY
            else []
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
            hearing_window_open_until=window,
            review_reasons=reasons,
            review_approved=reviews[-1].approved if reviews else None,
            has_discussion=has_discussion,
            decide_by=deadline,
        )
        # XF-58/XF-65: the review that is required is of the case as it stands now.
        if reasons:
            found += review_violations(case, officers)
        # The officers named on the decision must still be qualified on its date (XF-42, ORG-1).
        found += checks.officers_may_act(
            officers, case.power_item, case.power_item.delegated_to.all(), today
        )
        exemption = None
        approved = False
        if kind == OUT.PENALTY:
            # CL-6: only a discussion about this very proposal approves a departure.
            approved = checks.deviation_approved(parsed, discussions_since_change(case))
            found += _content_checks(case, case.power_item, parsed, today, approved)
            found += checks.second_fine(parsed, _earlier_for(case))
            found += separate_act_checks(case, parsed)  # helper:execution (XF-29.2)
        elif kind == OUT.NO_PENALTY_MINOR:
            if parsed.exemption:
                exemption = ExemptionItem.objects.filter(
                    bureau_id=case.bureau_id, code=parsed.exemption
                ).first()
            found += checks.exemption_applies(
                case.power_item, exemption, parsed.exemption, parsed.education
            )
        elif kind == OUT.TRANSFER:
            # --- helper:due3 --- XF-27/XF-22: a transfer is its own step (actions/transfer.py)
            # recording the head's approval, the dates and the receipt; a bare "decide" with a
            # receiving body's name recorded none of it.
            found.append(
                violation(
                    "XF-27",
                    "移送须通过“案件移送”办理：记录负责人批准、移送决定日期、移交案卷日期和"
                    "接收机关的回执（POST /penalty-cases/{id}/transfer）",
                    transferred_to=transferred_to.strip() or None,
                )
            )
            # --- /helper:due3 ---
        enforce(found)
        _fill_decision(case, parsed, kind, actor, today, approved=approved)
        case.exemption = exemption
        year = today.year
        if kind == OUT.PENALTY:
            case.decision_number = _number(case, "penalty.decision", "罚决字", year)
            case.serve_by = periods.maybe(lambda: periods.serve_by(today))
            to = Status.DECIDED
        elif kind == OUT.TRANSFER:
            case.transferred_to = transferred_to.strip()
            case.decision_number = _number(case, "penalty.transfer", "移字", year)
            to = Status.TRANSFERRED
        else:
            case.decision_number = _number(case, "penalty.no_penalty_decision", "不罚字", year)
            case.serve_by = periods.maybe(lambda: periods.serve_by(today))
            to = Status.DECIDED
        transition(
            case,
            to=to,
            actor=actor,
            action="penalty.decide",
            payload={
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


def _attempts(raw: Sequence[Any] | None) -> list[dict[str, str]]:
    """SD-2: the failed attempts before 公告送达, shape-checked (400 naming ``attempts[n]``)."""
    rows: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    for n, item in enumerate(raw or [], start=1):
        key = f"attempts[{n}]"
        if not isinstance(item, dict):
            errors[key] = "应写明送达方式、日期和未能送达的原因"
            continue
        method = sd.normalise(str(item.get("method") or ""))
        if method not in Case.ServiceMethod.values or method == sd.PUBLIC:
            errors[f"{key}.method"] = "应为 direct|left|post|electronic|entrusted"
            continue
        try:
            on = _date(item.get("on"), f"{key}.on", "送达未果日期")
        except Invalid as exc:
            errors.update(exc.details)
            continue
        result = str(item.get("result") or "").strip()
        if not result:
            errors[f"{key}.result"] = "请写明未能送达的原因"
            continue
        rows.append({"method": method, "on": on.isoformat(), "result": result})
    if errors:
        raise Invalid("送达未果记录有误", details=errors)
    return rows


def serve(
    case_id: int,
    *,
    actor: Staff,
    served_on: dt.date,
    method: str = sd.DIRECT,
    consent: bool = False,
    recipient: str = "",
    late_reason: str = "",
    certificates_shown: Sequence[str] | None = None,
    witnesses: Sequence[str] | None = None,
    photo_blob: str | None = None,
    receipt_signed_on: dt.date | None = None,
    attempts: Sequence[Any] | None = None,
    backdate_reason: str = "",
    backdate_approved_by: str = "",
) -> PenaltyCase:
    """送达. An on-the-spot decision is handed over at once, by officers who showed their
    certificates (XF-52/XF-55): recorded here unless recorded with the decision.

    SD-1/SD-2: each method carries what it needs, and the case's ``served_on`` is the date the
    service takes effect (the receipt's sign date by post, 30 days after publication for 公告送达),
    so the payment period (XF-67) and the remedy periods run from it; ``Service.served_on`` keeps
    the day the officers acted."""
    method = sd.normalise(method or sd.DIRECT)
    if method not in Case.ServiceMethod.values:
        raise Invalid(
            "送达方式无效",
            details={"method": "应为 direct|left|post|electronic|entrusted|public"},
        )
    names = [w.strip() for w in (witnesses or []) if isinstance(w, str) and w.strip()]
    tried = _attempts(attempts)
    _not_future(served_on, "served_on", "送达日期")
    with transaction.atomic():
        case = _lock(case_id)
        officers = _on_case(actor, case)
        _state(case, "serve")
        assert case.decided_on is not None
        # TM-1: the service follows the decision; the post receipt and earlier attempts fit in.
        _dates.after(
            served_on,
            case.decided_on,
            field="served_on",
            label="送达日期",
            earlier_label="处罚决定日期",
        )
        if receipt_signed_on is not None:
            _dates.after(
                receipt_signed_on,
                served_on,
                field="receipt_signed_on",
                label="邮寄回执签收日期",
                earlier_label="交邮日期",
            )
        for n, row in enumerate(tried, start=1):
            on = dt.date.fromisoformat(row["on"])
            _dates.after(
                on,
                case.decided_on,
                field=f"attempts[{n}].on",
                label="送达未果日期",
                earlier_label="处罚决定日期",
            )
            if on > served_on:
                _dates.after(
                    served_on,
                    on,
                    field="served_on",
                    label="公告日期",
                    earlier_label="此前送达未果日期",
                )
        blob = None
        if photo_blob:
            blob = Blob.objects.filter(pk=photo_blob, bureau_id=case.bureau_id).first()
            if blob is None:
                raise Invalid("未找到送达照片或录像", details={"photo_blob": "未找到该文件"})
        enforce(
            sd.service_record(
                method=method,
                procedure=case.procedure,
                witnesses=names,
                has_photo=blob is not None,
                receipt_signed_on=receipt_signed_on,
                recipient_named=bool(recipient.strip()),
                failed_attempts=len(tried),
            )
        )
        shown: list[Staff] = []
        if (
            case.procedure == Case.Procedure.SIMPLE
            and not case.certificates_shown.filter(
                occasion=CertificateShown.Occasion.ONSITE_DECISION
            ).exists()
        ):
            shown = _shown(case, officers, certificates_shown, "当场作出行政处罚决定", served_on)
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
        backdated, _ = _dates.backdate(
            actor,
            served_on,
            field="served_on",
            label="送达日期",
            reason=backdate_reason,
            approved_by=backdate_approved_by,
        )
        effective = sd.effective_date(method, served_on, receipt_signed_on)
        s = Service.objects.create(
            case=case,
            served_on=served_on,
            method=method,
            consent=consent,
            recipient=recipient.strip() or case.party.name,
            late_reason=late_reason,
            witnesses=names,
            photo_blob=blob,
            receipt_signed_on=receipt_signed_on,
            attempts=tried,
            effective_on=effective,
            served_by=actor,
        )
        case.served_on = effective
        case.service_method = method
        if "fine" in case.penalty_types:
            # TM-2: a back-dated entry never moves a deadline in the party's disfavour — the
            # 15 days run at the earliest from the day the service was entered.
            start = max(effective, clock.today()) if backdated else effective
            case.pay_by = periods.maybe(lambda: periods.pay_by(start))
        numbers = _record_shown(case, shown, CertificateShown.Occasion.ONSITE_DECISION, served_on)
        transition(
            case,
            to=Status.SERVED,
            actor=actor,
            action="penalty.serve",
            update_fields=["served_on", "service_method", "pay_by"],
            payload={
                "service": s.pk,
                "served_on": served_on.isoformat(),
                "effective_on": effective.isoformat(),
                "method": method,
                "consent": consent,
                "certificates_shown": numbers or None,
                "witnesses": names or None,
                "photo_blob": blob.pk if blob is not None else None,
                "receipt_signed_on": receipt_signed_on.isoformat() if receipt_signed_on else None,
                "attempts": tried or None,
                **backdated,
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
        _dates.after(
            on, case.decided_on, field="filed_on", label="备案日期", earlier_label="处罚决定日期"
        )
        case.filed_on = on
        case.save(update_fields=["filed_on"])
        record(
            actor,
            "penalty.file",
            case,
            {"filed_on": on.isoformat(), "filing_due": str(case.filing_due)},
        )
    return case
