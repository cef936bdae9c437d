"""TOTP second factor (decision 079): RFC 6238, enrolment, the code step of every login, recovery
codes, lock-out, the admin requirement, and the 安全管理员's reset."""

from __future__ import annotations

import json
import time

import pytest
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from chengguan.core.errors import NotFound, StateError, Unauthenticated
from chengguan.core.models import SecurityEvent
from chengguan.core.security import totp
from chengguan.core.security.throttle import LoginLocked
from chengguan.ledger.models import Entry
from chengguan.org import second_factor
from chengguan.org.models import RecoveryCode, Staff, TotpDevice
from tests.conftest import PASSWORD, error_code

# RFC 6238 appendix B: 8-digit codes for the three HMAC algorithms at six times.
RFC6238 = [
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
]
KEYS = {
    "SHA1": b"12345678901234567890",
    "SHA256": b"12345678901234567890123456789012",
    "SHA512": b"1234567890123456789012345678901234567890123456789012345678901234",
}
# RFC 4226 appendix D: HOTP of counters 0..9 with the SHA-1 key above.
RFC4226 = [
    "755224",
    "287082",
    "359152",
    "969429",
    "338314",
    "254676",
    "287922",
    "162583",
    "399871",
    "520489",
]


def code_at(secret: str, unix_time: float) -> str:
    return totp.totp(totp.secret_bytes(secret), unix_time)


def enrol(staff: Staff, at: float) -> tuple[TotpDevice, list[str]]:
    device = second_factor.begin_enrolment(actor=staff)
    codes = second_factor.confirm_enrolment(actor=staff, code=code_at(device.secret, at), now=at)
    device.refresh_from_db()
    return device, codes


