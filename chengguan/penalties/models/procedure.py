"""Records of the procedure up to service: recusal, evidence, review, discussion, notice,
statement, hearing and service."""

from __future__ import annotations

from django.db import models

from .case import PenaltyCase


class Recusal(models.Model):
    """XF-43: a withdrawal of an officer with an interest, decided by the head."""

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="recusals", verbose_name="案件"
    )
    officer = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="回避人员"
    )
    replacement = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="替换人员",
    )
    requested_by_party = models.BooleanField("当事人申请", default=False)
    reason = models.TextField("回避理由")
    granted = models.BooleanField("准予回避")
    decided_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="决定人"
    )
    decided_on = models.DateField("决定日期")

    class Meta:
        verbose_name = "回避"
        verbose_name_plural = "回避"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case} 回避 {self.officer}"


class Evidence(models.Model):
    class Kind(models.TextChoices):
        """XF-46: the eight kinds of evidence."""

        DOCUMENTARY = "documentary", "书证"
        PHYSICAL = "physical", "物证"
        AUDIOVISUAL = "audiovisual", "视听资料"
        ELECTRONIC = "electronic", "电子数据"
        WITNESS = "witness", "证人证言"
        STATEMENT = "statement", "当事人的陈述"
        EXPERT_OPINION = "expert_opinion", "鉴定意见"
        INSPECTION_RECORD = "inspection_record", "勘验笔录、现场笔录"

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="evidence", verbose_name="案件"
    )
    kind = models.CharField("证据种类", max_length=20, choices=Kind)
    description = models.TextField("证据说明")
    blob = models.ForeignKey(
        "ledger.Blob",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="文件",
    )
    collected_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="取证人"
    )
    collected_on = models.DateField("取证日期")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "证据"
        verbose_name_plural = "证据"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.description[:30]}"


class Review(models.Model):
    """法制审核 (XF-58, SZ-8)."""

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="reviews", verbose_name="案件"
    )
    reviewer = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="审核人"
    )
    approved = models.BooleanField("审核通过")
    opinion = models.TextField("审核意见")
    reviewed_on = models.DateField("审核日期")
    # XF-58: what the review saw (notices, statements, hearings, the proposal), as a fingerprint;
    # a review whose basis differs from the case's at decision time is stale.
    basis = models.TextField("审核时案件状况", blank=True, default="")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "法制审核"
        verbose_name_plural = "法制审核"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case} 法制审核（{'通过' if self.approved else '未通过'}）"


class Discussion(models.Model):
    """集体讨论 by the heads (XF-57, CL-6)."""

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="discussions", verbose_name="案件"
    )
    chair = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="主持人"
    )
    participants = models.JSONField("参加人员", default=list)
    minutes = models.TextField("讨论记录")
    conclusion = models.TextField("讨论结论")
    held_on = models.DateField("讨论日期")
    # CL-6: a discussion that rules on a departure from the benchmark records the proposal it was
    # about (level and fine) and whether it approves the departure; "" = a discussion of the case.
    about_level = models.CharField("讨论的裁量阶次", max_length=20, blank=True, default="")
    about_fine = models.DecimalField(
        "讨论的罚款金额", max_digits=12, decimal_places=2, null=True, blank=True
    )
    approves_deviation = models.BooleanField("同意偏离裁量基准", null=True, blank=True)
    # XF-60: a discussion approving a further extension of the period.
    approves_extension = models.BooleanField("同意再次延长办案期限", default=False)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "集体讨论"
        verbose_name_plural = "集体讨论"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case} 集体讨论 {self.held_on}"


class Notice(models.Model):
    """事先告知 (XF-44) and, where the party has the right, 听证告知 (XF-63)."""

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="notices", verbose_name="案件"
    )
    proposal = models.JSONField("告知的拟处罚内容")
    hearing_right = models.BooleanField("告知听证权利")
    served_on = models.DateField("送达日期")
    statement_by = models.DateField("陈述申辩期限")
    hearing_request_by = models.DateField("听证申请期限", null=True, blank=True)
    served_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="送达人"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "事先告知"
        verbose_name_plural = "事先告知"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case} 事先告知 {self.served_on}"


class Statement(models.Model):
    """陈述申辩 (XF-45), or the party's written waiver of statement and hearing (XF-62)."""

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="statements", verbose_name="案件"
    )
    waiver = models.BooleanField("书面放弃陈述申辩和听证", default=False)
    content = models.TextField("陈述申辩内容", blank=True)
    accepted = models.BooleanField("复核后采纳", null=True, blank=True)
    # helper:forms (XF-45): the re-examination of the party's facts, reasons and evidence; a
    # statement not adopted states why.
    review_opinion = models.TextField("复核意见", blank=True)
    received_on = models.DateField("收到日期")
    recorded_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="记录人"
    )
    # XF-62: a waiver is written: the page the party signed, or two officers witnessing its words.
    waiver_blob = models.ForeignKey(
        "ledger.Blob",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="当事人签字的放弃书",
    )
    witnessed_by = models.JSONField("见证执法人员", default=list, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "陈述申辩"
        verbose_name_plural = "陈述申辩"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case} {'放弃陈述申辩' if self.waiver else '陈述申辩'}"


class Hearing(models.Model):
    """听证 (XF-63, XF-64)."""

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="hearings", verbose_name="案件"
    )
    requested_on = models.DateField("申请日期")
    notified_on = models.DateField("通知听证日期", null=True, blank=True)
    held_on = models.DateField("举行日期", null=True, blank=True)
    chair = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="主持人",
    )
    public = models.BooleanField("公开举行", default=True)
    record = models.TextField("听证笔录", blank=True)
    # XF-64: the head names the chair; the party may challenge the chair, the head decides.
    chair_named_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="指定主持人的负责人",
    )
    chair_named_on = models.DateField("指定主持人日期", null=True, blank=True)
    challenges = models.JSONField("当事人申请主持人回避", default=list, blank=True)
    # XF-64 (行政处罚法第六十四条第八项): read back and signed, or the refusal noted by the chair.
    transcript_signed = models.BooleanField("笔录经当事人核对签字", default=False)
    unsigned_note = models.TextField("当事人拒绝签字的说明", blank=True, default="")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "听证"
        verbose_name_plural = "听证"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case} 听证 {self.held_on or '待举行'}"


class Service(models.Model):
    """送达 of a decision (XF-61)."""

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="services", verbose_name="案件"
    )
    document = models.CharField("送达文书", max_length=30, default="decision")
    served_on = models.DateField("送达日期")
    method = models.CharField("送达方式", max_length=12, choices=PenaltyCase.ServiceMethod)
    consent = models.BooleanField("当事人书面同意电子送达", default=False)
    recipient = models.CharField("受送达人", max_length=100, blank=True)
    late_reason = models.TextField("逾期送达原因", blank=True)
    # --- helper:execution --- SD-1/SD-2: what the method needs, and the day it takes effect.
    witnesses = models.JSONField("留置送达见证人", default=list, blank=True)
    photo_blob = models.ForeignKey(
        "ledger.Blob",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="留置送达照片/录像",
    )
    receipt_signed_on = models.DateField("邮寄回执签收日期", null=True, blank=True)
    # [{"method", "on", "result"}]: the failed attempts before 公告送达 (SD-2).
    attempts = models.JSONField("此前送达未果记录", default=list, blank=True)
    effective_on = models.DateField("送达生效日期", null=True, blank=True)
    # --- /helper:execution ---
    served_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="送达人"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "送达"
        verbose_name_plural = "送达"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case} {self.get_method_display()} {self.served_on}"
