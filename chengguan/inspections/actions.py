"""行政检查 actions (keyword-only); each is one transaction with its ledger entry.

The checks of LEGAL-RULES §11 (JC-1…JC-6, SJ-1, ZL-1) run inside the transaction after the row is
locked, so a refused action writes nothing and two clerks cannot both win.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import secrets
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction

from chengguan.core import clock, links, workdays
from chengguan.core.errors import Forbidden, Invalid, NotFound, StateError, enforce, raise_invalid
from chengguan.core.outcome721 import parse as parse_721  # --- helper:service ---
from chengguan.core.pii import QUERY_CODE_ALPHABET, scrub, uscc_check_char, valid_credit_code
from chengguan.core.rules import local
from chengguan.inspections import checks, draw, queries
from chengguan.inspections.models import (
    Inspection,
    InspectionFeedback,
    InspectionItem,
    InspectionPlan,
    SupervisedEntity,
)
from chengguan.inspections.states import APPROVAL_AFTERWARDS, PlanStatus, Reason, Status
from chengguan.inspections.transitions import plan_transition, require_transition, transition
from chengguan.law.models import PowerItem
from chengguan.ledger.actions import record, store_blob
from chengguan.ledger.models import Blob
from chengguan.org.checks import valid_certificate
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require

CODE_LENGTH = 12  # 31^12 ≈ 2^59: not guessable from the portal (JC-5)
TEXT_MAX = 2000


def _text(errors: dict[str, str], field: str, label: str, value: str, limit: int = 200) -> str:
    v = (value or "").strip()
    if not v:
        errors[field] = f"{label}必填"
    elif len(v) > limit:
        errors[field] = f"{label}不超过{limit}字"
    return v


# 检查事项清单 (JC-1) ------------------------------------------------------------------------------


def add_item(
    *,
    actor: Staff,
    code: str,
    name: str,
    power_item: str,
    basis: str,
    random: bool = True,
    yearly_cap: int | None = None,
) -> InspectionItem:
    """An item of the list, unpublished until ``publish_item`` (JC-1)."""
    # The role first: a wrong role learns nothing about its input.
    require(actor, "inspections.item.manage")
    errors: dict[str, str] = {}
    code = _text(errors, "code", "事项编码", code, 40)
    name = _text(errors, "name", "事项名称", name)
    basis = _text(errors, "basis", "检查依据", basis, TEXT_MAX)
    if yearly_cap is not None and yearly_cap < 1:
        errors["yearly_cap"] = "年度检查上限应为正整数"
    raise_invalid(errors)
    with transaction.atomic():
        power = PowerItem.objects.filter(bureau_id=actor.bureau_id, code=power_item).first()
        if power is None:
            raise Invalid(
                f"未找到权责事项 {power_item}", details={"power_item": "未找到该权责事项"}
            )
        if InspectionItem.objects.filter(bureau_id=actor.bureau_id, code=code).exists():
            raise Invalid("事项编码已存在", details={"code": "事项编码已存在"})
        item = InspectionItem.objects.create(
            bureau_id=actor.bureau_id,
            code=code,
            name=name,
            power_item=power,
            basis=basis,
            random=random,
            yearly_cap=yearly_cap,
        )
        record(actor, "inspection.item.add", item, {"code": code, "power_item": power.code})
    return item


def publish_item(item_id: int, *, actor: Staff) -> InspectionItem:
    with transaction.atomic():
        item = InspectionItem.objects.select_for_update().filter(pk=item_id).first()
        if item is None:
            raise NotFound("未找到该检查事项")
        require(actor, "inspections.item.manage", item)
        if not item.published:
            item.published, item.published_on = True, clock.today()
            item.save(update_fields=["published", "published_on"])
            record(actor, "inspection.item.publish", item, {"code": item.code})
    return item


# 名录库 -------------------------------------------------------------------------------------------


def add_entity(
    *,
    actor: Staff,
    kind: str,
    name: str,
    address: str,
    credit_code: str = "",
    grid: str = "",
    town: str = "",
) -> SupervisedEntity:
    """A supervised object; an enterprise carries a valid 统一社会信用代码 (PA-1 style, GB 32100)."""
    # The role first: a wrong role learns nothing about its input.
    require(actor, "inspections.entity.add")
    errors: dict[str, str] = {}
    if kind not in SupervisedEntity.Kind.values:
        errors["kind"] = "类型应为 enterprise|site|person"
    name = _text(errors, "name", "名称", name)
    address = _text(errors, "address", "地址", address, 300)
    code = "".join((credit_code or "").split()).upper()
    if kind == SupervisedEntity.Kind.ENTERPRISE and not code:
        errors["credit_code"] = "企业须填写统一社会信用代码"
    elif code and not valid_credit_code(code):
        hint = ""
        if len(code) == 18:
            try:
                hint = f"（按GB 32100校验位应为{uscc_check_char(code[:17])}）"
            except ValueError:
                hint = ""
        errors["credit_code"] = f"统一社会信用代码格式或校验位不正确{hint}"
    if len(grid or "") > 20:
        errors["grid"] = "网格编码不超过20位"
    if len(town or "") > 40:
        errors["town"] = "乡镇（街道）不超过40字"
    raise_invalid(errors)
    with transaction.atomic():
        if (
            code
            and SupervisedEntity.objects.filter(
                bureau_id=actor.bureau_id, credit_code=code
            ).exists()
        ):
            raise Invalid("该统一社会信用代码已在名录库中", details={"credit_code": "已在名录库中"})
        try:
            # A savepoint: two clerks registering the same code at once both pass the check
            # above; the database's constraint decides, and the loser gets the same 400.
            with transaction.atomic():
                entity = SupervisedEntity.objects.create(
                    bureau_id=actor.bureau_id,
                    unit=actor.unit,
                    kind=kind,
                    name=name,
                    credit_code=code,
                    address=address,
                    grid=(grid or "").strip(),
                    town=(town or "").strip(),
                )
        except IntegrityError as exc:
            raise Invalid(
                "该统一社会信用代码已在名录库中", details={"credit_code": "已在名录库中"}
            ) from exc
        record(actor, "inspection.entity.add", entity, {"kind": kind, "name": name})
    return entity


# Plans and the draw (SJ-1) -----------------------------------------------------------------------


def _staff(bureau_id: int, names: Sequence[str], field: str) -> list[Staff]:
    wanted = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
    found = {
        s.username: s
        for s in Staff.objects.filter(bureau_id=bureau_id, username__in=wanted, is_active=True)
    }
    missing = [n for n in wanted if n not in found]
    if missing:
        raise Invalid(
            f"未找到人员 {'、'.join(missing)}", details={field: f"未找到人员 {'、'.join(missing)}"}
        )
    return [found[n] for n in wanted]


def create_plan(
    *,
    actor: Staff,
    year: int,
    item: str,
    ratio: str | float | None = None,
    count: int | None = None,
    officers: Sequence[str] = (),
    recused: Sequence[str] = (),
) -> InspectionPlan:
    # The role first: a wrong role learns nothing about its input.
    require(actor, "inspections.plan.create")
    errors: dict[str, str] = {}
    if not 2000 <= year <= 2100:
        errors["year"] = "年度不正确"
    rate: Decimal | None = None
    if (ratio is None) == (count is None):
        errors["ratio"] = "抽查比例（ratio）与抽查数量（count）须且只能填写一项"
    elif ratio is not None:
        try:
            rate = Decimal(str(ratio))
        except InvalidOperation:
            rate = None
        if rate is None or not Decimal("0") < rate <= Decimal("1"):
            errors["ratio"] = "抽查比例应大于0且不超过1"
        elif rate.as_tuple().exponent < -4:  # type: ignore[operator]
            errors["ratio"] = "抽查比例最多四位小数"
    elif count is not None and count < 1:
        errors["count"] = "抽查数量应为正整数"
    raise_invalid(errors)
    with transaction.atomic():
        found = _item(actor, item)
        enforce(checks.published(found) + checks.random_item(found))
        pool = _staff(actor.bureau_id, officers, "officers")
        out = _staff(actor.bureau_id, recused, "recused")
        plan = InspectionPlan.objects.create(
            bureau_id=actor.bureau_id,
            # Staff without a unit act for the bureau itself.
            unit_id=actor.unit_id or actor.bureau_id,
            year=year,
            item=found,
            ratio=rate,
            count=count,
            created_by=actor,
        )
        plan.officers.set(pool)
        plan.recused.set(out)
        record(
            actor,
            "inspection.plan.create",
            plan,
            {
                "year": year,
                "item": found.code,
                "ratio": str(rate) if rate is not None else None,
                "count": count,
                "officers": [p.username for p in pool],
                "recused": [p.username for p in out],
            },
        )
    return plan


def _item(actor: Staff, code: str) -> InspectionItem:
    """The bureau's item by code (400 if none); refused for a team outside its powers (ORG-3)."""
    found = (
        InspectionItem.objects.filter(bureau_id=actor.bureau_id, code=code)
        .select_related("power_item")
        .first()
    )
    if found is None:
        raise Invalid(f"未找到检查事项 {code}", details={"item": "未找到该检查事项"})
    if queries.team_only(actor):
        assert actor.unit is not None  # team_only implies a unit
        ok = found.power_item.delegated_to.filter(pk=actor.unit.pk).exists()
        enforce(checks.delegated(found, team=actor.unit.name, delegated=ok))
    return found


