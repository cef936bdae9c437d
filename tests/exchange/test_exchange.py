"""The provincial data exchange (issue #16 item 6, decision 094): records queued from the ledger,
masked as 双公示 masks them, delivered to a real local HTTP receiver with retries, receipts and
idempotency by key, and reconciled."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from chengguan.core import clock
from chengguan.core.transports import HttpTransport
from chengguan.exchange import actions, records
from chengguan.exchange.models import ExchangeRecord, Kind
from chengguan.jobs import reminders
from chengguan.ledger.models import Entry
from chengguan.penalties.models import Party
from chengguan.permits import actions as permits
from tests.permits.helpers import AD, MATERIALS, PERSON, T0, at


class Receiver:
    """The province's platform as a real HTTP server: one record per Idempotency-Key."""

    def __init__(self) -> None:
        self.records: dict[str, dict[str, Any]] = {}
        self.requests: list[str] = []
        self.fail_next = 0
        self.wrong_digest = False
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                key = self.headers.get("Idempotency-Key", "")
                receiver.requests.append(key)
                if receiver.fail_next:
                    receiver.fail_next -= 1
                    self.send_response(500)
                    self.end_headers()
                    return
                assert key == body["key"]
                known = receiver.records.setdefault(
                    key, {**body, "_id": f"P{len(receiver.records) + 1}"}
                )
                answer = {
                    "id": known["_id"],
                    "sha256": "0" * 64 if receiver.wrong_digest else body["sha256"],
                }
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/records"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def transport(self, retries: int = 2) -> HttpTransport:
        return HttpTransport(self.url, retries=retries, backoff=0.01, timeout=5)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.server.shutdown()
    r.server.server_close()


def _subjects(bureau_id: int) -> set[tuple[str, str]]:
    return set(
        Entry.objects.filter(bureau_id=bureau_id, subject_type__in=list(records.SOURCES))
        .values_list("subject_type", "subject_id")
        .distinct()
    )


def test_collect_queues_each_record_once_with_persons_masked(demo):
    queued = actions.collect()
    rows = list(ExchangeRecord.objects.filter(bureau=demo.bureau))
    assert queued["demo"] == len(rows) == len(_subjects(demo.bureau.pk)) > 0
    assert {r.kind for r in rows} >= {Kind.PENALTY_CASE, Kind.INSPECTION, Kind.PERMIT}
    assert all(r.version == 1 and r.key == f"demo:{r.kind}:{r.source_id}:1" for r in rows)
    text = json.dumps([r.payload for r in rows], ensure_ascii=False)
    # no clear ID number, phone or address of any party reaches the province
    for party in Party.objects.filter(bureau=demo.bureau):
        for secret in (party.id_number, party.phone, party.address):
            if secret:
                assert secret not in text
        if party.kind == "person":
            assert f'"name": "{party.name}"' not in text
    for row in rows:
        assert row.payload["sha256"] == records.digest(row.payload["record"])
        assert row.payload["schema"] == records.SCHEMA
    entry = Entry.objects.filter(bureau_id=demo.bureau.pk, action="exchange.collect").get()
    assert json.loads(entry.payload)["queued"] == len(rows)
    # nothing changed: nothing queued, nothing recorded
    before = (ExchangeRecord.objects.count(), Entry.objects.count())
    assert actions.collect() == {"demo": 0, "other": 0}
    assert (ExchangeRecord.objects.count(), Entry.objects.count()) == before


def test_a_change_queues_the_next_version_and_nothing_else(demo):
    actions.collect()
    with at(T0):
        app, _ = permits.apply(
            actor=demo.users["reviewer"],
            kind=AD,
            applicant=dict(PERSON),
            materials=MATERIALS[:4],
        )
        assert actions.collect()["demo"] == 1
        permits.request_materials(app.pk, actor=demo.users["reviewer"], missing=MATERIALS[4:])
        assert actions.collect()["demo"] == 1
    versions = list(
        ExchangeRecord.objects.filter(kind=Kind.PERMIT, source_id=str(app.pk)).order_by("version")
    )
    assert [(v.version, v.payload["record"]["status"]) for v in versions] == [
        (1, "received"),
        (2, "materials_requested"),
    ]
    assert versions[0].payload["record"]["applicant"] == {"kind": "person", "name": "李*"}


def test_delivery_stores_the_platforms_receipt_and_sends_each_key_once(demo, receiver):
    actions.collect()
    total = ExchangeRecord.objects.count()
    assert actions.send(transport=receiver.transport()) == {"sent": total, "failed": 0}
    assert len(receiver.records) == total and len(receiver.requests) == total
    for row in ExchangeRecord.objects.all():
        assert row.sent_at is not None and row.receipt_id.startswith("P")
        assert receiver.records[row.key]["record"] == row.payload["record"]
    # delivered rows are not sent again
    assert actions.send(transport=receiver.transport()) == {"sent": 0, "failed": 0}
    # a receipt lost on the way: the row is sent again, the platform keeps one record
    row = ExchangeRecord.objects.first()
    assert row is not None
    first_id = row.receipt_id
    ExchangeRecord.objects.filter(pk=row.pk).update(sent_at=None, receipt=None, receipt_id="")
    assert actions.send(transport=receiver.transport())["sent"] == 1
    row.refresh_from_db()
    assert row.receipt_id == first_id and len(receiver.records) == total


