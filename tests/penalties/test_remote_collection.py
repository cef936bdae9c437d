"""XF-69: in remote, water or poorly connected areas (a setting lists the bureau's units there), on
the party's request, a fine may be collected on the spot where bank payment is truly difficult."""

from __future__ import annotations

import json
from typing import Any

import pytest

from chengguan.ledger.models import Entry
from tests.penalties.helpers import T0, at, served, snapshot
from tests.penalties.test_rules import refused

pytestmark = pytest.mark.django_db

REQUEST = "当事人居住在库区，距最近的银行网点40公里，请求当场缴纳"


def pay(api: Any, case: Any, **extra: Any) -> Any:
    return api("officer1").post(
        f"penalty-cases/{case.pk}/pay",
        {"amount": "5000", "paid_on": T0.isoformat(), "channel": "on_spot", **extra},
    )


def test_on_the_spot_collection_outside_a_listed_area_is_refused(api: Any, demo: Any) -> None:
    case = served(demo)  # a general-procedure fine of 5,000 yuan
    before = snapshot(case)
    with at(T0):
        body = refused(pay(api, case, receipt_no="豫财票0001", remote_request=REQUEST), "XF-69")
        assert case.unit.name in body["message"]
        # Without the party's request it is the rule of 罚缴分离 that refuses (XF-67).
        refused(pay(api, case, receipt_no="豫财票0001"), "XF-67")
    assert snapshot(case) == before


def test_a_listed_remote_area_collects_on_request_with_the_receipt(
    api: Any, demo: Any, settings: Any
) -> None:
    case = served(demo)
    settings.LOCAL_RULES = {**settings.LOCAL_RULES, "on_spot_remote_units": [case.unit.code]}
    before = snapshot(case)
    with at(T0):
        refused(pay(api, case, remote_request=REQUEST), "XF-70")  # the finance receipt
        assert snapshot(case) == before
        r = pay(api, case, receipt_no="豫财票0001", remote_request=REQUEST)
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "paid"
    entry = Entry.objects.filter(action="penalty.pay", subject_id=str(case.pk)).get()
    data = entry.payload if isinstance(entry.payload, dict) else json.loads(entry.payload)
    assert data["remote_request"] == REQUEST