def _lock_plan(plan_id: int) -> InspectionPlan:
    plan = InspectionPlan.objects.select_for_update().filter(pk=plan_id).first()
    if plan is None:
        raise NotFound("未找到该抽查计划，或您无权查看")
    return plan


def approve_plan(plan_id: int, *, actor: Staff) -> InspectionPlan:
    with transaction.atomic():
        plan = _lock_plan(plan_id)
        require(actor, "inspections.plan.approve", plan)
        if plan.status != PlanStatus.DRAFT:
            raise StateError("该抽查计划已经批准", details={"status": plan.status})
        plan.approved_by, plan.approved_on = actor, clock.today()
        plan_transition(
            plan,
            to=PlanStatus.APPROVED,
            actor=actor,
            action="approve",
            payload={"approved_on": str(plan.approved_on)},
            update_fields=["approved_by", "approved_on"],
        )
    return plan


def _eligible_officers(plan: InspectionPlan, on: dt.date) -> list[str]:
    """SJ-1: the pool (or every officer of the bureau), less the recused, auxiliary staff and
    anyone without a valid certificate on the day of the draw (JC-3)."""
    pool = list(plan.officers.prefetch_related("certificates", "roles"))
    if not pool:
        pool = list(
            Staff.objects.filter(bureau_id=plan.bureau_id, is_active=True, roles__role="officer")
            .distinct()
            .prefetch_related("certificates", "roles")
        )
    out = set(plan.recused.values_list("pk", flat=True))
    return sorted(
        p.username
        for p in pool
        if p.pk not in out
        and not p.is_auxiliary
        and p.has_role("officer")
        and valid_certificate(p, on) is not None
    )


