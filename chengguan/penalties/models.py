"""Administrative penalty cases (行政处罚) and every record of their procedure.

No workflow logic here: statuses change only in ``actions.py``. Every date the law cares about is a
column, so checks, deadlines and figures are plain reads.
"""

from __future__ import annotations

from django.db import models

from chengguan.core.pii import EncryptedTextField
from chengguan.law.models import Level
from chengguan.penalties.states import Status


class Party(models.Model):
    """当事人: a natural person or an organisation. Identity numbers are encrypted (PI-1)."""

    class Kind(models.TextChoices):
        PERSON = "person", "公民"
        ORGANISATION = "organisation", "法人或其他组织"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    kind = models.CharField("类别", max_length=12, choices=Kind)
    name = models.CharField("姓名/名称", max_length=200)
    id_number = EncryptedTextField("公民身份号码", blank=True)
    id_number_index = models.CharField("身份号码索引", max_length=64, blank=True, db_index=True)
    credit_code = EncryptedTextField("统一社会信用代码", blank=True)
    credit_code_index = models.CharField("信用代码索引", max_length=64, blank=True, db_index=True)
    legal_representative = models.CharField("法定代表人/负责人", max_length=60, blank=True)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    address = EncryptedTextField("住址/地址", blank=True)
    phone = EncryptedTextField("联系电话", blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    @property
    def identity_index(self) -> str:
        return self.id_number_index or self.credit_code_index


class PenaltyCase(models.Model):
    class Procedure(models.TextChoices):
        GENERAL = "general", "普通程序"
        SIMPLE = "simple", "简易程序"

    class Source(models.TextChoices):
        INSPECTION = "inspection", "巡查发现"
        CITY_CASE = "city_case", "数字城管转办"
        COMPLAINT = "complaint", "投诉举报"
        REFERRAL = "referral", "移送"
        OTHER = "other", "其他"

    class Outcome(models.TextChoices):
        """XF-57: what the head may decide after the investigation."""

        PENALTY = "penalty", "给予行政处罚"
        NO_PENALTY_MINOR = "no_penalty_minor", "违法行为轻微，不予行政处罚"
        NO_PENALTY_UNFOUNDED = "no_penalty_unfounded", "违法事实不能成立，不予行政处罚"
        TRANSFER = "transfer", "移送司法机关"

    class ServiceMethod(models.TextChoices):
        DIRECT = "direct", "直接送达"
        LEFT = "left", "留置送达"
        POST = "post", "邮寄送达"
        ELECTRONIC = "electronic", "电子送达"
        NOTICE = "notice", "公告送达"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="承办单位"
    )
    number = models.CharField("案件编号", max_length=60)
    procedure = models.CharField("程序", max_length=10, choices=Procedure)
    status = models.CharField(
        "状态", max_length=24, choices=Status, default=Status.PENDING_REGISTRATION
    )
    power_item = models.ForeignKey(
        "law.PowerItem", on_delete=models.PROTECT, related_name="cases", verbose_name="权责事项"
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="cases", verbose_name="当事人"
    )
    officers = models.ManyToManyField(
        "org.Staff", related_name="penalty_cases", verbose_name="执法人员"
    )
    source = models.CharField("案件来源", max_length=12, choices=Source, default=Source.INSPECTION)
    city_case_id = models.BigIntegerField("数字城管案卷", null=True, blank=True, db_index=True)
    facts = models.TextField("违法事实")
    act_date = models.DateField("违法行为发生日期")
    act_end_date = models.DateField("违法行为终了日期", null=True, blank=True)
    # XF-36: where life, health or financial safety is harmed the limitation is 5 years.
    grave_harm = models.BooleanField("涉及公民生命健康安全、金融安全且有危害后果", default=False)
    discovered_date = models.DateField("发现日期")
    # XF-57/XF-58 triggers that are facts of the case, set by the officers when opening it.
    complex_case = models.BooleanField("案情疑难复杂或涉及多个法律关系", default=False)
    public_interest = models.BooleanField("涉及重大公共利益", default=False)

    created_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    register_by = models.DateField("应立案日期", null=True, blank=True)
    registered_on = models.DateField("立案日期", null=True, blank=True)
    registered_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="立案批准人",
    )
    decide_by = models.DateField("应作出决定日期", null=True, blank=True)
    extension_until = models.DateField("延长办案期限至", null=True, blank=True)
    extension_reason = models.TextField("延期理由", blank=True)

    # Investigation outcome (XF-57) and the proposed decision (事先告知的内容).
    outcome = models.CharField("调查终结结论", max_length=24, choices=Outcome, blank=True)
    concluded_on = models.DateField("调查终结日期", null=True, blank=True)
    investigation_report = models.TextField("调查终结报告", blank=True)
    proposal = models.JSONField("拟处罚意见", null=True, blank=True)

    # The decision (XF-57, XF-59).
    decision_kind = models.CharField("决定类型", max_length=24, choices=Outcome, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="决定人",
    )
    decision_number = models.CharField("决定书文号", max_length=60, blank=True)
    penalty_types = models.JSONField("处罚种类", default=list, blank=True)
    fine_amount = models.DecimalField(
        "罚款金额（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )
    confiscation_amount = models.DecimalField(
        "没收金额（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )
    level = models.CharField("裁量阶次", max_length=12, choices=Level, blank=True)
    grounds = models.JSONField("裁量情节", default=list, blank=True)
    correction = models.TextField("责令改正内容", blank=True)
    benchmark = models.ForeignKey(
        "law.Benchmark",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="适用裁量基准",
    )
    deviation_reason = models.TextField("偏离裁量基准理由", blank=True)
    exemption = models.ForeignKey(
        "law.ExemptionItem",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="适用免罚清单事项",
    )
    education_record = models.TextField("教育记录", blank=True)
    transferred_to = models.CharField("移送机关", max_length=100, blank=True)
    # XF-52: an on-the-spot decision is filed (备案) with the bureau.
    filing_due = models.DateField("备案期限", null=True, blank=True)
    filed_on = models.DateField("备案日期", null=True, blank=True)
    refused_to_sign = models.BooleanField("当事人拒绝签收", default=False)
    # SZ-3: published within 7 working days of the decision.
    publish_by = models.DateField("应公示日期", null=True, blank=True)
    # Set when a reconsideration or litigation revokes the decision (read by disclosure, XF-48).
    decision_revoked_on = models.DateField("决定被撤销日期", null=True, blank=True)
    decision_changed_on = models.DateField("决定被变更/确认违法日期", null=True, blank=True)

    # Service (XF-61).
    serve_by = models.DateField("应送达日期", null=True, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    service_method = models.CharField("送达方式", max_length=12, choices=ServiceMethod, blank=True)
    # Payment (XF-67, XF-72).
    pay_by = models.DateField("缴款期限", null=True, blank=True)
    paid_on = models.DateField("缴款日期", null=True, blank=True)
    paid_amount = models.DecimalField(
        "已缴金额（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )
    surcharge_paid = models.DecimalField(
        "加处罚款（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )

    closed_on = models.DateField("结案日期", null=True, blank=True)
    closed_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="结案批准人",
    )
    archived_on = models.DateField("归档日期", null=True, blank=True)

    class Meta:
        verbose_name = "行政处罚案件"
        verbose_name_plural = "行政处罚案件"
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "number"], name="penaltycase_number_unique"),
            models.UniqueConstraint(
                fields=["bureau", "decision_number"],
                condition=~models.Q(decision_number=""),
                name="penaltycase_decision_number_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["bureau", "status"]),
            models.Index(fields=["bureau", "decided_on"]),
        ]

    def __str__(self) -> str:
        return self.number


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
    received_on = models.DateField("收到日期")
    recorded_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="记录人"
    )
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