def test_a_failing_platform_is_retried_after_a_backoff_and_in_order(demo, receiver):
    with at(T0):
        app, _ = permits.apply(
            actor=demo.users["reviewer"], kind=AD, applicant=dict(PERSON), materials=MATERIALS[:4]
        )
        actions.collect()
        permits.request_materials(app.pk, actor=demo.users["reviewer"], missing=MATERIALS[4:])
        actions.collect()
    ExchangeRecord.objects.exclude(kind=Kind.PERMIT, source_id=str(app.pk)).update(
        sent_at=clock.now()
    )
    receiver.fail_next = 2  # both tries of the first message fail
    assert actions.send(transport=receiver.transport(retries=2)) == {"sent": 0, "failed": 1}
    first, second = ExchangeRecord.objects.filter(source_id=str(app.pk), kind=Kind.PERMIT).order_by(
        "version"
    )
    assert first.attempts == 2 and first.next_attempt_at is not None and "500" in first.last_error
    assert second.attempts == 0  # version 2 waits behind version 1
    # before the backoff ends nothing is tried
    assert actions.send(transport=receiver.transport()) == {"sent": 0, "failed": 0}
    assert len(receiver.requests) == 2
    with clock.frozen_at(first.next_attempt_at + dt.timedelta(seconds=1)):
        assert actions.send(transport=receiver.transport()) == {"sent": 2, "failed": 0}
    keys = [k for k in receiver.requests if k]
    assert keys[-2:] == [first.key, second.key]


def test_reconcile_lists_what_is_missing_or_does_not_match(demo, receiver):
    actions.collect()
    row = ExchangeRecord.objects.order_by("id").first()
    assert row is not None
    day = row.created_at.astimezone(clock.SHANGHAI).date()
    report = actions.reconcile(bureau=demo.bureau, day=day)
    assert not report["ok"] and row.key in report["waiting"]
    receiver.wrong_digest = True
    actions.send(transport=receiver.transport())
    report = actions.reconcile(bureau=demo.bureau, day=day)
    assert row.key in report["mismatched"] and not report["waiting"]
    receiver.wrong_digest = False
    ExchangeRecord.objects.update(sent_at=None, receipt=None, receipt_id="")
    actions.send(transport=receiver.transport())
    report = actions.reconcile(bureau=demo.bureau, day=day)
    assert report["ok"] and report["delivered"] == report["records"] > 0
    out = io.StringIO()
    call_command("exchange", "reconcile", "--bureau", "demo", "--date", day.isoformat(), stdout=out)
    assert json.loads(out.getvalue())["ok"] is True


def test_the_yearly_figures_are_queued_once_per_change(demo):
    assert actions.annual(year=2024, bureau=demo.bureau) == {"demo": 1}
    row = ExchangeRecord.objects.get(kind=Kind.ANNUAL, source_id="2024")
    assert row.payload["record"]["year"] == 2024 and row.payload["record"]["figures"]
    assert Entry.objects.filter(action="exchange.annual", bureau_id=demo.bureau.pk).count() == 1
    assert actions.annual(year=2024, bureau=demo.bureau) == {"demo": 0}
    with pytest.raises(CommandError, match="年份"):
        call_command("exchange", "annual", "--year", "1999")
    with pytest.raises(CommandError, match="没有编码"):
        call_command("exchange", "collect", "--bureau", "nope")


def test_the_job_does_nothing_while_off_and_sends_when_on(demo, tmp_path, settings):
    assert reminders.province_exchange() == {"queued": 0, "sent": 0, "failed": 0}
    assert not ExchangeRecord.objects.exists()
    with override_settings(EXCHANGE_TRANSPORT="file", HOME=tmp_path):
        result = reminders.province_exchange()
        assert result["queued"] == result["sent"] > 0
        lines = (tmp_path / "exchange" / "outbox.jsonl").read_text().splitlines()
        assert len(lines) == result["sent"]
        assert reminders.province_exchange() == {"queued": 0, "sent": 0, "failed": 0}
        assert reminders.province_exchange_annual(dt.date(2026, 6, 1)) == {"queued": 0}
        assert reminders.province_exchange_annual(dt.date(2025, 1, 10))["queued"] == 2


def test_the_records_of_each_bureau_carry_its_own_code(demo):
    actions.collect(bureau=demo.bureau)
    assert not ExchangeRecord.objects.exclude(bureau=demo.bureau).exists()
    assert {r.payload["bureau"]["code"] for r in ExchangeRecord.objects.all()} == {"demo"}


def test_every_payload_follows_its_published_schema(demo):
    import jsonschema

    actions.collect()
    actions.annual(year=2024, bureau=demo.bureau)
    folder = records.SCHEMA_DIR
    envelope = json.loads((folder / "envelope.schema.json").read_text())
    kinds = {k: json.loads((folder / f"{k}.schema.json").read_text()) for k in Kind.values}
    rows = list(ExchangeRecord.objects.all())
    assert {r.kind for r in rows} == set(Kind.values)
    for row in rows:
        jsonschema.validate(row.payload, envelope)
        jsonschema.validate(row.payload["record"], kinds[row.kind])