def _eligible_entities(plan: InspectionPlan) -> list[int]:
    rows = SupervisedEntity.objects.filter(bureau_id=plan.bureau_id)
    if plan.unit.kind in (OrgUnit.Kind.TOWN, OrgUnit.Kind.STREET):
        rows = rows.filter(unit_id=plan.unit_id)
    return sorted(rows.values_list("pk", flat=True))


def draw_plan(plan_id: int, *, actor: Staff, seed: str | None = None) -> InspectionPlan:
    """SJ-1: draw objects and officer pairs once; a second draw answers the first."""
    given = (seed or "").strip()
    if len(given) > 64:
        raise Invalid("随机种子不超过64个字符", details={"seed": "不超过64个字符"})
    # The seed is published for anyone to recompute the draw: printable text only (a NUL could
    # not even be stored on PostgreSQL — found by the draw's property test).
    if not given.isprintable():
        raise Invalid("随机种子不能含控制字符", details={"seed": "只能含可打印字符"})
    today = clock.today()
    with transaction.atomic():
        plan = _lock_plan(plan_id)
        require(actor, "inspections.plan.draw", plan)
        if plan.status == PlanStatus.DRAWN:
            return plan
        officers = _eligible_officers(plan, today)
        entities = _eligible_entities(plan)
        enforce(checks.drawable(plan, officers=officers, entities=len(entities), today=today))
        n = draw.size(len(entities), count=plan.count, ratio=plan.ratio)
        inputs = {
            "plan": plan.pk,
            "year": plan.year,
            "item": plan.item.code,
            "on": today.isoformat(),
            "n": n,
            "entities": entities,
            "officers": officers,
        }
        plan.seed = given or secrets.token_hex(16)
        result = draw.recompute(plan.seed, inputs)
        plan.inputs_hash = draw.inputs_hash(inputs)
        plan.draw_inputs = inputs
        plan.drawn_entities, plan.drawn_pairs = result.entities, result.pairs
        plan.drawn_at = clock.now()
        # SJ-2: the result is published within the setting's working days of the draw.
        plan.publish_due = workdays.add_workdays(today, int(local("inspection_publish_wd")))
        plan_transition(
            plan,
            to=PlanStatus.DRAWN,
            actor=actor,
            action="draw",
            payload={
                "seed": plan.seed,
                "inputs_hash": plan.inputs_hash,
                "n": n,
                "entities": result.entities,
                "officers": result.pairs,
            },
            update_fields=[
                "seed",
                "inputs_hash",
                "draw_inputs",
                "drawn_entities",
                "drawn_pairs",
                "drawn_at",
                "publish_due",
            ],
        )
    return plan


# Inspections ------------------------------------------------------------------------------------


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Inspection.objects.filter(code=code).exists():
            return code


