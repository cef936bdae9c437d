"""``chengguan serve``: gunicorn, not runserver."""

from __future__ import annotations

import os
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

    def handle(self, *args: Any, **opts: Any) -> None:
        from gunicorn.app.wsgiapp import run  # deferred: only serve needs gunicorn

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
