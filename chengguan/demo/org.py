"""The demo bureau, its units and every user API.md lists, plus ``outsider`` in a second bureau."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password

from chengguan.demo.context import DemoContext
from chengguan.org import actions
from chengguan.org.models import Certificate, OrgUnit, Staff
from chengguan.org.roles import Role

BUREAU = {
    "code": "demo",
    "name": "示范县城市管理局",
    "short_name": "示城管",
    "division_code": "411323",
    "credit_code": "11411323MB1234567X",
    "address": "示范县城关镇人民路88号",
    "phone": "0377-69660000",
}
OTHER_BUREAU = {
    "code": "other",
    "name": "邻县城市管理局",
    "short_name": "邻城管",
    "division_code": "411324",
    "credit_code": "11411324MB7654321Y",
}

# (code, name, kind, parent code, external)
UNITS = [
    ("center", "数字城管指挥中心", OrgUnit.Kind.CENTER, "demo", False),
    ("hotline_office", "12345热线及信访办公室", OrgUnit.Kind.OFFICE, "demo", False),
    ("legal", "法制股", OrgUnit.Kind.LEGAL, "demo", False),
    ("supervision", "执法监督科", OrgUnit.Kind.OFFICE, "demo", False),
    ("brigade", "城市管理综合执法大队", OrgUnit.Kind.BRIGADE, "demo", False),
    ("squad1", "执法一中队", OrgUnit.Kind.SQUAD, "brigade", False),
    ("squad2", "执法二中队", OrgUnit.Kind.SQUAD, "brigade", False),
    ("town1", "西坪镇综合行政执法队", OrgUnit.Kind.TOWN, "demo", False),
    ("street1", "白羽街道综合行政执法队", OrgUnit.Kind.STREET, "demo", False),
    ("sanitation", "环境卫生管理中心", OrgUnit.Kind.DEPARTMENT, "demo", False),
    ("greening", "园林绿化中心", OrgUnit.Kind.DEPARTMENT, "demo", False),
    ("municipal", "市政工程管理处", OrgUnit.Kind.DEPARTMENT, "demo", False),
    ("power_supply", "县供电公司", OrgUnit.Kind.DEPARTMENT, "demo", True),
]

# (username, full name, unit, roles, certificate: None | "valid" | "cancelled", legal_qualified)
USERS = [
    ("admin", "系统管理员", "demo", [Role.ADMIN], None, False),
    # 三权分立 (decision 071): roles are granted by the security administrator, the record read by
    # the audit administrator; none of the three is a superuser.
    ("security", "安全管理员", "demo", [Role.SECURITY], None, False),
    ("auditor", "审计管理员", "demo", [Role.AUDIT], None, False),
    ("center", "王晓燕", "center", [Role.CENTER], None, False),
    ("hotline", "李春梅", "hotline_office", [Role.HOTLINE], None, False),
    ("inspector", "赵建国", "center", [Role.INSPECTOR], None, False),
    ("handler_sanitation", "孙立新", "sanitation", [Role.HANDLER], None, False),
    ("handler_greening", "周红霞", "greening", [Role.HANDLER], None, False),
    ("handler_municipal", "吴志强", "municipal", [Role.HANDLER], None, False),
    ("officer1", "陈刚", "squad1", [Role.OFFICER], "valid", False),
    ("officer2", "刘洋", "squad1", [Role.OFFICER], "valid", False),
    ("officer_nocert", "马骏", "squad2", [Role.OFFICER], "cancelled", False),
    ("town_officer1", "杨帆", "town1", [Role.OFFICER], "valid", False),
    ("town_officer2", "黄磊", "town1", [Role.OFFICER], "valid", False),
    ("reviewer", "郑敏", "legal", [Role.REVIEWER], "valid", True),
    ("head", "张建华", "demo", [Role.HEAD], "valid", False),
    # --- helper:hearing2 --- CL-6: a collective discussion needs three heads (decision 064).
    ("deputy1", "李明", "demo", [Role.HEAD], None, False),
    ("deputy2", "王强", "demo", [Role.HEAD], None, False),
    # --- /helper:hearing2 ---
    ("supervisor", "何丽", "supervision", [Role.SUPERVISOR], None, False),
]
CERT_PREFIX = "豫行执"


def _certificate(ctx: DemoContext, staff: Staff, state: str, serial: int) -> None:
    if staff.certificates.exists():
        return
    admin = ctx.user("admin")
    issued = dt.date(ctx.year - 2, 3, 1)
    cert = actions.issue_certificate(
        actor=admin,
        holder=staff,
        number=f"{CERT_PREFIX}{BUREAU['division_code']}{serial:05d}",
        kind="行政执法证",
        issued_on=issued,
        expires_on=dt.date(ctx.year + 3, 2, 28),
        issuer="示范县人民政府",
    )
    if state == "cancelled":
        actions.cancel_certificate(
            actor=admin, certificate_id=cert.pk, reason="left_post", reason_text="调离执法岗位"
        )


def _bureau(spec: dict[str, Any]) -> OrgUnit:
    existing = OrgUnit.objects.filter(code=spec["code"], kind=OrgUnit.Kind.BUREAU).first()
    return existing or actions.create_bureau(**spec)


class _Passwords:
    """The demo's one shared password, hashed once (decision 089): a full-strength PBKDF2 per
    account was most of the demo's load time. A re-run checks each distinct stored hash once."""

    def __init__(self, password: str) -> None:
        self.password = password
        self._hash = ""
        self._checked: dict[str, bool] = {}

    def hash(self) -> str:
        if not self._hash:
            self._hash = make_password(self.password)
        return self._hash

    def matches(self, staff: Staff) -> bool:
        if staff.password not in self._checked:
            self._checked[staff.password] = staff.check_password(self.password)
        return self._checked[staff.password]


