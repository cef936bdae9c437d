"""Records of execution and after: payment, remedies, arrangements, demands, court
enforcement, preservation, cash remittance and certificates shown."""

from __future__ import annotations

from django.db import models

from .case import PenaltyCase
from .procedure import Evidence


class Payment(models.Model):
    """罚款缴纳 (XF-67, XF-68, XF-70, XF-72)."""

    class Channel(models.TextChoices):
        BANK = "bank", "银行缴纳"
        EPAY = "epay", "电子支付"
        ON_SPOT = "on_spot", "当场收缴"

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="payments", verbose_name="案件"
    )
    amount = models.DecimalField("缴纳金额（元）", max_digits=12, decimal_places=2)
    fine = models.DecimalField("其中罚款（元）", max_digits=12, decimal_places=2)
    surcharge = models.DecimalField("其中加处罚款（元）", max_digits=12, decimal_places=2)
    late_days = models.PositiveIntegerField("计算加处罚款的逾期天数", default=0)
    paid_on = models.DateField("缴纳日期")
    channel = models.CharField("缴纳方式", max_length=10, choices=Channel)
    receipt_no = models.CharField("票据号", max_length=60, blank=True)
    # --- helper:execution --- XF-70: the bank / e-payment voucher (罚缴分离); TM-2: a back-dated
    # entry's reason and the approving head.
    voucher_no = models.CharField("缴款凭证号", max_length=60, blank=True)
    backdate_reason = models.TextField("补记理由", blank=True)
    backdate_approved_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="补记批准人",
    )
    # --- /helper:execution ---
    # With an approved instalment plan or deferral (XF-66) each payment settles one instalment.
    instalment = models.ForeignKey(
        "Instalment",
        on_delete=models.PROTECT,
        related_name="payments",
        null=True,
        blank=True,
        verbose_name="所缴期次",
    )
    recorded_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "缴款"
        verbose_name_plural = "缴款"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case} 缴款 {self.amount}元"


class RemedyProceeding(models.Model):
    """行政复议 or 行政诉讼 against a decision; while pending the surcharge does not run (XF-73)."""

    class Kind(models.TextChoices):
        RECONSIDERATION = "reconsideration", "行政复议"
        LITIGATION = "litigation", "行政诉讼"

    class Outcome(models.TextChoices):
        UPHELD = "upheld", "维持"
        CHANGED = "changed", "变更"
        REVOKED = "revoked", "撤销"
        CONFIRMED_UNLAWFUL = "confirmed_unlawful", "确认违法"
        WON = "won", "胜诉"
        LOST = "lost", "败诉"
        WITHDRAWN = "withdrawn", "撤回/终止"

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="remedies", verbose_name="案件"
    )
    kind = models.CharField("类别", max_length=16, choices=Kind)
    body = models.CharField("复议机关/法院", max_length=100, blank=True)
    filed_on = models.DateField("申请/起诉日期")
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    outcome = models.CharField("结果", max_length=20, choices=Outcome, blank=True)
    # 行政机关负责人出庭应诉 (行政诉讼法第三条).
    head_appeared = models.BooleanField("负责人出庭应诉", default=False)
    note = models.TextField("备注", blank=True)
    # --- helper:execution --- XF-73: the acceptance notice (受理通知书) that proves the proceeding;
    # only a proven one pauses the surcharge.
    proof_number = models.CharField("受理通知书文号", max_length=100, blank=True)
    proof_date = models.DateField("受理通知书日期", null=True, blank=True)
    # --- /helper:execution ---
    recorded_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "复议诉讼"
        verbose_name_plural = "复议诉讼"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()}"


