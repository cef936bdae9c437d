"""The blob store's bytes on disk: where an evidence file lives, and writing and reading it.

Files are content-addressed under ``settings.BLOB_ROOT`` and private to the service (0600 files,
0700 directories): they hold photos of people and 文书 with personal data.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from django.conf import settings


def blob_path(sha256: str) -> Path:
    return Path(settings.BLOB_ROOT) / sha256[:2] / sha256[2:4] / sha256


def write_blob_file(sha: str, chunks: list[bytes]) -> None:
    """Write the bytes once, atomically and private: a unique temporary name per writer, so
    parallel writers of the same content never share a half-written file."""
    path = blob_path(sha)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{sha[:8]}-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:  # mkstemp creates the file 0600
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def read_blob(sha256: str) -> bytes:
    """The stored bytes of an evidence file (FileNotFoundError if gone)."""
    return blob_path(sha256).read_bytes()
