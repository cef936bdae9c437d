"""The investigation: evidence, conclusion, legal review, collective discussion, recusal of an
officer (XF-43) and extension of the period (XF-60)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from chengguan.core import clock
from chengguan.core.errors import Invalid, enforce
from chengguan.core.rules import local
from chengguan.ledger.actions import record
from chengguan.ledger.models import Blob, Entry
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.penalties import checks
from chengguan.penalties.actions import _dates
from chengguan.penalties.actions._common import (
    OUT,
    RECORD_KINDS,
    _content_checks,
    _lock,
    _money,
    _not_future,
    _officers,
    _on_case,
    _record_shown,
    _recused_ids,
    _shown,
    _staff,
    _state,
    parse_decision,
)
from chengguan.penalties.actions.hearing import basis as review_basis
from chengguan.penalties.actions.hearing import head_usernames
from chengguan.penalties.actions.hearing import replacements as hearing_replacements
from chengguan.penalties.models import (
    CertificateShown,
    Discussion,
    Evidence,
    PenaltyCase,
    Preservation,
    Recusal,
    Review,
)
from chengguan.penalties.states import Status
from chengguan.penalties.transitions import transition


def add_evidence(
    case_id: int,
    *,
    actor: Staff,
    kind: str,
    description: str,
    blob: str | None = None,
    collected_on: dt.date | None = None,
    certificates_shown: Sequence[str] | None = None,
    backdate_reason: str = "",
    backdate_approved_by: str = "",
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
        if kind in RECORD_KINDS:
            # TM-1 (helper:execution): an inspection or inquiry record is made by the officers on
            # the case, so not before its discovery; documentary evidence may be older.
            _dates.after(
                on,
                case.discovered_date,
                field="collected_on",
                label="取证日期",
                earlier_label="发现日期",
            )
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
            blob_obj = Blob.objects.filter(pk=blob, bureau_id=case.bureau_id).first()
            if blob_obj is None:
                raise Invalid("未找到证据文件", details={"blob": "未找到该文件"})
        # TM-2 (helper:execution): evidence entered long after it was taken is a 补记.
        backdated, _ = _dates.backdate(
            actor,
            on,
            field="collected_on",
            label="取证日期",
            reason=backdate_reason,
            approved_by=backdate_approved_by,
        )
        ev = Evidence.objects.create(
            case=case,
            kind=kind,
            description=description.strip(),
            blob=blob_obj,
            collected_by=actor,
            collected_on=on,
        )
        numbers = _record_shown(case, shown, CertificateShown.Occasion.RECORD, on, ev)
        payload = {
            "evidence": ev.pk,
            "kind": kind,
            "description": ev.description,
            "blob": blob or None,
            "certificates_shown": numbers or None,
            **backdated,
        }
        if case.status == Status.REGISTERED:
            # The first evidence opens the investigation.
            transition(
                case,
                to=Status.INVESTIGATING,
                actor=actor,
                action="penalty.evidence",
                payload=payload,
                update_fields=[],
            )
        else:
            record(actor, "penalty.evidence", case, payload)
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
        case.outcome = outcome
        case.concluded_on = today
        case.investigation_report = report
        case.proposal = parsed.as_json() if parsed and outcome == OUT.PENALTY else None
        transition(
            case,
            to=Status.INVESTIGATED,
            actor=actor,
            action="penalty.conclude",
            payload={"outcome": outcome, "proposal": case.proposal},
            update_fields=["outcome", "concluded_on", "investigation_report", "proposal"],
        )
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
            # XF-58: a recusal replacement investigated the case, whether or not still on it.
            + checks.reviewer_never_investigated(actor, [], hearing_replacements(case))
        )
        seen = review_basis(case)
        rv = Review.objects.create(
            case=case,
            reviewer=actor,
            approved=approved,
            opinion=opinion.strip(),
            reviewed_on=clock.today(),
            basis=seen,
        )
        record(
            actor,
            "penalty.review",
            case,
            {"review": rv.pk, "approved": approved, "opinion": rv.opinion, "basis": seen},
        )
    return case


def discuss(
    case_id: int,
    *,
    actor: Staff,
    participants: list[str],
    minutes: str,
    conclusion: str,
    approves_extension: bool = False,
    about_level: str = "",
    about_fine: Any = None,
    approves_deviation: bool | None = None,
) -> PenaltyCase:
    """集体讨论 by the heads (XF-57); CL-6: the participants are heads (by username), and a
    discussion that rules on a departure records the proposal it was about."""
    names = list(dict.fromkeys(str(p).strip() for p in participants or [] if str(p).strip()))
    errors = {}
    if not names:
        errors["participants"] = "请填写参加讨论的负责人（用户名）"
    if not minutes.strip():
        errors["minutes"] = "必填"
    if not conclusion.strip():
        errors["conclusion"] = "必填"
    level = str(about_level or "").strip()
    if level and level not in {"mitigated", "lighter", "general", "heavier"}:
        errors["about_level"] = "应为 mitigated|lighter|general|heavier"
    try:
        fine = _money(about_fine, "about_fine")
    except Invalid as exc:
        errors.update(exc.details or {})
        fine = None
    if approves_deviation is not None and (not level or fine is None):
        errors["about_level" if not level else "about_fine"] = (
            "就偏离裁量基准作出结论的，须写明所讨论的裁量阶次和罚款金额"
        )
    if errors:
        raise Invalid("集体讨论记录不完整", details=errors)
    with transaction.atomic():
        case = _lock(case_id)
        require(actor, "penalties.discuss", case)
        _state(case, "discuss")
        enforce(
            checks.recused(_recused_ids(case), [actor])
            + checks.separation("集体讨论主持人", actor, _officers(case))
            + checks.discussion_participants(
                names,
                head_usernames(case, names),
                int(local("deviation_discussion_heads")),
            )
        )
        d = Discussion.objects.create(
            case=case,
            chair=actor,
            participants=names,
            minutes=minutes.strip(),
            conclusion=conclusion.strip(),
            held_on=clock.today(),
            approves_extension=approves_extension,
            about_level=level,
            about_fine=fine,
            approves_deviation=approves_deviation,
        )
        record(
            actor,
            "penalty.discuss",
            case,
            {
                "discussion": d.pk,
                "participants": names,
                "conclusion": d.conclusion,
                "approves_extension": approves_extension,
                "about_level": level or None,
                "about_fine": str(fine) if fine is not None else None,
                "approves_deviation": approves_deviation,
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
        before = sorted(o.username for o in officers)
        after = before
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
            after = sorted(o.username for o in remaining)
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
                # An edit of the case's officers (zulip's OLD_VALUE/NEW_VALUE): equal if refused.
                "old": {"officers": before},
                "new": {"officers": after},
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
        if base is not None:
            # XF-60: the extensions so far are the ledger's; a further one beyond the head's
            # allowance needs a collective discussion approving it after the previous extension.
            log = Entry.objects.filter(
                subject_type="penalties.penaltycase", subject_id=str(case.pk)
            ).order_by("seq")
            previous = list(log.filter(action="penalty.extend").values_list("seq", flat=True))
            approving = {d.pk for d in case.discussions.all() if d.approves_extension}
            since = log.filter(action="penalty.discuss")
            if previous:
                since = since.filter(seq__gt=previous[-1])
            approves = any(json.loads(e.payload).get("discussion") in approving for e in since)
            enforce(
                checks.extension(
                    today=clock.today(),
                    deadline=base,
                    until=until,
                    max_days=int(local("penalty_extension_days")),
                    done=len(previous),
                    max_done=int(local("penalty_extensions_max")),
                    discussion_approves=approves,
                )
            )
        old = {
            "extension_until": case.extension_until.isoformat() if case.extension_until else None,
            "extension_reason": case.extension_reason,
        }
        case.extension_until = until
        case.extension_reason = reason.strip()
        case.save(update_fields=["extension_until", "extension_reason"])
        record(
            actor,
            "penalty.extend",
            case,
            {
                "until": until.isoformat(),
                "reason": reason,
                # The fields edited, before and after (zulip's OLD_VALUE/NEW_VALUE).
                "old": old,
                "new": {
                    "extension_until": until.isoformat(),
                    "extension_reason": case.extension_reason,
                },
            },
        )
    return case
