from __future__ import annotations

from chengguan.core import clock
from chengguan.ledger.models import Entry
from chengguan.org.checks import valid_certificate
from chengguan.org.models import Certificate
from tests.conftest import error_code


def test_demo_officer_without_certificate_has_a_cancelled_one(demo):
    person = demo.user("officer_nocert")
    assert valid_certificate(person, clock.today()) is None
    cert = person.certificates.get()
    assert cert.status == Certificate.Status.CANCELLED
    assert cert.reason == Certificate.Reason.LEFT_POST


def test_cancellation_needs_a_reason_and_is_in_the_ledger(api, demo):
    cert = demo.user("officer2").certificates.get()
    admin = api("admin")
    missing = admin.post(f"org/certificates/{cert.pk}/cancel", {})
    assert missing.status_code == 400
    assert "reason" in missing.json()["error"]["details"]
    r = admin.post(f"org/certificates/{cert.pk}/cancel", {"reason": "retired"})
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "cancelled"
    assert r.json()["reason"] == "retired"
    assert valid_certificate(demo.user("officer2"), clock.today()) is None
    entry = Entry.objects.filter(action="org.certificate.cancel", subject_id=str(cert.pk)).get()
    assert '"retired"' in entry.payload


def test_only_admin_may_cancel(api, demo):
    cert = demo.user("officer2").certificates.get()
    r = api("head").post(f"org/certificates/{cert.pk}/cancel", {"reason": "retired"})
    assert r.status_code == 403
    assert error_code(r) == "forbidden"
    cert.refresh_from_db()
    assert cert.status == Certificate.Status.VALID


def test_issue_certificate_and_refuse_a_duplicate_number(api, demo):
    admin = api("admin")
    body = {
        "holder": "supervisor",
        "number": "豫行执TEST001",
        "kind": "行政执法证",
        "issued_on": "2024-01-01",
        "expires_on": "2029-01-01",
    }
    r = admin.post("org/certificates", body)
    assert r.status_code == 201, r.content
    assert r.json()["status"] == "valid"
    again = admin.post("org/certificates", body)
    assert again.status_code == 400
    assert "number" in again.json()["error"]["details"]


def test_expiry_before_issue_is_refused(api, demo):
    r = api("admin").post(
        "org/certificates",
        {
            "holder": "supervisor",
            "number": "X1",
            "issued_on": "2024-01-01",
            "expires_on": "2023-01-01",
        },
    )
    assert r.status_code == 400
    assert "expires_on" in r.json()["error"]["details"]


def test_outsider_sees_nothing_of_the_demo_bureau(api, demo):
    outsider = api("outsider")
    officer = demo.user("officer1")
    assert outsider.get(f"org/staff/{officer.pk}").status_code == 404
    names = {s["username"] for s in outsider.get("org/staff").json()["items"]}
    assert names.isdisjoint({"officer1", "center", "admin"})
    cert = officer.certificates.get()
    r = outsider.post(f"org/certificates/{cert.pk}/cancel", {"reason": "retired"})
    assert r.status_code in (403, 404)
    cert.refresh_from_db()
    assert cert.status == Certificate.Status.VALID


def test_staff_never_shows_a_password(api, demo):
    body = api("center").get(f"org/staff/{demo.user('officer1').pk}").content.decode()
    assert "password" not in body
    assert "pbkdf2" not in body and "md5$" not in body


def test_outsider_lists_only_its_own_bureau(api, demo):
    outsider = api("outsider")
    units = {u["code"] for u in outsider.get("org/units").json()["items"]}
    assert "center" not in units and "brigade" in units
    holders = {c["holder"] for c in outsider.get("org/certificates").json()["items"]}
    assert holders == {"outsider"}
    assert outsider.get("org/certificates", holder="officer1").json()["items"] == []


def test_outsider_admin_cannot_suspend_a_demo_certificate(api, demo):
    cert = demo.user("officer1").certificates.get()
    r = api("other_admin").post(f"org/certificates/{cert.pk}/suspend", {"reason": "other"})
    assert r.status_code == 404
    cert.refresh_from_db()
    assert cert.status == Certificate.Status.VALID


def test_suspension_is_reversible_but_cancellation_is_final(api, demo):
    cert = demo.user("officer2").certificates.get()
    admin = api("admin")
    assert (
        admin.post(f"org/certificates/{cert.pk}/suspend", {"reason": "discipline"}).json()["status"]
        == "suspended"
    )
    assert valid_certificate(demo.user("officer2"), clock.today()) is None
    assert (
        admin.post(f"org/certificates/{cert.pk}/cancel", {"reason": "left_post"}).status_code == 200
    )
    again = admin.post(f"org/certificates/{cert.pk}/suspend", {"reason": "other"})
    assert again.status_code == 409
    assert error_code(again) == "state"


def test_an_expired_certificate_is_not_valid(demo):
    import datetime as dt

    cert = demo.user("officer1").certificates.get()
    assert cert.is_valid(clock.today())
    assert cert.effective_status(cert.expires_on + dt.timedelta(days=1)) == "expired"
    assert not cert.is_valid(cert.expires_on + dt.timedelta(days=1))


def test_auxiliary_staff_cannot_hold_a_certificate(api, demo):
    from chengguan.org import actions

    aux = actions.create_staff(
        actor=None,
        unit=demo.unit("squad1"),
        username="aux1",
        password="pw-12345",
        full_name="协管员甲",
        roles=["officer"],
        is_auxiliary=True,
    )
    r = api("admin").post(
        "org/certificates",
        {
            "holder": "aux1",
            "number": "AUX-1",
            "issued_on": "2024-01-01",
            "expires_on": "2029-01-01",
        },
    )
    assert r.status_code == 409
    assert error_code(r) == "ORG-2"
    assert not aux.certificates.exists()
