"""The demo bureau's permit kinds (XK-1), created through the real action (idempotent)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from chengguan.core.clock import SHANGHAI, frozen_at
from chengguan.core.pii import id_check_char
from chengguan.demo.citycases import SOUTH, STEP, WEST
from chengguan.demo.context import DemoContext
from chengguan.permits import actions
from chengguan.permits.models import PermitKind, StallPoint

SR = "《城市市容和环境卫生管理条例》"
KINDS: list[dict[str, Any]] = [
    {
        "code": "XK-GG",
        "name": "设置大型户外广告",
        "legal_basis": f"{SR}第十一条；《国务院对确需保留的行政审批项目设定行政许可的决定》第107项",
        "materials": [
            "申请书",
            "申请人身份证明",
            "设置场地使用证明",
            "广告设施设计图及效果图",
            "结构安全性能报告",
        ],
        "validity_days": 1095,
        "conditions": "按批准的位置、规格、形式设置；定期检查维护，保证安全牢固；期满不再设置的应自行拆除",
    },
    {
        "code": "XK-JZLJ",
        "name": "城市建筑垃圾处置核准",
        "legal_basis": "《国务院对确需保留的行政审批项目设定行政许可的决定》第101项；《城市建筑垃圾管理规定》第七条",
        "materials": [
            "申请书",
            "申请人身份证明",
            "建筑垃圾处置方案",
            "运输车辆及驾驶人员证明",
            "消纳场地证明",
        ],
        "validity_days": 365,
        "conditions": "按核准的路线、时间运输，车辆密闭，不得沿途丢弃、遗撒；运至核准的消纳场所",
    },
    {
        "code": "XK-TD",
        "name": "便民临时摊点",
        "legal_basis": "《瓜果季便民临时摊点管理规定》；《城市市容和环境卫生管理条例》第十四条",
        "materials": ["申请书", "申请人身份证明", "承诺书"],
        "validity_days": 120,
        "conditions": "在指定点位、时段经营，保持摊点周边整洁，不得超出划定范围",
    },
]


def build(ctx: DemoContext) -> None:
    reviewer = ctx.users["reviewer"]
    for spec in KINDS:
        if PermitKind.objects.filter(bureau=ctx.bureau, code=spec["code"]).exists():
            continue
        # The legal office handles the demo's kinds (承办单位), so a squad is another department.
        actions.add_kind(
            actor=reviewer,
            unit="legal",
            code=str(spec["code"]),
            name=str(spec["name"]),
            legal_basis=str(spec["legal_basis"]),
            materials=list(spec["materials"]),
            validity_days=int(str(spec["validity_days"])),
            conditions=str(spec["conditions"]),
        )


# --- helper:stalls --- 瓜果季便民临时摊点 of the demo year: two points inside the city's grids,
# applications for places and a recorded lottery (the seed is printed in the ledger entry).
def _square(col: float, row: float, size: float = 0.4) -> dict[str, Any]:
    x0, y0 = round(WEST + col * STEP, 6), round(SOUTH + row * STEP, 6)
    x1, y1 = round(x0 + size * STEP, 6), round(y0 + size * STEP, 6)
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


STALL_POINTS: list[dict[str, Any]] = [
    {"name": "白羽路瓜果季便民点", "cell": (3.3, 4.3), "capacity": 4, "applicants": 6},
    {"name": "滨河公园瓜果季便民点", "cell": (6.3, 2.3), "capacity": 6, "applicants": 3},
]
KEEPERS = ["王建国", "李秀英", "张德明", "刘桂兰", "陈志强", "杨淑珍", "赵永福", "黄玉梅", "周海涛"]


def _keeper_id(n: int) -> str:
    base = f"411323{1960 + n:04d}0{(n % 9) + 1}15{n:03d}"
    return base + id_check_char(base)


def build_stalls(ctx: DemoContext) -> None:
    assert ctx.bureau is not None
    if StallPoint.objects.filter(bureau=ctx.bureau).exists():
        return
    reviewer, head = ctx.users["reviewer"], ctx.users["head"]
    year = ctx.year_done_by(5, 31)  # --- helper:demo --- never in the future (decision 089)
    n = 0
    for spec in STALL_POINTS:
        with frozen_at(dt.datetime(year, 5, 20, 10, tzinfo=SHANGHAI)):
            point = actions.add_stall_point(
                actor=reviewer,
                name=str(spec["name"]),
                geometry=_square(*spec["cell"]),
                season_from=dt.date(year, 6, 1),
                season_to=dt.date(year, 9, 30),
                opens_at=dt.time(7),
                closes_at=dt.time(21),
                capacity=int(spec["capacity"]),
                rules="限售本地瓜果；每日收摊后清扫场地；不得超出划线范围；不得占用盲道",
            )
        with frozen_at(dt.datetime(year, 5, 24, 10, tzinfo=SHANGHAI)):
            for _ in range(int(spec["applicants"])):
                actions.apply(
                    actor=reviewer,
                    kind="XK-TD",
                    applicant={
                        "kind": "person",
                        "name": KEEPERS[n % len(KEEPERS)],
                        "id_number": _keeper_id(n),
                    },
                    materials=["申请书", "申请人身份证明", "承诺书"],
                    stall_point=point.pk,
                    pledge_signed=True,
                )
                n += 1
        with frozen_at(dt.datetime(year, 5, 28, 10, tzinfo=SHANGHAI)):
            actions.allocate_stall_places(
                point.pk,
                actor=head,
                method="lottery" if spec["applicants"] > spec["capacity"] else "first_come",
                seed=f"{year}-{point.pk}" if spec["applicants"] > spec["capacity"] else None,
            )


# --- /helper:stalls ---
