"""Issue #12 item "security audit trail": permission refusals are security events, and the audit
administrator (only) exports the trail and the ledger of their bureau, as CSV safe to open
(decision 073)."""

from __future__ import annotations

import csv
import io

import pytest

from chengguan.core import spreadsheets
from chengguan.core.models import SecurityEvent
from chengguan.ledger.models import Entry
from tests.conftest import error_code


def test_a_refused_request_is_a_security_event(demo, api):
    before = SecurityEvent.objects.filter(kind="access.denied").count()
    entries = Entry.objects.count()
    refused = api("hotline").get("audit/ledger")
    assert refused.status_code == 403
    event = SecurityEvent.objects.filter(kind="access.denied").latest("id")
    assert SecurityEvent.objects.filter(kind="access.denied").count() == before + 1
    assert event.username == "hotline" and event.channel == "api"
    assert event.detail == "GET /api/v1/audit/ledger"
    assert Entry.objects.count() == entries  # a refusal changes nothing in the record


def test_the_auditor_exports_the_trail(demo, api):
    assert api("hotline").get("audit/ledger").status_code == 403
    auditor = api("auditor")
    page = auditor.get("audit/security-events", kind="access.denied")
    assert page.status_code == 200
    items = page.json()["items"]
    assert items and all(i["kind"] == "access.denied" for i in items)
    assert SecurityEvent.objects.filter(kind="audit.export", username="auditor").exists()


def test_the_ledger_export_is_the_bureaus_only(demo, api):
    response = api("auditor").get("audit/ledger", since="2000-01-01", until="2000-12-31")
    assert response.status_code == 200
    response = api("auditor").get("audit/ledger", format="csv", action="org.")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["seq", "at", "actor"]
    other = demo.user("outsider")
    ours = Entry.objects.filter(bureau_id=demo.bureau.pk, action__startswith="org.").count()
    theirs = Entry.objects.filter(bureau_id=other.bureau_id, action__startswith="org.").count()
    assert theirs > 0
    assert len(rows) - 1 <= ours


@pytest.mark.parametrize("username", ["admin", "security", "head", "supervisor", "outsider"])
def test_only_the_auditor_exports(demo, api, username):
    for path in ("audit/security-events", "audit/ledger"):
        response = api(username).get(path)
        assert response.status_code == 403, (username, path)
        assert error_code(response) == "forbidden"


def test_anonymous_is_refused(demo, api):
    assert api(None).get("audit/ledger").status_code == 401


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"since": "2024-13-01"}, "since"),
        ({"since": "2024-02-01", "until": "2024-01-01"}, "until"),
        ({"since": "2020-01-01", "until": "2024-01-01"}, "until"),
        ({"kind": "nope"}, "kind"),
    ],
)
def test_bad_periods_are_400_in_chinese(demo, api, params, field):
    response = api("auditor").get("audit/security-events", **params)
    assert response.status_code == 400
    assert field in response.json()["error"]["details"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("王某某", "王某某"),
        ("a\x01b", "ab"),
        (-5, "-5"),
        (None, ""),
    ],
)
def test_csv_cells_are_neutralised(value, expected):
    assert spreadsheets.safe_cell(value) == expected


def test_the_disclosure_csv_neutralises_formulas():
    from chengguan.disclosure.queries import as_csv

    text = as_csv([{"party_name": "=cmd|' /C calc'!A0"}])
    assert "'=cmd" in text
