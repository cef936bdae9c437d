"""Issue #12 item 4: API tokens end with the password that issued them, and a client can rotate or
revoke its own token; each step is in the security trail."""

from __future__ import annotations

from chengguan.core.models import SecurityEvent
from chengguan.org.models import Staff
from tests.conftest import PASSWORD, ApiClient


def _me(client: ApiClient) -> int:
    return int(client.get("org/units").status_code)


def test_a_password_change_ends_every_token(demo):
    first, second = ApiClient("officer2"), ApiClient("officer2")
    assert _me(first) == 200 and _me(second) == 200
    staff = Staff.objects.get(username="officer2")
    staff.set_password("Another-pass-456")
    staff.save()
    assert _me(first) == 401 and _me(second) == 401
    assert SecurityEvent.objects.filter(kind="password.changed", staff_id=staff.pk).exists()
    assert SecurityEvent.objects.filter(kind="token.revoked", staff_id=staff.pk).exists()
    # an unrelated save (a name) leaves a new token alone
    fresh = ApiClient("officer2", password="Another-pass-456")
    staff.refresh_from_db()
    staff.full_name = "刘洋"
    staff.save()
    assert _me(fresh) == 200
    staff.set_password(PASSWORD)
    staff.save()


def test_rotation_gives_a_new_token_and_ends_the_old(demo):
    client = ApiClient("officer1")
    old = dict(client.headers)
    rotated = client.post("auth/token/rotate")
    assert rotated.status_code == 200
    new = {"Authorization": f"Bearer {rotated.json()['token']}"}
    assert client.client.get("/api/v1/org/units", headers=new).status_code == 200
    assert client.client.get("/api/v1/org/units", headers=old).status_code == 401
    # the old token cannot be rotated a second time (a stolen copy gains nothing)
    again = client.client.post("/api/v1/auth/token/rotate", headers=old)
    assert again.status_code == 401
    assert SecurityEvent.objects.filter(kind="token.rotated", username="officer1").count() == 1


def test_revocation_is_a_logout(demo):
    client = ApiClient("center")
    assert client.post("auth/token/revoke").status_code == 204
    assert _me(client) == 401
    assert client.post("auth/token/revoke").status_code == 401
    assert SecurityEvent.objects.filter(kind="token.revoked", username="center").exists()


def test_anonymous_cannot_rotate(demo):
    anonymous = ApiClient(None)
    assert anonymous.post("auth/token/rotate").status_code == 401
    assert anonymous.post("auth/token/revoke").status_code == 401
