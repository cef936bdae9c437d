"""查封、扣押 actions (keyword-only); each is one transaction with its ledger entry (transitions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from chengguan.core import clock
from chengguan.core.errors import Forbidden, Invalid, NotFound, StateError, enforce, raise_invalid
from chengguan.ledger.models import Blob
from chengguan.measures import checks
from chengguan.measures.models import Seizure
from chengguan.measures.states import Status
from chengguan.measures.transitions import require_transition, transition
from chengguan.org.checks import valid_certificate
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.penalties.models import PenaltyCase
from chengguan.penalties.states import Status as CaseStatus

# A measure secures a case still being investigated; once decided, the decision disposes of it.
_BEFORE_DECISION = frozenset(
    {
        CaseStatus.PENDING_REGISTRATION,
        CaseStatus.REGISTERED,
        CaseStatus.INVESTIGATING,
        CaseStatus.INVESTIGATED,
        CaseStatus.NOTIFIED,
        CaseStatus.HEARING_REQUESTED,
        CaseStatus.HEARD,
    }
)
# The case statuses a measure may be taken in (the pages offer the form from this).
SEIZE_FROM = _BEFORE_DECISION
ITEM_FIELDS = {"name": "物品名称", "quantity": "数量", "unit": "单位"}


def _items(items: Sequence[Any] | None) -> list[dict[str, str]]:
    """The 清单 (QZ-24): name, quantity, unit, optional note; incomplete rows are 400."""
    rows = list(items or [])
    if not rows:
        raise Invalid("请列明查封、扣押的物品", details={"items": "至少列明一项物品"})
    errors: dict[str, str] = {}
    out: list[dict[str, str]] = []
    for n, item in enumerate(rows, start=1):
        if not isinstance(item, dict):
            errors[f"items[{n}]"] = "应写明物品名称、数量和单位"
            continue
        row = {k: str(item.get(k) or "").strip() for k in (*ITEM_FIELDS, "note")}
        for key, label in ITEM_FIELDS.items():
            if not row[key]:
                errors[f"items[{n}].{key}"] = f"{label}必填"
        if any(len(v) > 200 for v in row.values()):
            errors[f"items[{n}]"] = "每项不超过200字"
        photo = str(item.get("photo") or "").strip()
        if photo:
            row["photo"] = photo
        out.append(row)
    raise_invalid(errors)
    return out


def _known_blobs(case: PenaltyCase, shas: Sequence[str], field: str) -> None:
    """A photo named by its SHA-256 is one of the bureau's stored evidence files (as evidence is)."""
    wanted = set(shas)
    if not wanted:
        return
    found = set(
        Blob.objects.filter(pk__in=wanted, bureau_id=case.bureau_id).values_list("pk", flat=True)
    )
    if wanted - found:
        raise Invalid("未找到照片文件", details={field: "未找到该文件，请重新上传"})


def _lock_case(case_id: int) -> PenaltyCase:
    case = PenaltyCase.objects.select_for_update().filter(pk=case_id).first()
    if case is None:
        raise NotFound("未找到该行政处罚案件，或您无权查看")
    return case


def _lock(seizure_id: int) -> tuple[Seizure, PenaltyCase]:
    row = Seizure.objects.filter(pk=seizure_id).values_list("case_id", flat=True).first()
    if row is None:
        raise NotFound("未找到该查封扣押记录，或您无权查看")
    case = _lock_case(row)
    seizure = Seizure.objects.select_for_update().get(pk=seizure_id)
    return seizure, case


def _officer_on(actor: Staff, case: PenaltyCase) -> list[Staff]:
    officers = list(case.officers.prefetch_related("certificates"))
    if actor.pk not in {o.pk for o in officers}:
        raise Forbidden("您不是本案的承办执法人员", details={"officer": actor.username})
    return officers


