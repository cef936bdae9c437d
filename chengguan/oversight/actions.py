"""Every write of supervision: inspections, findings, rectification, case-file reviews, complaints."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from chengguan.core import clock
from chengguan.core.errors import Invalid, NotFound, StateError, raise_invalid
from chengguan.core.rules import local
from chengguan.core.workdays import add_days
from chengguan.law.registry import RULES
from chengguan.ledger.actions import record
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require
from chengguan.org.queries import actor_bureau_id
from chengguan.penalties.models import PenaltyCase

from . import checks
from .models import CaseFileReview, Complaint, Finding, Inspection, RectificationTask


def _own_unit(actor: Staff, unit: OrgUnit | None) -> None:
    if unit is not None and unit.bureau_id != actor.bureau_id:
        raise NotFound("未找到该单位，或您无权查看")


def _own_case(actor: Staff, case_id: int | None) -> PenaltyCase | None:
    if case_id is None:
        return None
    case = PenaltyCase.objects.filter(pk=case_id, bureau_id=actor.bureau_id).first()
    if case is None:
        raise NotFound("未找到该处罚案件，或您无权查看")
    return case


# 监督检查


def open_inspection(
    *,
    actor: Staff,
    kind: str,
    organiser: str,
    title: str,
    started_on: dt.date,
    scope: str = "",
    target_unit: OrgUnit | None = None,
) -> Inspection:
    errors: dict[str, str] = {}
    if kind not in Inspection.Kind.values:
        errors["kind"] = "检查类型无效"
    if organiser not in Inspection.Organiser.values:
        errors["organiser"] = "组织方无效"
    if not title.strip():
        errors["title"] = "名称不能为空"
    raise_invalid(errors)
    with transaction.atomic():
        require(actor, "oversight.manage")
        _own_unit(actor, target_unit)
        row = Inspection.objects.create(
            bureau_id=actor_bureau_id(actor),
            kind=kind,
            organiser=organiser,
            title=title.strip(),
            started_on=started_on,
            scope=scope,
            target_unit=target_unit,
            created_by=actor,
        )
        record(
            actor,
            "oversight.inspection.open",
            row,
            {
                "kind": kind,
                "organiser": organiser,
                "title": row.title,
                "started_on": started_on.isoformat(),
                "target_unit": target_unit.code if target_unit else None,
            },
        )
    return row


def close_inspection(
    *, actor: Staff, inspection_id: int, ended_on: dt.date, result: str, ranking: str = ""
) -> Inspection:
    if not result.strip():
        raise Invalid("须填写检查结论", details={"result": "须填写检查结论"})
    with transaction.atomic():
        row = Inspection.objects.select_for_update().filter(pk=inspection_id).first()
        if row is None:
            raise NotFound("未找到该监督检查")
        require(actor, "oversight.manage", row)
        if row.status != Inspection.Status.OPEN:
            raise StateError("该监督检查已结束")
        if ended_on < row.started_on:
            raise Invalid("结束日期早于开始日期", details={"ended_on": "结束日期早于开始日期"})
        row.status, row.ended_on, row.result, row.ranking = (
            Inspection.Status.CLOSED,
            ended_on,
            result.strip(),
            ranking.strip(),
        )
        row.save(update_fields=["status", "ended_on", "result", "ranking"])
        record(
            actor,
            "oversight.inspection.close",
            row,
            {"ended_on": ended_on.isoformat(), "result": row.result, "ranking": row.ranking},
        )
    return row


def record_finding(
    *,
    actor: Staff,
    inspection_id: int,
    description: str,
    found_on: dt.date,
    rule: str = "",
    penalty_case_id: int | None = None,
) -> Finding:
    if not description.strip():
        raise Invalid("须填写问题描述", details={"description": "须填写问题描述"})
    if rule and rule not in RULES:
        raise Invalid("规则编号无效", details={"rule": f"没有规则 {rule}"})
    with transaction.atomic():
        inspection = Inspection.objects.select_for_update().filter(pk=inspection_id).first()
        if inspection is None:
            raise NotFound("未找到该监督检查")
        require(actor, "oversight.manage", inspection)
        case = _own_case(actor, penalty_case_id)
        row = Finding.objects.create(
            bureau_id=inspection.bureau_id,
            inspection=inspection,
            penalty_case=case,
            rule=rule,
            description=description.strip(),
            found_on=found_on,
        )
        record(
            actor,
            "oversight.finding.record",
            row,
            {
                "inspection": inspection.pk,
                "description": row.description,
                "rule": rule,
                "case": case.number if case else None,
                "found_on": found_on.isoformat(),
            },
        )
    return row


def assign_rectification(
    *, actor: Staff, finding_id: int, unit: OrgUnit, measure: str, due_on: dt.date
) -> RectificationTask:
    if not measure.strip():
        raise Invalid("须填写整改要求", details={"measure": "须填写整改要求"})
    with transaction.atomic():
        finding = Finding.objects.select_for_update().filter(pk=finding_id).first()
        if finding is None:
            raise NotFound("未找到该问题")
        require(actor, "oversight.manage", finding)
        _own_unit(actor, unit)
        if finding.status == Finding.Status.RECTIFIED:
            raise StateError("该问题已整改完毕")
        if due_on < finding.found_on:
            raise Invalid("整改期限早于发现日期", details={"due_on": "整改期限早于发现日期"})
        task = RectificationTask.objects.create(
            bureau_id=finding.bureau_id,
            finding=finding,
            unit=unit,
            measure=measure.strip(),
            due_on=due_on,
        )
        finding.status = Finding.Status.RECTIFYING
        finding.save(update_fields=["status"])
        record(
            actor,
            "oversight.rectification.assign",
            task,
            {
                "finding": finding.pk,
                "unit": unit.code,
                "measure": task.measure,
                "due_on": due_on.isoformat(),
            },
        )
    return task


def close_rectification(
    *, actor: Staff, task_id: int, closed_on: dt.date, note: str
) -> RectificationTask:
    """销号: the finding becomes rectified when its last open task closes."""
    if not note.strip():
        raise Invalid("须填写整改情况", details={"note": "须填写整改情况"})
    with transaction.atomic():
        task = RectificationTask.objects.select_for_update().filter(pk=task_id).first()
        if task is None:
            raise NotFound("未找到该整改任务")
        require(actor, "oversight.manage", task)
        if task.status != RectificationTask.Status.OPEN:
            raise StateError("该整改任务已销号")
        finding = Finding.objects.select_for_update().get(pk=task.finding_id)
        if closed_on < finding.found_on:
            raise Invalid("销号日期早于发现日期", details={"closed_on": "销号日期早于发现日期"})
        task.status, task.closed_on, task.closure_note = (
            RectificationTask.Status.CLOSED,
            closed_on,
            note.strip(),
        )
        task.closed_on_time = closed_on <= task.due_on
        task.save(update_fields=["status", "closed_on", "closure_note", "closed_on_time"])
        still_open = finding.tasks.filter(status=RectificationTask.Status.OPEN).exists()
        if not still_open:
            finding.status = Finding.Status.RECTIFIED
            finding.rectified_on = max(t.closed_on for t in finding.tasks.all() if t.closed_on)
            finding.save(update_fields=["status", "rectified_on"])
        record(
            actor,
            "oversight.rectification.close",
            task,
            {
                "finding": finding.pk,
                "closed_on": closed_on.isoformat(),
                "on_time": task.closed_on_time,
                "finding_rectified": not still_open,
            },
        )
    return task


# 案卷评查


def start_file_review(
    *,
    actor: Staff,
    penalty_case_id: int,
    inspection_id: int | None = None,
    on: dt.date | None = None,
) -> CaseFileReview:
    """Open a review with the automatic pre-review of the file stored on it."""
    on = on or clock.today()
    with transaction.atomic():
        require(actor, "oversight.manage")
        case = _own_case(actor, penalty_case_id)
        assert case is not None
        inspection = None
        if inspection_id is not None:
            inspection = Inspection.objects.filter(
                pk=inspection_id, bureau_id=actor.bureau_id
            ).first()
            if inspection is None:
                raise NotFound("未找到该监督检查")
        items = checks.prereview(case)
        suggested = sorted({i.veto for i in items if i.veto})
        row = CaseFileReview.objects.create(
            bureau_id=case.bureau_id,
            inspection=inspection,
            penalty_case=case,
            prereview={"items": [i.as_dict() for i in items], "suggested_vetoes": suggested},
            reviewer=actor,
            started_on=on,
        )
        record(
            actor,
            "oversight.file_review.start",
            row,
            {"case": case.number, "prereview_items": len(items), "suggested_vetoes": suggested},
        )
    return row


def _deductions(raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for n, d in enumerate(raw):
        part, item = d.get("part"), str(d.get("item", "")).strip()
        try:
            points = Decimal(str(d.get("points")))
        except (InvalidOperation, TypeError) as exc:
            raise Invalid("扣分应为数字", details={f"deductions.{n}": "扣分应为数字"}) from exc
        if part not in ("form", "content") or not item or points <= 0:
            raise Invalid(
                "扣分项有误",
                details={f"deductions.{n}": "每项须有 part（form 或 content）、item 与正数 points"},
            )
        out.append({"part": part, "item": item, "points": str(points)})
    return out


def finalise_file_review(
    *,
    actor: Staff,
    review_id: int,
    vetoes: list[str],
    deductions: list[dict[str, Any]],
    on: dt.date | None = None,
) -> CaseFileReview:
    on = on or clock.today()
    unknown = set(vetoes) - set(checks.VETOES)
    if unknown:
        raise Invalid("否决项无效", details={"vetoes": "未知否决项：" + "、".join(sorted(unknown))})
    clean = _deductions(deductions)
    with transaction.atomic():
        row = CaseFileReview.objects.select_for_update().filter(pk=review_id).first()
        if row is None:
            raise NotFound("未找到该案卷评查")
        require(actor, "oversight.manage", row)
        if row.status != CaseFileReview.Status.DRAFT:
            raise StateError("该评查已定稿")
        result = checks.score(sorted(set(vetoes)), clean)
        row.vetoes, row.deductions = sorted(set(vetoes)), clean
        row.form_score, row.content_score, row.total, row.grade = (
            result.form,
            result.content,
            result.total,
            result.grade,
        )
        row.status, row.finalised_on = CaseFileReview.Status.FINAL, on
        row.save()
        record(
            actor,
            "oversight.file_review.finalise",
            row,
            {
                "case": row.penalty_case_id,
                "vetoes": row.vetoes,
                "form": str(result.form),
                "content": str(result.content),
                "total": str(result.total),
                "grade": result.grade,
            },
        )
    return row


# 执法投诉


def receive_complaint(
    *,
    actor: Staff,
    received_on: dt.date,
    channel: str,
    content: str,
    complainant: str = "",
    phone: str = "",
    against_unit: OrgUnit | None = None,
    penalty_case_id: int | None = None,
) -> Complaint:
    errors: dict[str, str] = {}
    if channel not in Complaint.Channel.values:
        errors["channel"] = "渠道无效"
    if not content.strip():
        errors["content"] = "须填写投诉内容"
    if received_on > clock.today():
        # A complaint dated 9999-12-31 ran its 60-day deadline past the calendar (issue #12 item 8).
        errors["received_on"] = "收到日期不能晚于今天"
    raise_invalid(errors)
    with transaction.atomic():
        require(actor, "oversight.manage")
        _own_unit(actor, against_unit)
        case = _own_case(actor, penalty_case_id)
        due = add_days(received_on, int(local("enforcement_complaint_days")))
        row = Complaint.objects.create(
            bureau_id=actor_bureau_id(actor),
            received_on=received_on,
            channel=channel,
            complainant=complainant.strip(),
            phone=phone.strip(),
            content=content.strip(),
            against_unit=against_unit,
            penalty_case=case,
            due_on=due,
        )
        # No name or phone in the ledger: it is never encrypted (PI-1).
        record(
            actor,
            "oversight.complaint.receive",
            row,
            {
                "received_on": received_on.isoformat(),
                "channel": channel,
                "due_on": due.isoformat(),
                "against_unit": against_unit.code if against_unit else None,
                "case": case.number if case else None,
            },
        )
    return row


def close_complaint(
    *, actor: Staff, complaint_id: int, closed_on: dt.date, substantiated: bool, result: str
) -> Complaint:
    if not result.strip():
        raise Invalid("须填写处理结果", details={"result": "须填写处理结果"})
    with transaction.atomic():
        row = Complaint.objects.select_for_update().filter(pk=complaint_id).first()
        if row is None:
            raise NotFound("未找到该投诉")
        require(actor, "oversight.manage", row)
        if row.status != Complaint.Status.OPEN:
            raise StateError("该投诉已办结")
        row.status, row.closed_on, row.substantiated, row.result = (
            Complaint.Status.CLOSED,
            closed_on,
            substantiated,
            result.strip(),
        )
        row.save(update_fields=["status", "closed_on", "substantiated", "result"])
        record(
            actor,
            "oversight.complaint.close",
            row,
            {
                "closed_on": closed_on.isoformat(),
                "substantiated": substantiated,
                "on_time": closed_on <= row.due_on,
            },
        )
    return row
