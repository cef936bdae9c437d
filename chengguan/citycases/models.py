"""数字城管 and 12345: categories, unit grids, routing, city cases and their history.

Workflow logic lives in the actions package, status changes in transitions.py; these are tables,
constraints and indexes only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from chengguan.citycases.states import Satisfaction, Source, Status
from chengguan.core.outcome721 import Outcome721  # --- helper:service ---
from chengguan.core.pii import EncryptedTextField


class Category(models.Model):
    """A 小类 of GB/T 30428.2 (SC-2) with its 立案/结案 conditions and time limits (SC-6)."""

    class Kind(models.TextChoices):
        COMPONENT = "component", "部件"
        EVENT = "event", "事件"

    class LimitUnit(models.TextChoices):
        HOURS = "hours", "工作时"
        WORKDAYS = "workdays", "工作日"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    code = models.CharField("编码", max_length=20)
    name = models.CharField("小类名称", max_length=60)
    kind = models.CharField("类型", max_length=10, choices=Kind)
    major_code = models.CharField("大类编码", max_length=4)
    major_name = models.CharField("大类名称", max_length=40)
    filing_condition = models.TextField("立案条件")
    closing_condition = models.TextField("结案条件")
    # Per-step limits in working hours (SC-6): 受理立案, 派遣, 处置 (in handle_limit_unit), 核查, 结案.
    file_limit_hours = models.DecimalField(
        "立案时限（工作时）", max_digits=6, decimal_places=2, default=1
    )
    dispatch_limit_hours = models.DecimalField(
        "派遣时限（工作时）", max_digits=6, decimal_places=2, default=1
    )
    handle_limit = models.PositiveIntegerField("处置时限（一般）", default=4)
    urgent_handle_limit = models.PositiveIntegerField("处置时限（紧急）", default=1)
    handle_limit_unit = models.CharField(
        "处置时限单位", max_length=10, choices=LimitUnit, default=LimitUnit.HOURS
    )
    verify_limit_hours = models.DecimalField(
        "核查时限（工作时）", max_digits=6, decimal_places=2, default=2
    )
    close_limit_hours = models.DecimalField(
        "结案时限（工作时）", max_digits=6, decimal_places=2, default=1
    )
    default_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="默认处置部门",
    )
    public = models.BooleanField("公众可上报（Open311）", default=True)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "案件类别"
        verbose_name_plural = "案件类别"
        ordering = ["bureau_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "code"], name="category_code_per_bureau"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Grid(models.Model):
    """单元网格 (SC-1): code = division(6) + street(3) + community(3) + sequence(2)."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    code = models.CharField("网格编码", max_length=20)
    street_code = models.CharField("街道（乡镇）编码", max_length=3)
    street_name = models.CharField("街道（乡镇）", max_length=40)
    community_code = models.CharField("社区编码", max_length=3)
    community_name = models.CharField("社区", max_length=40)
    # The town/street team answerable for the grid's area (ORG-5).
    unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="grids",
        null=True,
        blank=True,
        verbose_name="属地责任单位",
    )
    geometry = models.JSONField("边界（GeoJSON）")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "单元网格"
        verbose_name_plural = "单元网格"
        ordering = ["bureau_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "code"], name="grid_code_per_bureau"),
        ]

    def __str__(self) -> str:
        return f"{self.code}（{self.community_name}）"


