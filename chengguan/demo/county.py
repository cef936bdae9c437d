"""``chengguan demo --scale county``: a year of a county bureau shaped like the seed report.

Everything goes through the real actions except the ~55,000 city cases, which are written in bulk
(cases, their steps and one ledger entry per step, hash-chained exactly as ``ledger.record`` does),
because the closed loop's six actions per case would take far longer than the five minutes allowed.
``generate(ctx, scale)`` makes a smaller year for tests; ``build`` is the full county.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from chengguan.citycases import (
    deadlines,
    rollups,  # --- helper:rollups ---
)
from chengguan.citycases.models import CaseStep, Category, CityCase, Grid
from chengguan.core.clock import SHANGHAI, frozen_at
from chengguan.core.errors import ChengguanError
from chengguan.core.models import Counter
from chengguan.core.pii import id_check_char, phone_index, uscc_check_char
from chengguan.core.workdays import add_workdays, is_workday
from chengguan.demo import county_inspections  # --- helper:insp-web ---
from chengguan.demo.context import DemoContext
from chengguan.disclosure import actions as disclosure
from chengguan.disclosure.models import Publication
from chengguan.governance import actions as gov
from chengguan.governance.models import LawPost
from chengguan.law import actions as law_actions
from chengguan.law.models import ExemptionItem, PowerItem
from chengguan.ledger.actions import BulkRecorder, record
from chengguan.org import actions as org_actions
from chengguan.org.models import OrgUnit, RoleAssignment, Staff
from chengguan.org.roles import Role
from chengguan.oversight import actions as ov
from chengguan.oversight.models import Inspection
from chengguan.penalties import actions as pa
from chengguan.penalties.models import PenaltyCase

# The seed report's figures (xixia-2024-rule-of-law-report.txt) at scale 1.
SEED = {
    "citycases": 55401,
    "not_disposed": 400,
    "rejected": 150,
    "hotline": 384,
    "petition": 24,
    "letter_visit": 16,
    "efficiency_complaint": 6,
    "general": 27,
    "simple": 32,
    "discussions": 5,
    "published_simple": 10,
    "posts": 682,
    "party_group_studies": 6,
    "leaders_studies": 10,
    "meetings": 4,
    "legislative_inputs": 8,
    "findings": 28,
    "certified": 142,
    "staff": 200,
    "cancel_left_post": 3,
    "cancel_retired": 4,
    "new_certs": 6,
    "delegated_towns": 38,
    "delegated_streets": 34,
    "exemptions": 23,
}
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建华文辉玉兰志强金凤海燕红梅国庆春生晓东"
)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


class Progress:
    """A one-line progress bar on the terminal (a line per 10 % when output is not a terminal)."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, max(total, 1), 0
        self.started = time.perf_counter()
        self.tty = sys.stderr.isatty()
        self._last_decile = -1

    def advance(self, n: int = 1) -> None:
        self.done += n
        share = min(self.done / self.total, 1.0)
        if self.tty:
            bar = "█" * int(share * 30) + "·" * (30 - int(share * 30))
            sys.stderr.write(
                f"\r  {self.label} [{bar}] {self.done}/{self.total} "
                f"{time.perf_counter() - self.started:5.1f}s"
            )
            if self.done >= self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()
        elif int(share * 10) > self._last_decile:
            self._last_decile = int(share * 10)
            sys.stderr.write(f"  {self.label} {int(share * 100)}% ({self.done}/{self.total})\n")


def at(day: dt.date, hour: int = 10, minute: int = 0) -> Any:
    return frozen_at(dt.datetime.combine(day, dt.time(hour, minute), SHANGHAI))


def workdays(year: int) -> list[dt.date]:
    day, out = dt.date(year, 1, 1), []
    while day.year == year:
        if is_workday(day):
            out.append(day)
        day += dt.timedelta(days=1)
    return out


@dataclass
class Year:
    ctx: DemoContext
    scale: float
    rng: random.Random
    days: list[dt.date]

    def n(self, key: str, minimum: int = 1) -> int:
        return max(minimum, round(SEED[key] * self.scale))

    @property
    def bureau(self) -> OrgUnit:
        assert self.ctx.bureau is not None
        return self.ctx.bureau

    def user(self, username: str) -> Staff:
        return self.ctx.user(username)

    def day_in(self, month_from: int = 1, month_to: int = 12) -> dt.date:
        pool = [d for d in self.days if month_from <= d.month <= month_to]
        return self.rng.choice(pool)


# Organisation: town and street teams, the staff of a county bureau, certificate changes ------------

TOWNS = [
    ("town2", "回车镇综合行政执法队", OrgUnit.Kind.TOWN),
    ("town3", "五里桥镇综合行政执法队", OrgUnit.Kind.TOWN),
    ("street2", "莲花街道综合行政执法队", OrgUnit.Kind.STREET),
    ("street3", "紫金街道综合行政执法队", OrgUnit.Kind.STREET),
]
STAFF_UNITS = [
    "squad1",
    "squad2",
    "brigade",
    "town1",
    "town2",
    "town3",
    "street1",
    "street2",
    "street3",
    "center",
    "sanitation",
    "greening",
    "municipal",
    "legal",
    "supervision",
]
ENFORCEMENT_UNITS = {
    "squad1",
    "squad2",
    "brigade",
    "town1",
    "town2",
    "town3",
    "street1",
    "street2",
    "street3",
    "legal",
    "supervision",
}


def build_units(y: Year) -> None:
    for code, name, kind in TOWNS:
        unit = OrgUnit.objects.filter(bureau=y.bureau, code=code).first()
        if unit is None:
            unit = org_actions.create_unit(
                actor=None, bureau=y.bureau, parent=y.bureau, code=code, name=name, kind=kind
            )
        y.ctx.units[code] = unit


def _bulk_staff(y: Year, username: str, full_name: str, unit: OrgUnit) -> Staff:
    """A county staff member without a login (unusable password: hashing 200 real passwords would
    cost minutes); the same ledger entry as ``org.actions.create_staff``."""
    with transaction.atomic():
        staff = Staff(
            username=username,
            bureau=y.bureau,
            unit=unit,
            full_name=full_name,
            is_staff=False,
        )
        staff.set_unusable_password()
        staff.save()
        RoleAssignment.objects.create(staff=staff, role=Role.OFFICER, unit=unit)
        record(
            None,
            "org.staff.create",
            staff,
            {"username": username, "unit": unit.code, "roles": [Role.OFFICER]},
            bureau_id=unit.bureau_id,
        )
    return staff


