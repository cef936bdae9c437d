"""Deputies' suggestions (JY-1): keyword-only actions, each one transaction with its ledger entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from chengguan.core import clock, workdays
from chengguan.core.errors import Forbidden, Invalid, NotFound, enforce, raise_invalid
from chengguan.core.rules import local
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require
from chengguan.suggestions import checks
from chengguan.suggestions.models import Reply, Suggestion
from chengguan.suggestions.states import Kind, Level, Status
from chengguan.suggestions.transitions import transition

TEXT_MAX = 20000


def register(
    *,
    actor: Staff,
    kind: str,
    number: str,
    title: str,
    assigned_on: dt.date | None,
    units: Sequence[str],
) -> Suggestion:
    """Receipt of a suggestion with its units (the first leads); JY-1: the reply is due
    ``suggestion_reply_months`` after assignment (CAL-1: off a non-working last day)."""
    require(actor, "suggestions.register")
    errors: dict[str, str] = {}
    if kind not in Kind.values:
        errors["kind"] = "类别应为 npc（人大代表建议）或 cppcc（政协委员提案）"
    number = (number or "").strip()
    if not number:
        errors["number"] = "建议（提案）号必填"
    elif len(number) > 40:
        errors["number"] = "建议（提案）号不超过40字"
    title = (title or "").strip()
    if not title:
        errors["title"] = "标题必填"
    elif len(title) > 300:
        errors["title"] = "标题不超过300字"
    today = clock.today()
    if assigned_on is None:
        errors["assigned_on"] = "交办日期必填"
    elif assigned_on > today:
        errors["assigned_on"] = "交办日期不能晚于今天"
    codes = list(dict.fromkeys(c.strip() for c in units if c and c.strip()))
    if not codes:
        errors["units"] = "至少列明一个承办单位（第一个为主办单位）"
    raise_invalid(errors)
    assert assigned_on is not None
    with transaction.atomic():
        found = {
            u.code: u for u in OrgUnit.objects.filter(bureau_id=actor.bureau_id, code__in=codes)
        }
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise Invalid(
                f"未找到承办单位 {'、'.join(unknown)}",
                details={"units": f"未找到承办单位 {'、'.join(unknown)}"},
            )
        if Suggestion.objects.filter(bureau_id=actor.bureau_id, kind=kind, number=number).exists():
            raise Invalid("该建议（提案）号已登记", details={"number": "已登记"})
        s = Suggestion(
            bureau_id=actor.bureau_id,
            kind=kind,
            number=number,
            title=title,
            assigned_on=assigned_on,
            lead_unit=found[codes[0]],
            due_on=workdays.add_months(assigned_on, int(local("suggestion_reply_months"))),
            created_by=actor,
            created_at=clock.now(),
        )
        transition(
            s,
            to=Status.OPEN,
            actor=actor,
            action="create",
            payload={
                "kind": kind,
                "number": number,
                "assigned_on": assigned_on.isoformat(),
                "units": codes,
                "due_on": s.due_on.isoformat(),
            },
        )
        s.units.set([found[c] for c in codes])
    return s


def _lock(pk: int, actor: Staff, perm: str) -> Suggestion:
    s = Suggestion.objects.select_for_update().filter(pk=pk).first()
    if s is None:
        raise NotFound("未找到该建议（提案），或您无权查看")
    require(actor, perm, s)
    return s


def reply(
    pk: int, *, actor: Staff, replied_on: dt.date | None, text: str, document: str = ""
) -> Suggestion:
    """The lead unit's reply; one after the deadline is stored and marked late (JY-1)."""
    errors: dict[str, str] = {}
    today = clock.today()
    if replied_on is None:
        errors["replied_on"] = "答复日期必填"
    elif replied_on > today:
        errors["replied_on"] = "答复日期不能晚于今天"
    body = (text or "").strip()
    if not body:
        errors["text"] = "答复内容必填"
    elif len(body) > TEXT_MAX:
        errors["text"] = f"答复内容不超过{TEXT_MAX}字"
    if len(document or "") > 100:
        errors["document"] = "答复文号不超过100字"
    raise_invalid(errors)
    assert replied_on is not None
    with transaction.atomic():
        s = _lock(pk, actor, "suggestions.reply")
        if not actor.has_role("head") and actor.unit_id != s.lead_unit_id:
            raise Forbidden(
                f"该建议（提案）由{s.lead_unit.name}主办答复，您所在单位不能答复",
                details={"lead_unit": s.lead_unit.code},
            )
        enforce(checks.may_reply(s))
        if replied_on < s.assigned_on:
            raise Invalid("答复日期早于交办日期", details={"replied_on": "不能早于交办日期"})
        due = s.redo_due if s.status == Status.REDO and s.redo_due else s.due_on
        n = s.replies.count() + 1
        late = replied_on > due
        Reply.objects.create(
            bureau_id=s.bureau_id,
            suggestion=s,
            round=n,
            replied_on=replied_on,
            due_on=due,
            late=late,
            document=(document or "").strip(),
            text=body,
            replied_by=actor,
        )
        transition(
            s,
            to=Status.REPLIED,
            actor=actor,
            action="reply",
            payload={"round": n, "replied_on": replied_on.isoformat(), "late": late},
        )
    return s


def satisfaction(pk: int, *, actor: Staff, level: str) -> Suggestion:
    """The delegate's answer; unsatisfied reopens with the redo deadline (JY-1)."""
    if level not in Level.values:
        raise Invalid(
            "满意度取值不正确",
            details={
                "level": "应为 satisfied（满意）、basically（基本满意）或 unsatisfied（不满意）"
            },
        )
    today = clock.today()
    with transaction.atomic():
        s = _lock(pk, actor, "suggestions.register")
        enforce(checks.may_record_satisfaction(s))
        s.satisfaction, s.satisfaction_on = level, today
        fields = ["satisfaction", "satisfaction_on"]
        if level == Level.UNSATISFIED:
            s.redo_due = workdays.add_months(today, int(local("suggestion_redo_months")))
            fields.append("redo_due")
            to = Status.REDO
        else:
            to = Status.CLOSED
        transition(
            s,
            to=to,
            actor=actor,
            action="satisfaction",
            payload={
                "level": level,
                "redo_due": s.redo_due.isoformat() if to == Status.REDO and s.redo_due else None,
            },
            update_fields=fields,
        )
    return s
