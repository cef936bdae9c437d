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
    call_command("demo", "--password", PASSWORD, "--year", "2024", stdout=io.StringIO())
    assert _counts() == before


def test_demo_users_log_in_with_the_given_password(demo):
    for username in API_USERS:
        assert Staff.objects.get(username=username).check_password(PASSWORD), username


def test_sample_cases_give_every_city_role_work(api, demo):
    import datetime as dt

    from chengguan.core import clock
    from chengguan.demo.citycases import build_samples

    with clock.frozen_at(dt.datetime(2024, 6, 3, 9, 0)):
        build_samples(demo, mark="【测试】")
    mine = "【测试】"

    def statuses(username: str) -> set[str]:
        items = api(username).get("city-cases", page_size=200).json()["items"]
        return {c["status"] for c in items if c["description"].startswith(mine)}

    assert {"reported", "filed", "verified"} <= statuses("center")
    assert "dispatched" in statuses("handler_sanitation")
    assert "dispatched" in statuses("handler_greening")
    assert "handled" in statuses("inspector") or "handled" in statuses("center")
    assert "closed" in statuses("hotline")