def build_staff(y: Year) -> list[Staff]:
    """About 200 staff; 142 certified officers at the year's end (the demo users included), six
    certificates issued this year, three cancelled for leaving the post and four for retirement
    or transfer."""
    existing = list(Staff.objects.filter(bureau=y.bureau, username__startswith="cg").order_by("id"))
    if existing:
        return existing
    admin = y.user("admin")
    demo_certified = Staff.objects.filter(bureau=y.bureau, certificates__isnull=False).distinct()
    want_certified = max(0, y.n("certified") - demo_certified.count())
    cancelled = y.n("cancel_left_post", 0) + y.n("cancel_retired", 0)
    total = max(
        y.n("staff") - Staff.objects.filter(bureau=y.bureau).count(), want_certified + cancelled + 2
    )
    progress = Progress("人员与执法证", total)
    people: list[Staff] = []
    year = y.ctx.year
    new_certs = y.n("new_certs", 0)
    for i in range(total):
        unit_code = STAFF_UNITS[i % len(STAFF_UNITS)]
        person = _bulk_staff(y, f"cg{i + 1:03d}", _name(y.rng), y.ctx.unit(unit_code))
        people.append(person)
        certified = i < want_certified + cancelled
        if certified:
            issued = (
                y.day_in(3, 10)
                if i < new_certs
                else dt.date(year - y.rng.randint(1, 4), y.rng.randint(1, 12), 1)
            )
            with at(issued):
                cert = org_actions.issue_certificate(
                    actor=admin,
                    holder=person,
                    number=f"豫行执{y.bureau.division_code}C{i + 1:04d}",
                    kind="行政执法证",
                    issued_on=issued,
                    expires_on=issued.replace(year=issued.year + 5),
                    issuer=f"{y.bureau.name[:3]}人民政府",
                )
            if i >= want_certified:
                reason = (
                    "left_post"
                    if i - want_certified < y.n("cancel_left_post", 0)
                    else y.rng.choice(["retired", "transferred"])
                )
                with at(y.day_in(4, 11), 15):
                    org_actions.cancel_certificate(
                        actor=admin,
                        certificate_id=cert.pk,
                        reason=reason,
                        reason_text={
                            "left_post": "调离执法岗位",
                            "retired": "退休",
                            "transferred": "工作调整至非执法岗位",
                        }[reason],
                    )
        progress.advance()
    return people


# Law: powers delegated to towns and streets, the exemption list ------------------------------------

EXTRA_POWERS = [
    ("市容环境卫生", "城市容貌标准", "在城市建筑物、设施以及树木上涂写、刻画"),
    ("市容环境卫生", "城市容貌标准", "未经批准擅自在街道两侧和公共场地堆放物料"),
    ("市容环境卫生", "城市容貌标准", "未经批准擅自设置大型户外广告"),
    ("市容环境卫生", "城市容貌标准", "临街建筑物阳台外、窗外、屋顶吊挂或者堆放有碍市容的物品"),
    ("市容环境卫生", "环境卫生", "饲养家畜家禽影响市容和环境卫生"),
    ("市容环境卫生", "环境卫生", "从事车辆清洗或者维修作业造成环境污染"),
    ("市容环境卫生", "环境卫生", "未按规定时间、地点倾倒生活垃圾"),
    ("市容环境卫生", "环境卫生", "运输液体、散装货物不作密封、包扎、覆盖造成泄漏、遗撒"),
    ("市容环境卫生", "环境卫生", "擅自拆除、迁移、改建、停用环境卫生设施"),
    ("市容环境卫生", "环境卫生", "不履行卫生责任区清扫保洁义务"),
    ("市容环境卫生", "建筑垃圾", "随意倾倒、抛撒或者堆放建筑垃圾"),
    ("市容环境卫生", "建筑垃圾", "未经核准擅自处置建筑垃圾"),
    ("市容环境卫生", "建筑垃圾", "施工单位未及时清运工程施工过程中产生的建筑垃圾"),
    ("园林绿化", "城市绿化", "擅自修剪或者砍伐城市树木"),
    ("园林绿化", "城市绿化", "在城市绿地内擅自设置广告、搭建建筑物"),
    ("园林绿化", "城市绿化", "在树木上钉钉、拴绳、晾晒衣物"),
    ("市政设施", "城市道路", "在城市道路上擅自搭建建筑物、构筑物"),
    ("市政设施", "城市道路", "机动车在桥梁或者非指定的城市道路上试刹车"),
    ("市政设施", "城市道路", "在道路上拌和混凝土、沥青、石灰等"),
    ("市政设施", "城市照明", "擅自在城市照明设施上架设线缆、安置其他设施"),
    ("市政设施", "城市供水", "擅自在公共供水管道上接管用水"),
    ("市政设施", "城市排水", "向城镇排水设施倾倒垃圾、渣土、施工泥浆"),
    ("环境保护", "大气污染防治", "露天焚烧垃圾等产生有毒有害烟尘的物质"),
    ("环境保护", "噪声污染防治", "夜间在噪声敏感建筑物集中区域进行产生噪声的建筑施工作业"),
    ("环境保护", "噪声污染防治", "商业经营活动中使用高音广播喇叭招揽顾客"),
    ("环境保护", "大气污染防治", "在居民住宅楼内新建产生油烟的餐饮服务项目"),
    ("城乡规划", "城乡规划", "临时建筑物、构筑物超过批准期限不拆除"),
    ("城乡规划", "城乡规划", "在城镇规划区内违法建设尚可采取改正措施消除影响"),
    ("燃气管理", "城镇燃气", "在燃气设施保护范围内从事危害燃气设施安全的活动"),
    ("燃气管理", "城镇燃气", "擅自操作公用燃气阀门"),
    ("物业与房屋", "物业管理", "擅自改变物业管理区域内按照规划建设的公共建筑和共用设施用途"),
    ("物业与房屋", "物业管理", "擅自占用、挖掘物业管理区域内道路、场地"),
    ("户外广告", "户外广告设施", "户外广告设施陈旧、破损未及时维修更新"),
    ("户外广告", "户外广告设施", "擅自设置门头牌匾、店招标识"),
]
BASES = {
    "城市容貌标准": "《城市市容和环境卫生管理条例》",
    "环境卫生": "《城市市容和环境卫生管理条例》",
    "建筑垃圾": "《城市建筑垃圾管理规定》",
    "城市绿化": "《城市绿化条例》",
    "城市道路": "《城市道路管理条例》",
    "城市照明": "《城市照明管理规定》",
    "城市供水": "《城市供水条例》",
    "城市排水": "《城镇排水与污水处理条例》",
    "大气污染防治": "《中华人民共和国大气污染防治法》",
    "噪声污染防治": "《中华人民共和国噪声污染防治法》",
    "城乡规划": "《中华人民共和国城乡规划法》",
    "城镇燃气": "《城镇燃气管理条例》",
    "物业管理": "《物业管理条例》",
    "户外广告设施": "《河南省城市市容和环境卫生管理条例》",
}


