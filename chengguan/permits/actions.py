"""行政许可 actions (keyword-only); each is one transaction with its ledger entry (and, for an
application from 一网通办, its status message).

The checks of LEGAL-RULES §12 (XK-1, XK-32, XK-38, XK-40, XK-42) run inside the transaction after
the row is locked, so a refused action writes nothing and two clerks cannot both win.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction

from chengguan.core import clock, links, workdays
from chengguan.core.errors import Forbidden, Invalid, NotFound, StateError, enforce, raise_invalid
from chengguan.core.numbering import next_number
from chengguan.core.pii import (
    new_query_code,
    query_code_digest,
    valid_credit_code,
    valid_id_number,
)
from chengguan.core.rules import local
from chengguan.ledger.actions import record
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require
from chengguan.permits import checks, queries, stalls, ywtb
from chengguan.permits.models import (
    PermitApplication,
    PermitKind,
    PermitLink,
    PermitStatusMessage,
    StallAllocation,
    StallPoint,
)
from chengguan.permits.states import ApplicantKind, Channel, Status
from chengguan.permits.transitions import require_transition, transition

TEXT_MAX = 2000
EXCLUDED_KINDS = {"hearing": "听证", "expert_review": "专家评审", "testing": "检验、检测、检疫"}


def _text(errors: dict[str, str], field: str, label: str, value: str, limit: int = 200) -> str:
    v = (value or "").strip()
    if not v:
        errors[field] = f"{label}必填"
    elif len(v) > limit:
        errors[field] = f"{label}不超过{limit}字"
    return v


def _names(errors: dict[str, str], field: str, label: str, values: Any) -> list[str]:
    if not isinstance(values, list | tuple) or not all(isinstance(v, str) for v in values):
        errors[field] = f"{label}应为文字列表"
        return []
    out = list(dict.fromkeys(v.strip() for v in values if v.strip()))
    if any(len(v) > 100 for v in out):
        errors[field] = f"{label}每项不超过100字"
    if len(out) > 50:
        errors[field] = f"{label}不超过50项"
    return out


def _in_unit(actor: Staff, unit_id: int | None, unit_name: str = "") -> None:
    """Outside the bureau-wide roles, only the unit that handles the kind acts on it."""
    if not queries.handles(actor, unit_id):
        raise Forbidden(
            f"该许可事项由{unit_name or '其他单位'}承办，您所在单位不能办理",
            details={"unit": unit_name},
        )


# 许可事项 (XK-1) ---------------------------------------------------------------------------------


def add_kind(
    *,
    actor: Staff,
    code: str,
    name: str,
    legal_basis: str,
    materials: Sequence[str],
    validity_days: int | None = None,
    conditions: str = "",
    unit: str = "",
) -> PermitKind:
    # The role first: a wrong role learns nothing about its input.
    require(actor, "permits.kind.manage")
    errors: dict[str, str] = {}
    code = _text(errors, "code", "事项编码", code, 40)
    name = _text(errors, "name", "许可事项名称", name)
    legal_basis = _text(errors, "legal_basis", "设定依据", legal_basis, TEXT_MAX)
    names = _names(errors, "materials", "申请材料清单", list(materials))
    if not names and "materials" not in errors:
        errors["materials"] = "申请材料清单至少一项"
    if validity_days is not None and validity_days < 1:
        errors["validity_days"] = "有效期应为正整数（日）"
    if len(conditions or "") > TEXT_MAX:
        errors["conditions"] = f"许可条件不超过{TEXT_MAX}字"
    raise_invalid(errors)
    with transaction.atomic():
        handler = None
        if unit:
            handler = OrgUnit.objects.filter(bureau_id=actor.bureau_id, code=unit).first()
            if handler is None:
                raise Invalid(f"未找到承办单位 {unit}", details={"unit": "未找到该单位"})
        if PermitKind.objects.filter(bureau_id=actor.bureau_id, code=code).exists():
            raise Invalid("事项编码已存在", details={"code": "事项编码已存在"})
        kind = PermitKind.objects.create(
            bureau_id=actor.bureau_id,
            unit=handler,
            code=code,
            name=name,
            legal_basis=legal_basis,
            materials=names,
            validity_days=validity_days,
            conditions=(conditions or "").strip(),
        )
        record(actor, "permit.kind.add", kind, {"code": code, "materials": names})
    return kind


# Intake (counter and 一网通办) ---------------------------------------------------------------------


def _applicant(errors: dict[str, str], applicant: Mapping[str, Any]) -> dict[str, str]:
    if not isinstance(applicant, Mapping):
        errors["applicant"] = "申请人信息应为对象"
        return {}
    kind = str(applicant.get("kind") or "")
    if kind not in ApplicantKind.values:
        errors["applicant.kind"] = (
            "申请人类型应为 person（自然人）或 organisation（法人或其他组织）"
        )
    name = _text(errors, "applicant.name", "申请人姓名或名称", str(applicant.get("name") or ""))
    if kind == ApplicantKind.PERSON:
        ident = "".join(str(applicant.get("id_number") or "").split()).upper()
        if not valid_id_number(ident):
            errors["applicant.id_number"] = "公民身份号码格式、出生日期或校验位不正确"
    else:
        ident = "".join(str(applicant.get("credit_code") or "").split()).upper()
        if kind and not valid_credit_code(ident):
            errors["applicant.credit_code"] = "统一社会信用代码格式或校验位不正确"
    phone = "".join(str(applicant.get("phone") or "").split())
    if phone and (len(phone) > 20 or not phone.replace("-", "").isdigit()):
        errors["applicant.phone"] = "联系电话应为数字，不超过20位"
    return {"kind": kind, "name": name, "id": ident, "phone": phone}


def apply(
    *,
    actor: Staff | None,
    kind: str,
    applicant: Mapping[str, Any],
    materials: Sequence[str] = (),
    location: str = "",
    period: str = "",
    received_on: dt.date | None = None,
    channel: str = Channel.COUNTER,
    external_number: str = "",
    stall_point: int | None = None,
    pledge_signed: bool = False,
    bureau: OrgUnit | None = None,  # --- helper:portal ---
    goods: str = "",  # --- helper:portal ---
) -> tuple[PermitApplication, bool]:
    """Register an application; (application, created). From 一网通办 the platform's number makes
    it idempotent: a replay answers the application already registered, writing nothing.

    --- helper:portal --- ``actor`` None with ``bureau`` and channel ``portal``: a stall keeper
    applying on the public portal for a place at a 便民临时摊点 (decision 088). Only the stall
    kind, only with the pledge signed; the application gets a query code (``app.query_code``,
    kept as a hash) for the applicant to follow it. Everything else is the counter's path."""
    errors: dict[str, str] = {}
    public = actor is None
    if actor is not None:
        require(actor, "permits.apply")
        bureau_id = int(actor.bureau_id or 0)
        if channel == Channel.PORTAL:
            errors["channel"] = "门户申请只能由申请人本人在公众服务门户提交"
    elif bureau is not None:
        bureau_id = bureau.pk
        if channel != Channel.PORTAL:
            raise ValueError("an application without an actor comes from the portal")
        if not pledge_signed:
            errors["pledge_signed"] = "请阅读并勾选经营承诺"
    else:
        raise ValueError("apply needs an actor or a bureau")
    goods = " ".join((goods or "").split())
    if len(goods) > 200:
        errors["goods"] = "经营品种不超过200字"
    # --- /helper:portal ---
    today = clock.today()
    if channel not in Channel.values:
        errors["channel"] = "申请渠道应为 counter（窗口）或 ywtb（一网通办）"
    external = (external_number or "").strip()
    if channel == Channel.YWTB and not external:
        errors["external_number"] = "一网通办申请须填写平台申请编号"
    elif channel in (Channel.COUNTER, Channel.PORTAL) and external:
        errors["external_number"] = "窗口申请不填写一网通办申请编号"
    elif len(external) > 64:
        errors["external_number"] = "一网通办申请编号不超过64位"
    if channel == Channel.YWTB and external and not errors:
        # The replay is answered before anything else is looked at: the platform retries with
        # the same body, and must get the same answer even after the rules changed.
        found = PermitApplication.objects.filter(
            bureau_id=bureau_id, external_number=external
        ).first()
        if found is not None and actor is not None:
            # Another unit's clerk learns nothing of it, as on every other path.
            _in_unit(actor, found.unit_id, found.unit.name if found.unit else "")
            return found, False
    who = _applicant(errors, applicant)
    names = _names(errors, "materials", "申请材料", list(materials))
    if len(location or "") > 300:
        errors["location"] = "地点不超过300字"
    if len(period or "") > 100:
        errors["period"] = "申请期限不超过100字"
    received = received_on or today
    if received > today:
        errors["received_on"] = "收到申请日期不能晚于今天"
    raise_invalid(errors)
    with transaction.atomic():
        found_kind = (
            PermitKind.objects.filter(bureau_id=bureau_id, code=kind, active=True)
            .select_related("unit")
            .first()
        )
        if found_kind is None:
            raise Invalid(f"未找到许可事项 {kind}", details={"kind": "未找到该许可事项"})
        if actor is not None:
            _in_unit(actor, found_kind.unit_id, found_kind.unit.name if found_kind.unit else "")
        elif found_kind.name != stalls.STALL_KIND_NAME:  # --- helper:portal ---
            raise Invalid(
                "公众服务门户只受理便民临时摊点申请", details={"kind": "请到窗口或一网通办申请"}
            )
        point = _stall_point_for(bureau_id, found_kind, stall_point, today)
        try:
            # A savepoint around the number and the row: two deliveries of the same platform
            # number at once both pass the lookup above; the constraint decides, and the loser
            # answers the winner's application without a gap in the numbers.
            with transaction.atomic():
                year = received.year
                app = PermitApplication(
                    bureau_id=bureau_id,
                    unit_id=found_kind.unit_id,
                    number=f"XK{year}{next_number(bureau_id, 'permit', year):06d}",
                    kind=found_kind,
                    applicant_kind=who["kind"],
                    applicant_name=who["name"],
                    applicant_id=who["id"],
                    applicant_phone=who["phone"],
                    location=(location or "").strip(),
                    period=(period or "").strip(),
                    materials=names,
                    received_on=received,
                    channel=channel,
                    external_number=external,
                    stall_point=point,
                    pledge_signed=bool(pledge_signed) and point is not None,
                    # XK-32: accept, or tell what is missing, within 5 working days.
                    accept_by=workdays.add_workdays(received, checks.ACCEPT_WORKDAYS),
                    created_by=actor,
                    created_at=clock.now(),
                    goods=goods,  # --- helper:portal ---
                )
                if public:  # --- helper:portal --- shown once, kept only as a keyed hash
                    app.query_code = new_query_code()
                    app.query_code_digest = query_code_digest(app.query_code)
                transition(
                    app,
                    to=Status.RECEIVED,
                    actor=actor,
                    action="create",
                    payload={
                        "number": app.number,
                        "kind": found_kind.code,
                        "channel": channel,
                        "external_number": external,
                        "materials": names,
                        "received_on": received.isoformat(),
                        **(
                            {"stall_point": point.pk, "pledge_signed": app.pledge_signed}
                            if point is not None
                            else {}
                        ),
                    },
                )
        except IntegrityError:
            if not external:
                raise
            found = PermitApplication.objects.filter(
                bureau_id=bureau_id, external_number=external
            ).first()
            if found is None:
                raise
            return found, False
    return app, True