class PaymentArrangement(models.Model):
    """暂缓或者分期缴纳罚款 (XF-66): the party's application and the head's decision on it."""

    class Kind(models.TextChoices):
        DEFERRAL = "deferral", "暂缓缴纳"
        INSTALMENTS = "instalments", "分期缴纳"

    class Status(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "已批准"
        REFUSED = "refused", "不予批准"

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="arrangements", verbose_name="案件"
    )
    kind = models.CharField("申请事项", max_length=12, choices=Kind)
    status = models.CharField("审批状态", max_length=10, choices=Status, default=Status.PENDING)
    applied_on = models.DateField("申请日期")
    reason = models.TextField("申请理由")
    recorded_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    decided_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="审批人",
    )
    decided_on = models.DateField("审批日期", null=True, blank=True)
    opinion = models.TextField("审批意见", blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "暂缓（分期）缴纳"
        verbose_name_plural = "暂缓（分期）缴纳"
        ordering = ["id"]
        constraints = [
            # One application in the head's hands and one schedule in force, at most.
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="pending"),
                name="arrangement_one_pending_per_case",
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="approved"),
                name="arrangement_one_approved_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()}（{self.get_status_display()}）"


class Instalment(models.Model):
    """One due date and amount of an approved schedule; a deferral is a schedule of one."""

    arrangement = models.ForeignKey(
        PaymentArrangement,
        on_delete=models.PROTECT,
        related_name="instalments",
        verbose_name="暂缓（分期）缴纳",
    )
    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="instalments", verbose_name="案件"
    )
    seq = models.PositiveSmallIntegerField("期次")
    amount = models.DecimalField("本期罚款（元）", max_digits=12, decimal_places=2)
    due_on = models.DateField("缴纳期限")
    paid_on = models.DateField("缴纳日期", null=True, blank=True)

    class Meta:
        verbose_name = "缴纳期次"
        verbose_name_plural = "缴纳期次"
        ordering = ["arrangement_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["arrangement", "seq"], name="instalment_seq_unique"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="instalment_positive"),
        ]

    def __str__(self) -> str:
        return f"第{self.seq}期 {self.amount}元（{self.due_on}前）"


class Demand(models.Model):
    """催告 before applying to the court (行政强制法第三十五条、第五十四条, QZ-54)."""

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="demands", verbose_name="案件"
    )
    served_on = models.DateField("送达日期")
    method = models.CharField("送达方式", max_length=12, choices=PenaltyCase.ServiceMethod)
    recipient = models.CharField("受送达人", max_length=100, blank=True)
    # What the demand asked for, fixed at its service date (the 催告书 prints these).
    fine_due = models.DecimalField("催告缴纳罚款（元）", max_digits=12, decimal_places=2)
    surcharge_due = models.DecimalField("加处罚款（元）", max_digits=12, decimal_places=2)
    perform_by = models.DateField("履行期限")
    note = models.TextField("备注", blank=True)
    recorded_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "催告"
        verbose_name_plural = "催告"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case} 催告 {self.served_on}"


class EnforcementApplication(models.Model):
    """申请人民法院强制执行 (QZ-53) and what the court made of it."""

    class Outcome(models.TextChoices):
        GRANTED = "granted", "准予执行"
        REFUSED = "refused", "不准予执行"
        COMPLETED = "completed", "执行完毕"
        TERMINATED = "terminated", "终结执行"

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="enforcements", verbose_name="案件"
    )
    court = models.CharField("受理法院", max_length=100)
    applied_on = models.DateField("申请日期")
    document_number = models.CharField("申请书文号", max_length=60)
    demand = models.ForeignKey(
        Demand, on_delete=models.PROTECT, related_name="+", verbose_name="所依据的催告"
    )
    fine_due = models.DecimalField("申请执行罚款（元）", max_digits=12, decimal_places=2)
    surcharge_due = models.DecimalField("申请执行加处罚款（元）", max_digits=12, decimal_places=2)
    outcome = models.CharField("法院处理结果", max_length=12, choices=Outcome, blank=True)
    outcome_on = models.DateField("结果日期", null=True, blank=True)
    ruling_number = models.CharField("裁定书文号", max_length=60, blank=True)
    outcome_note = models.TextField("结果说明", blank=True)
    recorded_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "申请强制执行"
        verbose_name_plural = "申请强制执行"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["case"], name="enforcement_one_per_case"),
        ]

    def __str__(self) -> str:
        return f"{self.case} 申请强制执行 {self.applied_on}"

    @property
    def concluded(self) -> bool:
        """The court's outcome ends enforcement: the case may be closed."""
        return self.outcome in (
            self.Outcome.REFUSED,
            self.Outcome.COMPLETED,
            self.Outcome.TERMINATED,
        )