def build_law(y: Year) -> None:
    reviewer = y.user("reviewer")
    towns = [u for u in y.ctx.units.values() if u.kind == OrgUnit.Kind.TOWN]
    streets = [u for u in y.ctx.units.values() if u.kind == OrgUnit.Kind.STREET]
    active = PowerItem.objects.filter(bureau=y.bureau, active=True)
    have_towns = active.filter(delegated_to__kind=OrgUnit.Kind.TOWN).distinct().count()
    have_streets = active.filter(delegated_to__kind=OrgUnit.Kind.STREET).distinct().count()
    need_streets = max(0, y.n("delegated_streets") - have_streets)
    need_towns = max(0, y.n("delegated_towns") - have_towns)
    published = dt.date(y.ctx.year - 1, 12, 1)
    for n, (domain_label, basis_key, name) in enumerate(
        EXTRA_POWERS[: max(need_streets, need_towns)]
    ):
        code = f"XZ{n + 1:03d}"
        if active.filter(code=code).exists():
            continue
        units = (streets if n < need_streets else []) + (towns if n < need_towns else [])
        law_actions.create_power_item(
            actor=reviewer,
            code=code,
            name=name,
            domain="sanitation" if "环境" in domain_label else "municipal",
            legal_basis=f"{BASES[basis_key]}相关条款",
            penalty_types=["warning", "fine"],
            fine_min=50,
            fine_max=5000,
            delegated_to=units,
            fine_note=f"{domain_label}领域下放镇（街）实施的事项",
        )
    need = max(
        0, y.n("exemptions") - ExemptionItem.objects.filter(bureau=y.bureau, active=True).count()
    )
    items = list(active.order_by("code"))
    for n in range(need):
        item = items[n % len(items)]
        law_actions.create_exemption(
            actor=reviewer,
            code=f"MFX{n + 1:02d}",
            power_item=item,
            kind="first",
            conditions=f"首次实施“{item.name[:30]}”违法行为，危害后果轻微并及时改正",
            correction_days=3,
            published_on=published,
        )


# Governance registers -----------------------------------------------------------------------------

STUDY_TOPICS = [
    "习近平法治思想",
    "《中华人民共和国行政处罚法》",
    "《中华人民共和国行政复议法》（2023年修订）",
    "《城市管理执法行为规范》",
    "《优化营商环境条例》",
    "《河南省城市市容和环境卫生管理条例》",
    "《信访工作条例》",
    "《中华人民共和国民法典》相关条款",
    "《法治政府建设实施纲要（2021—2025年）》",
    "《提升行政执法质量三年行动计划（2023—2025年）》",
]
POST_TOPICS = [
    "占道经营整治",
    "垃圾分类",
    "违法建设查处",
    "户外广告设置规范",
    "餐饮油烟治理",
    "建筑垃圾运输",
    "瓜果季便民摊点",
    "文明养犬",
    "露天烧烤整治",
    "典型案例",
    "城市绿化保护",
    "燃气安全",
    "“721”工作法",
    "执法进社区",
    "免罚清单解读",
]


def build_governance(y: Year) -> None:
    if LawPost.objects.filter(bureau=y.bureau, published_on__year=y.ctx.year).exists():
        return
    head, reviewer, admin = y.user("head"), y.user("reviewer"), y.user("admin")
    posts = y.n("posts")
    progress = Progress("法治建设台账", posts + 60)
    for n in range(y.n("party_group_studies")):
        gov.record_meeting(
            actor=head,
            kind="party_group_study",
            topic=f"专题学习{STUDY_TOPICS[n % 10]}",
            held_on=y.day_in(1 + 2 * n % 12, 1 + 2 * n % 12),
            chair="局党组书记",
            attendees=9,
        )
    for n in range(y.n("leaders_studies")):
        gov.record_meeting(
            actor=head,
            kind="leaders_study",
            topic=f"集体学习{STUDY_TOPICS[-1 - n % 10]}",
            held_on=y.day_in(1 + n % 12, 1 + n % 12),
            chair="局长",
            attendees=12,
        )
    for n in range(y.n("meetings")):
        gov.record_meeting(
            actor=head,
            kind="rule_of_law_meeting",
            topic=f"第{n + 1}季度法治建设工作会议",
            held_on=y.day_in(3 * n + 1, 3 * n + 3),
            chair="局长",
            attendees=25,
        )
    gov.record_meeting(
        actor=head,
        kind="report_on_law",
        topic="领导班子成员年度述法",
        held_on=y.day_in(12, 12),
        chair="局长",
        attendees=30,
    )
    progress.advance(21)
    officers = list(Staff.objects.filter(bureau=y.bureau, roles__role=Role.OFFICER).distinct())
    gov.record_training(
        actor=reviewer,
        kind="annual_study",
        title="法治政府建设年度学法",
        held_on=y.day_in(3, 3),
        participants=[{"staff": s} for s in officers[:60]],
    )
    gov.record_training(
        actor=reviewer,
        kind="practice",
        title="行政执法及案件办理实务培训会",
        held_on=y.day_in(4, 4),
        participants=[{"staff": s} for s in officers[:80]],
    )
    gov.record_training(
        actor=reviewer,
        kind="documents",
        title="行政执法案件文书制作培训",
        held_on=y.day_in(6, 6),
        participants=[{"staff": s} for s in officers[:40]],
    )
    teams = [u for u in y.ctx.units.values() if u.kind in (OrgUnit.Kind.TOWN, OrgUnit.Kind.STREET)]
    per_team_training = max(1, round(230 * y.scale / max(len(teams), 1))) if y.scale < 1 else 38
    per_team_guidance = max(1, round(104 * y.scale / max(len(teams), 1))) if y.scale < 1 else 18
    for team in teams:
        short = team.name.replace("综合行政执法队", "")
        gov.record_training(
            actor=reviewer,
            kind="town_training",
            title=f"{short}执法专项法治培训",
            held_on=y.day_in(5, 9),
            location=short,
            target_unit=team,
            participants=[
                {"name": _name(y.rng), "unit_name": team.name} for _ in range(per_team_training)
            ],
        )
        gov.record_training(
            actor=reviewer,
            kind="guidance",
            title=f"{short}帮扶与业务指导",
            held_on=y.day_in(5, 11),
            location=short,
            target_unit=team,
            participants=[
                {"name": _name(y.rng), "unit_name": team.name} for _ in range(per_team_guidance)
            ],
        )
    for half, (m1, m2) in enumerate(((6, 6), (12, 12))):
        gov.record_training(
            actor=reviewer,
            kind="exam",
            title=f"{'上' if half == 0 else '下'}半年执法人员考法测验",
            held_on=y.day_in(m1, m2),
            pass_mark=60,
            participants=[
                {"staff": s, "score": min(100, max(40, round(y.rng.gauss(82, 9))))}
                for s in officers
            ],
        )
    progress.advance(20)
    for n in range(y.n("legislative_inputs")):
        gov.record_legislative_input(
            actor=reviewer,
            requested_by="市城市管理局",
            subject=[
                "《城市管理执法行为规范》修订",
                "行政处罚裁量基准修改",
                "《城市市容和环境卫生管理条例》修订",
                "建筑垃圾管理办法（征求意见稿）",
                "户外广告设置规划",
                "餐饮油烟管理规定",
                "城市道路占用挖掘管理办法",
                "城市管理领域免罚清单",
            ][n % 8],
            submitted_on=y.day_in(2 + n, 2 + n),
        )
    doc = gov.register_normative_document(
        actor=reviewer,
        drafted_on=y.day_in(4, 4),
        title=f"{y.bureau.name[:3]}城管局瓜果季便民临时摊点管理规定",
    )
    gov.review_normative_document(
        actor=reviewer,
        document_id=doc.pk,
        reviewed_on=y.day_in(5, 5),
        opinion="制定主体合法，内容不违反上位法，程序符合规定",
    )
    gov.issue_normative_document(
        actor=head,
        document_id=doc.pk,
        issued_on=y.day_in(5, 5),
        doc_number=f"{y.bureau.short_name}〔{y.ctx.year}〕3号",
    )
    gov.file_normative_document(
        actor=reviewer, document_id=doc.pk, filed_on=y.day_in(6, 6), filed_with="县司法局"
    )
    for title in ("城区瓜果季便民临时摊点布局", "城区户外广告设施设置规划"):
        row = gov.add_major_decision(actor=head, year=y.ctx.year, title=title)
        gov.decide_major_decision(
            actor=head,
            decision_id=row.pk,
            decided_on=y.day_in(5, 8),
            steps=[
                "public_participation",
                "risk_assessment",
                "legality_review",
                "collective_decision",
            ],
        )
    progress.advance(19)
    # 普法 posts: mostly the WeChat account, then Douyin; audience about 100,000 in all.
    for n in range(posts):
        channel = "wechat" if n % 9 < 7 else ("douyin" if n % 9 < 9 - 1 else "website")
        gov.record_post(
            actor=admin,
            channel=channel,
            title=f"{POST_TOPICS[n % len(POST_TOPICS)]}（{n + 1}）",
            published_on=y.day_in(),
            audience=y.rng.randint(60, 260),
        )
        progress.advance()
    for n in range(5):
        gov.record_post(
            actor=admin,
            channel="campaign",
            title=f"“五进”宣传活动第{n + 1}场",
            published_on=y.day_in(3, 11),
            audience=y.rng.randint(100, 400),
        )