def seize(
    case_id: int,
    *,
    actor: Staff,
    kind: str,
    items: Sequence[Any],
    place: str,
    condition: str,
    certificates_shown: Sequence[str],
    approved_by: str | None = None,
    emergency: bool = False,
    party_present: bool = True,
    party_signed: bool = True,
    witnesses: Sequence[str] = (),
    reason: str = "",
    legal_basis: str = "",
    photos: Sequence[str] = (),
) -> Seizure:
    """QZ-18/QZ-19/QZ-26: carry out a 查封/扣押 on the case; due 30 days later (QZ-25)."""
    errors: dict[str, str] = {}
    if kind not in Seizure.Kind.values:
        errors["kind"] = "应为 seal|seize"
    if len(legal_basis.strip()) > 300:
        errors["legal_basis"] = "不超过300字"
    if emergency and approved_by:
        errors["approved_by"] = "紧急情况当场实施的，事后报负责人补批，不应同时填写批准人"
    rows = _items(items) if not errors else []
    raise_invalid(errors)
    now, today = clock.now(), clock.today()
    with transaction.atomic():
        case = _lock_case(case_id)
        require(actor, "measures.seize", case)
        officers = _officer_on(actor, case)
        if case.status not in _BEFORE_DECISION:
            raise StateError(
                f"案件当前状态为“{case.get_status_display()}”，不能采取查封、扣押措施",
                details={"status": case.status},
            )
        by_name = {o.username: o for o in officers}
        shown: list[Staff] = []
        for name in dict.fromkeys(certificates_shown or []):
            if name not in by_name:
                raise Invalid(
                    f"{name}不是本案执法人员",
                    details={"certificates_shown": f"{name}不是本案执法人员"},
                )
            shown.append(by_name[name])
        approver = None
        if approved_by:
            approver = Staff.objects.filter(
                bureau_id=case.bureau_id, username=approved_by, is_active=True
            ).first()
            if approver is None:
                raise Invalid(
                    f"未找到人员 {approved_by}",
                    details={"approved_by": f"未找到人员 {approved_by}"},
                )
        lot = [str(p).strip() for p in photos if str(p).strip()]
        _known_blobs(case, lot, "photos")
        _known_blobs(case, [r["photo"] for r in rows if r.get("photo")], "items")
        enforce(
            checks.carried_out(
                shown=shown,
                on=today,
                approver=approver,
                emergency=emergency,
                party_present=party_present,
                party_signed=party_signed,
                witnesses=list(witnesses),
            )
            + checks.custody(place=place, condition=condition)
        )
        numbers = []
        for person in shown:
            cert = valid_certificate(person, today)
            assert cert is not None  # checked by checks.carried_out
            numbers.append({"officer": person.username, "number": cert.number})
        s = Seizure(
            bureau_id=case.bureau_id,
            case=case,
            kind=kind,
            reason=reason.strip() or case.facts,
            legal_basis=legal_basis.strip() or case.power_item.legal_basis[:300],
            items=rows,
            photos=list(dict.fromkeys(lot)),
            place=place.strip(),
            condition=condition.strip(),
            emergency=approver is None,
            held_at=now,
            held_on=today,
            held_by=actor,
            certificates=numbers,
            party_present=party_present,
            party_signed=party_signed,
            witnesses=[w.strip() for w in witnesses if w.strip()],
            approved_by=approver,
            approved_at=now if approver else None,
            report_by=None if approver else now + dt.timedelta(hours=checks.REPORT_HOURS),
            decide_by=today + dt.timedelta(days=checks.HOLD_DAYS),
        )
        transition(
            s,
            to=Status.HELD if approver else Status.PENDING,
            actor=actor,
            action="seize",
            payload={
                "kind": kind,
                "reason": s.reason,
                "legal_basis": s.legal_basis,
                "items": rows,
                "photos": s.photos,
                "place": s.place,
                "condition": s.condition,
                "certificates": numbers,
                "approved_by": approver.username if approver else None,
                "emergency": s.emergency,
                "decide_by": s.decide_by.isoformat(),
            },
        )
    return s


def approve(seizure_id: int, *, actor: Staff) -> Seizure:
    """QZ-19: the head's approval after an emergency measure, within 24 hours."""
    now = clock.now()
    with transaction.atomic():
        s, case = _lock(seizure_id)
        require(actor, "measures.approve", case)
        require_transition(s, "approve")
        enforce(checks.report_in_time(report_by=s.report_by, now=now))
        s.approved_by, s.approved_at = actor, now
        transition(
            s,
            to=Status.HELD,
            actor=actor,
            action="approve",
            payload={"approved_at": now.isoformat()},
            update_fields=["approved_by", "approved_at"],
        )
    return s


