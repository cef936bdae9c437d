"""Builders of service-type enforcement records through the real API, and the snapshot that
proves a refusal changed nothing."""

from __future__ import annotations

from typing import Any

from chengguan.core.pii import uscc_check_char
from chengguan.guidance.models import ContactPoint, FollowUp, GuidanceRecord, RiskItem, Visit
from chengguan.ledger.models import Entry
from tests.penalties.helpers import D

T0 = D(2025, 6, 3)


def uscc(n: int) -> str:
    body = f"91411323MA47D{n:04d}"
    return body + uscc_check_char(body)


def snapshot() -> tuple[Any, ...]:
    return (
        list(ContactPoint.objects.order_by("id").values()),
        list(Visit.objects.order_by("id").values()),
        list(RiskItem.objects.order_by("id").values()),
        list(GuidanceRecord.objects.order_by("id").values()),
        list(FollowUp.objects.order_by("id").values()),
        Entry.objects.count(),
    )


def point_body(**kw: Any) -> dict[str, Any]:
    return {
        "kind": "enterprise",
        "name": "示范县丙餐饮有限公司（联系点）",
        "credit_code": uscc(19),
        "address": "示范县人民路20号",
        "domains": ["sanitation", "environment"],
        "established_on": "2025-03-01",
        "liaison": "officer1",
        "lon": 111.49,
        "lat": 33.05,
        **kw,
    }


def add_point(api: Any, user: str = "officer1", **kw: Any) -> dict[str, Any]:
    r = api(user).post("guidance/points", point_body(**kw))
    assert r.status_code == 201, r.content
    return dict(r.json())


def record_body(**kw: Any) -> dict[str, Any]:
    return {
        "kind": "reminder",
        "to_name": "示范县丙餐饮有限公司",
        "to_credit_code": uscc(19),
        "power_item": "SR005",
        "basis": "《中华人民共和国大气污染防治法》第八十一条",
        "content": "油烟净化设施未正常使用，请于期限内清洗维护并保持正常运行。",
        "issued_on": "2025-06-03",
        "correct_by": "2025-06-13",
        **kw,
    }


def issue(api: Any, user: str = "officer1", **kw: Any) -> dict[str, Any]:
    r = api(user).post("guidance/records", record_body(**kw))
    assert r.status_code == 201, r.content
    return dict(r.json())
