"""Issue #12 item 2: the bureau admin administers its own bureau only, and the three administrative
roles are separate (三权分立, decision 071). Each test is the attack it stops: the admin of one
bureau reading or editing another's rows, resetting another bureau's (or the auditor's) password
and logging in as them, handing out roles or reading the record it is audited by."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory

from chengguan.core.models import CalendarDay
from chengguan.ledger.models import Entry
from chengguan.org.admin_site import BureauAdminSite
from chengguan.org.models import Certificate, OrgUnit, RoleAssignment, Staff
from chengguan.org.roles import Role
from tests.conftest import PASSWORD

# The staff page's two inlines (roles shown, certificates) post their management forms.
INLINES = {
    "roles-TOTAL_FORMS": "0",
    "roles-INITIAL_FORMS": "0",
    "certificates-TOTAL_FORMS": "0",
    "certificates-INITIAL_FORMS": "0",
}


def _client(username: str) -> Client:
    client = Client()
    client.force_login(Staff.objects.get(username=username))
    return client


def _request(username: str) -> Any:
    request = RequestFactory().get("/admin/")
    request.user = Staff.objects.get(username=username)
    return request


def test_no_demo_account_is_a_superuser(demo):
    assert not Staff.objects.filter(is_superuser=True).exists()
    assert Staff.objects.get(username="admin").has_role(Role.ADMIN)


@pytest.mark.parametrize("username", ["admin", "security", "auditor"])
def test_the_three_administrators_open_the_admin(demo, username):
    assert _client(username).get("/admin/").status_code == 200


@pytest.mark.parametrize("username", ["officer1", "head", "reviewer", "supervisor", "hotline"])
def test_other_roles_do_not(demo, username):
    response = _client(username).get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_admin_login_names_the_missing_role(demo):
    page = (
        Client()
        .post("/admin/login/?next=/admin/", {"username": "head", "password": PASSWORD})
        .content.decode()
    )
    assert "没有管理后台权限" in page


def test_every_registered_table_is_scoped_to_the_bureau(demo):
    """Enumerates the admin registry: for each administrator, no row of another bureau is listed."""
    other = demo.user("outsider").bureau_id
    assert other != demo.user("admin").bureau_id
    seen_other = 0
    for model, model_admin in admin.site._registry.items():
        for username in ("admin", "security", "auditor"):
            request = _request(username)
            if model_admin.admin_bureau is None:
                continue
            rows = model_admin.get_queryset(request)
            assert not rows.filter(**{model_admin.admin_bureau: other}).exists(), (
                model._meta.label,
                username,
            )
        everything = model._default_manager.all()
        if model_admin.admin_bureau and everything.filter(**{model_admin.admin_bureau: other}):
            seen_other += 1
    # The demo's other bureau has units, staff, certificates, roles and ledger entries.
    assert seen_other >= 5


def test_another_bureaus_person_cannot_be_opened_nor_their_password_reset(demo):
    outsider = demo.user("outsider")
    before = Staff.objects.get(pk=outsider.pk).password
    admin_client = _client("admin")
    listing = admin_client.get("/admin/org/staff/").content.decode()
    assert "outsider" not in listing and "officer1" in listing
    assert admin_client.get(f"/admin/org/staff/{outsider.pk}/change/").status_code in (302, 404)
    reset = admin_client.post(
        f"/admin/org/staff/{outsider.pk}/password/",
        {"password1": "Zz9!new-password", "password2": "Zz9!new-password"},
    )
    assert reset.status_code == 404
    assert Staff.objects.get(pk=outsider.pk).password == before
    assert not Client().login(username="outsider", password="Zz9!new-password")


def test_the_system_admin_cannot_take_over_the_auditor(demo):
    auditor = demo.user("auditor")
    before = Staff.objects.get(pk=auditor.pk).password
    entries = Entry.objects.count()
    reset = _client("admin").post(
        f"/admin/org/staff/{auditor.pk}/password/",
        {"password1": "Zz9!new-password", "password2": "Zz9!new-password"},
    )
    assert reset.status_code == 403
    assert Staff.objects.get(pk=auditor.pk).password == before
    assert Entry.objects.count() == entries


def test_a_password_reset_in_the_bureau_is_in_the_ledger_without_the_hash(demo):
    officer = demo.user("officer2")
    reset = _client("admin").post(
        f"/admin/org/staff/{officer.pk}/password/",
        {
            "password1": "Zz9!new-password",
            "password2": "Zz9!new-password",
            "usable_password": "true",
        },
    )
    assert reset.status_code == 302, reset.content.decode()[:1500]
    entry = Entry.objects.filter(action="admin.change", subject_id=str(officer.pk)).latest("id")
    assert entry.bureau_id == officer.bureau_id
    assert entry.actor_name == "系统管理员"
    assert "pbkdf2" not in entry.payload and "argon2" not in entry.payload
    assert "Zz9!new-password" not in entry.payload
    # decision 072: a password the administrator chose is changed by its holder at next login
    assert Staff.objects.get(pk=officer.pk).must_change_password
    assert Entry.objects.filter(
        action="org.staff.password_change_due", subject_id=str(officer.pk)
    ).exists()


def test_a_unit_edit_lands_in_the_ledger_with_old_and_new(demo):
    unit = OrgUnit.objects.get(bureau=demo.bureau, code="greening")
    page = _client("admin").post(
        f"/admin/org/orgunit/{unit.pk}/change/",
        {
            "bureau": unit.bureau_id,
            "parent": unit.parent_id,
            "code": unit.code,
            "name": "园林绿化服务中心",
            "kind": unit.kind,
            "active": "on",
        },
    )
    assert page.status_code == 302, page.content.decode()[:3000]
    entry = Entry.objects.filter(action="admin.change", subject_id=str(unit.pk)).latest("id")
    import json

    payload = json.loads(entry.payload)
    assert payload["old"]["name"] == "园林绿化中心"
    assert payload["new"]["name"] == "园林绿化服务中心"


def test_a_row_cannot_be_moved_into_another_bureau(demo):
    unit = OrgUnit.objects.get(bureau=demo.bureau, code="municipal")
    other = demo.user("outsider").bureau_id
    _client("admin").post(
        f"/admin/org/orgunit/{unit.pk}/change/",
        {
            "bureau": other,
            "parent": unit.parent_id,
            "code": unit.code,
            "name": unit.name,
            "kind": unit.kind,
            "active": "on",
        },
    )
    unit.refresh_from_db()
    assert unit.bureau_id == demo.bureau.pk


def test_choices_offer_only_the_bureaus_people(demo):
    page = _client("admin").get("/admin/org/certificate/add/").content.decode()
    assert "陈刚" in page and "外局人员" not in page


def test_three_powers_apart(demo):
    admin_client, security, auditor = _client("admin"), _client("security"), _client("auditor")
    # the record is the auditor's to read, not the system administrator's
    assert auditor.get("/admin/ledger/entry/").status_code == 200
    assert auditor.get("/admin/core/securityevent/").status_code == 200
    assert auditor.get("/admin/admin/logentry/").status_code == 200
    assert admin_client.get("/admin/ledger/entry/").status_code == 403
    assert security.get("/admin/ledger/entry/").status_code == 403
    # the auditor changes nothing
    officer = demo.user("officer1")
    assert auditor.get(f"/admin/org/staff/{officer.pk}/change/").status_code == 200
    refused = auditor.post(f"/admin/org/staff/{officer.pk}/change/", {"username": "x"})
    assert refused.status_code == 403
    assert Staff.objects.get(pk=officer.pk).username == "officer1"
    # roles are granted by the security administrator, not by the system administrator
    unit = OrgUnit.objects.get(bureau=demo.bureau, code="squad1")
    grant = {"staff": officer.pk, "role": Role.REVIEWER, "unit": unit.pk}
    assert admin_client.post("/admin/org/roleassignment/add/", grant).status_code == 403
    assert not RoleAssignment.objects.filter(staff=officer, role=Role.REVIEWER).exists()
    done = security.post("/admin/org/roleassignment/add/", grant)
    assert done.status_code == 302, done.content.decode()[:3000]
    assert RoleAssignment.objects.filter(staff=officer, role=Role.REVIEWER).exists()
    assert Entry.objects.filter(action="admin.add", subject_type="org.roleassignment").exists()


@pytest.mark.parametrize(
    ("who", "role", "message"),
    [
        ("officer1", Role.ADMIN, "管理员角色只能由部署超级用户"),
        ("officer1", Role.AUDIT, "管理员角色只能由部署超级用户"),
        ("security", Role.HEAD, "不能给自己授予"),
        ("auditor", Role.HEAD, "管理员账户的角色"),
    ],
)
def test_the_security_admin_cannot_grant_administrative_power(demo, who, role, message):
    unit = OrgUnit.objects.get(bureau=demo.bureau, code="squad1")
    target = demo.user(who)
    before = RoleAssignment.objects.count()
    page = _client("security").post(
        "/admin/org/roleassignment/add/", {"staff": target.pk, "role": role, "unit": unit.pk}
    )
    assert page.status_code == 200 and message in page.content.decode()
    assert RoleAssignment.objects.count() == before


def test_another_bureaus_person_is_not_a_choice_for_a_role(demo):
    unit = OrgUnit.objects.get(bureau=demo.bureau, code="squad1")
    outsider = demo.user("outsider")
    before = RoleAssignment.objects.count()
    page = _client("security").post(
        "/admin/org/roleassignment/add/",
        {"staff": outsider.pk, "role": Role.HEAD, "unit": unit.pk},
    )
    assert page.status_code == 200
    assert RoleAssignment.objects.count() == before


def test_a_new_account_is_made_in_the_admins_own_bureau(demo):
    other_unit = OrgUnit.objects.filter(bureau=demo.user("outsider").bureau_id).first()
    unit = OrgUnit.objects.get(bureau=demo.bureau, code="squad2")
    page = _client("admin").post(
        "/admin/org/staff/add/",
        {
            "username": "newcomer",
            "full_name": "新同事",
            "bureau": other_unit.bureau_id,
            "unit": unit.pk,
            "password1": "Zz9!new-password",
            "password2": "Zz9!new-password",
            **INLINES,
        },
    )
    assert page.status_code == 302, page.content.decode()[:3000]
    made = Staff.objects.get(username="newcomer")
    assert made.bureau_id == demo.bureau.pk and not made.is_superuser
    assert LogEntry.objects.filter(object_id=str(made.pk)).exists()
    assert Entry.objects.filter(action="admin.add", subject_id=str(made.pk)).exists()


def test_a_unit_of_another_bureau_is_not_a_choice(demo):
    other_unit = OrgUnit.objects.filter(bureau=demo.user("outsider").bureau_id).first()
    page = _client("admin").post(
        "/admin/org/staff/add/",
        {
            "username": "newcomer2",
            "unit": other_unit.pk,
            "password1": "Zz9!new-password",
            "password2": "Zz9!new-password",
            **INLINES,
        },
    )
    assert page.status_code == 200
    assert not Staff.objects.filter(username="newcomer2").exists()


def test_bulk_delete_is_not_offered(demo):
    page = _client("admin").get("/admin/law/exemptionitem/").content.decode()
    assert "delete_selected" not in page


def test_a_model_without_a_bureau_must_say_so():
    site = BureauAdminSite(name="probe")
    with pytest.raises(ImproperlyConfigured, match="admin_bureau"):
        site.register(CalendarDay)


def test_certificates_of_another_bureau_are_not_listed(demo):
    outsider_cert = Certificate.objects.filter(holder=demo.user("outsider")).first()
    assert outsider_cert is not None
    listing = _client("admin").get("/admin/org/certificate/").content.decode()
    assert outsider_cert.number not in listing