# The steps --------------------------------------------------------------------------------------


def _lock(app_id: int, actor: Staff, perm: str) -> PermitApplication:
    app = (
        # of=("self",): PostgreSQL cannot lock the nullable side (unit) of the outer join.
        PermitApplication.objects.select_for_update(of=("self",))
        .select_related("kind", "unit")
        .filter(pk=app_id)
        .first()
    )
    if app is None:
        raise NotFound("未找到该许可申请，或您无权查看")
    require(actor, perm, app)
    _in_unit(actor, app.unit_id, app.unit.name if app.unit else "")
    return app


def _materialise_deemed(app: PermitApplication, today: dt.date) -> list[str]:
    """XK-32: an application counting as accepted gets its decide_by stored (from receipt) the
    first time an action touches it; the fields to save."""
    if app.decide_by is None and queries.deemed_accepted(app, today):
        app.decide_by = queries.decide_by(app, today)
        return ["decide_by"]
    return []


def accept(app_id: int, *, actor: Staff) -> PermitApplication:
    today = clock.today()
    with transaction.atomic():
        app = _lock(app_id, actor, "permits.handle")
        require_transition(app, "accept")
        enforce(checks.within_acceptance(app, today=today, what="办理受理"))
        app.accepted_on = today
        # XK-42: 20 working days from acceptance.
        app.decide_by = workdays.add_workdays(today, checks.DECIDE_WORKDAYS)
        transition(
            app,
            to=Status.ACCEPTED,
            actor=actor,
            action="accept",
            payload={"accepted_on": today.isoformat(), "decide_by": app.decide_by.isoformat()},
            update_fields=["accepted_on", "decide_by"],
        )
    return app


