"""``ledger.actions.BulkRecorder``: many entries at once, chained exactly as ``record`` chains them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction

from chengguan.core.clock import SHANGHAI
from chengguan.ledger.actions import BulkRecorder, record
from chengguan.ledger.models import ChainHead, Entry
from chengguan.ledger.queries import verify

FIELDS = ("seq", "at", "actor_id", "actor_name", "action", "subject_type", "subject_id")


class _Rollback(Exception):
    pass


def _calls(demo: Any) -> list[tuple[Any, ...]]:
    t0 = dt.datetime(2024, 5, 1, 9, 30, 15, 123456, tzinfo=SHANGHAI)
    admin = demo.user("admin")
    return [
        (
            admin if i % 3 else None,
            f"test.bulk{i % 2}",
            ("test.thing", i),
            {"i": i, "文字": "记录"},
            t0 + dt.timedelta(minutes=i),
        )
        for i in range(12)
    ]


def _rows(bureau_id: int, after: int) -> list[tuple[Any, ...]]:
    rows = Entry.objects.filter(bureau_id=bureau_id, seq__gt=after).order_by("seq")
    return [(*(getattr(e, f) for f in FIELDS), e.payload, e.prev_hash, e.hash) for e in rows]


def test_a_bulk_appended_chain_is_the_chain_record_writes(demo: Any) -> None:
    bureau_id = demo.user("admin").bureau_id
    start = ChainHead.objects.get(bureau_id=bureau_id).seq
    calls = _calls(demo)
    # The same entries through record(), then rolled back, so the bulk run starts from the same head.
    with pytest.raises(_Rollback), transaction.atomic():
        for actor, action, subject, payload, at in calls:
            record(actor, action, subject, payload, bureau_id=bureau_id, at=at)
        by_record = _rows(bureau_id, start)
        raise _Rollback
    assert ChainHead.objects.get(bureau_id=bureau_id).seq == start

    with transaction.atomic():
        bulk = BulkRecorder(bureau_id=bureau_id)
        for actor, action, subject, payload, at in calls[:5]:
            bulk.add(actor, action, subject, payload, at=at)
        assert bulk.flush() == 5
        for actor, action, subject, payload, at in calls[5:]:
            bulk.add(actor, action, subject, payload, at=at)
        assert bulk.flush() == 7
    assert _rows(bureau_id, start) == by_record
    head = ChainHead.objects.get(bureau_id=bureau_id)
    assert (head.seq, head.hash) == (start + len(calls), by_record[-1][-1])
    result = verify()
    assert result.ok, result.reason


def test_bulk_refuses_to_fork_the_chain(demo: Any) -> None:
    bureau_id = demo.user("admin").bureau_id
    count = Entry.objects.count()
    at = dt.datetime(2024, 5, 1, 9, 0, tzinfo=SHANGHAI)
    with pytest.raises(RuntimeError), transaction.atomic():
        bulk = BulkRecorder(bureau_id=bureau_id)
        bulk.add(None, "test.bulk", ("test.thing", 1), {}, at=at)
        record(None, "test.between", ("test.thing", 2), {}, bureau_id=bureau_id, at=at)
        bulk.flush()
    assert Entry.objects.count() == count
    assert verify().ok
