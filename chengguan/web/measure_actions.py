"""The 查封扣押 forms a user sees on a case's measures page, and the action call each one makes.

As with the penalty forms (web/penalty_actions.py), a form is offered by role and status only; the
action still decides, so a refusal by law (QZ-19 after 24 hours, QZ-25 a second extension) comes
back with its rule and article and the form keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import QueryDict

from chengguan.core import clock
from chengguan.measures import actions
from chengguan.measures.models import Seizure
from chengguan.measures.states import ALLOWED
from chengguan.org import queries as org_queries
from chengguan.org.models import Staff
from chengguan.org.permissions import can
from chengguan.org.roles import Role
from chengguan.penalties import actions as penalty_actions
from chengguan.penalties.models import Disposal, PenaltyCase
from chengguan.penalties.states import SIDE_STEPS
from chengguan.web.formspec import ActionForm, Field, as_int, date, flag
from chengguan.web.penalty_forms.fields import shown_field

# Rows of the 清单 on the register form: enough for a street stall's goods on one phone screen
# each; a longer list is registered as a lot (one row "水果一批") with photos of the lot.
ITEM_ROWS = 4
ITEM_KEYS = ("name", "quantity", "unit", "note")


def _names(text: str) -> list[str]:
    """Witness names typed in one box, separated by 、，, ；; or spaces."""
    for sep in "，,；; \n":
        text = text.replace(sep, "、")
    return [n for n in (part.strip() for part in text.split("、")) if n]


def _on_case(user: Staff, case: PenaltyCase) -> bool:
    return case.officers.filter(pk=user.pk).exists()


def clock_row(s: Seizure) -> dict[str, Any]:
    """QZ-25/QZ-19 as the page shows them: days left (or overdue) and the 24-hour flag."""
    left = s.days_left()
    return {
        "s": s,
        "left": left,
        "overdue": -left if left is not None and left < 0 else 0,
        "report_overdue": s.report_overdue(),
    }


def certificates(s: Seizure) -> list[dict[str, str]]:
    """QZ-18: who showed which certificate, by name (the record keeps the username)."""
    names = {o.username: o.display_name for o in s.case.officers.all()}
    return [
        {
            "name": names.get(c.get("officer", ""), c.get("officer", "")),
            "number": c.get("number", ""),
        }
        for c in s.certificates
    ]


# The register form (its own template: item rows with a photo each) ------------------------------


def may_register(user: Staff, case: PenaltyCase) -> bool:
    return (
        can(user, "measures.seize", case)
        and case.status in actions.SEIZE_FROM
        and _on_case(user, case)
    )


def heads(user: Staff) -> list[tuple[str, str]]:
    people = org_queries.staff(user).filter(roles__role=Role.HEAD, is_active=True).distinct()
    return [(p.username, p.display_name) for p in people]


def register_values(case: PenaltyCase, data: QueryDict | None) -> dict[str, Any]:
    """What the register form shows: the defaults, or after a refusal what the officer typed
    (issue #15 item 2); files cannot be put back, the refusal asks for them again."""
    if data is None:
        return {
            "kind": Seizure.Kind.SEIZE,
            "reason": "",
            "legal_basis": case.power_item.legal_basis,
            "place": "",
            "condition": "",
            "approval": "prior",
            "approved_by": "",
            "certificates_shown": [],
            "party_present": True,
            "party_signed": True,
            "witnesses": "",
            "items": [dict.fromkeys(ITEM_KEYS, "") for _ in range(ITEM_ROWS)],
        }
    return {
        "kind": data.get("kind", ""),
        "reason": data.get("reason", ""),
        "legal_basis": data.get("legal_basis", ""),
        "place": data.get("place", ""),
        "condition": data.get("condition", ""),
        "approval": data.get("approval", ""),
        "approved_by": data.get("approved_by", ""),
        "certificates_shown": data.getlist("certificates_shown"),
        "party_present": flag(data, "party_present"),
        "party_signed": flag(data, "party_signed"),
        "witnesses": data.get("witnesses", ""),
        "items": [
            {k: data.get(f"item-{n}-{k}", "") for k in ITEM_KEYS} for n in range(1, ITEM_ROWS + 1)
        ],
    }


def register_form_parts(case: PenaltyCase, user: Staff) -> dict[str, Any]:
    return {
        "kinds": Seizure.Kind.choices,
        "heads": heads(user),
        "shown": shown_field(
            case, "QZ-18：实施查封、扣押应由两名以上执法人员出示执法证件；请逐一勾选实际出示的人员"
        ),
        "item_rows": range(1, ITEM_ROWS + 1),
    }


def item_rows_numbers() -> range:
    return range(1, ITEM_ROWS + 1)


def item_rows(data: QueryDict, photos: dict[int, str]) -> list[dict[str, str]]:
    """The filled rows of the 清单 with the photo stored for each; empty rows are left out."""
    rows = []
    for n in range(1, ITEM_ROWS + 1):
        row = {k: data.get(f"item-{n}-{k}", "").strip() for k in ITEM_KEYS}
        if any(row.values()) or n in photos:
            if n in photos:
                row["photo"] = photos[n]
            rows.append(row)
    return rows


def seize(
    user: Staff, case: PenaltyCase, data: QueryDict, photos: dict[int, str], lot: list[str]
) -> Seizure:
    emergency = data.get("approval", "") == "emergency"
    return actions.seize(
        case.pk,
        actor=user,
        kind=data.get("kind", ""),
        reason=data.get("reason", ""),
        legal_basis=data.get("legal_basis", ""),
        items=item_rows(data, photos),
        photos=lot,
        place=data.get("place", ""),
        condition=data.get("condition", ""),
        certificates_shown=data.getlist("certificates_shown"),
        approved_by=None if emergency else (data.get("approved_by", "").strip() or None),
        emergency=emergency,
        party_present=flag(data, "party_present"),
        party_signed=flag(data, "party_signed"),
        witnesses=_names(data.get("witnesses", "")),
    )


# The steps on one measure -------------------------------------------------------------------------

LABELS = {
    "approve": "负责人批准（补批）",
    "extend": "延长查封扣押期限",
    "release": "解除并退还",
    "dispose": "依决定处理财物",
}
PERMISSIONS = {a: f"measures.{a}" for a in LABELS}


def _form(action: str, user: Staff, s: Seizure) -> ActionForm:
    today = clock.today().isoformat()
    if action == "approve":
        return ActionForm(action, LABELS[action], [])
    if action == "extend":
        return ActionForm(
            action,
            LABELS[action],
            [
                Field("days", "延长天数（不超过30日）", "number", required=True, initial="30"),
                Field(
                    "reason",
                    "延长理由（情况复杂的具体情形）",
                    "textarea",
                    required=True,
                    help="QZ-25：只能延长一次；应将延长决定书面告知当事人",
                ),
            ],
            primary=False,
        )
    if action == "release":
        return ActionForm(
            action,
            LABELS[action],
            [
                Field(
                    "reason",
                    "解除理由",
                    "select",
                    required=True,
                    choices=list(Seizure.ReleaseReason.choices),
                    initial=Seizure.ReleaseReason.EXPIRED
                    if (s.days_left() or 0) < 0
                    else (Seizure.ReleaseReason.NOT_APPROVED if s.report_overdue() else ""),
                ),
                Field("returned_on", "退还日期", "date", required=True, initial=today),
                Field("returned_to", "领取人（当事人或其委托的人）", "text"),
                Field("receipt_signed", "领取人已在退还清单上签收", "checkbox"),
                Field("file", "退还签收单照片", "file", help="可用手机拍摄签收后的退还清单"),
                Field("note", "说明", "textarea"),
            ],
            primary=s.status == Seizure.Status.PENDING or (s.days_left() or 0) < 0,
        )
    return ActionForm(
        action,
        LABELS[action],
        [
            Field(
                "handling",
                "处理方式",
                "select",
                required=True,
                choices=list(Seizure.Handling.choices),
            ),
            Field("note", "处理说明（依据的处理决定）", "textarea", required=True),
        ],
        primary=False,
    )


def forms_for(user: Staff, s: Seizure) -> list[ActionForm]:
    """The steps this user may take on the measure now (role and status; the action decides)."""
    case = s.case
    forms = []
    for action in LABELS:
        if s.status not in ALLOWED[action] or not can(user, PERMISSIONS[action], case):
            continue
        if action == "release" and not user.has_role(Role.HEAD) and not _on_case(user, case):
            continue
        if action == "extend" and s.extended_on is not None:
            continue
        forms.append(_form(action, user, s))
    for form in forms:
        if form.primary:
            form.open = True
            break
    return forms


Call = Callable[[Staff, int, QueryDict, str], Seizure]

CALLS: dict[str, Call] = {
    "approve": lambda u, sid, d, blob: actions.approve(sid, actor=u),
    "extend": lambda u, sid, d, blob: actions.extend(
        sid, actor=u, days=as_int(d.get("days")), reason=d.get("reason", "")
    ),
    "release": lambda u, sid, d, blob: actions.release(
        sid,
        actor=u,
        reason=d.get("reason", ""),
        returned_on=date(d, "returned_on", "退还日期"),
        note=d.get("note", ""),
        returned_to=d.get("returned_to", ""),
        receipt_signed=flag(d, "receipt_signed"),
        receipt_photo=blob,
    ),
    "dispose": lambda u, sid, d, blob: actions.dispose(
        sid, actor=u, handling=d.get("handling", ""), note=d.get("note", "")
    ),
}


# XF-74: the disposal of confiscated goods, on the same page (penalties.actions.dispose) ----------


def disposal_form(user: Staff, case: PenaltyCase) -> ActionForm | None:
    if (
        case.status not in SIDE_STEPS["dispose"]
        or not can(user, "penalties.act", case)
        or not _on_case(user, case)
    ):
        return None
    return ActionForm(
        "disposal",
        "罚没物品处置登记",
        [
            Field(
                "method", "处置方式", "select", required=True, choices=list(Disposal.Method.choices)
            ),
            Field("items", "处置的物品", "textarea", required=True),
            Field(
                "disposed_on", "处置日期", "date", required=True, initial=clock.today().isoformat()
            ),
            Field("auctioneer", "拍卖机构（公开拍卖）", "text"),
            Field("proceeds", "拍卖款（元）", "number"),
            Field("treasury_voucher", "上缴国库凭证号", "text"),
            Field("witnesses", "见证人（销毁时，用顿号分隔）", "text"),
            Field("basis", "处理依据（按国家有关规定处理时）", "text"),
            Field("note", "说明", "textarea"),
        ],
        primary=False,
    )


def record_disposal(user: Staff, case: PenaltyCase, d: QueryDict) -> Disposal:
    return penalty_actions.dispose(
        case.pk,
        actor=user,
        method=d.get("method", ""),
        items=d.get("items", ""),
        disposed_on=date(d, "disposed_on", "处置日期"),
        auctioneer=d.get("auctioneer", ""),
        proceeds=d.get("proceeds", "").strip() or None,
        treasury_voucher=d.get("treasury_voucher", ""),
        witnesses=_names(d.get("witnesses", "")),
        basis=d.get("basis", ""),
        note=d.get("note", ""),
    )
