"""Issue 12 item 5: the record detects every rewrite (keyed chain, checkpoints outside the database,
evidence re-hashed, business rows reconciled with the ledger). Each attack passed the old verify."""

from __future__ import annotations

import io
import uuid
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from chengguan.citycases.models import CityCase
from chengguan.ledger import checkpoints
from chengguan.ledger.actions import store_blob
from chengguan.ledger.models import ChainHead, Entry
from chengguan.ledger.queries import verify
from chengguan.ledger.storage import blob_path
from chengguan.penalties.models import PenaltyCase

from .helpers import append, drop_triggers, rechain_plain


@pytest.fixture(autouse=True)
def _own_checkpoints(settings, tmp_path):
    # Checkpoint files outlive the test's rolled-back transaction: each test writes its own.
    settings.LEDGER_CHECKPOINT_DIR = tmp_path / "checkpoints"


def _verify_fails(capsys) -> str:
    with pytest.raises(SystemExit) as exit_info:
        call_command("ledger", "verify")
    assert exit_info.value.code == 1
    return capsys.readouterr().err


def test_the_full_verify_passes_on_the_demo_and_after_a_checkpoint(demo, capsys):
    call_command("ledger", "verify")
    call_command("ledger", "checkpoint")
    append(demo.user("admin"))  # entries after a checkpoint are lawful
    call_command("ledger", "verify")
    out = capsys.readouterr().out
    assert "已写检查点" in out and out.count("校验通过") == 2
    assert checkpoints.default_path().stat().st_mode & 0o077 == 0


def test_deleting_the_tail_and_rolling_back_the_head_is_detected(demo, capsys):
    entries = append(demo.user("admin"))
    call_command("ledger", "checkpoint")
    drop_triggers()
    keep = entries[0]
    Entry.objects.filter(bureau_id=keep.bureau_id, seq__gt=keep.seq).delete()
    ChainHead.objects.filter(bureau_id=keep.bureau_id).update(seq=keep.seq, hash=keep.hash)
    assert "链短于检查点" in _verify_fails(capsys)


def test_verify_against_an_exported_checkpoint_file(demo, capsys, tmp_path):
    exported = tmp_path / "exported.jsonl"
    entries = append(demo.user("admin"))
    call_command("ledger", "checkpoint", "--out", str(exported))
    call_command("ledger", "verify", "--against", str(exported))
    drop_triggers()
    Entry.objects.filter(pk=entries[-1].pk).delete()
    ChainHead.objects.filter(bureau_id=entries[-2].bureau_id).update(
        seq=entries[-2].seq, hash=entries[-2].hash
    )
    with pytest.raises(SystemExit):
        call_command("ledger", "verify", "--against", str(exported))
    assert "检查点" in capsys.readouterr().err


def test_an_edited_checkpoint_file_is_refused(demo, capsys):
    append(demo.user("admin"))
    call_command("ledger", "checkpoint")
    path = checkpoints.default_path()
    path.write_text(path.read_text().replace('"seq": ', '"seq": 1'))
    assert "签名不符" in _verify_fails(capsys)


def test_editing_an_entry_and_recomputing_the_plain_hashes_is_detected(demo, capsys):
    entries = append(demo.user("admin"))
    drop_triggers()
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE ledger_entry SET payload = %s WHERE id = %s",
            ['{"i":1,"text":"篡改"}', entries[1].pk],
        )
    rechain_plain(entries[1].bureau_id, from_seq=entries[1].seq)
    err = _verify_fails(capsys)
    assert f"第 {entries[1].seq} 条" in err


def test_downgrading_the_whole_chain_to_plain_hashes_is_detected(demo, capsys):
    entries = append(demo.user("admin"))
    drop_triggers()
    rechain_plain(entries[0].bureau_id)
    assert "未被签名检查点覆盖" in _verify_fails(capsys)


def test_editing_a_decided_fine_in_the_database_is_detected(demo, capsys):
    case = PenaltyCase.objects.filter(bureau=demo.bureau, fine_amount__gt=0).first()
    assert case is not None
    PenaltyCase.objects.filter(pk=case.pk).update(fine_amount=case.fine_amount + Decimal("1"))
    err = _verify_fails(capsys)
    assert "fine_amount" in err and str(case.pk) in err


def test_changing_a_penalty_case_status_in_the_database_is_detected(demo, capsys):
    case = PenaltyCase.objects.filter(bureau=demo.bureau).exclude(status="closed").first()
    assert case is not None
    PenaltyCase.objects.filter(pk=case.pk).update(status="closed")
    assert "status" in _verify_fails(capsys)


def test_deleting_a_city_case_is_detected(demo, capsys):
    case = CityCase.objects.filter(bureau=demo.bureau).order_by("pk").first()
    assert case is not None
    with transaction.atomic():
        CityCase.objects.filter(pk=case.pk).delete()
    err = _verify_fails(capsys)
    assert "已被删除" in err and str(case.pk) in err


def test_changing_an_evidence_file_is_detected(demo, capsys):
    content = f"现场照片 {uuid.uuid4()}".encode()
    with transaction.atomic():
        blob = store_blob(io.BytesIO(content), actor=demo.user("officer1"), name="现场.jpg")
    path = blob_path(blob.sha256)
    try:
        assert verify(files=True).ok
        path.write_bytes(content + b"!")
        err = _verify_fails(capsys)
        assert blob.sha256[:12] in err and "不符" in err
        path.unlink()
        assert "缺失" in _verify_fails(capsys)
    finally:
        path.unlink(missing_ok=True)  # the blob row rolls back; its file would not