def create_inspection(
    *,
    actor: Staff,
    entity: int,
    officers: Sequence[str],
    reason: str,
    planned_on: dt.date,
    item: str = "",
    items: Sequence[str] = (),
    plan: int | None = None,
) -> Inspection:
    """JC-1 (listed items), JC-3 (two certified officers), JC-4 (yearly cap, counted once for a
    joint visit of several ``items`` — 综合查一次 — and no second visit of an item within the
    window); JC-2's approval is the plan's when the object was drawn by an approved plan, else the
    head's ``approve``. ``item`` alone is the one-item visit of older clients."""
    # The role first: a wrong role learns nothing about its input.
    require(actor, "inspections.create")
    errors: dict[str, str] = {}
    codes = list(dict.fromkeys(c.strip() for c in [*([item] if item else []), *items] if c))
    if not codes:
        errors["items"] = "请填写检查事项（item 或 items）"
    elif len(codes) > 20:
        errors["items"] = "一次合并检查的事项不超过20项"
    if reason not in Reason.values:
        errors["reason"] = "检查事由应为 plan|complaint|referral|risk"
    if plan is not None and reason != Reason.PLAN:
        errors["reason"] = "按抽查计划实施的检查，检查事由应为 plan"
    if len(list(officers or [])) != len(set(officers or [])):
        errors["officers"] = "检查人员不能重复"
    today = clock.today()
    if planned_on < today:
        errors["planned_on"] = "计划检查日期不能早于今天"
    raise_invalid(errors)
    with transaction.atomic():
        every = [_item(actor, c) for c in codes]
        found = every[0]
        # The object as the actor may see it: a town team inspects only its own objects (ORG-5).
        # Locked, so two officers registering at once cannot both pass the yearly cap (JC-4).
        target = queries.entities(actor).select_for_update().filter(pk=entity).first()
        if target is None:
            raise NotFound("未找到该检查对象，或您无权查看", details={"entity": "未找到该检查对象"})
        people = _staff(actor.bureau_id, officers, "officers")
        if actor.pk not in {p.pk for p in people}:
            raise Forbidden(
                "登记检查的执法人员应为检查人员之一", details={"officers": "须包括本人"}
            )
        drawn_by: InspectionPlan | None = None
        if plan is not None:
            drawn_by = InspectionPlan.objects.filter(bureau_id=actor.bureau_id, pk=plan).first()
            if (
                drawn_by is None
                or drawn_by.status != PlanStatus.DRAWN
                or target.pk not in drawn_by.drawn_entities
                or drawn_by.item_id not in {i.pk for i in every}
            ):
                raise Invalid(
                    "该对象不在此抽查计划的抽取结果中", details={"plan": "不在抽取结果中"}
                )
        if drawn_by is not None:
            # The plan's item leads the visit: its draw is the approval (JC-2).
            found = next(i for i in every if i.pk == drawn_by.item_id)
            every = [found, *(i for i in every if i.pk != found.pk)]
        violations = [v for i in every for v in checks.published(i)]
        violations += checks.inspecting_officers(people, planned_on)
        if drawn_by is not None:
            pair = drawn_by.drawn_pairs[drawn_by.drawn_entities.index(target.pk)]
            violations += checks.drawn_pair(officers=[p.username for p in people], pair=pair)
        if target.is_enterprise:
            # One visit counts once (综合查一次): against each item's own cap, and once against
            # the overall cap if any item has none.
            capped = [i for i in every if i.yearly_cap]
            for it in capped:
                violations += checks.yearly_cap(
                    used=queries.used_this_year(target.pk, planned_on.year, item_id=it.pk),
                    cap=int(it.yearly_cap or 0),
                    reason=reason,
                    entity_name=target.name,
                    year=planned_on.year,
                    item=it.name,
                )
            if len(capped) < len(every):
                violations += checks.yearly_cap(
                    used=queries.used_this_year(target.pk, planned_on.year, item_id=None),
                    cap=int(local("inspection_yearly_cap")),
                    reason=reason,
                    entity_name=target.name,
                    year=planned_on.year,
                    item=None,
                )
        window = int(local("inspection_repeat_window_days"))
        violations += checks.repeat_window(
            reason=reason,
            window=window,
            recent=queries.recent_visits(
                target.pk, [i.pk for i in every], planned_on=planned_on, days=window
            ),
            entity_name=target.name,
        )
        enforce(violations)
        i = Inspection(
            bureau_id=actor.bureau_id,
            unit_id=actor.unit_id or actor.bureau_id,
            code=_new_code(),
            item=found,
            entity=target,
            plan=drawn_by,
            reason=reason,
            planned_on=planned_on,
            created_by=actor,
            created_at=clock.now(),
        )
        if drawn_by is not None:
            # The head approved the plan and its draw: that is the prior approval (JC-2).
            i.approved_by, i.approved_on = drawn_by.approved_by, drawn_by.approved_on
        elif reason in APPROVAL_AFTERWARDS:
            i.approval_due = workdays.add_workdays(today, int(local("inspection_late_approval_wd")))
        transition(
            i,
            to=Status.OPEN,
            actor=actor,
            action="create",
            payload={
                "item": found.code,
                "items": [i.code for i in every],
                "entity": target.pk,
                "officers": [p.username for p in people],
                "reason": reason,
                "planned_on": planned_on.isoformat(),
                "plan": drawn_by.pk if drawn_by else None,
                "approval_due": str(i.approval_due) if i.approval_due else None,
            },
        )
        i.officers.set(people)
        i.items.set(every)
    return i


def _lock(inspection_id: int) -> Inspection:
    i = (
        Inspection.objects.select_for_update()
        .filter(pk=inspection_id)
        .select_related("item", "entity")
        .first()
    )
    if i is None:
        raise NotFound("未找到该行政检查，或您无权查看")
    return i


def _officer_on(actor: Staff, i: Inspection) -> list[Staff]:
    require(actor, "inspections.inspect", i)
    officers = list(i.officers.prefetch_related("certificates", "roles"))
    if actor.pk not in {o.pk for o in officers}:
        raise Forbidden("您不是本次检查的检查人员", details={"officer": actor.username})
    return officers


def approve(inspection_id: int, *, actor: Staff) -> Inspection:
    """JC-2: the head's approval — before the start, or afterwards (late ones are flagged)."""
    today = clock.today()
    with transaction.atomic():
        i = _lock(inspection_id)
        require(actor, "inspections.approve", i)
        require_transition(i, "approve")
        if i.approved_on is not None:
            raise StateError("该检查已经批准", details={"approved_on": str(i.approved_on)})
        i.approved_by, i.approved_on = actor, today
        i.approval_late = i.approval_due is not None and today > i.approval_due
        transition(
            i,
            to=i.status,
            actor=actor,
            action="approve",
            payload={"approved_on": today.isoformat(), "late": i.approval_late},
            update_fields=["approved_by", "approved_on", "approval_late"],
        )
    return i


def check_in(inspection_id: int, *, actor: Staff, code: str) -> Inspection:
    """JC-5: the enterprise scans the code at the door; a scan after the day is flagged."""
    now, today = clock.now(), clock.today()
    with transaction.atomic():
        i = _lock(inspection_id)
        _officer_on(actor, i)
        require_transition(i, "check_in")
        enforce(
            checks.approved_in_time(i, today=today, what="入企检查") + checks.code_matches(i, code)
        )
        i.scanned_at = now
        i.scan_late = checks.scan_late(
            planned_on=i.planned_on,
            scanned_on=today,
            allowed_days=int(local("inspection_scan_days")),
        )
        transition(
            i,
            to=Status.CHECKED_IN,
            actor=actor,
            action="check_in",
            payload={"scanned_at": now.isoformat(), "late": i.scan_late},
            update_fields=["scanned_at", "scan_late"],
        )
    return i


