"""Simulating an attacker with raw database access (the changes come back on rollback)."""

from __future__ import annotations

from django.db import connection, transaction

from chengguan.ledger.actions import record
from chengguan.ledger.chain import PLAIN, entry_hash
from chengguan.ledger.models import ChainHead, Entry
from chengguan.ledger.queries import _at_text
from tests.pg_roles import skip_unless_owner


def append(user, n: int = 3) -> list[Entry]:
    with transaction.atomic():
        return [record(user, "test.note", ("test", i), {"i": i, "text": "记录"}) for i in range(n)]


def drop_triggers() -> None:
    skip_unless_owner("disabling the ledger's append-only triggers")
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE ledger_entry DISABLE TRIGGER USER")
        else:
            cur.execute("DROP TRIGGER ledger_entry_no_update")
            cur.execute("DROP TRIGGER ledger_entry_no_delete")


def rechain_plain(bureau_id: int, *, from_seq: int = 1) -> None:
    """Recompute every plain SHA-256 hash of the chain from ``from_seq`` on, and its head, as the
    old verifier would accept: what an attacker without the key can do."""
    prev = (
        Entry.objects.get(bureau_id=bureau_id, seq=from_seq - 1).hash if from_seq > 1 else "0" * 64
    )
    last = 0
    with connection.cursor() as cur:
        for e in Entry.objects.filter(bureau_id=bureau_id, seq__gte=from_seq).order_by("seq"):
            cur.execute(
                "SELECT at FROM ledger_entry WHERE id = %s"
                if connection.vendor == "postgresql"
                else "SELECT at || '' FROM ledger_entry WHERE id = %s",
                [e.pk],
            )
            (at,) = cur.fetchone()
            digest = entry_hash(
                bureau_id=e.bureau_id,
                seq=e.seq,
                at=_at_text(at),
                actor_id=e.actor_id,
                action=e.action,
                subject_type=e.subject_type,
                subject_id=e.subject_id,
                payload=e.payload,
                prev_hash=prev,
                version=PLAIN,
            )
            cur.execute(
                "UPDATE ledger_entry SET prev_hash = %s, hash = %s, version = %s WHERE id = %s",
                [prev, digest, PLAIN, e.pk],
            )
            prev, last = digest, e.seq
    ChainHead.objects.filter(bureau_id=bureau_id).update(seq=last, hash=prev)
