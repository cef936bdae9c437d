"""Subjects other than a penalty case, built through the real domain actions (or taken from the
demo, whose inspections went through them), and the snapshot every refusal compares."""

from __future__ import annotations

import datetime as dt
from typing import Any

from chengguan.core.models import Counter
from chengguan.documents.models import Document, DocumentNumber
from chengguan.inspections.models import Inspection
from chengguan.ledger.models import Blob, Entry
from chengguan.measures import actions as measures
from chengguan.measures.models import Seizure
from chengguan.permits import actions as permits
from chengguan.permits.models import PermitApplication
from chengguan.suggestions import actions as suggestions
from chengguan.suggestions.models import Suggestion
from tests.penalties.helpers import T0, at, open_general
from tests.permits.helpers import MATERIALS, apply

ITEMS = [
    {"name": "三轮车（蓝色）", "quantity": 1, "unit": "辆", "note": "车斗内水果两筐"},
    {"name": "电子秤", "quantity": 1, "unit": "台"},
]
PLACE = "局暂扣物品库"


def snapshot() -> tuple[Any, ...]:
    """Everything generating touches: a refusal leaves all of it as it was."""
    return (
        Document.objects.count(),
        DocumentNumber.objects.count(),
        Entry.objects.count(),
        Blob.objects.count(),
        list(Counter.objects.order_by("id").values_list("kind", "year", "value")),
    )


def rechecked_inspection(demo: Any) -> Inspection:
    """The demo's inspection ordered to correct and found corrected on 复查 (chengguan/demo)."""
    found = (
        Inspection.objects.filter(bureau=demo.bureau, recheck_met=True)
        .exclude(correction_ordered_on=None)
        .order_by("id")
        .first()
    )
    assert found is not None
    return found


def open_inspection(demo: Any) -> Inspection:
    """The demo's joint inspection not yet carried out (综合查一次, status open)."""
    return Inspection.objects.get(bureau=demo.bureau, status="open")


def seizure(demo: Any, *, extended: bool = False, released: bool = False) -> Seizure:
    with at(T0):
        case = open_general(demo)
        s = measures.seize(
            case.pk,
            actor=demo.user("officer1"),
            kind="seize",
            items=ITEMS,
            place=PLACE,
            condition="车况完好",
            certificates_shown=["officer1", "officer2"],
            approved_by="head",
        )
    if extended:
        with at(T0 + dt.timedelta(days=20)):
            s = measures.extend(
                s.pk, actor=demo.user("head"), days=10, reason="案情复杂，需进一步调查"
            )
    if released:
        with at(T0 + dt.timedelta(days=25)):
            s = measures.release(
                s.pk,
                actor=demo.user("officer1"),
                reason="no_longer_needed",
                returned_on=T0 + dt.timedelta(days=25),
                note="",
            )
    return s


def granted_permit(demo: Any) -> PermitApplication:
    with at(T0):
        app = apply(demo)
        app = permits.accept(app.pk, actor=demo.user("reviewer"))
    with at(T0 + dt.timedelta(days=7)):
        app = permits.extend_time(app.pk, actor=demo.user("head"), reason="需要现场勘验设置地点")
        app = permits.grant_permit(
            app.pk,
            actor=demo.user("head"),
            valid_from=T0 + dt.timedelta(days=8),
            valid_to=T0 + dt.timedelta(days=8 + 365),
            conditions="广告设施每半年进行一次安全检测",
        )
    return app


def refused_permit(demo: Any) -> PermitApplication:
    with at(T0):
        app = apply(demo, materials=MATERIALS[:-1])
        app = permits.request_materials(
            app.pk, actor=demo.user("reviewer"), missing=["结构安全性能报告"]
        )
        app = permits.supplement(
            app.pk, actor=demo.user("reviewer"), materials=["结构安全性能报告"]
        )
        app = permits.accept(app.pk, actor=demo.user("reviewer"))
        app = permits.refuse(
            app.pk, actor=demo.user("head"), reasons="设置地点位于城市主干道禁设区域"
        )
    return app


def replied_suggestion(demo: Any) -> Suggestion:
    with at(dt.date(2025, 3, 10)):
        s = suggestions.register(
            actor=demo.user("hotline"),
            kind="npc",
            number="第45号",
            title="关于加强人民路夜市环境卫生管理的建议",
            assigned_on=dt.date(2025, 3, 10),
            units=["sanitation", "greening"],
        )
    with at(dt.date(2025, 5, 6)):
        return suggestions.reply(
            s.pk,
            actor=demo.user("handler_sanitation"),
            replied_on=dt.date(2025, 5, 6),
            text="一、已在人民路夜市增设垃圾收集点6处。\n二、夜市收市后1小时内完成保洁。",
        )