class RoutingRule(models.Model):
    """Category × area → disposal unit. The most specific matching rule wins, then the lowest
    ``priority``; with none, the category's default unit is proposed."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routing_rules",
        verbose_name="类别（空为全部）",
    )
    major_code = models.CharField("大类编码（空为全部）", max_length=4, blank=True)
    kind = models.CharField("类型（空为全部）", max_length=10, choices=Category.Kind, blank=True)
    street_code = models.CharField("街道（乡镇）编码（空为全部）", max_length=3, blank=True)
    unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="处置部门"
    )
    priority = models.PositiveIntegerField("优先级（小者优先）", default=100)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "派遣规则"
        verbose_name_plural = "派遣规则"
        ordering = ["bureau_id", "priority", "id"]

    def __str__(self) -> str:
        return f"{self.category or self.major_code or self.kind or '全部'} → {self.unit}"


class CityCase(models.Model):
    """One case of the closed loop (数字城管) or one 12345/信访 work order."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    number = models.CharField("案件编号", max_length=30)
    source = models.CharField("来源", max_length=24, choices=Source)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="cases", verbose_name="类别"
    )
    description = models.TextField("问题描述")
    location = models.JSONField("位置", default=dict)  # {"lon": .., "lat": ..}
    lon = models.FloatField("经度")
    lat = models.FloatField("纬度")
    address = models.CharField("地址", max_length=200, blank=True)
    grid = models.ForeignKey(
        Grid, on_delete=models.PROTECT, related_name="cases", verbose_name="单元网格"
    )
    area_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="属地单位",
    )
    status = models.CharField("状态", max_length=12, choices=Status, default=Status.REPORTED)
    urgent = models.BooleanField("紧急", default=False)
    unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="处置部门",
    )
    proposed_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="建议处置部门",
    )
    # --- helper:permits2 --- the permit the case's matter breaks, or 无证 (issue #14)
    permit_link = models.ForeignKey(
        "permits.PermitLink",
        on_delete=models.PROTECT,
        related_name="city_cases",
        null=True,
        blank=True,
        verbose_name="涉及的许可",
    )
    # --- /helper:permits2 ---
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="上报人",
    )
    public_token = models.CharField("公众查询令牌", max_length=32, blank=True)
    # Issue #12 (3): the reporter's query code, shown once at submission and kept only as a keyed
    # hash (core.pii.query_code_digest), so neither the database nor the number alone reveals a case.
    query_code_digest = models.CharField("查询码摘要", max_length=64, blank=True, default="")
    # The clear code, set only on the instance ``actions.report`` returns, to be shown once; never saved.
    query_code: str = ""
    # Open311 ``media_url``: a picture the reporter hosts elsewhere. Kept as a link, never fetched
    # by the server (it could point anywhere, including inside the bureau's network).
    media_url = models.URLField("市民提供的图片链接", max_length=500, blank=True)

    reported_at = models.DateTimeField("上报时间")
    filed_at = models.DateTimeField("立案时间", null=True, blank=True)
    rejected_at = models.DateTimeField("不予立案时间", null=True, blank=True)
    dispatched_at = models.DateTimeField("派遣时间", null=True, blank=True)
    handled_at = models.DateTimeField("处置时间", null=True, blank=True)
    verified_at = models.DateTimeField("核查时间", null=True, blank=True)
    closed_at = models.DateTimeField("结案时间", null=True, blank=True)
    # --- helper:service --- "721": how the problem was solved, recorded at closing where the
    # workflow cannot tell (a penalty case opened from the case is 执法 whatever is recorded).
    outcome_721 = models.CharField(
        "721分类", max_length=12, choices=Outcome721, blank=True, default=""
    )
    # --- /helper:service ---

    # Due time and on-time flag of each step (SC-6); a flag is set when its step completes.
    file_due = models.DateTimeField("立案时限", null=True, blank=True)
    dispatch_due = models.DateTimeField("派遣时限", null=True, blank=True)
    handle_due = models.DateTimeField("处置时限", null=True, blank=True)
    verify_due = models.DateTimeField("核查时限", null=True, blank=True)
    close_due = models.DateTimeField("结案时限", null=True, blank=True)
    file_on_time = models.BooleanField("按期立案", null=True, blank=True)
    dispatch_on_time = models.BooleanField("按期派遣", null=True, blank=True)
    handle_on_time = models.BooleanField("按期处置", null=True, blank=True)
    verify_on_time = models.BooleanField("按期核查", null=True, blank=True)
    close_on_time = models.BooleanField("按期结案", null=True, blank=True)
    # The due time of the step the case waits for now; null when nothing runs (ended, suspended).
    current_due = models.DateTimeField("当前环节时限", null=True, blank=True)
    handle_work_hours = models.FloatField("处置用时（工作时）", null=True, blank=True)

    rework_count = models.PositiveIntegerField("返工次数", default=0)
    return_count = models.PositiveIntegerField("退单次数", default=0)
    extension_count = models.PositiveIntegerField("延期次数", default=0)
    reopen_count = models.PositiveIntegerField("重新启用次数", default=0)
    suspended = models.BooleanField("挂账中", default=False)
    suspended_at = models.DateTimeField("挂账时间", null=True, blank=True)
    suspended_remaining_hours = models.FloatField("挂账时剩余工作时", null=True, blank=True)

    result = models.TextField("处置结果", blank=True)
    reject_reason = models.TextField("不予立案理由", blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_cases",
        verbose_name="合并至",
    )
    duplicate_candidates = models.JSONField("疑似重复案件", default=list, blank=True)

    # Hotline-type work orders (RX-2); the requester is personal data (PI-1).
    requester_name = EncryptedTextField("诉求人姓名", blank=True, default="")
    requester_phone = EncryptedTextField("诉求人电话", blank=True, default="")
    # Issue #15 item 8: the phone is encrypted, so a search by it goes through this keyed hash of
    # its digits (core.pii.phone_index); the search itself is a pii.search security event.
    requester_phone_index = models.CharField(
        "诉求人电话索引", max_length=64, blank=True, default="", db_index=True
    )
    reply = models.TextField("答复内容", blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    satisfaction = models.CharField("回访满意度", max_length=20, choices=Satisfaction, blank=True)
    callback_at = models.DateTimeField("回访时间", null=True, blank=True)

    class Meta:
        verbose_name = "城管案件"
        verbose_name_plural = "城管案件"
        ordering = ["-reported_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "number"], name="citycase_number_unique"),
        ]
        indexes = [
            models.Index(fields=["bureau", "reported_at"], name="citycase_reported"),
            models.Index(fields=["bureau", "status"], name="citycase_status"),
            models.Index(fields=["bureau", "current_due"], name="citycase_due"),
            models.Index(fields=["bureau", "category", "reported_at"], name="citycase_dup"),
            models.Index(fields=["public_token"], name="citycase_token"),
            # --- helper:rollups --- the year's closed cases ("721", report figures; decision 092)
            models.Index(fields=["bureau", "closed_at"], name="citycase_closed"),
            # --- /helper:rollups ---
            # Covers every column the indicators read, so a year's figures are index-only scans
            # instead of ~55,000 random row fetches (see bench/bench_citycases.py).
            models.Index(
                fields=[
                    "bureau",
                    "reported_at",
                    "source",
                    "status",
                    "unit",
                    "area_unit",
                    "category",
                    "grid",
                    "filed_at",
                    "dispatched_at",
                    "handled_at",
                    "handle_on_time",
                    "close_on_time",
                    "rework_count",
                    "return_count",
                    "current_due",
                    "callback_at",
                    "satisfaction",
                    "handle_work_hours",
                ],
                name="citycase_stats",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class CaseStep(models.Model):
    """Append-only history of one case: every action, who, when, from, to, note."""

    case = models.ForeignKey(
        CityCase, on_delete=models.CASCADE, related_name="steps", verbose_name="案件"
    )
    at = models.DateTimeField("时间")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="操作人",
    )
    actor_name = models.CharField("操作人姓名", max_length=60, blank=True)
    action = models.CharField("动作", max_length=24)
    from_status = models.CharField("原状态", max_length=12, blank=True)
    to_status = models.CharField("新状态", max_length=12)
    note = models.TextField("说明", blank=True)
    unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="相关单位",
    )
    due = models.DateTimeField("本环节时限", null=True, blank=True)
    on_time = models.BooleanField("按期", null=True, blank=True)

    class Meta:
        verbose_name = "办理环节"
        verbose_name_plural = "办理环节"
        ordering = ["case_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.action}"


class Extension(models.Model):
    """延期申请 (SC-6): requested by the handling unit, decided by the command centre."""

    class Decision(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "已批准"
        REFUSED = "refused", "不批准"

    case = models.ForeignKey(
        CityCase, on_delete=models.CASCADE, related_name="extensions", verbose_name="案件"
    )
    hours = models.DecimalField("延长工作时", max_digits=6, decimal_places=2)
    reason = models.TextField("理由")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="申请人"
    )
    requested_at = models.DateTimeField("申请时间")
    decision = models.CharField(
        "审批结果", max_length=10, choices=Decision, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="审批人",
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    note = models.TextField("审批意见", blank=True)

    class Meta:
        verbose_name = "延期申请"
        verbose_name_plural = "延期申请"
        ordering = ["case_id", "requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.case} 延期 {self.hours} 工作时"


class Open311Key(models.Model):
    """An API key for Open311 POST (stored as SHA-256 only)."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    name = models.CharField("使用方", max_length=60)
    digest = models.CharField("密钥摘要", max_length=64, unique=True)
    active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "Open311 接口密钥"
        verbose_name_plural = "Open311 接口密钥"

    def __str__(self) -> str:
        return self.name


# --- helper:rollups ---
class Rollup(models.Model):
    """The indicators' counts of one bureau's day (cases reported that local day), one row per
    grouping value: ``dim`` s = source, u = unit, c = category, g = grid (decision 092).

    Rewritten whole per (bureau, day) by ``citycases.rollups.refresh`` from the cases, never
    incremented: a day is either clean (these rows equal a recount) or listed in ``RollupDirty``
    and then recounted live by the reads. "Overdue" depends on the clock and is never rolled up."""

    bureau_id = models.BigIntegerField("机关")
    day = models.DateField("上报日期")
    dim = models.CharField("分组", max_length=1)
    key = models.CharField("分组值", max_length=24)
    reported = models.PositiveIntegerField(default=0)
    merged = models.PositiveIntegerField(default=0)
    filed = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    dispatched = models.PositiveIntegerField(default=0)
    should_dispose = models.PositiveIntegerField(default=0)
    handled = models.PositiveIntegerField(default=0)
    handled_on_time = models.PositiveIntegerField(default=0)
    handled_ever = models.PositiveIntegerField(default=0)
    should_close = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    closed_on_time = models.PositiveIntegerField(default=0)
    reworked = models.PositiveIntegerField(default=0)
    returned = models.PositiveIntegerField(default=0)
    callbacks = models.PositiveIntegerField(default=0)
    satisfied = models.PositiveIntegerField(default=0)
    handle_hours_sum = models.FloatField(default=0)
    handle_hours_n = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "指标日汇总"
        verbose_name_plural = "指标日汇总"
        constraints = [
            models.UniqueConstraint(
                fields=["bureau_id", "dim", "day", "key"], name="rollup_bureau_dim_day_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bureau_id} {self.day} {self.dim}:{self.key}"


class RollupDirty(models.Model):
    """A (bureau, day) whose cases changed since its rollup rows were written. The write marks it
    in its own transaction (one upsert that bumps ``gen``); ``refresh`` removes the mark only if
    ``gen`` is still the one it recounted under, so a write racing a refresh stays marked."""

    bureau_id = models.BigIntegerField("机关")
    day = models.DateField("上报日期")
    gen = models.PositiveBigIntegerField("变更代数", default=1)

    class Meta:
        verbose_name = "待重算的指标日"
        verbose_name_plural = "待重算的指标日"
        constraints = [
            models.UniqueConstraint(fields=["bureau_id", "day"], name="rollupdirty_bureau_day"),
        ]

    def __str__(self) -> str:
        return f"{self.bureau_id} {self.day} #{self.gen}"


# --- /helper:rollups ---
