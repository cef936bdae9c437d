"""``chengguan worker`` — the huey consumer with the periodic schedule (decision 075).

SQLite storage under CHENGGUAN_HOME by default; Redis when CHENGGUAN_REDIS_URL is set.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "运行后台任务进程（定时提醒、撤下公示等）"

    def handle(self, *args: Any, **opts: Any) -> None:
        call_command("run_huey", workers=1, periodic=True)
