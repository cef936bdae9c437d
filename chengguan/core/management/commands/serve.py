"""``chengguan serve``: gunicorn, not runserver; and, unless ``--no-worker``, the job worker
(``chengguan worker``, decision 075) beside it, stopped with it."""

from __future__ import annotations

import atexit
import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


def static_signature() -> str:
    """What collectstatic would copy (name, size, mtime of every source file), as one hash."""
    ignore = apps.get_app_config("staticfiles").ignore_patterns  # type: ignore[attr-defined]
    rows = []
    for finder in finders.get_finders():
        for path, storage in finder.list(ignore):
            stat = os.stat(storage.path(path))
            rows.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(sorted(rows)).encode()).hexdigest()


def collect_static_if_changed(announce: Callable[[str], object] | None = None) -> bool:
    """Fill STATIC_ROOT when its sources changed since the last collection (decision 095): an
    installed wheel then serves its pages with `chengguan serve` alone, and a restart with
    nothing changed costs one walk over the sources, not a recompression."""
    stamp = Path(settings.STATIC_ROOT) / ".collected"
    signature = static_signature()
    if stamp.exists() and stamp.read_text() == signature:
        return False
    if announce:
        announce("整理静态文件（collectstatic；首次约 20 秒）…")
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(signature)
    return True


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
        parser.add_argument(
            "--skip-collectstatic",
            action="store_true",
            help="不检查静态文件（已由部署脚本运行 collectstatic）",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        from gunicorn.app.wsgiapp import run  # deferred: only serve needs gunicorn

        if not opts["skip_collectstatic"] and collect_static_if_changed(self.stdout.write):
            self.stdout.write("静态文件已更新")
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