def request_materials(app_id: int, *, actor: Staff, missing: Sequence[str]) -> PermitApplication:
    """XK-32: the one-time, complete notice of what is missing (一次性告知)."""
    errors: dict[str, str] = {}
    names = _names(errors, "missing", "缺少的材料", list(missing))
    if not names and "missing" not in errors:
        errors["missing"] = "请列明缺少的材料"
    raise_invalid(errors)
    today = clock.today()
    with transaction.atomic():
        app = _lock(app_id, actor, "permits.handle")
        require_transition(app, "request_materials")
        enforce(
            checks.within_acceptance(app, today=today, what="要求补正材料")
            + checks.one_time_notice(app, required=app.kind.materials, missing=names)
        )
        app.missing, app.materials_requested_on = names, today
        transition(
            app,
            to=Status.MATERIALS_REQUESTED,
            actor=actor,
            action="request_materials",
            payload={"missing": names, "told_on": today.isoformat()},
            update_fields=["missing", "materials_requested_on"],
        )
    return app


def supplement(app_id: int, *, actor: Staff, materials: Sequence[str]) -> PermitApplication:
    """The applicant hands in what was missing: the 5 working days run again from that day."""
    errors: dict[str, str] = {}
    names = _names(errors, "materials", "补正的材料", list(materials))
    if not names and "materials" not in errors:
        errors["materials"] = "请列明补正的材料"
    raise_invalid(errors)
    today = clock.today()
    with transaction.atomic():
        app = _lock(app_id, actor, "permits.handle")
        require_transition(app, "supplement")
        app.materials = list(dict.fromkeys([*app.materials, *names]))
        app.supplemented_on = today
        app.accept_by = workdays.add_workdays(today, checks.ACCEPT_WORKDAYS)
        transition(
            app,
            to=Status.RECEIVED,
            actor=actor,
            action="supplement",
            payload={"materials": names, "accept_by": app.accept_by.isoformat()},
            update_fields=["materials", "supplemented_on", "accept_by"],
        )
    return app


