"""Demo data of 数字城管: GB/T 30428.2 categories, unit grids over the demo area, the routing table,
and an Open311 API key equal to the demo password. Idempotent: existing rows are left alone."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from django.db import transaction

from chengguan.citycases import actions
from chengguan.citycases.models import Category, CityCase, Grid, Open311Key, RoutingRule
from chengguan.core.workdays import CalendarMissing
from chengguan.demo.context import DemoContext
from chengguan.org.models import OrgUnit

H, D = Category.LimitUnit.HOURS, Category.LimitUnit.WORKDAYS

MAJORS = {
    ("component", "01"): "公用设施",
    ("component", "02"): "道路交通",
    ("component", "03"): "市容环境",
    ("component", "04"): "园林绿化",
    ("component", "05"): "房屋土地",
    ("component", "06"): "其他设施",
    ("event", "01"): "市容环境",
    ("event", "02"): "宣传广告",
    ("event", "03"): "施工管理",
    ("event", "04"): "突发事件",
    ("event", "05"): "街面秩序",
}

# (code, 小类, 立案条件, 结案条件, 处置时限, 紧急处置时限, 单位, 默认处置部门)
# Code: C = 部件 / E = 事件, then 大类 (2) and 小类 (2) as in GB/T 30428.2.
CATEGORIES: list[tuple[str, str, str, str, int, int, str, str]] = [
    (
        "C0101",
        "上水井盖",
        "井盖破损、缺失、移位或井盖与路面高差超过 2 厘米",
        "井盖修复或更换到位，与路面平整",
        8,
        2,
        H,
        "municipal",
    ),
    (
        "C0102",
        "污水井盖",
        "井盖破损、缺失、移位，或井口冒溢",
        "井盖修复或更换到位，无冒溢",
        8,
        2,
        H,
        "municipal",
    ),
    (
        "C0103",
        "雨水箅子",
        "雨水箅子破损、缺失或堵塞",
        "箅子修复或更换，排水通畅",
        8,
        2,
        H,
        "municipal",
    ),
    (
        "C0104",
        "电力井盖",
        "电力井盖破损、缺失、移位",
        "井盖修复或更换到位",
        8,
        2,
        H,
        "power_supply",
    ),
    (
        "C0105",
        "消防栓",
        "消防栓损坏、漏水或被圈占遮挡",
        "消防栓修复，周边无遮挡",
        2,
        1,
        D,
        "municipal",
    ),
    (
        "C0106",
        "电力设施",
        "配电箱门缺失、箱体破损或线缆裸露",
        "箱体修复，线缆归整，无安全隐患",
        8,
        2,
        H,
        "power_supply",
    ),
    ("C0107", "供水管线设施", "供水阀门井、管线设施破损", "设施修复，无渗漏", 2, 1, D, "municipal"),
    (
        "C0201",
        "路灯",
        "路灯不亮、灯杆倾斜或灯具破损（夜间巡查发现）",
        "路灯正常亮灯，灯杆、灯具完好",
        3,
        1,
        D,
        "municipal",
    ),
    (
        "C0202",
        "交通标志牌",
        "标志牌倾斜、破损、缺失或被遮挡",
        "标志牌修复或补设，清晰可辨",
        3,
        1,
        D,
        "municipal",
    ),
    ("C0203", "道路护栏", "护栏倒伏、破损、缺失", "护栏扶正、修复或补齐", 2, 1, D, "municipal"),
    ("C0204", "公交站亭", "站亭顶棚、座椅、站牌破损", "站亭设施修复完好", 3, 1, D, "municipal"),
    (
        "C0205",
        "路名牌",
        "路名牌缺失、破损、指向错误",
        "路名牌修复或更换，指向正确",
        5,
        2,
        D,
        "municipal",
    ),
    ("C0206", "隔离墩（石球）", "隔离墩缺失、移位、破损", "隔离墩复位或补齐", 3, 1, D, "municipal"),
    (
        "C0301",
        "公共厕所",
        "公厕设施损坏、无水、异味严重或未按时开放",
        "设施修复，保洁到位，正常开放",
        8,
        4,
        H,
        "sanitation",
    ),
    (
        "C0302",
        "垃圾箱（果皮箱）",
        "果皮箱破损、缺失或满溢",
        "果皮箱修复或更换，无满溢",
        8,
        4,
        H,
        "sanitation",
    ),
    (
        "C0303",
        "垃圾收集站",
        "垃圾收集站设施损坏、满溢或渗滤液外流",
        "设施修复，站点清洁无外溢",
        8,
        4,
        H,
        "sanitation",
    ),
    (
        "C0304",
        "户外广告设施",
        "户外广告牌匾破损、松动、字体缺失存在安全隐患",
        "设施修复、加固或拆除，无安全隐患",
        2,
        1,
        D,
        "municipal",
    ),
    ("C0305", "公共座椅", "公共座椅破损、缺失", "座椅修复或补设", 5, 2, D, "municipal"),
    (
        "C0401",
        "行道树",
        "行道树倾斜、枯死、缺株或树枝遮挡信号灯、标志",
        "扶正、补植或修剪到位",
        3,
        4,
        D,
        "greening",
    ),
    ("C0402", "绿地护栏", "绿地护栏破损、倒伏", "护栏修复", 3, 1, D, "greening"),
    ("C0403", "花坛花箱", "花坛、花箱破损或植物枯死", "修复、补植到位", 5, 2, D, "greening"),
    (
        "C0404",
        "古树名木",
        "古树名木受损、病虫害或保护设施损坏",
        "养护措施落实，保护设施修复",
        2,
        1,
        D,
        "greening",
    ),
    (
        "C0501",
        "宣传栏",
        "公共宣传栏破损、内容过期或缺失",
        "宣传栏修复，内容更新",
        5,
        2,
        D,
        "municipal",
    ),
    ("C0502", "治安岗亭", "岗亭破损、门窗缺失", "岗亭修复", 5, 2, D, "municipal"),
    (
        "C0601",
        "健身设施",
        "公共健身器材损坏存在安全隐患",
        "器材修复或拆除并设警示",
        3,
        1,
        D,
        "municipal",
    ),
    ("C0602", "输电线杆", "线杆倾斜、破损或拉线松脱", "线杆扶正、加固", 2, 4, D, "power_supply"),
    (
        "C0603",
        "变压器（箱）",
        "变压器箱体破损、门锁缺失或有异响",
        "箱体修复，运行正常",
        8,
        2,
        H,
        "power_supply",
    ),
    (
        "E0101",
        "暴露垃圾",
        "道路、广场、小区出入口等公共区域有暴露垃圾，面积 0.5 平方米以上",
        "垃圾清除，地面清洁",
        2,
        1,
        H,
        "sanitation",
    ),
    (
        "E0102",
        "积存垃圾渣土",
        "公共区域积存垃圾、渣土 1 立方米以上",
        "垃圾、渣土清运完毕",
        4,
        2,
        H,
        "sanitation",
    ),
    (
        "E0103",
        "道路不洁",
        "路面有明显污迹、泥土、油渍或大面积废弃物",
        "路面清扫、冲洗干净",
        2,
        1,
        H,
        "sanitation",
    ),
    (
        "E0104",
        "水域不洁",
        "河道、水塘水面有漂浮垃圾或油污",
        "水面垃圾打捞干净",
        8,
        4,
        H,
        "sanitation",
    ),
    ("E0105", "绿地脏乱", "绿地内有垃圾、杂物或枯枝落叶堆积", "绿地清理干净", 4, 2, H, "greening"),
    (
        "E0106",
        "私搭乱建",
        "未经批准在公共区域、道路两侧搭建建（构）筑物",
        "违法建设拆除或依法立案查处",
        5,
        2,
        D,
        "municipal",
    ),
    (
        "E0107",
        "乱堆物料",
        "在道路、人行道、公共场所堆放物料",
        "物料清理，恢复原状",
        4,
        2,
        H,
        "sanitation",
    ),
    (
        "E0108",
        "道路破损",
        "路面坑槽、沉陷、破损面积 1 平方米以上",
        "路面修复平整",
        3,
        1,
        D,
        "municipal",
    ),
    (
        "E0109",
        "污水冒溢",
        "污水从检查井或管道冒溢到路面",
        "疏通管道，冒溢停止，路面清洁",
        4,
        1,
        H,
        "municipal",
    ),
    (
        "E0110",
        "餐饮油烟",
        "餐饮单位油烟直排或净化设施未使用",
        "安装或使用净化设施，油烟达标排放",
        5,
        2,
        D,
        "sanitation",
    ),
    (
        "E0111",
        "焚烧垃圾树叶",
        "露天焚烧垃圾、树叶、秸秆",
        "火源熄灭，现场清理",
        2,
        1,
        H,
        "sanitation",
    ),
    ("E0112", "动物尸体", "道路、公共区域有动物尸体", "动物尸体无害化清理", 2, 1, H, "sanitation"),
    ("E0201", "乱张贴", "建筑物、设施上张贴小广告", "小广告清除，无残留", 8, 4, H, "sanitation"),
    ("E0202", "乱涂写", "建筑物、设施上涂写、刻画", "涂写清除或覆盖", 8, 4, H, "sanitation"),
    (
        "E0203",
        "街头散发广告",
        "在街头向行人散发商业广告",
        "劝离，现场无散落广告",
        4,
        2,
        H,
        "sanitation",
    ),
    (
        "E0204",
        "违规横幅标语",
        "未经批准悬挂横幅、标语或超期未撤",
        "横幅、标语撤除",
        8,
        4,
        H,
        "municipal",
    ),
    (
        "E0205",
        "户外广告破损",
        "户外广告画面破损、污损或亮化不全",
        "画面更换或修复，亮化完好",
        3,
        1,
        D,
        "municipal",
    ),
    (
        "E0301",
        "施工扬尘",
        "工地未覆盖、未冲洗、未围挡造成扬尘",
        "覆盖、冲洗、围挡到位，无明显扬尘",
        4,
        2,
        H,
        "municipal",
    ),
    (
        "E0302",
        "渣土撒漏",
        "渣土车辆运输撒漏、带泥上路",
        "路面清理，责任车辆处理",
        4,
        2,
        H,
        "sanitation",
    ),
    (
        "E0303",
        "施工占道",
        "施工超出审批范围占用道路或未设警示",
        "按审批范围施工，警示设施到位",
        8,
        4,
        H,
        "municipal",
    ),
    (
        "E0304",
        "违规夜间施工",
        "夜间 22 时至次日 6 时未经批准施工产生噪声",
        "停止施工或补办手续",
        2,
        1,
        H,
        "municipal",
    ),
    ("E0305", "施工废弃料", "施工废弃料未及时清运", "废弃料清运完毕", 8, 4, H, "sanitation"),
    ("E0401", "路面塌陷", "路面塌陷、空洞危及通行", "设置警示，塌陷修复", 8, 2, H, "municipal"),
    ("E0402", "供水管道破裂", "供水管道爆裂、跑水", "关阀止水，管道修复", 4, 1, H, "municipal"),
    ("E0403", "下水道堵塞", "下水道堵塞造成积水或反味", "疏通完毕，排水通畅", 8, 2, H, "municipal"),
    (
        "E0404",
        "架空线缆脱落",
        "架空线缆垂落、脱落危及行人车辆",
        "线缆归整、固定，无安全隐患",
        4,
        1,
        H,
        "power_supply",
    ),
    (
        "E0405",
        "树木倒伏",
        "树木、树枝倒伏阻碍通行或危及安全",
        "倒伏树木清理，通行恢复",
        4,
        1,
        H,
        "greening",
    ),
    (
        "E0406",
        "道路积水",
        "降雨后道路积水深度超过 15 厘米",
        "积水排除，通行恢复",
        4,
        1,
        H,
        "municipal",
    ),
    (
        "E0501",
        "占道经营",
        "在道路、人行道、桥梁等公共区域摆摊设点",
        "摊点清除或引导入市，恢复通行",
        4,
        2,
        H,
        "municipal",
    ),
    (
        "E0502",
        "店外经营",
        "沿街商户超出门窗外墙摆卖、作业",
        "经营退回店内，门前清洁",
        4,
        2,
        H,
        "municipal",
    ),
    (
        "E0503",
        "无照经营游商",
        "流动摊贩沿街叫卖、无照经营",
        "游商劝离或引导入市",
        4,
        2,
        H,
        "municipal",
    ),
    ("E0504", "露天烧烤", "在公共区域露天烧烤", "烧烤设施撤除，现场清洁", 2, 1, H, "sanitation"),
    (
        "E0505",
        "机动车乱停放",
        "机动车占用人行道、盲道停放",
        "车辆驶离或依法处理",
        4,
        2,
        H,
        "municipal",
    ),
    (
        "E0506",
        "非机动车乱停放",
        "共享单车、电动车无序停放阻碍通行",
        "车辆归整或清运",
        4,
        2,
        H,
        "municipal",
    ),
]

# Categories the public may not report through Open311 (internal inspection items).
NOT_PUBLIC = {"C0107", "C0404", "C0502", "C0603"}

# The demo area: a 20 × 15 lattice of square cells over the county seat (cell 0.004°).
WEST, SOUTH, STEP, COLS, ROWS = 111.46, 33.27, 0.004, 20, 15
# street code, street name, the responsible team's unit code, community names (2 × 3 blocks)
STREETS = [
    (
        "001",
        "白羽街道",
        "street1",
        ["白羽社区", "莲花社区", "五里桥社区", "城南社区", "北关社区", "东关社区"],
    ),
    (
        "002",
        "西坪镇",
        "town1",
        ["西坪社区", "东坪社区", "化山社区", "石井社区", "红石社区", "桑坪社区"],
    ),
]


def _limits(handle: int, urgent: int, unit: str) -> dict[str, object]:
    return {
        "handle_limit": handle,
        "urgent_handle_limit": min(urgent, handle),
        "handle_limit_unit": unit,
        "file_limit_hours": Decimal("1"),
        "dispatch_limit_hours": Decimal("1"),
        "verify_limit_hours": Decimal("2"),
        "close_limit_hours": Decimal("1"),
    }


def build_categories(ctx: DemoContext) -> None:
    assert ctx.bureau is not None
    existing = set(Category.objects.filter(bureau=ctx.bureau).values_list("code", flat=True))
    for code, name, filing, closing, handle, urgent, unit, default in CATEGORIES:
        if code in existing:
            continue
        kind = "component" if code[0] == "C" else "event"
        major = code[1:3]
        actions.save_category(
            actor=None,
            bureau=ctx.bureau,
            code=code,
            values={
                "name": name,
                "kind": kind,
                "major_code": major,
                "major_name": MAJORS[(kind, major)],
                "filing_condition": filing,
                "closing_condition": closing,
                "default_unit": ctx.unit(default),
                "public": code not in NOT_PUBLIC,
                **_limits(handle, urgent, unit),
            },
        )


def cell(col: int, row: int) -> dict[str, object]:
    x0, y0 = round(WEST + col * STEP, 6), round(SOUTH + row * STEP, 6)
    x1, y1 = round(x0 + STEP, 6), round(y0 + STEP, 6)
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


def grid_cells(division: str) -> list[dict[str, object]]:
    """Every demo cell with its SC-1 code: division + street + community + sequence."""
    out: list[dict[str, object]] = []
    half = COLS // len(STREETS)
    for s, (street_code, street_name, unit, communities) in enumerate(STREETS):
        seq: dict[int, int] = {}
        for row in range(ROWS):
            for col in range(s * half, (s + 1) * half):
                block = ((col - s * half) // 5) + 2 * (row // 5)
                seq[block] = seq.get(block, 0) + 1
                community_code = f"{block + 1:03d}"
                out.append(
                    {
                        "code": f"{division}{street_code}{community_code}{seq[block]:02d}",
                        "geometry": cell(col, row),
                        "street_code": street_code,
                        "street_name": street_name,
                        "community_code": community_code,
                        "community_name": communities[block],
                        "unit": unit,
                    }
                )
    return out


def build_grids(ctx: DemoContext) -> None:
    assert ctx.bureau is not None
    existing = set(Grid.objects.filter(bureau=ctx.bureau).values_list("code", flat=True))
    for spec in grid_cells(ctx.bureau.division_code):
        if spec["code"] in existing:
            continue
        actions.save_grid(
            actor=None,
            bureau=ctx.bureau,
            code=str(spec["code"]),
            geometry=spec["geometry"],  # type: ignore[arg-type]
            street_code=str(spec["street_code"]),
            street_name=str(spec["street_name"]),
            community_code=str(spec["community_code"]),
            community_name=str(spec["community_name"]),
            unit=ctx.unit(str(spec["unit"])),
        )


def build_routing(ctx: DemoContext) -> None:
    """Events 先属地后属主 (SC-2): street-order events go to the town team in its own area and to
    the brigade's first squad in the city; unauthorised building always to the squad."""
    assert ctx.bureau is not None
    if RoutingRule.objects.filter(bureau=ctx.bureau).exists():
        return
    rules: list[dict[str, object]] = [
        {
            "kind": "event",
            "major_code": "05",
            "street_code": "002",
            "unit": "town1",
            "priority": 10,
            "note": "西坪镇辖区街面秩序由镇综合执法队处置",
        },
        {
            "kind": "event",
            "major_code": "05",
            "unit": "squad1",
            "priority": 50,
            "note": "城区街面秩序由执法一中队处置",
        },
        {
            "category": "E0106",
            "street_code": "002",
            "unit": "town1",
            "priority": 10,
            "note": "西坪镇辖区私搭乱建由镇综合执法队处置",
        },
        {"category": "E0106", "unit": "squad1", "priority": 50, "note": "私搭乱建由执法一中队处置"},
    ]
    for spec in rules:
        category = None
        if "category" in spec:
            category = Category.objects.get(bureau=ctx.bureau, code=spec["category"])
        actions.save_routing_rule(
            actor=None,
            bureau=ctx.bureau,
            unit=ctx.unit(str(spec["unit"])),
            category=category,
            major_code=str(spec.get("major_code", "")),
            kind=str(spec.get("kind", "")),
            street_code=str(spec.get("street_code", "")),
            priority=int(str(spec["priority"])),
            note=str(spec["note"]),
        )


