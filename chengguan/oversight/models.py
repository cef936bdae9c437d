"""Supervision of enforcement (执法监督): inspections, their findings and rectification, case-file
reviews (案卷评查, LEGAL-RULES.md §9) and complaints about enforcement.

Reconsideration and litigation live with the penalty case (penalties.RemedyProceeding); this domain
only reads them.
"""

from __future__ import annotations

from django.db import models

from chengguan.core.pii import EncryptedTextField


class Inspection(models.Model):
    """One supervisory event: received from above, or organised by the bureau itself."""

    class Kind(models.TextChoices):
        SPECIAL_CHECK = "special_check", "执法专项检查"
        SUPERVISION = "supervision", "执法监督"
        FILE_REVIEW = "file_review", "案卷评查（评卷）"
        EVALUATION = "evaluation", "法治政府建设考评"
        GUIDANCE = "guidance", "检查指导乡镇（街道）"
        CAMPAIGN = "campaign", "行政执法突出问题整治"

    class Organiser(models.TextChoices):
        CITY = "city", "市局"
        COUNTY = "county", "县政府及部门"
        SELF = "self", "本局自行组织"

    class Status(models.TextChoices):
        OPEN = "open", "进行中"
        CLOSED = "closed", "已结束"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    kind = models.CharField("类型", max_length=20, choices=Kind)
    organiser = models.CharField("组织方", max_length=10, choices=Organiser)
    title = models.CharField("名称", max_length=200)
    started_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    scope = models.TextField("检查范围", blank=True)
    target_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="被检查单位",
    )
    result = models.TextField("检查结论", blank=True)
    ranking = models.CharField("名次/等次", max_length=40, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.OPEN)
    created_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )

    class Meta:
        verbose_name = "监督检查"
        verbose_name_plural = "监督检查"
        ordering = ["bureau_id", "-started_on", "id"]

    def __str__(self) -> str:
        return self.title


class Finding(models.Model):
    """A problem an inspection or a case-file review found; rectified when all its tasks close."""

    class Status(models.TextChoices):
        OPEN = "open", "待整改"
        RECTIFYING = "rectifying", "整改中"
        RECTIFIED = "rectified", "已整改"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="findings", verbose_name="监督检查"
    )
    penalty_case = models.ForeignKey(
        "penalties.PenaltyCase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="涉及案件",
    )
    rule = models.CharField("涉及规则编号", max_length=12, blank=True)
    description = models.TextField("问题描述")
    found_on = models.DateField("发现日期")
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.OPEN)
    rectified_on = models.DateField("整改完成日期", null=True, blank=True)

    class Meta:
        verbose_name = "发现问题"
        verbose_name_plural = "发现问题"
        ordering = ["bureau_id", "-found_on", "id"]

    def __str__(self) -> str:
        return self.description[:40]


class RectificationTask(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "整改中"
        CLOSED = "closed", "已销号"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    finding = models.ForeignKey(
        Finding, on_delete=models.PROTECT, related_name="tasks", verbose_name="问题"
    )
    unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="责任单位"
    )
    measure = models.TextField("整改要求")
    due_on = models.DateField("整改期限")
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.OPEN)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    closure_note = models.TextField("整改情况", blank=True)
    closed_on_time = models.BooleanField("按期整改", null=True, blank=True)

    class Meta:
        verbose_name = "整改任务"
        verbose_name_plural = "整改任务"
        ordering = ["bureau_id", "due_on", "id"]

    def __str__(self) -> str:
        return self.measure[:40]


class CaseFileReview(models.Model):
    """案卷评查 of one penalty file: veto items (any one fails the file) and form/content points."""

    class Grade(models.TextChoices):
        EXCELLENT = "excellent", "优秀"
        GOOD = "good", "良好"
        PASS = "pass", "合格"
        FAIL = "fail", "不合格"

    class Status(models.TextChoices):
        DRAFT = "draft", "评查中"
        FINAL = "final", "已定稿"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="file_reviews",
        verbose_name="所属评查活动",
    )
    penalty_case = models.ForeignKey(
        "penalties.PenaltyCase",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="被评查案卷",
    )
    prereview = models.JSONField("自动预审结果", default=dict)
    vetoes = models.JSONField("否决项", default=list, blank=True)
    deductions = models.JSONField("扣分项", default=list, blank=True)
    form_score = models.DecimalField(
        "形式得分", max_digits=5, decimal_places=1, null=True, blank=True
    )
    content_score = models.DecimalField(
        "内容得分", max_digits=5, decimal_places=1, null=True, blank=True
    )
    total = models.DecimalField("总分", max_digits=5, decimal_places=1, null=True, blank=True)
    grade = models.CharField("等次", max_length=10, choices=Grade, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.DRAFT)
    reviewer = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="评查人"
    )
    started_on = models.DateField("开始日期")
    finalised_on = models.DateField("定稿日期", null=True, blank=True)

    class Meta:
        verbose_name = "案卷评查"
        verbose_name_plural = "案卷评查"
        ordering = ["bureau_id", "-started_on", "id"]

    def __str__(self) -> str:
        return f"评查 {self.penalty_case_id}"


class Complaint(models.Model):
    """A complaint about enforcement (行政执法投诉); the complainant is personal data (PI-1)."""

    class Status(models.TextChoices):
        OPEN = "open", "办理中"
        CLOSED = "closed", "已办结"

    class Channel(models.TextChoices):
        PHONE = "phone", "电话"
        LETTER = "letter", "来信"
        VISIT = "visit", "来访"
        ONLINE = "online", "网上"
        REFERRED = "referred", "上级转办"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    received_on = models.DateField("收到日期")
    channel = models.CharField("渠道", max_length=10, choices=Channel)
    complainant = EncryptedTextField("投诉人", blank=True)
    phone = EncryptedTextField("联系电话", blank=True)
    content = models.TextField("投诉内容")
    against_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="被投诉单位",
    )
    penalty_case = models.ForeignKey(
        "penalties.PenaltyCase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="涉及案件",
    )
    due_on = models.DateField("办理期限")
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.OPEN)
    substantiated = models.BooleanField("投诉属实", null=True, blank=True)
    result = models.TextField("处理结果", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)

    class Meta:
        verbose_name = "执法投诉"
        verbose_name_plural = "执法投诉"
        ordering = ["bureau_id", "-received_on", "id"]

    def __str__(self) -> str:
        return self.content[:40]
