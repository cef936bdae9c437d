from __future__ import annotations

import io

from django.apps import apps
from django.core.management import call_command

from chengguan.org.models import Certificate, Staff
from tests.conftest import PASSWORD

API_USERS = {
    "admin",
    "center",
    "hotline",
    "inspector",
    "handler_sanitation",
    "handler_greening",
    "handler_municipal",
    "officer1",
    "officer2",
    "officer_nocert",
    "town_officer1",
    "town_officer2",
    "reviewer",
    "head",
    "supervisor",
    "outsider",
}


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m.__module__.startswith("chengguan.") and m._meta.app_label not in {"api"}
    }


def test_demo_has_every_user_of_the_contract(demo):
    assert API_USERS <= set(Staff.objects.values_list("username", flat=True))
    assert demo.user("outsider").bureau_id != demo.bureau.pk
    assert demo.user("town_officer1").unit.code == "town1"
    for name in ("handler_sanitation", "handler_greening", "handler_municipal"):
        assert demo.user(name).unit.code == name.removeprefix("handler_")
    assert Certificate.objects.filter(holder__username="officer1", status="valid").exists()


def test_demo_is_idempotent(demo):
    before = _counts()
    call_command("demo", "--password", PASSWORD, stdout=io.StringIO())
    assert _counts() == before


def test_demo_users_log_in_with_the_given_password(demo):
    for username in API_USERS:
        assert Staff.objects.get(username=username).check_password(PASSWORD), username
