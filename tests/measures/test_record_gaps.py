"""Decision 077: the seizure record's reason and basis (QZ-24), item and lot photos from the evidence
store, the return receipt on release (QZ-28), and the 24-hour emergency in the overdue list (QZ-19)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from chengguan.core.errors import Invalid
from chengguan.ledger.actions import store_blob
from chengguan.measures import actions, queries
from tests.measures.test_actions import BODY, _state
from tests.penalties.helpers import T0, D, at, open_general


def _blob(demo, user: str = "officer1", data: bytes = b"\x89PNG\r\n\x1a\nphoto") -> str:
    return store_blob(
        io.BytesIO(data), actor=demo.user(user), name="x.png", content_type="image/png"
    ).sha256


def test_reason_and_basis_default_to_the_case_and_photos_are_kept(demo):
    with at(T0):
        case = open_general(demo)
        sha, lot = _blob(demo), _blob(demo, data=b"\x89PNG\r\n\x1a\nlot")
        items = [
            {**BODY["items"][0], "photo": sha},
            {"name": "西瓜", "quantity": "40", "unit": "个"},
        ]
        s = actions.seize(
            case.pk,
            actor=demo.user("officer1"),
            approved_by="head",
            photos=[lot, lot],
            **{**BODY, "items": items},
        )
        assert s.reason == case.facts and s.legal_basis == case.power_item.legal_basis
        assert s.items[0]["photo"] == sha and "photo" not in s.items[1]
        assert s.photos == [lot] and s.photo_shas() == {sha, lot}
        assert queries.photo(s, sha) is not None and queries.photo(s, "0" * 64) is None


def test_a_photo_not_in_the_bureaus_store_is_400_and_nothing_changes(demo):
    with at(T0):
        case = open_general(demo)
        other = _blob(demo, user="outsider")  # another bureau's file, same store
        before = _state(case)
        for kw in (
            {"photos": [other]},
            {"photos": ["f" * 64]},
            {"items": [{**BODY["items"][0], "photo": other}]},
        ):
            with pytest.raises(Invalid):
                actions.seize(
                    case.pk, actor=demo.user("officer1"), approved_by="head", **{**BODY, **kw}
                )
        assert _state(case) == before


def test_the_return_receipt_is_recorded_with_the_release(demo):
    with at(T0):
        case = open_general(demo)
        s = actions.seize(case.pk, actor=demo.user("officer1"), approved_by="head", **BODY)
        before = _state(case)
        with pytest.raises(Invalid):
            actions.release(
                s.pk,
                actor=demo.user("officer1"),
                reason="other",
                returned_on=T0,
                receipt_signed=True,
            )
        with pytest.raises(Invalid):
            actions.release(
                s.pk,
                actor=demo.user("officer1"),
                reason="other",
                returned_on=T0,
                receipt_photo="a" * 64,
            )
        assert _state(case) == before
        receipt = _blob(demo, data=b"\x89PNG\r\n\x1a\nreceipt")
        s = actions.release(
            s.pk,
            actor=demo.user("officer1"),
            reason="no_violation",
            returned_on=T0,
            returned_to="李四",
            receipt_signed=True,
            receipt_photo=receipt,
        )
        assert (s.returned_to, s.receipt_signed, s.receipt_photo) == ("李四", True, receipt)
        assert receipt in s.photo_shas()


def test_QZ_19_an_unapproved_emergency_measure_is_overdue_after_24_hours(demo):
    with at(T0, hour=9):
        case = open_general(demo)
        s = actions.seize(case.pk, actor=demo.user("officer1"), emergency=True, **BODY)
        assert not s.report_overdue() and s.days_left() == 30
    with at(D(2025, 6, 4), hour=10):
        assert s.report_overdue()
        assert list(queries.overdue(case.bureau_id)) == [s]
    out = io.StringIO()
    call_command("measures", "overdue", "--on", "2025-06-05", stdout=out)
    assert f"{case.number}\tQZ-19" in out.getvalue()
    out = io.StringIO()
    call_command("measures", "overdue", "--on", "2025-06-04", stdout=out)
    assert "共 0 项" in out.getvalue()  # the 24 hours end at 09:00 on 6-4, counted from its start


def test_the_api_takes_and_answers_the_new_fields(api, demo):
    with at(T0):
        case = open_general(demo)
        r = api("officer1").post(
            f"penalty-cases/{case.pk}/seizures",
            {
                **BODY,
                "approved_by": "head",
                "reason": "占道经营，拒不改正",
                "legal_basis": "《城市市容和环境卫生管理条例》第三十六条",
            },
        )
        assert r.status_code == 201, r.content
        body = r.json()
        assert body["reason"] == "占道经营，拒不改正" and body["photos"] == []
        r = api("officer1").post(
            f"seizures/{body['id']}/release",
            {"reason": "other", "returned_on": "2025-06-03", "returned_to": "李四"},
        )
        assert r.status_code == 200 and r.json()["returned_to"] == "李四"
        assert r.json()["receipt_signed"] is False
