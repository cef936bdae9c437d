"""Building blocks for the 行政许可 tests: applications through the real actions, and the snapshot
every refusal test compares before and after."""

from __future__ import annotations

from typing import Any

from chengguan.ledger.models import Entry
from chengguan.permits import actions
from chengguan.permits.models import PermitApplication, PermitKind, PermitStatusMessage
from tests.penalties.helpers import T0, D, at, credit_code, person_id

__all__ = ["AD", "MATERIALS", "T0", "D", "apply", "at", "credit_code", "person_id", "snapshot"]

AD = "XK-GG"  # 设置大型户外广告 (demo kind, handled by the legal office)
MATERIALS = [
    "申请书",
    "申请人身份证明",
    "设置场地使用证明",
    "广告设施设计图及效果图",
    "结构安全性能报告",
]

PERSON = {"kind": "person", "name": "李四", "id_number": person_id(), "phone": "13800138000"}
COMPANY = {"kind": "organisation", "name": "示范县宏达广告有限公司", "credit_code": credit_code()}


def apply(
    demo: Any,
    *,
    who: str = "reviewer",
    materials: list[str] | None = None,
    applicant: dict[str, Any] | None = None,
    **extra: Any,
) -> PermitApplication:
    app, created = actions.apply(
        actor=demo.users[who],
        kind=extra.pop("kind", AD),
        applicant=dict(applicant or PERSON),
        materials=list(MATERIALS if materials is None else materials),
        location="示范县人民路与建设路交叉口东北角",
        **extra,
    )
    assert created
    return app


def snapshot() -> tuple[Any, ...]:
    """Every row of the domain and the ledger's length: a refusal leaves all of it unchanged."""
    return (
        list(PermitApplication.objects.order_by("id").values()),
        list(PermitStatusMessage.objects.order_by("id").values()),
        PermitKind.objects.count(),
        Entry.objects.count(),
    )
