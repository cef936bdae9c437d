"""A certificate's change of status keeps old and new values of what it changed (decision 062)."""

from __future__ import annotations

import json

from chengguan.demo.context import DemoContext
from chengguan.ledger.models import Entry
from chengguan.org import actions


def test_suspension_and_reinstatement_record_old_and_new(demo: DemoContext) -> None:
    cert = demo.user("officer2").certificates.get()
    assert (cert.status, cert.reason, cert.reason_text) == ("valid", "", "")
    admin = demo.user("admin")
    actions.suspend_certificate(
        actor=admin, certificate_id=cert.pk, reason="discipline", reason_text="违纪"
    )
    actions.reinstate_certificate(actor=admin, certificate_id=cert.pk, reason="other")
    rows = Entry.objects.filter(
        subject_id=str(cert.pk),
        action__in=["org.certificate.suspend", "org.certificate.reinstate"],
    )
    suspend, reinstate = (json.loads(e.payload) for e in rows.order_by("seq"))
    assert (suspend["from"], suspend["to"]) == ("valid", "suspended")
    assert suspend["old"] == {"status": "valid", "reason": "", "reason_text": ""}
    assert suspend["new"] == {"status": "suspended", "reason": "discipline", "reason_text": "违纪"}
    assert reinstate["old"] == {
        "status": "suspended",
        "reason": "discipline",
        "reason_text": "违纪",
    }
    assert reinstate["new"] == {"status": "valid", "reason": "other", "reason_text": ""}
