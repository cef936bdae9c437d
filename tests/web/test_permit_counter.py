"""窗口受理 (issue #14 item 2): the counter's form goes through the same ``permits.actions.apply``
as 一网通办 and the API; a refusal keeps what was typed and writes nothing; wrong role, another
unit and another bureau are refused."""

from __future__ import annotations

from chengguan.ledger.models import Entry
from chengguan.permits.models import PermitApplication
from tests.permits.helpers import AD, MATERIALS, T0, at, person_id


def _form(**extra: object) -> dict[str, object]:
    return {
        "kind": AD,
        "applicant_kind": "person",
        "applicant_name": "窗口申请人",
        "applicant_id": person_id(),
        "applicant_phone": "13800138000",
        "materials": [f"{AD}::{m}" for m in MATERIALS[:3]] + ["XK-OTHER::不算的材料"],
        "location": "示范县人民路口",
        "period": "一年",
        **extra,
    }


def _state() -> tuple[int, int]:
    return PermitApplication.objects.count(), Entry.objects.count()


def test_the_counter_registers_through_the_same_action(web, demo):
    with at(T0):
        page = web("reviewer").get("/permits/new/")
        assert page.status_code == 200 and "窗口受理" in page.content.decode()
        assert "窗口受理" in web("reviewer").get("/permits/").content.decode()
        r = web("reviewer").post("/permits/new/", _form())
        assert r.status_code == 302
        app = PermitApplication.objects.latest("pk")
        assert r["Location"] == f"/permits/{app.pk}/"
        assert app.channel == "counter" and app.applicant_name == "窗口申请人"
        assert app.materials == MATERIALS[:3]  # only the chosen kind's ticks count
        assert app.applicant_id == person_id()  # stored encrypted, read back clear
        assert Entry.objects.filter(subject_id=str(app.pk), action="permit.create").exists()


def test_a_refusal_keeps_the_form_and_writes_nothing(web, demo):
    with at(T0):
        before = _state()
        r = web("reviewer").post("/permits/new/", _form(applicant_id="41132319900101001X"))
        assert r.status_code == 400
        body = r.content.decode()
        assert "公民身份号码" in body and 'value="窗口申请人"' in body
        assert f'value="{AD}::{MATERIALS[0]}" checked' in body
        assert _state() == before
        r = web("reviewer").post("/permits/new/", _form(received_on="2099-01-01"))
        assert r.status_code == 400 and _state() == before
        r = web("reviewer").post("/permits/new/", _form(received_on="明天"))
        assert r.status_code == 400 and "收到申请日期" in r.content.decode()
        assert _state() == before


def test_wrong_role_other_unit_other_bureau_and_anonymous_are_refused(web, demo):
    with at(T0):
        before = _state()
        assert web("center").get("/permits/new/").status_code == 403
        assert web("center").post("/permits/new/", _form()).status_code == 403
        # an officer of another unit may not register the legal office's kind
        assert web("officer1").post("/permits/new/", _form()).status_code in (403, 404)
        # another bureau does not find this bureau's kind
        r = web("outsider").post("/permits/new/", _form())
        assert r.status_code in (400, 403, 404)
        anonymous = web(None).get("/permits/new/")
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
        assert _state() == before
