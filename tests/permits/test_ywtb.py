"""一网通办 intake and status callbacks: idempotent by the platform's number, an outbox written with
each status change, delivered by file (tests, development) or HTTP with retries and receipts —
the HTTP transport against a real local server."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chengguan.ledger.models import Entry
from chengguan.permits import actions, ywtb
from chengguan.permits.models import PermitApplication, PermitStatusMessage
from tests.permits.helpers import AD, MATERIALS, PERSON, T0, at, snapshot


def _body(number: str = "YWTB-411323-2025-000123") -> dict[str, Any]:
    return {
        "kind": AD,
        "applicant": dict(PERSON),
        "materials": MATERIALS[:4],
        "channel": "ywtb",
        "external_number": number,
    }


def test_a_replayed_platform_number_answers_the_same_application(api, demo):
    with at(T0):
        r = api("reviewer").post("permits", _body())
        assert r.status_code == 201, r.content
        first = r.json()
        assert first["channel"] == "ywtb" and first["external_number"] == _body()["external_number"]
        before = snapshot()
        again = api("reviewer").post("permits", _body())
        assert again.status_code == 200
        assert again.json()["id"] == first["id"] and again.json()["number"] == first["number"]
        assert snapshot() == before  # no second row, message or ledger entry
        other = api("reviewer").post("permits", _body("YWTB-411323-2025-000124"))
        assert other.status_code == 201 and other.json()["id"] != first["id"]


def test_each_status_change_writes_its_message_in_the_same_transaction(api, demo):
    with at(T0):
        app, _ = actions.apply(actor=demo.users["reviewer"], **_body())
        actions.request_materials(app.pk, actor=demo.users["reviewer"], missing=MATERIALS[4:])
        before = snapshot()
        r = api("reviewer").post(f"permits/{app.pk}/request_materials", {"missing": MATERIALS[4:]})
        assert r.status_code == 409 and snapshot() == before  # a refusal writes no message
    rows = list(PermitStatusMessage.objects.filter(application=app).order_by("id"))
    assert [m.status for m in rows] == ["received", "materials_requested"]
    assert rows[1].payload["missing"] == MATERIALS[4:]
    assert rows[1].payload["external_number"] == app.external_number
    entries = Entry.objects.filter(
        subject_type="permits.permitapplication", subject_id=str(app.pk)
    ).count()
    assert entries == len(rows)
    # A counter application is not the platform's: no message.
    with at(T0):
        counter, _ = actions.apply(
            actor=demo.users["reviewer"], kind=AD, applicant=dict(PERSON), materials=MATERIALS
        )
    assert not PermitStatusMessage.objects.filter(application=counter).exists()


def test_the_file_transport_writes_json_lines_and_stores_receipts(demo, tmp_path):
    with at(T0):
        app, _ = actions.apply(actor=demo.users["reviewer"], **_body())
        actions.accept(app.pk, actor=demo.users["reviewer"])
    path = tmp_path / "outbox.jsonl"
    result = actions.send_outbox(transport=ywtb.FileTransport(path))
    assert result == {"sent": 2, "failed": 0}
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [m["status"] for m in lines] == ["received", "accepted"]
    assert lines[1]["decide_by"] == "2025-07-01"
    msgs = PermitStatusMessage.objects.filter(application=app)
    assert all(m.sent_at and m.receipt and m.attempts == 1 for m in msgs)
    # Idempotent: nothing left to send.
    assert actions.send_outbox(transport=ywtb.FileTransport(path)) == {"sent": 0, "failed": 0}


def test_the_command_uses_the_configured_file_transport(demo, settings, tmp_path):
    settings.HOME = Path(tmp_path)
    settings.YWTB_TRANSPORT = "file"
    with at(T0):
        actions.apply(actor=demo.users["reviewer"], **_body())
    out = io.StringIO()
    call_command("permits", "send-outbox", stdout=out)
    assert "已发送 1 条" in out.getvalue()
    assert (Path(tmp_path) / "ywtb" / "outbox.jsonl").exists()
    settings.YWTB_TRANSPORT = "carrier-pigeon"
    with at(T0):
        actions.apply(actor=demo.users["reviewer"], **_body("YWTB-2"))
    with pytest.raises(CommandError, match="配置错误"):
        call_command("permits", "send-outbox", stdout=out)


class _Platform(BaseHTTPRequestHandler):
    """A stand-in for the provincial platform: fails the first ``fail`` requests with 503."""

    fail = 0
    seen: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # the name http.server calls
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).seen.append(body)
        if type(self).fail > 0:
            type(self).fail -= 1
            self.send_response(503)
            self.end_headers()
            return
        reply = json.dumps({"ok": True, "receipt_no": f"R{body['id']}"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def platform() -> Iterator[tuple[str, type[_Platform]]]:
    _Platform.fail, _Platform.seen = 0, []
    server = HTTPServer(("127.0.0.1", 0), _Platform)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/status", _Platform
    finally:
        server.shutdown()
        server.server_close()


def test_http_transport_retries_a_failure_then_stores_the_receipt(demo, platform):
    url, handler = platform
    with at(T0):
        app, _ = actions.apply(actor=demo.users["reviewer"], **_body())
    handler.fail = 1
    result = actions.send_outbox(transport=ywtb.HttpTransport(url, retries=3, backoff=0.01))
    assert result == {"sent": 1, "failed": 0}
    msg = PermitStatusMessage.objects.get(application=app)
    assert msg.attempts == 2 and msg.sent_at is not None
    assert msg.receipt["receipt_no"] == f"R{msg.pk}" and msg.receipt["http_status"] == 200
    assert len(handler.seen) == 2 and handler.seen[0] == handler.seen[1]


def test_http_transport_gives_up_keeps_the_message_and_sends_it_next_time(demo, platform):
    url, handler = platform
    with at(T0):
        app, _ = actions.apply(actor=demo.users["reviewer"], **_body())
        actions.accept(app.pk, actor=demo.users["reviewer"])
    handler.fail = 2
    transport = ywtb.HttpTransport(url, retries=2, backoff=0.01)
    # The first message fails twice; the second waits behind it (order is kept).
    assert actions.send_outbox(transport=transport) == {"sent": 0, "failed": 1}
    first, second = PermitStatusMessage.objects.filter(application=app).order_by("id")
    assert first.sent_at is None and first.attempts == 2 and "503" in first.last_error
    assert second.attempts == 0
    assert actions.send_outbox(transport=transport) == {"sent": 2, "failed": 0}
    first.refresh_from_db()
    assert first.sent_at is not None and first.attempts == 3 and first.last_error == ""
    statuses = [m["status"] for m in handler.seen if m["id"] == first.pk or m["id"] == second.pk]
    assert statuses[-2:] == ["received", "accepted"]


def test_an_unreachable_platform_is_a_delivery_error_not_a_crash(demo):
    with at(T0):
        actions.apply(actor=demo.users["reviewer"], **_body())
    transport = ywtb.HttpTransport("http://127.0.0.1:9/none", retries=2, backoff=0.01, timeout=1)
    assert actions.send_outbox(transport=transport) == {"sent": 0, "failed": 1}
    assert PermitApplication.objects.filter(channel="ywtb").count() == 1


def test_a_replay_by_another_units_clerk_or_bureau_learns_nothing(api, demo):
    with at(T0):
        assert api("reviewer").post("permits", _body()).status_code == 201
        before = snapshot()
        r = api("officer1").post("permits", _body())
        assert r.status_code == 403 and "法制股" in r.json()["error"]["message"]
        r = api("outsider").post("permits", _body())
        assert r.status_code == 400 and "kind" in r.json()["error"]["details"]
        assert api("handler_sanitation").post("permits", _body()).status_code == 403
        assert snapshot() == before
