"""Issue 16 item 4: ``ledger verify --since-checkpoint`` walks only the entries after each chain's
last signed checkpoint, and still refuses a rewrite after it or of the checkpointed entry itself."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from chengguan.ledger.models import ChainHead, Entry
from chengguan.ledger.queries import verify
from tests.security.helpers import append, drop_triggers


@pytest.fixture(autouse=True)
def _own_checkpoints(settings, tmp_path):
    settings.LEDGER_CHECKPOINT_DIR = tmp_path / "checkpoints"


def _checkpoint() -> None:
    call_command("ledger", "checkpoint", stdout=io.StringIO())


def test_only_entries_after_the_checkpoint_are_walked(demo):
    _checkpoint()
    assert verify(since_checkpoint=True).checked == 0
    new = append(demo.user("admin"))
    result = verify(since_checkpoint=True)
    assert result.ok, result.reason
    assert result.checked == len(new)
    assert verify().checked == Entry.objects.count()


def test_without_a_checkpoint_the_walk_is_full(demo):
    result = verify(since_checkpoint=True)
    assert result.ok, result.reason
    assert result.checked == Entry.objects.count()


def test_an_edit_after_the_checkpoint_is_found(demo):
    _checkpoint()
    new = append(demo.user("admin"))
    drop_triggers()
    Entry.objects.filter(pk=new[1].pk).update(payload='{"i":99}')
    result = verify(since_checkpoint=True)
    assert not result.ok
    assert result.broken is not None and result.broken.pk == new[1].pk


def test_a_rewritten_checkpointed_entry_is_found(demo):
    entries = append(demo.user("admin"))
    _checkpoint()
    drop_triggers()
    Entry.objects.filter(pk=entries[-1].pk).update(hash="0" * 64)
    result = verify(since_checkpoint=True)
    assert not result.ok and "检查点" in result.reason


def test_a_deleted_tail_behind_an_unchanged_head_is_found(demo):
    _checkpoint()
    new = append(demo.user("admin"))
    drop_triggers()
    Entry.objects.filter(pk=new[-1].pk).delete()
    result = verify(since_checkpoint=True)
    assert not result.ok and "链短于链头" in result.reason


def test_entries_beyond_a_rolled_back_head_are_found(demo):
    new = append(demo.user("admin"))
    drop_triggers()
    ChainHead.objects.filter(bureau_id=new[0].bureau_id).update(seq=new[0].seq, hash=new[0].hash)
    result = verify()
    assert not result.ok and "链头" in result.reason


def test_the_command_flag(demo, capsys):
    _checkpoint()
    append(demo.user("admin"))
    call_command("ledger", "verify", "--since-checkpoint", "--chain-only")
    assert "校验通过" in capsys.readouterr().out
