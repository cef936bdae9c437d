"""A real server (``chengguan serve``: gunicorn, 2 workers × 2 threads) on a free port, against its own
temporary CHENGGUAN_HOME and SQLite file (on PostgreSQL when DATABASE_URL is one: a database of its
own, migrated by the owner role and served by the app role): migrated and loaded with the demo, then driven over HTTP.

Nothing here uses the test database or pytest-django's transaction: the server commits, as it does
in production, and the tests read what it wrote through ``chengguan shell`` on the same database.
The public intake limit is raised for the server (tests reset its counter before they count).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import pytest

PASSWORD = "live-pass-123"
REPO = Path(__file__).resolve().parents[2]
INTAKE_LIMIT = 40


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    home: Path
    env: dict[str, str]
    password: str = PASSWORD
    tokens: dict[str, str] = field(default_factory=dict)

    def manage(self, *args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "chengguan.manage", *args],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def query(self, code: str) -> Any:
        """Run ``code`` in ``chengguan shell`` on the server's database; it sets ``out``, printed
        as JSON and returned."""
        done = self.manage("shell", "-c", code + "\nimport json; print(json.dumps(out))")
        if done.returncode != 0:
            raise RuntimeError(done.stdout + done.stderr)
        return json.loads(done.stdout.strip().splitlines()[-1])

    def token(self, username: str) -> str:
        if username not in self.tokens:
            body = json.dumps({"username": username, "password": self.password}).encode()
            req = urllib.request.Request(
                f"{self.url}/api/v1/auth/token",
                data=body,
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(req, timeout=30) as r:
                self.tokens[username] = json.loads(r.read())["token"]
        return self.tokens[username]


def _check(done: subprocess.CompletedProcess[str], what: str) -> None:
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{done.stdout}\n{done.stderr}")


def _with_db(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


@contextlib.contextmanager
def _postgres_database() -> Iterator[tuple[str, str]]:
    """On PostgreSQL (DATABASE_URL), a database of its own for the server: created and migrated by
    the owner (DATABASE_OWNER_URL, else DATABASE_URL's role), granted to the app role as
    scripts/pg_roles.sql does; the server connects as DATABASE_URL's role. Yields (owner, app)
    URLs; on SQLite yields empty strings."""
    app = os.environ.get("DATABASE_URL", "")
    if not app.startswith(("postgres://", "postgresql://")):
        yield "", ""
        return
    import psycopg

    owner = os.environ.get("DATABASE_OWNER_URL") or app
    name = f"{urlparse(app).path.lstrip('/')}_live_{os.getpid()}"
    server = _with_db(owner, "postgres")
    with psycopg.connect(server, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}"')
        c.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_db(owner, name), _with_db(app, name)
    finally:
        with psycopg.connect(server, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _grant(owner_url: str, app_url: str) -> None:
    import psycopg

    from tests.pg_roles import grant_statements

    owner_user, app_user = urlparse(owner_url).username or "", urlparse(app_url).username or ""
    if not owner_url or owner_user == app_user:
        return
    with psycopg.connect(owner_url, autocommit=True) as c:
        for statement in grant_statements(owner=owner_user, app=app_user):
            c.execute(statement)


@pytest.fixture(scope="session")
def live() -> Iterator[LiveServer]:
    with _postgres_database() as (owner_url, app_url):
        yield from _serve(owner_url, app_url)


def _serve(owner_url: str, app_url: str) -> Iterator[LiveServer]:
    home = Path(tempfile.mkdtemp(prefix="cg-live-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATABASE_OWNER_URL"}}
    if app_url:
        env["DATABASE_URL"] = app_url
    env.update(
        CHENGGUAN_HOME=str(home),
        CHENGGUAN_FAST_HASHER="1",
        CHENGGUAN_DEMO_MODE="1",
        CHENGGUAN_PUBLIC_INTAKE_LIMIT=str(INTAKE_LIMIT),
        # The fuzz sends thousands of bad logins from 127.0.0.1: the per-address lockout (tested in
        # tests/security) would lock the tests' own logins out.
        CHENGGUAN_LOGIN_THROTTLE_IP_FAILURES="1000000",
        PYTHONUNBUFFERED="1",
    )
    server = LiveServer(url="", home=home, env=env)
    proc: subprocess.Popen[bytes] | None = None
    log = open(home / "server.log", "w")  # noqa: SIM115 - kept open for the server's lifetime
    try:
        if owner_url:  # the owner migrates; the app role gets its DML; the server runs as the app
            server.env["DATABASE_URL"] = owner_url
            _check(server.manage("migrate", "--noinput", "-v", "0"), "migrate")
            server.env["DATABASE_URL"] = app_url
            _grant(owner_url, app_url)
        else:
            _check(server.manage("migrate", "--noinput", "-v", "0"), "migrate")
        _check(server.manage("demo", "--password", PASSWORD, "--draft-calendar"), "demo")
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
                "--threads",
                "2",
                "--no-worker",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        server.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{server.url}/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((home / "server.log").read_text())
            time.sleep(0.2)
        yield server
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        log.close()
        # kept for a look after the run: the server's access and error log
        kept = Path(os.environ.get("CHENGGUAN_HOME", "var/test")) / "live-server.log"
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(home / "server.log", kept)
        shutil.rmtree(home, ignore_errors=True)
