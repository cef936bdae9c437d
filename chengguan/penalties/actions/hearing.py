"""Decision 064: the hearing's chair (XF-64), what a legal review saw (XF-58/XF-65) and which
collective discussions may approve a departure from the benchmark (CL-6)."""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction

from chengguan.core import clock
from chengguan.core.errors import Invalid, enforce
from chengguan.ledger.actions import record
from chengguan.ledger.models import Entry
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.org.roles import Role
from chengguan.penalties import checks, queries
from chengguan.penalties.actions._common import _lock, _officers, _recused_ids, _staff, _state
from chengguan.penalties.models import Hearing, PenaltyCase


def _log(case: PenaltyCase) -> Any:
    return Entry.objects.filter(
        subject_type="penalties.penaltycase", subject_id=str(case.pk)
    ).order_by("seq")


def basis(case: PenaltyCase) -> str:
    """XF-58: the case as a review sees it (a read: ``queries.review_basis``)."""
    return queries.review_basis(case)


def replacements(case: PenaltyCase) -> set[int]:
    """XF-58: everyone who ever joined the investigation as a recusal replacement."""
    return set(
        case.recusals.filter(granted=True, replacement__isnull=False).values_list(
            "replacement_id", flat=True
        )
    )


def review_violations(case: PenaltyCase, officers: list[Staff]) -> list[Any]:
    """XF-58/XF-65 at the decision: the latest review, if approved, must be current and valid."""
    last = case.reviews.select_related("reviewer").order_by("-id").first()
    if last is None or not last.approved:
        return []  # no (approved) review: ``before_decision`` says so where one is required
    return checks.review_current(
        basis_then=last.basis,
        basis_now=basis(case),
        reviewer=last.reviewer,
        officers=officers,
        replacements=replacements(case),
    )


def discussions_since_change(case: PenaltyCase) -> list[dict[str, Any]]:
    """CL-6: the discussions recorded after the latest conclusion or notice (the proposal then
    in force is the one they were about), as plain values for ``checks.deviation_approved``."""
    log = _log(case)
    last = (
        log.filter(action__in=["penalty.conclude", "penalty.notify"])
        .values_list("seq", flat=True)
        .last()
    )
    since = log.filter(action="penalty.discuss")
    if last is not None:
        since = since.filter(seq__gt=last)
    ids = {json.loads(e.payload).get("discussion") for e in since}
    return [
        {
            "about_level": d.about_level,
            "about_fine": d.about_fine,
            "approves_deviation": d.approves_deviation,
        }
        for d in case.discussions.filter(pk__in=[i for i in ids if isinstance(i, int)])
    ]


def head_usernames(case: PenaltyCase, names: list[str]) -> list[str]:
    """CL-6: which of ``names`` are active staff of the case's bureau holding the head role."""
    return list(
        Staff.objects.filter(
            bureau_id=case.bureau_id,
            username__in=names,
            is_active=True,
            roles__role=Role.HEAD,
        )
        .values_list("username", flat=True)
        .distinct()
    )


def _hearing(case: PenaltyCase) -> Hearing:
    h = case.hearings.select_related("chair").order_by("-id").first()
    assert h is not None  # status hearing_requested implies a requested hearing
    return h


def name_chair(case_id: int, *, actor: Staff, chair: str) -> PenaltyCase:
    """XF-64: the head names the hearing's chair, who did not investigate the case."""
    if not str(chair or "").strip():
        raise Invalid("请指定听证主持人", details={"chair": "必填"})
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.hearing_chair", case)
        _state(case, "name_chair")
        h = _hearing(case)
        person = _staff(actor, str(chair).strip(), "chair")
        withdrawn = [c.get("chair", "") for c in h.challenges if c.get("upheld")]
        enforce(
            checks.recused(_recused_ids(case), [actor, person])
            + checks.separation("指定听证主持人的负责人", actor, _officers(case))
            + checks.chair_named(chair=person, officers=_officers(case), challenged=withdrawn)
        )
        old = h.chair.username if h.chair else None
        h.chair, h.chair_named_by, h.chair_named_on = person, actor, clock.today()
        h.save(update_fields=["chair", "chair_named_by", "chair_named_on"])
        record(
            actor,
            "penalty.name_chair",
            case,
            {
                "hearing": h.pk,
                "chair": person.username,
                "old": {"chair": old},
                "new": {"chair": person.username},
            },
        )
    return case


def challenge_chair(case_id: int, *, actor: Staff, reason: str, upheld: bool) -> PenaltyCase:
    """XF-64: the party's challenge of the chair, decided by the head; an upheld one leaves the
    hearing without a chair until the head names another."""
    if not reason.strip():
        raise Invalid("回避申请理由必填", details={"reason": "必填"})
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.hearing_chair", case)
        _state(case, "challenge_chair")
        h = _hearing(case)
        enforce(
            checks.recused(_recused_ids(case), [actor])
            + checks.separation("决定主持人回避的负责人", actor, _officers(case))
            + checks.chair_challenge(named=h.chair)
        )
        assert h.chair is not None
        entry = {
            "chair": h.chair.username,
            "reason": reason.strip(),
            "upheld": bool(upheld),
            "decided_by": actor.username,
            "decided_on": clock.today().isoformat(),
        }
        h.challenges = [*h.challenges, entry]
        fields = ["challenges"]
        if upheld:
            h.chair, h.chair_named_by, h.chair_named_on = None, None, None
            fields += ["chair", "chair_named_by", "chair_named_on"]
        h.save(update_fields=fields)
        record(actor, "penalty.challenge_chair", case, {"hearing": h.pk, **entry})
    return case