def _open_for_decision(app: PermitApplication, today: dt.date, action: str) -> list[str]:
    require_transition(app, action)
    if app.status == Status.RECEIVED and not queries.deemed_accepted(app, today):
        raise StateError(
            "该申请尚未受理，请先受理或一次性告知补正材料",
            details={"status": app.status, "action": action},
        )
    return _materialise_deemed(app, today)


def extend_time(app_id: int, *, actor: Staff, reason: str) -> PermitApplication:
    """XK-42: the head extends once by 10 working days, with the reason told to the applicant."""
    if len(reason or "") > TEXT_MAX:
        raise Invalid("延长理由过长", details={"reason": f"延长理由不超过{TEXT_MAX}字"})
    today = clock.today()
    with transaction.atomic():
        app = _lock(app_id, actor, "permits.extend")
        fields = _open_for_decision(app, today, "extend_time")
        enforce(checks.extension(app, today=today, reason=reason or ""))
        assert app.decide_by is not None  # accepted or deemed accepted
        before = app.decide_by
        app.decide_by = workdays.add_workdays(before, checks.EXTENSION_WORKDAYS)
        app.extended, app.extension_reason, app.extended_by = True, reason.strip(), actor
        transition(
            app,
            to=app.status,
            actor=actor,
            action="extend_time",
            payload={
                "reason": app.extension_reason,
                "from_decide_by": before.isoformat(),
                "decide_by": app.decide_by.isoformat(),
            },
            update_fields=[*fields, "decide_by", "extended", "extension_reason", "extended_by"],
        )
    return app


def pause(app_id: int, *, actor: Staff, kind: str, reason: str = "") -> PermitApplication:
    """XK-42 (行政许可法 第四十五条): a hearing, expert review or testing is excluded from the
    period, and the applicant is told."""
    if kind not in EXCLUDED_KINDS:
        raise Invalid(
            "扣除期间事由不正确",
            details={
                "kind": "应为 hearing（听证）、expert_review（专家评审）或 testing（检验检测）"
            },
        )
    if len(reason or "") > 200:
        raise Invalid("说明过长", details={"reason": "说明不超过200字"})
    today = clock.today()
    with transaction.atomic():
        app = _lock(app_id, actor, "permits.handle")
        fields = _open_for_decision(app, today, "pause")
        if app.paused_on is not None:
            raise StateError("该申请已在扣除期间内", details={"paused_on": str(app.paused_on)})
        app.paused_on = today
        app.pause_reason = f"{EXCLUDED_KINDS[kind]}：{(reason or '').strip()}".rstrip("：")
        transition(
            app,
            to=app.status,
            actor=actor,
            action="pause",
            payload={"kind": kind, "reason": app.pause_reason, "paused_on": today.isoformat()},
            update_fields=[*fields, "paused_on", "pause_reason"],
        )
    return app


def resume(app_id: int, *, actor: Staff) -> PermitApplication:
    """The excluded period ends: decide_by moves by the working days it took."""
    today = clock.today()
    with transaction.atomic():
        app = _lock(app_id, actor, "permits.handle")
        require_transition(app, "resume")
        if app.paused_on is None or app.decide_by is None:
            raise StateError("该申请不在扣除期间内", details={"action": "resume"})
        excluded = max(workdays.workdays_between(app.paused_on, today), 0)
        before = app.decide_by
        app.decide_by = workdays.add_workdays(before, excluded)
        app.excluded_workdays += excluded
        started, app.paused_on, app.pause_reason = app.paused_on, None, ""
        transition(
            app,
            to=app.status,
            actor=actor,
            action="resume",
            payload={
                "paused_on": started.isoformat(),
                "excluded_workdays": excluded,
                "decide_by": app.decide_by.isoformat(),
            },
            update_fields=["decide_by", "excluded_workdays", "paused_on", "pause_reason"],
        )
    return app


