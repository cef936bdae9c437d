"""Which 行政许可 actions this user may take now on an application, the form each one shows, and
the call it makes (helper:permits2). The rules live in permits (states.ALLOWED, permissions,
checks): a button is shown when the action may start; the action itself still refuses with the
rule id (XK-32, XK-38, XK-42 …) and the page shows that refusal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.http import QueryDict

from chengguan.core import clock
from chengguan.org.models import Staff
from chengguan.org.permissions import can
from chengguan.permits import actions, queries
from chengguan.permits.models import PermitApplication
from chengguan.permits.states import ALLOWED, Status
from chengguan.web.formspec import ActionForm, Field, date, open_first_primary

PERMS = {
    "accept": "permits.handle",
    "request_materials": "permits.handle",
    "supplement": "permits.handle",
    "sign_pledge": "permits.handle",
    "extend_time": "permits.extend",
    "pause": "permits.handle",
    "resume": "permits.handle",
    "grant": "permits.decide",
    "refuse": "permits.decide",
    "publish": "permits.publish",
}
LABELS = {
    "accept": "受理",
    "request_materials": "一次性告知补正材料",
    "supplement": "登记补正材料",
    "sign_pledge": "签署经营承诺书",
    "extend_time": "延长审批期限",
    "pause": "开始扣除期间",
    "resume": "结束扣除期间",
    "grant": "准予行政许可",
    "refuse": "不予行政许可",
    "publish": "公示准予许可决定",
}
ORDER = list(LABELS)


def available(user: Staff, app: PermitApplication) -> list[str]:
    if not queries.handles(user, app.unit_id):
        return []
    out: list[str] = []
    for action in ORDER:
        starts = ALLOWED.get(action, frozenset({Status.GRANTED}))
        if app.status not in starts or not can(user, PERMS[action], app):
            continue
        if action == "publish" and app.published_on is not None:
            continue
        if action == "sign_pledge" and (app.stall_point_id is None or app.pledge_signed):
            continue
        if action == "extend_time" and app.extended:
            continue
        if action == "pause" and app.paused_on is not None:
            continue
        if action == "resume" and app.paused_on is None:
            continue
        out.append(action)
    return out


def form_for(action: str, app: PermitApplication) -> ActionForm:
    label = LABELS[action]
    materials = [(m, m) for m in app.kind.materials]
    if action == "request_materials":
        missing = [m for m in app.kind.materials if m not in app.materials]
        return ActionForm(
            action,
            label,
            [
                Field(
                    "missing",
                    "需补正的材料（一次性全部告知）",
                    "multi",
                    choices=materials,
                    initial=missing,
                    help="XK-32：收到申请之日起5个工作日内一次性告知，逾期视为受理",
                )
            ],
        )
    if action == "supplement":
        return ActionForm(
            action,
            label,
            [Field("materials", "补正提交的材料", "multi", choices=materials, initial=app.missing)],
        )
    if action == "extend_time":
        return ActionForm(
            action,
            label,
            [
                Field(
                    "reason",
                    "延长理由（将告知申请人）",
                    "textarea",
                    required=True,
                    help="XK-42：经本机关负责人批准可延长10个工作日",
                )
            ],
            primary=False,
        )
    if action == "pause":
        return ActionForm(
            action,
            label,
            [
                Field(
                    "kind",
                    "扣除事由",
                    "select",
                    required=True,
                    choices=list(actions.EXCLUDED_KINDS.items()),
                ),
                Field("reason", "说明（将告知申请人）", "textarea"),
            ],
            primary=False,
        )
    if action == "grant":
        today = clock.today()
        days = app.kind.validity_days
        until = today + dt.timedelta(days=days - 1) if days else None
        return ActionForm(
            action,
            label,
            [
                Field("valid_from", "有效期自", "date", required=True, initial=today.isoformat()),
                Field(
                    "valid_to",
                    "有效期至",
                    "date",
                    required=True,
                    initial=until.isoformat() if until else "",
                    help=f"该事项有效期不超过{days}日" if days else "",
                ),
                Field(
                    "conditions",
                    "许可证载明的条件",
                    "textarea",
                    initial=app.conditions or app.kind.conditions,
                ),
            ],
        )
    if action == "refuse":
        return ActionForm(
            action,
            label,
            [
                Field(
                    "reasons",
                    "不予许可的理由",
                    "textarea",
                    required=True,
                    help="XK-38：书面说明理由，并告知申请复议或提起诉讼的权利（自动载明）",
                )
            ],
            primary=False,
        )
    return ActionForm(action, label, [], primary=action != "resume")


def forms_for(user: Staff, app: PermitApplication) -> list[ActionForm]:
    return open_first_primary([form_for(a, app) for a in available(user, app)])


def _optional_date(d: QueryDict, name: str, label: str) -> dt.date | None:
    return date(d, name, label) if d.get(name, "").strip() else None


CALLS: dict[str, Callable[[Staff, int, QueryDict], PermitApplication]] = {
    "accept": lambda u, pk, d: actions.accept(pk, actor=u),
    "request_materials": lambda u, pk, d: actions.request_materials(
        pk, actor=u, missing=d.getlist("missing")
    ),
    "supplement": lambda u, pk, d: actions.supplement(
        pk, actor=u, materials=d.getlist("materials")
    ),
    "sign_pledge": lambda u, pk, d: actions.sign_pledge(pk, actor=u),
    "extend_time": lambda u, pk, d: actions.extend_time(pk, actor=u, reason=d.get("reason", "")),
    "pause": lambda u, pk, d: actions.pause(
        pk, actor=u, kind=d.get("kind", ""), reason=d.get("reason", "")
    ),
    "resume": lambda u, pk, d: actions.resume(pk, actor=u),
    "grant": lambda u, pk, d: actions.grant_permit(
        pk,
        actor=u,
        valid_from=_optional_date(d, "valid_from", "有效期起始日期"),
        valid_to=_optional_date(d, "valid_to", "有效期截止日期"),
        conditions=d.get("conditions"),
    ),
    "refuse": lambda u, pk, d: actions.refuse(pk, actor=u, reasons=d.get("reasons", "")),
    "publish": lambda u, pk, d: actions.publish(pk, actor=u),
}