def record_findings(
    inspection_id: int,
    *,
    actor: Staff,
    findings: str,
    ok: bool,
    certificates_shown: Sequence[str],
) -> Inspection:
    """The on-site record: findings, and the two officers who showed their certificates (JC-3)."""
    errors: dict[str, str] = {}
    text = _text(errors, "findings", "检查情况", findings, TEXT_MAX)
    raise_invalid(errors)
    today = clock.today()
    with transaction.atomic():
        i = _lock(inspection_id)
        officers = _officer_on(actor, i)
        require_transition(i, "record")
        by_name = {o.username: o for o in officers}
        shown: list[Staff] = []
        for name in dict.fromkeys(certificates_shown or []):
            if name not in by_name:
                raise Invalid(
                    f"{name}不是本次检查的检查人员",
                    details={"certificates_shown": f"{name}不是本次检查的检查人员"},
                )
            shown.append(by_name[name])
        enforce(
            checks.approved_in_time(i, today=today, what="记录检查情况")
            + checks.inspecting_officers(shown, today)
        )
        numbers = []
        for person in shown:
            cert = valid_certificate(person, today)
            assert cert is not None  # checked by checks.inspecting_officers
            numbers.append({"officer": person.username, "number": cert.number})
        i.findings, i.ok, i.certificates, i.recorded_on = text, ok, numbers, today
        transition(
            i,
            to=Status.RECORDED,
            actor=actor,
            action="record",
            payload={"findings": text, "ok": ok, "certificates": numbers},
            update_fields=["findings", "ok", "certificates", "recorded_on"],
        )
    return i


def notify_result(
    inspection_id: int, *, actor: Staff, result: str, told_on: dt.date | None = None
) -> Inspection:
    """JC-6: the result told to the enterprise in writing (检查结果告知书)."""
    errors: dict[str, str] = {}
    text = _text(errors, "result", "告知内容", result, TEXT_MAX)
    today = clock.today()
    day = told_on or today
    if day > today:
        errors["told_on"] = "告知日期不能晚于今天"
    raise_invalid(errors)
    with transaction.atomic():
        i = _lock(inspection_id)
        _officer_on(actor, i)
        require_transition(i, "notify_result")
        assert i.recorded_on is not None  # status RECORDED
        if day < i.recorded_on:
            raise Invalid("告知日期不能早于检查日期", details={"told_on": "不能早于检查日期"})
        i.result, i.result_told_on = text, day
        transition(
            i,
            to=Status.TOLD,
            actor=actor,
            action="notify_result",
            payload={"result": text, "told_on": day.isoformat()},
            update_fields=["result", "result_told_on"],
        )
    return i


def order_correction(
    inspection_id: int, *, actor: Staff, deadline: dt.date | None, content: str
) -> Inspection:
    """ZL-1: a correction order with a concrete deadline; JC-6: only on findings."""
    errors: dict[str, str] = {}
    text = _text(errors, "content", "责令改正内容", content, TEXT_MAX)
    raise_invalid(errors)
    today = clock.today()
    with transaction.atomic():
        i = _lock(inspection_id)
        _officer_on(actor, i)
        require_transition(i, "order_correction")
        if i.correction_ordered_on is not None:
            raise StateError(
                "本次检查已经责令改正", details={"deadline": str(i.correction_deadline)}
            )
        enforce(checks.no_burden(i) + checks.correction(deadline=deadline, today=today))
        i.correction_deadline, i.correction_content = deadline, text
        i.correction_ordered_on = today
        transition(
            i,
            to=i.status,
            actor=actor,
            action="order_correction",
            payload={"deadline": str(deadline), "content": text},
            update_fields=["correction_deadline", "correction_content", "correction_ordered_on"],
        )
    return i


def close(inspection_id: int, *, actor: Staff, outcome_721: str = "") -> Inspection:
    """JC-6: closes once the result was told in writing (and findings were followed up)."""
    # --- helper:service --- the "721" outcome where the inspection cannot tell it
    try:
        outcome = parse_721(outcome_721)
    except ValueError:
        raise Invalid(
            "721分类应为 service（服务）、management（管理）或 enforcement（执法）",
            details={"outcome_721": "取值不正确"},
        ) from None
    # --- /helper:service ---
    today = clock.today()
    with transaction.atomic():
        i = _lock(inspection_id)
        _officer_on(actor, i)
        require_transition(i, "close")
        enforce(
            checks.told_in_writing(i)
            + checks.approved_in_time(i, today=today, what="办结", final=True)
        )
        # --- helper:service --- what the workflow tells is not overwritten by what is typed
        told = "enforcement" if i.case_id else "management" if i.correction_ordered_on else ""
        if outcome and told and outcome != told:
            raise Invalid(
                "已立案查处的检查计为执法，已责令改正的计为管理，不能另行分类",
                details={"outcome_721": f"应为 {told}"},
            )
        i.outcome_721 = outcome
        # --- /helper:service ---
        i.closed_on = today
        transition(
            i,
            to=Status.CLOSED,
            actor=actor,
            action="close",
            payload={
                "closed_on": today.isoformat(),
                "outcome_721": outcome,  # --- helper:service ---
            },
            update_fields=["closed_on", "outcome_721"],  # --- helper:service --- outcome_721
        )
    return i