def open311_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def build_open311_key(ctx: DemoContext) -> None:
    assert ctx.bureau is not None
    digest = open311_digest(ctx.password)
    if not Open311Key.objects.filter(digest=digest).exists():
        Open311Key.objects.create(
            bureau=ctx.bureau, name="演示公众上报（密钥同演示密码）", digest=digest
        )


def build(ctx: DemoContext) -> None:
    if ctx.bureau is None:
        ctx.bureau = OrgUnit.objects.get(code="demo", kind=OrgUnit.Kind.BUREAU)
    build_categories(ctx)
    build_grids(ctx)
    build_routing(ctx)
    build_open311_key(ctx)
    try:
        with transaction.atomic():
            build_samples(ctx)
    except CalendarMissing as exc:
        # Sample cases are dated today; without next year's calendar their deadlines cannot be
        # computed, and the demo must not guess them.
        ctx.say(f"  未创建演示案件：{exc.message}")


SAMPLE_MARK = "【演示】"


def build_samples(ctx: DemoContext, mark: str = SAMPLE_MARK) -> None:
    """A few open cases in each step, so every role finds work in its 待办 right after `make run`."""
    if CityCase.objects.filter(bureau=ctx.bureau, description__startswith=mark).exists():
        return
    inspector, center, hotline = ctx.user("inspector"), ctx.user("center"), ctx.user("hotline")

    def new(category: str, text: str, lon: float, lat: float, **extra: Any) -> int:
        source = extra.pop("source", "inspection")
        actor = hotline if source != "inspection" else inspector
        case = actions.report(
            actor=actor,
            source=source,
            category=category,
            description=f"{mark}{text}",
            lon=lon,
            lat=lat,
            **extra,
        )
        return case.pk

    def through(
        case_id: int,
        *,
        unit: str | None = None,
        handled_by: str | None = None,
        verified: bool = False,
        reply: str = "",
    ) -> None:
        actions.file(actor=center, case_id=case_id)
        if unit is None:
            return
        actions.dispatch(actor=center, case_id=case_id, unit=unit)
        if handled_by is None:
            return
        actions.handle(actor=ctx.user(handled_by), case_id=case_id, result="已按要求处置完毕")
        if verified:
            actions.verify(actor=inspector, case_id=case_id, passed=True, note="现场核查已处置")
            if reply:
                actions.close(actor=hotline, case_id=case_id, reply=reply)

    new("E0101", "人民路与解放路口东南角暴露垃圾约两平方米", 111.481, 33.291)
    through(new("E0501", "步行街北口流动摊贩占道经营", 111.492, 33.301))
    through(new("E0103", "滨河路中段路面泥土污染", 111.503, 33.287), unit="sanitation")
    through(new("E0105", "人民公园西侧绿地内堆放杂物", 111.474, 33.312), unit="greening")
    through(
        new("E0108", "建设路人行道地砖松动破损", 111.517, 33.296),
        unit="municipal",
        handled_by="handler_municipal",
    )
    through(
        new("C0201", "文化路北段三盏路灯夜间不亮", 111.526, 33.305),
        unit="municipal",
        handled_by="handler_municipal",
        verified=True,
    )
    through(
        new(
            "E0110",
            "市民来电反映小区楼下烧烤店油烟扰民",
            111.488,
            33.318,
            source="hotline",
            requester_name="王先生",
            requester_phone="13800001234",
        ),
        unit="sanitation",
    )
    through(
        new(
            "E0102",
            "市民来电反映背街小巷积存垃圾多日未清",
            111.509,
            33.279,
            source="hotline",
            requester_name="李女士",
            requester_phone="13900005678",
        ),
        unit="sanitation",
        handled_by="handler_sanitation",
        verified=True,
        reply="已安排环卫人员清运，并纳入日常保洁巡查",
    )