_PASSWORDS: dict[str, _Passwords] = {}


def _passwords(ctx: DemoContext) -> _Passwords:
    return _PASSWORDS.setdefault(ctx.password, _Passwords(ctx.password))


def _user(
    ctx: DemoContext,
    bureau: OrgUnit,
    username: str,
    full_name: str,
    unit: OrgUnit,
    roles: list[str],
    legal_qualified: bool,
) -> Staff:
    staff = Staff.objects.filter(username=username).first()
    if staff is None:
        staff = actions.create_staff(
            actor=None,
            unit=unit,
            username=username,
            password=ctx.password,
            full_name=full_name,
            roles=roles,
            legal_qualified=legal_qualified,
            password_hash=_passwords(ctx).hash(),
        )
    elif not _passwords(ctx).matches(staff):
        if not settings.DEMO_MODE:
            return _unsuperuser(staff)  # its holder chose a password: a re-run leaves it alone
        staff.password = _passwords(ctx).hash()
        staff.save(update_fields=["password"])
    # Decision 072: outside demo mode the shared demo password is changed at the first login.
    if staff.must_change_password == settings.DEMO_MODE:
        staff.must_change_password = not settings.DEMO_MODE
        staff.save(update_fields=["must_change_password"])
    return _unsuperuser(staff)


def _unsuperuser(staff: Staff) -> Staff:
    if staff.is_superuser:
        # Earlier demos made `admin` a superuser; the deployment superuser is made by the CLI only.
        staff.is_superuser = False
        staff.save(update_fields=["is_superuser"])
    return staff


def build(ctx: DemoContext) -> None:
    bureau = _bureau(BUREAU)
    ctx.bureau = bureau
    ctx.units["demo"] = bureau
    for code, name, kind, parent, external in UNITS:
        unit = OrgUnit.objects.filter(bureau=bureau, code=code).first()
        if unit is None:
            unit = actions.create_unit(
                actor=None,
                bureau=bureau,
                parent=ctx.units[parent],
                code=code,
                name=name,
                kind=kind,
                external=external,
            )
        ctx.units[code] = unit
    for username, full_name, unit_code, roles, _, qualified in USERS:
        ctx.users[username] = _user(
            ctx, bureau, username, full_name, ctx.units[unit_code], list(roles), qualified
        )
    for serial, (username, _, _, _, cert, _) in enumerate(USERS, start=1):
        if cert:
            _certificate(ctx, ctx.users[username], cert, serial)

    other = _bureau(OTHER_BUREAU)
    ctx.other_bureau = other
    other_brigade = OrgUnit.objects.filter(bureau=other, code="brigade").first() or (
        actions.create_unit(
            actor=None,
            bureau=other,
            parent=other,
            code="brigade",
            name="城市管理综合执法大队",
            kind=OrgUnit.Kind.BRIGADE,
        )
    )
    outsider = _user(
        ctx, other, "outsider", "外局人员", other_brigade, [Role.OFFICER, Role.HEAD], False
    )
    ctx.users["outsider"] = outsider
    if not outsider.certificates.exists():
        other_admin = Staff.objects.filter(username="other_admin").first() or actions.create_staff(
            actor=None,
            unit=other,
            username="other_admin",
            password=ctx.password,
            full_name="邻县管理员",
            roles=[Role.ADMIN],
            password_hash=_passwords(ctx).hash(),
        )
        actions.issue_certificate(
            actor=other_admin,
            holder=outsider,
            number=f"{CERT_PREFIX}41132400001",
            kind="行政执法证",
            issued_on=dt.date(ctx.year - 1, 1, 1),
            expires_on=dt.date(ctx.year + 4, 1, 1),
            issuer="邻县人民政府",
        )
    assert Certificate.objects.filter(holder=outsider).exists()