# --- helper:inspections2 ---
# 名录库 import (CSV) -----------------------------------------------------------------------------

# Column → the headers accepted for it (English as in the API, Chinese as a bureau's sheet has them).
IMPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "kind": ("kind", "类型"),
    "name": ("name", "名称"),
    "credit_code": ("credit_code", "统一社会信用代码"),
    "address": ("address", "地址"),
    "grid": ("grid", "网格", "单元网格", "网格编码"),
    "town": ("town", "乡镇（街道）", "乡镇(街道)", "乡镇", "街道"),
}
IMPORT_REQUIRED = ("kind", "name", "address")
IMPORT_KINDS = {
    "enterprise": SupervisedEntity.Kind.ENTERPRISE,
    "企业": SupervisedEntity.Kind.ENTERPRISE,
    "site": SupervisedEntity.Kind.SITE,
    "场所": SupervisedEntity.Kind.SITE,
    "person": SupervisedEntity.Kind.PERSON,
    "个体工商户": SupervisedEntity.Kind.PERSON,
}
IMPORT_MAX_ROWS = 20000


def _columns(header: Sequence[str]) -> dict[str, int]:
    names = [h.strip().lstrip("\ufeff") for h in header]
    out: dict[str, int] = {}
    for column, accepted in IMPORT_COLUMNS.items():
        for n, name in enumerate(names):
            if name.lower() in accepted or name in accepted:
                out[column] = n
                break
    missing = [IMPORT_COLUMNS[c][1] for c in IMPORT_REQUIRED if c not in out]
    if missing:
        raise Invalid(
            f"导入文件缺少列：{'、'.join(missing)}（首行应为列名）",
            details={"file": f"缺少列：{'、'.join(missing)}"},
        )
    return out


def _towns(bureau_id: int) -> set[str]:
    """Towns and streets of the bureau: its town/street teams' areas (names as the grids carry
    them, and the teams' own names)."""
    units = OrgUnit.objects.filter(
        bureau_id=bureau_id, kind__in=(OrgUnit.Kind.TOWN, OrgUnit.Kind.STREET)
    ).values_list("name", flat=True)
    return set(units)


