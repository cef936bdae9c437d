"""``chengguan permits add-kind|overdue-publications|send-outbox``: keep the bureau's permit kinds
(XK-1; the admin pages are read-only), the XK-40 publication list and the delivery of status
messages to 一网通办, as cron (or huey) calls them; the last two are idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chengguan.core import clock
from chengguan.core.errors import ChengguanError
from chengguan.org.models import Staff
from chengguan.org.queries import bureau_by_code
from chengguan.permits import actions, queries


class Command(BaseCommand):
    help = "行政许可：逾期未公示的准予许可决定；向一网通办发送状态消息"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        add = sub.add_parser("add-kind", help="新增行政许可事项（XK-1）")
        add.add_argument("--actor", required=True, help="操作人用户名（法制审核员或系统管理员）")
        add.add_argument("--code", required=True)
        add.add_argument("--name", required=True)
        add.add_argument("--basis", required=True, help="设定依据")
        add.add_argument("--material", action="append", default=[], help="申请材料（可重复）")
        add.add_argument("--validity-days", type=int, help="有效期（日）")
        add.add_argument("--conditions", default="", help="许可证载明的条件")
        add.add_argument("--unit", default="", help="承办单位编码")
        overdue = sub.add_parser(
            "overdue-publications", help="列出作出决定后7个工作日内未公示的准予许可（XK-40）"
        )
        overdue.add_argument("--bureau", help="机关编码（默认全部）")
        send = sub.add_parser("send-outbox", help="发送待发的一网通办状态消息")
        send.add_argument("--limit", type=int, default=100)

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["verb"] == "add-kind":
            actor = Staff.objects.filter(username=opts["actor"], is_active=True).first()
            if actor is None:
                raise CommandError(f"未找到人员 {opts['actor']}")
            try:
                kind = actions.add_kind(
                    actor=actor,
                    code=opts["code"],
                    name=opts["name"],
                    legal_basis=opts["basis"],
                    materials=opts["material"],
                    validity_days=opts.get("validity_days"),
                    conditions=opts["conditions"],
                    unit=opts["unit"],
                )
            except ChengguanError as exc:
                raise CommandError(f"{exc.message} {exc.details or ''}".strip()) from exc
            self.stdout.write(f"{kind.code}\t{kind.name}\t材料 {len(kind.materials)} 项")
            return
        if opts["verb"] == "overdue-publications":
            bureau_id = None
            if opts.get("bureau"):
                unit = bureau_by_code(opts["bureau"])
                if unit is None:
                    raise CommandError(f"未找到机关 {opts['bureau']}")
                bureau_id = unit.pk
            rows = list(queries.overdue_publications(clock.today(), bureau_id))
            for app in rows:
                assert app.publish_by is not None
                self.stdout.write(
                    f"{app.number}\t{app.kind.name}\t决定日期 {app.decided_on}\t"
                    f"应于 {app.publish_by.isoformat()} 前公示"
                )
            self.stdout.write(f"逾期未公示 {len(rows)} 件")
            return
        if opts["limit"] < 1:
            raise CommandError("--limit 应为正整数")
        try:
            result = actions.send_outbox(limit=opts["limit"])
        except ValueError as exc:  # a misconfigured transport: say so, do not trace back
            raise CommandError(f"一网通办发送配置错误：{exc}") from exc
        self.stdout.write(f"已发送 {result['sent']} 条，失败 {result['failed']} 条")
        if result["failed"]:
            raise CommandError(f"{result['failed']} 条状态消息发送失败，将在下次重试")