def _decided(app: PermitApplication, actor: Staff, today: dt.date) -> None:
    if app.paused_on is not None:
        raise StateError("扣除期间尚未结束，请先结束听证、专家评审或检验检测期间", details={})
    app.decided_on, app.decided_by = today, actor
    # XK-42: a late decision is still made (refusing it would only hurt the applicant); it is
    # recorded as late.
    app.decided_late = app.decide_by is not None and today > app.decide_by


def grant_permit(
    app_id: int,
    *,
    actor: Staff,
    valid_from: dt.date | None,
    valid_to: dt.date | None,
    conditions: str | None = None,
) -> PermitApplication:
    errors: dict[str, str] = {}
    if valid_from is None:
        errors["valid_from"] = "请填写许可有效期起始日期"
    if valid_to is None:
        errors["valid_to"] = "请填写许可有效期截止日期"
    elif valid_from is not None and valid_to < valid_from:
        errors["valid_to"] = "有效期截止日期不能早于起始日期"
    if conditions is not None and len(conditions) > TEXT_MAX:
        errors["conditions"] = f"许可条件不超过{TEXT_MAX}字"
    raise_invalid(errors)
    assert valid_from is not None and valid_to is not None
    today = clock.today()
    with transaction.atomic():
        app = _lock(app_id, actor, "permits.decide")
        fields = _open_for_decision(app, today, "grant")
        if app.stall_point_id is not None:
            # --- helper:stalls --- XK-1: an allocated place and the keeper's pledge
            enforce(checks.stall_grantable(place=app.stall_place, pledge_signed=app.pledge_signed))
        limit = app.kind.validity_days
        if limit and (valid_to - valid_from).days + 1 > limit:
            raise Invalid(
                f"有效期超过该许可事项规定的{limit}日",
                details={"valid_to": f"有效期不超过{limit}日（XK-1）"},
            )
        _decided(app, actor, today)
        app.valid_from, app.valid_to = valid_from, valid_to
        app.conditions = (conditions if conditions is not None else app.kind.conditions).strip()
        # XK-40: public within 7 working days of the decision.
        app.publish_by = workdays.add_workdays(today, checks.PUBLISH_WORKDAYS)
        transition(
            app,
            to=Status.GRANTED,
            actor=actor,
            action="grant",
            payload={
                "decided_on": today.isoformat(),
                "late": app.decided_late,
                "valid_from": valid_from.isoformat(),
                "valid_to": valid_to.isoformat(),
                "conditions": app.conditions,
            },
            update_fields=[
                *fields,
                "decided_on",
                "decided_by",
                "decided_late",
                "valid_from",
                "valid_to",
                "conditions",
                "publish_by",
            ],
        )
    return app


def county_of(bureau_name: str) -> str:
    """示范县城市管理局 → 示范县 (as documents prints the bodies; documents sits above us)."""
    for marker in ("城市管理", "综合行政执法", "城管"):
        if marker in bureau_name:
            return bureau_name.split(marker, 1)[0]
    return bureau_name


def remedies_text(bureau: OrgUnit) -> str:
    """XK-38: the remedies a refusal tells — 60 days for 行政复议, 6 months for 行政诉讼 — with
    the bodies the bureau's documents print (LOCAL_RULES document_bodies)."""
    bodies: dict[str, dict[str, str]] = local("document_bodies")
    chosen = {**bodies.get("*", {}), **bodies.get(bureau.code, {})}
    county = county_of(bureau.name)
    body = str(chosen.get("reconsideration", "")).replace("{county}", county)
    court = str(chosen.get("court", "")).replace("{county}", county)
    if not body or not court:
        return ""
    return (
        f"如不服本决定，可以自收到本决定之日起六十日内向{body}申请行政复议，"
        f"或者自收到本决定之日起六个月内向{court}提起行政诉讼。"
    )


