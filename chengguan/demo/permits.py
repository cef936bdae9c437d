"""The demo bureau's permit kinds (XK-1), created through the real action (idempotent)."""

from __future__ import annotations

from typing import Any

from chengguan.demo.context import DemoContext
from chengguan.permits import actions
from chengguan.permits.models import PermitKind

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