# Penalty cases, their publication, reviews of files ---------------------------------------------

PERSON_ITEMS = [
    ("SZ001", "在{street}东段占道经营水果摊，占道约{m}平方米"),
    ("SR005", "在{street}随意倾倒生活垃圾约{m}袋"),
    ("HB002", "在{street}夜市露天烧烤，未采取油烟净化措施"),
    ("YL004", "在{street}绿化带内停放三轮车，损坏绿篱约{m}米"),
]
ORG_ITEMS = [
    ("HB006", "渣土运输车辆未密闭运输，沿{street}遗撒约{m}米"),
    ("HB005", "在{street}施工工地未采取覆盖等扬尘污染防治措施"),
    ("SZ002", "未经批准在{street}挖掘城市道路约{m}平方米"),
]
STREETS = ["人民路", "解放路", "白羽路", "莲花路", "紫金大道", "灌河路", "建设路", "滨河路"]


def _party(y: Year, n: int, organisation: bool) -> dict[str, Any]:
    if organisation:
        body = f"91{y.bureau.division_code}MA4{n:04d}X0"[:17]
        return {
            "kind": "organisation",
            "name": f"{y.bureau.name[:3]}{_name(y.rng)[:2]}建筑工程有限公司",
            "credit_code": body + uscc_check_char(body),
            "legal_representative": _name(y.rng),
            "address": f"{y.rng.choice(STREETS)}18号",
        }
    birth = dt.date(y.rng.randint(1960, 2000), y.rng.randint(1, 12), y.rng.randint(1, 28))
    base = f"{y.bureau.division_code}{birth:%Y%m%d}{n % 1000:03d}"
    return {
        "kind": "person",
        "name": _name(y.rng),
        "id_number": base + id_check_char(base),
        "phone": f"13{y.rng.randint(100000000, 999999999)}",
        "address": f"{y.rng.choice(STREETS)}{y.rng.randint(1, 200)}号",
    }


def _fine(item: Any, level: str, person: bool, simple: bool) -> Decimal:
    lo, hi = Decimal(item.fine_min or 0), Decimal(item.fine_max or 20000)
    a = lo + (hi - lo) * Decimal("0.3")
    if simple:
        cap = min(Decimal(200) if person else Decimal(3000), a)
        return max(lo, Decimal(random.choice([50, 100, 100, 150, 200, 200])).min(cap))
    low, high = (lo, a) if level == "lighter" else (a, lo + (hi - lo) * Decimal("0.7"))
    amount = low + (high - low) * Decimal(str(0.2 + 0.6 * random.random()))
    step = Decimal(100) if high - low >= 1000 else Decimal(10)
    amount = (amount / step).quantize(Decimal(1)) * step
    return min(high, max(low, step, amount))


