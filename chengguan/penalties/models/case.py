"""The case and its party (当事人)."""

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
    # --- content (PA-1, XF-30) ---
    # A natural person without a 居民身份证 is identified by another document (护照, 港澳台居民
    # 来往内地通行证, 外国人永久居留身份证 …); a birth date not read from the ID number names its source.
    document_type = models.CharField("其他证件类型", max_length=20, blank=True)
    document_number = EncryptedTextField("其他证件号码", blank=True)
    document_number_index = models.CharField(
        "其他证件号码索引", max_length=64, blank=True, db_index=True
    )
    birth_date_source = models.CharField("出生日期来源", max_length=100, blank=True)
    # --- end content ---
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
        return self.id_number_index or self.credit_code_index or self.document_number_index


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
        # --- helper:execution --- SD-1/SD-2: 委托/转交 and 公告送达 ("notice" is read as "public").
        ENTRUSTED = "entrusted", "委托/转交送达"
        PUBLIC = "public", "公告送达"
        # --- /helper:execution ---

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
    # --- helper:permits2 --- the permit the matter breaks, or 无证 (issue #14)
    permit_link = models.ForeignKey(
        "permits.PermitLink",
        on_delete=models.PROTECT,
        related_name="penalty_cases",
        null=True,
        blank=True,
        verbose_name="涉及的许可",
    )
    # --- /helper:permits2 ---
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
    # helper:forms (issue #15): the head's opinion written on the 立案审批表.
    registration_opinion = models.TextField("立案审批意见", blank=True)
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
    # --- content (XF-28.2, XF-29.2, GH001-style percentage fines) ---
    illegal_income = models.DecimalField(
        "违法所得（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )
    refund_record = models.TextField("退赔记录", blank=True)
    fine_base = models.DecimalField(
        "罚款计算基数（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    also_breaches = models.JSONField("同一行为违反的其他规定（事项编码）", default=list, blank=True)
    # --- end content ---
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
