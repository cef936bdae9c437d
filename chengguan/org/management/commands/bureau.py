"""``chengguan bureau``: bureaus and the supervising bodies above them (issue #16, decision 085).

    chengguan bureau body --kind province --code henan --name 河南省城市管理局 --division 410000
    chengguan bureau body --kind city --code nanyang --name 南阳市城市管理局 --division 411300 --above henan
    chengguan bureau create --code xixia --name 西峡县城市管理局 --division 411323 --oversight nanyang
    chengguan bureau place --bureau demo --oversight nanyang     (``--oversight -`` takes it out)
    chengguan bureau supervisor --body henan --username sheng1 --full-name 张三
    chengguan bureau list

Setup, not daily work: each step is one transaction with its ledger entry, and a refusal (a used
code, a wrong level) is printed in Chinese and changes nothing.
"""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chengguan.core.errors import ChengguanError
from chengguan.org import actions, oversight_bodies
from chengguan.org.models import OrgUnit
from chengguan.org.roles import Role


class Command(BaseCommand):
    help = "机关与上级主管部门（省、市）的设立和隶属关系"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        body = sub.add_parser("body", help="设立省级或市级主管部门")
        body.add_argument("--kind", choices=["province", "city"], required=True)
        body.add_argument("--code", required=True)
        body.add_argument("--name", required=True)
        body.add_argument("--division", required=True, help="行政区划代码")
        body.add_argument("--short-name", default="")
        body.add_argument("--above", default=None, help="上级（省级）主管部门代码")
        create = sub.add_parser("create", help="设立机关（县级城市管理局）")
        create.add_argument("--code", required=True)
        create.add_argument("--name", required=True)
        create.add_argument("--division", required=True, help="行政区划代码")
        create.add_argument("--short-name", default="")
        create.add_argument("--credit-code", default="")
        create.add_argument("--oversight", default=None, help="上级主管部门代码")
        place = sub.add_parser("place", help="调整机关的上级主管部门")
        place.add_argument("--bureau", required=True)
        place.add_argument("--oversight", required=True, help="上级主管部门代码；“-”表示不隶属")
        sup = sub.add_parser("supervisor", help="为主管部门创建监督员账号")
        sup.add_argument("--body", required=True)
        sup.add_argument("--username", required=True)
        sup.add_argument("--full-name", required=True)
        sup.add_argument(
            "--password-env",
            default="CHENGGUAN_NEW_PASSWORD",
            help="从该环境变量读取初始密码（未设置时交互输入）；首次登录须修改",
        )
        sub.add_parser("list", help="列出主管部门及其机关")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            getattr(self, "_" + opts["verb"])(opts)
        except ChengguanError as exc:
            details = "；".join(f"{k}：{v}" for k, v in (exc.details or {}).items())
            raise CommandError(f"{exc.message}{'（' + details + '）' if details else ''}") from exc

    def _body(self, opts: dict[str, Any]) -> None:
        above = oversight_bodies.body_by_code(opts["above"]) if opts["above"] else None
        body = oversight_bodies.create_body(
            kind=opts["kind"],
            code=opts["code"],
            name=opts["name"],
            division_code=opts["division"],
            short_name=opts["short_name"],
            above=above,
        )
        self.stdout.write(self.style.SUCCESS(f"已设立{body.get_kind_display()}：{body.name}"))

    def _create(self, opts: dict[str, Any]) -> None:
        above = oversight_bodies.body_by_code(opts["oversight"]) if opts["oversight"] else None
        if OrgUnit.objects.filter(
            code=opts["code"], kind__in=(*oversight_bodies.BODY_KINDS, OrgUnit.Kind.BUREAU)
        ).exists():
            raise CommandError(f"代码 {opts['code']} 已被使用")
        bureau = actions.create_bureau(
            code=opts["code"],
            name=opts["name"],
            division_code=opts["division"],
            short_name=opts["short_name"],
            credit_code=opts["credit_code"],
            oversight=above,
        )
        self.stdout.write(self.style.SUCCESS(f"已设立机关：{bureau.name}"))

    def _place(self, opts: dict[str, Any]) -> None:
        unit = oversight_bodies.bureau_by_code(opts["bureau"])
        above = (
            None if opts["oversight"] == "-" else oversight_bodies.body_by_code(opts["oversight"])
        )
        oversight_bodies.place(unit=unit, above=above)
        self.stdout.write(self.style.SUCCESS(f"{unit.name} 的上级主管部门已调整"))

    def _supervisor(self, opts: dict[str, Any]) -> None:
        body = oversight_bodies.body_by_code(opts["body"])
        password = os.environ.get(opts["password_env"]) or getpass.getpass("初始密码：")
        staff = actions.create_staff(
            actor=None,
            unit=body,
            username=opts["username"],
            password=password,
            full_name=opts["full_name"],
            roles=[Role.PROVINCE],
        )
        actions.set_password_change_due(actor=None, staff=staff, due=True)
        self.stdout.write(self.style.SUCCESS(f"已创建监督员 {staff.username}（{body.name}）"))

    def _list(self, opts: dict[str, Any]) -> None:
        roots = OrgUnit.objects.filter(
            kind__in=(*oversight_bodies.BODY_KINDS, OrgUnit.Kind.BUREAU)
        ).select_related("oversight")
        for unit in roots.order_by("kind", "code"):
            above = f" ← {unit.oversight.code}" if unit.oversight_id and unit.oversight else ""
            self.stdout.write(f"{unit.get_kind_display()}\t{unit.code}\t{unit.name}{above}")
