from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from chengguan.ledger.actions import blob_path, record, store_blob
from chengguan.ledger.models import Entry
from chengguan.ledger.queries import verify
from chengguan.ledger.storage import read_blob
from tests.pg_roles import skip_unless_owner


def test_the_demo_chains_verify(demo):
    result = verify()
    assert result.ok, result.reason
    assert result.chains >= 2
    assert result.checked == Entry.objects.count()


def _append(demo, n: int = 3) -> list[Entry]:
    with transaction.atomic():
        return [
            record(demo.user("admin"), "test.note", ("test", i), {"i": i, "text": "记录"})
            for i in range(n)
        ]


def test_entries_link_to_their_predecessor(demo):
    first, second, _ = _append(demo)
    assert second.seq == first.seq + 1
    assert second.prev_hash == first.hash


def test_update_is_refused_by_the_database(demo):
    entry = _append(demo, 1)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE ledger_entry SET payload = %s WHERE id = %s", ['{"i":99}', entry.pk])
    entry.refresh_from_db()
    assert entry.payload == '{"i":0,"text":"记录"}'


def test_delete_is_refused_by_the_database(demo):
    entry = _append(demo, 1)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM ledger_entry WHERE id = %s", [entry.pk])
    assert Entry.objects.filter(pk=entry.pk).exists()


def _drop_triggers() -> None:
    """Simulate someone with raw database access (the triggers come back on rollback)."""
    skip_unless_owner("disabling the ledger's append-only triggers")
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE ledger_entry DISABLE TRIGGER USER")
        else:
            cur.execute("DROP TRIGGER ledger_entry_no_update")
            cur.execute("DROP TRIGGER ledger_entry_no_delete")


def test_a_row_changed_behind_the_application_is_detected(demo, capsys):
    entries = _append(demo)
    _drop_triggers()
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE ledger_entry SET payload = %s WHERE id = %s",
            ['{"i":1,"text":"篡改"}', entries[1].pk],
        )
    result = verify()
    assert not result.ok
    assert result.broken is not None and result.broken.pk == entries[1].pk
    with pytest.raises(SystemExit) as exit_info:
        call_command("ledger", "verify")
    assert exit_info.value.code == 1
    assert f"第 {entries[1].seq} 条" in capsys.readouterr().err


def test_a_deleted_tail_is_detected(demo):
    entries = _append(demo)
    _drop_triggers()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM ledger_entry WHERE id = %s", [entries[-1].pk])
    result = verify()
    assert not result.ok
    assert "链头" in result.reason


def test_verify_command_passes_on_a_good_chain(demo, capsys):
    call_command("ledger", "verify")
    assert "校验通过" in capsys.readouterr().out


def test_evidence_blob_is_stored_by_hash_and_recorded(demo, settings, tmp_path):
    settings.BLOB_ROOT = tmp_path
    with transaction.atomic():
        blob = store_blob(io.BytesIO(b"photo-bytes"), actor=demo.user("officer1"), name="现场.jpg")
    assert read_blob(blob.sha256) == b"photo-bytes"  # sealed on disk (decision 079)
    assert b"photo-bytes" not in blob_path(blob.sha256).read_bytes()
    assert blob.content_type == "image/jpeg"
    assert Entry.objects.filter(action="blob.store", subject_id=blob.sha256).exists()
    assert verify().ok


def test_an_append_moves_the_head_with_the_entry(demo):
    """Decision 093: on PostgreSQL the entry and the head's move are one statement; either way the
    head names the last entry and the chain verifies."""
    from django.test.utils import CaptureQueriesContext

    from chengguan.ledger.models import ChainHead

    bureau_id = demo.bureau.pk
    with transaction.atomic():
        record(demo.user("admin"), "test.note", ("test", 0), {"i": 0}, bureau_id=bureau_id)
        with CaptureQueriesContext(connection) as queries:
            last = record(demo.user("admin"), "test.note", ("test", 1), {"i": 1})
    assert len(queries.captured_queries) == (2 if connection.vendor == "postgresql" else 3)
    head = ChainHead.objects.get(bureau_id=bureau_id)
    assert (head.seq, head.hash) == (last.seq, last.hash)
    stored = Entry.objects.get(pk=last.pk)
    assert (stored.seq, stored.hash, stored.prev_hash) == (last.seq, last.hash, last.prev_hash)
    result = verify()
    assert result.ok, result.reason
