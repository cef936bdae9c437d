"""GET /portal/inspections/{code}: the public check of an inspection code (JC-5)."""

from __future__ import annotations

from django.test import Client

from tests.inspections.helpers import T0, at, entity, items
from tests.inspections.test_api import _body, _create


def test_public_check_of_a_code_shows_who_what_and_approval_only(api, demo):
    with at(T0):
        items(demo)
        e = entity(demo, 1)
        got = _create(api, _body("JC-R1", e.pk))
        c = Client()
        r = c.get(f"/portal/inspections/{got['code']}")
        assert r.status_code == 200
        data = r.json()
        assert data["item"]["code"] == "JC-R1" and data["approved"] is False
        assert [o["name"] for o in data["officers"]] == ["陈刚", "刘洋"]
        assert all(o["certificate"] for o in data["officers"])
        text = r.content.decode()
        assert e.name not in text and e.credit_code not in text and e.address not in text
        api("head").post(f"inspections/{got['id']}/approve", {})
        assert c.get(f"/portal/inspections/{got['code']}").json()["approved"] is True
        r = c.get("/portal/inspections/AAAAAAAAAAAA")
        assert r.status_code == 404 and "检查码无效" in r.content.decode()