class Preservation(models.Model):
    """先行登记保存 (XF-56): the head's approval, then the items registered, then a decision on
    them within seven working days. One row is one approval and what was registered under it."""

    class Status(models.TextChoices):
        APPROVED = "approved", "已批准，待登记"
        PRESERVED = "preserved", "已登记保存，待处理"
        DECIDED = "decided", "已作出处理决定"

    class Handling(models.TextChoices):
        RETURN = "return", "解除保存，退还当事人"
        CONFISCATE = "confiscate", "依法予以没收（作为证据）"
        TRANSFER = "transfer", "移送有关部门处理"
        OTHER = "other", "其他处理"

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="preservations", verbose_name="案件"
    )
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.APPROVED)
    reason = models.TextField("先行登记保存理由")
    approved_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="批准负责人"
    )
    approved_on = models.DateField("批准日期")
    # [{"description", "quantity", "location"}]: 物品清单 as handed to the party.
    items = models.JSONField("物品清单", default=list, blank=True)
    preserved_on = models.DateField("登记保存日期", null=True, blank=True)
    preserved_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="登记人",
    )
    # Null while the calendar does not reach that far (CAL-2): recomputed when deciding.
    decide_by = models.DateField("应作出处理决定日期", null=True, blank=True)
    handling = models.CharField("处理决定", max_length=12, choices=Handling, blank=True)
    handling_note = models.TextField("处理说明", blank=True)
    decided_on = models.DateField("处理决定日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="处理决定人",
    )
    late = models.BooleanField("逾期作出处理决定", default=False)
    late_reason = models.TextField("逾期原因", blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "先行登记保存"
        verbose_name_plural = "先行登记保存"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case} 先行登记保存（{self.get_status_display()}）"


class CashRemittance(models.Model):
    """当场收缴罚款的上缴 (XF-71): cash collected on the spot reaches the bureau within two working
    days, and the bank within two more. One row per on-the-spot payment."""

    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, related_name="remittance", verbose_name="缴款"
    )
    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="remittances", verbose_name="案件"
    )
    handed_in_on = models.DateField("交至本机关日期")
    receiver = models.CharField("本机关接收人", max_length=60)
    hand_in_late = models.BooleanField("逾期交至本机关", default=False)
    hand_in_late_reason = models.TextField("逾期交至本机关原因", blank=True)
    deposited_on = models.DateField("缴付银行日期", null=True, blank=True)
    bank_slip = models.CharField("银行缴款单号", max_length=60, blank=True)
    deposit_late = models.BooleanField("逾期缴付银行", default=False)
    deposit_late_reason = models.TextField("逾期缴付银行原因", blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "当场收缴罚款上缴"
        verbose_name_plural = "当场收缴罚款上缴"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case} 罚款上缴 {self.handed_in_on}"


class CertificateShown(models.Model):
    """出示执法证件 (XF-55, XF-52): which officer showed which certificate, on an inquiry or
    inspection record (``evidence``) or on the on-the-spot decision (``evidence`` empty)."""

    class Occasion(models.TextChoices):
        RECORD = "record", "询问/检查笔录"
        ONSITE_DECISION = "onsite_decision", "当场处罚决定"

    case = models.ForeignKey(
        PenaltyCase,
        on_delete=models.PROTECT,
        related_name="certificates_shown",
        verbose_name="案件",
    )
    evidence = models.ForeignKey(
        Evidence,
        on_delete=models.PROTECT,
        related_name="certificates_shown",
        null=True,
        blank=True,
        verbose_name="笔录",
    )
    occasion = models.CharField("场合", max_length=16, choices=Occasion)
    officer = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="执法人员"
    )
    certificate = models.ForeignKey(
        "org.Certificate", on_delete=models.PROTECT, related_name="+", verbose_name="执法证件"
    )
    # The number as shown that day, kept even if the certificate is later replaced.
    number = models.CharField("证件编号", max_length=40)
    shown_on = models.DateField("出示日期")

    class Meta:
        verbose_name = "出示执法证件"
        verbose_name_plural = "出示执法证件"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.officer} 出示 {self.number}"