def refuse(app_id: int, *, actor: Staff, reasons: str) -> PermitApplication:
    """XK-38: in writing, with the reasons and the remedies."""
    if len(reasons or "") > TEXT_MAX:
        raise Invalid("理由过长", details={"reasons": f"不予许可理由不超过{TEXT_MAX}字"})
    today = clock.today()
    with transaction.atomic():
        app = _lock(app_id, actor, "permits.decide")
        fields = _open_for_decision(app, today, "refuse")
        remedies = remedies_text(app.bureau)
        enforce(checks.refusal_in_writing(reasons or "", remedies))
        _decided(app, actor, today)
        app.reasons, app.remedies = reasons.strip(), remedies
        # --- helper:stalls --- a refused keeper's place goes back to the point (the allocation
        # that gave it stays recorded, in its row and the ledger)
        freed = app.stall_place
        app.stall_place = None
        transition(
            app,
            to=Status.REFUSED,
            actor=actor,
            action="refuse",
            payload={
                "decided_on": today.isoformat(),
                "late": app.decided_late,
                "reasons": app.reasons,
                "remedies": remedies,
                **({"freed_place": freed} if freed is not None else {}),
            },
            update_fields=[
                *fields,
                "decided_on",
                "decided_by",
                "decided_late",
                "reasons",
                "remedies",
                "stall_place",
            ],
        )
    return app


def publish(app_id: int, *, actor: Staff) -> PermitApplication:
    """XK-40: put a granted permit on the public list (双公示)."""
    today = clock.today()
    with transaction.atomic():
        app = _lock(app_id, actor, "permits.publish")
        if app.status != Status.GRANTED:
            raise StateError("只有准予许可的决定予以公示", details={"status": app.status})
        if app.published_on is None:
            app.published_on = today
            app.save(update_fields=["published_on"])
            record(
                actor,
                "permit.publish",
                app,
                {
                    "published_on": today.isoformat(),
                    "on_time": app.publish_by is None or today <= app.publish_by,
                },
            )
    return app


# 一网通办 outbox --------------------------------------------------------------------------------


def send_outbox(*, transport: ywtb.Transport | None = None, limit: int = 100) -> dict[str, int]:
    """Deliver unsent status messages in order. The network call runs outside any transaction
    (on SQLite a transaction holds the database's write lock, and a slow platform must not stop
    the bureau's work); the outcome is then stored in one short transaction per message. So
    delivery is at least once: the message carries its ``id`` for the platform to drop a repeat.
    Delivery state is not workflow: no ledger entry. An application's later messages wait while
    an earlier one fails, so the platform sees them in order."""
    sender = transport or ywtb.configured()
    sent = failed = 0
    blocked: set[int] = set()
    for msg in list(queries.unsent_messages()[:limit]):
        if msg.application_id in blocked:
            continue
        try:
            receipt, tries = sender.send({"id": msg.pk, **msg.payload})
        except ywtb.DeliveryError as exc:
            with transaction.atomic():
                row = PermitStatusMessage.objects.select_for_update().get(pk=msg.pk)
                row.attempts += exc.tries
                row.last_error = str(exc)[:2000]
                row.save(update_fields=["attempts", "last_error"])
            blocked.add(msg.application_id)
            failed += 1
            continue
        with transaction.atomic():
            row = PermitStatusMessage.objects.select_for_update().get(pk=msg.pk)
            row.attempts += tries
            if row.sent_at is None:  # another sender may have stored its receipt meanwhile
                row.sent_at, row.receipt, row.last_error = clock.now(), receipt, ""
            row.save(update_fields=["attempts", "sent_at", "receipt", "last_error"])
        sent += 1
    return {"sent": sent, "failed": failed}


# --- helper:stalls --- 瓜果季便民临时摊点 (points, applications for a place, allocation) ------------


def _stall_point_for(
    bureau_id: int, kind: PermitKind, point_id: int | None, today: dt.date
) -> StallPoint | None:
    """The point an application for a place names; a stall kind needs one, other kinds none."""
    is_stall = kind.name == stalls.STALL_KIND_NAME
    if point_id is None:
        if is_stall:
            raise Invalid("申请便民临时摊点须选择点位", details={"stall_point": "请填写申请的点位"})
        return None
    if not is_stall:
        raise Invalid(
            "只有便民临时摊点申请可以选择点位",
            details={"stall_point": f"“{kind.name}”不选择摊点点位"},
        )
    point = StallPoint.objects.select_for_update().filter(pk=point_id, bureau_id=bureau_id).first()
    if point is None:
        raise Invalid("未找到该摊点点位", details={"stall_point": "未找到该点位"})
    enforce(checks.point_in_season(season_to=point.season_to, today=today))
    return point


def _in_stall_unit(actor: Staff, bureau_id: int | None) -> None:
    """The unit handling the bureau's 便民临时摊点 kind sets the points and allocates (the
    bureau-wide roles too); another unit's reviewer is refused as on the applications."""
    kind = (
        PermitKind.objects.filter(bureau_id=bureau_id, name=stalls.STALL_KIND_NAME)
        .select_related("unit")
        .first()
    )
    if kind is not None:
        _in_unit(actor, kind.unit_id, kind.unit.name if kind.unit else "")


