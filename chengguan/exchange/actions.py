"""The provincial exchange (issue #16 item 6, decision 094).

- ``collect`` walks each bureau's ledger chain from its watermark: every penalty case, inspection
  and permit application an entry is about gets a snapshot (``records``); a snapshot that differs
  from the last one queued is queued as the subject's next version. The workflows are not touched:
  whatever they record reaches the province, and a record is never queued twice unchanged.
- ``annual`` queues the SZ-4 yearly figures (the annual report's, ``reports.figures``).
- ``send`` delivers due records through a transport (``core.transports``) outside any transaction,
  then stores the receipt (or the error and the next attempt, with backoff) in a short one.
  Delivery is at least once; the platform keeps one record per ``key``.
- ``reconcile`` reports a day's records: delivered with a receipt, waiting, failing, and receipts
  whose digest does not match what we sent.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db import transaction

from chengguan.core import clock
from chengguan.core.transports import DeliveryError, Transport
from chengguan.exchange import queries, records
from chengguan.exchange.models import ExchangeRecord, Kind, Watermark
from chengguan.ledger import actions as ledger
from chengguan.ledger.models import ChainHead, Entry
from chengguan.org.models import OrgUnit
from chengguan.reports.figures import compute

BATCH = 5000  # ledger entries per bureau per run; the next run goes on from the watermark
MAX_BACKOFF = dt.timedelta(hours=6)


def _bureaus(bureau: OrgUnit | None) -> list[OrgUnit]:
    if bureau is not None:
        return [bureau]
    return list(OrgUnit.objects.filter(kind=OrgUnit.Kind.BUREAU).order_by("pk"))


def _jsonable(value: Any) -> Any:
    # Figures carry Decimals and dates; the payload is plain JSON.
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def _queue(
    bureau: OrgUnit, kind: str, source_id: str, record: dict[str, Any], seq: int | None
) -> ExchangeRecord | None:
    sha = records.digest(record)
    last = queries.latest(bureau.pk, kind, source_id)
    if last is not None and last.payload_sha256 == sha:
        return None
    version = last.version + 1 if last else 1
    key = f"{bureau.code}:{kind}:{source_id}:{version}"
    now = clock.now()
    return ExchangeRecord.objects.create(
        bureau=bureau,
        kind=kind,
        source_id=source_id,
        version=version,
        key=key,
        payload={
            "schema": records.SCHEMA,
            "key": key,
            "kind": kind,
            "version": version,
            "bureau": {"code": bureau.code, "name": bureau.name},
            "generated_at": now.isoformat(),
            "sha256": sha,
            "record": record,
        },
        payload_sha256=sha,
        ledger_seq=seq,
        created_at=now,
    )


def collect(*, bureau: OrgUnit | None = None) -> dict[str, int]:
    """Queue the changed records of each bureau since its watermark; {bureau code: queued}."""
    out: dict[str, int] = {}
    for body in _bureaus(bureau):
        with transaction.atomic():
            Watermark.objects.get_or_create(bureau=body)
            mark = Watermark.objects.select_for_update().get(bureau=body)
            head = ChainHead.objects.filter(bureau_id=body.pk).values_list("seq", flat=True)
            top = head[0] if head else 0
            rows = list(
                Entry.objects.filter(
                    bureau_id=body.pk,
                    seq__gt=mark.seq,
                    seq__lte=top,
                    subject_type__in=list(records.SOURCES),
                )
                .order_by("seq")
                .values_list("seq", "subject_type", "subject_id")[:BATCH]
            )
            until = rows[-1][0] if len(rows) == BATCH else top
            latest: dict[tuple[str, str], int] = {}
            for seq, subject_type, subject_id in rows:
                latest[(subject_type, subject_id)] = seq
            queued = 0
            for (subject_type, subject_id), seq in sorted(latest.items(), key=lambda kv: kv[1]):
                kind, build = records.SOURCES[subject_type]
                if not subject_id.isdigit():
                    continue
                record = build(int(subject_id))
                if record is not None and _queue(body, kind, subject_id, record, seq):
                    queued += 1
            if queued:
                ledger.record(
                    None,
                    "exchange.collect",
                    ("exchange.watermark", body.pk),
                    {"from_seq": mark.seq, "to_seq": until, "queued": queued},
                    bureau_id=body.pk,
                )
            mark.seq, mark.collected_at = until, clock.now()
            mark.save(update_fields=["seq", "collected_at"])
        out[body.code] = queued
    return out


def annual(*, year: int, bureau: OrgUnit | None = None) -> dict[str, int]:
    """SZ-4: queue each bureau's figures of ``year`` (again only if they changed)."""
    out: dict[str, int] = {}
    for body in _bureaus(bureau):
        figures = _jsonable(compute(body, year).as_dict())
        with transaction.atomic():
            row = _queue(body, Kind.ANNUAL, str(year), {"year": year, "figures": figures}, None)
            if row is not None:
                ledger.record(
                    None,
                    "exchange.annual",
                    ("exchange.exchangerecord", row.pk),
                    {"year": year, "version": row.version, "sha256": row.payload_sha256},
                    bureau_id=body.pk,
                )
        out[body.code] = 1 if row is not None else 0
    return out