def token(client: Client, username: str, otp: str | None = None):
    body = {"username": username, "password": PASSWORD}
    if otp is not None:
        body["otp"] = otp
    return client.post("/api/v1/auth/token", json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(("at", "sha1", "sha256", "sha512"), RFC6238)
def test_totp_matches_the_rfc_6238_vectors(at, sha1, sha256, sha512):
    for algorithm, expected in (("SHA1", sha1), ("SHA256", sha256), ("SHA512", sha512)):
        assert totp.totp(KEYS[algorithm], at, digits=8, algorithm=algorithm) == expected


def test_hotp_matches_the_rfc_4226_vectors():
    assert [totp.hotp(KEYS["SHA1"], i) for i in range(10)] == RFC4226


def test_a_code_of_the_neighbouring_step_is_accepted_two_steps_off_is_not():
    secret = totp.new_secret()
    now = 1_800_000_015.0
    step = totp.step_at(now)
    key = totp.secret_bytes(secret)
    assert totp.matching_step(secret, totp.hotp(key, step), now) == step
    assert totp.matching_step(secret, totp.hotp(key, step - 1), now) == step - 1
    assert totp.matching_step(secret, totp.hotp(key, step + 1), now) == step + 1
    assert totp.matching_step(secret, totp.hotp(key, step - 2), now) is None
    assert totp.matching_step(secret, totp.hotp(key, step + 2), now) is None
    assert totp.matching_step(secret, "12345", now) is None
    assert totp.matching_step(secret, "１２３４５６", now) is None  # full-width digits


def test_the_provisioning_uri_names_issuer_account_and_secret():
    uri = totp.provisioning_uri("JBSWY3DPEHPK3PXP", account="admin", issuer="城管")
    assert uri.startswith("otpauth://totp/")
    assert "secret=JBSWY3DPEHPK3PXP" in uri
    assert "period=30" in uri and "digits=6" in uri


def test_enrolment_page_shows_qr_uri_and_secret_and_confirms_with_a_code(demo):
    staff = demo.users["hotline"]
    client = Client(REMOTE_ADDR="10.60.0.1")
    client.force_login(staff)
    first = client.get("/accounts/totp/enrol/")
    assert first.status_code == 200
    assert "生成密钥" in first.content.decode()
    assert not TotpDevice.objects.filter(staff=staff).exists()  # a GET writes nothing
    assert client.post("/accounts/totp/enrol/", {"step": "start"}).status_code == 302
    page = client.get("/accounts/totp/enrol/").content.decode()
    device = TotpDevice.objects.get(staff=staff)
    assert "<svg" in page
    assert "otpauth://totp/" in page
    assert totp.grouped(device.secret) in page
    # The secret is stored encrypted (PI-1), not as the base32 text.
    with connection.cursor() as cur:
        cur.execute("SELECT secret FROM org_totpdevice WHERE id = %s", [device.pk])
        (stored,) = cur.fetchone()
    assert device.secret not in stored
    entries = Entry.objects.count()
    wrong = client.post("/accounts/totp/enrol/", {"step": "confirm", "code": "000000"})
    assert wrong.status_code == 400
    assert "验证码错误" in wrong.content.decode()
    assert Entry.objects.count() == entries
    done = client.post(
        "/accounts/totp/enrol/", {"step": "confirm", "code": code_at(device.secret, time.time())}
    )
    assert done.status_code == 200
    text = done.content.decode()
    assert "恢复码" in text
    device.refresh_from_db()
    assert device.confirmed_at is not None
    codes = RecoveryCode.objects.filter(device=device)
    assert codes.count() == second_factor.RECOVERY_CODES
    # Only the hashes are kept: no shown code is in the table.
    for digest in codes.values_list("digest", flat=True):
        assert digest not in text
    assert Entry.objects.filter(action="org.staff.totp.enrol").count() == 1
    assert SecurityEvent.objects.filter(username="hotline", kind="totp.enrolled").exists()


def test_an_enrolled_person_cannot_replace_the_factor_without_a_reset(demo):
    staff = demo.users["center"]
    enrol(staff, time.time() - 90)
    entries = Entry.objects.count()
    with pytest.raises(StateError):
        second_factor.begin_enrolment(actor=staff)
    assert Entry.objects.count() == entries


def test_web_login_asks_for_the_code_and_opens_the_session_only_after_it(demo):
    staff = demo.users["hotline"]
    device, _ = enrol(staff, time.time() - 90)
    client = Client(REMOTE_ADDR="10.60.0.2")
    r = client.post("/accounts/login/", {"username": "hotline", "password": PASSWORD})
    assert r.status_code == 302
    assert r["Location"].startswith(second_factor.VERIFY_PAGE)
    # The password alone opens nothing.
    assert client.get("/").status_code == 302
    assert "_auth_user_id" not in client.session
    bad = client.post(second_factor.VERIFY_PAGE, {"code": "000000"})
    assert bad.status_code == 401
    assert SecurityEvent.objects.filter(username="hotline", kind="totp.failed").exists()
    good = client.post(second_factor.VERIFY_PAGE, {"code": code_at(device.secret, time.time())})
    assert good.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/").status_code == 200
    assert SecurityEvent.objects.filter(username="hotline", kind="totp.ok").exists()


def test_the_code_step_ignores_a_foreign_next_url(demo):
    staff = demo.users["hotline"]
    device, _ = enrol(staff, time.time() - 90)
    client = Client(REMOTE_ADDR="10.60.0.3")
    client.post(
        "/accounts/login/?next=https://evil.example/",
        {"username": "hotline", "password": PASSWORD, "next": "https://evil.example/"},
    )
    r = client.post(second_factor.VERIFY_PAGE, {"code": code_at(device.secret, time.time())})
    assert r.status_code == 302
    assert "evil" not in r["Location"]


def test_the_code_step_without_a_password_goes_back_to_the_login(demo):
    r = Client().get(second_factor.VERIFY_PAGE)
    assert r.status_code == 302
    assert r["Location"] == "/accounts/login/"


def test_admin_login_has_the_code_step_too(demo):
    staff = demo.users["admin"]
    device, _ = enrol(staff, time.time() - 90)
    client = Client(REMOTE_ADDR="10.60.0.4")
    r = client.post(
        "/admin/login/?next=/admin/",
        {"username": "admin", "password": PASSWORD, "next": "/admin/"},
    )
    assert r.status_code == 302
    assert r["Location"].startswith(second_factor.VERIFY_PAGE)
    assert client.get("/admin/").status_code == 302  # still the login
    ok = client.post(second_factor.VERIFY_PAGE, {"code": code_at(device.secret, time.time())})
    assert ok["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_code_replayed_within_its_step_is_refused(demo):
    staff = demo.users["center"]
    t0 = 1_800_000_000.0
    device, _ = enrol(staff, t0)
    at = t0 + 60
    code = code_at(device.secret, at)
    assert second_factor.verify(staff=staff, code=code, request=None, channel="web", now=at) == (
        "totp"
    )
    entries = Entry.objects.count()
    with pytest.raises(Unauthenticated, match="已使用"):
        second_factor.verify(staff=staff, code=code, request=None, channel="web", now=at + 1)
    # An older step's code is refused too, although it lies in the drift window.
    with pytest.raises(Unauthenticated):
        second_factor.verify(
            staff=staff, code=code_at(device.secret, at - 30), request=None, channel="web", now=at
        )
    assert Entry.objects.count() == entries
    # The next step's code works.
    assert second_factor.verify(
        staff=staff, code=code_at(device.secret, at + 30), request=None, channel="web", now=at + 30
    )


def test_drift_of_one_step_either_way_is_accepted_two_is_not(demo):
    staff = demo.users["center"]
    t0 = 1_800_000_000.0
    device, _ = enrol(staff, t0)
    key = totp.secret_bytes(device.secret)
    at = t0 + 600
    step = totp.step_at(at)
    ok = second_factor.verify
    for wrong in (step - 2, step + 2):
        with pytest.raises(Unauthenticated):
            ok(staff=staff, code=totp.hotp(key, wrong), request=None, channel="web", now=at)
    assert ok(staff=staff, code=totp.hotp(key, step - 1), request=None, channel="web", now=at)
    assert ok(staff=staff, code=totp.hotp(key, step + 1), request=None, channel="web", now=at)


def test_failed_codes_lock_the_account_even_for_the_right_code(demo, settings):
    settings.TOTP_FAILURES = 3
    staff = demo.users["center"]
    t0 = 1_800_000_000.0
    device, _ = enrol(staff, t0)
    at = t0 + 300
    for _ in range(3):
        with pytest.raises(Unauthenticated):
            second_factor.verify(staff=staff, code="000000", request=None, channel="web", now=at)
    with pytest.raises(LoginLocked):
        second_factor.verify(
            staff=staff, code=code_at(device.secret, at), request=None, channel="web", now=at
        )
    assert SecurityEvent.objects.filter(username="center", kind="totp.locked").exists()
    device.refresh_from_db()
    assert device.last_step == totp.step_at(t0)  # nothing accepted


def test_the_web_code_step_answers_429_when_locked(demo, settings):
    settings.TOTP_FAILURES = 2
    staff = demo.users["hotline"]
    device, _ = enrol(staff, time.time() - 90)
    client = Client(REMOTE_ADDR="10.60.0.5")
    client.post("/accounts/login/", {"username": "hotline", "password": PASSWORD})
    for _ in range(2):
        assert client.post(second_factor.VERIFY_PAGE, {"code": "000000"}).status_code == 401
    r = client.post(second_factor.VERIFY_PAGE, {"code": code_at(device.secret, time.time())})
    assert r.status_code == 429
    assert "锁定" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_recovery_codes_work_once(demo):
    staff = demo.users["center"]
    _device, codes = enrol(staff, 1_800_000_000.0)
    at = 1_800_000_600.0
    verify = second_factor.verify
    assert verify(staff=staff, code=codes[0].lower(), request=None, channel="web", now=at) == (
        "recovery"
    )
    entry = Entry.objects.filter(action="org.staff.totp.recovery_used").latest("id")
    assert json.loads(entry.payload)["remaining"] == second_factor.RECOVERY_CODES - 1
    with pytest.raises(Unauthenticated):
        verify(staff=staff, code=codes[0], request=None, channel="web", now=at)
    assert verify(staff=staff, code=codes[1], request=None, channel="web", now=at) == "recovery"


def test_api_token_requires_the_code_for_an_enrolled_account(demo):
    staff = demo.users["hotline"]
    device, _ = enrol(staff, time.time() - 90)
    client = Client(REMOTE_ADDR="10.60.0.6")
    missing = token(client, "hotline")
    assert missing.status_code == 401
    assert error_code(missing) == "totp_required"
    wrong = token(client, "hotline", "000000")
    assert wrong.status_code == 401
    assert error_code(wrong) == "totp_invalid"
    code = code_at(device.secret, time.time())
    assert token(client, "hotline", code).status_code == 200
    replay = token(client, "hotline", code)
    assert replay.status_code == 401
    assert error_code(replay) == "totp_invalid"
    # Someone without a second factor is unaffected.
    assert token(client, "center").status_code == 200


def test_admins_without_totp_are_sent_to_enrol_when_required(demo, settings):
    settings.TOTP_REQUIRED_FOR_ADMINS = True
    for username in ("admin", "security", "auditor"):
        staff = Staff.objects.filter(username=username).first()
        if staff is None:
            continue
        client = Client()
        client.force_login(staff)
        for path in ("/", "/admin/"):
            r = client.get(path)
            assert r.status_code == 302, (username, path)
            assert r["Location"] == second_factor.ENROL_PAGE
        assert client.get(second_factor.ENROL_PAGE).status_code == 200
        refused = token(Client(REMOTE_ADDR=f"10.60.1.{staff.pk % 250}"), username)
        assert refused.status_code == 403
        assert error_code(refused) == "totp_enrolment_required"
    # Other roles are not asked.
    client = Client()
    client.force_login(demo.users["hotline"])
    assert client.get("/").status_code == 200
    assert token(Client(REMOTE_ADDR="10.60.2.1"), "hotline").status_code == 200


def test_an_enrolled_admin_is_not_redirected_when_required(demo, settings):
    settings.TOTP_REQUIRED_FOR_ADMINS = True
    staff = demo.users["admin"]
    enrol(staff, time.time() - 90)
    client = Client()
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


def _reset(client_api, staff_id: int, reason: str = "手机丢失"):
    return client_api.post(f"org/staff/{staff_id}/totp/reset", {"reason": reason})


def test_the_security_admin_resets_a_lost_factor_in_the_bureau(demo, api):
    staff = demo.users["hotline"]
    enrol(staff, 1_800_000_000.0)
    r = _reset(api("security"), staff.pk)
    assert r.status_code == 204, r.content
    assert not TotpDevice.objects.filter(staff=staff).exists()
    assert not RecoveryCode.objects.filter(device__staff=staff).exists()
    entry = Entry.objects.filter(action="org.staff.totp.reset").latest("id")
    assert json.loads(entry.payload)["staff"] == "hotline"
    assert SecurityEvent.objects.filter(username="hotline", kind="totp.reset").exists()


def test_wrong_role_wrong_bureau_and_outsider_cannot_reset(demo, api):
    staff = demo.users["hotline"]
    other = demo.users["other_admin"]
    enrol(staff, 1_800_000_000.0)
    enrol(other, 1_800_000_000.0)
    entries = Entry.objects.count()
    # Wrong role in the bureau (even the 系统管理员: 三权分立).
    for username in ("admin", "center"):
        r = _reset(api(username), staff.pk)
        assert r.status_code == 403, username
    # Another bureau's person is not found for the bureau's security admin, and vice versa.
    assert _reset(api("security"), other.pk).status_code == 404
    assert _reset(api("outsider"), staff.pk).status_code == 404
    assert _reset(api(None), staff.pk).status_code == 401
    assert Entry.objects.count() == entries
    assert TotpDevice.objects.filter(staff__in=[staff, other], confirmed_at__isnull=False).count()
    assert TotpDevice.objects.filter(staff=other).exists()
    with pytest.raises(NotFound):
        second_factor.reset(actor=demo.users["security"], staff=other)


@hsettings(
    max_examples=25,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    history=st.lists(
        st.tuples(st.integers(min_value=0, max_value=3), st.sampled_from(["now", "prev", "bad"])),
        max_size=8,
    )
)
def test_any_history_of_tries_accepts_each_step_at_most_once(db, demo, settings, history):
    """A model of the rule: a code is accepted iff it fits the window and its step is later than
    every step accepted before."""
    settings.TOTP_FAILURES = 10_000  # the lock-out has its own test
    staff = Staff.objects.get(username="center")
    TotpDevice.objects.filter(staff=staff).delete()
    t0 = 1_800_000_000.0
    device, _ = enrol(staff, t0)
    key = totp.secret_bytes(device.secret)
    last = totp.step_at(t0)
    at = t0
    for advance, which in history:
        at += 30 * advance
        step = totp.step_at(at)
        code = {"now": totp.hotp(key, step), "prev": totp.hotp(key, step - 1), "bad": "000000"}
        expected_step = {"now": step, "prev": step - 1, "bad": None}[which]
        accepted = expected_step is not None and expected_step > last
        try:
            second_factor.verify(staff=staff, code=code[which], request=None, channel="api", now=at)
            ok = True
        except Unauthenticated:
            ok = False
        assert ok == accepted
        if ok:
            last = expected_step
        device.refresh_from_db()
        assert device.last_step == last
