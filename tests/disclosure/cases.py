"""Penalty decisions for disclosure tests, made through the penalty domain's real actions."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

from chengguan.core.clock import SHANGHAI, frozen_at
from chengguan.core.pii import id_check_char
from chengguan.penalties import actions
from chengguan.penalties.models import PenaltyCase


def person_id(birth: str = "19850611", serial: str = "031") -> str:
    base = f"411323{birth}{serial}"
    return base + id_check_char(base)


@contextlib.contextmanager
def at(day: dt.date, hour: int = 10) -> Iterator[None]:
    with frozen_at(dt.datetime.combine(day, dt.time(hour), SHANGHAI)):
        yield


def simple_decision(
    demo: Any,
    day: dt.date,
    *,
    name: str = "王小明",
    id_number: str | None = None,
    phone: str = "13912345678",
    facts: str = "当事人在人民路东段占道经营水果摊，占道约3平方米",
) -> PenaltyCase:
    party: dict[str, Any] = {
        "kind": "person",
        "name": name,
        "id_number": id_number or person_id(),
        "phone": phone,
        "address": "示范县人民路12号",
    }
    with at(day):
        return actions.open_case(
            actor=demo.user("officer1"),
            procedure="simple",
            power_item="SZ001",
            party=party,
            facts=facts,
            act_date=day,
            discovered_date=day,
            officers=["officer1", "officer2"],
            decision={
                "penalty_types": ["fine"],
                "fine_amount": "100",
                "level": "lighter",
                "grounds": [],
                "correction": "责令立即改正，清理占道物品",
            },
        )
