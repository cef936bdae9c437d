from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction

from chengguan.core.numbering import document_number, next_number


def test_numbers_are_sequential_per_bureau_kind_and_year(db):
    with transaction.atomic():
        assert [next_number(1, "case", 2024) for _ in range(3)] == [1, 2, 3]
        assert next_number(1, "case", 2025) == 1
        assert next_number(2, "case", 2024) == 1
        assert next_number(1, "decision", 2024) == 1


def test_a_rolled_back_number_is_issued_again(db):
    with transaction.atomic():
        assert next_number(1, "case", 2024) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_number(1, "case", 2024) == 2
        raise RuntimeError("the action failed")
    with transaction.atomic():
        assert next_number(1, "case", 2024) == 2


def test_document_number_format():
    assert document_number("示城管罚决字", 2024, 12) == "示城管罚决字〔2024〕12号"


WORKER = """
import django, os, sys
django.setup()
from django.db import transaction
from chengguan.core.numbering import next_number
got = []
for _ in range(int(sys.argv[1])):
    with transaction.atomic():
        got.append(next_number(1, "race", 2024))
print(" ".join(map(str, got)))
"""


def test_concurrent_processes_get_no_duplicates_or_gaps(tmp_path: Path):
    """Four processes take numbers from one SQLite file at once (a real concurrent writer race)."""
    env = {
        **os.environ,
        "CHENGGUAN_HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "chengguan.settings",
    }
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "chengguan.manage", "migrate", "--noinput", "-v", "0"],
        env=env,
        check=True,
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, "25"], env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    numbers: list[int] = []
    for p in procs:
        out, _ = p.communicate(timeout=120)
        assert p.returncode == 0
        numbers += [int(n) for n in out.split()]
    assert sorted(numbers) == list(range(1, 101))