def _hours(errors: dict[str, str], field: str, label: str, value: Any) -> dt.time | None:
    if isinstance(value, dt.time):
        return value
    try:
        return dt.time.fromisoformat(str(value or ""))
    except ValueError:
        errors[field] = f"{label}应为时间（如 08:00）"
        return None


def add_stall_point(
    *,
    actor: Staff,
    name: str,
    geometry: Any,
    season_from: dt.date | None,
    season_to: dt.date | None,
    opens_at: Any,
    closes_at: Any,
    capacity: int | None,
    rules: str = "",
    unit: str = "",  # --- helper:permits2 --- the managing unit's code (street trading inside)
) -> StallPoint:
    require(actor, "permits.stall.manage")
    _in_stall_unit(actor, actor.bureau_id)
    errors: dict[str, str] = {}
    name = _text(errors, "name", "点位名称", name, 100)
    problem = stalls.polygon_problem(geometry)
    if problem:
        errors["geometry"] = problem
    if season_from is None:
        errors["season_from"] = "请填写季节开始日期"
    if season_to is None:
        errors["season_to"] = "请填写季节结束日期"
    elif season_from is not None and season_to < season_from:
        errors["season_to"] = "季节结束日期不能早于开始日期"
    opens = _hours(errors, "opens_at", "每日开放时间", opens_at)
    closes = _hours(errors, "closes_at", "每日结束时间", closes_at)
    if opens and closes and closes <= opens:
        errors["closes_at"] = "每日结束时间应晚于开放时间"
    if capacity is None or capacity < 1 or capacity > 1000:
        errors["capacity"] = "摊位数应为1至1000的整数"
    if len(rules or "") > TEXT_MAX:
        errors["rules"] = f"管理规定不超过{TEXT_MAX}字"
    if not problem:
        try:
            area = links.ask("citycases.grid_geometries", actor.bureau_id)
        except LookupError:  # no grids app: the area cannot be checked
            area = []
        if stalls.outside_area(geometry, area):
            errors["geometry"] = "点位范围超出本局的网格范围"
    raise_invalid(errors)
    assert season_from and season_to and opens and closes and capacity  # checked above
    with transaction.atomic():
        # --- helper:permits2 ---
        manager = None
        if unit:
            manager = OrgUnit.objects.filter(
                bureau_id=actor.bureau_id, code=unit, active=True
            ).first()
            if manager is None:
                raise Invalid(f"未找到管理单位 {unit}", details={"unit": "未找到该单位"})
        # --- /helper:permits2 ---
        if StallPoint.objects.filter(bureau_id=actor.bureau_id, name=name).exists():
            raise Invalid("点位名称已存在", details={"name": "点位名称已存在"})
        point = StallPoint.objects.create(
            bureau_id=actor.bureau_id,
            name=name,
            geometry=geometry,
            season_from=season_from,
            season_to=season_to,
            opens_at=opens,
            closes_at=closes,
            capacity=capacity,
            rules=(rules or "").strip(),
            unit=manager,  # --- helper:permits2 ---
            created_by=actor,
            created_at=clock.now(),
        )
        record(
            actor,
            "permit.stall_point.add",
            point,
            {
                "unit": manager.code if manager else None,  # --- helper:permits2 ---
                "name": name,
                "season": [str(season_from), str(season_to)],
                "hours": [str(opens), str(closes)],
                "capacity": capacity,
                "geometry_sha256": stalls.inputs_hash({"g": geometry}),
            },
        )
    return point


def sign_pledge(app_id: int, *, actor: Staff) -> PermitApplication:
    """The keeper signs the 经营承诺书 (registered by the handling unit); before any decision."""
    with transaction.atomic():
        app = _lock(app_id, actor, "permits.handle")
        if app.stall_point_id is None:
            raise Invalid(
                "只有便民临时摊点申请需要签署承诺书",
                details={"pledge_signed": "该申请不是便民临时摊点申请"},
            )
        require_transition(app, "sign_pledge")
        if app.pledge_signed:
            raise StateError("该申请已签署经营承诺书", details={"pledge_signed": True})
        app.pledge_signed = True
        transition(
            app,
            to=app.status,
            actor=actor,
            action="sign_pledge",
            payload={"stall_point": app.stall_point_id},
            update_fields=["pledge_signed"],
        )
    return app