def build_penalties(y: Year) -> list[Any]:
    # Top up to the seed's counts: the penalty demo may already have decided cases this year.
    existing = list(
        PenaltyCase.objects.filter(
            bureau=y.bureau, decided_on__year=y.ctx.year, decision_kind="penalty"
        ).order_by("decided_on", "id")
    )
    n_general = max(0, y.n("general") - sum(c.procedure == "general" for c in existing))
    n_simple = max(0, y.n("simple") - sum(c.procedure == "simple" for c in existing))
    if not n_general and not n_simple:
        return existing
    officer, head, reviewer = y.user("officer1"), y.user("head"), y.user("reviewer")
    items = {i.code: i for i in PowerItem.objects.filter(bureau=y.bureau)}
    progress = Progress("行政处罚案件", n_general + n_simple)
    cases: list[Any] = list(existing)
    discussed = y.n("discussions", 0)
    starts = sorted(y.day_in(1, 11) for _ in range(n_general))
    for n, start in enumerate(starts):
        organisation = n % 3 == 0
        code, facts = (ORG_ITEMS if organisation else PERSON_ITEMS)[n % (3 if organisation else 4)]
        item = items[code]
        level = "lighter" if n % 2 else "general"
        fine = _fine(item, level, not organisation, simple=False)
        if n >= discussed and not organisation:
            # XF-63/XF-57: a fine with a hearing right goes to collective discussion; only the
            # discussed cases reach that amount.
            fine = min(fine, Decimal(9000))
        text = facts.format(street=y.rng.choice(STREETS), m=y.rng.randint(2, 30))
        proposal = {
            "penalty_types": ["fine"],
            "fine_amount": str(fine),
            "level": level,
            "grounds": [],
            "correction": "责令立即改正违法行为，恢复原状",
        }
        steps = [d for d in y.days if d >= start][:14]
        with at(steps[0], 9):
            case = pa.open_case(
                actor=officer,
                procedure="general",
                power_item=code,
                party=_party(y, n, organisation),
                facts=f"当事人{text}",
                act_date=steps[0],
                discovered_date=steps[0],
                officers=["officer1", "officer2"],
            )
            pa.register(case.pk, actor=head)
        with at(steps[1]):
            pa.add_evidence(
                case.pk,
                actor=officer,
                kind="inspection_record",
                description="现场检查笔录一份，现场照片6张",
                certificates_shown=["officer1", "officer2"],
            )
            pa.add_evidence(
                case.pk,
                actor=officer,
                kind="statement",
                description="询问笔录一份",
                certificates_shown=["officer1", "officer2"],
            )
        with at(steps[2]):
            pa.conclude(case.pk, actor=officer, outcome="penalty", proposal=proposal)
        with at(steps[3]):
            pa.notify(case.pk, actor=officer, served_on=steps[3])
        with at(steps[4]):
            # XF-62: the waiver is written, witnessed by the two officers of the case.
            pa.waive(
                case.pk,
                actor=officer,
                record="当事人书面表示放弃陈述、申辩和要求听证的权利",
                witnessed_by=["officer1", "officer2"],
            )
        with at(steps[5]):
            pa.review(
                case.pk,
                actor=reviewer,
                approved=True,
                opinion="主体合法，事实清楚，证据确凿，程序合法，适用依据正确，裁量适当",
            )
            if n < discussed:
                pa.discuss(
                    case.pk,
                    actor=head,
                    participants=["head", "deputy1", "deputy2"],
                    minutes="听取承办人汇报和法制审核意见后讨论",
                    conclusion="同意拟处罚意见",
                )
        with at(steps[6]):
            pa.decide(case.pk, actor=head, decision=proposal)
            pa.serve(case.pk, actor=officer, served_on=steps[6], method="direct")
        with at(steps[9]):
            pa.pay(
                case.pk,
                actor=officer,
                amount=str(fine),
                paid_on=steps[9],
                channel="bank",
                receipt_no=f"FS{y.ctx.year}{n:05d}",
                voucher_no=f"YH{y.ctx.year}{n:06d}",
            )
        with at(steps[11]):
            case = pa.close(case.pk, actor=head)
        cases.append(case)
        progress.advance()
    for n in range(n_simple):
        day = y.day_in()
        organisation = n % 8 == 0
        code = "SZ001" if not organisation else "SZ002"
        item = items[code]
        fine = _fine(item, "lighter", not organisation, simple=True)
        decision = {
            "penalty_types": ["fine"],
            "fine_amount": str(fine),
            "level": "lighter",
            "grounds": [],
            "correction": "责令立即改正，清理占道物品",
        }
        with at(day, 10):
            case = pa.open_case(
                actor=officer,
                procedure="simple",
                power_item=code,
                party=_party(y, 500 + n, organisation),
                facts=f"当事人在{y.rng.choice(STREETS)}占道经营，经劝导后仍未改正",
                act_date=day,
                discovered_date=day,
                officers=["officer1", "officer2"],
                decision=decision,
            )
            pa.serve(
                case.pk,
                actor=officer,
                served_on=day,
                method="direct",
                certificates_shown=["officer1", "officer2"],
            )
            pa.file_onsite(case.pk, actor=reviewer)
        cases.append(case)
        progress.advance()
    return cases


def build_disclosure(y: Year, cases: list[Any]) -> None:
    reviewer = y.user("reviewer")
    general = [c for c in cases if c.procedure == "general"]
    simple = [c for c in cases if c.procedure == "simple"][: y.n("published_simple", 0)]
    for n, case in enumerate(general + simple):
        if Publication.objects.filter(penalty_case=case).exists():
            continue
        # Most within the 7 working days of SZ-3; a few late, as real years have.
        delay = 2 + n % 4 if n % 13 else 9
        day = add_workdays(case.decided_on, delay)
        with at(day, 16):
            disclosure.publish_decision(actor=reviewer, case_id=case.pk, on=day)


INSPECTIONS = [  # (organiser, kind, title, month, ranking, findings)
    ("city", "special_check", "市局城市管理执法专项检查", 4, "全市第二名", 2),
    ("city", "supervision", "市局行政执法监督", 9, "全市前列", 1),
    ("city", "file_review", "市局行政执法文书查评（上半年）", 7, "全市第三名", 1),
    ("city", "file_review", "市局行政执法文书查评（下半年）", 12, "全市第二名", 1),
    ("county", "evaluation", "县法治政府建设考评", 12, "优秀", 1),
    ("county", "supervision", "县司法局行政执法监督（上半年）", 6, "", 1),
    ("county", "supervision", "县司法局行政执法监督（下半年）", 11, "", 1),
    ("county", "file_review", "县行政执法案卷评查（上半年）", 7, "良好", 1),
    ("county", "file_review", "县行政执法案卷评查（下半年）", 12, "优秀", 1),
    ("self", "file_review", "第一季度案卷自评", 4, "", 2),
    ("self", "file_review", "第二、三季度案卷自评", 9, "", 2),
    ("self", "file_review", "第四季度案卷自评", 12, "", 2),
    ("self", "supervision", "执法全过程记录专项监督", 5, "", 3),
    ("self", "guidance", "检查指导乡镇（街道）综合执法工作", 8, "", 2),
    ("self", "special_check", "占道经营执法专项检查", 3, "", 2),
    ("self", "special_check", "建筑垃圾运输执法专项检查", 10, "", 2),
    ("self", "campaign", "行政执法突出问题专项整治", 6, "", 2),
    ("self", "campaign", "“乱罚款、乱收费”问题自查整治", 11, "", 1),
]
FINDINGS = [
    "个别询问笔录未载明执法证件号码",
    "部分案卷现场照片未注明拍摄时间、地点",
    "送达回证填写不规范",
    "裁量理由说明不充分",
    "案卷目录与卷内文书顺序不一致",
    "执法记录仪音像资料未及时归档",
    "个别决定书未写明复议机关",
    "事先告知书送达日期填写错误",
    "执法人员着装不规范",
    "乡镇执法队执法文书使用旧版本",
]


