"""Building penalty cases through the real actions, at fixed dates (the calendar covers 2025)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

from chengguan.core.clock import SHANGHAI, frozen_at
from chengguan.core.pii import id_check_char, uscc_check_char
from chengguan.ledger.models import Entry
from chengguan.penalties import actions
from chengguan.penalties.models import PenaltyCase

D = dt.date
T0 = D(2025, 6, 3)  # a Tuesday; every test starts here


def person_id(birth: str = "19900307", serial: str = "123") -> str:
    base = f"411323{birth}{serial}"
    return base + id_check_char(base)


def credit_code(body: str = "91411323MA47R8XK1") -> str:
    return body + uscc_check_char(body)


PERSON: dict[str, Any] = {
    "kind": "person",
    "name": "李四",
    "id_number": person_id(),
    "address": "示范县人民路12号",
    "phone": "13800138000",
}
COMPANY: dict[str, Any] = {
    "kind": "organisation",
    "name": "示范县宏达建筑工程有限公司",
    "credit_code": credit_code(),
    "legal_representative": "王五",
}


@contextlib.contextmanager
def at(day: dt.date, hour: int = 10) -> Iterator[None]:
    with frozen_at(dt.datetime.combine(day, dt.time(hour), SHANGHAI)):
        yield


def proposal(fine: str = "15000", level: str = "heavier", **extra: Any) -> dict[str, Any]:
    return {
        "penalty_types": ["fine"],
        "fine_amount": fine,
        "level": level,
        "grounds": [],
        "correction": "责令立即停止占用城市道路，恢复道路原状",
        **extra,
    }


def open_general(
    demo: Any,
    *,
    item: str = "SZ001",
    party: dict[str, Any] | None = None,
    officers: tuple[str, ...] = ("officer1", "officer2"),
    **kw: Any,
) -> PenaltyCase:
    return actions.open_case(
        actor=demo.user(officers[0]),
        procedure="general",
        power_item=item,
        party=dict(party or PERSON),
        facts="当事人在人民路东段擅自占用城市道路摆摊经营，占道约6平方米",
        act_date=kw.pop("act_date", D(2025, 5, 20)),
        discovered_date=kw.pop("discovered", T0),
        officers=list(officers),
        **kw,
    )


def investigated(demo: Any, prop: dict[str, Any] | None = None, **kw: Any) -> PenaltyCase:
    case = open_general(demo, **kw)
    actions.register(case.pk, actor=demo.user("head"))
    actions.add_evidence(
        case.pk,
        actor=demo.user("officer1"),
        kind="inspection_record",
        description="现场检查笔录及照片6张",
        certificates_shown=[o.username for o in case.officers.all()],
    )
    return actions.conclude(
        case.pk, actor=demo.user("officer1"), outcome="penalty", proposal=prop or proposal()
    )


def notified(demo: Any, prop: dict[str, Any] | None = None, **kw: Any) -> PenaltyCase:
    case = investigated(demo, prop, **kw)
    return actions.notify(case.pk, actor=demo.user("officer1"), served_on=T0)


def snapshot(case: PenaltyCase) -> dict[str, Any]:
    """Everything a refused action must leave unchanged."""
    fresh = PenaltyCase.objects.get(pk=case.pk)
    data = {f.attname: getattr(fresh, f.attname) for f in PenaltyCase._meta.concrete_fields}
    data["officers"] = sorted(fresh.officers.values_list("username", flat=True))
    for rel in (
        "evidence",
        "reviews",
        "discussions",
        "notices",
        "statements",
        "hearings",
        "services",
        "payments",
        "remedies",
        "recusals",
        "arrangements",
        "instalments",
        "demands",
        "enforcements",
        "preservations",
        "remittances",
        "certificates_shown",
        "transfers",  # helper:due3
        "disposals",  # helper:due3
    ):
        data[rel] = getattr(fresh, rel).count()
    data["ledger"] = Entry.objects.count()
    data["cases"] = PenaltyCase.objects.count()
    return data


def fine_decision(amount: str = "5000", level: str = "lighter") -> dict[str, Any]:
    return {
        "penalty_types": ["fine"],
        "fine_amount": amount,
        "level": level,
        "grounds": [],
        "correction": "责令立即改正",
    }


def served(demo: Any, amount: str = "5000") -> PenaltyCase:
    """A fine of ``amount`` decided and served on T0 (2025-06-03): pay_by is 2025-06-18."""
    with at(T0):
        case = notified(demo, proposal(amount, "lighter"))
        actions.waive(
            case.pk,
            actor=demo.user("officer1"),
            record="当事人书面表示放弃陈述、申辩和要求听证的权利",
            witnessed_by=["officer1", "officer2"],
        )
        actions.decide(case.pk, actor=demo.user("head"), decision=fine_decision(amount))
        return actions.serve(case.pk, actor=demo.user("officer1"), served_on=T0, method="direct")