def _backoff(attempts: int) -> dt.timedelta:
    return min(dt.timedelta(minutes=2 ** min(attempts, 12)), MAX_BACKOFF)


def send(*, transport: Transport, limit: int = 500) -> dict[str, int]:
    """Deliver due records in order. A source's later versions wait while an earlier one fails,
    so the province sees them in order. Delivery state is not workflow: no ledger entry (as the
    一网通办 outbox, decision 074); the receipt is kept on the row."""
    sent = failed = 0
    blocked: set[tuple[int, str, str]] = set()
    for row in list(queries.due(clock.now())[:limit]):
        source = (row.bureau_id, row.kind, row.source_id)
        if source in blocked or queries.earlier_unsent(row):
            # an earlier version still waits (its backoff, or a failure in this run)
            blocked.add(source)
            continue
        try:
            receipt, tries = transport.send(row.payload)
        except DeliveryError as exc:
            with transaction.atomic():
                fresh = ExchangeRecord.objects.select_for_update().get(pk=row.pk)
                fresh.attempts += exc.tries
                fresh.last_error = str(exc)[:2000]
                fresh.next_attempt_at = clock.now() + _backoff(fresh.attempts)
                fresh.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            blocked.add(source)
            failed += 1
            continue
        with transaction.atomic():
            fresh = ExchangeRecord.objects.select_for_update().get(pk=row.pk)
            fresh.attempts += tries
            if fresh.sent_at is None:  # another sender may have stored its receipt meanwhile
                fresh.sent_at, fresh.receipt, fresh.last_error = clock.now(), receipt, ""
                fresh.receipt_id = str(receipt.get("id", ""))[:100]
            fresh.save(update_fields=["attempts", "sent_at", "receipt", "receipt_id", "last_error"])
        sent += 1
    return {"sent": sent, "failed": failed}


def reconcile(*, bureau: OrgUnit, day: dt.date) -> dict[str, Any]:
    """The day's records (created that day, Beijing time) against their receipts."""
    start = dt.datetime.combine(day, dt.time(0), clock.SHANGHAI)
    rows = list(queries.of_day(bureau.pk, start, start + dt.timedelta(days=1)))
    delivered = [r for r in rows if r.sent_at is not None]
    mismatched = [
        r.key
        for r in delivered
        if isinstance(r.receipt, dict) and r.receipt.get("sha256") not in (None, r.payload_sha256)
    ]
    no_receipt_id = [r.key for r in delivered if not r.receipt_id]
    waiting = [r.key for r in rows if r.sent_at is None and r.attempts == 0]
    failing = [r.key for r in rows if r.sent_at is None and r.attempts > 0]
    by_kind: dict[str, int] = {}
    for r in rows:
        by_kind[r.kind] = by_kind.get(r.kind, 0) + 1
    return {
        "bureau": bureau.code,
        "day": day.isoformat(),
        "records": len(rows),
        "by_kind": by_kind,
        "delivered": len(delivered),
        "waiting": waiting,
        "failing": failing,
        "mismatched": mismatched,
        "no_receipt_id": no_receipt_id,
        "ok": not (waiting or failing or mismatched or no_receipt_id),
    }
