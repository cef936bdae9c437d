"""The operator's wheel (issue #16 item 7, decision 095): it carries the front-end assets, and an
installation of it alone — no checkout, no node_modules — serves the pages with their CSS and JS
through `chengguan serve`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The wheel does not depend on the database: build and serve it once, in the SQLite pass.
pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="打包测试只在 SQLite 一轮运行"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / "node_modules" / "leaflet" / "dist").is_dir():
        pytest.fail("node_modules 缺少前端库：make test 先运行 make assets")
    out = tmp_path_factory.mktemp("dist")
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_wheel.py"), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(run.stdout.strip().splitlines()[-1])


def test_the_wheel_carries_the_assets_templates_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "chengguan/vendor/leaflet/dist/leaflet.js",
        "chengguan/vendor/leaflet/dist/leaflet.css",
        "chengguan/vendor/htmx.org/dist/htmx.min.js",
        "chengguan/vendor/echarts/dist/echarts.min.js",
        "chengguan/web/static/web/app.css",
        "chengguan/web/templates/web/base.html",
        "chengguan/penalties/migrations/0001_initial.py",
    ):
        assert name in names, name
    # what collectstatic leaves out is left out of the wheel too (source maps, other builds)
    assert not [n for n in names if n.startswith("chengguan/vendor/") and n.endswith(".map")]
    assert not any(n.startswith("node_modules/") for n in names)


def test_an_installed_wheel_serves_the_pages_with_their_assets(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CHENGGUAN_HOME"}}
    # The installed copy comes first on the path, ahead of the checkout's editable install.
    env |= {"PYTHONPATH": str(target), "CHENGGUAN_HOME": str(tmp_path / "home")}
    cwd = tmp_path  # not the checkout: nothing of it may be found by accident
    where = subprocess.run(
        [sys.executable, "-c", "import chengguan; print(chengguan.__file__)"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.strip().startswith(str(target)), where.stdout
    subprocess.run(
        [sys.executable, "-m", "chengguan.manage", "migrate", "--noinput", "-v0"],
        cwd=cwd,
        env=env,
        check=True,
    )
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "chengguan.manage",
            "serve",
            "--no-worker",
            "--workers",
            "1",
            "--port",
            str(port),
        ],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120  # the first start collects the static files
        while True:
            try:
                with urllib.request.urlopen(f"{base}/accounts/login/", timeout=5) as r:
                    page = r.read().decode()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    out = server.stdout.read() if server.stdout else ""
                    pytest.fail(f"服务未启动：{out[-2000:]}")
                time.sleep(0.5)
        assert "登录" in page
        for asset in ("leaflet/dist/leaflet.js", "htmx.org/dist/htmx.min.js", "web/app.css"):
            with urllib.request.urlopen(f"{base}/static/{asset}", timeout=5) as r:
                assert r.status == 200 and len(r.read()) > 100, asset
    finally:
        server.terminate()
        server.wait(timeout=30)
