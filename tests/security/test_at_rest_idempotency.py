"""Issue 12 item 6: idempotent replies (which may carry revealed personal data) are sealed with the
data key at rest, still replayed, and expire."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from chengguan.api.models import IdempotentReply

BODY = {"holder": "supervisor", "issued_on": "2024-01-01", "expires_on": "2029-01-01"}


def test_the_kept_reply_is_not_stored_in_clear(api, demo):
    admin = api("admin")
    first = admin.post(
        "org/certificates", {**BODY, "number": "豫行执SEAL01"}, headers={"Idempotency-Key": "s-1"}
    )
    assert first.status_code == 201
    stored = bytes(IdempotentReply.objects.get(key="s-1").body)
    assert b"SEAL01" not in stored and b"supervisor" not in stored
    again = admin.post(
        "org/certificates", {**BODY, "number": "豫行执SEAL01"}, headers={"Idempotency-Key": "s-1"}
    )
    assert again["Idempotent-Replay"] == "true" and again.json() == first.json()


def test_kept_replies_expire(api, demo, settings):
    settings.IDEMPOTENCY_TTL_SECONDS = 3600
    admin = api("admin")
    assert (
        admin.post(
            "org/certificates",
            {**BODY, "number": "豫行执TTL01"},
            headers={"Idempotency-Key": "t-1"},
        ).status_code
        == 201
    )
    IdempotentReply.objects.filter(key="t-1").update(
        created_at=timezone.now() - dt.timedelta(seconds=3601)
    )
    assert (
        admin.post(
            "org/certificates",
            {**BODY, "number": "豫行执TTL02"},
            headers={"Idempotency-Key": "t-2"},
        ).status_code
        == 201
    )
    assert not IdempotentReply.objects.filter(key="t-1").exists()
    assert IdempotentReply.objects.filter(key="t-2").exists()
