"""Issue 12 item 6: the SQLite file and backup archives were world-readable, backups neither
encrypted nor signed. Now: 0600, sealed with the data key, HMAC-signed and checked on restore."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest


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


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("home")
    old = os.umask(0o022)  # a usual umask: the files must be private anyway
    try:
        assert _cli(home, "migrate", "-v", "0").returncode == 0
        script = (
            "from chengguan.demo.context import DemoContext; from chengguan.demo import org; "
            "org.build(DemoContext(password='pw-1234', year=2024, scale='minimal'))"
        )
        assert _cli(home, "shell", "-c", script).returncode == 0
    finally:
        os.umask(old)
    return home


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_the_database_file_and_the_backup_are_private_and_sealed(home, tmp_path):
    assert _mode(home / "chengguan.sqlite3") == 0o600
    archive = tmp_path / "b.bin"
    made = _cli(home, "backup", "--out", str(archive))
    assert made.returncode == 0, made.stderr
    assert _mode(archive) == 0o600
    data = archive.read_bytes()
    assert data[:4] == b"CGB1" and data[-38:-32] == b"CGSIG1"
    assert b"SQLite format 3" not in data
    with pytest.raises(tarfile.ReadError):
        tarfile.open(archive, "r:*").close()
    restored = _cli(home, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "校验通过" in restored.stdout
    assert _mode(home / "chengguan.sqlite3") == 0o600


def test_an_altered_backup_is_refused_before_anything_is_replaced(home, tmp_path):
    archive = tmp_path / "b.bin"
    assert _cli(home, "backup", "--out", str(archive)).returncode == 0
    data = bytearray(archive.read_bytes())
    data[100] ^= 0x01
    archive.write_bytes(bytes(data))
    before = (home / "chengguan.sqlite3").read_bytes()
    restored = _cli(home, "restore", str(archive))
    assert restored.returncode != 0
    assert "签名不符" in restored.stderr
    assert (home / "chengguan.sqlite3").read_bytes() == before


def test_a_backup_signed_with_another_key_is_refused(home, tmp_path):
    archive = tmp_path / "b.bin"
    assert _cli(home, "backup", "--out", str(archive)).returncode == 0
    other = tmp_path / "other-home"
    other.mkdir()
    (other / "ledger_key").write_text("another-key")
    (other / "pii_key").write_text((home / "pii_key").read_text())
    restored = _cli(other, "restore", str(archive))
    assert restored.returncode != 0 and "签名不符" in restored.stderr


def test_an_unsigned_old_format_backup_needs_an_explicit_flag(home, tmp_path):
    old = tmp_path / "old.tar.gz"
    manifest = tmp_path / "manifest.json"
    manifest.write_text('{"format": "chengguan-backup/1", "vendor": "sqlite"}')
    with tarfile.open(old, "w:gz") as tar:
        tar.add(manifest, "manifest.json")
    refused = _cli(home, "restore", str(old))
    assert refused.returncode != 0 and "--allow-unsigned" in refused.stderr
