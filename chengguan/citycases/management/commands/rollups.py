"""``chengguan rollups verify|rebuild|refresh`` — the indicator rollups (decision 092)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chengguan.citycases import rollups
from chengguan.org.models import OrgUnit


class Command(BaseCommand):
    help = "指标日汇总：核对（与重新计数比较）、重建、处理待重算的日期"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        for verb, text in (
            ("verify", "核对汇总与重新计数是否一致，不一致时退出码为 1 并指出第一处差异"),
            ("rebuild", "按案件重新计数并重写汇总"),
        ):
            p = sub.add_parser(verb, help=text)
            p.add_argument("--bureau", help="机关编码（缺省为全部）")
            p.add_argument("--year", type=int, help="年份（缺省为全部）")
        sub.add_parser("refresh", help="重算所有待重算的日期（定时任务也会运行）")

    def _bureaus(self, code: str | None) -> list[int] | None:
        if not code:
            return None
        found = OrgUnit.objects.filter(code=code, kind=OrgUnit.Kind.BUREAU).first()
        if found is None:
            raise CommandError(f"没有编码为 {code} 的机关")
        return [found.pk]

    def handle(self, *args: Any, **opts: Any) -> None:
        verb = opts["verb"]
        if verb == "refresh":
            self.stdout.write(f"已重算 {rollups.refresh()} 个机关日")
            return
        year = opts.get("year")
        if year is not None and not 1990 <= year <= 2200:
            raise CommandError("年份有误")
        bureaus = self._bureaus(opts.get("bureau"))
        if verb == "rebuild":
            self.stdout.write(f"已重写 {rollups.rebuild(bureaus, year)} 行汇总")
            return
        diff = rollups.verify(bureaus, year)
        if diff is not None:
            self.stderr.write(f"汇总与重新计数不一致：{diff}")
            raise SystemExit(1)
        self.stdout.write("汇总与重新计数一致")