def _import_rows(
    actor: Staff, text: str
) -> tuple[list[SupervisedEntity], list[dict[str, Any]], int]:
    """Parse and check every row; the entities to create, every bad row, and the rows read."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        raise Invalid("导入文件为空", details={"file": "文件为空"}) from None
    except csv.Error as exc:
        raise Invalid("导入文件不是有效的CSV", details={"file": str(exc)}) from exc
    cols = _columns(header)
    try:
        grids: dict[str, tuple[str, int | None]] = links.ask(
            "citycases.grid_streets", actor.bureau_id
        )
    except LookupError:
        grids = {}
    towns = _towns(actor.bureau_id) | {street for street, _ in grids.values()}
    known = dict(
        SupervisedEntity.objects.filter(bureau_id=actor.bureau_id)
        .exclude(credit_code="")
        .values_list("credit_code", "name")
    )
    seen: dict[str, int] = {}
    team = queries.team_only(actor)
    out: list[SupervisedEntity] = []
    bad: list[dict[str, Any]] = []
    read = 0

    def cell(row: Sequence[str], column: str) -> str:
        n = cols.get(column)
        return row[n].strip() if n is not None and n < len(row) else ""

    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            bad.append({"line": reader.line_num, "field": "file", "reason": f"CSV格式错误：{exc}"})
            break
        line = reader.line_num
        if not any(c.strip() for c in row):
            continue  # blank lines are no rows
        read += 1
        if read > IMPORT_MAX_ROWS:
            raise Invalid(
                f"一次最多导入{IMPORT_MAX_ROWS}行，请分批导入", details={"file": "行数过多"}
            )

        def fail(field: str, reason: str, line: int = line) -> None:
            bad.append({"line": line, "field": field, "reason": reason})

        raw_kind = cell(row, "kind")
        kind = IMPORT_KINDS.get(raw_kind.lower()) or IMPORT_KINDS.get(raw_kind)
        if kind is None:
            fail(
                "kind",
                f"类型“{raw_kind}”不正确，应为企业、场所或个体工商户（enterprise|site|person）",
            )
        name = cell(row, "name")
        if not name:
            fail("name", "名称为空")
        elif len(name) > 200:
            fail("name", "名称不超过200字")
        address = cell(row, "address")
        if not address:
            fail("address", "地址为空")
        elif len(address) > 300:
            fail("address", "地址不超过300字")
        code = "".join(cell(row, "credit_code").split()).upper()
        if kind == SupervisedEntity.Kind.ENTERPRISE and not code:
            fail("credit_code", "企业须填写统一社会信用代码")
        elif code and not valid_credit_code(code):
            hint = ""
            if len(code) == 18:
                try:
                    hint = f"（按GB 32100校验位应为{uscc_check_char(code[:17])}）"
                except ValueError:
                    hint = ""
            fail("credit_code", f"统一社会信用代码“{code}”格式或校验位不正确{hint}")
        elif code in seen:
            fail("credit_code", f"统一社会信用代码“{code}”与第{seen[code]}行重复")
        elif code in known:
            fail("credit_code", f"统一社会信用代码“{code}”已在名录库中（{known[code]}）")
        if code and code not in seen:
            seen[code] = line
        grid, town = cell(row, "grid"), cell(row, "town")
        unit_id = actor.unit_id
        if grid:
            if grid not in grids:
                fail("grid", f"网格“{grid}”不在本局单元网格中")
            else:
                street, grid_unit = grids[grid]
                if town and town != street:
                    fail("town", f"网格“{grid}”属于{street}，与所填乡镇（街道）“{town}”不符")
                town = town or street
                # 属地: the object belongs to the team answerable for its grid (ORG-5).
                if grid_unit is not None and not team:
                    unit_id = grid_unit
        if town and town not in towns:
            fail("town", f"乡镇（街道）“{town}”不在本局辖区")
        if team and unit_id != actor.unit_id:
            unit_id = actor.unit_id
        out.append(
            SupervisedEntity(
                bureau_id=actor.bureau_id,
                unit_id=unit_id,
                kind=kind or "",
                name=name,
                credit_code=code,
                address=address,
                grid=grid[:20],
                town=town[:40],
            )
        )
    if read == 0 and not bad:
        raise Invalid("导入文件中没有数据行", details={"file": "没有数据行"})
    return out, bad, read


def import_entities(*, actor: Staff, text: str, dry_run: bool = False) -> dict[str, Any]:
    """The 名录库 from a CSV (UTF-8, with or without BOM): all or nothing. One bad row writes
    nothing and the report lists every bad row with its line and the Chinese reason; a good file
    writes every row and one ledger entry. A dry run checks and writes nothing."""
    # The role first: a wrong role learns nothing about its input.
    require(actor, "inspections.entity.import")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with transaction.atomic():
        rows, bad, read = _import_rows(actor, text)
        report: dict[str, Any] = {
            "dry_run": dry_run,
            "ok": not bad,
            "rows": read,
            "created": 0,
            "errors": bad,
            "sha256": digest,
        }
        if dry_run:
            return report
        if bad:
            raise Invalid(
                f"名录库导入有误：{len({b['line'] for b in bad})}行有误，未导入任何记录",
                details={"rows": bad},
            )
        try:
            # A savepoint: an import racing another one on the same code meets the constraint.
            with transaction.atomic():
                made = SupervisedEntity.objects.bulk_create(rows)
        except IntegrityError as exc:
            raise Invalid(
                "名录库导入有误：统一社会信用代码已在名录库中，未导入任何记录",
                details={"rows": [{"line": 0, "field": "credit_code", "reason": "已在名录库中"}]},
            ) from exc
        ids = [e.pk for e in made if e.pk is not None]
        record(
            actor,
            "inspection.entity.import",
            ("inspections.entityimport", digest[:16]),
            {
                "rows": len(made),
                "sha256": digest,
                "first_id": min(ids) if ids else None,
                "last_id": max(ids) if ids else None,
            },
        )
        report["created"] = len(made)
    return report


# 复查 of the correction order (ZL-1) --------------------------------------------------------------

RECHECK_RESULTS = {"met": True, "unmet": False}


def recheck(
    inspection_id: int, *, actor: Staff, on: dt.date | None, result: str, record_text: str
) -> Inspection:
    """ZL-1: the officer's follow-up check of the correction order, after its deadline: met, or
    unmet — then a ground for a penalty case (``open_case``)."""
    errors: dict[str, str] = {}
    if result not in RECHECK_RESULTS:
        errors["result"] = "复查结论应为 met（已整改）或 unmet（未整改）"
    text = _text(errors, "record", "复查记录", record_text, TEXT_MAX)
    today = clock.today()
    day = on or today
    if day > today:
        errors["on"] = "复查日期不能晚于今天"
    raise_invalid(errors)
    with transaction.atomic():
        i = _lock(inspection_id)
        require(actor, "inspections.inspect", i)
        require_transition(i, "recheck")
        if i.correction_ordered_on is None or i.correction_deadline is None:
            raise StateError("本次检查未责令改正，无需复查", details={"correction": None})
        if i.rechecked_on is not None:
            raise StateError("该责令改正已经复查", details={"rechecked_on": str(i.rechecked_on)})
        enforce(checks.recheck_after_deadline(deadline=i.correction_deadline, on=day))
        i.rechecked_on, i.recheck_met = day, RECHECK_RESULTS[result]
        i.recheck_record, i.rechecked_by = text, actor
        transition(
            i,
            to=i.status,
            actor=actor,
            action="recheck",
            payload={"on": day.isoformat(), "result": result, "record": text},
            update_fields=["rechecked_on", "recheck_met", "recheck_record", "rechecked_by"],
        )
    return i


# A penalty case from an inspection (JC-6) -----------------------------------------------------


def open_case(
    inspection_id: int,
    *,
    actor: Staff,
    facts: str = "",
    act_date: dt.date | None = None,
    party: dict[str, Any] | None = None,
) -> Inspection:
    """JC-6: findings followed up by a penalty case (source ``inspection``), opened through the
    penalties actions in this transaction; the inspection keeps the case's number and may then
    close without a correction order. Inspections does not import penalties (siblings): the case is
    opened through ``core.links`` ("penalties.open_case"), installed by the top layer."""
    errors: dict[str, str] = {}
    if len((facts or "").strip()) > TEXT_MAX:
        errors["facts"] = f"违法事实不超过{TEXT_MAX}字"
    if act_date is not None and act_date > clock.today():
        errors["act_date"] = "违法行为发生日期不能晚于今天"
    raise_invalid(errors)
    with transaction.atomic():
        i = _lock(inspection_id)
        officers = _officer_on(actor, i)
        require_transition(i, "open_case")
        if i.case_id is not None:
            raise StateError(
                f"本次检查已立案查处（{i.case_number}）", details={"case": i.case_number}
            )
        # An inspection that found nothing closes without burden (JC-6).
        enforce(checks.no_burden(i))
        assert i.recorded_on is not None  # status RECORDED or later
        e = i.entity
        if party is None:
            if e.kind == SupervisedEntity.Kind.SITE:
                raise Invalid(
                    "场所类检查对象须写明当事人（party）后方可立案",
                    details={"party": "场所不是当事人，请填写当事人"},
                )
            party = {
                "kind": "organisation" if e.kind == SupervisedEntity.Kind.ENTERPRISE else "person",
                "name": e.name,
                "credit_code": e.credit_code if e.kind == SupervisedEntity.Kind.ENTERPRISE else "",
                "address": e.address,
            }
        try:
            case_id, number = links.ask(
                "penalties.open_case",
                actor=actor,
                procedure="general",
                power_item=i.item.power_item.code,
                party=party,
                facts=(facts or "").strip() or i.findings,
                act_date=act_date or i.recorded_on,
                discovered_date=i.recorded_on,
                officers=[o.username for o in officers],
                source="inspection",
            )
        except LookupError as exc:
            raise Invalid("行政处罚模块不可用", details={"case": "不可用"}) from exc
        i.case_id, i.case_number = case_id, number
        transition(
            i,
            to=i.status,
            actor=actor,
            action="open_case",
            payload={"case": case_id, "number": number},
            update_fields=["case_id", "case_number"],
        )
    return i


# SJ-2: publication of the draw and its outcomes ----------------------------------------------


def publish_plan(plan_id: int, *, actor: Staff) -> InspectionPlan:
    """SJ-2: the draw's result goes on the portal (the outcomes of its inspections follow there as
    each is told); one published after the setting's working days is flagged late."""
    today = clock.today()
    with transaction.atomic():
        plan = _lock_plan(plan_id)
        require(actor, "inspections.plan.publish", plan)
        if plan.published_on is not None:
            raise StateError(
                "该抽查计划的结果已经公示", details={"published_on": str(plan.published_on)}
            )
        enforce(checks.publishable(plan))
        plan.published_on = today
        plan.publish_late = plan.publish_due is not None and today > plan.publish_due
        plan.save(update_fields=["published_on", "publish_late"])
        record(
            actor,
            "inspection.plan.publish",
            plan,
            {
                "published_on": today.isoformat(),
                "due": str(plan.publish_due) if plan.publish_due else None,
                "late": plan.publish_late,
            },
        )
    return plan


