"""The bureau's law data: 权责清单, 裁量基准 versions, 免罚清单, 重大执法决定法制审核目录.

All of it is bureau data (SZ-1, SZ-7, CL-1), edited by the legal office; penalty cases read it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models


class PenaltyType(models.TextChoices):
    """XF-9: the closed list of penalty types (行政拘留 is never available to this bureau)."""

    WARNING = "warning", "警告"
    CIRCULATED_CRITICISM = "circulated_criticism", "通报批评"
    FINE = "fine", "罚款"
    CONFISCATE_INCOME = "confiscate_income", "没收违法所得"
    CONFISCATE_PROPERTY = "confiscate_property", "没收非法财物"
    SUSPEND_PERMIT = "suspend_permit", "暂扣许可证件"
    LOWER_QUALIFICATION = "lower_qualification", "降低资质等级"
    REVOKE_PERMIT = "revoke_permit", "吊销许可证件"
    RESTRICT_BUSINESS = "restrict_business", "限制开展生产经营活动"
    SUSPEND_BUSINESS = "suspend_business", "责令停产停业"
    CLOSE_DOWN = "close_down", "责令关闭"
    RESTRICT_PRACTICE = "restrict_practice", "限制从业"


class Level(models.TextChoices):
    """CL-1: the discretion levels of a benchmark entry."""

    NONE = "none", "不予处罚"
    MITIGATED = "mitigated", "减轻处罚"
    LIGHTER = "lighter", "从轻处罚"
    GENERAL = "general", "一般处罚"
    HEAVIER = "heavier", "从重处罚"


class Domain(models.TextChoices):
    SANITATION = "sanitation", "市容环卫"
    GREENING = "greening", "园林绿化"
    MUNICIPAL = "municipal", "市政公用"
    PLANNING = "planning", "城乡规划"
    ENVIRONMENT = "environment", "环境保护"
    COMMERCE = "commerce", "工商管理"
    TRAFFIC = "traffic", "交通管理"
    WATER = "water", "水务管理"


class PowerItem(models.Model):
    """One entry of the 权责清单 (行政处罚类)."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("事项名称", max_length=200)
    domain = models.CharField("领域", max_length=20, choices=Domain)
    # 违则: the provision the act breaks; 罚则: the provision that sets the penalty.
    violated_provision = models.TextField("违法依据", blank=True)
    legal_basis = models.TextField("处罚依据")
    penalty_types = models.JSONField("处罚种类", default=list)
    fine_min = models.DecimalField(
        "法定罚款下限（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )
    fine_max = models.DecimalField(
        "法定罚款上限（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )
    fine_note = models.CharField("罚款计算说明", max_length=200, blank=True)
    # --- content (XF-37, CL-4: the statute's own shape of the penalty) ---
    # Where the statute splits the range by party (大气法 Art. 119: 单位 vs 个人) each half is its
    # own item, naming the kind it applies to; "" = any party.
    applies_to = models.CharField("适用对象", max_length=12, blank=True)
    # A fine set as a percentage of a base (城乡规划法 Art. 64: 工程造价 5 %–10 %): the decision
    # records the base, and the fine is checked against base × percentage.
    fine_percent_min = models.DecimalField(
        "罚款比例下限（%）", max_digits=7, decimal_places=3, null=True, blank=True
    )
    fine_percent_max = models.DecimalField(
        "罚款比例上限（%）", max_digits=7, decimal_places=3, null=True, blank=True
    )
    fine_base_label = models.CharField("罚款计算基数", max_length=60, blank=True)
    # 从旧兼从轻 (XF-37): the provision is in force from/until; a new version of the provision is a
    # new item that supersedes the old one.
    effective_from = models.DateField("施行日期", null=True, blank=True)
    effective_until = models.DateField("失效日期", null=True, blank=True)
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name="取代的旧规定事项",
    )
    # --- end content ---
    delegated_to = models.ManyToManyField(
        "org.OrgUnit", blank=True, related_name="delegated_powers", verbose_name="赋权乡镇/街道"
    )
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "权责清单事项"
        verbose_name_plural = "权责清单"
        ordering = ["bureau_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "code"], name="poweritem_code_per_bureau"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Benchmark(models.Model):
    """One version of the 裁量基准 for one power item; it applies from ``published_on`` (XF-34)."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    power_item = models.ForeignKey(
        PowerItem, on_delete=models.PROTECT, related_name="benchmarks", verbose_name="权责事项"
    )
    version = models.PositiveIntegerField("版本号", default=1)
    title = models.CharField("基准文件名称", max_length=200, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    # --- content (XF-37) --- in force from this date (default: its publication date).
    effective_from = models.DateField("施行日期", null=True, blank=True)
    # --- end content ---
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "裁量基准"
        verbose_name_plural = "裁量基准"
        ordering = ["power_item_id", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["power_item", "version"], name="benchmark_version_per_item"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.power_item.code} 第{self.version}版"

    def is_published(self, on: dt.date) -> bool:
        return self.published_on is not None and self.published_on <= on

    @property
    def in_force_from(self) -> dt.date | None:
        return self.effective_from or self.published_on


class BenchmarkLevel(models.Model):
    """CL-1: one level of a benchmark with its conditions and amount band."""

    benchmark = models.ForeignKey(
        Benchmark, on_delete=models.CASCADE, related_name="levels", verbose_name="裁量基准"
    )
    level = models.CharField("裁量阶次", max_length=12, choices=Level)
    conditions = models.TextField("适用情形")
    fine_min = models.DecimalField(
        "罚款下限（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )
    fine_max = models.DecimalField(
        "罚款上限（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )
    penalty_types = models.JSONField("处罚种类", default=list, blank=True)
    # --- content --- the band as a percentage of the fine's base, for percentage-based items.
    percent_min = models.DecimalField(
        "罚款比例下限（%）", max_digits=7, decimal_places=3, null=True, blank=True
    )
    percent_max = models.DecimalField(
        "罚款比例上限（%）", max_digits=7, decimal_places=3, null=True, blank=True
    )
    # --- end content ---

    class Meta:
        verbose_name = "裁量阶次"
        verbose_name_plural = "裁量阶次"
        ordering = ["benchmark_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["benchmark", "level"], name="benchmark_level_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()}"

    def contains(self, amount: Decimal, base: Decimal | None = None) -> bool:
        lo, hi = self.band(base)
        if lo is not None and amount < lo:
            return False
        return not (hi is not None and amount > hi)

    def band(self, base: Decimal | None = None) -> tuple[Decimal | None, Decimal | None]:
        """The band in yuan: the amounts, or for a percentage band base × percentages (CL-4).

        A percentage band with no base known has no amount to compare: the caller refuses the
        missing base first (``statutory_shape``)."""
        if base is not None and (self.percent_min is not None or self.percent_max is not None):
            cent = Decimal("0.01")

            def of(p: Decimal | None) -> Decimal | None:
                return None if p is None else (base * p / 100).quantize(cent)

            return of(self.percent_min), of(self.percent_max)
        return self.fine_min, self.fine_max


class ExemptionItem(models.Model):
    """免罚清单 (XF-33): minor acts that are not punished, or first violations that may be waived."""

    class Kind(models.TextChoices):
        MINOR = "minor", "轻微违法不予处罚"
        FIRST = "first", "首违不罚"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    code = models.CharField("清单编号", max_length=40)
    power_item = models.ForeignKey(
        PowerItem, on_delete=models.PROTECT, related_name="exemptions", verbose_name="权责事项"
    )
    kind = models.CharField("类别", max_length=10, choices=Kind)
    conditions = models.TextField("适用条件")
    correction_days = models.PositiveIntegerField("改正期限（日）", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    active = models.BooleanField("有效", default=True)

    class Meta:
        verbose_name = "免罚清单事项"
        verbose_name_plural = "免罚清单"
        ordering = ["bureau_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "code"], name="exemption_code_per_bureau"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.power_item.name}"


class ReviewCatalogue(models.Model):
    """One entry of the 重大执法决定法制审核目录 (SZ-7): a decision matching it needs XF-58 review.

    An entry matches a decision when any of its criteria is met: one of its penalty types, a fine at
    or above its threshold for the party's kind, or one of its power items.
    """

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    code = models.CharField("目录编号", max_length=40)
    title = models.CharField("事项", max_length=200)
    penalty_types = models.JSONField("涉及处罚种类", default=list, blank=True)
    fine_person_at_least = models.DecimalField(
        "对公民罚款达到（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )
    fine_organisation_at_least = models.DecimalField(
        "对单位罚款达到（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )
    power_items = models.ManyToManyField(
        PowerItem, blank=True, related_name="review_entries", verbose_name="涉及权责事项"
    )
    active = models.BooleanField("有效", default=True)

    class Meta:
        verbose_name = "重大执法决定法制审核目录"
        verbose_name_plural = "重大执法决定法制审核目录"
        ordering = ["bureau_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "code"], name="reviewcat_code_per_bureau"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"
