from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CHENGGUAN_HOME": str(home), "CHENGGUAN_FAST_HASHER": "1"}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "chengguan.manage", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_backup_and_restore_round_trip(tmp_path: Path):
    """A real SQLite home: demo, backup, damage, restore; the restored chain verifies."""
    home = tmp_path / "home"
    assert _cli(home, "migrate", "-v", "0").returncode == 0
    # Only the organisation builder is needed; the full demo is exercised elsewhere.
    script = (
        "from chengguan.demo.context import DemoContext; from chengguan.demo import org; "
        "org.build(DemoContext(password='pw-1234', year=2024, scale='minimal'))"
    )
    assert _cli(home, "shell", "-c", script).returncode == 0
    archive = tmp_path / "b.tar.gz"
    made = _cli(home, "backup", "--out", str(archive))
    assert made.returncode == 0, made.stderr
    (home / "chengguan.sqlite3").write_bytes(b"")  # the database is lost
    restored = _cli(home, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "校验通过" in restored.stdout
    count = _cli(
        home, "shell", "-c", "from chengguan.org.models import Staff; print(Staff.objects.count())"
    )
    assert int(count.stdout.strip().splitlines()[-1]) >= 16
