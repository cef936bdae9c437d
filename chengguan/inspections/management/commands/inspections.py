"""``chengguan inspections add-item|publish-item``: keep the 行政检查事项清单 (JC-1) from the shell,
through the same actions as everything else (the admin pages are read-only)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chengguan.core import clock, workdays
from chengguan.core.errors import ChengguanError
from chengguan.inspections import actions, queries
from chengguan.inspections.models import InspectionItem
from chengguan.org.models import OrgUnit, Staff


class Command(BaseCommand):
    help = "行政检查：维护并公布行政检查事项清单"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        add = sub.add_parser("add-item", help="新增检查事项（未公布）")
        add.add_argument("--actor", required=True, help="操作人用户名（法制审核员或系统管理员）")
        add.add_argument("--code", required=True)
        add.add_argument("--name", required=True)
        add.add_argument("--power-item", required=True, help="对应权责事项编码")
        add.add_argument("--basis", required=True, help="检查依据")
        add.add_argument("--targeted", action="store_true", help="重点检查事项（非双随机）")
        add.add_argument("--cap", type=int, help="每年对同一企业的检查上限（默认按本地设置）")
        add.add_argument("--publish", action="store_true", help="同时公布")
        pub = sub.add_parser("publish-item", help="公布检查事项")
        pub.add_argument("--actor", required=True)
        pub.add_argument("--code", required=True)
        # --- helper:inspections2 ---
        imp = sub.add_parser(
            "import-entities", help="从CSV导入检查对象名录库（全部成功或全部不导入）"
        )
        imp.add_argument("file", help="CSV文件（UTF-8，可带BOM）；列见 docs/api.md")
        imp.add_argument("--actor", required=True, help="操作人用户名（法制审核员或系统管理员）")
        imp.add_argument("--dry-run", action="store_true", help="只检查，不写入")
        late = sub.add_parser("overdue-publications", help="列出逾期未公示的双随机抽查结果（SJ-2）")
        late.add_argument("--bureau", help="机关编码（默认全部）")
        # --- /helper:inspections2 ---

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["verb"] == "overdue-publications":  # --- helper:inspections2 --- read-only
            self._overdue(opts.get("bureau"))
            return
        actor = Staff.objects.filter(username=opts["actor"], is_active=True).first()
        if actor is None:
            raise CommandError(f"未找到人员 {opts['actor']}")
        if opts["verb"] == "import-entities":  # --- helper:inspections2 ---
            self._import(actor, opts["file"], dry_run=opts["dry_run"])
            return
        try:
            if opts["verb"] == "add-item":
                item = actions.add_item(
                    actor=actor,
                    code=opts["code"],
                    name=opts["name"],
                    power_item=opts["power_item"],
                    basis=opts["basis"],
                    random=not opts["targeted"],
                    yearly_cap=opts.get("cap"),
                )
                if opts["publish"]:
                    item = actions.publish_item(item.pk, actor=actor)
            else:
                found = InspectionItem.objects.filter(
                    bureau_id=actor.bureau_id, code=opts["code"]
                ).first()
                if found is None:
                    raise CommandError(f"未找到检查事项 {opts['code']}")
                item = actions.publish_item(found.pk, actor=actor)
        except ChengguanError as exc:
            raise CommandError(f"{exc.message} {exc.details or ''}".strip()) from exc
        state = "已公布" if item.published else "未公布"
        self.stdout.write(f"{item.code}\t{item.name}\t{state}")

    # --- helper:inspections2 ---
    def _import(self, actor: Staff, path: str, *, dry_run: bool) -> None:
        try:
            with open(path, "rb") as fh:
                text = fh.read().decode("utf-8-sig")
        except OSError as exc:
            raise CommandError(f"无法读取文件 {path}：{exc.strerror}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError("导入文件应为UTF-8编码的CSV") from exc
        try:
            report = actions.import_entities(actor=actor, text=text, dry_run=dry_run)
        except ChengguanError as exc:
            for row in (exc.details or {}).get("rows", []):
                self.stderr.write(f"第{row['line']}行\t{row['field']}\t{row['reason']}")
            raise CommandError(exc.message) from exc
        for row in report["errors"]:
            self.stderr.write(f"第{row['line']}行\t{row['field']}\t{row['reason']}")
        if dry_run:
            state = "检查通过，可以导入" if report["ok"] else "有误，不能导入"
            self.stdout.write(f"试导入：共{report['rows']}行，{state}")
            if not report["ok"]:
                raise CommandError(f"{len(report['errors'])}处错误")
        else:
            self.stdout.write(f"已导入{report['created']}个检查对象")

    def _overdue(self, bureau: str | None) -> None:
        bureau_id = None
        if bureau:
            found = OrgUnit.objects.filter(code=bureau, kind=OrgUnit.Kind.BUREAU).first()
            if found is None:
                raise CommandError(f"未找到机关 {bureau}")
            bureau_id = found.pk
        today = clock.today()
        rows = list(queries.overdue_publications(today, bureau_id))
        for p in rows:
            assert p.publish_due is not None  # filtered on it
            days = workdays.workdays_between(p.publish_due, today)
            self.stdout.write(
                f"{p.bureau.code}\t计划{p.pk}\t{p.year}年\t{p.item.code} {p.item.name}\t"
                f"应于{p.publish_due.isoformat()}前公示\t已逾期{days}个工作日"
            )
        self.stdout.write(f"逾期未公示：{len(rows)}项")

    # --- /helper:inspections2 ---
