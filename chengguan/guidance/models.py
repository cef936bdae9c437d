"""服务型行政执法 (issue #14 item 5): the contact points register and its visits, the
《行政相对人法律风险防控清单》 per power item, and 行政指导 records with their follow-up visits.

The contact point names its enterprise by name and 统一社会信用代码 rather than by a foreign key to
the inspections' 名录库: this app sits below the case workflows (decision 083), and the escalation
to an inspection finds the 名录库 entry by that code through ``core.links``."""

from __future__ import annotations

from django.db import models

from chengguan.guidance.states import EscalatedTo, GuidanceKind, PointKind, Status


class ContactPoint(models.Model):
    """服务型行政执法联系点: an enterprise or site the unit serves with regular visits."""

    Kind = PointKind

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="联系单位"
    )
    kind = models.CharField("类型", max_length=12, choices=PointKind)
    name = models.CharField("名称", max_length=200)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    address = models.CharField("地址", max_length=300, blank=True)
    # The 权责清单 domains of its business: which power items' risks apply to it.
    domains = models.JSONField("经营涉及领域", default=list)
    established_on = models.DateField("设立日期")
    liaison = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="联络员"
    )
    lon = models.FloatField("经度", null=True, blank=True)
    lat = models.FloatField("纬度", null=True, blank=True)
    created_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField("登记时间")

    class Meta:
        verbose_name = "服务型执法联系点"
        verbose_name_plural = "服务型执法联系点"
        ordering = ["bureau_id", "-established_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "name"], name="guidance_point_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Visit(models.Model):
    """One visit to a contact point: who went, what was discussed, problems found, follow-up."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    point = models.ForeignKey(
        ContactPoint, on_delete=models.PROTECT, related_name="visits", verbose_name="联系点"
    )
    visited_on = models.DateField("走访日期")
    officers = models.ManyToManyField("org.Staff", related_name="+", verbose_name="走访人员")
    topics = models.TextField("走访内容")
    problems = models.TextField("发现问题", blank=True)
    follow_up = models.TextField("后续跟进", blank=True)
    recorded_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="记录人"
    )
    recorded_at = models.DateTimeField("记录时间")

    class Meta:
        verbose_name = "联系点走访"
        verbose_name_plural = "联系点走访"
        ordering = ["point_id", "-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.point_id} {self.visited_on}"


class RiskItem(models.Model):
    """One entry of the 行政相对人法律风险防控清单, tied to the power item it warns about."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    power_item = models.ForeignKey(
        "law.PowerItem", on_delete=models.PROTECT, related_name="+", verbose_name="权责事项"
    )
    risk = models.TextField("风险点")
    legal_basis = models.TextField("法律依据")
    advice = models.TextField("防控建议")
    published_on = models.DateField("公布日期", null=True, blank=True)
    created_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField("登记时间")

    class Meta:
        verbose_name = "法律风险防控事项"
        verbose_name_plural = "行政相对人法律风险防控清单"
        ordering = ["bureau_id", "power_item_id", "id"]

    def __str__(self) -> str:
        return self.risk[:40]


class GuidanceRecord(models.Model):
    """行政指导: advice, a 提醒函 or a 告诫书 given to a party, and what became of it."""

    Kind = GuidanceKind
    Status = Status

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="实施单位"
    )
    number = models.CharField("编号", max_length=40)
    kind = models.CharField("类别", max_length=10, choices=GuidanceKind)
    point = models.ForeignKey(
        ContactPoint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guidance",
        verbose_name="联系点",
    )
    to_name = models.CharField("指导对象", max_length=200)
    to_credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    power_item = models.ForeignKey(
        "law.PowerItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="权责事项",
    )
    basis = models.TextField("依据")
    content = models.TextField("指导内容")
    issued_on = models.DateField("发出日期")
    correct_by = models.DateField("改正期限", null=True, blank=True)
    status = models.CharField("状态", max_length=14, choices=Status, default=Status.OPEN)
    escalated_to = models.CharField("转入", max_length=12, choices=EscalatedTo, blank=True)
    escalated_id = models.PositiveIntegerField("转入记录", null=True, blank=True)
    escalated_number = models.CharField("转入编号", max_length=40, blank=True)
    issued_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="发出人"
    )
    created_at = models.DateTimeField("登记时间")

    class Meta:
        verbose_name = "行政指导"
        verbose_name_plural = "行政指导"
        ordering = ["bureau_id", "-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "number"], name="guidance_number"),
        ]
        indexes = [models.Index(fields=["bureau", "issued_on"], name="guidance_year")]

    def __str__(self) -> str:
        return f"{self.number} {self.to_name}"


class FollowUp(models.Model):
    """A follow-up visit after a 行政指导: was it corrected?"""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    record = models.ForeignKey(
        GuidanceRecord, on_delete=models.PROTECT, related_name="follow_ups", verbose_name="行政指导"
    )
    visited_on = models.DateField("回访日期")
    corrected = models.BooleanField("已改正")
    note = models.TextField("回访情况", blank=True)
    visited_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="回访人"
    )

    class Meta:
        verbose_name = "行政指导回访"
        verbose_name_plural = "行政指导回访"
        ordering = ["record_id", "visited_on", "id"]

    def __str__(self) -> str:
        return f"{self.record_id} {self.visited_on}"