# --- /helper:inspections2 ---


# --- helper:insp-web ---
# Photos of the on-site record: evidence blobs named after the inspection (the per-use BlobLink of
# the ledger's store), read back through the inspection's own scope — as a city case's photos.

PHOTO_STATUSES = frozenset({Status.CHECKED_IN, Status.RECORDED, Status.TOLD})


def add_photo(
    inspection_id: int, *, actor: Staff, upload: Any, label: str = "现场照片"
) -> tuple[Inspection, Blob]:
    """A photo taken on site by one of the inspection's officers, once inside (checked in) and
    until the inspection is closed; stored with the ledger's evidence entry."""
    with transaction.atomic():
        i = _lock(inspection_id)
        _officer_on(actor, i)
        if i.status not in PHOTO_STATUSES:
            raise StateError(
                f"该检查当前状态为“{Status(i.status).label}”，不能上传现场照片",
                details={"status": i.status, "action": "photo"},
            )
        name = str(getattr(upload, "name", "") or "photo.jpg")
        ext = (name.rsplit(".", 1)[-1].lower() if "." in name else "jpg")[:5]
        blob = store_blob(
            upload,
            actor=actor,
            name=f"{queries.photo_prefix(i)}{label[:40]}.{ext}",
            content_type=getattr(upload, "content_type", "") or "",
        )
    return i, blob


# The enterprise's word on an inspection of itself (portal) -----------------------------------

FEEDBACK_MAX = 1000


def public_feedback(*, code: str, credit_code: str, kind: str, text: str) -> InspectionFeedback:
    """A comment or complaint by the inspected enterprise, proved by the inspection code and its
    统一社会信用代码 together (a wrong pair is the same 404 as an unknown code). The text passes the
    PII scrubber before it is kept: it is shown to staff who need no phone or ID numbers."""
    errors: dict[str, str] = {}
    if kind not in InspectionFeedback.Kind.values:
        errors["kind"] = "请选择意见建议或投诉"
    body = _text(errors, "text", "内容", text, FEEDBACK_MAX)
    raise_invalid(errors)
    with transaction.atomic():
        found = queries.own_inspection(code, credit_code)
        if found is None:
            raise NotFound("检查码或统一社会信用代码不正确，请核对后重新输入")
        note = InspectionFeedback.objects.create(
            bureau_id=found.bureau_id,
            inspection=found,
            kind=kind,
            text=scrub(body),
            created_at=clock.now(),
        )
        record(
            None,
            "inspection.feedback",
            found,
            {"kind": kind, "feedback": note.pk},
            bureau_id=found.bureau_id,
        )
    return note


# --- /helper:insp-web ---
