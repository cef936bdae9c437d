"""Every write to the governance registers; each is atomic with its ledger entry.

A new entry checks the role before the input, so a caller without it gets 403 whatever it sent. An
action on an existing entry checks the input, then looks the entry up (another bureau's: 404, as
API.md wants, not 403), then the role. What the API schema refuses (types, lengths) is a 400 before
any action runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from chengguan.core.errors import Invalid, NotFound, StateError, raise_invalid
from chengguan.ledger.actions import record
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require
from chengguan.org.queries import actor_bureau

from .models import (
    LawPost,
    LegislativeInput,
    MajorDecision,
    NormativeDocument,
    StudyMeeting,
    TrainingParticipant,
    TrainingSession,
)
from .transitions import check, transition


def _text(value: str, field: str, label: str, errors: dict[str, str]) -> str:
    value = (value or "").strip()
    if not value:
        errors[field] = f"{label}不能为空"
    return value


def _locked_document(actor: Staff, document_id: int) -> NormativeDocument:
    doc = NormativeDocument.objects.select_for_update().filter(pk=document_id).first()
    if doc is None:
        raise NotFound("未找到该规范性文件")
    return doc


# 规范性文件


def register_normative_document(
    *, actor: Staff, title: str, drafted_on: dt.date
) -> NormativeDocument:
    require(actor, "governance.manage")
    errors: dict[str, str] = {}
    title = _text(title, "title", "文件名称", errors)
    raise_invalid(errors)
    with transaction.atomic():
        doc = NormativeDocument.objects.create(
            bureau=actor_bureau(actor), title=title, drafted_on=drafted_on
        )
        record(
            actor,
            "governance.document.register",
            doc,
            {"title": title, "drafted_on": drafted_on.isoformat()},
        )
    return doc


def review_normative_document(
    *, actor: Staff, document_id: int, reviewed_on: dt.date, opinion: str
) -> NormativeDocument:
    """合法性审核 by the legal office; a document is never issued without it ("三统一")."""
    errors: dict[str, str] = {}
    opinion = _text(opinion, "opinion", "审核意见", errors)
    raise_invalid(errors)
    with transaction.atomic():
        doc = _locked_document(actor, document_id)
        require(actor, "governance.review", doc)
        check(doc, action="governance.document.review")
        doc.legality_reviewed_on, doc.legality_opinion = reviewed_on, opinion
        transition(
            doc,
            to=NormativeDocument.Status.REVIEWED,
            actor=actor,
            action="governance.document.review",
            payload={"reviewed_on": reviewed_on.isoformat(), "opinion": opinion},
            update_fields=["legality_reviewed_on", "legality_opinion"],
        )
    return doc


def issue_normative_document(
    *, actor: Staff, document_id: int, issued_on: dt.date, doc_number: str
) -> NormativeDocument:
    errors: dict[str, str] = {}
    doc_number = _text(doc_number, "doc_number", "文号", errors)
    raise_invalid(errors)
    with transaction.atomic():
        doc = _locked_document(actor, document_id)
        require(actor, "governance.approve", doc)
        check(doc, action="governance.document.issue")
        doc.issued_on, doc.doc_number = issued_on, doc_number
        transition(
            doc,
            to=NormativeDocument.Status.ISSUED,
            actor=actor,
            action="governance.document.issue",
            payload={"issued_on": issued_on.isoformat(), "doc_number": doc_number},
            update_fields=["issued_on", "doc_number"],
        )
    return doc


def file_normative_document(
    *, actor: Staff, document_id: int, filed_on: dt.date, filed_with: str
) -> NormativeDocument:
    errors: dict[str, str] = {}
    filed_with = _text(filed_with, "filed_with", "备案机关", errors)
    raise_invalid(errors)
    with transaction.atomic():
        doc = _locked_document(actor, document_id)
        require(actor, "governance.manage", doc)
        check(doc, action="governance.document.file")
        doc.filed_on, doc.filed_with = filed_on, filed_with
        transition(
            doc,
            to=NormativeDocument.Status.FILED,
            actor=actor,
            action="governance.document.file",
            payload={"filed_on": filed_on.isoformat(), "filed_with": filed_with},
            update_fields=["filed_on", "filed_with"],
        )
    return doc


def clean_up_normative_document(
    *, actor: Staff, document_id: int, result: str, on: dt.date, note: str = ""
) -> NormativeDocument:
    if result not in NormativeDocument.Cleanup.values:
        raise Invalid("清理结果无效", details={"result": "应为 kept、amended、repealed 或 expired"})
    with transaction.atomic():
        doc = _locked_document(actor, document_id)
        require(actor, "governance.manage", doc)
        check(doc, action="governance.document.cleanup")
        # A later clean-up overwrites an earlier one: the ledger keeps what it replaced.
        changed = _changes(doc, {"cleanup": result, "cleanup_on": on, "cleanup_note": note.strip()})
        doc.cleanup, doc.cleanup_on, doc.cleanup_note = result, on, note.strip()
        doc.save(update_fields=["cleanup", "cleanup_on", "cleanup_note"])
        record(
            actor,
            "governance.document.cleanup",
            doc,
            {"result": result, "on": on.isoformat(), "note": doc.cleanup_note, **_old_new(changed)},
        )
    return doc


def record_legislative_input(
    *, actor: Staff, subject: str, requested_by: str, submitted_on: dt.date, opinions: int = 1
) -> LegislativeInput:
    require(actor, "governance.manage")
    errors: dict[str, str] = {}
    subject = _text(subject, "subject", "征求意见事项", errors)
    requested_by = _text(requested_by, "requested_by", "征求意见单位", errors)
    if opinions < 1:
        errors["opinions"] = "意见条数至少为 1"
    raise_invalid(errors)
    with transaction.atomic():
        row = LegislativeInput.objects.create(
            bureau=actor_bureau(actor),
            subject=subject,
            requested_by=requested_by,
            submitted_on=submitted_on,
            opinions=opinions,
        )
        record(
            actor,
            "governance.legislative_input",
            row,
            {
                "subject": subject,
                "requested_by": requested_by,
                "submitted_on": submitted_on.isoformat(),
                "opinions": opinions,
            },
        )
    return row


# 重大行政决策目录

DECISION_STEPS = (
    "public_participation",
    "expert_argument",
    "risk_assessment",
    "legality_review",
    "collective_decision",
)


def add_major_decision(*, actor: Staff, year: int, title: str, basis: str = "") -> MajorDecision:
    require(actor, "governance.approve")
    errors: dict[str, str] = {}
    title = _text(title, "title", "决策事项", errors)
    if not 1949 <= year <= 2100:
        errors["year"] = "目录年度应在 1949 到 2100 之间"
    raise_invalid(errors)
    with transaction.atomic():
        row = MajorDecision.objects.create(
            bureau=actor_bureau(actor), year=year, title=title, basis=basis.strip()
        )
        record(actor, "governance.decision.list", row, {"year": year, "title": title})
    return row


def decide_major_decision(
    *, actor: Staff, decision_id: int, decided_on: dt.date, steps: Iterable[str]
) -> MajorDecision:
    """Record the decision; legality review and collective decision are mandatory steps
    (《重大行政决策程序暂行条例》第二十五条、第三十条)."""
    done = set(steps)
    unknown = done - set(DECISION_STEPS)
    if unknown:
        raise Invalid("程序环节无效", details={"steps": "未知环节：" + "、".join(sorted(unknown))})
    with transaction.atomic():
        row = MajorDecision.objects.select_for_update().filter(pk=decision_id).first()
        if row is None:
            raise NotFound("未找到该重大行政决策事项")
        require(actor, "governance.approve", row)
        check(row, action="governance.decision.decide")
        missing = {"legality_review", "collective_decision"} - done
        if missing:
            raise StateError(
                "重大行政决策须经合法性审查并集体讨论决定", details={"missing": sorted(missing)}
            )
        for step in DECISION_STEPS:
            setattr(row, step, step in done)
        row.decided_on = decided_on
        transition(
            row,
            to=MajorDecision.Status.DECIDED,
            actor=actor,
            action="governance.decision.decide",
            payload={"decided_on": decided_on.isoformat(), "steps": sorted(done)},
        )
    return row


def withdraw_major_decision(
    *, actor: Staff, decision_id: int, withdrawn_on: dt.date, reason: str
) -> MajorDecision:
    """调出目录: a listed matter that will not be decided this year; the reason is kept in the
    ledger, since the catalogue is public and its changes must be explainable."""
    errors: dict[str, str] = {}
    reason = _text(reason, "reason", "调出理由", errors)
    raise_invalid(errors)
    with transaction.atomic():
        row = MajorDecision.objects.select_for_update().filter(pk=decision_id).first()
        if row is None:
            raise NotFound("未找到该重大行政决策事项")
        require(actor, "governance.approve", row)
        transition(
            row,
            to=MajorDecision.Status.WITHDRAWN,
            actor=actor,
            action="governance.decision.withdraw",
            payload={"withdrawn_on": withdrawn_on.isoformat(), "reason": reason},
            update_fields=[],
        )
    return row


# 培训与考试


def _mark(value: Any, field: str, label: str) -> Decimal | None:
    """A score or pass mark: 0–100 with at most one decimal, as the columns store it."""
    if value is None or value == "":
        return None
    try:
        mark = Decimal(str(value))
    except InvalidOperation as exc:
        raise Invalid(f"{label}应为数字", details={field: f"{label}应为数字"}) from exc
    # NaN and infinities would raise on comparison below instead of being refused.
    if not mark.is_finite() or not Decimal(0) <= mark <= Decimal(100):
        raise Invalid(f"{label}应在 0 到 100 之间", details={field: f"{label}应在 0 到 100 之间"})
    if mark != mark.quantize(Decimal("0.1")):
        raise Invalid(f"{label}最多一位小数", details={field: f"{label}最多一位小数"})
    return mark


def _score(value: Any) -> Decimal | None:
    return _mark(value, "participants", "成绩")


def record_training(
    *,
    actor: Staff,
    kind: str,
    title: str,
    held_on: dt.date,
    location: str = "",
    target_unit: OrgUnit | None = None,
    pass_mark: Decimal | float | None = None,
    participants: Iterable[Mapping[str, Any]] = (),
) -> TrainingSession:
    """A session with its participants: ``{"staff": Staff?, "name", "unit_name"?, "score"?}``."""
    errors: dict[str, str] = {}
    title = _text(title, "title", "名称", errors)
    if kind not in TrainingSession.Kind.values:
        errors["kind"] = "培训类型无效"
    people = list(participants)
    for person in people:
        staff = person.get("staff")
        if not (person.get("name") or (staff is not None and staff.display_name)):
            errors["participants"] = "参训人员姓名不能为空"
    raise_invalid(errors)
    mark = _mark(pass_mark, "pass_mark", "及格分")
    for person in people:
        _score(person.get("score"))
    with transaction.atomic():
        require(actor, "governance.manage", target_unit)
        session = TrainingSession.objects.create(
            bureau=actor_bureau(actor),
            kind=kind,
            title=title,
            held_on=held_on,
            location=location,
            target_unit=target_unit,
            pass_mark=mark,
        )
        rows = []
        for person in people:
            staff = person.get("staff")
            if staff is not None and staff.bureau_id != actor.bureau_id:
                raise NotFound("未找到该人员，或您无权查看")
            rows.append(
                TrainingParticipant(
                    session=session,
                    staff=staff,
                    name=str(person.get("name") or (staff.display_name if staff else ""))[:40],
                    unit_name=str(person.get("unit_name", ""))[:100],
                    score=_score(person.get("score")),
                )
            )
        TrainingParticipant.objects.bulk_create(rows)
        record(
            actor,
            "governance.training.record",
            session,
            {
                "kind": kind,
                "title": title,
                "held_on": held_on.isoformat(),
                "participants": len(rows),
                "scored": sum(1 for r in rows if r.score is not None),
            },
        )
    return session


# 普法、学法与会议


# A field a correction leaves as it is (None may be a real value).
_UNSET: Any = object()


def _check_post(channel: Any, count: Any, audience: Any, errors: dict[str, str]) -> None:
    """One set of checks for recording and correcting a post; a value left _UNSET is not checked."""
    if channel is not _UNSET and channel not in LawPost.Channel.values:
        errors["channel"] = "渠道无效"
    if count is not _UNSET and count < 1:
        errors["count"] = "篇数至少为 1"
    if audience is not _UNSET and audience < 0:
        errors["audience"] = "受众人次不能为负数"


def _check_meeting(kind: Any, attendees: Any, errors: dict[str, str]) -> None:
    if kind is not _UNSET and kind not in StudyMeeting.Kind.values:
        errors["kind"] = "类型无效"
    if attendees is not _UNSET and attendees < 0:
        errors["attendees"] = "参加人数不能为负数"


def _save_changes(actor: Staff, row: Any, values: dict[str, Any], action: str) -> None:
    """A correction writes the fields that differ, with old and new value in the ledger; nothing
    when nothing changed."""
    changed = _changes(row, values)
    if changed:
        for name in changed:
            setattr(row, name, values[name])
        row.save(update_fields=list(changed))
        record(actor, action, row, {"changes": changed, **_old_new(changed)})


def record_post(
    *,
    actor: Staff,
    channel: str,
    title: str,
    published_on: dt.date,
    count: int = 1,
    audience: int = 0,
) -> LawPost:
    require(actor, "governance.manage")
    errors: dict[str, str] = {}
    title = _text(title, "title", "标题", errors)
    _check_post(channel, count, audience, errors)
    raise_invalid(errors)
    with transaction.atomic():
        post = LawPost.objects.create(
            bureau=actor_bureau(actor),
            channel=channel,
            title=title,
            published_on=published_on,
            count=count,
            audience=audience,
        )
        record(
            actor,
            "governance.post.record",
            post,
            {
                "channel": channel,
                "title": title,
                "published_on": published_on.isoformat(),
                "count": count,
                "audience": audience,
            },
        )
    return post


def record_meeting(
    *,
    actor: Staff,
    kind: str,
    topic: str,
    held_on: dt.date,
    chair: str = "",
    attendees: int = 0,
    minutes: str = "",
) -> StudyMeeting:
    require(actor, "governance.manage")
    errors: dict[str, str] = {}
    topic = _text(topic, "topic", "主题", errors)
    _check_meeting(kind, attendees, errors)
    raise_invalid(errors)
    with transaction.atomic():
        meeting = StudyMeeting.objects.create(
            bureau=actor_bureau(actor),
            kind=kind,
            topic=topic,
            held_on=held_on,
            chair=chair.strip(),
            attendees=attendees,
            minutes=minutes,
        )
        record(
            actor,
            "governance.meeting.record",
            meeting,
            {"kind": kind, "topic": topic, "held_on": held_on.isoformat(), "attendees": attendees},
        )
    return meeting


def _old_new(changed: Mapping[str, list[Any]]) -> dict[str, dict[str, Any]]:
    """The ``{"old": {...}, "new": {...}}`` of an edit's ledger payload (zulip's OLD/NEW_VALUE)."""
    return {
        "old": {name: pair[0] for name, pair in changed.items()},
        "new": {name: pair[1] for name, pair in changed.items()},
    }


# Corrections. A register row is corrected in place (the yearly figures count the row as it is
# now), and the ledger keeps the old and new value of every changed field.


def _changes(row: Any, new: Mapping[str, Any]) -> dict[str, list[Any]]:
    """field → [old, new] for the fields that really change, as JSON-friendly values."""

    def plain(value: Any) -> Any:
        return value.isoformat() if isinstance(value, dt.date) else value

    return {
        name: [plain(getattr(row, name)), plain(value)]
        for name, value in new.items()
        if value is not _UNSET and getattr(row, name) != value
    }


def update_post(
    *,
    actor: Staff,
    post_id: int,
    channel: str = _UNSET,
    title: str = _UNSET,
    published_on: dt.date = _UNSET,
    count: int = _UNSET,
    audience: int = _UNSET,
) -> LawPost:
    errors: dict[str, str] = {}
    if title is not _UNSET:
        title = _text(title, "title", "标题", errors)
    _check_post(channel, count, audience, errors)
    raise_invalid(errors)
    with transaction.atomic():
        post = LawPost.objects.select_for_update().filter(pk=post_id).first()
        if post is None:
            raise NotFound("未找到该普法宣传记录")
        require(actor, "governance.manage", post)
        values = {
            "channel": channel,
            "title": title,
            "published_on": published_on,
            "count": count,
            "audience": audience,
        }
        _save_changes(actor, post, values, "governance.post.update")
    return post


def update_meeting(
    *,
    actor: Staff,
    meeting_id: int,
    kind: str = _UNSET,
    topic: str = _UNSET,
    held_on: dt.date = _UNSET,
    chair: str = _UNSET,
    attendees: int = _UNSET,
    minutes: str = _UNSET,
) -> StudyMeeting:
    errors: dict[str, str] = {}
    if topic is not _UNSET:
        topic = _text(topic, "topic", "主题", errors)
    _check_meeting(kind, attendees, errors)
    if chair is not _UNSET:
        chair = chair.strip()
    raise_invalid(errors)
    with transaction.atomic():
        meeting = StudyMeeting.objects.select_for_update().filter(pk=meeting_id).first()
        if meeting is None:
            raise NotFound("未找到该会议记录")
        require(actor, "governance.manage", meeting)
        values = {
            "kind": kind,
            "topic": topic,
            "held_on": held_on,
            "chair": chair,
            "attendees": attendees,
            "minutes": minutes,
        }
        _save_changes(actor, meeting, values, "governance.meeting.update")
    return meeting
