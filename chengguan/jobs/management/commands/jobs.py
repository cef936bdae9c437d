"""``chengguan jobs run NAME|all`` — run a periodic job now (the worker runs them on schedule)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chengguan.jobs.reminders import JOBS


class Command(BaseCommand):
    help = "立即运行定时任务（幂等：重复运行不会重复提醒）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        run = sub.add_parser("run", help="运行一个任务或全部任务")
        run.add_argument("name", choices=[*JOBS, "all"])
        sub.add_parser("list", help="列出任务")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["verb"] == "list":
            for name, job in JOBS.items():
                self.stdout.write(f"{name}\t{(job.__doc__ or '').strip().splitlines()[0]}")
            return
        names = list(JOBS) if opts["name"] == "all" else [opts["name"]]
        for name in names:
            if name not in JOBS:  # pragma: no cover - argparse choices guard it
                raise CommandError(f"没有这个任务：{name}")
            result = JOBS[name]()
            self.stdout.write(f"{name}: {result}")
