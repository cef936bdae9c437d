"""行政检查 (LEGAL-RULES §11): the register of supervised objects (名录库), the published list of
inspection items (检查事项清单), yearly random-inspection plans with their draw (双随机), and the
inspections themselves. Not ``oversight.Inspection``, which is the bureau's internal supervision."""

from __future__ import annotations

from django.db import models

from chengguan.core.outcome721 import Outcome721  # --- helper:service ---
from chengguan.inspections.states import PlanStatus, Reason, Status


class SupervisedEntity(models.Model):
    """One object of the 名录库: an enterprise (with its 统一社会信用代码), a site, or a trader."""

    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", "企业"
        SITE = "site", "场所（工地、户外广告设施等）"
        PERSON = "person", "个体工商户"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    # The responsible unit (属地): a town team sees only its own objects (ORG-5).
    unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="责任单位",
    )
    kind = models.CharField("类型", max_length=12, choices=Kind)
    name = models.CharField("名称", max_length=200)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    address = models.CharField("地址", max_length=300)
    # Grid and town by code/name: citycases owns the Grid table and workflows do not import it.
    grid = models.CharField("单元网格", max_length=20, blank=True)
    town = models.CharField("乡镇（街道）", max_length=40, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "检查对象"
        verbose_name_plural = "检查对象名录库"
        ordering = ["bureau_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "credit_code"],
                condition=~models.Q(credit_code=""),
                name="entity_credit_code_per_bureau",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_enterprise(self) -> bool:
        """Enterprises and individual traders are 市场主体: the 涉企 caps apply to both (JC-4)."""
        return self.kind in (self.Kind.ENTERPRISE, self.Kind.PERSON)


class InspectionItem(models.Model):
    """One entry of the 行政检查事项清单, tied to a power item and its legal basis (JC-1)."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("事项名称", max_length=200)
    power_item = models.ForeignKey(
        "law.PowerItem", on_delete=models.PROTECT, related_name="+", verbose_name="对应权责事项"
    )
    basis = models.TextField("检查依据")
    random = models.BooleanField("双随机抽查事项", default=True)
    # JC-4: the per-item yearly cap on one enterprise; None = LOCAL_RULES inspection_yearly_cap.
    yearly_cap = models.PositiveSmallIntegerField("每年检查上限", null=True, blank=True)
    published = models.BooleanField("已公布", default=False)
    published_on = models.DateField("公布日期", null=True, blank=True)

    class Meta:
        verbose_name = "检查事项"
        verbose_name_plural = "行政检查事项清单"
        ordering = ["bureau_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "code"], name="inspection_item_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class InspectionPlan(models.Model):
    """A yearly random-inspection plan of one item: a ratio or a count of objects, approved by the
    head, then drawn once (SJ-1) with the seed and the inputs' hash in the ledger."""

    Status = PlanStatus

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="实施单位"
    )
    year = models.PositiveSmallIntegerField("年度")
    item = models.ForeignKey(
        InspectionItem, on_delete=models.PROTECT, related_name="plans", verbose_name="检查事项"
    )
    ratio = models.DecimalField("抽查比例", max_digits=5, decimal_places=4, null=True, blank=True)
    count = models.PositiveIntegerField("抽查数量", null=True, blank=True)
    # The pool of officers to draw from (empty = every certified officer of the bureau).
    officers = models.ManyToManyField(
        "org.Staff", related_name="+", blank=True, verbose_name="执法人员库"
    )
    recused = models.ManyToManyField(
        "org.Staff", related_name="+", blank=True, verbose_name="回避人员"
    )
    status = models.CharField("状态", max_length=10, choices=PlanStatus, default=PlanStatus.DRAFT)
    created_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="制定人"
    )
    approved_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="批准负责人",
    )
    approved_on = models.DateField("批准日期", null=True, blank=True)
    seed = models.CharField("随机种子", max_length=64, blank=True)
    inputs_hash = models.CharField("抽取输入哈希", max_length=64, blank=True)
    # The canonical inputs as drawn: the sorted object ids and officer usernames, and the size.
    draw_inputs = models.JSONField("抽取输入", default=dict, blank=True)
    drawn_entities = models.JSONField("抽中对象", default=list, blank=True)
    drawn_pairs = models.JSONField("抽中执法人员", default=list, blank=True)
    drawn_at = models.DateTimeField("抽取时间", null=True, blank=True)
    # --- helper:inspections2 --- SJ-2: the draw's result (and its outcomes) on the portal
    published_on = models.DateField("公示日期", null=True, blank=True)
    publish_due = models.DateField("应公示日期", null=True, blank=True)
    publish_late = models.BooleanField("逾期公示", default=False)
    # --- /helper:inspections2 ---

    class Meta:
        verbose_name = "双随机抽查计划"
        verbose_name_plural = "双随机抽查计划"
        ordering = ["bureau_id", "-year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(ratio__isnull=True) & models.Q(count__isnull=False))
                | (models.Q(ratio__isnull=False) & models.Q(count__isnull=True)),
                name="plan_ratio_or_count",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.item.name}"


