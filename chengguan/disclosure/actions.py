"""Publication and withdrawal of penalty decisions (SZ-3, XF-48, GS-1, GS-2)."""

from __future__ import annotations

import datetime as dt
import json

from django.db import transaction

from chengguan.core import clock
from chengguan.core.errors import Invalid, NotFound, StateError, enforce
from chengguan.core.rules import local
from chengguan.core.workdays import add_months, add_workdays
from chengguan.law.registry import violation
from chengguan.ledger.actions import record
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.penalties.models import PenaltyCase

from . import gs1
from .models import Publication
from .queries import publish_due

# XF-48: a changed, revoked or unlawful decision is withdrawn within 3 working days.
WITHDRAW_WORKDAYS = 3


def publish_decision(*, actor: Staff, case_id: int, on: dt.date | None = None) -> Publication:
    """Publish a decided penalty case on the credit platform; ``on`` defaults to today."""
    on = on or clock.today()
    with transaction.atomic():
        case = (
            PenaltyCase.objects.select_for_update()
            .select_related("party", "bureau", "power_item")
            .filter(pk=case_id)
            .first()
        )
        if case is None:
            raise NotFound("未找到该处罚案件")
        require(actor, "disclosure.publish", case)
        if (
            case.decision_kind != PenaltyCase.Outcome.PENALTY
            or case.decided_on is None
            or not case.decision_number
        ):
            raise StateError("只有已作出行政处罚决定（有决定书文号）的案件可以公示")
        if case.decision_revoked_on or case.decision_changed_on:
            enforce([violation("XF-48", "该处罚决定已被撤销、变更或确认违法，不得公示")])
        if Publication.objects.filter(
            penalty_case=case, status=Publication.Status.PUBLISHED
        ).exists():
            raise StateError("该处罚决定已在公示中")
        if on < case.decided_on:
            raise StateError("公示日期不能早于处罚决定日期")
        due = publish_due(case)
        expires = add_months(on, int(local("disclosure_months")))
        data = gs1.record_for(case, expires_on=expires.isoformat())
        pub = Publication.objects.create(
            bureau=case.bureau,
            penalty_case=case,
            decision_number=case.decision_number,
            party_kind=case.party.kind,
            decided_on=case.decided_on,
            due_on=due,
            published_on=on,
            on_time=on <= due,
            expires_on=expires,
            record=json.dumps(data, ensure_ascii=False),
            published_by=actor,
        )
        # The ledger keeps what was published, never the clear personal data.
        record(
            actor,
            "disclosure.publish",
            pub,
            {
                "case": case.number,
                "decision_number": case.decision_number,
                "published_on": on.isoformat(),
                "due_on": due.isoformat(),
                "on_time": pub.on_time,
                "expires_on": expires.isoformat(),
            },
        )
    return pub


def withdraw_publication(
    *,
    actor: Staff | None,
    publication_id: int,
    reason: str,
    trigger_on: dt.date,
    on: dt.date | None = None,
) -> Publication:
    """XF-48: take a publication down; ``trigger_on`` is when the reason arose (e.g. revocation)."""
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("必须填写撤下原因", details={"reason": "必须填写撤下原因"})
    on = on or clock.today()
    with transaction.atomic():
        pub = Publication.objects.select_for_update().filter(pk=publication_id).first()
        if pub is None:
            raise NotFound("未找到该公示记录")
        if actor is not None:
            require(actor, "disclosure.publish", pub)
        if pub.status != Publication.Status.PUBLISHED:
            raise StateError("该公示已撤下")
        due = add_workdays(trigger_on, WITHDRAW_WORKDAYS)
        pub.status = Publication.Status.WITHDRAWN
        pub.withdraw_reason, pub.withdraw_trigger_on, pub.withdraw_due = (
            reason[:200],
            trigger_on,
            due,
        )
        pub.withdrawn_on, pub.withdrawn_on_time = on, on <= due
        pub.save(
            update_fields=[
                "status",
                "withdraw_reason",
                "withdraw_trigger_on",
                "withdraw_due",
                "withdrawn_on",
                "withdrawn_on_time",
            ]
        )
        record(
            actor,
            "disclosure.withdraw",
            pub,
            {
                "decision_number": pub.decision_number,
                "reason": pub.withdraw_reason,
                "trigger_on": trigger_on.isoformat(),
                "withdrawn_on": on.isoformat(),
                "due": due.isoformat(),
                "on_time": pub.withdrawn_on_time,
            },
            bureau_id=pub.bureau_id,
        )
    return pub


def withdraw_revoked(*, on: dt.date | None = None) -> list[Publication]:
    """Idempotent job (cron or huey): withdraw every live publication whose decision was revoked,
    changed or confirmed unlawful since it was published."""
    done = []
    live = Publication.objects.filter(status=Publication.Status.PUBLISHED).select_related(
        "penalty_case"
    )
    for pub in live:
        case = pub.penalty_case
        trigger = case.decision_revoked_on or case.decision_changed_on
        if trigger is None:
            continue
        why = "处罚决定被撤销" if case.decision_revoked_on else "处罚决定被变更或确认违法"
        done.append(
            withdraw_publication(
                actor=None, publication_id=pub.pk, reason=why, trigger_on=trigger, on=on
            )
        )
    return done