def build_oversight(y: Year, cases: list[Any]) -> None:
    if Inspection.objects.filter(bureau=y.bureau, started_on__year=y.ctx.year).exists():
        return
    sup = y.user("supervisor")
    plan = INSPECTIONS if y.scale >= 1 else INSPECTIONS[:: max(1, round(1 / max(y.scale, 0.05)))]
    total_findings = sum(p[5] for p in plan)
    target = y.n("findings")
    progress = Progress("执法监督", len(plan))
    made = 0
    general = [c for c in cases if c.procedure == "general"]
    for i, (organiser, kind, title, month, ranking, findings) in enumerate(plan):
        start = y.day_in(month, month)
        with at(start):
            insp = ov.open_inspection(
                actor=sup, kind=kind, organiser=organiser, title=title, started_on=start
            )
        if kind == "file_review" and organiser == "self":
            for case in general[i % 3 :: 9][:3]:
                if case.decided_on and case.decided_on <= start:
                    with at(start):
                        review = ov.start_file_review(
                            actor=sup, penalty_case_id=case.pk, inspection_id=insp.pk, on=start
                        )
                        ov.finalise_file_review(
                            actor=sup,
                            review_id=review.pk,
                            vetoes=[],
                            on=start,
                            deductions=[
                                {"part": "form", "item": "卷内文书排列顺序不规范", "points": 1}
                            ],
                        )
        count = findings if i < len(plan) - 1 else max(0, target - made)
        if total_findings != target and i == len(plan) - 1:
            count = max(0, target - made)
        with at(start, 15):
            for k in range(count):
                finding = ov.record_finding(
                    actor=sup,
                    inspection_id=insp.pk,
                    found_on=start,
                    description=FINDINGS[(made + k) % len(FINDINGS)],
                )
                due = add_workdays(start, 15)
                unit = y.ctx.unit(["squad1", "squad2", "town1", "street1"][(made + k) % 4])
                task = ov.assign_rectification(
                    actor=sup,
                    finding_id=finding.pk,
                    unit=unit,
                    measure="立即整改并举一反三开展自查",
                    due_on=due,
                )
                ov.close_rectification(
                    actor=sup,
                    task_id=task.pk,
                    closed_on=add_workdays(start, 10),
                    note="已整改到位，相关人员已学习",
                )
        made += count
        end = add_workdays(start, 3)
        with at(end):
            ov.close_inspection(
                actor=sup,
                inspection_id=insp.pk,
                ended_on=end,
                result="总体规范，发现问题已督促整改",
                ranking=ranking,
            )
        progress.advance()
    for n, content in enumerate(
        ("反映执法人员在人民路劝导占道经营时态度生硬", "反映渣土车查处未出示执法证件")
    ):
        day = y.day_in(5 + n * 3, 5 + n * 3)
        c = ov.receive_complaint(
            actor=sup,
            received_on=day,
            channel="phone",
            content=content,
            complainant=_name(y.rng),
            phone=f"139{y.rng.randint(10**7, 10**8 - 1)}",
            against_unit=y.ctx.unit("squad1"),
        )
        ov.close_complaint(
            actor=sup,
            complaint_id=c.pk,
            closed_on=add_workdays(day, 10),
            substantiated=n == 0,
            result="已调查核实并答复投诉人，对相关人员批评教育",
        )


# City cases in bulk ---------------------------------------------------------------------------------

# Weights by 小类 name: everyday street matters dominate a county's 数字城管 year.
EVERYDAY = {
    "暴露垃圾": 18,
    "道路不洁": 12,
    "占道经营": 14,
    "店外经营": 12,
    "乱张贴": 9,
    "乱堆物料": 7,
    "井盖": 3,
    "路灯": 3,
    "绿地脏乱": 4,
    "施工扬尘": 2,
    "渣土": 2,
    "户外广告": 2,
    "私搭乱建": 1,
    "非机动车乱停": 6,
    "机动车乱停": 4,
    "积存垃圾": 5,
}
MONTH_WEIGHT = [0.78, 0.7, 0.95, 1.0, 1.08, 1.12, 1.18, 1.2, 1.06, 0.96, 0.98, 0.99]
RETURN_REASONS = [
    "不属于本单位职责，应由属地乡镇（街道）处置",
    "问题位置有误，请核实后重新派遣",
    "该设施产权属其他单位",
]
REWORK_NOTES = ["现场仍有垃圾残留", "摊点已撤但地面未清洗", "张贴物未清理干净"]


@dataclass
class _Event:
    at: dt.datetime
    action: str
    actor: Staff | None
    before: str
    after: str
    note: str = ""
    unit: OrgUnit | None = None
    due: dt.datetime | None = None
    on_time: bool | None = None
    payload: dict[str, Any] | None = None


STEP_FIELDS = [
    "case_id",
    "at",
    "actor_id",
    "actor_name",
    "action",
    "from_status",
    "to_status",
    "note",
    "unit_id",
    "due",
    "on_time",
]


def _db_time(value: dt.datetime | None) -> Any:
    if value is None:
        return None
    if connection.vendor == "sqlite":
        # What Django's SQLite adapter stores for an aware time: naive UTC text.
        return str(value.astimezone(dt.UTC).replace(tzinfo=None))
    return value