class Inspection(models.Model):
    """One inspection of one object: approval (JC-2), two certified officers (JC-3), a code the
    enterprise checks (JC-5), the result told in writing (JC-6)."""

    Status = Status
    Reason = Reason

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="实施单位"
    )
    code = models.CharField("检查码", max_length=16, unique=True)
    item = models.ForeignKey(
        InspectionItem, on_delete=models.PROTECT, related_name="inspections", verbose_name="事项"
    )
    entity = models.ForeignKey(
        SupervisedEntity,
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name="检查对象",
    )
    plan = models.ForeignKey(
        InspectionPlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name="抽查计划",
    )
    officers = models.ManyToManyField("org.Staff", related_name="+", verbose_name="检查人员")
    reason = models.CharField("检查事由", max_length=12, choices=Reason)
    planned_on = models.DateField("计划检查日期")
    status = models.CharField("状态", max_length=12, choices=Status, default=Status.OPEN)
    created_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField("登记时间")
    approved_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="批准负责人",
    )
    approved_on = models.DateField("批准日期", null=True, blank=True)
    # JC-2: for complaint/referral/risk the approval follows by this date.
    approval_due = models.DateField("补办审批期限", null=True, blank=True)
    approval_late = models.BooleanField("逾期补批", default=False)
    scanned_at = models.DateTimeField("扫码时间", null=True, blank=True)
    # JC-5: scanned after the allowed day — flagged, not refused.
    scan_late = models.BooleanField("扫码迟延", default=False)
    findings = models.TextField("检查情况", blank=True)
    ok = models.BooleanField("未发现问题", null=True, blank=True)
    certificates = models.JSONField("出示证件", default=list, blank=True)
    recorded_on = models.DateField("检查日期", null=True, blank=True)
    result = models.TextField("检查结果告知内容", blank=True)
    result_told_on = models.DateField("书面告知日期", null=True, blank=True)
    correction_deadline = models.DateField("责令改正期限", null=True, blank=True)
    correction_content = models.TextField("责令改正内容", blank=True)
    correction_ordered_on = models.DateField("责令改正日期", null=True, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    # --- helper:service --- "721", recorded at closing; a correction order (管理) or a penalty
    # case (执法) is told by the workflow itself and may not be contradicted (decision 083).
    outcome_721 = models.CharField(
        "721分类", max_length=12, choices=Outcome721, blank=True, default=""
    )
    # --- /helper:service ---
    # --- helper:inspections2 ---
    # 综合查一次 (JC-4): every item one visit covers, ``item`` among them; empty on rows made before
    # joint inspections, where ``item`` alone is the visit's item.
    items = models.ManyToManyField(
        InspectionItem,
        related_name="joint_inspections",
        blank=True,
        verbose_name="检查事项（合并）",
    )
    # ZL-1: the follow-up check (复查) of the correction order after its deadline.
    rechecked_on = models.DateField("复查日期", null=True, blank=True)
    recheck_met = models.BooleanField("复查已整改", null=True, blank=True)
    recheck_record = models.TextField("复查记录", blank=True)
    rechecked_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="复查人员",
    )
    # JC-6: the penalty case opened from the inspection (penalties owns the table: kept by id and
    # number, as citycases is cited by penalties).
    case_id = models.PositiveIntegerField("立案查处案件", null=True, blank=True)
    case_number = models.CharField("案件编号", max_length=60, blank=True)
    # --- /helper:inspections2 ---

    class Meta:
        verbose_name = "行政检查"
        verbose_name_plural = "行政检查"
        ordering = ["bureau_id", "-planned_on", "-id"]
        indexes = [
            models.Index(fields=["bureau", "status"], name="inspection_bureau_status"),
            models.Index(fields=["entity", "planned_on"], name="inspection_entity_day"),
        ]

    def __str__(self) -> str:
        return f"行政检查 {self.code}"


# --- helper:insp-web ---
class InspectionFeedback(models.Model):
    """What the inspected enterprise says on the portal about an inspection of itself: a comment
    (意见) or a complaint (投诉) about how it was inspected. Shown to the bureau on the inspection's
    page and in the head's queue; the enterprise proves it is the inspected one by the code and its
    统一社会信用代码 together. No contact details are taken (nothing personal to keep): the
    bureau answers through the inspection's own channel."""

    class Kind(models.TextChoices):
        COMMENT = "comment", "意见建议"
        COMPLAINT = "complaint", "投诉"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="feedback", verbose_name="行政检查"
    )
    kind = models.CharField("类型", max_length=10, choices=Kind)
    text = models.TextField("内容")
    created_at = models.DateTimeField("提交时间")

    class Meta:
        verbose_name = "企业意见和投诉"
        verbose_name_plural = "企业意见和投诉"
        ordering = ["inspection_id", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.inspection.code}"


# --- /helper:insp-web ---
