"""Execution of a fine: payment (XF-72 surcharge) and deferred or instalment payment (XF-66)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction

from chengguan.core import clock
from chengguan.core.errors import Invalid, NotFound, StateError, enforce
from chengguan.core.rules import local
from chengguan.ledger.actions import record
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.penalties import checks, money, periods
from chengguan.penalties.actions import _dates
from chengguan.penalties.actions._common import (
    _date,
    _lock,
    _money,
    _not_future,
    _officers,
    _on_case,
    _recused_ids,
    _state,
)
from chengguan.penalties.checks import proofs as proof
from chengguan.penalties.models import (
    Instalment,
    Payment,
    PaymentArrangement,
    PenaltyCase,
)
from chengguan.penalties.states import Status
from chengguan.penalties.transitions import transition


def _plan_payment(
    case: PenaltyCase, value: Decimal, paid_on: dt.date
) -> list[tuple[Instalment, int, Decimal]]:
    """The instalments a payment settles, in order, each with its late days and surcharge.

    The amount must settle the next instalment (with its surcharge), or several in a row; only the
    last one may carry more than is due, as a single payment of the whole fine may.
    """
    pauses = money.remedy_pauses(case)
    rest = money.unpaid_instalments(case)
    covered: list[tuple[Instalment, int, Decimal]] = []
    total = Decimal("0.00")
    for inst in rest:
        days, due = money.instalment_surcharge(inst, paid_on, pauses)
        if total + inst.amount + due > value:
            break
        covered.append((inst, days, due))
        total += inst.amount + due
    if covered and total != value and len(covered) < len(rest):
        sums = []
        running = Decimal("0.00")
        for inst in rest:
            running += inst.amount + money.instalment_surcharge(inst, paid_on, pauses)[1]
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
    voucher_no: str = "",
    backdate_reason: str = "",
    backdate_approved_by: str = "",
    remote_request: str = "",
) -> PenaltyCase:
    """罚款缴纳 with its proof (XF-70): the voucher of a bank/e-payment or the finance receipt of
    cash collected on the spot; a back-dated payment (TM-2) is approved by the head. Since every
    payment carries its voucher, a back-dated one never cancels a running surcharge unproven."""
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
        # --- helper:execution --- TM-1: a payment follows the service of the decision (an
        # on-the-spot decision is handed over before the cash is taken): the day it took effect,
        # or for 公告送达 the day of publication (the party may pay before the 30 days run out).
        service = case.services.order_by("-id").first()
        public = service is not None and service.method == PenaltyCase.ServiceMethod.PUBLIC
        _dates.after(
            paid_on,
            service.served_on if public and service is not None else case.served_on,
            field="paid_on",
            label="缴纳日期",
            earlier_label="处罚决定送达日期",
        )
        earlier = case.payments.order_by("-paid_on").first()
        if earlier is not None:
            _dates.after(
                paid_on,
                earlier.paid_on,
                field="paid_on",
                label="缴纳日期",
                earlier_label="上一次缴纳日期",
            )
        # --- /helper:execution ---
        # --- helper:due3 --- XF-69: the party's request to pay on the spot in a listed area.
        remote = channel == Payment.Channel.ON_SPOT and bool(remote_request.strip())
        if remote:
            enforce(
                checks.remote_collection(
                    unit_code=case.unit.code,
                    unit_name=case.unit.name,
                    listed=list(local("on_spot_remote_units")),
                )
            )
        # --- /helper:due3 ---
        plan = money.approved_plan(case)
        rows: list[tuple[Instalment | None, Decimal, Decimal, int, Decimal]] = []
        if plan is None:
            days, due = money.surcharge_due(case, paid_on)
            enforce(
                checks.payment(
                    procedure=case.procedure,
                    channel=channel,
                    amount=value,
                    fine=case.fine_amount,
                    surcharge_due=due,
                    receipt_no=receipt_no,
                    impracticable=impracticable,
                    remote=remote,
                )
            )
            rows.append((None, value, case.fine_amount, days, due))
        else:
            covered = _plan_payment(case, value, paid_on)
            first = money.unpaid_instalments(case)[0]
            first_due = money.instalment_surcharge(first, paid_on, money.remedy_pauses(case))[1]
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
                    remote=remote,
                )
            )
            left = value
            for n, (covered_inst, days, due) in enumerate(covered):
                part = left if n == len(covered) - 1 else covered_inst.amount + due
                rows.append((covered_inst, part, covered_inst.amount, days, due))
                left -= part
        # --- helper:execution --- XF-70 proof, then TM-2 for a back-dated entry.
        enforce(proof.payment_proof(channel=channel, voucher_no=voucher_no, receipt_no=receipt_no))
        backdated, approver = _dates.backdate(
            actor,
            paid_on,
            field="paid_on",
            label="缴纳日期",
            reason=backdate_reason,
            approved_by=backdate_approved_by,
        )
        # --- /helper:execution ---
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
                    receipt_no=receipt_no.strip(),
                    voucher_no=voucher_no.strip(),
                    backdate_reason=backdate_reason.strip() if backdated else "",
                    backdate_approved_by=approver,
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
        rest = money.unpaid_instalments(case) if plan is not None else []
        if rest:
            # The next instalment's date is now the date by which payment is due.
            case.pay_by = rest[0].due_on
        else:
            case.paid_on = paid_on
        payload = {
            "payment": made[0].pk,
            "payments": [p.pk for p in made],
            "instalments": [i.seq for i, *_ in rows if i is not None],
            "amount": str(value),
            "surcharge": str(sum((r[4] for r in rows), Decimal("0.00"))),
            "late_days": max(r[3] for r in rows),
            "channel": channel,
            "receipt_no": receipt_no,
            "voucher_no": voucher_no.strip() or None,
            "paid_in_full": not rest,
            "remote_request": remote_request.strip() or None,  # XF-69 (helper:due3)
            **backdated,
        }
        fields = ["paid_on", "paid_amount", "surcharge_paid", "pay_by"]
        if rest:
            case.save(update_fields=fields)
            record(actor, "penalty.pay", case, payload)
        else:
            transition(
                case,
                to=Status.PAID,
                actor=actor,
                action="penalty.pay",
                payload=payload,
                update_fields=fields,
            )
    return case


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
    case_id: int,
    *,
    actor: Staff,
    kind: str,
    applied_on: dt.date,
    reason: str,
    backdate_reason: str = "",
    backdate_approved_by: str = "",
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
        _dates.after(
            applied_on,
            case.served_on,
            field="applied_on",
            label="申请日期",
            earlier_label="处罚决定送达日期",
        )
        statuses = set(case.arrangements.values_list("status", flat=True))
        enforce(
            checks.arrangement_application(
                pending=PaymentArrangement.Status.PENDING in statuses,
                approved=PaymentArrangement.Status.APPROVED in statuses,
            )
        )
        backdated, _ = _dates.backdate(
            actor,
            applied_on,
            field="applied_on",
            label="申请日期",
            reason=backdate_reason,
            approved_by=backdate_approved_by,
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
                **backdated,
            },
        )
    return case


def decide_arrangement(
    case_id: int,
    *,
    arrangement_id: int,
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