def allocate_stall_places(
    point_id: int, *, actor: Staff, method: str, seed: str | None = None
) -> StallAllocation:
    """Give the point's free places to the pending, pledged applications: first come (received
    day, then id) or by a lottery reproducible from its seed and the inputs' hash (both in the
    ledger). Never more places than the capacity: the places are numbered 1…capacity and unique
    per point in the database."""
    require(actor, "permits.stall.allocate")
    errors: dict[str, str] = {}
    if method not in stalls.METHODS:
        errors["method"] = "分配方式应为 first_come（先到先得）或 lottery（摇号）"
    given = (seed or "").strip()
    if len(given) > 64:
        errors["seed"] = "随机种子不超过64位"
    if given and method == "first_come":
        errors["seed"] = "先到先得不使用随机种子"
    raise_invalid(errors)
    with transaction.atomic():
        point = StallPoint.objects.select_for_update().filter(pk=point_id).first()
        if point is None:
            raise NotFound("未找到该摊点点位")
        require(actor, "permits.stall.allocate", point)
        _in_stall_unit(actor, point.bureau_id)
        rows = PermitApplication.objects.filter(stall_point=point)
        taken = set(
            rows.filter(stall_place__isnull=False)
            .exclude(status=Status.REFUSED)
            .values_list("stall_place", flat=True)
        )
        free = [p for p in range(1, point.capacity + 1) if p not in taken]
        enforce(checks.places_left(free=len(free), capacity=point.capacity))
        pending = rows.filter(
            stall_place__isnull=True, status__in=[Status.RECEIVED, Status.ACCEPTED]
        ).order_by("received_on", "id")
        eligible = list(pending.filter(pledge_signed=True).values_list("id", flat=True))
        enforce(
            checks.pledged(
                eligible=len(eligible), unpledged=pending.filter(pledge_signed=False).count()
            )
        )
        if not eligible:
            raise StateError("该点位没有待分配的摊位申请", details={"pending": 0})
        used_seed = given or (secrets.token_hex(16) if method == "lottery" else "")
        inputs = {"point": point.pk, "method": method, "applications": eligible, "free": free}
        digest = stalls.inputs_hash(inputs)
        chosen = stalls.allocate(method, used_seed, eligible, free)
        allocation = StallAllocation.objects.create(
            bureau_id=point.bureau_id,
            point=point,
            method=method,
            seed=used_seed,
            inputs=inputs,
            inputs_hash=digest,
            chosen=chosen,
            created_by=actor,
            created_at=clock.now(),
        )
        for app_id, place in chosen:
            PermitApplication.objects.filter(pk=app_id).update(
                stall_place=place, allocation=allocation
            )
        record(
            actor,
            "permit.stall.allocate",
            point,
            {
                "allocation": allocation.pk,
                "method": method,
                "seed": used_seed,
                "inputs_sha256": digest,
                "chosen": chosen,
            },
        )
    return allocation


# --- /helper:stalls ---


# --- helper:permits2 --- a case names the permit its matter breaks, or 无证 (issue #14) --------


def record_link(
    *, actor: Staff, permit: str = "", unlicensed_kind: str = "", note: str = ""
) -> PermitLink:
    """The row a city case or penalty case points at. Called inside the case action's transaction
    (which checks the case-side role and writes the ledger entry); looks up by the actor's bureau
    only, since the case's handlers need not hold ``permits.view``.

    ``permit``: the number of a granted permit of the bureau; ``unlicensed_kind``: the code of the
    permit kind the activity lacks (无证). Exactly one of the two."""
    permit, unlicensed_kind = (permit or "").strip(), (unlicensed_kind or "").strip()
    note = (note or "").strip()
    errors: dict[str, str] = {}
    if bool(permit) == bool(unlicensed_kind):
        errors["permit"] = "请填写涉及的许可证编号，或选择“无证”并填写所缺的许可事项（二选一）"
    if len(note) > 300:
        errors["note"] = "说明不超过300字"
    raise_invalid(errors)
    found: PermitApplication | None = None
    if permit:
        found = (
            PermitApplication.objects.filter(bureau_id=actor.bureau_id, number=permit)
            .select_related("kind")
            .first()
        )
        if found is None or found.status != Status.GRANTED:
            raise Invalid(
                f"未找到本机关准予的行政许可 {permit}",
                details={"permit": "未找到该许可（须为已准予的许可）"},
            )
        kind = found.kind
    else:
        got = PermitKind.objects.filter(bureau_id=actor.bureau_id, code=unlicensed_kind).first()
        if got is None:
            raise Invalid(
                f"未找到许可事项 {unlicensed_kind}",
                details={"unlicensed_kind": "未找到该许可事项"},
            )
        kind = got
    return PermitLink.objects.create(
        bureau_id=actor.bureau_id,
        kind=kind,
        permit=found,
        note=note,
        created_by=actor,
        created_at=clock.now(),
    )


# --- /helper:permits2 ---
