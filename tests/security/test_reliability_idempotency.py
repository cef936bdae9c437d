"""Issue 12 item 7: after kill -9 an Idempotency-Key stayed "in progress" for ever; now the claim is
a lease, taken over by the first retry after IDEMPOTENCY_LEASE_SECONDS."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from chengguan.api.models import IdempotentReply
from chengguan.org.models import Certificate
from tests.conftest import error_code

BODY = {"holder": "supervisor", "issued_on": "2024-01-01", "expires_on": "2029-01-01"}


def _crash_after_claim(admin, number: str, key: str) -> IdempotentReply:
    """A first attempt whose worker died mid-request: its placeholder stays, its write rolled back."""
    assert (
        admin.post(
            "org/certificates", {**BODY, "number": number}, headers={"Idempotency-Key": key}
        ).status_code
        == 201
    )
    Certificate.objects.filter(number=number).delete()
    row = IdempotentReply.objects.get(key=key)
    IdempotentReply.objects.filter(pk=row.pk).update(status=0, body=b"", content_type="")
    return row


def test_a_stale_in_progress_key_is_taken_over_by_the_retry(api, demo, settings):
    settings.IDEMPOTENCY_LEASE_SECONDS = 60
    admin = api("admin")
    row = _crash_after_claim(admin, "豫行执LEASE1", "lease-1")
    IdempotentReply.objects.filter(pk=row.pk).update(
        created_at=timezone.now() - dt.timedelta(seconds=61)
    )
    retry = admin.post(
        "org/certificates",
        {**BODY, "number": "豫行执LEASE1"},
        headers={"Idempotency-Key": "lease-1"},
    )
    assert retry.status_code == 201
    assert Certificate.objects.filter(number="豫行执LEASE1").count() == 1
    again = admin.post(
        "org/certificates",
        {**BODY, "number": "豫行执LEASE1"},
        headers={"Idempotency-Key": "lease-1"},
    )
    assert again.status_code == 201 and again["Idempotent-Replay"] == "true"
    assert Certificate.objects.filter(number="豫行执LEASE1").count() == 1


def test_a_key_within_its_lease_is_still_in_progress(api, demo, settings):
    settings.IDEMPOTENCY_LEASE_SECONDS = 60
    admin = api("admin")
    _crash_after_claim(admin, "豫行执LEASE2", "lease-2")
    retry = admin.post(
        "org/certificates",
        {**BODY, "number": "豫行执LEASE2"},
        headers={"Idempotency-Key": "lease-2"},
    )
    assert retry.status_code == 409
    assert error_code(retry) == "idempotency_in_progress"
    assert not Certificate.objects.filter(number="豫行执LEASE2").exists()