def _insert(model: Any, fields: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Plain INSERTs of prepared rows: the ORM's per-value preparation costs more than the write."""
    if not rows:
        return
    meta = model._meta
    qn = connection.ops.quote_name
    columns = ", ".join(qn(meta.get_field(f).column) for f in fields)
    sql = f"INSERT INTO {qn(meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


def _reported_times(y: Year, count: int) -> Iterator[dt.datetime]:
    year = y.ctx.year
    days = [
        dt.date(year, 1, 1) + dt.timedelta(days=i)
        for i in range((dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days)
    ]
    weights = [MONTH_WEIGHT[d.month - 1] * (1.0 if is_workday(d) else 0.55) for d in days]
    picked = sorted(y.rng.choices(days, weights=weights, k=count))
    hours = [7, 8, 8, 9, 9, 9, 10, 10, 10, 11, 11, 14, 15, 15, 16, 16, 17, 18, 19, 20]
    for day in picked:
        yield dt.datetime.combine(
            day, dt.time(y.rng.choice(hours), y.rng.randint(0, 59), y.rng.randint(0, 59)), SHANGHAI
        )


def _category_weights(categories: list[Any]) -> list[float]:
    out = []
    for cat in categories:
        weight = 0.4 if cat.kind == "component" else 0.8
        for word, w in EVERYDAY.items():
            if word in cat.name:
                weight = float(w)
        out.append(weight)
    return out


def _point_in(grid: Any, rng: random.Random) -> tuple[float, float]:
    ring = grid.geometry["coordinates"][0]
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return (round(rng.uniform(min(xs), max(xs)), 6), round(rng.uniform(min(ys), max(ys)), 6))


def build_citycases(y: Year) -> None:
    start, end = (
        dt.datetime(y.ctx.year, 1, 1, tzinfo=SHANGHAI),
        dt.datetime(y.ctx.year + 1, 1, 1, tzinfo=SHANGHAI),
    )
    year_cases = CityCase.objects.filter(
        bureau=y.bureau, reported_at__gte=start, reported_at__lt=end
    )
    if year_cases.filter(source="inspection").count() >= y.n("citycases") // 2:
        return
    categories = list(
        Category.objects.filter(bureau=y.bureau, active=True).select_related("default_unit")
    )
    grids = list(Grid.objects.filter(bureau=y.bureau).select_related("unit"))
    if not categories or not grids:
        y.ctx.say("  （数字城管类别或网格尚未建立，跳过城市管理案件）")
        return
    weights = _category_weights(categories)
    people = {
        u: y.user(u)
        for u in (
            "inspector",
            "center",
            "hotline",
            "handler_sanitation",
            "handler_greening",
            "handler_municipal",
        )
    }
    handler_for = {
        "sanitation": people["handler_sanitation"],
        "greening": people["handler_greening"],
        "municipal": people["handler_municipal"],
    }
    loop_total = y.n("citycases")
    hotline_counts = {
        s: y.n(s) for s in ("hotline", "petition", "letter_visit", "efficiency_complaint")
    }
    total = loop_total + sum(hotline_counts.values())
    sources = (
        ["hotline"] * hotline_counts["hotline"]
        + ["petition"] * hotline_counts["petition"]
        + ["letter_visit"] * hotline_counts["letter_visit"]
        + ["efficiency_complaint"] * hotline_counts["efficiency_complaint"]
    )
    loop_sources = y.rng.choices(
        ["inspection", "public", "video"], weights=[82, 8, 10], k=loop_total
    )
    sources += loop_sources
    y.rng.shuffle(sources)
    times = list(_reported_times(y, total))
    # The year ends with the last reports still in hand (not disposed); some reports are rejected.
    rejected_n = min(y.n("rejected", 0), y.n("not_disposed") // 2)
    open_n = y.n("not_disposed") - rejected_n
    open_from = loop_total - open_n + 1  # loop cases are numbered 1.. in time order
    rejected = set(y.rng.sample(range(1, open_from), rejected_n))
    progress = Progress("数字城管案件", total)
    batch: list[tuple[Any, list[_Event]]] = []
    loop_index = 0
    counter_start = _reserve_numbers(y, total)
    for n, (source, reported) in enumerate(zip(sources, times, strict=True)):
        hotline = source in hotline_counts
        category = y.rng.choices(categories, weights=weights, k=1)[0]
        grid = y.rng.choice(grids)
        lon, lat = _point_in(grid, y.rng)
        unit = category.default_unit or grid.unit
        if unit is None or unit.code not in handler_for:
            unit = y.ctx.unit("sanitation" if category.kind == "event" else "municipal")
        case = CityCase(
            bureau=y.bureau,
            number=f"{y.ctx.year}{counter_start + n:06d}",
            source=source,
            category=category,
            description=f"{grid.street_name}{grid.community_name}{category.name}",
            location={"lon": lon, "lat": lat},
            lon=lon,
            lat=lat,
            address=f"{grid.street_name}{grid.community_name}{y.rng.choice(STREETS)}",
            grid=grid,
            area_unit=grid.unit,
            urgent=y.rng.random() < 0.03,
            reported_by=people["hotline" if hotline else "inspector"],
            public_token=f"{y.rng.getrandbits(64):016x}",
            reported_at=reported,
            requester_name=_name(y.rng) if hotline else "",
            requester_phone=(
                phone := f"13{y.rng.randint(100000000, 999999999)}" if hotline else ""
            ),
            requester_phone_index=phone_index(phone),
        )
        events: list[_Event] = []
        state = "reported"
        case.file_due = deadlines.file_due(category, reported)
        case.close_due = deadlines.hotline_due(source, reported)
        reporter = case.reported_by
        events.append(
            _Event(
                reported,
                "report",
                reporter,
                "",
                "reported",
                due=case.file_due,
                payload={
                    "source": source,
                    "category": category.code,
                    "grid": grid.code,
                    "lon": lon,
                    "lat": lat,
                    "urgent": case.urgent,
                    "duplicates": [],
                },
            )
        )
        if not hotline:
            loop_index += 1
        t = reported + dt.timedelta(minutes=y.rng.randint(3, 40))
        center = people["hotline" if hotline else "center"]
        if not hotline and loop_index in rejected:
            case.status, case.rejected_at = "rejected", t
            case.reject_reason = "经核实不属于城市管理职责范围，已告知相关部门"
            events.append(_Event(t, "reject", center, state, "rejected", note=case.reject_reason))
            batch.append((case, events))
            progress.advance()
            if len(batch) >= 3000:
                _flush(y, batch)
            continue
        case.file_on_time = t <= case.file_due
        case.filed_at = t
        case.dispatch_due = deadlines.dispatch_due(category, t)
        events.append(
            _Event(t, "file", center, state, "filed", due=case.file_due, on_time=case.file_on_time)
        )
        state = "filed"
        t += dt.timedelta(minutes=y.rng.randint(2, 30))
        if not hotline and loop_index >= open_from + open_n // 2:
            # Reported in the last days of the year: still filed, waiting to be dispatched.
            case.status, case.current_due = state, case.dispatch_due
            batch.append((case, events))
            progress.advance()
            continue
        if y.rng.random() < 0.02:  # 退单: sent to the wrong unit first
            wrong = y.ctx.unit("greening" if unit.code != "greening" else "municipal")
            events.append(
                _Event(
                    t,
                    "dispatch",
                    people["center"],
                    state,
                    "dispatched",
                    unit=wrong,
                    due=case.dispatch_due,
                    on_time=t <= case.dispatch_due,
                    payload={"unit": wrong.code},
                )
            )
            t += dt.timedelta(minutes=y.rng.randint(20, 200))
            reason = y.rng.choice(RETURN_REASONS)
            events.append(
                _Event(
                    t,
                    "return",
                    handler_for[wrong.code],
                    "dispatched",
                    "filed",
                    note=reason,
                    unit=wrong,
                    payload={"reason": reason},
                )
            )
            case.return_count = 1
            t += dt.timedelta(minutes=y.rng.randint(5, 30))
        case.dispatch_on_time = t <= case.dispatch_due
        case.dispatched_at, case.unit = t, unit
        case.handle_due = deadlines.handle_due(category, case.urgent, t)
        events.append(
            _Event(
                t,
                "dispatch",
                people["center"],
                state,
                "dispatched",
                unit=unit,
                due=case.dispatch_due,
                on_time=case.dispatch_on_time,
                payload={"unit": unit.code},
            )
        )
        state = "dispatched"
        if not hotline and loop_index >= open_from:
            case.status, case.current_due = state, case.handle_due
            batch.append((case, events))
            progress.advance()
            continue
        handler = handler_for[unit.code]
        rounds = 2 if y.rng.random() < 0.03 else 1  # 返工
        for r in range(rounds):
            span = (case.handle_due - t) * (
                y.rng.uniform(0.15, 0.9) if y.rng.random() < 0.93 else y.rng.uniform(1.05, 1.8)
            )
            t = t + max(span, dt.timedelta(minutes=20))
            case.handled_at = t
            case.handle_on_time = t <= case.handle_due
            case.result = "已按要求处置完毕"
            case.verify_due = deadlines.verify_due(category, t)
            events.append(
                _Event(
                    t,
                    "handle",
                    handler,
                    "dispatched",
                    "handled",
                    unit=unit,
                    due=case.handle_due,
                    on_time=case.handle_on_time,
                    payload={"result": case.result},
                )
            )
            t += dt.timedelta(minutes=y.rng.randint(30, 240))
            passed = r == rounds - 1
            if not passed:
                note = y.rng.choice(REWORK_NOTES)
                events.append(
                    _Event(
                        t,
                        "verify",
                        people["inspector"],
                        "handled",
                        "dispatched",
                        note=note,
                        due=case.verify_due,
                        on_time=t <= case.verify_due,
                        payload={"passed": False, "note": note},
                    )
                )
                case.rework_count += 1
                case.handle_due = deadlines.handle_due(category, case.urgent, t)
            else:
                case.verify_on_time = t <= case.verify_due
                case.verified_at = t
                events.append(
                    _Event(
                        t,
                        "verify",
                        people["inspector"],
                        "handled",
                        "verified",
                        note="核查通过",
                        due=case.verify_due,
                        on_time=case.verify_on_time,
                        payload={"passed": True},
                    )
                )
        case.close_due = deadlines.close_due(case, t)
        t += dt.timedelta(minutes=y.rng.randint(5, 60))
        case.closed_at, case.close_on_time = t, t <= case.close_due
        case.status, case.current_due = "closed", None
        if hotline:
            case.reply = "您反映的问题已交由相关单位处理完毕，感谢您对城市管理工作的支持。"
            case.replied_at = t
        events.append(
            _Event(
                t,
                "close",
                center,
                "verified",
                "closed",
                due=case.close_due,
                on_time=case.close_on_time,
                payload={"reply": bool(case.reply)},
            )
        )
        if hotline:
            t += dt.timedelta(hours=y.rng.randint(2, 30))
            case.satisfaction = y.rng.choices(
                ["satisfied", "basically_satisfied", "unsatisfied"], weights=[88, 10, 2]
            )[0]
            case.callback_at = t
            events.append(
                _Event(
                    t,
                    "callback",
                    people["hotline"],
                    "closed",
                    "closed",
                    payload={"satisfaction": case.satisfaction},
                )
            )
        batch.append((case, events))
        progress.advance()
        if len(batch) >= 3000:
            _flush(y, batch)
    _flush(y, batch)
    # --- helper:rollups --- cases written in bulk bypass the actions: write their year's rollup
    rollups.rebuild([y.bureau.pk], y.ctx.year)
    # --- /helper:rollups ---


def _reserve_numbers(y: Year, count: int) -> int:
    """Take ``count`` case numbers at once from the counter the ``report`` action uses."""
    with transaction.atomic():
        row = (
            Counter.objects.select_for_update()
            .filter(bureau_id=y.bureau.pk, kind="citycase", year=y.ctx.year)
            .first()
        )
        if row is None:
            row = Counter.objects.create(
                bureau_id=y.bureau.pk, kind="citycase", year=y.ctx.year, value=0
            )
        first = row.value + 1
        row.value += count
        row.save(update_fields=["value"])
    return first


def _flush(y: Year, batch: list[tuple[Any, list[_Event]]]) -> None:
    """Write one batch of cases, their steps and their ledger entries in one transaction."""
    if not batch:
        return
    with transaction.atomic():
        cases = CityCase.objects.bulk_create([c for c, _ in batch], batch_size=1000)
        ledger = BulkRecorder(bureau_id=y.bureau.pk)
        steps = []
        timeline = sorted(
            (
                (ev, case)
                for case, events in zip(cases, (e for _, e in batch), strict=True)
                for ev in events
            ),
            key=lambda pair: pair[0].at,
        )
        for ev, case in timeline:
            steps.append(
                (
                    case.pk,
                    _db_time(ev.at),
                    ev.actor.pk if ev.actor else None,
                    (ev.actor.display_name if ev.actor else "公众")[:60],
                    ev.action,
                    ev.before,
                    ev.after,
                    ev.note,
                    ev.unit.pk if ev.unit else None,
                    _db_time(ev.due),
                    ev.on_time,
                )
            )
            ledger.add(
                ev.actor,
                f"citycase.{ev.action}",
                ("citycases.citycase", case.pk),
                {
                    "number": case.number,
                    "status": ev.after,
                    **(ev.payload or {}),
                    **({"note": ev.note} if ev.note else {}),
                },
                at=ev.at,
            )
        _insert(CaseStep, STEP_FIELDS, steps)
        ledger.flush()
    batch.clear()


# The whole year -------------------------------------------------------------------------------------


def generate(ctx: DemoContext, scale: float = 1.0, seed: int = 2024) -> None:
    """A county year at ``scale`` (1 = the seed report's size); idempotent per part."""
    assert ctx.bureau is not None
    started = time.perf_counter()
    y = Year(ctx=ctx, scale=scale, rng=random.Random(seed), days=workdays(ctx.year))
    random.seed(seed)
    build_units(y)
    build_staff(y)
    build_law(y)
    build_governance(y)
    cases = build_penalties(y)
    build_disclosure(y, cases)
    build_oversight(y, cases)
    # --- helper:insp-web --- the 名录库, plans, draws and inspections of the year (issue #13)
    county_inspections.build(ctx, scale, seed)
    # --- /helper:insp-web ---
    build_citycases(y)
    ctx.say(f"  县级规模全年数据已生成，用时 {time.perf_counter() - started:.0f} 秒")


def build(ctx: DemoContext) -> None:
    if ctx.scale != "county":
        return
    try:
        generate(ctx, 1.0)
    except ChengguanError as exc:  # pragma: no cover - a refusal here is a bug in the demo data
        raise RuntimeError(f"县级演示数据生成失败：{exc.message} {exc.details}") from exc
