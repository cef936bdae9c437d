"""``chengguan exchange collect|send|annual|reconcile``: the provincial data exchange (decision 094)
by hand; the worker runs collect and send every five minutes and annual in January."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chengguan.core import clock
from chengguan.core.transports import FileTransport, HttpTransport, Transport
from chengguan.exchange import actions
from chengguan.exchange.transport import configured
from chengguan.org.models import OrgUnit


def _bureau(code: str | None) -> OrgUnit | None:
    if not code:
        return None
    body = OrgUnit.objects.filter(kind=OrgUnit.Kind.BUREAU, code=code).first()
    if body is None:
        raise CommandError(f"没有编码为 {code} 的执法机关")
    return body


class Command(BaseCommand):
    help = "省级数据交换：采集、发送、年度数据（SZ-4）、对账"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        collect = sub.add_parser("collect", help="从全过程记录采集变化的案件、检查、许可")
        collect.add_argument("--bureau")
        send = sub.add_parser("send", help="发送待发报文")
        send.add_argument("--limit", type=int, default=500)
        send.add_argument("--file", help="写入此 JSON Lines 文件（不论设置）")
        send.add_argument("--url", help="POST 到此地址（不论设置）")
        annual = sub.add_parser("annual", help="生成某年的年度数据报文（SZ-4）")
        annual.add_argument("--year", type=int, required=True)
        annual.add_argument("--bureau")
        rec = sub.add_parser("reconcile", help="某日报文与回执对账")
        rec.add_argument("--date", required=True, help="YYYY-MM-DD")
        rec.add_argument("--bureau", required=True)
        rec.add_argument("--strict", action="store_true", help="有未送达或不符时以 1 退出")

    def handle(self, *args: Any, **opts: Any) -> None:
        verb = opts["verb"]
        if verb == "collect":
            out: Any = actions.collect(bureau=_bureau(opts["bureau"]))
        elif verb == "send":
            transport: Transport | None
            if opts["file"]:
                transport = FileTransport(Path(opts["file"]))
            elif opts["url"]:
                transport = HttpTransport(opts["url"])
            else:
                transport = configured()
            if transport is None:
                raise CommandError(
                    "数据交换未启用：设置 CHENGGUAN_PROVINCE_EXCHANGE_TRANSPORT，或用 --file/--url"
                )
            out = actions.send(transport=transport, limit=opts["limit"])
        elif verb == "annual":
            if not 2000 <= opts["year"] <= clock.today().year:
                raise CommandError("年份须在 2000 年至今年之间")
            out = actions.annual(year=opts["year"], bureau=_bureau(opts["bureau"]))
        else:
            try:
                day = dt.date.fromisoformat(opts["date"])
            except ValueError as exc:
                raise CommandError("日期格式应为 YYYY-MM-DD") from exc
            body = _bureau(opts["bureau"])
            assert body is not None
            out = actions.reconcile(bureau=body, day=day)
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            if opts["strict"] and not out["ok"]:
                raise SystemExit(1)
            return
        self.stdout.write(json.dumps(out, ensure_ascii=False))