def extend(seizure_id: int, *, actor: Staff, days: int, reason: str) -> Seizure:
    """QZ-25: once, by at most 30 days, by the head, before expiry; the party is told in writing
    (the 延长查封扣押期限通知书)."""
    if not reason.strip():
        raise Invalid("请写明延长理由", details={"reason": "必填"})
    today = clock.today()
    with transaction.atomic():
        s, case = _lock(seizure_id)
        require(actor, "measures.extend", case)
        require_transition(s, "extend")
        enforce(
            checks.not_expired(decide_by=s.decide_by, today=today, what="延长期限")
            + checks.extension(
                already=s.extended_on is not None, days=days, decided=case.decided_on is not None
            )
        )
        old = s.decide_by
        s.decide_by = old + dt.timedelta(days=days)
        s.extended_on, s.extension_days, s.extension_reason = today, days, reason.strip()
        s.extended_by = actor
        transition(
            s,
            to=Status.HELD,
            actor=actor,
            action="extend",
            payload={
                "days": days,
                "reason": s.extension_reason,
                "old": {"decide_by": str(old)},
                "new": {"decide_by": str(s.decide_by)},
            },
            update_fields=[
                "decide_by",
                "extended_on",
                "extension_days",
                "extension_reason",
                "extended_by",
            ],
        )
    return s


def release(
    seizure_id: int,
    *,
    actor: Staff,
    reason: str,
    returned_on: dt.date,
    note: str = "",
    returned_to: str = "",
    receipt_signed: bool = False,
    receipt_photo: str = "",
) -> Seizure:
    """QZ-28: release and return the items; always lawful while the measure is open. The return
    receipt (who took them back, signed or not, a photo of it) is recorded with it."""
    if reason not in Seizure.ReleaseReason.values:
        raise Invalid(
            "解除理由无效",
            details={"reason": "应为 " + "|".join(Seizure.ReleaseReason.values)},
        )
    returned_to = returned_to.strip()
    if len(returned_to) > 60:
        raise Invalid("领取人不超过60字", details={"returned_to": "不超过60字"})
    if receipt_signed and not returned_to:
        raise Invalid("已签收的，请写明领取人", details={"returned_to": "请写明领取人"})
    today = clock.today()
    if returned_on > today:
        raise Invalid("退还日期不能晚于今天", details={"returned_on": "退还日期不能晚于今天"})
    with transaction.atomic():
        s, case = _lock(seizure_id)
        require(actor, "measures.release", case)
        if not actor.has_role("head"):
            _officer_on(actor, case)
        require_transition(s, "release")
        if returned_on < s.held_on:
            raise Invalid("退还日期不能早于实施日期", details={"returned_on": "不能早于实施日期"})
        _known_blobs(case, [receipt_photo] if receipt_photo else [], "receipt_photo")
        s.released_on, s.release_reason, s.release_note = today, reason, note.strip()
        s.returned_on, s.released_by = returned_on, actor
        s.returned_to, s.receipt_signed, s.receipt_photo = (
            returned_to,
            receipt_signed,
            receipt_photo,
        )
        transition(
            s,
            to=Status.RELEASED,
            actor=actor,
            action="release",
            payload={
                "reason": reason,
                "note": s.release_note,
                "returned_on": str(returned_on),
                "returned_to": returned_to,
                "receipt_signed": receipt_signed,
                "receipt_photo": receipt_photo or None,
            },
            update_fields=[
                "released_on",
                "release_reason",
                "release_note",
                "returned_on",
                "released_by",
                "returned_to",
                "receipt_signed",
                "receipt_photo",
            ],
        )
    return s


def dispose(seizure_id: int, *, actor: Staff, handling: str, note: str) -> Seizure:
    """After the decision: confiscate/auction/destroy as it orders, or hand over with a transfer;
    never use (QZ-26); a decision that does not take the items, or came too late, means release."""
    if handling not in Seizure.Handling.values and handling not in checks.FORBIDDEN_HANDLING:
        raise Invalid(
            "处理方式无效", details={"handling": "应为 " + "|".join(Seizure.Handling.values)}
        )
    if not note.strip():
        raise Invalid("请写明处理说明", details={"note": "必填"})
    today = clock.today()
    with transaction.atomic():
        s, case = _lock(seizure_id)
        require(actor, "measures.dispose", case)
        require_transition(s, "dispose")
        transferred = case.status == CaseStatus.TRANSFERRED
        if case.decided_on is None and not transferred:
            raise StateError(
                "案件尚未作出处理决定，不能处理查封扣押的财物", details={"status": case.status}
            )
        decided = case.decided_on or today
        enforce(
            checks.disposal(
                handling=handling, penalty_types=list(case.penalty_types), transferred=transferred
            )
            + checks.not_expired(decide_by=s.decide_by, today=decided, what="依决定处理财物")
        )
        s.disposed_on, s.handling, s.handling_note, s.disposed_by = (
            today,
            handling,
            note.strip(),
            actor,
        )
        transition(
            s,
            to=Status.DISPOSED,
            actor=actor,
            action="dispose",
            payload={"handling": handling, "note": s.handling_note},
            update_fields=["disposed_on", "handling", "handling_note", "disposed_by"],
        )
    return s
