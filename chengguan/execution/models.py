"""行政强制执行 by the bureau itself (行政强制法 §§34–44): where a law gives the bureau that power,
from the 催告 to the execution, attached to a penalty case whose decision is not performed."""

from __future__ import annotations

from django.db import models

from chengguan.execution.states import Status


class Execution(models.Model):
    class Kind(models.TextChoices):
        # QZ-44: the illegal structure a 责令限期拆除 ordered away.
        DEMOLITION = "demolition", "强制拆除违法建筑物、构筑物、设施"
        # 排除妨碍、恢复原状 the party was ordered to do and did not.
        REMOVAL = "removal", "强制排除妨碍、恢复原状"
        # The unpaid fine itself (划拨存款、拍卖财物) where a law lets the bureau do it.
        FINE = "fine", "强制执行罚款"

    Status = Status

    class EndReason(models.TextChoices):
        PERFORMED = "performed", "当事人已履行"
        ADOPTED = "adopted", "当事人陈述申辩成立，已采纳"
        REVOKED = "revoked", "行政决定被撤销或变更"
        OTHER = "other", "其他终结执行的情形"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    case = models.ForeignKey(
        "penalties.PenaltyCase",
        on_delete=models.PROTECT,
        related_name="executions",
        verbose_name="案件",
    )
    kind = models.CharField("执行种类", max_length=12, choices=Kind)
    status = models.CharField("状态", max_length=10, choices=Status)
    # The law that gives this bureau the power (LOCAL_RULES bureau_execution_powers), as printed.
    basis = models.TextField("强制执行权依据")
    obligation = models.TextField("应履行的义务")
    # The 责令限期拆除/改正 the party did not perform (ZL-1 复查 found it not done).
    correction = models.ForeignKey(
        "penalties.CorrectionOrder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="未履行的责令改正",
    )
    # QZ-35: the written 催告 — period, way, amount, the right to state and defend.
    demand_served_on = models.DateField("催告书送达日期")
    demand_method = models.CharField("送达方式", max_length=12)
    demand_perform_by = models.DateField("催告履行期限")
    demand_way = models.CharField("履行方式", max_length=300)
    demand_amount = models.DecimalField(
        "涉及金额（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )
    rights_told = models.BooleanField("已告知陈述申辩权", default=False)
    demanded_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="催告人"
    )
    # QZ-36: what the party said (or that it said nothing), and the 复核 of it.
    statement_received_on = models.DateField("陈述申辩日期", null=True, blank=True)
    statement = models.TextField("陈述申辩内容", blank=True)
    statement_none = models.BooleanField("当事人未提出陈述申辩", default=False)
    statement_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="记录人",
    )
    review_opinion = models.TextField("复核意见", blank=True)
    review_adopted = models.BooleanField("陈述申辩成立", null=True, blank=True)
    reviewed_on = models.DateField("复核日期", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="复核人",
    )
    # QZ-37/QZ-38: the written decision — reason, way, time.
    decided_on = models.DateField("强制执行决定日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="决定负责人",
    )
    decision_reason = models.TextField("强制执行理由", blank=True)
    method = models.CharField("强制执行方式", max_length=300, blank=True)
    scheduled_at = models.DateTimeField("拟执行时间", null=True, blank=True)
    # QZ-44: the public notice with the party's own period to demolish.
    notice_posted_on = models.DateField("公告日期", null=True, blank=True)
    notice_place = models.CharField("公告地点", max_length=200, blank=True)
    notice_demolish_by = models.DateField("限期自行拆除至", null=True, blank=True)
    notice_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="公告人",
    )
    # QZ-43: when it was carried out; an emergency at night or on a holiday says why.
    executed_at = models.DateTimeField("执行时间", null=True, blank=True)
    emergency = models.BooleanField("情况紧急", default=False)
    emergency_reason = models.TextField("紧急情况说明", blank=True)
    result = models.TextField("执行情况", blank=True)
    executed_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="执行人",
    )
    ended_on = models.DateField("终结日期", null=True, blank=True)
    end_reason = models.CharField("终结理由", max_length=12, choices=EndReason, blank=True)
    end_note = models.TextField("终结说明", blank=True)
    ended_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="终结人",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "行政强制执行"
        verbose_name_plural = "行政强制执行"
        ordering = ["case_id", "id"]
        indexes = [models.Index(fields=["bureau", "status"], name="execution_bureau_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
