"""``chengguan serve``: gunicorn, not runserver; and, unless ``--no-worker``, the job worker
(``chengguan worker``, decision 075) beside it, stopped with it."""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "以生产级服务器（gunicorn）提供服务"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3"))
        )
        parser.add_argument("--threads", type=int, default=2)
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="不启动后台任务进程（生产环境由进程管理器单独运行 chengguan worker）",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        from gunicorn.app.wsgiapp import run  # deferred: only serve needs gunicorn

        if not opts["no_worker"]:
            worker = subprocess.Popen([sys.executable, "-m", "chengguan.manage", "worker"])
            self.stdout.write(f"后台任务进程已启动（pid {worker.pid}）")
            atexit.register(worker.terminate)

        argv = [
            "gunicorn",
            "chengguan.wsgi:application",
            "--bind",
            f"{opts['host']}:{opts['port']}",
            "--workers",
            str(opts["workers"]),
            "--threads",
            str(opts["threads"]),
            "--access-logfile",
            "-",
            "--timeout",
            "120",
        ]

        sys.argv = argv
        run()
