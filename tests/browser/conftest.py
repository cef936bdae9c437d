"""A real server in a subprocess and Debian's Chromium driven by playwright.

The server gets its own CHENGGUAN_HOME and SQLite file (migrate, demo, collectstatic, serve), so the
browser tests never touch the test database and never flush anything. Screenshots go to
CHENGGUAN_HOME/screenshots/ of the test run, to be looked at.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from chengguan.web.assets import ignore_args

PASSWORD = "browser-pass-123"
REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    home: Path
    password: str = PASSWORD


# The real clock runs here, and a general case's 90-day period opened late in the year reaches into
# next year, whose holiday arrangement may not be published yet (CAL-2 fails closed). The test
# server plays the administrator who entered it: Monday to Friday as working days.
NEXT_YEAR_CALENDAR = """
import datetime as dt
from chengguan.core import clock
from chengguan.core.models import CalendarDay
year = clock.today().year + 1
if not CalendarDay.objects.filter(date__year=year).exists():
    day = dt.date(year, 1, 1)
    rows = []
    while day.year == year:
        rows.append(CalendarDay(date=day, is_workday=day.weekday() < 5, name="测试用日历",
                                source=CalendarDay.Source.ADMIN))
        day += dt.timedelta(days=1)
    CalendarDay.objects.bulk_create(rows)
"""


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "chengguan.manage", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's Chromium is not installed (make sysdeps)")
    home = Path(tempfile.mkdtemp(prefix="cg-browser-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CHENGGUAN_HOME"}}
    env.update(CHENGGUAN_HOME=str(home), CHENGGUAN_FAST_HASHER="1", PYTHONUNBUFFERED="1")
    proc: subprocess.Popen[bytes] | None = None
    log = open(home / "server.log", "w")  # noqa: SIM115 - kept open for the server's lifetime
    try:
        _run(["migrate", "--noinput"], env)
        _run(["demo", "--password", PASSWORD, "--year", "2024"], env)  # --- helper:demo ---
        _run(["shell", "-c", NEXT_YEAR_CALENDAR], env)
        _run(["collectstatic", "--noinput", "-v0", *ignore_args()], env)
        port = _free_port()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "chengguan.manage",
                "serve",
                "--port",
                str(port),
                "--workers",
                "2",
                # the pages under test do not need the job worker (decision 075)
                "--no-worker",
                # collected just above (decision 095: serve would collect again, unstamped)
                "--skip-collectstatic",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((home / "server.log").read_text())
            time.sleep(0.2)
        yield Server(url=url, home=home)
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        log.close()
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def new_page(browser: Any, server: Server) -> Iterator[Any]:
    """``new_page(width=375)`` → a page in a fresh context (own cookies), locale zh-CN."""
    contexts: list[Any] = []

    def make(width: int = 1280, height: int = 900) -> Any:
        ctx = browser.new_context(
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            viewport={"width": width, "height": height},
            base_url=server.url,
        )
        ctx.set_default_timeout(15000)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


SHOTS = Path(settings.HOME) / "screenshots"


def shot(page: Any, name: str) -> Path:
    """Full-page screenshot under CHENGGUAN_HOME/screenshots/, named with the viewport width."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    path = SHOTS / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page: Any, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
