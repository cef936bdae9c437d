"""Demo law data: a 城管 权责清单 with real legal bases, a benchmark per item, 免罚清单, 审核目录.

Fine ranges are the statute's where the statute names them (城市道路管理条例, 大气污染防治法, 城市建筑
垃圾管理规定, 城市生活垃圾管理办法, 道路交通安全法, 无照经营查处办法). The 城市市容和环境卫生管理条例 and
城市绿化条例 leave amounts to provincial rules; for those the demo uses plausible provincial figures and
says so in ``fine_note``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from chengguan.core.rules import local
from chengguan.demo.context import DemoContext
from chengguan.law import actions
from chengguan.law.models import Benchmark, ExemptionItem, PowerItem, ReviewCatalogue

SR = "《城市市容和环境卫生管理条例》"
LH = "《城市绿化条例》"
DL = "《城市道路管理条例》"
DQ = "《中华人民共和国大气污染防治法》"
GH = "《中华人民共和国城乡规划法》"
JZ = "《城市建筑垃圾管理规定》（建设部令第139号）"
SH = "《城市生活垃圾管理办法》（建设部令第157号）"
PROVINCIAL = "罚款幅度依据省级实施办法（演示数据）"

W, F = "warning", "fine"
CP, CI = "confiscate_property", "confiscate_income"

# (code, name, domain, violated provision, penalty basis, types, fine_min, fine_max, note)
ITEMS: list[tuple[str, str, str, str, str, list[str], int | None, int | None, str]] = [
    (
        "SR001",
        "随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物",
        "sanitation",
        f"{SR}第十条",
        f"{SR}第三十四条第（一）项",
        [W, F],
        10,
        50,
        PROVINCIAL,
    ),
    (
        "SR002",
        "在城市建筑物、设施以及树木上涂写、刻画",
        "sanitation",
        f"{SR}第十七条",
        f"{SR}第三十四条第（二）项",
        [W, F],
        50,
        500,
        PROVINCIAL,
    ),
    (
        "SR003",
        "未经批准在城市建筑物、设施以及树木上张挂、张贴宣传品",
        "sanitation",
        f"{SR}第十七条",
        f"{SR}第三十四条第（三）项",
        [W, F],
        50,
        500,
        PROVINCIAL,
    ),
    (
        "SR004",
        "在临街建筑物的阳台和窗外堆放、吊挂有碍市容的物品",
        "sanitation",
        f"{SR}第十五条",
        f"{SR}第三十四条第（四）项",
        [W, F],
        20,
        100,
        PROVINCIAL,
    ),
    (
        "SR005",
        "不按规定的时间、地点、方式倾倒垃圾、粪便",
        "sanitation",
        f"{SR}第二十七条",
        f"{SR}第三十四条第（五）项",
        [W, F],
        50,
        500,
        PROVINCIAL,
    ),
    (
        "SR006",
        "不履行卫生责任区清扫保洁义务",
        "sanitation",
        f"{SR}第二十一条",
        f"{SR}第三十四条第（六）项",
        [W, F],
        100,
        1000,
        PROVINCIAL,
    ),
    (
        "SR007",
        "运输液体、散装货物不作密封、包扎、覆盖，造成泄漏、遗撒",
        "sanitation",
        f"{SR}第十五条",
        f"{SR}第三十四条第（七）项",
        [W, F],
        200,
        2000,
        PROVINCIAL,
    ),
    (
        "SR008",
        "临街工地不设置护栏或者不作遮挡，影响市容和环境卫生",
        "sanitation",
        f"{SR}第十六条",
        f"{SR}第三十四条第（八）项",
        [W, F],
        500,
        5000,
        PROVINCIAL,
    ),
    (
        "SR009",
        "未经批准擅自饲养家畜家禽，影响市容和环境卫生",
        "sanitation",
        f"{SR}第三十条",
        f"{SR}第三十五条",
        [CP, F],
        50,
        200,
        PROVINCIAL,
    ),
    (
        "SR010",
        "未经同意擅自设置大型户外广告，影响市容",
        "sanitation",
        f"{SR}第十一条",
        f"{SR}第三十六条第（一）项",
        [F],
        1000,
        10000,
        PROVINCIAL,
    ),
    (
        "SR011",
        "擅自在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施",
        "sanitation",
        f"{SR}第十四条",
        f"{SR}第三十六条第（二）项",
        [F],
        100,
        2000,
        PROVINCIAL,
    ),
    (
        "SR012",
        "未经批准擅自拆除环境卫生设施",
        "sanitation",
        f"{SR}第二十二条",
        f"{SR}第三十六条第（三）项",
        [F],
        1000,
        10000,
        PROVINCIAL,
    ),
    (
        "SR013",
        "损坏各类环境卫生设施及其附属设施",
        "sanitation",
        f"{SR}第二十二条",
        f"{SR}第三十八条",
        [F],
        100,
        1000,
        PROVINCIAL,
    ),
    (
        "SR014",
        "随意倾倒、抛撒或者堆放建筑垃圾（单位）",
        "sanitation",
        f"{JZ}第十五条",
        f"{JZ}第二十六条",
        [W, F],
        5000,
        50000,
        "",
    ),
    (
        "SR015",
        "未经核准擅自处置建筑垃圾（施工单位）",
        "sanitation",
        f"{JZ}第七条",
        f"{JZ}第二十五条第（一）项",
        [W, F],
        10000,
        100000,
        "",
    ),
    (
        "SR016",
        "随意倾倒、抛洒、堆放城市生活垃圾（单位）",
        "sanitation",
        f"{SH}第十六条",
        f"{SH}第四十五条",
        [F],
        5000,
        50000,
        "",
    ),
    (
        "YL001",
        "损坏城市树木花草",
        "greening",
        f"{LH}第二十条",
        f"{LH}第二十六条第（一）项",
        [F],
        50,
        1000,
        PROVINCIAL,
    ),
    (
        "YL002",
        "擅自修剪或者砍伐城市树木",
        "greening",
        f"{LH}第二十条",
        f"{LH}第二十六条第（二）项",
        [F],
        500,
        5000,
        PROVINCIAL,
    ),
    (
        "YL003",
        "砍伐、擅自迁移古树名木或者因养护不善致使古树名木受到损伤或者死亡",
        "greening",
        f"{LH}第二十五条",
        f"{LH}第二十六条第（三）项",
        [F],
        5000,
        50000,
        PROVINCIAL,
    ),
    (
        "YL004",
        "损坏城市绿化设施",
        "greening",
        f"{LH}第二十条",
        f"{LH}第二十六条第（四）项",
        [F],
        100,
        2000,
        PROVINCIAL,
    ),
    (
        "YL005",
        "未经同意擅自占用城市绿化用地",
        "greening",
        f"{LH}第十九条",
        f"{LH}第二十七条",
        [F],
        1000,
        20000,
        PROVINCIAL,
    ),
    (
        "YL006",
        "不服从公共绿地管理单位管理的商业、服务摊点",
        "greening",
        f"{LH}第二十二条",
        f"{LH}第二十八条",
        [W, F],
        50,
        500,
        PROVINCIAL,
    ),
    (
        "SZ001",
        "擅自占用城市道路（占道经营、占道堆放）",
        "municipal",
        f"{DL}第二十七条第（一）项",
        f"{DL}第四十二条",
        [F],
        0,
        20000,
        "法定上限2万元",
    ),
    (
        "SZ002",
        "擅自挖掘城市道路",
        "municipal",
        f"{DL}第二十七条第（一）项",
        f"{DL}第四十二条",
        [F],
        0,
        20000,
        "法定上限2万元",
    ),
    (
        "SZ003",
        "未对设在城市道路上的检查井、箱盖或者附属设施的缺损及时补缺或者修复",
        "municipal",
        f"{DL}第二十三条",
        f"{DL}第四十二条第（一）项",
        [F],
        0,
        20000,
        "",
    ),
    (
        "SZ004",
        "未在城市道路施工现场设置明显标志和安全防围设施",
        "municipal",
        f"{DL}第三十五条",
        f"{DL}第四十二条第（二）项",
        [F],
        0,
        20000,
        "",
    ),
    (
        "SZ005",
        "擅自在桥梁或者路灯设施上设置广告牌或者其他挂浮物",
        "municipal",
        f"{DL}第二十七条第（六）项",
        f"{DL}第四十二条",
        [F],
        0,
        20000,
        "",
    ),
    (
        "SZ006",
        "履带车、铁轮车或者超重、超高、超长车辆擅自在城市道路上行驶",
        "municipal",
        f"{DL}第二十七条第（二）项",
        f"{DL}第四十二条",
        [F],
        0,
        20000,
        "",
    ),
    (
        "GH001",
        "未取得建设工程规划许可证或者未按照许可证的规定进行建设",
        "planning",
        f"{GH}第四十条",
        f"{GH}第六十四条",
        [F, CP, CI],
        None,
        None,
        "处建设工程造价百分之五以上百分之十以下的罚款",
    ),
    (
        "GH002",
        "未经批准进行临时建设或者未按照批准内容进行临时建设",
        "planning",
        f"{GH}第四十四条",
        f"{GH}第六十六条第（一）项",
        [F],
        None,
        None,
        "可以并处临时建设工程造价一倍以下的罚款",
    ),
    (
        "HB001",
        "餐饮服务业经营者超过排放标准排放油烟",
        "environment",
        f"{DQ}第八十一条",
        f"{DQ}第一百一十八条第一款",
        [F, "suspend_business"],
        5000,
        50000,
        "",
    ),
    (
        "HB002",
        "在禁止的时段和区域内露天烧烤食品或者为露天烧烤食品提供场地",
        "environment",
        f"{DQ}第八十一条第三款",
        f"{DQ}第一百一十八条第三款",
        [CP, CI, F],
        500,
        20000,
        "",
    ),
    (
        "HB003",
        "在人口集中地区露天焚烧秸秆、落叶等产生烟尘污染的物质",
        "environment",
        f"{DQ}第七十七条",
        f"{DQ}第一百一十九条第一款",
        [F],
        500,
        2000,
        "",
    ),
    # 大气法 Art. 119 ¶2 splits the range by party: one item per kind (decision 066/076).
    (
        "HB004",
        "在人口集中地区焚烧沥青、油毡、橡胶、塑料、皮革、垃圾等物质（单位）",
        "environment",
        f"{DQ}第八十二条",
        f"{DQ}第一百一十九条第二款",
        [F],
        10000,
        100000,
        "对单位处一万元以上十万元以下的罚款",
    ),
    (
        "HB007",
        "在人口集中地区焚烧沥青、油毡、橡胶、塑料、皮革、垃圾等物质（个人）",
        "environment",
        f"{DQ}第八十二条",
        f"{DQ}第一百一十九条第二款",
        [F],
        500,
        2000,
        "对个人处五百元以上二千元以下的罚款",
    ),
    (
        "HB005",
        "施工单位未采取扬尘污染防治措施",
        "environment",
        f"{DQ}第六十九条",
        f"{DQ}第一百一十五条",
        [F, "suspend_business"],
        10000,
        100000,
        "",
    ),
    (
        "HB006",
        "运输渣土、砂石等散装物料的车辆未采取密闭措施防止物料遗撒",
        "environment",
        f"{DQ}第七十条",
        f"{DQ}第一百一十六条",
        [F],
        2000,
        20000,
        "",
    ),
    (
        "GS001",
        "无照经营（流动摊贩）",
        "commerce",
        "《无照经营查处办法》第二条",
        "《无照经营查处办法》第十三条",
        [CI, F],
        0,
        10000,
        "法律、行政法规无明确规定时适用",
    ),
    (
        "JT001",
        "机动车违反规定停放占用人行道，驾驶人不在现场或拒绝驶离",
        "traffic",
        "《中华人民共和国道路交通安全法》第五十六条",
        "《中华人民共和国道路交通安全法》第九十三条",
        [W, F],
        20,
        200,
        "",
    ),
]

# --- helper:due3 --- the statute's shape beyond a yuan range (decision 076): the party kind an item
# applies to, and percentage fines (the base and the percentages; the amount is checked against
# base × percentage, and each benchmark level is a percentage band).
SHAPE: dict[str, dict[str, Any]] = {
    "HB004": {"applies_to": "organisation"},
    "HB007": {"applies_to": "person"},
    "GH001": {
        "fine_percent_min": Decimal("5"),
        "fine_percent_max": Decimal("10"),
        "fine_base_label": "建设工程造价",
    },
    "GH002": {
        "fine_percent_min": Decimal("0"),
        "fine_percent_max": Decimal("100"),
        "fine_base_label": "临时建设工程造价",
    },
}
# --- /helper:due3 ---

# Delegated to the town team (ORG-3); everything else stays with the bureau.
DELEGATED_TO_TOWN = {
    "SR001",
    "SR002",
    "SR003",
    "SR004",
    "SR005",
    "SR006",
    "SR011",
    "SR013",
    "YL001",
    "YL004",
    "YL006",
    "SZ001",
    "HB002",
    "HB003",
    "GS001",
    "JT001",
}

EXEMPTIONS = [
    ("MF001", "SR001", "minor", "初次乱扔废弃物，经教育当场清理，未造成不良影响", None),
    ("MF002", "SR003", "first", "首次违法张贴，数量不超过5处，在责令期限内自行清除", 1),
    ("MF003", "SR004", "minor", "阳台外吊挂物品，经指出后立即收回，未造成危害后果", None),
    ("MF004", "SR005", "first", "首次不按规定倾倒垃圾，数量较少，当场清理", None),
    ("MF005", "SR006", "first", "首次未履行清扫保洁义务，在责令期限内改正", 1),
    ("MF006", "SR011", "first", "首次临时堆放物料，未影响通行，在责令期限内清除", 1),
    ("MF007", "SZ001", "first", "首次店外经营或占道经营，面积不超过2平方米，当场改正", None),
    ("MF008", "YL001", "minor", "轻微踩踏草坪等损坏，及时恢复，未造成明显损失", None),
    ("MF009", "HB002", "first", "首次露天烧烤，经教育立即停止并清理现场", None),
    ("MF010", "HB003", "first", "首次焚烧少量落叶，立即熄灭，未造成明显污染", None),
    ("MF011", "JT001", "minor", "临时停放占用人行道，驾驶人在场并立即驶离", None),
    ("MF012", "GS001", "first", "首次流动无照经营，经教育后立即停止，无违法所得", None),
]


def _q(value: float) -> Decimal:
    return Decimal(str(round(value, -1) if value >= 100 else round(value))).quantize(Decimal("1"))


def levels_for(lo: int | None, hi: int | None, types: list[str]) -> list[dict[str, Any]]:
    """CL-1 levels: 不予处罚, 减轻 (below the minimum), 从轻 / 一般 / 从重 in thirds of the range."""
    levels: list[dict[str, Any]] = [
        {
            "level": "none",
            "conditions": "违法行为轻微并及时改正，没有造成危害后果；或符合免罚清单",
            "penalty_types": [],
        },
    ]
    if lo is None or hi is None:
        for lv, cond in [
            ("lighter", "主动消除或者减轻违法行为危害后果；配合查处"),
            ("general", "不具有从轻、从重情节"),
            ("heavier", "拒不改正、多次违法或者造成恶劣社会影响"),
        ]:
            levels.append({"level": lv, "conditions": cond, "penalty_types": types})
        return levels
    span = hi - lo
    a, b = _q(lo + span * 0.3), _q(lo + span * 0.7)
    if lo > 0:
        levels.append(
            {
                "level": "mitigated",
                "fine_min": 0,
                "fine_max": lo,
                "conditions": "具有《行政处罚法》第三十二条规定情形且依法应当减轻处罚",
                "penalty_types": types,
            }
        )
    levels += [
        {
            "level": "lighter",
            "fine_min": lo,
            "fine_max": a,
            "penalty_types": types,
            "conditions": "主动消除或者减轻违法行为危害后果；受他人胁迫或诱骗；配合查处有立功表现",
        },
        {
            "level": "general",
            "fine_min": a,
            "fine_max": b,
            "penalty_types": types,
            "conditions": "不具有从轻、减轻或者从重情节",
        },
        {
            "level": "heavier",
            "fine_min": b,
            "fine_max": hi,
            "penalty_types": types,
            "conditions": "拒不改正、一年内再次违法、暴力抗法或者造成恶劣社会影响",
        },
    ]
    return levels


def percent_levels(lo: Decimal, hi: Decimal, types: list[str]) -> list[dict[str, Any]]:
    """CL-1 levels of a percentage fine: 减轻 below the minimum percentage, 从轻 / 一般 / 从重 in
    thirds of the statutory percentages (helper:due3)."""
    span = hi - lo
    a = (lo + span * Decimal("0.3")).quantize(Decimal("0.1"))
    b = (lo + span * Decimal("0.7")).quantize(Decimal("0.1"))
    levels = levels_for(None, None, [])[:1]
    if lo > 0:
        levels.append(
            {
                "level": "mitigated",
                "percent_min": Decimal("0"),
                "percent_max": lo,
                "conditions": "具有《行政处罚法》第三十二条规定情形且依法应当减轻处罚",
                "penalty_types": types,
            }
        )
    for lv, p, q, cond in [
        ("lighter", lo, a, "主动消除或者减轻违法行为危害后果；配合查处"),
        ("general", a, b, "不具有从轻、减轻或者从重情节"),
        ("heavier", b, hi, "拒不改正、一年内再次违法或者造成恶劣社会影响"),
    ]:
        levels.append(
            {
                "level": lv,
                "percent_min": p,
                "percent_max": q,
                "conditions": cond,
                "penalty_types": types,
            }
        )
    return levels


def build(ctx: DemoContext) -> None:
    reviewer = ctx.user("reviewer")
    bureau = ctx.bureau
    assert bureau is not None
    town = ctx.unit("town1")
    published = dt.date(ctx.year - 1, 12, 1)
    items: dict[str, PowerItem] = {}
    for code, name, domain, violated, basis, types, lo, hi, note in ITEMS:
        item = PowerItem.objects.filter(bureau=bureau, code=code).first()
        if item is None:
            item = actions.create_power_item(
                actor=reviewer,
                code=code,
                name=name,
                domain=domain,
                legal_basis=basis,
                violated_provision=violated,
                penalty_types=types,
                fine_min=lo,
                fine_max=hi,
                fine_note=note,
                delegated_to=[town] if code in DELEGATED_TO_TOWN else [],
                **SHAPE.get(code, {}),
            )
        items[code] = item
        if not Benchmark.objects.filter(power_item=item).exists():
            shape = SHAPE.get(code, {})
            actions.create_benchmark(
                actor=reviewer,
                power_item=item,
                levels=(
                    percent_levels(shape["fine_percent_min"], shape["fine_percent_max"], types)
                    if "fine_percent_min" in shape
                    else levels_for(lo, hi, types)
                ),
                title=f"《{bureau.name}行政处罚裁量基准（{ctx.year}年版）》",
                published_on=published,
            )
    for code, item_code, kind, conditions, days in EXEMPTIONS:
        if not ExemptionItem.objects.filter(bureau=bureau, code=code).exists():
            actions.create_exemption(
                actor=reviewer,
                code=code,
                power_item=items[item_code],
                kind=kind,
                conditions=conditions,
                correction_days=days,
                published_on=published,
            )
    catalogue = [
        (
            "SH001",
            "拟作出吊销许可证件、责令停产停业、责令关闭、限制从业决定",
            {
                "penalty_types": [
                    "revoke_permit",
                    "suspend_business",
                    "close_down",
                    "restrict_practice",
                    "lower_qualification",
                ]
            },
        ),
        (
            "SH002",
            "拟对公民处以较大数额罚款、对法人或其他组织处以较大数额罚款",
            {
                "fine_person_at_least": local("hearing_threshold_person"),
                "fine_organisation_at_least": local("hearing_threshold_organisation"),
            },
        ),
        (
            "SH003",
            "涉及违法建设的行政处罚（城乡规划领域）",
            {"power_items": [items["GH001"], items["GH002"]]},
        ),
        ("SH004", "涉及古树名木损毁的行政处罚", {"power_items": [items["YL003"]]}),
    ]
    for code, title, criteria in catalogue:
        if not ReviewCatalogue.objects.filter(bureau=bureau, code=code).exists():
            actions.create_catalogue_entry(actor=reviewer, code=code, title=title, **criteria)
